"""A :class:`~lantern.storage.base.SearchQuery` as Elasticsearch query DSL, with the same meaning as on the
embedded store: ``level`` is a minimum, each tuple filter matches any of its values, filters combine with AND,
``since``/``until`` apply to ``posted_at`` falling back to ``first_seen`` (``derived.date``), ``until``
exclusive; newest first, or best match first when there is text."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from lantern.storage.base import LEVELS, SearchQuery
from lantern.storage.phones import normalise_phone
from lantern.storage.search_engine.text_query import text_query

NEWEST_FIRST: list[dict[str, Any]] = [{"derived.date": {"order": "desc"}}, {"id": {"order": "asc"}}]


def es_query(query: SearchQuery, phone_region: str = "NL") -> dict[str, Any]:
    """The ``query`` part of a search request."""
    filters = filter_clauses(query, phone_region)
    text = text_query(query.text) if query.text else None
    if text is None:
        return {"bool": {"filter": filters}} if filters else {"match_all": {}}
    return {"bool": {"filter": filters, "must": [text]}}


def sort(query: SearchQuery) -> list[Any]:
    """Best match first for a text query (newest first among equals), newest first otherwise."""
    return (["_score"] if text_query(query.text) is not None else []) + NEWEST_FIRST


def filter_clauses(query: SearchQuery, phone_region: str = "NL") -> list[dict[str, Any]]:
    """The non-scoring filters of a query."""
    clauses: list[dict[str, Any]] = []
    if query.level:
        clauses.append({"terms": {"analysis.risk.level": list(LEVELS[LEVELS.index(query.level) :])}})
    for field, values in (
        ("analysis.flags", query.flags),
        ("analysis.countries", tuple(c.upper() for c in query.countries)),
        ("source", query.sources),
        ("kind", query.kinds),
    ):
        if values:
            clauses.append({"terms": {field: list(values)}})
    if query.phone:
        clauses.append({"term": {"analysis.contacts.phones": normalise_phone(query.phone, phone_region)}})
    date_range = {k: v for k, v in (("gte", query.since), ("lt", query.until)) if v is not None}
    if date_range:
        clauses.append({"range": {"derived.date": {k: iso(v) for k, v in date_range.items()}}})
    return clauses


def iso(moment: datetime) -> str:
    """ISO 8601 with a zone; a naive datetime is taken as UTC."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def search_body(query: SearchQuery, phone_region: str = "NL") -> dict[str, Any]:
    """The whole body of one page of results."""
    return {
        "query": es_query(query, phone_region),
        "sort": sort(query),
        "from": query.offset,
        "size": query.limit,
        "track_total_hits": True,
    }
