"""Run one crawl of a source in this process: Scrapy with Lantern's settings, state for resuming, progress.

``lantern crawl NAME`` and the scheduler's job processes call :func:`run_crawl`. Scrapy's reactor cannot be
restarted, so call it at most once per process.

Before Scrapy starts, :func:`preflight` checks what would otherwise fail in the middle of the crawl, or silently:
the log file's folder, the store file (:mod:`lantern.storage.sqlite.integrity`), the spool (it must be able to
take what the store cannot) and the analyzer's lexicons. A problem stops the crawl with one line (exit 2); a
spool that cannot be written is also recorded as a ``failed`` run.
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lantern.crawl_state import CrawlState
from lantern.errors import ConfigError
from lantern.run_health import Verdict
from lantern.runs import RunLog
from lantern.settings import Settings
from lantern.sources import load_source

FORCED_STOP = "the crawl was stopped before it could close (a second signal, or a crash); the next crawl starts over"


@dataclass
class CrawlOutcome:
    """How a crawl ended, why, and its counters."""

    source: str
    run_id: str | None
    status: str
    resumed: bool
    counters: dict[str, int] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()
    coverage_alert: bool = False  # the source asks for a distinct exit status when a field's coverage fell


def spider_class(kind: str) -> type:
    """The spider for a kind of source."""
    from crawler.spiders.ads import AdsSpider
    from crawler.spiders.forum import ForumSpider
    from crawler.spiders.pages import PagesSpider

    return {"ads": AdsSpider, "forum": ForumSpider, "pages": PagesSpider}[kind]


def preflight(settings: Settings, source: str, run_id: str, log_file: str | None) -> None:
    """Refuse to start a crawl that could not keep what it fetches (:class:`ConfigError`, one line)."""
    from lantern.spool import Spool
    from lantern.storage import backend_name
    from pipelines.shared import analyzer_for_settings

    if log_file and not Path(log_file).parent.is_dir():
        raise ConfigError(f"the folder of the log file {log_file} does not exist", hint="create it or pick another")
    with RunLog(settings.store_path, check_max_bytes=settings.store_check_max_bytes) as runs:
        try:
            Spool.for_backend(settings, backend_name(settings)).check()
        except ConfigError as exc:
            runs.start(source, run_id, log_file=log_file)
            runs.finish(run_id, "failed", {}, exc.message, [exc.message])
            raise
    analyzer_for_settings(settings)  # lexicon and watch-list problems surface here, not inside Scrapy


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

    from crawler.extensions.runlog import run_counters
    from crawler.settings import scrapy_settings

    source = load_source(name, settings)
    run_id = run_id or uuid.uuid4().hex
    preflight(settings, source.name, run_id, log_file)
    state = CrawlState(settings.data_dir / "state" / source.name)
    resumed, crashed_run = state.prepare(fresh=fresh)
    pages_done, ok_done = state.pages_done() if resumed else (0, 0)
    if crashed_run:
        with RunLog(settings.store_path) as runs:
            runs.finish(crashed_run, "failed", {}, "the crawl process was killed", ["the crawl process was killed"])
    values = scrapy_settings(settings) | {
        "JOBDIR": str(state.jobdir),
        "LANTERN_RUN_ID": run_id,
        "LANTERN_PAGES_DONE": pages_done,
        "LANTERN_PAGES_OK_DONE": ok_done,
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
    counters = run_counters(crawler.stats.get_stats() if crawler.stats else {})
    verdict = getattr(crawler, "lantern_verdict", None) or _forced_stop(settings, crawler, counters)
    state.ended(verdict.status, pages_done + counters.get("pages", 0), ok_done + counters.get("pages_ok", 0))
    run = getattr(crawler, "lantern_run_id", run_id)
    return CrawlOutcome(source.name, run, verdict.status, resumed, counters, verdict.reasons, source.coverage_alert)


def _forced_stop(settings: Settings, crawler: Any, counters: dict[str, int]) -> Verdict:
    """The verdict of a crawl whose spider never closed; its run is recorded as failed."""
    verdict = Verdict("failed", (FORCED_STOP,))
    run_id = getattr(crawler, "lantern_run_id", None)
    if run_id:
        with RunLog(settings.store_path) as runs:
            runs.finish(run_id, "failed", counters, FORCED_STOP, verdict.reasons)
    return verdict


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
