"""Trend counts from a search engine (Elasticsearch or OpenSearch), with aggregations only (no document leaves
the cluster).

- ``--by country``: a ``terms`` aggregation on ``analysis.countries`` (an item with two countries counts once in
  each), then a ``date_histogram`` on ``derived.date`` (``calendar_interval`` day/week/month, ``time_zone``).
- ``--by city|destination``: the places come from a ``nested`` aggregation over ``analysis.locations``; each
  place is then counted at item level with a ``filters`` aggregation whose filters are ``nested`` queries, so an
  item that names a place twice counts once (no ``reverse_nested`` needed).
- Per bucket: ``filters`` on ``derived.level_rank`` for the level counts, ``cardinality`` of ``source`` and of
  ``analysis.contacts.phones`` with ``precision_threshold`` 40000 (exact below that many distinct values).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lantern.exports.buckets import Bucket, epoch_of, floor_date, zone
from lantern.exports.places import country_place
from lantern.exports.trends import LEVEL_FIELDS, BucketCount, Place, TrendSpec, spec_buckets
from lantern.storage.search_engine.engine import Engine

DATE_FIELD = "derived.date"
PRECISION = 40_000
MAX_KEYS = 10_000
PLACES_PER_REQUEST = 100


def engine_counts(
    client: Engine, index: str, spec: TrendSpec
) -> tuple[list[BucketCount], list[Bucket], dict[tuple[str, str], Place]]:
    """Raw counts per (place, bucket), the buckets, and the places, from the index or alias ``index``."""
    query = _query(spec)
    buckets = _buckets(client, index, spec)
    if not buckets:
        return [], [], {}
    if spec.by == "country":
        places = {}
        aggs = {"keys": {"terms": {"field": "analysis.countries", "size": MAX_KEYS}, "aggs": _histogram(spec)}}
        response = _search(client, index, query, aggs)
        counts = []
        for key_bucket in response["keys"]["buckets"]:
            code = key_bucket["key"]
            places[(code, code)] = country_place(code)
            counts += _read_histogram(code, code, key_bucket["h"], buckets, spec)
        return counts, buckets, places
    places = _nested_places(client, index, query, spec)
    return _place_counts(client, index, query, spec, list(places), buckets), buckets, places


def _query(spec: TrendSpec) -> dict[str, Any]:
    """The bool filter for the spec's period and filters."""
    filters: list[dict[str, Any]] = []
    period = {}
    if spec.since:
        period["gte"] = epoch_of(spec.since) * 1000
    if spec.until:
        period["lt"] = epoch_of(spec.until) * 1000
    if period:
        filters.append({"range": {DATE_FIELD: {**period, "format": "epoch_millis"}}})
    if spec.min_rank:
        filters.append({"range": {"derived.level_rank": {"gte": spec.min_rank}}})
    if spec.flags:
        filters.append({"terms": {"analysis.flags": list(spec.flags)}})
    if spec.sources:
        filters.append({"terms": {"source": list(spec.sources)}})
    return {"bool": {"filter": filters}}


def _search(client: Engine, index: str, query: dict[str, Any], aggs: dict[str, Any]) -> dict[str, Any]:
    response = client.request("POST", f"/{index}/_search", {"query": query, "aggs": aggs, "size": 0})
    return dict(response["aggregations"])


def _buckets(client: Engine, index: str, spec: TrendSpec) -> list[Bucket]:
    """The buckets from ``since`` (or the oldest stored item) up to ``until`` (or the newest one)."""
    return spec_buckets(spec, _edge_date(client, index, "asc"), _edge_date(client, index, "desc"))


def _edge_date(client: Engine, index: str, order: str) -> int | None:
    """Epoch seconds of the oldest (``asc``) or newest (``desc``) item date, by sorting (no min/max aggregation)."""
    body = {"size": 1, "_source": False, "query": {"match_all": {}}, "sort": [{DATE_FIELD: {"order": order}}]}
    response = client.request("POST", f"/{index}/_search", body)
    hits = response["hits"]["hits"]
    return int(hits[0]["sort"][0]) // 1000 if hits else None


def _histogram(spec: TrendSpec) -> dict[str, Any]:
    """The date histogram with the per-bucket counts, as a sub-aggregation named ``h``."""
    levels = {name: {"term": {"derived.level_rank": rank}} for rank, name in enumerate(LEVEL_FIELDS, start=1)}
    return {
        "h": {
            "date_histogram": {
                "field": DATE_FIELD,
                "calendar_interval": spec.interval,
                "time_zone": spec.timezone,
                "min_doc_count": 1,
            },
            "aggs": {
                "levels": {"filters": {"filters": levels}},
                "sources": {"cardinality": {"field": "source", "precision_threshold": PRECISION}},
                "phones": {"cardinality": {"field": "analysis.contacts.phones", "precision_threshold": PRECISION}},
            },
        }
    }


def _read_histogram(
    key: str, country: str, histogram: dict[str, Any], buckets: list[Bucket], spec: TrendSpec
) -> list[BucketCount]:
    """BucketCounts from one date histogram (bucket keys are local bucket starts in epoch milliseconds)."""
    tz = zone(spec.timezone)
    index_by_start = {bucket.start: i for i, bucket in enumerate(buckets)}
    counts = []
    for entry in histogram["buckets"]:
        start = floor_date(datetime.fromtimestamp(entry["key"] / 1000, tz).date(), spec.interval)
        levels = entry["levels"]["buckets"]
        counts.append(
            BucketCount(
                key,
                country,
                index_by_start[start],
                items=int(entry["doc_count"]),
                low=int(levels["low"]["doc_count"]),
                medium=int(levels["medium"]["doc_count"]),
                high=int(levels["high"]["doc_count"]),
                sources=int(entry["sources"]["value"]),
                phones=int(entry["phones"]["value"]),
            )
        )
    return counts


def _place_condition(spec: TrendSpec) -> dict[str, Any]:
    if spec.by == "city":
        return {"term": {"analysis.locations.kind": "city"}}
    return {"term": {"analysis.locations.destination": True}}


def _nested_places(client: Engine, index: str, query: dict[str, Any], spec: TrendSpec) -> dict[tuple[str, str], Place]:
    """The places (name, country) mentioned by matching items, with their mean coordinates."""
    aggs = {
        "n": {
            "nested": {"path": "analysis.locations"},
            "aggs": {
                "f": {
                    "filter": _place_condition(spec),
                    "aggs": {
                        "name": {
                            "terms": {"field": "analysis.locations.name", "size": MAX_KEYS},
                            "aggs": {
                                "country": {
                                    "terms": {"field": "analysis.locations.country", "size": 300},
                                    "aggs": {
                                        "lat": {"avg": {"field": "analysis.locations.lat"}},
                                        "lon": {"avg": {"field": "analysis.locations.lon"}},
                                    },
                                }
                            },
                        }
                    },
                }
            },
        }
    }
    response = _search(client, index, query, aggs)
    places = {}
    for name_bucket in response["n"]["f"]["name"]["buckets"]:
        for country_bucket in name_bucket["country"]["buckets"]:
            ident = (name_bucket["key"], country_bucket["key"])
            lat, lon = country_bucket["lat"]["value"], country_bucket["lon"]["value"]
            places[ident] = Place(*ident, _round(lat), _round(lon))
    return places


def _place_counts(
    client: Engine,
    index: str,
    query: dict[str, Any],
    spec: TrendSpec,
    idents: list[tuple[str, str]],
    buckets: list[Bucket],
) -> list[BucketCount]:
    """Item-level counts per place: a ``filters`` aggregation of nested queries, in batches of places."""
    counts: list[BucketCount] = []
    for offset in range(0, len(idents), PLACES_PER_REQUEST):
        batch = idents[offset : offset + PLACES_PER_REQUEST]
        filters = {str(i): _nested_place_query(spec, *ident) for i, ident in enumerate(batch)}
        aggs = {"places": {"filters": {"filters": filters}, "aggs": _histogram(spec)}}
        response = _search(client, index, query, aggs)
        for i, ident in enumerate(batch):
            counts += _read_histogram(*ident, response["places"]["buckets"][str(i)]["h"], buckets, spec)
    return counts


def _nested_place_query(spec: TrendSpec, name: str, country: str) -> dict[str, Any]:
    conditions = [
        {"term": {"analysis.locations.name": name}},
        {"term": {"analysis.locations.country": country}},
        _place_condition(spec),
    ]
    return {"nested": {"path": "analysis.locations", "query": {"bool": {"filter": conditions}}}}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
