"""Learned readings of a site's date shapes, so that dateparser runs a few times per shape instead of per item.

A *shape* is a date string with its numbers taken out: ``"Jan. 8, 2024, 9:24 a.m."`` has the shape
``"jan. #, #, #:# a.m."`` and the numbers ``8, 2024, 9, 24``. After dateparser has read a string, every
*reading* of its shape that gives the same local time from the same numbers is kept: which number is the day,
the year, the hour (as written, or on a 12-hour clock before or after noon), the minute, the second; or "so many
minutes, hours, days, weeks before the fetch time"; or "today, yesterday … at this time" (used only on fetch
dates on which dateparser confirmed it, as "Monday at 10:14" changes its day with the fetch date). Each later string of
that shape narrows the readings. A string is read from its shape only when its shape has been seen at least
:data:`MIN_SAMPLES` times and every reading left gives the same instant; otherwise dateparser reads it and the
readings are narrowed. A reading that depends on the fetch time in any other way (a year or a day that is not
written) is never formed, so a shape never gives an answer dateparser would not have given.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import product

MIN_SAMPLES = 2
MAX_SHAPES = 4096
MAX_READINGS = 256
_NUMBER = re.compile(r"\d+")

# name → (field of datetime, value from a written number of n digits, or None when it cannot be that field);
# a month written as a word is a number of 0 digits (its month)
_FIELDS: dict[str, tuple[str, Callable[[int, int], int | None]]] = {
    "year": ("year", lambda v, n: v if n == 4 else None),
    "year2": ("year", lambda v, n: 2000 + v if n == 2 else None),
    "month_name": ("month", lambda v, n: v if n == 0 else None),
    "month": ("month", lambda v, n: v if n else None),
    "day": ("day", lambda v, n: v if n else None),
    "hour": ("hour", lambda v, n: v if n else None),
    "hour_pm": ("hour", lambda v, n: v % 12 + 12 if n and 1 <= v <= 12 else None),
    "hour_am": ("hour", lambda v, n: v % 12 if n and 1 <= v <= 12 else None),
    "minute": ("minute", lambda v, n: v if n else None),
    "second": ("second", lambda v, n: v if n else None),
}
_AGO = {
    "seconds_ago": timedelta(seconds=1),
    "minutes_ago": timedelta(minutes=1),
    "hours_ago": timedelta(hours=1),
    "days_ago": timedelta(days=1),
    "weeks_ago": timedelta(weeks=1),
}
_TIME_FIELDS = ("hour", "minute", "second")


class Words:
    """Month and weekday names of some languages (from dateparser's own locale data), for shape keys.

    A month name becomes a number of the shape (so "Jan. 8" and "Sept. 8" share a shape); a weekday name is
    left out of the key (it repeats the date). Names shorter than three letters, and names that mean more than
    one thing in these languages ("mar": March or Tuesday in Spanish), stay part of the key.
    """

    def __init__(self, months: dict[str, int], weekdays: set[str]) -> None:
        self.months = months
        self.weekdays = weekdays
        names = sorted([*months, *weekdays], key=len, reverse=True)
        alternatives = "|".join(re.escape(name) for name in names)
        self.pattern = re.compile(rf"\d+|\b(?:{alternatives})\b" if names else r"\d+", re.IGNORECASE)

    @classmethod
    def of(cls, languages: tuple[str, ...]) -> Words:
        """The names of these languages."""
        from importlib import import_module

        meanings: dict[str, set[str]] = {}
        for lang in languages:
            try:
                info = import_module(f"dateparser.data.date_translation_data.{lang}").info
            except ImportError:
                continue
            for key in (*_MONTHS, *_WEEKDAYS):
                for name in info.get(key, ()):
                    meanings.setdefault(name.casefold(), set()).add(key)
        single = {name: keys.pop() for name, keys in meanings.items() if len(keys) == 1 and len(name) >= 3}
        months = {name: _MONTHS.index(key) + 1 for name, key in single.items() if key in _MONTHS}
        return cls(months, {name for name, key in single.items() if key in _WEEKDAYS})


_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NO_WORDS = Words({}, set())


def shape_of(text: str, words: Words = _NO_WORDS) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The shape key of a date string, its numbers (a month name counts as its month) and their digit counts.

    The key ends with ``@w`` when a weekday name was left out (such a shape is never read as "today … at").
    """
    numbers: list[int] = []
    lengths: list[int] = []
    weekday = False

    def mark(match: re.Match[str]) -> str:
        nonlocal weekday
        token = match.group().casefold()
        if token.isdigit():
            numbers.append(int(token))
            lengths.append(len(token))
            return "#"
        if token in words.months:
            numbers.append(words.months[token])
            lengths.append(0)
            return "#"
        weekday = True
        return "@"

    key = words.pattern.sub(mark, text.casefold())
    return key + ("@w" if weekday else ""), tuple(numbers), tuple(lengths)


@dataclass(frozen=True)
class Reading:
    """One way to read the numbers of a shape (see the module's description)."""

    names: tuple[str, ...]
    constants: tuple[tuple[str, int], ...] = ()
    day_offset: int | None = None

    def apply(self, numbers: tuple[int, ...], lengths: tuple[int, ...], base: datetime) -> datetime | None:
        """The local time this reading gives, or ``None`` when the numbers do not fit it."""
        if self.names and self.names[0] in _AGO:
            return base - numbers[0] * _AGO[self.names[0]]
        values = dict(self.constants)
        for name, number, length in zip(self.names, numbers, lengths, strict=True):
            field, value = _FIELDS[name][0], _FIELDS[name][1](number, length)
            if value is None:
                return None
            values[field] = value
        if self.day_offset is not None:
            day = base.date() + timedelta(days=self.day_offset)
            values.update(year=day.year, month=day.month, day=day.day)
        try:
            return datetime(
                values["year"], values["month"], values["day"], values["hour"], values["minute"], values["second"]
            )
        except (KeyError, ValueError):
            return None


def readings_of(
    numbers: tuple[int, ...], lengths: tuple[int, ...], parsed: datetime, base: datetime, weekday: bool = False
) -> list[Reading]:
    """Every reading of these numbers that gives ``parsed`` (local, naive) for the fetch time ``base``."""
    if not numbers or parsed.microsecond:
        return []
    readings = [
        Reading((name,))
        for name, unit in _AGO.items()
        if len(numbers) == 1 and lengths[0] and base - numbers[0] * unit == parsed
    ]
    choices = [
        [n for n, (f, value) in _FIELDS.items() if value(v, k) == getattr(parsed, f)]
        for v, k in zip(numbers, lengths, strict=True)
    ]
    size = 1
    for names in choices:
        size *= len(names)
    if size == 0 or size > MAX_READINGS:
        return readings
    for combo in product(*choices):
        reading = _absolute(combo, parsed, base, weekday)
        if reading is not None:
            readings.append(reading)
    return readings


def _absolute(combo: tuple[str, ...], parsed: datetime, base: datetime, weekday: bool) -> Reading | None:
    fields = [_FIELDS[name][0] for name in combo]
    given = set(fields)
    if len(given) != len(fields):
        return None
    day_offset = None
    if not given & {"year", "month", "day"}:
        if weekday:
            return None
        day_offset = (parsed.date() - base.date()).days
        if not -7 <= day_offset <= 0:
            return None
    elif not {"year", "day"} <= given:
        return None  # a year or day that is not written depends on the fetch time: leave it to dateparser
    kept = [*_TIME_FIELDS, "month"] if day_offset is None else list(_TIME_FIELDS)
    constants = tuple((f, getattr(parsed, f)) for f in kept if f not in given)
    return Reading(combo, constants, day_offset)


class ShapeBook:
    """The readings learned so far, per shape (one book per configured date reader)."""

    def __init__(self) -> None:
        self._readings: dict[str, list[Reading]] = {}
        self._seen: dict[str, int] = {}
        self._days: dict[str, set[date]] = {}  # fetch dates on which dateparser confirmed the shape

    def read(self, key: str, numbers: tuple[int, ...], lengths: tuple[int, ...], base: datetime) -> datetime | None:
        """The local time of a string of this shape when the learned readings agree, else ``None``."""
        readings = self._readings.get(key)
        if not readings or self._seen[key] < MIN_SAMPLES:
            return None
        if base.date() not in self._days[key] and any(r.day_offset is not None for r in readings):
            return None  # "Monday at 10:14" means another day when fetched on another day: confirm it first
        results = {r.apply(numbers, lengths, base) for r in readings}
        return results.pop() if len(results) == 1 else None

    def learn(
        self, key: str, numbers: tuple[int, ...], lengths: tuple[int, ...], parsed: datetime, base: datetime
    ) -> None:
        """Narrow the readings of a shape with one string dateparser read as ``parsed`` (local, naive)."""
        known = self._readings.get(key)
        if known is None:
            if len(self._readings) >= MAX_SHAPES:
                return
            self._readings[key] = readings_of(numbers, lengths, parsed, base, key.endswith("@w"))
            self._seen[key] = 1
            self._days[key] = {base.date()}
            return
        if known:
            self._readings[key] = [r for r in known if r.apply(numbers, lengths, base) == parsed]
        self._seen[key] += 1
        self._days[key].add(base.date())

    def __len__(self) -> int:
        return len(self._readings)
