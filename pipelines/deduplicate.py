"""Deduplicate and version stage: ``content_hash``, ``first_seen``/``last_seen``/``times_seen``.

- new id → analysed and stored;
- same content and same ``lexicon_version`` as stored → not analysed again; the store stage only marks it seen;
- same content but rules changed since → analysed again (``items/reanalysed``);
- changed content → analysed and stored as a new version of the item (``items/changed``);
- a date read from a relative form ("12 minutes ago", which moves with the fetch time) that lies within its
  precision of the stored one is the stored one (:func:`keep_first_date`), so it does not make the item changed;
- the same id twice in one crawl (a page reached by two links) → dropped as ``dropped/duplicate``.

When the store cannot say what it holds (:class:`~lantern.storage.errors.StorageError`), the item counts as new:
it is analysed and the store stage stores or spools it (``errors/store_read``), so nothing is dropped.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from scrapy.exceptions import DropItem

from lantern.storage.errors import StorageError
from pipelines.shared import settings_for, store_for

RELATIVE_SLACK = 120  # seconds between a page's rendering and its fetch, on top of a relative date's precision
HASHED_FIELDS = ("title", "text", "author", "posted_at", "location_hint")
# Hashed only when set, so that items without them (all items before they existed) keep their hash.
HASHED_WHEN_SET = ("price", "contact")


def content_hash(item: dict[str, Any]) -> str:
    """SHA-256 over the fields that make an item's content (an ad's price and contact too, when it has them)."""
    values: list[Any] = [item.get(name) for name in HASHED_FIELDS]
    values += [[name, item[name]] for name in HASHED_WHEN_SET if item.get(name)]
    payload = json.dumps(values, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def keep_first_date(item: dict[str, Any], stored_at: str | None) -> None:
    """Give the item the stored ``posted_at`` when its own was read from a relative form ("12 minutes ago",
    ``_date_precision`` seconds) and lies within that precision of it: the same date read at a later fetch."""
    precision = item.get("_date_precision") or 0
    if not (precision and stored_at and item.get("posted_at")):
        return
    try:
        apart = abs((datetime.fromisoformat(item["posted_at"]) - datetime.fromisoformat(stored_at)).total_seconds())
    except (TypeError, ValueError):  # a stored naive date cannot be compared with an aware one
        return
    if apart <= precision + RELATIVE_SLACK:
        item["posted_at"] = stored_at


class DeduplicatePipeline:
    """Classify each item as new, changed, re-analysed or unchanged (see the module docstring)."""

    def __init__(self, crawler: Any) -> None:
        from nlp.version import lexicon_version

        settings = settings_for(crawler)
        self.crawler = crawler
        self.stats = crawler.stats
        self.lexicon_version = lexicon_version(settings.lexicon_dir, settings.watchlist_file)
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> DeduplicatePipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        """The item with its version fields, ``_status`` saying what the later stages do with it."""
        if item["id"] in self.seen:
            self.stats.inc_value("dropped/duplicate")
            raise DropItem(f"duplicate in this crawl: {item['url']}")
        self.seen.add(item["id"])
        try:
            stored = store_for(self.crawler).versions([item["id"]]).get(item["id"])
        except StorageError:
            self.stats.inc_value("errors/store_read")
            stored = None
        if stored is not None:
            keep_first_date(item, stored.posted_at)
        item["content_hash"] = content_hash(item)
        now = item["fetched_at"]
        if stored is None:
            status, first_seen, times_seen = "new", now, 1
        else:
            first_seen, times_seen = stored.first_seen, stored.times_seen + 1
            if stored.content_hash != item["content_hash"]:
                status = "changed"
            elif stored.lexicon_version != self.lexicon_version:
                status = "reanalysed"
            else:
                status = "unchanged"
        item.update(_status=status, first_seen=first_seen, last_seen=now, times_seen=times_seen)
        self.stats.inc_value(f"items/{status}")
        return item
