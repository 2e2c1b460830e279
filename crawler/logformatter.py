"""Log dropped items at DEBUG: drops are expected (empty, oversized, unchanged) and counted in the stats."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter


class QuietDropLogFormatter(LogFormatter):
    """Scrapy's formatter with item drops demoted from WARNING to DEBUG."""

    def dropped(self, *args: Any, **kwargs: Any) -> Any:
        entry = super().dropped(*args, **kwargs)
        entry["level"] = logging.DEBUG
        return entry
