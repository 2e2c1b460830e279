"""Bucket edges across daylight-saving changes, and the publishing rules: suppression, change, rise marker."""

from __future__ import annotations

from datetime import date

from lantern.exports.buckets import buckets_between, local_midnight_epoch, zone
from lantern.exports.compute import trend_rows
from lantern.exports.trends import BucketCount, Place, TrendSpec, build_rows
from tests.exports.conftest import make_item

AMS = zone("Europe/Amsterdam")


def test_days_around_the_spring_change_are_23_hours_and_autumn_25():
    spring = buckets_between(
        local_midnight_epoch(date(2026, 3, 28), AMS), local_midnight_epoch(date(2026, 3, 30), AMS), AMS, "day"
    )
    assert [b.start.isoformat() for b in spring] == ["2026-03-28", "2026-03-29", "2026-03-30"]
    assert spring[1].end_epoch - spring[1].start_epoch == 23 * 3600
    assert spring[1].start_iso() == "2026-03-29T00:00:00+01:00" and spring[1].end_iso() == "2026-03-30T00:00:00+02:00"
    autumn = buckets_between(
        local_midnight_epoch(date(2026, 10, 25), AMS), local_midnight_epoch(date(2026, 10, 25), AMS), AMS, "day"
    )
    assert autumn[0].end_epoch - autumn[0].start_epoch == 25 * 3600


def test_weeks_start_on_monday_and_months_on_the_first():
    weeks = buckets_between(
        local_midnight_epoch(date(2026, 3, 25), AMS), local_midnight_epoch(date(2026, 4, 1), AMS), AMS, "week"
    )
    assert [b.start.isoformat() for b in weeks] == ["2026-03-23", "2026-03-30"]
    months = buckets_between(
        local_midnight_epoch(date(2025, 12, 31), AMS), local_midnight_epoch(date(2026, 1, 1), AMS), AMS, "month"
    )
    assert [b.start.isoformat() for b in months] == ["2025-12-01", "2026-01-01"]


def test_embedded_store_buckets_follow_amsterdam_time(sqlite_store):
    sqlite_store.upsert([
        make_item("d1", "2026-03-28T23:30:00+00:00", places=("Manila",)),  # 00:30 CET on the 29th
        make_item("d2", "2026-03-29T21:30:00+00:00", places=("Manila",)),  # 23:30 CEST on the 29th
        make_item("d3", "2026-03-29T22:30:00+00:00", places=("Manila",)),  # 00:30 CEST on the 30th
        make_item("d4", "2026-03-28T22:59:00+00:00", places=("Manila",)),  # 23:59 CET on the 28th
    ])  # fmt: skip
    spec = TrendSpec(by="city", interval="day", timezone="Europe/Amsterdam", min_count=2)
    rows = {r.bucket.start.isoformat(): r.counts["items"] for r in trend_rows(sqlite_store, spec)}
    assert rows == {"2026-03-28": None, "2026-03-29": 2, "2026-03-30": None}


def _rows(series: list[int], min_count: int = 3, **spec):
    spec = TrendSpec(by="country", interval="day", timezone="UTC", min_count=min_count, **spec)
    buckets = buckets_between(0, 86400 * len(series) - 1, zone("UTC"), "day")
    counts = [BucketCount("PH", "PH", i, n, low=n, sources=n, phones=n) for i, n in enumerate(series) if n]
    return build_rows(counts, buckets, {("PH", "PH"): Place("PH", "PH", 14.6, 121.0)}, spec)


def test_small_counts_are_suppressed_not_zero_and_so_is_a_change_from_them():
    rows = _rows([4, 2, 5])
    assert rows[1].counts["items"] is None and rows[1].suppressed >= {"items", "low", "sources", "phones"}
    assert rows[1].as_dict()["items_suppressed"] is True
    assert rows[2].change is None and "change" in rows[2].suppressed
    assert rows[0].change is None and "change" not in rows[0].suppressed  # no previous bucket in the export


def test_a_bucket_without_items_counts_as_zero_for_the_change():
    rows = _rows([4, 0, 6])
    assert [r.bucket.start.day for r in rows] == [1, 3]
    assert rows[1].change == 6


def test_one_hidden_level_cannot_be_worked_out_from_the_others():
    spec = TrendSpec(by="country", interval="day", timezone="UTC", min_count=3, level="medium")
    buckets = buckets_between(0, 86399, zone("UTC"), "day")
    count = BucketCount("PH", "PH", 0, items=12, low=0, medium=10, high=2, sources=3, phones=3)
    row = build_rows([count], buckets, {}, spec)[0]
    assert row.counts["items"] == 12 and row.counts["high"] is None and row.counts["medium"] is None


def test_rise_marker_needs_history_twice_the_minimum_and_two_sd_above_the_mean():
    rising = _rows([3, 4, 3, 4, 3, 4, 3, 4, 12])
    assert [r.rising for r in rising] == [False] * 8 + [True]
    assert not _rows([3, 4, 3, 12])[-1].rising  # only 3 earlier buckets
    assert not _rows([3, 9, 3, 9, 3, 9, 3, 9, 12])[-1].rising  # within the place's usual spread
