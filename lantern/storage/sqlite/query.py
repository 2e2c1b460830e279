"""Turning a :class:`SearchQuery` into safe SQL for the embedded store.

User text never reaches ``MATCH`` as typed: :func:`fts_expression` parses it into terms and writes every term as
a quoted FTS5 string. Supported syntax: words (all must match), ``"quoted phrases"``, ``OR`` between terms,
``-term`` to exclude, ``prefix*``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from lantern.errors import InputError
from lantern.storage.base import LEVELS, SearchQuery
from lantern.storage.search_text import Term, TermGroup, parse_search_text


def _quote(term: Term) -> str:
    return '"' + term.text.replace('"', '""') + '"' + ("*" if term.prefix else "")


def fts_expression(text: str) -> str | None:
    """A safe FTS5 MATCH expression for user text, or ``None`` when the text has no searchable words.

    Raises :class:`InputError` for a query that cannot be run (see :func:`parse_search_text`).
    """
    groups = parse_search_text(text)
    return None if groups is None else " OR ".join(_group_sql(g) for g in groups)


def _group_sql(group: TermGroup) -> str:
    sql = "(" + " AND ".join(_quote(t) for t in group.include) + ")"
    for term in group.exclude:
        sql = f"({sql} NOT {_quote(term)})"
    return sql


def to_epoch(value: str | datetime | None) -> int | None:
    """UTC epoch seconds of an ISO 8601 date (naive dates count as UTC), or ``None``."""
    if value is None or value == "":
        return None
    when = value if isinstance(value, datetime) else _parse_iso(value)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return int(when.timestamp())


def _parse_iso(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"not an ISO 8601 date: {value!r}", hint="use e.g. 2026-01-31 or 2026-01-31T08:00:00Z"
        ) from None


def level_rank(level: str) -> int:
    """0..3 for none, low, medium, high."""
    try:
        return LEVELS.index(level)  # type: ignore[arg-type]
    except ValueError:
        raise InputError(f"unknown risk level {level!r}", hint="use one of: " + ", ".join(LEVELS)) from None


def _any_of(table: str, column: str, values: tuple[str, ...], params: list[Any], *, selective: bool = False) -> str:
    """Items with any of the values in a side table. ``selective`` values (a phone) are looked up first; broad
    ones (a country, a flag) are checked per candidate item, which lets SQLite walk the date index."""
    marks = ", ".join("?" for _ in values)
    params.extend(values)
    if selective:
        return f"items.id IN (SELECT item_id FROM {table} WHERE {column} IN ({marks}))"
    return f"EXISTS (SELECT 1 FROM {table} s WHERE s.item_id = items.id AND s.{column} IN ({marks}))"


def filter_sql(query: SearchQuery, phone: str | None = None) -> tuple[list[str], list[Any]]:
    """WHERE clauses (on table ``items``) and their parameters for every filter of the query except text."""
    clauses: list[str] = []
    params: list[Any] = []
    if query.level:
        clauses.append("items.risk_rank >= ?")
        params.append(level_rank(query.level))
    if query.flags:
        clauses.append(_any_of("item_flags", "flag", query.flags, params))
    if query.countries:
        clauses.append(_any_of("item_countries", "country", tuple(c.upper() for c in query.countries), params))
    if phone:
        clauses.append(_any_of("item_phones", "phone", (phone,), params, selective=True))
    for column, values in (("source", query.sources), ("kind", query.kinds)):
        if values:
            clauses.append(f"items.{column} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
    if query.since is not None:
        clauses.append("items.date_epoch >= ?")
        params.append(to_epoch(query.since))
    if query.until is not None:
        clauses.append("items.date_epoch < ?")
        params.append(to_epoch(query.until))
    return clauses, params
