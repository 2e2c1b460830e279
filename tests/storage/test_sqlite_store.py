"""The embedded store: the storage contract plus what is particular to SQLite (WAL, concurrency, schema)."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from lantern.errors import ConfigError, InputError
from lantern.storage import open_store
from lantern.storage.base import SearchQuery
from lantern.storage.sqlite.query import fts_expression
from lantern.storage.sqlite.schema import SCHEMA_VERSION
from lantern.storage.sqlite.store import SQLiteStore
from tests.storage.contract import PHONE, StorageContract, corpus
from tests.storage.items import make_item


class TestSQLiteContract(StorageContract):
    @pytest.fixture
    def store(self, tmp_path):
        with SQLiteStore(tmp_path / "lantern.db") as store:
            yield store


def test_open_store_gives_the_embedded_store_by_default(settings):
    store = open_store(settings)
    assert isinstance(store, SQLiteStore) and store.path == settings.store_path
    store.close()


def test_file_uses_wal_and_has_the_schema_version(store_file):
    SQLiteStore(store_file).close()
    conn = sqlite3.connect(store_file)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_reopening_keeps_items(store_file):
    with SQLiteStore(store_file) as store:
        store.upsert(corpus())
    with SQLiteStore(store_file) as store:
        assert store.counts().items == 6


def test_a_file_that_is_not_a_database_is_a_config_error(tmp_path):
    bad = tmp_path / "lantern.db"
    bad.write_text("not a database " * 100)
    with pytest.raises(ConfigError):
        SQLiteStore(bad)


def test_side_tables_follow_replacement(store_file):
    with SQLiteStore(store_file) as store:
        store.upsert(corpus())
        store.upsert([make_item("item-high-ph", "Now a plain listing in Pattaya.", countries=("TH",))])
        conn = sqlite3.connect(store_file)
        rows = lambda sql: conn.execute(sql, ("item-high-ph",)).fetchall()  # noqa: E731
        assert rows("SELECT flag FROM item_flags WHERE item_id = ?") == []
        assert rows("SELECT phone FROM item_phones WHERE item_id = ?") == []
        assert rows("SELECT name, country, destination FROM item_locations WHERE item_id = ?") == [("Pattaya", "TH", 0)]
        assert store.search(SearchQuery(phone=PHONE)).total == 0
        assert store.search(SearchQuery(text="manila")).total == 0
        assert store.search(SearchQuery(text="pattaya")).total == 2


def test_locations_are_one_row_per_distinct_place(store_file):
    item = make_item("dup", "Manila then Manila again.", countries=("PH", "PH"), destination=True)
    with SQLiteStore(store_file) as store:
        store.upsert([item])
    rows = sqlite3.connect(store_file).execute("SELECT name, country, destination FROM item_locations").fetchall()
    assert rows == [("Manila", "PH", 1)]


def test_date_epoch_falls_back_to_first_seen(store_file):
    with SQLiteStore(store_file) as store:
        store.upsert(corpus())
    conn = sqlite3.connect(store_file)
    epoch = conn.execute("SELECT date_epoch FROM items WHERE id = 'item-none-news'").fetchone()[0]
    assert epoch == 1768899600  # 2026-01-20T09:00:00Z, its first_seen


def test_find_ids_by_prefix(store_file):
    with SQLiteStore(store_file) as store:
        store.upsert(corpus())
        assert store.find_ids("item-none") == ["item-none-news", "item-none-plain"]
        assert store.find_ids("item_") == []  # LIKE wildcards are literal


def test_reader_in_another_thread_while_writing(store_file):
    writer = SQLiteStore(store_file)
    reader = SQLiteStore(store_file)
    errors: list[BaseException] = []
    done = threading.Event()

    def write() -> None:
        try:
            for n in range(40):
                batch = [make_item(f"w{n}-{k}", f"hotel listing number {n} {k}", level="low") for k in range(25)]
                writer.upsert(batch)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=write)
    thread.start()
    seen = []
    while not done.is_set():
        seen.append(reader.search(SearchQuery(text="hotel", limit=5)).total)
    thread.join()
    assert not errors
    assert seen == sorted(seen)  # readers see whole committed batches only, never less than before
    assert all(total % 25 == 0 for total in seen)
    assert reader.search(SearchQuery(text="hotel")).total == 1000
    writer.close()
    reader.close()


def test_iter_items_streams_while_the_store_is_written(store_file):
    with SQLiteStore(store_file) as store:
        store.upsert(corpus())
        stream = store.iter_items(SearchQuery())
        first = next(stream)
        store.upsert([make_item("late", "Written during the stream.")])
        rest = list(stream)
    assert len(rest) + 1 >= 6 and first["id"] == "item-high-ph"


@pytest.mark.slow
def test_ten_thousand_upserts(store_file):
    items = [
        make_item(f"bulk-{n}", f"Listing {n} near the hotel", level="low", countries=("NL",)) for n in range(10_000)
    ]
    with SQLiteStore(store_file) as store:
        for start in range(0, len(items), 500):
            store.upsert(items[start : start + 500])
        assert store.counts().items == 10_000
        assert store.search(SearchQuery(text="hotel", countries=("NL",))).total == 10_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hotel", '("hotel")'),
        ("hotel police", '("hotel" AND "police")'),
        ('"new in town" OR touring*', '("new in town") OR ("touring"*)'),
        ("hotel -news -police", '((("hotel") NOT "news") NOT "police")'),
        ("NEAR(a b) title:x", '("NEAR(a" AND "b)" AND "title:x")'),
        ("!!! ???", None),
    ],
)
def test_fts_expression_quotes_every_term(text, expected):
    assert fts_expression(text) == expected


@pytest.mark.parametrize("text", ['say "hi""', "-news", "hotel OR", "OR hotel", "a OR OR b"])
def test_fts_expression_rejects_queries_that_cannot_run(text):
    with pytest.raises(InputError) as info:
        fts_expression(text)
    assert info.value.hint
