"""Record each crawl in the crawl-runs log (:mod:`lantern.runs`): started, counters while running, outcome.

Scrapy's stats are summarised into flat counters (:func:`run_counters`); pages that answered 2xx (robots.txt
not included) are counted as ``pages_ok``. When the spider closes, :func:`lantern.run_health.judge` turns the
counters and the close reason into ``finished``, ``degraded``, ``failed`` or ``stopped`` with reasons; the
verdict is recorded and left in the crawl's runtime (crawler/runtime.py) for the command that runs the crawl.
Only a ``finished`` run writes the signatures of the pages it fetched (:mod:`crawler.seen_pages`), which let the
next crawl skip pages that did not change.
"""

from __future__ import annotations

from typing import Any

from scrapy import signals
from twisted.internet import task

from crawler.runtime import runtime_of
from lantern import coverage
from lantern.run_health import Verdict, judge
from lantern.runs import RunLog
from pipelines.shared import settings_for

UPDATE_SECONDS = 5.0
STATUS_BY_REASON = {"finished": "finished", "shutdown": "stopped", "closespider_pagecount": "degraded"}
PREFIXES = {
    "items/": "items_",
    "dropped/": "dropped_",
    "skipped/": "skipped_",
    "media/": "media_",
    "guard/": "refused_",
    "limits/": "limit_",
    "repaired/": "repaired_",
    "pages/": "pages_",
    "store/": "",
    "errors/": "errors_",
    "render/": "render_",
    "coverage/": "coverage_",
    "structured/": "structured_",
}


def run_counters(stats: dict[str, Any]) -> dict[str, int]:
    """Scrapy stats as the run's flat counters (pages, pages_ok, items_new, flagged_high, limit_depth, …)."""
    counters: dict[str, int] = {"pages": int(stats.get("response_received_count", 0)), "pages_ok": 0}
    counters |= {f"items_{status}": 0 for status in ("new", "changed", "unchanged", "reanalysed")}
    counters |= {"written": 0, "spooled": 0, "replayed": 0, "marked_seen": 0}
    for key, value in stats.items():
        if not isinstance(value, int):
            continue
        for prefix, name in PREFIXES.items():
            if key.startswith(prefix):
                counters[name + key.removeprefix(prefix)] = value
    for level in ("low", "medium", "high"):
        counters[f"flagged_{level}"] = counters.pop(f"items_flagged_{level}", 0)
    counters.pop("items_flagged_none", None)
    counters["media_blocked"] = sum(
        counters.get(f"media_{kind}", 0) for kind in ("requests_blocked", "responses_discarded", "browser_blocked")
    )
    counters["robots_forbidden"] = int(stats.get("robotstxt/forbidden", 0))
    if stats.get("depth/request_ignored_count"):
        counters["limit_depth"] = int(stats["depth/request_ignored_count"])
    counters["errors"] = int(stats.get("log_count/ERROR", 0))
    return counters


class RunLogExtension:
    """Start, update and finish the run's row (run id from the ``LANTERN_RUN_ID`` Scrapy setting if given)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.log: RunLog | None = None  # opened when the spider opens (the crawl's runtime exists by then)
        self.run_id: str | None = crawler.settings.get("LANTERN_RUN_ID")
        self.previous_pages: int | None = None
        self.history: list[dict[str, int]] = []
        self.updater = task.LoopingCall(self.update)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.response_received, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunLogExtension:
        return cls(crawler)

    def spider_opened(self, spider: Any) -> None:
        settings = settings_for(self.crawler)
        self.log = RunLog(settings.store_path, check_max_bytes=settings.store_check_max_bytes)
        log_file = self.crawler.settings.get("LOG_FILE")
        recent = self.log.good_runs(spider.source.name, coverage.HISTORY)
        self.previous_pages = recent[0].stats.get("pages_ok") if recent else None
        self.history = [run.stats for run in recent]
        self.run_id = self.log.start(spider.source.name, self.run_id, log_file=log_file)
        runtime_of(self.crawler).run_id = self.run_id
        self.updater.start(UPDATE_SECONDS, now=False)

    def response_received(self, response: Any, request: Any, spider: Any) -> None:
        """Count a page that answered 2xx (robots.txt is not a page)."""
        if 200 <= response.status < 300 and not request.meta.get("dont_obey_robotstxt"):
            self.crawler.stats.inc_value("pages/ok")

    def update(self) -> None:
        """Write the counters so far."""
        if self.run_id and self.log is not None:
            self.log.update(self.run_id, run_counters(self.crawler.stats.get_stats()))

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.updater.running:
            self.updater.stop()
        if reason == "closespider_pagecount":
            self.crawler.stats.set_value("limits/page_budget", 1)
        falls = coverage.falls(run_counters(self.crawler.stats.get_stats()), self.history)
        self.crawler.stats.set_value("coverage/fell", len(falls))
        counters = run_counters(self.crawler.stats.get_stats())
        before = self.crawler.settings.getint("LANTERN_PAGES_OK_DONE", 0)
        verdict = judge(
            counters,
            close_reason=reason,
            previous_pages=self.previous_pages,
            pages_ok_before=before,
            coverage_falls=tuple(str(fall) for fall in falls),
        )
        runtime_of(self.crawler).verdict = verdict
        if self.log is None:
            return
        if self.run_id:
            self.log.finish(self.run_id, verdict.status, counters, _error(verdict), verdict.reasons)  # type: ignore[arg-type]
        self.log.close()
        keep_signatures(spider, verdict)


def keep_signatures(spider: Any, verdict: Verdict) -> None:
    """Write the page signatures of this run (what the next one may skip) only when it finished: a run that lost,
    spooled or never fetched items, or was stopped, leaves the next one to fetch those pages again."""
    seen = getattr(spider, "seen", None)
    if seen is None:
        return
    try:
        if verdict.status == "finished":
            spider.logger.info("kept the signatures of %d pages for the next crawl", seen.commit())
    finally:
        seen.close()


def _error(verdict: Verdict) -> str | None:
    """The first reason of a failed run (shown as its error), else ``None``."""
    return verdict.reasons[0] if verdict.status == "failed" and verdict.reasons else None
