"""Validate stage: empty or oversized items are dropped with a counted reason (``dropped/<reason>``)."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem


class ValidatePipeline:
    """Drop items without text or with more text than ``LANTERN_CRAWL_MAX_ITEM_CHARS``."""

    def __init__(self, crawler: Any, max_chars: int) -> None:
        self.stats = crawler.stats
        self.max_chars = max_chars

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidatePipeline:
        from lantern.settings import get_settings

        return cls(crawler, get_settings().crawl_max_item_chars)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        """The item, or :class:`DropItem` with the reason."""
        reason = problem(item, self.max_chars)
        if reason:
            self.stats.inc_value(f"dropped/{reason}")
            raise DropItem(f"{reason}: {item.get('url')}")
        return item


def problem(item: dict[str, Any], max_chars: int) -> str | None:
    """Why an item cannot be kept, or ``None``."""
    if not item.get("id") or not item.get("url"):
        return "no_id"
    text = item.get("text") or ""
    if not text.strip():
        return "empty"
    if len(text) + len(item.get("title") or "") > max_chars:
        return "oversized"
    return None
