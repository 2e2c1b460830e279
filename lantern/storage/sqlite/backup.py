"""A consistent copy of the embedded store while it is in use, with SQLite's online backup.

The copy is made page by page from a read connection (crawls may go on writing; SQLite restarts the copy of a
step when the source changed under it), written under a temporary name beside the target, checked with
``PRAGMA quick_check`` and renamed into place, so the target is either the previous file or a whole, checked
copy. The copy is a standalone database (journal mode DELETE): one file, no WAL beside it.

Example::

    pages = backup_store(Path("lantern-data/lantern.db"), Path("/backups/lantern-2026-12-01.db"))
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lantern.atomic import atomic_output, refuse_inputs
from lantern.errors import InputError
from lantern.storage.sqlite.integrity import check_header, reading

PAGES_PER_STEP = 4096


def backup_store(source: Path, target: Path) -> int:
    """Copy the store at ``source`` to ``target``; returns the number of pages copied."""
    if not source.is_file():
        raise InputError(f"no embedded store at {source}", hint="check LANTERN_DATA_DIR")
    check_header(source)
    copied = 0

    def progress(_status: int, remaining: int, total: int) -> None:
        nonlocal copied
        copied = total - remaining

    wal, shm = (source.with_name(source.name + suffix) for suffix in ("-wal", "-shm"))
    refuse_inputs(target, [source, wal, shm], "the store itself")
    with atomic_output(target) as temporary:
        reader = reading(source)
        writer = sqlite3.connect(temporary)
        try:
            reader.backup(writer, pages=PAGES_PER_STEP, progress=progress)
            writer.execute("PRAGMA journal_mode = DELETE")
            result = writer.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise InputError(f"cannot back up {source}: {exc}", hint="run `lantern store check`") from None
        finally:
            writer.close()
            reader.close()
        if result != "ok":
            raise InputError(f"the backup of {source} does not pass quick_check: {result}")
    return copied
