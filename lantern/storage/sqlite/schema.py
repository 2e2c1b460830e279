"""The embedded store's SQLite schema (one file, ``settings.store_path``) and its migrations.

This schema is a contract inside Lantern: the research exports (``lantern/exports/``) aggregate with SQL over
it, the crawl-runs log (:mod:`lantern.runs`) lives in the same file. Columns are only ever added, never renamed
or dropped; every change is a new entry in :data:`MIGRATIONS`.

Tables
------
``items``
    One row per stored item. ``rowid`` is an integer alias used only by the full-text index; ``id`` is the
    item id. The filter columns are copies of StoredItem fields:

    - ``risk_rank`` 0..3 (none, low, medium, high) and ``risk_level`` text, ``risk_score`` 0..1
    - ``min_age`` (NULL when no age is stated), ``lexicon_version``, ``analyzer_version``, ``language``
    - ``posted_at``, ``first_seen``, ``last_seen``, ``fetched_at``: ISO 8601 text as stored
    - ``date_epoch``: UTC epoch seconds of ``posted_at``, falling back to ``first_seen`` (a naive date counts as
      UTC). The date an item counts under: ``since``/``until`` and trend buckets use it. Indexed.
    - ``title``, ``text``: the item's text (the full-text index reads them from here).
    - ``doc``: JSON of the rest of the StoredItem (``analysis``, ``author``, ``thread``, ``location_hint`` and
      any extra keys). A StoredItem is ``doc`` plus the columns; the columns win. Use
      ``json_extract(doc, '$.analysis.signals')`` etc. for the parts without a column.

``item_flags(item_id, flag)``, ``item_countries(item_id, country)``, ``item_phones(item_id, phone)``
    One row per distinct flag / ISO 3166-1 alpha-2 country / E.164 phone of an item. ``item_id`` is
    ``items.id``. Indexed both ways.

``item_locations(item_id, name, country, kind, geonameid, lat, lon, destination)``
    One row per distinct resolved place of an item (distinct by name, country and geonameid); ``destination``
    is 1 when any mention of the place was a destination, else 0.

``items_fts``
    FTS5 over ``title`` and ``text`` (external content = ``items``, unicode61, diacritics removed), kept in sync
    by triggers.

``crawl_runs(run_id, source, started_at, ended_at, status, stats, log_file, error, reasons, pid, host)``
    One row per crawl run (see :mod:`lantern.runs`); ``stats`` is a JSON object of integer counters, ``reasons``
    a JSON list of sentences saying why a run is ``degraded`` or ``failed``; ``pid`` and ``host`` name the
    process of a ``running`` run.

``schema_version(version)``
    The highest migration applied.
"""

from __future__ import annotations

import sqlite3

BUSY_TIMEOUT_MS = 30_000

_V1 = """
CREATE TABLE items (
    rowid            INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    url              TEXT NOT NULL,
    source           TEXT NOT NULL,
    kind             TEXT NOT NULL,
    site             TEXT NOT NULL,
    title            TEXT NOT NULL DEFAULT '',
    text             TEXT NOT NULL DEFAULT '',
    language         TEXT NOT NULL DEFAULT 'und',
    posted_at        TEXT,
    fetched_at       TEXT,
    first_seen       TEXT NOT NULL,
    last_seen        TEXT NOT NULL,
    times_seen       INTEGER NOT NULL DEFAULT 1,
    date_epoch       INTEGER NOT NULL,
    content_hash     TEXT NOT NULL,
    lexicon_version  TEXT NOT NULL,
    analyzer_version TEXT NOT NULL,
    risk_rank        INTEGER NOT NULL,
    risk_level       TEXT NOT NULL,
    risk_score       REAL NOT NULL,
    min_age          INTEGER,
    doc              TEXT NOT NULL
);
CREATE INDEX items_date ON items(date_epoch);
CREATE INDEX items_posted_at ON items(posted_at);
CREATE INDEX items_risk_date ON items(risk_rank, date_epoch);
CREATE INDEX items_source_date ON items(source, date_epoch);
CREATE INDEX items_kind ON items(kind);
CREATE INDEX items_min_age ON items(min_age);

CREATE TABLE item_flags (
    item_id TEXT NOT NULL,
    flag    TEXT NOT NULL,
    PRIMARY KEY (item_id, flag)
) WITHOUT ROWID;
CREATE INDEX item_flags_flag ON item_flags(flag, item_id);

CREATE TABLE item_countries (
    item_id TEXT NOT NULL,
    country TEXT NOT NULL,
    PRIMARY KEY (item_id, country)
) WITHOUT ROWID;
CREATE INDEX item_countries_country ON item_countries(country, item_id);

CREATE TABLE item_phones (
    item_id TEXT NOT NULL,
    phone   TEXT NOT NULL,
    PRIMARY KEY (item_id, phone)
) WITHOUT ROWID;
CREATE INDEX item_phones_phone ON item_phones(phone, item_id);

CREATE TABLE item_locations (
    item_id     TEXT NOT NULL,
    name        TEXT NOT NULL,
    country     TEXT NOT NULL,
    kind        TEXT,
    geonameid   INTEGER,
    lat         REAL,
    lon         REAL,
    destination INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX item_locations_item ON item_locations(item_id);
CREATE INDEX item_locations_country ON item_locations(country, item_id);
CREATE INDEX item_locations_place ON item_locations(geonameid);

CREATE VIRTUAL TABLE items_fts USING fts5(
    title, text, content='items', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
    INSERT INTO items_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    INSERT INTO items_fts(items_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF title, text ON items BEGIN
    INSERT INTO items_fts(items_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO items_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE crawl_runs (
    run_id     TEXT PRIMARY KEY,
    source     TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    status     TEXT NOT NULL,
    stats      TEXT NOT NULL DEFAULT '{}',
    log_file   TEXT,
    error      TEXT
);
CREATE INDEX crawl_runs_started ON crawl_runs(started_at);
CREATE INDEX crawl_runs_source ON crawl_runs(source, started_at);
"""

_V2 = """
-- Trend exports join the side tables to items by id; this index answers those joins without reading item rows.
CREATE INDEX IF NOT EXISTS items_trend ON items(id, date_epoch, risk_rank, source);
"""

_V3 = """
-- Honest run status: why a run ended degraded or failed, and which process runs it (a dead one is detected).
ALTER TABLE crawl_runs ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';
ALTER TABLE crawl_runs ADD COLUMN pid INTEGER;
ALTER TABLE crawl_runs ADD COLUMN host TEXT;
"""

#: Migration scripts; entry ``n`` (1-based) brings the schema to version ``n``. Append only.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: str, *, readonly: bool = False, busy_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with WAL and a busy timeout."""
    conn = sqlite3.connect(path, timeout=busy_ms / 1000, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of a database (0 for an empty one)."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date (idempotent; safe when several processes start at once). Returns the version."""
    if current_version(conn) >= SCHEMA_VERSION:
        return SCHEMA_VERSION
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        version = current_version(conn)
        for number in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version(version) VALUES (?)", (number,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (triggers contain semicolons)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
