"""Is this file the embedded store, whole? Checked every time the store file is opened, before anything writes.

A missing file is a new store. Anything else must be an SQLite database whose header is sound (the magic
string, a valid page size, a length of whole pages, no fewer pages than the header counts), whose schema
version this release knows, and which passes SQLite's ``PRAGMA quick_check`` when the file is at most
``LANTERN_STORE_CHECK_MAX_BYTES`` (about a second per gigabyte when cached). A file that fails is refused with
:class:`StoreDamaged` and left as it was: the checks only read (``PRAGMA query_only``), and nothing is created,
migrated or replaced. (The connection is read-write with ``query_only`` rather than read-only, so that SQLite
can rebuild the WAL index a crashed process left, which a read-only connection cannot.) A file of 0 bytes is
refused too: it is what a truncated store looks like, and starting a new store over it would hide the loss.

``lantern store check`` runs the full ``PRAGMA integrity_check`` at any size (:func:`full_check`).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from lantern.errors import ConfigError

MAGIC = b"SQLite format 3\x00"
DEFAULT_CHECK_BYTES = 1024 * 1024 * 1024
HEADER_BYTES = 100
RESTORE_HINT = (
    "the file was left untouched; restore the last backup (`lantern store backup` makes them), "
    "or move the file away to start a new, empty store"
)
_checked: dict[str, tuple[int, int]] = {}  # path → (size, mtime_ns) of a file that passed in this process


class StoreDamaged(ConfigError):  # noqa: N818 (reads as what it says)
    """The store file is not a whole embedded store; nothing was written to it."""


def check_store_file(path: Path, *, quick_check_max_bytes: int, schema_version: int) -> None:
    """Refuse (:class:`StoreDamaged`) a store file that is damaged, empty, foreign or from a newer release."""
    if str(path) == ":memory:" or not path.exists():
        return
    stat = path.stat()
    if _checked.get(str(path)) == (stat.st_size, stat.st_mtime_ns):
        return
    check_header(path)
    problem = _database_problem(path, quick=stat.st_size <= quick_check_max_bytes, known=schema_version)
    if problem:
        raise StoreDamaged(f"the embedded store {path} {problem}", hint=RESTORE_HINT)
    _checked[str(path)] = (stat.st_size, stat.st_mtime_ns)


def check_header(path: Path) -> None:
    """The first 100 bytes and the length of the file make sense for an SQLite database."""
    size = path.stat().st_size
    if size == 0:
        raise StoreDamaged(f"the embedded store {path} is empty (0 bytes): truncated or replaced", hint=RESTORE_HINT)
    with open(path, "rb") as handle:
        header = handle.read(HEADER_BYTES)
    if len(header) < HEADER_BYTES or not header.startswith(MAGIC):
        raise StoreDamaged(f"{path} is not an SQLite database (its header is wrong)", hint=RESTORE_HINT)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise StoreDamaged(f"the embedded store {path} has a damaged header (page size)", hint=RESTORE_HINT)
    if size % page_size:
        raise StoreDamaged(f"the embedded store {path} is cut short (not whole pages)", hint=RESTORE_HINT)
    pages = int.from_bytes(header[28:32], "big")
    header_count_valid = header[92:96] == header[24:28]
    if header_count_valid and pages * page_size > size and not _has_wal(path):
        raise StoreDamaged(
            f"the embedded store {path} is cut short ({size // page_size} of {pages} pages)", hint=RESTORE_HINT
        )


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _database_problem(path: Path, *, quick: bool, known: int) -> str | None:
    """What is wrong inside the database (read-only), or ``None``."""
    try:
        conn = reading(path)
    except sqlite3.Error as exc:
        return f"cannot be opened: {exc}"
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "schema_version" not in tables:
            return "is an SQLite database but not a Lantern store (no schema_version table)"
        if tables:
            version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0
            if version > known:
                return f"has schema version {version}; this Lantern knows up to {known} (use a newer Lantern)"
        if quick:
            result = conn.execute("PRAGMA quick_check(5)").fetchall()
            if [row[0] for row in result] != ["ok"]:
                return "is damaged: " + "; ".join(str(row[0]) for row in result)
    except sqlite3.DatabaseError as exc:
        return f"is damaged: {exc}"
    finally:
        conn.close()
    return None


def reading(path: Path) -> sqlite3.Connection:
    """A connection that only reads (``query_only``) the existing file at ``path`` (read-only when the file or its
    folder cannot be written)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=30)
    except sqlite3.OperationalError:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    conn.execute("PRAGMA query_only = 1")
    return conn


def full_check(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` of the whole file: an empty list when it is sound, else the problems found."""
    check_header(path)
    try:
        conn = reading(path)
        try:
            rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check(100)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def forget(path: Path) -> None:
    """Check ``path`` again the next time it is opened in this process (after a restore, in tests)."""
    _checked.pop(str(path), None)
    _checked.pop(os.fspath(path), None)
