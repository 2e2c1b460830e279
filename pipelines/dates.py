"""Dates as sites write them, read into UTC ISO 8601 (the clean stage's ``posted_at``).

Absolute forms in many languages ("Jan. 8, 2024, 9:24 a.m.", "Mo 4. März 2024", "8 de enero de 2024 a las
09:24"), relative forms against the item's fetch time ("2 hours ago", "gisteren om 14:02", "3 dagen geleden") and
machine forms (ISO 8601, RFC 2822). A date without a zone is read in the source's ``timezone``.

The work is done by dateparser (offline: its locale data ships with the package; no language-detection model is
used or downloaded). Reading is kept cheap: ISO 8601, RFC 2822 and numeric dates take a fast path; phrases
dateparser does not know are rewritten first (``date_rewrites.yml``, rules as data); the same string at the same
fetch time is read once; and a site's repeated shapes are read from learned readings
(:mod:`pipelines.date_shapes`) once dateparser has read a few of them. One :class:`DateReader` is built per
source configuration and cached (:func:`reader_for`).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from pipelines.date_shapes import ShapeBook, Words, shape_of

DEFAULT_LANGUAGES = ("en", "nl", "de", "fr", "es", "pt", "id", "th", "tl")
DATE_ORDERS = ("DMY", "MDY", "YMD", "YDM", "DYM", "MYD")
DEFAULT_ORDER = "DMY"
MAX_DATE_CHARS = 200
MEMO_SIZE = 4096
REWRITES_FILE = Path(__file__).with_name("date_rewrites.yml")
_ALIASES = {"tl": ("tl", "fil")}  # dateparser keeps Tagalog's relative phrases under Filipino
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?", re.A)
_RFC2822 = re.compile(r"(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UTC?)")
_NUMERIC = re.compile(r"(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?", re.A)
_SPACES = re.compile(r"\s+")
RELATIVE_PROBE = timedelta(days=1, seconds=61)  # a date that moves when the fetch time does is a relative one
#: (age below, precision) of a relative date: "12 minutes ago" to the hour, "6 months, 2 weeks ago" to the month.
RELATIVE_UNITS = (
    (timedelta(days=1), timedelta(hours=1)),
    (timedelta(days=30), timedelta(days=7)),
    (timedelta(days=365), timedelta(days=31)),
    (timedelta.max, timedelta(days=366)),
)


@dataclass(frozen=True)
class DateHints:
    """How one source writes its dates: its time zone, languages and the order of numeric dates."""

    timezone: str = "UTC"
    languages: tuple[str, ...] = ()
    order: str | None = None


def check_timezone(name: str) -> str:
    """An IANA time zone name, else ``ValueError`` with a hint."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as 'Europe/Amsterdam' or 'UTC')") from None
    return name


def check_language(code: str) -> str:
    """A language dateparser reads, else ``ValueError`` naming the code."""
    if code not in supported_languages():
        raise ValueError(f"dates cannot be read in {code!r} (use ISO 639-1 codes such as 'nl', 'en', 'th', 'tl')")
    return code


def check_order(order: str) -> str:
    """One of :data:`DATE_ORDERS`, else ``ValueError``."""
    if order not in DATE_ORDERS:
        raise ValueError(f"unknown date order {order!r} (use one of {', '.join(DATE_ORDERS)})")
    return order


@cache
def supported_languages() -> frozenset[str]:
    """The language codes dateparser has locale data for (read from the installed package, offline)."""
    from dateparser.data.languages_info import language_order  # type: ignore[import-untyped]

    return frozenset(language_order)


class DateReader:
    """Reads the dates of one source configuration; keeps what it learned about the site's date shapes."""

    def __init__(self, hints: DateHints) -> None:
        self.hints = hints
        self.zone = ZoneInfo(hints.timezone)
        self.order = hints.order or DEFAULT_ORDER
        languages = hints.languages or DEFAULT_LANGUAGES
        self.languages = tuple(dict.fromkeys(code for lang in languages for code in _ALIASES.get(lang, (lang,))))
        self.rewrites = rewrites_for(self.languages)
        self._rewrite_trigger = re.compile("|".join(f"(?:{p.pattern})" for p, _ in self.rewrites) or "(?!)", re.I)
        self.shapes = ShapeBook()
        self.words = Words.of(self.languages)
        self._memo: OrderedDict[tuple[str, datetime], datetime | None] = OrderedDict()
        self.counts = {"fast": 0, "memo": 0, "shape": 0, "dateparser": 0}

    def read(self, value: str | None, fetched_at: str | datetime | None = None) -> str | None:
        """ISO 8601 in UTC of a date as the site wrote it, or ``None`` when it cannot be read."""
        instant = self.read_datetime(value, fetched_at)
        return instant.isoformat(timespec="seconds") if instant else None

    def read_precise(self, value: str | None, fetched_at: str | datetime | None = None) -> tuple[str | None, int]:
        """Like :meth:`read`, with the date's precision in seconds: 0 for a date the site wrote out, else (for
        "12 minutes ago", "6 months, 2 weeks ago", "gisteren") how far two fetches may read it apart."""
        instant = self.read_datetime(value, fetched_at)
        if instant is None:
            return None, 0
        base = _moment(fetched_at)
        later = self.read_datetime(value, base + RELATIVE_PROBE)
        precision = 0 if later == instant else relative_precision(base - instant)
        return instant.isoformat(timespec="seconds"), precision

    def read_datetime(self, value: str | None, fetched_at: str | datetime | None = None) -> datetime | None:
        """The UTC instant of a date string; relative forms count from ``fetched_at`` (default: now)."""
        if not value:
            return None
        text = _SPACES.sub(" ", value).strip()
        if not text or len(text) > MAX_DATE_CHARS:
            return None
        local = self._fast(text)
        if local is not None:
            self.counts["fast"] += 1
            return self._utc(local)
        return self._slow(text, _base_time(fetched_at, self.zone))

    def _fast(self, text: str) -> datetime | None:
        if _ISO.fullmatch(text):
            try:
                return datetime.fromisoformat(text)
            except ValueError:
                return None
        if _RFC2822.fullmatch(text):
            try:
                return parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                return None
        match = _NUMERIC.fullmatch(text)
        return _numeric(match, self.order) if match else None

    def _slow(self, text: str, base: datetime) -> datetime | None:
        key = (text, base)
        if key in self._memo:
            self.counts["memo"] += 1
            self._memo.move_to_end(key)
            return self._memo[key]
        text = self._rewrite(text)
        shape, numbers, lengths = shape_of(text, self.words)
        local = self.shapes.read(shape, numbers, lengths, base)
        if local is not None:
            self.counts["shape"] += 1
            instant: datetime | None = self._utc(local)
        else:
            self.counts["dateparser"] += 1
            instant = self._dateparser(text, base)
            if instant is not None:
                self.shapes.learn(shape, numbers, lengths, instant.astimezone(self.zone).replace(tzinfo=None), base)
        self._memo[key] = instant
        if len(self._memo) > MEMO_SIZE:
            self._memo.popitem(last=False)
        return instant

    def _dateparser(self, text: str, base: datetime) -> datetime | None:
        found = _parser(self.languages, self.hints.timezone, self.order, base).get_date_data(text).date_obj
        if found is None:
            return None
        return found.astimezone(UTC) if found.tzinfo else found.replace(tzinfo=self.zone).astimezone(UTC)

    def _rewrite(self, text: str) -> str:
        if not self._rewrite_trigger.search(text):
            return text
        for pattern, replacement in self.rewrites:
            text = pattern.sub(replacement, text)
        return text

    def _utc(self, local: datetime) -> datetime:
        if local.tzinfo is None:
            local = local.replace(tzinfo=self.zone)
        return local.astimezone(UTC)


@lru_cache(maxsize=128)
def reader_for(hints: DateHints) -> DateReader:
    """The date reader of one source configuration (built once per process)."""
    return DateReader(hints)


def hints_of(source: Any, default_timezone: str) -> DateHints:
    """The date hints of a source: its ``timezone`` and ``dates`` fields, its ``language`` plus English."""
    dates = getattr(source, "dates", None)
    languages: tuple[str, ...] = tuple(getattr(dates, "languages", ()) or ())
    if not languages and getattr(source, "language", None):
        languages = (source.language, "en") if source.language != "en" else ("en",)
    return DateHints(
        timezone=getattr(source, "timezone", None) or default_timezone,
        languages=languages,
        order=getattr(dates, "order", None),
    )


def parse_date(value: str | None, timezone: str = "UTC", fetched_at: str | datetime | None = None) -> str | None:
    """ISO 8601 (UTC) of a date as sites write it, read with the default hints in ``timezone``; or ``None``."""
    return reader_for(DateHints(timezone=timezone)).read(value, fetched_at)


@lru_cache(maxsize=256)
def _parser(languages: tuple[str, ...], timezone: str, order: str, base: datetime) -> Any:
    """A dateparser parser for one source and one fetch time (the items of a page share it)."""
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    settings = {
        "TIMEZONE": timezone,
        "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": order,
        "RELATIVE_BASE": base,
    }
    return DateDataParser(languages=list(languages), settings=settings)


@cache
def _all_rewrites() -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    raw = yaml.safe_load(REWRITES_FILE.read_text(encoding="utf-8"))
    return {
        lang: tuple((re.compile(pattern, re.IGNORECASE), replacement) for pattern, replacement in rules)
        for lang, rules in raw["rewrites"].items()
    }


def rewrites_for(languages: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The rewrite rules of these languages, in the file's order per language."""
    table = _all_rewrites()
    return tuple(rule for lang in languages for rule in table.get(lang, ()))


def relative_precision(age: timedelta) -> int:
    """Seconds a relative date of this age may move between two readings: sites print ages in the largest
    unit or two that fit ("3 hours", "6 months, 2 weeks"), so the reading is exact to about the unit below."""
    return next(int(unit.total_seconds()) for limit, unit in RELATIVE_UNITS if age < limit)


def _moment(fetched_at: str | datetime | None) -> datetime:
    """The fetch time as an aware datetime (now when it is missing or unreadable)."""
    if isinstance(fetched_at, str):
        try:
            fetched_at = datetime.fromisoformat(fetched_at)
        except ValueError:
            fetched_at = None
    moment = fetched_at or datetime.now(UTC)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _base_time(fetched_at: str | datetime | None, zone: ZoneInfo) -> datetime:
    """The fetch time as a naive local time of the source's zone, to the second (dateparser's relative base)."""
    return _moment(fetched_at).astimezone(zone).replace(tzinfo=None, microsecond=0)


def _numeric(match: re.Match[str], order: str) -> datetime | None:
    """A numeric date ("08-01-2024 09:24", "2024/01/08") in the source's order; ``None`` for other orders."""
    first, _, second, third, hour, minute, sec = match.groups()
    if len(first) == 4:
        year, month, day = first, second, third
    elif len(third) == 4 and order in ("DMY", "MDY"):
        day, month = (first, second) if order == "DMY" else (second, first)
        year = third
    else:
        return None
    try:
        return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(sec or 0))
    except ValueError:
        return None
