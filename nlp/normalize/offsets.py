"""Edits to a text that remember where every character came from.

A normalisation step produces a :class:`Layer`: the rewritten text plus the sorted list of replaced regions.
:class:`OffsetMap` chains layers so that a span found in the final, normalised text maps back to the exact
span of the original text it was made from (``original[start:end]``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``source[start:end]`` by ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(slots=True)
class Layer:
    """One rewrite of a text: ``source`` became ``text`` through non-overlapping ``edits``."""

    source: str
    text: str
    # Parallel lists, one entry per segment of the output text (kept or replaced).
    out_starts: list[int] = field(default_factory=list)
    src_starts: list[int] = field(default_factory=list)
    src_ends: list[int] = field(default_factory=list)
    replaced: list[bool] = field(default_factory=list)

    @classmethod
    def build(cls, source: str, edits: Iterable[Edit]) -> Layer:
        """Apply sorted, non-overlapping edits to ``source``."""
        layer = cls(source=source, text="")
        pieces: list[str] = []
        out = src = 0
        for edit in edits:
            if edit.start > src:
                out = layer._add(pieces, source[src : edit.start], src, edit.start, out, replaced=False)
            out = layer._add(pieces, edit.replacement, edit.start, edit.end, out, replaced=True)
            src = edit.end
        if src < len(source) or not pieces:
            layer._add(pieces, source[src:], src, len(source), out, replaced=False)
        layer.text = "".join(pieces)
        return layer

    def _add(self, pieces: list[str], text: str, src_start: int, src_end: int, out: int, *, replaced: bool) -> int:
        if not text:  # a deletion: nothing in the output maps here
            return out
        pieces.append(text)
        self.out_starts.append(out)
        self.src_starts.append(src_start)
        self.src_ends.append(src_end)
        self.replaced.append(replaced)
        return out + len(text)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map the output span ``[start, end)`` to the smallest source span that produced it."""
        if not self.out_starts:
            return 0, 0
        i = bisect_right(self.out_starts, start) - 1
        src_start = self.src_starts[i] if self.replaced[i] else self.src_starts[i] + start - self.out_starts[i]
        if end <= start:
            return src_start, src_start
        j = bisect_right(self.out_starts, end - 1) - 1
        src_end = self.src_ends[j] if self.replaced[j] else self.src_starts[j] + end - self.out_starts[j]
        return src_start, src_end


@dataclass(slots=True)
class OffsetMap:
    """A chain of layers from the original text to the normalised text."""

    original: str
    layers: list[Layer] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The normalised text."""
        return self.layers[-1].text if self.layers else self.original

    def push(self, edits: list[Edit]) -> None:
        """Add a rewrite of the current text (nothing is added when there are no edits)."""
        if edits:
            self.layers.append(Layer.build(self.text, edits))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        for layer in reversed(self.layers):
            start, end = layer.to_source(start, end)
        return start, end
