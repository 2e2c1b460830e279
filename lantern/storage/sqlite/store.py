"""The embedded store: one SQLite file (WAL, FTS5) behind :class:`lantern.storage.base.StorageBackend`.

Safe for a crawl writing while ``lantern search`` reads (WAL readers never block the writer). Writes happen in
one transaction per batch and are committed when :meth:`SQLiteStore.upsert` returns. The schema is described in
:mod:`lantern.storage.sqlite.schema`. A write SQLite cannot do for now (database locked past the busy timeout,
disk full, I/O error, a page found damaged) raises :class:`~lantern.storage.errors.StorageUnavailable`.

The file is checked before it is opened (:mod:`lantern.storage.sqlite.integrity`): a damaged, emptied, foreign or
newer file is refused with :class:`~lantern.storage.sqlite.integrity.StoreDamaged` and left untouched. A read
that finds damage later raises the same error.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from lantern.errors import ConfigError, InputError
from lantern.exports.buckets import Bucket
from lantern.exports.trends import BucketCount, Place, TrendSpec
from lantern.settings import Settings
from lantern.storage.base import LEVELS, ItemVersion, SearchQuery, SearchResult, StoreCounts, StoredItem
from lantern.storage.errors import StorageUnavailable
from lantern.storage.phones import normalise_phone
from lantern.storage.search_text import QUERY_HINT
from lantern.storage.sqlite.integrity import DEFAULT_CHECK_BYTES, RESTORE_HINT, StoreDamaged, check_store_file
from lantern.storage.sqlite.query import filter_sql, fts_expression
from lantern.storage.sqlite.reanalysis import replace_analyses, stale_batches
from lantern.storage.sqlite.rows import (
    READ_COLUMNS,
    SIDE_INSERTS,
    UPSERT_SQL,
    item_row,
    row_item,
    side_rows,
)
from lantern.storage.sqlite.schema import BUSY_TIMEOUT_MS, SCHEMA_VERSION, connect, migrate
from lantern.storage.sqlite.trends import sqlite_counts

_CHUNK = 500  # ids per IN (...) list; below SQLite's variable limit


def _chunks(values: Iterable[str], size: int = _CHUNK) -> Iterator[list[str]]:
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass(frozen=True)
class _Plan:
    """SQL for one query: ``count`` and ``rows`` take ``params``; ``page`` takes ``params`` + limit, offset."""

    count: str
    page: str
    rows: str
    params: list[Any]


class SQLiteStore:
    """Items in a local SQLite file. Thread-safe: one connection guarded by a lock."""

    name = "sqlite"

    def __init__(
        self,
        path: Path | str,
        *,
        phone_region: str = "NL",
        check_max_bytes: int = DEFAULT_CHECK_BYTES,
        busy_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        self.path = Path(path)
        self.phone_region = phone_region
        self._conn = open_store_file(self.path, check_max_bytes, busy_ms)
        self._lock = threading.RLock()

    @classmethod
    def from_settings(cls, settings: Settings) -> SQLiteStore:
        """The store at ``settings.store_path``."""
        return cls(
            settings.store_path,
            phone_region=settings.phone_region,
            check_max_bytes=settings.store_check_max_bytes,
            busy_ms=settings.store_busy_timeout * 1000,
        )

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock, _unavailable(self.path):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def upsert(self, items: Iterable[StoredItem]) -> int:
        """Insert or replace items by id in one transaction; returns how many were written."""
        batch = list(items)
        if not batch:
            return 0
        rows = [item_row(item) for item in batch]
        sides = [side_rows(item) for item in batch]
        ids = [item["id"] for item in batch]
        with self._transaction() as conn:
            for chunk in _chunks(ids):
                marks = ", ".join("?" for _ in chunk)
                for table in SIDE_INSERTS:
                    conn.execute(f"DELETE FROM {table} WHERE item_id IN ({marks})", chunk)
            conn.executemany(UPSERT_SQL, rows)
            for table, sql in SIDE_INSERTS.items():
                conn.executemany(sql, [row for side in sides for row in side[table]])
        return len(batch)

    def versions(self, ids: Iterable[str]) -> dict[str, ItemVersion]:
        """The stored version of each known id."""
        found: dict[str, ItemVersion] = {}
        with self._lock, _unavailable(self.path):
            for chunk in _chunks(ids):
                sql = (
                    "SELECT id, content_hash, lexicon_version, first_seen, times_seen, posted_at FROM items "
                    f"WHERE id IN ({', '.join('?' for _ in chunk)})"
                )
                for row in self._conn.execute(sql, chunk):
                    found[row["id"]] = ItemVersion(
                        row["content_hash"],
                        row["lexicon_version"],
                        row["first_seen"],
                        row["times_seen"],
                        row["posted_at"],
                    )
        return found

    def mark_seen(self, ids: Iterable[str], seen_at: str) -> int:
        """Set ``last_seen`` and increment ``times_seen``; returns how many items were updated."""
        updated = 0
        with self._transaction() as conn:
            for chunk in _chunks(ids):
                sql = (
                    "UPDATE items SET last_seen = ?, times_seen = times_seen + 1 "
                    f"WHERE id IN ({', '.join('?' for _ in chunk)})"
                )
                updated += conn.execute(sql, [seen_at, *chunk]).rowcount
        return updated

    def get(self, item_id: str) -> StoredItem | None:
        """One item by id, or ``None``."""
        with self._lock, _damage(self.path):
            row = self._conn.execute(f"SELECT {READ_COLUMNS} FROM items WHERE id = ?", (item_id,)).fetchone()
        return row_item(row) if row else None

    def find_ids(self, prefix: str, limit: int = 2) -> list[str]:
        """Ids starting with ``prefix`` (for ``lantern show`` with a short id)."""
        with self._lock, _damage(self.path):
            sql = "SELECT id FROM items WHERE id >= ? AND id < ? ORDER BY id LIMIT ?"  # an index range
            rows = self._conn.execute(sql, (prefix, prefix + "\U0010ffff", limit)).fetchall()
        return [row["id"] for row in rows]

    def _plan(self, query: SearchQuery) -> _Plan:
        """The SQL for a query: a count, a page and a stream, over shared parameters."""
        phone = normalise_phone(query.phone, self.phone_region) if query.phone else None
        clauses, params = filter_sql(query, phone)
        match = fts_expression(query.text) if query.text else None
        if match is None:
            where = " WHERE " + " AND ".join(clauses) if clauses else ""
            rows = f"SELECT {READ_COLUMNS} FROM items{where} ORDER BY items.date_epoch DESC, items.rowid DESC"
            return _Plan(f"SELECT count(*) FROM items{where}", rows + " LIMIT ? OFFSET ?", rows, params)
        if not clauses:  # rank inside the full-text index first, then read only one page of items
            ranked = "SELECT rowid AS r, rank FROM items_fts WHERE items_fts MATCH ? ORDER BY rank"
            page = f"SELECT {READ_COLUMNS} FROM ({ranked} LIMIT ? OFFSET ?) f JOIN items ON items.rowid = f.r"
            rows = f"SELECT {READ_COLUMNS} FROM ({ranked}) f JOIN items ON items.rowid = f.r"
            count = "SELECT count(*) FROM items_fts WHERE items_fts MATCH ?"
            return _Plan(count, page + " ORDER BY f.rank", rows + " ORDER BY f.rank", [match])
        joined = "FROM items_fts JOIN items ON items.rowid = items_fts.rowid WHERE " + " AND ".join(
            ["items_fts MATCH ?", *clauses]
        )
        rows = f"SELECT {READ_COLUMNS} {joined} ORDER BY items_fts.rank, items.date_epoch DESC"
        return _Plan(f"SELECT count(*) {joined}", rows + " LIMIT ? OFFSET ?", rows, [match, *params])

    def search(self, query: SearchQuery) -> SearchResult:
        """One page of matching items and the total number of matches."""
        plan = self._plan(query)
        with self._lock, _damage(self.path), _fts_errors():
            total = self._conn.execute(plan.count, plan.params).fetchone()[0]
            paging = [max(query.limit, 0), max(query.offset, 0)]
            rows = self._conn.execute(plan.page, [*plan.params, *paging]).fetchall()
        return SearchResult(total=total, items=[row_item(row) for row in rows])

    def iter_items(self, query: SearchQuery) -> Iterator[StoredItem]:
        """Every matching item, streamed from a separate read connection (limit and offset ignored)."""
        plan = self._plan(query)
        conn = connect(str(self.path), readonly=True) if str(self.path) != ":memory:" else self._conn
        try:
            with _damage(self.path):
                with _fts_errors():
                    cursor = conn.execute(plan.rows, plan.params)
                while rows := cursor.fetchmany(500):
                    yield from (row_item(row) for row in rows)
        finally:
            if conn is not self._conn:
                conn.close()

    def iter_stale(
        self,
        lexicon_version: str,
        *,
        sources: tuple[str, ...] = (),
        since: datetime | None = None,
        after_id: str | None = None,
        batch_size: int = 1000,
    ) -> Iterator[list[StoredItem]]:
        """Batches of items analysed with another lexicon version, ids ascending and > ``after_id`` (keyset)."""
        conn = connect(str(self.path), readonly=True) if str(self.path) != ":memory:" else self._conn
        try:
            yield from stale_batches(
                conn, lexicon_version, sources=sources, since=since, after_id=after_id, batch_size=batch_size
            )
        finally:
            if conn is not self._conn:
                conn.close()

    def update_analysis(self, updates: Iterable[tuple[str, str, Any]]) -> int:
        """Replace language, analysis, its columns and side tables of known ids, in one transaction."""
        batch = list(updates)
        if not batch:
            return 0
        with self._transaction() as conn:
            return replace_analyses(conn, batch)

    def trend_counts(self, spec: TrendSpec) -> tuple[list[BucketCount], list[Bucket], dict[tuple[str, str], Place]]:
        """Raw trend counts, aggregated in SQL (:mod:`lantern.storage.sqlite.trends`)."""
        with _damage(self.path):
            return sqlite_counts(self.path, spec)

    def counts(self) -> StoreCounts:
        """Totals by level, source, flag and country."""
        with self._lock, _damage(self.path):
            total = self._conn.execute("SELECT count(*) FROM items").fetchone()[0]
            by_level: dict[str, int] = dict.fromkeys(reversed(LEVELS), 0)
            by_level.update(self._group("SELECT risk_level, count(*) FROM items GROUP BY risk_level"))
            return StoreCounts(
                items=total,
                by_level=by_level,
                by_source=self._group("SELECT source, count(*) n FROM items GROUP BY source ORDER BY n DESC"),
                by_flag=self._group("SELECT flag, count(*) n FROM item_flags GROUP BY flag ORDER BY n DESC"),
                by_country=self._group(
                    "SELECT country, count(*) n FROM item_countries GROUP BY country ORDER BY n DESC"
                ),
            )

    def _group(self, sql: str) -> dict[str, int]:
        return {row[0]: row[1] for row in self._conn.execute(sql)}

    def close(self) -> None:
        """Close the connection (a checkpoint folds the WAL back into the file)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store_file(
    path: Path, check_max_bytes: int = DEFAULT_CHECK_BYTES, busy_ms: int = BUSY_TIMEOUT_MS
) -> sqlite3.Connection:
    """A connection to the store file at ``path`` (created when missing), checked first and migrated."""
    try:
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        check_store_file(path, quick_check_max_bytes=check_max_bytes, schema_version=SCHEMA_VERSION)
        conn = connect(str(path), busy_ms=busy_ms)
        migrate(conn)
    except StoreDamaged:
        raise
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc) or "not a database" in str(exc):
            raise StoreDamaged(f"the embedded store {path} is damaged: {exc}", hint=RESTORE_HINT) from None
        raise ConfigError(
            f"cannot open the store {path}: {exc}", hint="check LANTERN_DATA_DIR points to a writable folder"
        ) from None
    except OSError as exc:
        raise ConfigError(
            f"cannot open the store {path}: {exc}", hint="check LANTERN_DATA_DIR points to a writable folder"
        ) from None
    return conn


@contextmanager
def _unavailable(path: Path) -> Iterator[None]:
    """A write SQLite cannot do for now (locked, full, I/O, damaged) is the backend failing, not a bug."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise StorageUnavailable(
            f"the embedded store {path} cannot write now: {exc}", hint="check disk and locks"
        ) from None


@contextmanager
def _damage(path: Path) -> Iterator[None]:
    """A read that finds the file damaged raises :class:`StoreDamaged` (one line for the CLI, not a traceback)."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "malformed" not in str(exc):
            raise
        raise StoreDamaged(f"the embedded store {path} is damaged: {exc}", hint=RESTORE_HINT) from None


@contextmanager
def _fts_errors() -> Iterator[None]:
    """Turn an FTS5 query the builder let through but SQLite rejects into an InputError."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "MATCH" in str(exc):
            raise InputError(f"cannot run this search: {exc}", hint=QUERY_HINT) from None
        raise
