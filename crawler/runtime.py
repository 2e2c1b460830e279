"""The crawl's runtime state in one place: Lantern's settings, the store, the run id, the counters, the verdict.

One :class:`CrawlRuntime` per crawl, built by :class:`crawler.extensions.runtime.RuntimeExtension` when Scrapy
configures the crawler — before any middleware, spider or pipeline stage exists — from the ``LANTERN_SETTINGS``
Scrapy setting (the :class:`~lantern.settings.Settings` the runner passes; from the environment when absent).
Every stage reads it through :func:`runtime_of` (``pipelines.shared`` wraps it for the common reads); the spider,
which Scrapy creates before any extension, reads the same ``LANTERN_SETTINGS`` through :func:`settings_of`.
Nothing is kept as an undeclared attribute on the crawler.

Example (a stage tested on its own, with Scrapy's test crawler)::

    crawler = get_crawler(settings_dict=scrapy_settings(settings))
    runtime_of(crawler).use_store(store)
    stage = StorePipeline(crawler)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lantern.settings import Settings

if TYPE_CHECKING:
    from lantern.run_health import Verdict
    from lantern.storage import StorageBackend


@dataclass
class CrawlRuntime:
    """What the parts of one crawl share."""

    settings: Settings
    stats: Any = None
    run_id: str | None = None
    verdict: Verdict | None = None
    stopping: bool = False
    _store: StorageBackend | None = field(default=None, repr=False)

    @property
    def store(self) -> StorageBackend:
        """The crawl's store, opened on first use (and closed by the store stage)."""
        if self._store is None:
            from lantern.storage import open_store

            self._store = open_store(self.settings)
        return self._store

    def use_store(self, store: StorageBackend) -> None:
        """Make ``store`` the crawl's store (a runner or a test that opened it itself)."""
        self._store = store

    def counters(self) -> dict[str, int]:
        """The run's flat counters so far (pages, items_new, flagged_high, …) from Scrapy's stats."""
        from crawler.extensions.runlog import run_counters

        return run_counters(self.stats.get_stats() if self.stats is not None else {})


class RuntimeMissingError(RuntimeError):
    """A stage was built in a crawler without the runtime extension."""


def settings_of(crawler: Any) -> Settings:
    """Lantern's settings of a crawl: the runtime's, or — while Scrapy still creates the spider, before any
    extension exists — the ``LANTERN_SETTINGS`` the runtime will be built from."""
    try:
        manager = crawler.extensions
    except (AttributeError, RuntimeError):  # Scrapy raises RuntimeError until the crawl has started
        manager = None
    if manager is None:
        from lantern.settings import get_settings

        settings = crawler.settings.get("LANTERN_SETTINGS")
        return settings if isinstance(settings, Settings) else get_settings()
    return runtime_of(crawler).settings


def runtime_of(crawler: Any) -> CrawlRuntime:
    """The runtime of ``crawler`` (built by the runtime extension)."""
    from crawler.extensions.runtime import RuntimeExtension

    extension = crawler.get_extension(RuntimeExtension)
    if extension is None:
        raise RuntimeMissingError(
            "this crawler has no crawler.extensions.runtime.RuntimeExtension; build its settings with "
            "crawler.settings.scrapy_settings()"
        )
    return extension.runtime
