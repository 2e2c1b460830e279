"""Bounding runs: long unbroken runs of characters are split and long whitespace runs collapsed.

spaCy's tokenizer strips prefixes and suffixes one character at a time and re-slices the rest, which is
quadratic in the length of a run without spaces (ten thousand brackets or emoji take tens of seconds). Breaking
every such run into pieces of at most ``max_run`` characters keeps tokenizing linear; the inserted spaces are
edits like any other, so offsets still map back exactly.
"""

from __future__ import annotations

import re

from nlp.normalize.offsets import Edit
from nlp.normalize.prefilter import has_long_run

MAX_RUN = 64
MAX_SPACE_RUN = 64


class RunBreaker:
    """Inserts a space into every ``max_run`` characters of non-space text; shortens huge whitespace runs."""

    def __init__(self, max_run: int = MAX_RUN, max_space_run: int = MAX_SPACE_RUN) -> None:
        self.max_run = max_run
        self.max_space_run = max_space_run
        self._long_run = re.compile(rf"\S{{{max_run + 1},}}|\s{{{max_space_run + 1},}}")

    def edits(self, text: str) -> list[Edit]:
        """Edits bounding every run in ``text`` (none for ordinary prose)."""
        edits: list[Edit] = []
        if not has_long_run(text, min(self.max_run, self.max_space_run)):
            return edits
        for run in self._long_run.finditer(text):
            if run.group()[0].isspace():
                edits.append(self._collapse(run.group(), run.start()))
            else:
                edits.extend(self._break(run.group(), run.start()))
        return edits

    def _collapse(self, run: str, start: int) -> Edit:
        """Whitespace runs keep their line breaks (up to two) so paragraphs stay apart, and lose the rest."""
        kept = "\n\n" if run.count("\n") >= 2 else ("\n" if "\n" in run else " ")
        return Edit(start, start + len(run), kept)

    def _break(self, run: str, start: int) -> list[Edit]:
        """Zero-width insertions of a space, preferably after punctuation so words stay whole."""
        edits: list[Edit] = []
        piece_start = 0
        while len(run) - piece_start > self.max_run:
            cut = _cut_point(run, piece_start, piece_start + self.max_run)
            edits.append(Edit(start + cut, start + cut, " "))
            piece_start = cut
        return edits


def _cut_point(run: str, low: int, high: int) -> int:
    """Where to break ``run[low:high]``: after its last non-alphanumeric character, else at ``high``."""
    middle = low + (high - low) // 2
    for position in range(high - 1, middle, -1):
        if not run[position].isalnum():
            return position + 1
    return high
