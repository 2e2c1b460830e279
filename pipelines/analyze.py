"""Analyse stage: the NLP analyzer over items in batches (unchanged items pass through untouched).

Items wait at most ``MAX_WAIT`` seconds for a batch to fill; a batch runs through ``nlp.pipe`` at once.
"""

from __future__ import annotations

from typing import Any

from pipelines.batching import Batcher
from pipelines.shared import analyzer_for, settings_for

MAX_WAIT = 0.25


class AnalyzePipeline:
    """Add ``language`` and ``analysis`` (the analysis record's fields) to new and changed items."""

    def __init__(self, crawler: Any, batch_size: int) -> None:
        self.stats = crawler.stats
        self.analyzer = analyzer_for(crawler)
        self.batcher = Batcher(batch_size, MAX_WAIT, self.analyze_batch)

    @classmethod
    def from_crawler(cls, crawler: Any) -> AnalyzePipeline:
        return cls(crawler, min(settings_for(crawler).analyze_batch_size, 64))

    async def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        """The analysed item (after its batch ran)."""
        if item.get("_status") == "unchanged":
            return item
        return await self.batcher.add(item)

    def analyze_batch(self, batch: list[dict[str, Any]]) -> None:
        """Analyse a batch in one ``nlp.pipe`` run; the items get ``language`` and ``analysis``."""
        records = self.analyzer.analyze_many([analyzer_input(item) for item in batch])
        for item, record in zip(batch, records, strict=True):
            item["language"] = record["language"]
            item["analysis"] = record["analysis"]
            self.stats.inc_value(f"items/flagged_{record['analysis']['risk']['level']}")

    def close_spider(self) -> None:
        self.batcher.flush()


def analyzer_input(item: dict[str, Any]) -> dict[str, Any]:
    """The fields of the ``lantern analyze`` input contract, from a crawled item."""
    fields = {"id": item["id"], "text": item["text"], "title": item.get("title") or None}
    if item.get("language_hint"):
        fields["language"] = item["language_hint"]
    if item.get("posted_at"):
        fields["posted_at"] = item["posted_at"]
    return {k: v for k, v in fields.items() if v is not None}
