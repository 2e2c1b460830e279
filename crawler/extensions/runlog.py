"""Record each crawl in the crawl-runs log (:mod:`lantern.runs`): started, counters while running, outcome.

Scrapy's stats are summarised into flat counters (:func:`run_counters`); the outcome is ``finished``,
``stopped`` (a graceful shutdown, resumable) or ``failed``.
"""

from __future__ import annotations

from typing import Any

from scrapy import signals
from twisted.internet import task

from lantern.runs import RunLog
from pipelines.shared import settings_for

UPDATE_SECONDS = 5.0
STATUS_BY_REASON = {"finished": "finished", "shutdown": "stopped", "closespider_pagecount": "finished"}


def run_counters(stats: dict[str, Any]) -> dict[str, int]:
    """Scrapy stats as the run's flat counters (pages, items_new, flagged_high, dropped_empty, …)."""
    counters: dict[str, int] = {"pages": int(stats.get("response_received_count", 0))}
    counters |= {f"items_{status}": 0 for status in ("new", "changed", "unchanged", "reanalysed")}
    counters |= {"written": 0, "spooled": 0, "replayed": 0, "marked_seen": 0}
    prefixes = {
        "items/": "items_",
        "dropped/": "dropped_",
        "skipped/": "skipped_",
        "media/": "media_",
        "guard/": "refused_",
        "store/": "",
        "errors/": "errors_",
        "render/": "render_",
        "structured/": "structured_",
    }
    for key, value in stats.items():
        if not isinstance(value, int):
            continue
        for prefix, name in prefixes.items():
            if key.startswith(prefix):
                counters[name + key.removeprefix(prefix)] = value
    for level in ("low", "medium", "high"):
        counters[f"flagged_{level}"] = counters.pop(f"items_flagged_{level}", 0)
    counters.pop("items_flagged_none", None)
    counters["media_blocked"] = sum(
        counters.get(f"media_{kind}", 0) for kind in ("requests_blocked", "responses_discarded", "browser_blocked")
    )
    counters["robots_forbidden"] = int(stats.get("robotstxt/forbidden", 0))
    counters["errors"] = int(stats.get("log_count/ERROR", 0))
    return counters


class RunLogExtension:
    """Start, update and finish the run's row (run id from the ``LANTERN_RUN_ID`` Scrapy setting if given)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.log = RunLog(settings_for(crawler).store_path)
        self.run_id: str | None = crawler.settings.get("LANTERN_RUN_ID")
        self.updater = task.LoopingCall(self.update)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunLogExtension:
        return cls(crawler)

    def spider_opened(self, spider: Any) -> None:
        log_file = self.crawler.settings.get("LOG_FILE")
        self.run_id = self.log.start(spider.source.name, self.run_id, log_file=log_file)
        self.crawler.lantern_run_id = self.run_id
        self.updater.start(UPDATE_SECONDS, now=False)

    def update(self) -> None:
        """Write the counters so far."""
        if self.run_id:
            self.log.update(self.run_id, run_counters(self.crawler.stats.get_stats()))

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.updater.running:
            self.updater.stop()
        if self.run_id:
            status = STATUS_BY_REASON.get(reason, "failed")
            error = None if status != "failed" else f"closed: {reason}"
            counters = run_counters(self.crawler.stats.get_stats())
            self.log.finish(self.run_id, status, counters, error)  # type: ignore[arg-type]
        self.log.close()
