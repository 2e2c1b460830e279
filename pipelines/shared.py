"""Objects the pipeline stages of one crawl share: Lantern's settings, the store and the analyzer."""

from __future__ import annotations

from functools import cache
from typing import Any

from lantern.settings import Settings, get_settings
from lantern.storage import StorageBackend, open_store


def settings_for(crawler: Any) -> Settings:
    """Lantern's settings for this crawl (the runner may attach its own; else from the environment)."""
    if getattr(crawler, "lantern_settings", None) is None:
        crawler.lantern_settings = get_settings()
    return crawler.lantern_settings


def store_for(crawler: Any) -> StorageBackend:
    """The crawl's store, opened once per crawl and closed by the store stage."""
    if getattr(crawler, "lantern_store", None) is None:
        crawler.lantern_store = open_store(settings_for(crawler))
    return crawler.lantern_store


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
