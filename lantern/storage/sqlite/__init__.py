"""The embedded store: one SQLite file (WAL, FTS5); the schema is in :mod:`lantern.storage.sqlite.schema`."""
