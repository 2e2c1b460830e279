"""Pieces shared by the age readers: the number pattern, word alternations and what a reader finds."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# A number as ages are written in the normalised text: one to three digits, or two digits with one separator
# between them ("1 6", "1.7", "1_5"), not part of a longer number, a decimal or a time.
# Leading zeros pad a number ("015", "0 1 4").
NUM = r"(?P<num>(?<![\d.,:/])(?:0[ ._*]?){0,2}(?:\d[ ._*]\d|\d{1,3})(?![\d]|[.,]\d))"


def number(name: str, *, after_separator: bool = False) -> str:
    """:data:`NUM` with its group called ``name`` (for patterns with two numbers). ``after_separator``: the
    second number of a pair, which may follow a slash ("14/15")."""
    pattern = NUM.replace("?P<num>", f"?P<{name}>")
    return pattern.replace("(?<![\\d.,:/])", "(?<![\\d.,:])") if after_separator else pattern


_DIGITS = re.compile(r"\d+")
# How far around a number the words of an age reach ("leeftijd: ongeveer 15", "15 jaar oud en").
WINDOW_BEFORE = 80
WINDOW_AFTER = 50

Windows = list[tuple[int, int]]


def number_windows(text: str) -> Windows:
    """The stretches of ``text`` around its numbers, merged where they touch: the only places an age can be.

    Scanning these instead of the whole text keeps the age patterns (long word alternations, slow in ``re``)
    cheap on long texts with few numbers.
    """
    windows: Windows = []
    for m in _DIGITS.finditer(text):
        start, end = max(0, m.start() - WINDOW_BEFORE), min(len(text), m.end() + WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def finditer(pattern: re.Pattern[str], text: str, windows: Windows) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` inside the windows (look-behinds still see the text before a window)."""
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first; a space in a word matches one to three spaces."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s{1,3}") for w in ordered)


def value_of(match: re.Match[str], group: str = "num") -> int:
    """The number a group of a match stands for ("1 6" is 16)."""
    return int(re.sub(r"\D", "", match.group(group)))


@dataclass(frozen=True, slots=True)
class Found:
    """One age found in the normalised text."""

    value: int
    rule: str
    start: int
    end: int
    num_start: int


@dataclass(frozen=True, slots=True)
class Bound:
    """An upper bound on a person's age ("younger than 17", "max 15 jaar"): no age, but a limit."""

    limit: int
    inclusive: bool
    start: int
    end: int

    @property
    def oldest(self) -> int:
        """The oldest age the bound allows."""
        return self.limit if self.inclusive else self.limit - 1
