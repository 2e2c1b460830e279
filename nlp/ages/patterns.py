"""Pieces shared by the age readers: the number pattern, word alternations and what a reader finds."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

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


def first_of(words: Iterable[str], *more: str) -> str:
    """A look-ahead for what a match must start with: the first character of one of ``words`` (as a
    case-insensitive pattern reads it) or one of the classes ``more``; nothing when a word is empty (the match
    would start with what follows it)."""
    firsts = {word[:1] for word in words}
    if not firsts or "" in firsts or any(c.isspace() for c in firsts):
        return ""
    return f"(?=[{''.join(re.escape(c) for c in sorted(firsts))}{''.join(more)}])"


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


_SPACE = r"\s{1,3}"  # what a space in a word of an alternation matches


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, for a case-insensitive pattern; a space in a word matches one
    to three spaces.

    The words are written as a tree of their shared beginnings (``girl(?:friend|s|)``), which ``re`` tries as
    the flat list (``girlfriend|girls|girl``) would, in the same order, but without trying every word in turn
    at every position: the same matches at a fraction of the cost. Words with white space other than single
    inner spaces are written as the flat list.
    """
    return _alternation(tuple(sorted(set(words), key=len, reverse=True)))


@lru_cache(maxsize=256)
def _alternation(ordered: tuple[str, ...]) -> str:
    if not all(_tree_safe(w) for w in ordered):
        return "|".join(re.escape(w).replace(r"\ ", _SPACE) for w in ordered)
    root: _Node = {}
    for word in ordered:
        _insert(root, word)
    return _written(root)


# A node of the tree of words: its branches by lower-case character (the character as first written, and the
# node after it); "" is the end of a word. Dictionaries keep the order of the first word of each branch.
_Node = dict[str, tuple[str, "_Node"]]


def _tree_safe(word: str) -> bool:
    """Whether a word can go into the tree: no white space but single spaces between other characters, so that
    each space of it matches the text's spaces in one way only."""
    if word != word.strip() or "  " in word:
        return False
    return all(c == " " or not c.isspace() for c in word)


def _insert(node: _Node, word: str) -> None:
    """Add ``word`` to the tree: each character goes down the branch of a character that a case-insensitive
    pattern reads as the same one."""
    for char in word:
        key = char.lower()
        if key not in node:
            if not (char.isascii() and all(head.isascii() for head, _ in node.values())):  # ASCII: case only
                key = next((k for k, (head, _) in node.items() if k and _same(head, char)), key)
            node.setdefault(key, (char, {}))
        node = node[key][1]
    node.setdefault("", ("", {}))


def _written(node: _Node) -> str:
    """The alternation of the branches of ``node``: a character and what follows it, or nothing for the end of
    a word."""
    branches = []
    for head, child in node.values():
        if not head:
            branches.append("")
            continue
        rest = _written(child)
        token = _SPACE if head == " " else re.escape(head)
        branches.append(token + (f"(?:{rest})" if len(child) > 1 else rest))
    return "|".join(branches)


@lru_cache(maxsize=4096)
def _same(first: str, second: str) -> bool:
    """Whether two characters of words match the same characters of a text case-insensitively (in ``re`` they do
    when one matches the other): "s" and "ſ", "k" and the Kelvin sign, though their lower cases differ."""
    one, other = re.escape(first), re.escape(second)
    return bool(re.fullmatch(one, second, re.IGNORECASE) or re.fullmatch(other, first, re.IGNORECASE))


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
    # The loose reading (``age.loose``) of the same number, for when the "name" before it turns out to be a place
    # ("girls in Pattaya, 15"): see :class:`nlp.components.ages.AgeExtractor`.
    unnamed: Found | None = None


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
