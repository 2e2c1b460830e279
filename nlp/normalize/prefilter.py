"""Cheap tests that tell when a regular expression cannot match, so it need not run at all.

Python's ``re`` spends tens of nanoseconds per character on patterns that start with a look-around or a
case-insensitive alternation; plain substring tests run at memory speed. Each test here may say "maybe" when
the answer is "no", never the other way round, so skipping a pattern on "no" changes no result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Patterns that start with a character class are searched fast: re skips characters outside the class in C.
_ASCII_DIGIT = re.compile(r"[0-9]")
_TWO_SPACES = re.compile(r"\s\s")
_ASCII_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def needles(words: Iterable[str], *, starting: bool = False) -> tuple[str, ...]:
    """Lower-cased words, without those that contain another one (finding the shorter one suffices); with
    ``starting``, without those that start with another one (for :class:`WordTest`'s ``starting``)."""
    lowered = sorted({word.lower() for word in words if word}, key=len)
    kept: list[str] = []
    for word in lowered:
        if not any(word.startswith(shorter) if starting else shorter in word for shorter in kept):
            kept.append(word)
    return tuple(kept)


class WordTest:
    """Tells when, under ``re.IGNORECASE``, none of some words occurs in a text (``words``, anywhere) and none
    of others starts a word of it (``starting``, at a ``\\b``; each beginning with a letter).

    Decided for ASCII text and words only, where ``re.IGNORECASE`` equals comparing lower-cased characters,
    ``\\w`` is ``[A-Za-z0-9_]`` and no ASCII character matches a non-ASCII one; other text may contain anything.
    """

    def __init__(self, words: Iterable[str], starting: Iterable[str] = ()) -> None:
        self.words = needles(words)
        self.starting = needles(starting, starting=True)
        self.decidable = all(word.isascii() for word in (*self.words, *self.starting))

    def may_occur(self, text: str) -> bool:
        """False only when no word can match ``text`` as described above."""
        if not self.decidable or not text.isascii():
            return True
        lowered = text.lower()
        if any(map(lowered.__contains__, self.words)):
            return True
        return any(_starts_word(lowered, word) for word in filter(lowered.__contains__, self.starting))


def _starts_word(lowered: str, word: str) -> bool:
    index = lowered.find(word)
    while index != -1:
        if index == 0 or lowered[index - 1] not in _ASCII_WORD:
            return True
        index = lowered.find(word, index + 1)
    return False


def has_ascii_digit(text: str) -> bool:
    """Whether ``text`` has a character 0-9."""
    return _ASCII_DIGIT.search(text) is not None


def has_long_run(text: str, limit: int) -> bool:
    """Whether ``text`` has more than ``limit`` consecutive non-space or space characters (``\\S``/``\\s``)."""
    if len(text) <= limit:
        return False
    if limit < 1 or _TWO_SPACES.search(text):  # a space run longer than 1 has two spaces in a row
        return True
    # str.split() splits on exactly the characters \s matches
    return max(map(len, text.split()), default=0) > limit
