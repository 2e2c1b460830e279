"""Objects the stages of one crawl share: Lantern's settings and the store (from the crawl's runtime,
crawler/runtime.py) and the analyzer (one per process and settings)."""

from __future__ import annotations

from functools import cache
from typing import Any

from crawler.runtime import runtime_of, settings_of
from lantern.settings import Settings
from lantern.storage import StorageBackend


def settings_for(crawler: Any) -> Settings:
    """Lantern's settings for this crawl (the runtime's; see :func:`crawler.runtime.settings_of`)."""
    return settings_of(crawler)


def store_for(crawler: Any) -> StorageBackend:
    """The crawl's store, opened once per crawl and closed by the store stage."""
    return runtime_of(crawler).store


@cache
def _analyzer(settings: Settings) -> Any:
    from nlp.analyzer import Analyzer

    analyzer = Analyzer.from_settings(settings)
    analyzer.warm_up()  # before the crawl starts, not in the middle of it
    return analyzer


def analyzer_for_settings(settings: Settings) -> Any:
    """The analyzer for these settings (built once per process and settings)."""
    return _analyzer(settings)


def analyzer_for(crawler: Any) -> Any:
    """The crawl's analyzer (built once per process and settings)."""
    return _analyzer(settings_for(crawler))
