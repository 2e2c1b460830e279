"""Location trends: counts per place and calendar bucket, made safe to publish.

A backend (``trend_counts`` of each store: :mod:`lantern.storage.sqlite.trends`,
:mod:`lantern.storage.search_engine.trends`) only counts: it returns one
:class:`BucketCount` per (place, bucket) that has items. This module turns those counts into published
:class:`TrendRow` objects: small counts suppressed, the change against the previous bucket, and the rise marker.
The rules are documented in ``docs/EXPORTS.md``; keep the two in step.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from lantern.errors import InputError
from lantern.exports.buckets import Bucket, Interval, buckets_between, epoch_of, zone
from lantern.storage.base import LEVELS, RiskLevel

By = Literal["country", "city", "destination"]
BY_OPTIONS: tuple[By, ...] = ("country", "city", "destination")
#: The level counts published per bucket (items at exactly that level).
LEVEL_FIELDS: tuple[str, ...] = ("low", "medium", "high")
#: Every count cell of a row; each one is suppressed independently when below the minimum.
COUNT_FIELDS: tuple[str, ...] = ("items", *LEVEL_FIELDS, "sources", "phones")
#: How many earlier buckets of the same place the rise marker looks at, and how many it needs.
RISE_HISTORY = 8
RISE_MIN_HISTORY = 4
RISE_SD_FACTOR = 2.0
#: More buckets than this make the export refuse (use a longer interval or a shorter period).
MAX_BUCKETS = 20_000


@dataclass(frozen=True)
class TrendSpec:
    """What to count: grouping, bucket size and zone, filters, and the suppression threshold."""

    by: By
    interval: Interval
    timezone: str
    min_count: int
    since: datetime | None = None
    until: datetime | None = None
    level: RiskLevel | None = None
    flags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def min_rank(self) -> int:
        """The lowest risk rank (0 none … 3 high) an item needs to be counted."""
        return LEVELS.index(self.level) if self.level else 0


@dataclass(frozen=True)
class Place:
    """What a trend is grouped by: a country code, or a place name with its country, and a centroid."""

    key: str
    country: str
    lat: float | None = None
    lon: float | None = None


@dataclass
class BucketCount:
    """Raw (unpublished) counts of one place in one bucket, as a backend computes them."""

    key: str
    country: str
    bucket_index: int
    items: int = 0
    low: int = 0
    medium: int = 0
    high: int = 0
    sources: int = 0
    phones: int = 0


@dataclass
class TrendRow:
    """One published row: counts are ``None`` where suppressed, and ``suppressed`` names those fields."""

    place: Place
    bucket: Bucket
    counts: dict[str, int | None]
    suppressed: set[str] = field(default_factory=set)
    change: int | None = None
    rising: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The row as a flat dictionary (the column order of every export format)."""
        row: dict[str, Any] = {
            "key": self.place.key,
            "country": self.place.country,
            "bucket": self.bucket.start.isoformat(),
            "bucket_start": self.bucket.start_iso(),
            "bucket_end": self.bucket.end_iso(),
        }
        for name in COUNT_FIELDS:
            row[name] = self.counts[name]
            row[f"{name}_suppressed"] = name in self.suppressed
        row["change"] = self.change
        row["change_suppressed"] = "change" in self.suppressed
        row["rising"] = self.rising
        row["lat"] = self.place.lat
        row["lon"] = self.place.lon
        return row


COLUMNS: tuple[str, ...] = (
    "key",
    "country",
    "bucket",
    "bucket_start",
    "bucket_end",
    *(column for name in COUNT_FIELDS for column in (name, f"{name}_suppressed")),
    "change",
    "change_suppressed",
    "rising",
    "lat",
    "lon",
)


def spec_buckets(spec: TrendSpec, oldest: int | None, newest: int | None) -> list[Bucket]:
    """The buckets from ``since`` (or the oldest item's epoch) up to ``until`` (or the newest one's)."""
    if oldest is None or newest is None:
        return []
    first = epoch_of(spec.since) if spec.since else oldest
    last = epoch_of(spec.until) - 1 if spec.until else newest
    if last < first:
        return []
    buckets = buckets_between(first, last, zone(spec.timezone), spec.interval)
    if len(buckets) > MAX_BUCKETS:
        raise InputError(
            f"the export would have {len(buckets)} {spec.interval} buckets (at most {MAX_BUCKETS})",
            hint="use a longer --interval or a shorter period with --since/--until",
        )
    return buckets


def build_rows(
    counts: list[BucketCount], buckets: list[Bucket], places: dict[tuple[str, str], Place], spec: TrendSpec
) -> list[TrendRow]:
    """Published rows, ordered by bucket then country then key, from a backend's raw counts."""
    by_place: dict[tuple[str, str], dict[int, BucketCount]] = defaultdict(dict)
    for count in counts:
        by_place[(count.key, count.country)][count.bucket_index] = count
    rows: list[TrendRow] = []
    for ident, series in by_place.items():
        place = places.get(ident) or Place(*ident)
        rows.extend(_place_rows(place, series, buckets, spec))
    rows.sort(key=lambda r: (r.bucket.start, r.place.country, r.place.key))
    return rows


def _place_rows(place: Place, series: dict[int, BucketCount], buckets: list[Bucket], spec: TrendSpec) -> list[TrendRow]:
    """The rows of one place, with change and rise computed from its own (published) history."""
    published: dict[int, int | None] = {}
    rows = []
    for index in sorted(series):
        row = _suppressed_row(place, buckets[index], series[index], spec)
        published[index] = row.counts["items"]
        row.change = _change(index, published, row)
        row.rising = is_rising(row.counts["items"], _history(index, published), spec.min_count)
        rows.append(row)
    return rows


def _suppressed_row(place: Place, bucket: Bucket, count: BucketCount, spec: TrendSpec) -> TrendRow:
    """A row with every count below ``min_count`` hidden, plus complementary suppression of level counts."""
    raw = {name: getattr(count, name) for name in COUNT_FIELDS}
    hidden = {name for name, value in raw.items() if value < spec.min_count}
    if "items" in hidden:
        hidden = set(COUNT_FIELDS)  # a row about fewer than min_count items says nothing at all
    in_scope = [name for name in LEVEL_FIELDS if LEVELS.index(name) >= max(spec.min_rank, 1)]
    if spec.min_rank >= 1 and "items" not in hidden:
        # items = the sum of the in-scope level counts: one hidden level could be worked out from the others.
        hidden_levels = [name for name in in_scope if name in hidden]
        if len(hidden_levels) == 1 and len(in_scope) > 1:
            shown = [name for name in in_scope if name not in hidden]
            hidden.add(min(shown, key=lambda name: raw[name]))
    values: dict[str, int | None] = {name: None if name in hidden else raw[name] for name in COUNT_FIELDS}
    return TrendRow(place, bucket, values, hidden)


def _change(index: int, published: dict[int, int | None], row: TrendRow) -> int | None:
    """Items minus the previous bucket's items (0 when that bucket had none); suppressed when either is."""
    if index == 0:
        return None  # the previous bucket lies outside the export
    previous = published.get(index - 1, 0)
    current = row.counts["items"]
    if previous is None or current is None:
        row.suppressed.add("change")
        return None
    return current - previous


def _history(index: int, published: dict[int, int | None]) -> list[int]:
    """The published item counts of up to RISE_HISTORY buckets before ``index`` (suppressed ones left out)."""
    window = range(max(0, index - RISE_HISTORY), index)
    return [value for i in window if (value := published.get(i, 0)) is not None]


def is_rising(items: int | None, history: list[int], min_count: int) -> bool:
    """The rise marker: enough history, at least twice the minimum, and above mean + 2 standard deviations."""
    if items is None or len(history) < RISE_MIN_HISTORY or items < 2 * min_count:
        return False
    mean = statistics.fmean(history)
    spread = statistics.pstdev(history)
    return items > mean + RISE_SD_FACTOR * spread
