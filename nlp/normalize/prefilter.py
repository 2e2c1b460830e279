"""Cheap tests that tell when a regular expression cannot match, so it need not run at all.

Python's ``re`` spends tens of nanoseconds per character on patterns that start with a look-around or a
case-insensitive alternation; plain substring tests run at memory speed. Each test here may say "maybe" when
the answer is "no", never the other way round, so skipping a pattern on "no" changes no result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick

_DIGIT = re.compile(r"\d")
_ASCII_DIGITS = "0123456789"
_FEW_WORDS = 4
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
        # Every word in one automaton, which finds each occurrence of each in one pass over the text: the value
        # of a word is its length when it must start a word (0: anywhere).
        self._automaton = ahocorasick.Automaton()
        for word in self.starting:
            self._automaton.add_word(word, len(word))
        for word in self.words:  # anywhere wins over starting a word
            self._automaton.add_word(word, 0)
        if len(self._automaton):
            self._automaton.make_automaton()
        # A few words to find anywhere: a substring search for each is faster than one pass of the automaton,
        # which takes about 14 ns a character.
        self._few = not self.starting and len(self.words) <= _FEW_WORDS

    def may_occur(self, text: str) -> bool:
        """False only when no word can match ``text`` as described above."""
        if not self.decidable or not text.isascii():
            return True
        if not len(self._automaton):
            return False
        lowered = text.lower()
        if self._few:
            return any(word in lowered for word in self.words)
        for end, starting in self._automaton.iter(lowered):
            if not starting:
                return True
            start = end + 1 - starting
            if start == 0 or lowered[start - 1] not in _ASCII_WORD:
                return True
        return False


def has_ascii_digit(text: str) -> bool:
    """Whether ``text`` has a character 0-9.

    Ten substring tests: each is a ``memchr`` over the text, together about a seventh of what ``re`` takes to
    scan it for ``[0-9]`` (about 9 ns a character)."""
    for digit in _ASCII_DIGITS:  # noqa: SIM110  (a loop: any() over a generator costs as much again)
        if digit in text:
            return True
    return False


def has_digit(text: str) -> bool:
    """Whether ``text`` has a character ``\\d`` matches (a decimal digit of any script). In ASCII text that is
    0-9 (:func:`has_ascii_digit`); ``\\d`` asks Unicode's tables character by character."""
    return has_ascii_digit(text) if text.isascii() else _DIGIT.search(text) is not None


def has_long_run(text: str, limit: int) -> bool:
    """Whether ``text`` has more than ``limit`` consecutive non-space or space characters (``\\S``/``\\s``)."""
    if len(text) <= limit:
        return False
    if limit >= 1 and text.isascii() and text.isprintable():
        # Printable ASCII has one white-space character, the space: two substring searches decide, without
        # cutting the text into words.
        return " " * (limit + 1) in text or _space_free_run(limit).search(" " + text) is not None
    # str.split() splits on exactly the characters \s matches
    words = text.split()
    if limit < 1 or not words:  # nothing but spaces, more than one of them
        return True
    # A space run longer than 1 has two spaces in a row: then the spaces outnumber the gaps between the words
    # (and before the first and after the last, when the text starts or ends with a space).
    gaps = len(words) - 1 + text[0].isspace() + text[-1].isspace()
    if len(text) - sum(map(len, words)) > gaps:
        return True
    return max(map(len, words)) > limit


@lru_cache(maxsize=8)
def _space_free_run(limit: int) -> re.Pattern[str]:
    """More than ``limit`` characters other than a space, after a space: ``re`` finds the spaces with a fast
    search for the literal and tries the repeat only there."""
    return re.compile(rf" [^ ]{{{limit + 1}}}")
