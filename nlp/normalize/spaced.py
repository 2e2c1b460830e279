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
# The same test for ASCII text, where a letter is A-Z or a-z: every letter read as "a", every separator as a
# space and anything else as "#", it is one substring search, about half of what ``re`` takes.
_ASCII_SHAPES = bytes(
    ord("a") if chr(code).isalpha() else ord(" ") if chr(code) in " ._-" else ord("#") for code in range(128)
) + b"#" * 128


class SpacedLetterReader:
    """Joins letter-by-letter spellings of known words."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(word.lower() for word in words)

    def edits(self, text: str) -> list[Edit]:
        """Edits joining every spelled-out known word of ``text``."""
        if not _may_spell(text):
            return []
        edits = []
        for run in _RUN.finditer(text):
            joined = run.group()[::2]
            if joined.lower() in self.words:
                edits.append(Edit(run.start(), run.end(), joined))
        return edits


def _may_spell(text: str) -> bool:
    """Whether ``text`` has two letters in a row that each stand between separators (``_HINT``)."""
    if text.isascii():
        return b" a a " in b" " + text.encode("ascii").translate(_ASCII_SHAPES) + b" "
    return _HINT.search(f" {text} ") is not None
