"""Streets, squares and buildings named by a compound with a head word (``streets`` in ``rules.yml``).

Dutch writes the names of streets, squares, parks and buildings as one word ending in a head word: "Wetstraat",
"Schumanplein", "Jubelpark", "Rijselpoort", "Rijksmuseum", "Conrad-hotel"; capitalised words before it belong to
the name ("Woodrow Wilsonplein", "Koningin Elisabethzaal", "Sint-Franciscusklooster"). No gazetteer lists them,
but they are places of the text: each becomes a mention of kind ``place`` in the town (else the region or country)
of the text named nearest to it, with that place's point and reason ``street``. Such a name opening a sentence is
left out ("Parkeerplaats" is a word there), and so is one inside a name already found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Any

_WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:-[^\W\d_]+)*"  # a capitalised word, hyphens inside
_BEFORE = re.compile(r"(?:^|[.!?\n•*|:\"'“”‘’])[\s\"'“”‘’()\[\]-]*$")
# A capitalised word and one space or a hyphen right before a name ("Woodrow " of "Woodrow Wilsonplein").
_PREVIOUS = re.compile(rf"(?<![\w-])({_WORD})(?: |-)$")


class StreetFinder:
    """Finds the compounds of ``streets.heads`` in texts of the languages listed there."""

    def __init__(self, rules: dict[str, Any], stop_words: Iterable[str] = ()) -> None:
        self.heads = {
            language: tuple(sorted(heads, key=len, reverse=True))
            for language, heads in (rules.get("heads") or {}).items()
            if heads
        }
        self.patterns = {language: _pattern(heads) for language, heads in self.heads.items()}
        self.min_stem = int(rules.get("min_stem", 3))
        self.words_before = int(rules.get("words_before", 2))
        self.stop_words = frozenset(stop_words)  # demonyms and the like: never part of a street's name
        # Place adjectives before the name ("het Brusselse Conrad-hotel", "de Antwerpse Koningin Elisabethzaal").
        self.adjective_endings = tuple(rules.get("adjective_endings", ()))

    def find(self, text: str, language: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """The spans (start, end) of street and building names in ``text``, none overlapping ``taken``."""
        pattern = self.patterns.get(language)
        if pattern is None:
            return []
        found = []
        for match in pattern.finditer(text):
            start, end = match.span()
            if self._fits(text, match.group(), language, start, end, taken):
                found.append((self._extended(text, start, taken), end))
        return found

    def _fits(
        self, text: str, surface: str, language: str, start: int, end: int, taken: Sequence[tuple[int, int]]
    ) -> bool:
        lowered = surface.lower()
        head = next((len(h) for h in self.heads[language] if lowered.endswith(h)), 0)
        if len(surface) - head < self.min_stem or surface.isupper():
            return False
        if _BEFORE.search(text[max(0, start - 12) : start]):  # opens a sentence: may be a common noun
            return False
        return not any(s < end and start < e for s, e in taken)

    def _extended(self, text: str, start: int, taken: Sequence[tuple[int, int]]) -> int:
        """The start of the name with the capitalised words right before it ("Woodrow Wilsonplein")."""
        for _ in range(self.words_before):
            match = _PREVIOUS.search(text, max(0, start - 40), start)
            if match is None or match.end() != start:
                break
            word_start = match.start(1)
            word = match.group(1).lower()
            if word in self.stop_words or word.endswith(self.adjective_endings):
                break
            if any(s < start and word_start < e for s, e in taken):
                break
            if _BEFORE.search(text[max(0, word_start - 12) : word_start]) and text[start - 1] == " ":
                break  # "Daar Wetstraat": a sentence's first word is no part of the name (a hyphen joins: "Sint-")
            start = word_start
        return start


def _pattern(heads: Sequence[str]) -> re.Pattern[str]:
    """A capitalised word (hyphens inside) that ends in one of ``heads``: the word is taken whole at once and its
    end tested by one look-behind per length of head (no backtracking into the word: a third faster)."""
    behind = "|".join(f"(?<={'|'.join(group)})" for _, group in groupby(sorted(heads, key=len), key=len))
    return re.compile(rf"(?<![\w-])[A-ZÀ-ÖØ-Þ][\w-]*+(?:{behind})")


def nearest(position: int, anchors: Sequence[tuple[int, int]]) -> int | None:
    """The index of the anchor (start, rank) nearest to ``position``, the lowest rank first (a town before a
    region before a country), or None."""
    best: tuple[int, int] | None = None
    chosen = None
    for index, (start, rank) in enumerate(anchors):
        key = (rank, abs(start - position))
        if best is None or key < best:
            best, chosen = key, index
    return chosen
