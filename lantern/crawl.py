"""Run one crawl of a source in this process: Scrapy with Lantern's settings, state for resuming, progress.

``lantern crawl NAME`` and the scheduler's job processes call :func:`run_crawl`. Scrapy's reactor cannot be
restarted, so call it at most once per process.
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass, field
from typing import Any

from lantern.crawl_state import CrawlState
from lantern.runs import RunLog
from lantern.settings import Settings
from lantern.sources import load_source


@dataclass
class CrawlOutcome:
    """How a crawl ended and its counters."""

    source: str
    run_id: str | None
    status: str
    resumed: bool
    counters: dict[str, int] = field(default_factory=dict)


def spider_class(kind: str) -> type:
    """The spider for a kind of source."""
    from crawler.spiders.ads import AdsSpider
    from crawler.spiders.forum import ForumSpider
    from crawler.spiders.pages import PagesSpider

    return {"ads": AdsSpider, "forum": ForumSpider, "pages": PagesSpider}[kind]


def run_crawl(
    name: str,
    settings: Settings,
    *,
    run_id: str | None = None,
    fresh: bool = False,
    progress: bool | None = None,
    log_file: str | None = None,
    log_level: str = "WARNING",
) -> CrawlOutcome:
    """Crawl the source until done or stopped (SIGTERM/Ctrl-C stop gracefully and can be resumed)."""
    from scrapy.crawler import CrawlerProcess

    from crawler.extensions.runlog import STATUS_BY_REASON, run_counters
    from crawler.settings import scrapy_settings

    source = load_source(name, settings)
    run_id = run_id or uuid.uuid4().hex
    state = CrawlState(settings.data_dir / "state" / source.name)
    resumed, crashed_run = state.prepare(fresh=fresh)
    if crashed_run:
        RunLog(settings.store_path).finish(crashed_run, "failed", {}, "the crawl process was killed")
    values = scrapy_settings(settings) | {
        "JOBDIR": str(state.jobdir),
        "LANTERN_RUN_ID": run_id,
        "LOG_LEVEL": log_level,
        "LOG_FILE": log_file,
    }
    process = CrawlerProcess(values)
    crawler = process.create_crawler(spider_class(source.kind))
    crawler.lantern_settings = settings  # type: ignore[attr-defined]
    state.running(run_id)
    process.crawl(crawler, source=name)
    display = _progress(crawler, source.name) if _want_progress(progress) else None
    try:
        process.start()
    finally:
        if display is not None:
            display.stop()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    reason = stats.get("finish_reason", "failed")
    status = STATUS_BY_REASON.get(reason, "failed")
    state.ended(status)
    return CrawlOutcome(source.name, getattr(crawler, "lantern_run_id", run_id), status, resumed, run_counters(stats))


def _want_progress(progress: bool | None) -> bool:
    return sys.stderr.isatty() if progress is None else progress


def _progress(crawler: Any, name: str) -> Any:
    """A live line on standard error: pages, items and flagged so far (rich)."""
    from rich.console import Console
    from rich.live import Live
    from twisted.internet import task

    from crawler.extensions.runlog import run_counters

    live = Live(console=Console(stderr=True), refresh_per_second=4, transient=False)

    def refresh() -> None:
        c = run_counters(crawler.stats.get_stats()) if crawler.stats else {}
        live.update(
            f"[bold]{name}[/]: {c.get('pages', 0)} pages · items new {c.get('items_new', 0)}, "
            f"changed {c.get('items_changed', 0)}, unchanged {c.get('items_unchanged', 0)} · flagged "
            f"[red]{c.get('flagged_high', 0)} high[/] {c.get('flagged_medium', 0)} medium "
            f"{c.get('flagged_low', 0)} low"
        )

    live.start()
    loop = task.LoopingCall(refresh)
    loop.start(0.5)

    class _Display:
        def stop(self) -> None:
            if loop.running:
                loop.stop()
            refresh()
            live.stop()

    return _Display()
