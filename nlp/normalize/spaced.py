"""Words spelled out letter by letter: ``a g e`` → ``age``, ``s.i.x.t.e.e.n`` → ``sixteen``.

Only runs whose letters join into a word of the given list are rewritten (age words, units and number words,
``normalize.yml``: ``spelled_words``), so initials ("J. R. R.") and list markers stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlp.normalize.offsets import Edit

# Three or more single letters, each followed by one space, dot, underscore or hyphen, and a last letter.
_RUN = re.compile(r"(?<![^\W\d_])(?:[^\W\d_][ ._\-]){2,}[^\W\d_](?![^\W\d_])")
# Cheap prefilter: a letter standing between two separators (starts with a class, so ``re`` scans it in C).
_HINT = re.compile(r"[ ._\-][^\W\d_][ ._\-][^\W\d_][ ._\-]")


class SpacedLetterReader:
    """Joins letter-by-letter spellings of known words."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(word.lower() for word in words)

    def edits(self, text: str) -> list[Edit]:
        """Edits joining every spelled-out known word of ``text``."""
        if not _HINT.search(f" {text} "):
            return []
        edits = []
        for run in _RUN.finditer(text):
            joined = run.group()[::2]
            if joined.lower() in self.words:
                edits.append(Edit(run.start(), run.end(), joined))
        return edits
