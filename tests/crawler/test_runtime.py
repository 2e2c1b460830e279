"""The crawl's runtime state (crawler/runtime.py) with Scrapy's test crawler, and stages tested on their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.middlewares.evidence import EVIDENCE_KEY, EvidenceMiddleware
from crawler.runtime import RuntimeMissingError, runtime_of
from crawler.settings import scrapy_settings
from lantern.evidence.locker import EvidenceLocker
from lantern.settings import Settings
from pipelines.coverage import CoveragePipeline
from pipelines.evidence import EvidencePipeline
from pipelines.shared import settings_for, store_for


def crawler_for(settings: Settings):  # type: ignore[no-untyped-def]
    crawler = get_crawler(settings_dict=scrapy_settings(settings))
    crawler.stats.open_spider()
    return crawler


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


def test_every_stage_reads_one_runtime_built_from_the_runners_settings(settings: Settings) -> None:
    crawler = crawler_for(settings)
    runtime = runtime_of(crawler)
    assert runtime.settings == settings and settings_for(crawler) is runtime.settings
    store = store_for(crawler)
    assert store is runtime.store and store_for(crawler) is store
    store.close()
    assert runtime.run_id is None and runtime.verdict is None and not runtime.stopping
    crawler.stats.inc_value("pages/ok", 3)
    assert runtime.counters()["pages_ok"] == 3
    assert not [name for name in vars(crawler) if name.startswith("lantern")]


def test_a_crawler_without_the_runtime_extension_is_a_clear_error() -> None:
    with pytest.raises(RuntimeMissingError, match="scrapy_settings"):
        runtime_of(get_crawler())


def test_the_coverage_stage_counts_the_fields_each_item_has(settings: Settings) -> None:
    crawler = crawler_for(settings)
    stage = CoveragePipeline.from_crawler(crawler)
    stage.process_item({"title": "Ferry times", "text": "Leaves at nine.", "author": "a", "posted_at": None})
    stage.process_item({"title": "", "text": "Market days.", "author": None, "posted_at": "2026-11-30T10:00:00+00:00"})
    stats = crawler.stats.get_stats()
    assert stats["coverage/items"] == 2 and stats["coverage/body"] == 2
    assert stats["coverage/title"] == 1 and stats["coverage/author"] == 1 and stats["coverage/date"] == 1
    assert "coverage/location" not in stats


def test_the_evidence_stage_keeps_the_page_of_a_high_item_only(settings: Settings) -> None:
    crawler = crawler_for(settings)
    request = Request("http://127.0.0.1/thread/1")
    page = HtmlResponse(request.url, body=b"<p>post</p>", headers={"Content-Type": "text/html"}, request=request)
    middleware = EvidenceMiddleware.from_crawler(crawler)
    high, low = list(middleware.process_spider_output(page, [{"id": "a"}, {"id": "b"}]))
    assert high[EVIDENCE_KEY] is low[EVIDENCE_KEY]  # one capture per page
    stage = EvidencePipeline.from_crawler(crawler)
    high["analysis"] = {"risk": {"level": "high"}}
    low["analysis"] = {"risk": {"level": "low"}}
    assert EVIDENCE_KEY not in stage.process_item(high) and EVIDENCE_KEY not in stage.process_item(low)
    stage.close_spider()
    locker = EvidenceLocker.for_data_dir(settings.data_dir)
    try:
        assert [k.item_id for k in locker.kept()] == ["a"]
    finally:
        locker.close()
    assert crawler.stats.get_value("evidence/kept") == 1
