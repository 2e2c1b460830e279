"""The store stage at its door: a backend failure is spooled and replayed, a bug is quarantined."""

from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler

from lantern.settings import get_settings
from lantern.spool import Spool
from lantern.storage.opensearch.store import OpenSearchStore
from lantern.storage.search_engine.bulk import BulkPolicy
from lantern.storage.sqlite.store import SQLiteStore
from pipelines.store import StorePipeline
from tests.opensearch.node import free_port
from tests.storage.contract import corpus


def stage(settings, store) -> StorePipeline:
    crawler = get_crawler()
    crawler.lantern_settings = settings
    crawler.lantern_store = store
    return StorePipeline(crawler)


@pytest.fixture
def settings(tmp_path):
    return get_settings(data_dir=tmp_path / "data", es_url=None, opensearch_url=None, pseudonym_key="k")


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
