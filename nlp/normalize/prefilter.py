"""Cheap tests that tell when a regular expression cannot match, so it need not run at all.

Python's ``re`` spends tens of nanoseconds per character on patterns that start with a look-around or a
case-insensitive alternation; plain substring tests run at memory speed. Each test here may say "maybe" when
the answer is "no", never the other way round, so skipping a pattern on "no" changes no result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick

# Patterns that start with a character class are searched fast: re skips characters outside the class in C.
_ASCII_DIGIT = re.compile(r"[0-9]")
_DIGIT = re.compile(r"\d")
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

    def may_occur(self, text: str) -> bool:
        """False only when no word can match ``text`` as described above."""
        if not self.decidable or not text.isascii():
            return True
        if not len(self._automaton):
            return False
        lowered = text.lower()
        for end, starting in self._automaton.iter(lowered):
            if not starting:
                return True
            start = end + 1 - starting
            if start == 0 or lowered[start - 1] not in _ASCII_WORD:
                return True
        return False


def has_ascii_digit(text: str) -> bool:
    """Whether ``text`` has a character 0-9."""
    return _ASCII_DIGIT.search(text) is not None


def has_digit(text: str) -> bool:
    """Whether ``text`` has a character ``\\d`` matches (a decimal digit of any script). In ASCII text that is
    0-9, which ``re`` tests inline; ``\\d`` asks Unicode's tables character by character, three times slower."""
    return (_ASCII_DIGIT if text.isascii() else _DIGIT).search(text) is not None


def has_long_run(text: str, limit: int) -> bool:
    """Whether ``text`` has more than ``limit`` consecutive non-space or space characters (``\\S``/``\\s``)."""
    if len(text) <= limit:
        return False
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
