"""``lantern_segments``: cut an item into the units that can each be one offer or one request.

Signals combine only inside a segment (``nlp/components/risk.py``), so a word for minors in one paragraph of a
policy text and a money word in another never make one finding. A short item (an ad, a post, a review) is one
segment. A longer one is cut into windows of consecutive sentences; neighbouring windows share one sentence, so
an offer that spans a sentence boundary stays whole. Sentences end at ``.``, ``!``, ``?`` or ``…`` before a space,
at line breaks and at list bullets. Everything is one pass over the text: linear in its length.

Segments are in source offsets (``state(doc).source_text``), like every signal. The sizes are data
(``nlp/rules/genre.yml``, ``segments``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.data import load_yaml, rules_file
from nlp.extensions import state
from nlp.types import Segment

# Where a sentence ends: terminal punctuation (and closing quotes/brackets) before white space, a line break,
# or a list separator standing between spaces ("… outcall | DM").
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n+|\s[|•·]\s")
_SEPARATORS = frozenset("|•·")


@dataclass(frozen=True, slots=True)
class SegmentSizes:
    """How items are cut (``segments`` in ``nlp/rules/genre.yml``)."""

    whole_item_chars: int
    window_sentences: int
    window_chars: int

    @classmethod
    def from_rules(cls, rules: dict[str, Any]) -> SegmentSizes:
        """The sizes from the ``segments`` mapping of the genre rules."""
        spec = rules["segments"]
        return cls(int(spec["whole_item_chars"]), int(spec["window_sentences"]), int(spec["window_chars"]))


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of ``text`` that holds a word character, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        # a list separator belongs to neither side; terminal punctuation stays with its sentence
        end = boundary.start() if boundary.group().strip() in _SEPARATORS else boundary.end()
        _add_sentence(text, start, end, spans)
        start = boundary.end()
    _add_sentence(text, start, len(text), spans)
    return spans


def _add_sentence(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(c.isalnum() for c in text[start : min(end, start + 200)]):
        spans.append((start, end))


def cut(text: str, sizes: SegmentSizes) -> list[Segment]:
    """The segments of ``text``: the whole text when it is short, else overlapping sentence windows."""
    if len(text) <= sizes.whole_item_chars:
        return [_segment(0, len(text))]
    spans = sentences(text)
    if not spans:
        return [_segment(0, len(text))]
    segments: list[Segment] = []
    first = 0
    while first < len(spans):
        last = first
        while (
            last + 1 < len(spans)
            and last + 1 - first < sizes.window_sentences
            and spans[last + 1][1] - spans[first][0] <= sizes.window_chars
        ):
            last += 1
        segments.append(_segment(spans[first][0], spans[last][1]))
        if last + 1 >= len(spans):
            break
        first = last if last > first else last + 1  # share the last sentence with the next window
    return segments


def _segment(start: int, end: int) -> Segment:
    return {"start": start, "end": end, "genre": "other", "level": "none", "score": 0.0}


class SegmentCutter:
    """The spaCy component: sets ``doc._.segments``."""

    def __init__(self, sizes: SegmentSizes) -> None:
        self.sizes = sizes

    def __call__(self, doc: Doc) -> Doc:
        current = state(doc)
        current.segments = cut(current.source_text, self.sizes)
        return doc


@Language.factory("lantern_segments", requires=["doc._.source_text"], assigns=["doc._.segments"])
def make_segment_cutter(nlp: Language, name: str) -> SegmentCutter:
    """Registered factory of the segment cutter."""
    return SegmentCutter(SegmentSizes.from_rules(load_yaml(rules_file("genre.yml"))))
