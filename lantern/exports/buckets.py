"""Calendar buckets (day, ISO week, month) in an IANA time zone, with daylight-saving time handled by zoneinfo.

A bucket is named by the local date it starts on (weeks start on Monday). Its edges are instants: local
midnight at the start of the bucket and of the next one, converted to UTC epoch seconds. A day is therefore 23 or
25 hours long on the days the clocks change, and an item belongs to the bucket whose edges enclose its date.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lantern.errors import InputError

Interval = Literal["day", "week", "month"]
INTERVALS: tuple[Interval, ...] = ("day", "week", "month")


@dataclass(frozen=True)
class Bucket:
    """One calendar bucket: the local date it starts on and its edges in UTC epoch seconds (end exclusive)."""

    start: date
    start_epoch: int
    end_epoch: int
    zone: ZoneInfo

    def start_iso(self) -> str:
        """The start as ISO 8601 with the zone's UTC offset, e.g. ``2026-03-29T00:00:00+01:00``."""
        return datetime.fromtimestamp(self.start_epoch, self.zone).isoformat()

    def end_iso(self) -> str:
        """The (exclusive) end as ISO 8601 with the zone's UTC offset."""
        return datetime.fromtimestamp(self.end_epoch, self.zone).isoformat()


def zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name``, or an :class:`InputError` naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"unknown time zone {name!r}", hint="use an IANA name such as Europe/Amsterdam, Asia/Manila or UTC"
        ) from None


def floor_date(day: date, interval: Interval) -> date:
    """The first day of the bucket that contains ``day``."""
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def next_start(start: date, interval: Interval) -> date:
    """The first day of the bucket after the one starting on ``start``."""
    if interval == "day":
        return start + timedelta(days=1)
    if interval == "week":
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def previous_start(start: date, interval: Interval) -> date:
    """The first day of the bucket before the one starting on ``start``."""
    return floor_date(start - timedelta(days=1), interval)


def local_midnight_epoch(day: date, tz: ZoneInfo) -> int:
    """UTC epoch seconds of the start of ``day`` in ``tz`` (the first instant of that date, also across a gap)."""
    return int(datetime.combine(day, time(), tzinfo=tz).timestamp())


def bucket_for_epoch(epoch: int, tz: ZoneInfo, interval: Interval) -> date:
    """The start date of the bucket containing the instant ``epoch``."""
    return floor_date(datetime.fromtimestamp(epoch, tz).date(), interval)


def buckets_between(first_epoch: int, last_epoch: int, tz: ZoneInfo, interval: Interval) -> list[Bucket]:
    """Consecutive buckets covering the instants ``first_epoch`` .. ``last_epoch`` (both included)."""
    start = bucket_for_epoch(first_epoch, tz, interval)
    last = bucket_for_epoch(last_epoch, tz, interval)
    buckets: list[Bucket] = []
    edge = local_midnight_epoch(start, tz)
    while start <= last:
        following = next_start(start, interval)
        following_edge = local_midnight_epoch(following, tz)
        buckets.append(Bucket(start, edge, following_edge, tz))
        start, edge = following, following_edge
    return buckets


def index_of(buckets: list[Bucket], epoch: int) -> int | None:
    """The index of the bucket containing ``epoch`` (binary search), or ``None`` outside them."""
    position = bisect_right([b.start_epoch for b in buckets], epoch) - 1
    if position < 0 or epoch >= buckets[position].end_epoch:
        return None
    return position


def epoch_of(moment: datetime) -> int:
    """UTC epoch seconds of a datetime (a naive one counts as UTC, like the stores do)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())
