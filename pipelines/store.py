"""Store stage: write analysed items to the configured store in batches; nothing is lost.

A batch that the store refuses (backend down, disk full, …) is written to the on-disk spool
(:mod:`lantern.spool`) and replayed when the next crawl starts or with ``lantern spool replay``. Unchanged
items only get their ``last_seen``/``times_seen`` updated. Counted: ``store/written``, ``store/spooled``,
``store/replayed``, ``store/marked_seen``.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from lantern.spool import Spool
from lantern.storage.base import StoredItem
from pipelines.shared import settings_for, store_for

log = logging.getLogger(__name__)
MAX_WAIT = 0.5
BATCH_SIZE = 100
STORED_FIELDS = (
    "id url source kind site title text author posted_at fetched_at first_seen last_seen times_seen "
    "content_hash language analysis thread location_hint".split()
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
        self.pending: list[tuple[dict[str, Any], asyncio.Future[dict[str, Any]]]] = []
        self.timer: asyncio.TimerHandle | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        """Replay what an earlier run spooled."""
        if not self.spool.segments():
            return
        try:
            self.stats.inc_value("store/replayed", self.spool.replay(self.store))
        except Exception as exc:  # the backend is still down: keep the spool for later
            log.warning("spooled items could not be replayed yet: %s", exc)

    async def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        """The item, once it is stored or spooled."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[dict[str, Any]] = loop.create_future()
        self.pending.append((item, future))
        if len(self.pending) >= BATCH_SIZE:
            self.flush()
        elif self.timer is None:
            self.timer = loop.call_later(MAX_WAIT, self.flush)
        return await future

    def flush(self) -> None:
        """Write every waiting item now (or spool it)."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        batch, self.pending = self.pending, []
        if not batch:
            return
        unchanged = [item for item, _ in batch if item.get("_status") == "unchanged"]
        changed = [stored_item(item) for item, _ in batch if item.get("_status") != "unchanged"]
        self._write(changed, unchanged)
        for item, future in batch:
            if not future.done():
                future.set_result(item)

    def _write(self, changed: list[StoredItem], unchanged: list[dict[str, Any]]) -> None:
        try:
            if changed:
                self.stats.inc_value("store/written", self.store.upsert(changed))
            if unchanged:
                marked = self.store.mark_seen([i["id"] for i in unchanged], unchanged[0]["last_seen"])
                self.stats.inc_value("store/marked_seen", marked)
        except Exception as exc:  # any backend failure: spool, never drop
            log.error("store failed (%s); spooling %d item(s)", exc, len(changed))
            self.stats.inc_value("store/spooled", self.spool.append(changed))
            self.stats.inc_value("errors/store")

    def close_spider(self) -> None:
        self.flush()
        self.store.close()
