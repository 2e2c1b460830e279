"""Ages in a table written as text: a header row names an age column ("Name | Age | City", tab-separated
rows), and each later row of as many cells has the age in that column ("Ana | 14 | Pasay")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Set

from nlp.ages.patterns import Found

_LINE = re.compile(r"[^\n]+")
_SEPARATOR = re.compile(r"\t|\s*\|\s*")
_NUMBER = re.compile(r"\d{1,2}")


def _strip(line: str, start: int, end: int) -> tuple[int, int]:
    """The span ``start:end`` of ``line`` without the spaces at its ends."""
    cell = line[start:end]
    return start + len(cell) - len(cell.lstrip()), end - (len(cell) - len(cell.rstrip()))


def _cells(line: str) -> list[tuple[int, int]]:
    """The (start, end) of every cell of ``line``, without spaces, and without the empty cells that a leading or
    trailing bar makes ("| Name | Age |")."""
    spans, start = [], 0
    for sep in _SEPARATOR.finditer(line):
        spans.append(_strip(line, start, sep.start()))
        start = sep.end()
    spans.append(_strip(line, start, len(line)))
    if spans and spans[0][0] >= spans[0][1]:
        spans = spans[1:]
    if spans and spans[-1][0] >= spans[-1][1]:
        spans = spans[:-1]
    return spans


def table_ages(text: str, headers: Set[str], min_age: int, max_age: int) -> Iterator[Found]:
    """Every number in the age column of a table in ``text`` (rule ``age.table``); ``headers`` are the lower-case
    words that name an age column."""
    if "\t" not in text and "|" not in text:
        return
    column, width = -1, 0
    for line in _LINE.finditer(text):
        spans = _cells(line.group())
        if len(spans) < 2:
            column = -1
            continue
        words = [line.group()[s:e].lower().rstrip(":") for s, e in spans]
        named = [i for i, w in enumerate(words) if w in headers]
        if named:
            column, width = named[0], len(spans)
            continue
        if column < 0 or len(spans) != width:
            continue
        s, e = spans[column]
        cell = line.group()[s:e]
        if _NUMBER.fullmatch(cell) and min_age <= int(cell) <= max_age:
            start = line.start() + s
            yield Found(int(cell), "age.table", start, start + len(cell), start)
