"""The search filter options shared by ``lantern search`` and ``lantern export items``.

Usage::

    @click.command()
    @query_options
    @click.pass_obj
    def command(settings, **options):
        query = build_query(settings, text="", **options)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import click

from lantern.errors import InputError
from lantern.settings import Settings
from lantern.storage.base import LEVELS, SearchQuery

F = TypeVar("F", bound=Callable[..., Any])

_FLAG = re.compile(r"^[a-z][a-z0-9_]*$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_DATE_HINT = "use YYYY-MM-DD (midnight in LANTERN_TIMEZONE) or a full ISO 8601 time, e.g. 2026-01-31T08:00:00Z"

QUERY_OPTIONS = [
    click.option("--level", type=click.Choice(LEVELS), help="Minimum risk level (medium = medium and high)."),
    click.option("--flag", "flags", multiple=True, metavar="FLAG", help="Items with this flag (repeat: any of)."),
    click.option("--country", "countries", multiple=True, metavar="CC", help="ISO country code (repeat: any of)."),
    click.option("--source", "sources", multiple=True, metavar="NAME", help="Source name (repeat: any of)."),
    click.option("--kind", "kinds", multiple=True, metavar="KIND", help="Item kind, e.g. ad or post (repeat)."),
    click.option("--phone", metavar="NUMBER", help="Items listing this phone number (normalised to E.164)."),
    click.option("--since", metavar="DATE", help="Posted on or after DATE (first seen when undated)."),
    click.option("--until", metavar="DATE", help="Posted before DATE (exclusive)."),
]


def query_options(function: F) -> F:
    """Add the filter options (level, flag, country, source, kind, phone, since, until) to a click command."""
    for option in reversed(QUERY_OPTIONS):
        function = option(function)
    return function


def parse_date(value: str, option: str, timezone: str) -> datetime:
    """A strict date: ``YYYY-MM-DD`` (midnight in ``timezone``) or full ISO 8601; InputError otherwise."""
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=ZoneInfo(timezone))
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*", text):
            raise ValueError(text)
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date", hint=_DATE_HINT) from None
    return when if when.tzinfo else when.replace(tzinfo=ZoneInfo(timezone))


def _check(values: tuple[str, ...], pattern: re.Pattern[str], option: str, hint: str) -> tuple[str, ...]:
    for value in values:
        if not pattern.match(value):
            raise InputError(f"{option} {value!r} is not valid", hint=hint)
    return values


def build_query(
    settings: Settings,
    *,
    text: str = "",
    level: str | None = None,
    flags: tuple[str, ...] = (),
    countries: tuple[str, ...] = (),
    sources: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
    phone: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchQuery:
    """A :class:`SearchQuery` from the option values, checked; bad values raise :class:`InputError`."""
    from lantern.storage.phones import normalise_phone

    _check(flags, _FLAG, "--flag", "flags are lower case, e.g. minor_age, destination, youth_term")
    _check(countries, _COUNTRY, "--country", "use an ISO 3166-1 alpha-2 code, e.g. PH")
    start = parse_date(since, "--since", settings.timezone) if since else None
    end = parse_date(until, "--until", settings.timezone) if until else None
    if start and end and start >= end:
        raise InputError(f"--since {since} is not before --until {until}", hint="swap the two dates")
    return SearchQuery(
        text=text.strip(),
        level=level,  # type: ignore[arg-type]
        flags=tuple(flags),
        countries=tuple(c.upper() for c in countries),
        sources=tuple(sources),
        kinds=tuple(kinds),
        phone=normalise_phone(phone, settings.phone_region) if phone else None,
        since=start,
        until=end,
        limit=limit,
        offset=offset,
    )
