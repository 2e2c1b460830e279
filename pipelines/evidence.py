"""Evidence stage: keep the page behind every item rated medium or high (lantern.evidence), drop the rest.

Runs after the analyse stage and before the store stage. The capture an item carries (``_evidence``, attached by
crawler/middlewares/evidence.py) is always taken off the item here, so it is never stored or spooled. A capture
that cannot be kept (a full disk, say) is counted as ``evidence/failed`` and logged with the item's id and URL;
the item itself goes on to the store: evidence is never a reason to lose an item.
"""

from __future__ import annotations

import logging
from typing import Any

from crawler.middlewares.evidence import EVIDENCE_KEY
from lantern.evidence.locker import EvidenceLocker
from pipelines.shared import settings_for

LEVELS = frozenset({"medium", "high"})
log = logging.getLogger(__name__)


class EvidencePipeline:
    """Write the captures of medium and high items to the evidence locker."""

    def __init__(self, crawler: Any) -> None:
        self.stats = crawler.stats
        self.settings = settings_for(crawler)
        self.locker: EvidenceLocker | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> EvidencePipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        """The item without its capture (kept first when the item is rated medium or high)."""
        capture = item.pop(EVIDENCE_KEY, None)
        level = ((item.get("analysis") or {}).get("risk") or {}).get("level")
        if capture is None or level not in LEVELS or not self.settings.evidence_capture:
            return item
        try:
            if self.locker is None:
                self.locker = EvidenceLocker.for_data_dir(self.settings.data_dir)
            self.locker.keep(item["id"], level, capture)
            self.stats.inc_value("evidence/kept")
        except Exception as exc:  # any failure to keep evidence is counted, never fatal
            self.stats.inc_value("evidence/failed")
            log.error("evidence of item %s (%s) not kept: %s", item["id"], item.get("url"), exc)
        return item

    def close_spider(self) -> None:
        if self.locker is not None:
            self.locker.close()
