"""Hashtags read as words: ``#newgirl #14 #hotelok`` reads as ``new girl 14 hotel ok``.

Posts on social platforms run their words together behind a ``#``. Each hashtag loses its ``#`` (a space takes
its place, so the tag stands apart from the tag before it), and a tag that is no word of its own is split into
the known words it is made of, digits apart from letters ("#15thn" is "15 thn"), when it is made of them alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from nlp.normalize.offsets import Edit

_HASHTAG = re.compile(r"(?<![\w#&])#(?P<body>[^\W_]{1,40})(?![\w#])")
_PARTS = re.compile(r"\d+|[^\W\d_]+")
_MAX_WORDS = 5  # more parts than this is more likely chance than a phrase


class HashtagSplitter:
    """Splits run-together hashtags into the words of a vocabulary."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(str(w).lower() for w in words if w and " " not in str(w))
        self.longest = max((len(w) for w in self.words), default=0)

    def edits(self, text: str) -> list[Edit]:
        """Edits for every hashtag in ``text`` (none, and fast, when it has no ``#``)."""
        if "#" not in text:
            return []
        edits = []
        for m in _HASHTAG.finditer(text):
            body = m.group("body")
            edits.append(Edit(m.start(), m.start("body") + len(body), " " + self.read(body)))
        return edits

    def read(self, body: str) -> str:
        """The words of one hashtag's body, or the body itself when it is not made of known words."""
        parts = []
        for part in _PARTS.findall(body):
            if part.isdigit() or part.lower() in self.words:
                parts.append(part)
                continue
            split = self._split(part.lower())
            if split is None:
                return body
            parts.extend(_restore_case(part, split))
        if len(parts) > _MAX_WORDS:
            return body
        return " ".join(parts)

    def _split(self, letters: str) -> tuple[str, ...] | None:
        return _segment(letters, self.words, self.longest)


@lru_cache(maxsize=4096)
def _segment(letters: str, words: frozenset[str], longest: int) -> tuple[str, ...] | None:
    """The fewest known words that make up ``letters`` exactly (None when there are none)."""
    best: list[tuple[str, ...] | None] = [None] * (len(letters) + 1)
    best[0] = ()
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - longest), end):
            head = best[start]
            if head is None or letters[start:end] not in words:
                continue
            candidate = (*head, letters[start:end])
            current = best[end]
            if current is None or len(candidate) < len(current):
                best[end] = candidate
    return best[len(letters)]


def _restore_case(original: str, words: tuple[str, ...]) -> list[str]:
    """The split words in the writing of the original part ("NewGirl" → "New", "Girl")."""
    out, position = [], 0
    for word in words:
        out.append(original[position : position + len(word)])
        position += len(word)
    return out
