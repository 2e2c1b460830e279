"""The store stage at its door: a backend failure is spooled and replayed, a bug is quarantined."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from scrapy.utils.test import get_crawler

from crawler.runtime import runtime_of
from crawler.settings import scrapy_settings
from lantern.settings import get_settings
from lantern.spool import Spool
from lantern.storage.opensearch.store import OpenSearchStore
from lantern.storage.search_engine.bulk import BulkPolicy
from lantern.storage.sqlite.store import SQLiteStore
from pipelines.store import StorePipeline
from tests.opensearch.node import free_port
from tests.storage.contract import corpus


def stage(settings, store) -> StorePipeline:
    crawler = get_crawler(settings_dict=scrapy_settings(settings))
    runtime_of(crawler).use_store(store)
    return StorePipeline(crawler)


@pytest.fixture
def settings(tmp_path):
    return get_settings(
        data_dir=tmp_path / "data", es_url=None, opensearch_url=None, pseudonym_key="test-key-0123456789"
    )


def test_a_backend_that_is_down_gets_its_batch_spooled_then_replayed(settings, tmp_path):
    down = settings.with_overrides(opensearch_url=f"http://127.0.0.1:{free_port()}")
    store = OpenSearchStore.from_settings(down)
    store.policy = BulkPolicy(max_retries=0, initial_backoff=0)
    pipeline = stage(down, store)
    pipeline.write_batch(corpus())
    stats = pipeline.stats.get_stats()
    assert stats["store/spooled"] == 6 and stats["errors/store"] == 1 and "store/quarantined" not in stats
    spool = Spool.for_backend(down, "opensearch")
    assert spool.pending() == 6
    with SQLiteStore(tmp_path / "lantern.db") as embedded:
        assert spool.replay(embedded) == 6 and embedded.counts().items == 6


def test_a_bug_is_quarantined_not_spooled(settings, tmp_path):
    broken = corpus()[:2]
    del broken[1]["analysis"]  # an item no earlier stage should ever let through
    with SQLiteStore(tmp_path / "lantern.db") as store:
        pipeline = stage(settings, store)
        pipeline.write_batch(broken)
        stats = pipeline.stats.get_stats()
        assert stats["store/quarantined"] == 2 and stats["errors/store_bug"] == 1
        assert "store/spooled" not in stats
        assert Spool.for_backend(settings, "sqlite").pending() == 0
        assert pipeline.quarantine.pending() == 2


def test_a_batch_neither_the_store_nor_the_spool_can_take_is_named_counted_and_stops_the_crawl(
    settings, tmp_path, caplog
):
    path = tmp_path / "lantern.db"
    SQLiteStore(path).close()
    holder = sqlite3.connect(path, timeout=5, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the store is locked past the busy timeout
    settings.data_dir.mkdir(parents=True)
    (settings.data_dir / "spool").write_text("not a folder")  # and the spool is unusable
    try:
        with SQLiteStore(path, busy_ms=100) as store:
            pipeline = stage(settings, store)
            with caplog.at_level(logging.ERROR, logger="pipelines.store"):
                pipeline.write_batch(corpus())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    stats = pipeline.stats.get_stats()
    assert stats["store/lost"] == 6 and "store/spooled" not in stats
    named = [record.getMessage() for record in caplog.records if record.getMessage().startswith("item not kept")]
    assert sorted(line.split()[3] for line in named) == sorted(item["id"] for item in corpus())
    assert runtime_of(pipeline.crawler).stopping, "the crawl is asked to stop (reason items_lost)"
