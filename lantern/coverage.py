"""Field coverage of crawl runs: the share of items with each field, and falls against the source's recent runs.

A run records ``coverage_items`` and ``coverage_<field>`` counters (pipelines/coverage.py). A field *fell* when
the source's recent runs (up to :data:`HISTORY` finished or degraded runs with at least :data:`MIN_ITEMS` items)
had it on at least :data:`MIN_SHARE` of their items (their median), and this run has it on less than half of
that share, also with at least :data:`MIN_ITEMS` items: dates from 98 % to 0 % after a site redesign, say.

Example::

    falls(current={"coverage_items": 200, "coverage_date": 0}, history=[{"coverage_items": 180,
          "coverage_date": 177}])   # [Fall(field="date", before=0.983, now=0.0)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import median
from typing import Any

FIELDS = ("title", "body", "author", "date", "location")
_ITEM_KEYS = {"title": "title", "body": "text", "author": "author", "date": "posted_at", "location": "location_hint"}
HISTORY = 5
MIN_ITEMS = 20
MIN_SHARE = 0.5


@dataclass(frozen=True)
class Fall:
    """A field whose share of items fell: the recent runs' median share and this run's."""

    field: str
    before: float
    now: float

    def __str__(self) -> str:
        return f"{self.field} {self.before:.0%} → {self.now:.0%}"


def has_field(item: Mapping[str, Any], name: str) -> bool:
    """Whether a crawled item has a non-empty value for the coverage field ``name``."""
    value = item.get(_ITEM_KEYS[name])
    return bool(value.strip()) if isinstance(value, str) else value is not None


def shares(counters: Mapping[str, int]) -> dict[str, float] | None:
    """The share of items with each field, or None when the run counted no items."""
    items = counters.get("coverage_items", 0)
    if not items:
        return None
    return {name: counters.get(f"coverage_{name}", 0) / items for name in FIELDS}


def falls(current: Mapping[str, int], history: Iterable[Mapping[str, int]]) -> list[Fall]:
    """The fields whose coverage fell in ``current`` against ``history`` (recent runs, newest first)."""
    now = shares(current)
    if now is None or current.get("coverage_items", 0) < MIN_ITEMS:
        return []
    earlier = [s for c in history if c.get("coverage_items", 0) >= MIN_ITEMS and (s := shares(c))][:HISTORY]
    if not earlier:
        return []
    found = []
    for name in FIELDS:
        before = median(s[name] for s in earlier)
        if before >= MIN_SHARE and now[name] < before / 2:
            found.append(Fall(name, round(before, 3), round(now[name], 3)))
    return found


def coverage_line(counters: Mapping[str, int]) -> str | None:
    """One line for people: ``title 100% · body 100% · author 98% · date 97% · location 12%`` (None: no items)."""
    found = shares(counters)
    if found is None:
        return None
    return " · ".join(f"{name} {share:.0%}" for name, share in found.items())
