"""Trend counts from the embedded store, aggregated in SQL (see ``lantern/storage/sqlite/schema.py``).

Buckets follow the IANA time zone with daylight-saving time: their edges are computed in Python
(:mod:`lantern.exports.buckets`) and the bucket of each item is found in SQL with a generated binary search over
those edges (a nested ``CASE`` of depth log2(buckets)), so every count, including the distinct ones, is exact and
computed by SQLite in one pass.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from lantern.exports.buckets import Bucket, epoch_of
from lantern.exports.places import country_place
from lantern.exports.trends import BucketCount, Place, TrendSpec, spec_buckets
from lantern.storage.sqlite.schema import connect

_PLACES = {
    "country": "SELECT item_id, country AS key, country FROM item_countries",
    "city": "SELECT DISTINCT item_id, name AS key, country FROM item_locations WHERE kind = 'city'",
    "destination": "SELECT DISTINCT item_id, name AS key, country FROM item_locations WHERE destination = 1",
}
_CENTROIDS = {
    "city": "SELECT name, country, avg(lat), avg(lon) FROM item_locations WHERE kind = 'city' GROUP BY 1, 2",
    "destination": "SELECT name, country, avg(lat), avg(lon) FROM item_locations WHERE destination = 1 GROUP BY 1, 2",
}


def sqlite_counts(
    path: Path | str, spec: TrendSpec
) -> tuple[list[BucketCount], list[Bucket], dict[tuple[str, str], Place]]:
    """Raw counts per (place, bucket), the buckets, and the places, from the store file at ``path``."""
    conn = connect(str(path), readonly=True)
    try:
        buckets = _buckets(conn, spec)
        if not buckets:
            return [], [], {}
        where, params = _where(spec, buckets)
        counts = _item_counts(conn, spec, buckets, where, params)
        _add_phone_counts(conn, spec, buckets, where, params, counts)
        places = _places(conn, spec, counts.values())
        return list(counts.values()), buckets, places
    finally:
        conn.close()


def _buckets(conn: sqlite3.Connection, spec: TrendSpec) -> list[Bucket]:
    """The buckets from ``since`` (or the oldest item) up to ``until`` (or the newest item)."""
    low, high = conn.execute("SELECT min(date_epoch), max(date_epoch) FROM items").fetchone()
    return spec_buckets(spec, low, high)


def _where(spec: TrendSpec, buckets: list[Bucket]) -> tuple[str, list[Any]]:
    """The WHERE clause over ``items i`` for the spec's filters and period."""
    first = epoch_of(spec.since) if spec.since else buckets[0].start_epoch
    last = epoch_of(spec.until) if spec.until else buckets[-1].end_epoch
    clauses: list[str] = ["+i.date_epoch >= ?", "+i.date_epoch < ?"]  # unary +: drive from the place table
    params: list[Any] = [first, last]
    if spec.min_rank:
        clauses.append("i.risk_rank >= ?")
        params.append(spec.min_rank)
    if spec.sources:
        clauses.append(f"i.source IN ({', '.join('?' for _ in spec.sources)})")
        params.extend(spec.sources)
    if spec.flags:
        marks = ", ".join("?" for _ in spec.flags)
        clauses.append(f"i.id IN (SELECT item_id FROM item_flags WHERE flag IN ({marks}))")
        params.extend(spec.flags)
    return " AND ".join(clauses), params


def bucket_sql(buckets: list[Bucket], column: str = "i.date_epoch") -> str:
    """An SQL expression giving the index of the bucket that holds ``column`` (binary search over the edges)."""
    starts = [bucket.start_epoch for bucket in buckets]

    def node(low: int, high: int) -> str:
        if low == high:
            return str(low)
        middle = (low + high + 1) // 2
        return f"CASE WHEN {column} < {starts[middle]} THEN {node(low, middle - 1)} ELSE {node(middle, high)} END"

    return node(0, len(starts) - 1)


def _item_counts(
    conn: sqlite3.Connection, spec: TrendSpec, buckets: list[Bucket], where: str, params: list[Any]
) -> dict[tuple[str, str, int], BucketCount]:
    sql = (
        f"SELECT p.key, p.country, {bucket_sql(buckets)} AS b, count(*), sum(i.risk_rank = 1),"
        f" sum(i.risk_rank = 2), sum(i.risk_rank = 3), count(DISTINCT i.source)"
        f" FROM ({_PLACES[spec.by]}) AS p JOIN items i INDEXED BY items_trend ON i.id = p.item_id"
        f" WHERE {where} GROUP BY 1, 2, 3"
    )
    counts = {}
    for key, country, index, items, low, medium, high, sources in conn.execute(sql, params):
        counts[(key, country, index)] = BucketCount(key, country, index, items, low, medium, high, sources)
    return counts


def _add_phone_counts(
    conn: sqlite3.Connection,
    spec: TrendSpec,
    buckets: list[Bucket],
    where: str,
    params: list[Any],
    counts: dict[tuple[str, str, int], BucketCount],
) -> None:
    """Distinct phone numbers per (place, bucket); the numbers themselves never leave SQLite."""
    sql = (
        f"SELECT p.key, p.country, {bucket_sql(buckets)} AS b, count(DISTINCT ph.phone)"
        f" FROM ({_PLACES[spec.by]}) AS p JOIN items i INDEXED BY items_trend ON i.id = p.item_id"
        f" JOIN item_phones ph ON ph.item_id = i.id WHERE {where} GROUP BY 1, 2, 3"
    )
    for key, country, index, phones in conn.execute(sql, params):
        counts[(key, country, index)].phones = phones


def _places(conn: sqlite3.Connection, spec: TrendSpec, counts: Any) -> dict[tuple[str, str], Place]:
    """The centroid of every place that has counts."""
    wanted = {(count.key, count.country) for count in counts}
    if spec.by == "country":
        return {ident: country_place(ident[1]) for ident in wanted}
    places = {}
    for name, country, lat, lon in conn.execute(_CENTROIDS[spec.by]):
        if (name, country) in wanted:
            places[(name, country)] = Place(name, country, _round(lat), _round(lon))
    return places


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
