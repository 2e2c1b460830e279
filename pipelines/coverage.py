"""Coverage stage: count, per crawl, how many items carry each field (title, body, author, date, location).

Runs right after the clean stage, before any item is dropped, so a site redesign that empties a field shows in
the counters (``coverage/items``, ``coverage/<field>``) even when the validation stage then drops the items.
``lantern.coverage`` compares the shares with the source's recent runs.
"""

from __future__ import annotations

from typing import Any

from lantern.coverage import FIELDS, has_field


class CoveragePipeline:
    """Count the items and, for each field of :data:`lantern.coverage.FIELDS`, the items that have it."""

    def __init__(self, crawler: Any) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> CoveragePipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        """The item, unchanged; the counters go up."""
        self.stats.inc_value("coverage/items")
        for name in FIELDS:
            if has_field(item, name):
                self.stats.inc_value(f"coverage/{name}")
        return item
