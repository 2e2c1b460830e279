"""Analyse stage: the NLP analyzer over items in batches (unchanged items pass through untouched).

Items wait at most ``MAX_WAIT`` seconds for a batch to fill; a batch runs through ``nlp.pipe`` at once.
"""

from __future__ import annotations

import asyncio
from typing import Any

from pipelines.shared import analyzer_for, settings_for

MAX_WAIT = 0.25


class AnalyzePipeline:
    """Add ``language`` and ``analysis`` (the analysis record's fields) to new and changed items."""

    def __init__(self, crawler: Any, batch_size: int) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.analyzer = analyzer_for(crawler)
        self.batch_size = batch_size
        self.pending: list[tuple[dict[str, Any], asyncio.Future[dict[str, Any]]]] = []
        self.timer: asyncio.TimerHandle | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> AnalyzePipeline:
        return cls(crawler, min(settings_for(crawler).analyze_batch_size, 64))

    async def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        """The analysed item (after its batch ran)."""
        if item.get("_status") == "unchanged":
            return item
        loop = asyncio.get_running_loop()
        future: asyncio.Future[dict[str, Any]] = loop.create_future()
        self.pending.append((item, future))
        if len(self.pending) >= self.batch_size:
            self.flush()
        elif self.timer is None:
            self.timer = loop.call_later(MAX_WAIT, self.flush)
        return await future

    def flush(self) -> None:
        """Analyse every waiting item now."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        batch, self.pending = self.pending, []
        if not batch:
            return
        inputs = [analyzer_input(item) for item, _ in batch]
        records = list(self.analyzer.analyze_many(inputs))
        for (item, future), record in zip(batch, records, strict=True):
            item["language"] = record["language"]
            item["analysis"] = record["analysis"]
            self.stats.inc_value(f"items/flagged_{record['analysis']['risk']['level']}")
            if not future.done():
                future.set_result(item)

    def close_spider(self) -> None:
        self.flush()


def analyzer_input(item: dict[str, Any]) -> dict[str, Any]:
    """The fields of the ``lantern analyze`` input contract, from a crawled item."""
    fields = {"id": item["id"], "text": item["text"], "title": item.get("title") or None}
    if item.get("language_hint"):
        fields["language"] = item["language_hint"]
    if item.get("posted_at"):
        fields["posted_at"] = item["posted_at"]
    return {k: v for k, v in fields.items() if v is not None}
