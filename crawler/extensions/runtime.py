"""Build the crawl's runtime state (crawler.runtime.CrawlRuntime) before anything else of the crawl exists."""

from __future__ import annotations

from typing import Any

from crawler.runtime import CrawlRuntime
from lantern.settings import Settings, get_settings


class RuntimeExtension:
    """Holds the crawl's :class:`~crawler.runtime.CrawlRuntime` (``LANTERN_SETTINGS``, else the environment's)."""

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings.get("LANTERN_SETTINGS")
        self.runtime = CrawlRuntime(settings if isinstance(settings, Settings) else get_settings(), stats=crawler.stats)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RuntimeExtension:
        return cls(crawler)
