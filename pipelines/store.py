"""Store stage: write analysed items to the configured store in batches; nothing is lost.

A batch that the backend refuses (a :class:`~lantern.storage.errors.StorageError`: backend down, cluster red,
disk full, …) is written to the on-disk spool (:mod:`lantern.spool`) and replayed when the next crawl starts or
with ``lantern spool replay``. Any other exception is a bug in Lantern: the batch is kept in the spool's
``quarantine/`` folder (never replayed by itself, so a bug cannot loop) and the error is logged with its
traceback. Unchanged items only get their ``last_seen``/``times_seen`` updated. Counted: ``store/written``,
``store/spooled``, ``store/quarantined``, ``store/replayed``, ``store/marked_seen``.

When the spool cannot take a batch either (its folder gone, read-only or full), the items are lost: each one is
named in the log at ERROR, counted as ``store/lost``, and the crawl stops at once with reason ``items_lost``, so
the run ends ``failed`` (:mod:`lantern.run_health`). The spool's health is checked before a crawl starts
(:meth:`lantern.spool.Spool.check`).
"""

from __future__ import annotations

import logging
from typing import Any

from crawler.runtime import runtime_of
from lantern.spool import Spool
from lantern.storage.base import StoredItem
from lantern.storage.errors import StorageError
from pipelines.batching import Batcher
from pipelines.shared import settings_for, store_for

log = logging.getLogger(__name__)
MAX_WAIT = 0.5
BATCH_SIZE = 100
STORED_FIELDS = (
    "id url source kind site title text author posted_at fetched_at first_seen last_seen times_seen "
    "content_hash language analysis thread location_hint price contact".split()
)


def stored_item(item: dict[str, Any]) -> StoredItem:
    """The item as it is stored (internal fields such as ``_status`` and hints left out)."""
    return {name: item.get(name) for name in STORED_FIELDS}  # type: ignore[return-value]


class StorePipeline:
    """Batch upserts; spool what cannot be written (see the module docstring)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.store = store_for(crawler)
        self.spool = Spool.for_backend(settings_for(crawler), self.store.name)
        self.quarantine = Spool(self.spool.directory / "quarantine")
        self.batcher = Batcher(BATCH_SIZE, MAX_WAIT, self.write_batch)

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        """Replay what an earlier run spooled."""
        if not self.spool.segments():
            return
        try:
            self.stats.inc_value("store/replayed", self.spool.replay(self.store))
        except StorageError as exc:  # the backend is still down: keep the spool for later
            log.warning("spooled items could not be replayed yet: %s", exc)

    async def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        """The item, once it is stored or spooled."""
        return await self.batcher.add(item)

    def write_batch(self, batch: list[dict[str, Any]]) -> None:
        """Write a batch (or spool it); unchanged items are only marked seen."""
        unchanged = [item for item in batch if item.get("_status") == "unchanged"]
        changed = [stored_item(item) for item in batch if item.get("_status") != "unchanged"]
        self._write(changed, unchanged)

    def _write(self, changed: list[StoredItem], unchanged: list[dict[str, Any]]) -> None:
        try:
            if changed:
                self.stats.inc_value("store/written", self.store.upsert(changed))
            if unchanged:
                marked = self.store.mark_seen([i["id"] for i in unchanged], unchanged[0]["last_seen"])
                self.stats.inc_value("store/marked_seen", marked)
        except StorageError as exc:  # the backend failed: spool, replay later
            log.error("store failed (%s); spooling %d item(s)", exc, len(changed))
            self.stats.inc_value("errors/store")
            self._keep(self.spool, changed, "store/spooled")
        except Exception:  # a bug: keep the items, but do not retry them in a loop
            log.exception("bug in the store stage; %d item(s) kept in %s", len(changed), self.quarantine.directory)
            self.stats.inc_value("errors/store_bug")
            self._keep(self.quarantine, changed, "store/quarantined")

    def _keep(self, spool: Spool, items: list[StoredItem], counter: str) -> None:
        """Append to ``spool``; when that fails too, name every item in the log and stop the crawl (failed)."""
        try:
            self.stats.inc_value(counter, spool.append(items))
        except OSError as exc:
            where, count = spool.directory, len(items)
            log.error("the spool %s cannot take %d item(s) either (%s): they are lost", where, count, exc)
            for item in items:
                log.error("item not kept: %s %s", item.get("id"), item.get("url"))
            self.stats.inc_value("store/lost", len(items))
            stop_crawl(self.crawler, "items_lost")

    def close_spider(self) -> None:
        self.batcher.flush()
        self.store.close()


def stop_crawl(crawler: Any, reason: str) -> None:
    """Close the spider with ``reason`` as soon as the engine can (the run is then judged by that reason)."""
    runtime = runtime_of(crawler)
    if runtime.stopping:
        return
    runtime.stopping = True
    try:
        engine = crawler.engine
    except RuntimeError:  # the crawl has not started (a stage used on its own): nothing to stop
        return
    if engine is None:
        return
    if hasattr(engine, "close_spider_async"):
        from scrapy.utils.defer import deferred_from_coro

        deferred_from_coro(engine.close_spider_async(reason=reason))
    else:  # Scrapy before 2.14
        engine.close_spider(crawler.spider, reason)
