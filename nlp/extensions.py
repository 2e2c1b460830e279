"""What the Lantern components read and write on a spaCy ``Doc``: one :class:`DocState` per document, at
``doc._.lantern``.

``Doc.text`` is the *normalised* text (see :mod:`nlp.normalize`); ``source_text`` is the analysed text as given
and ``offsets`` maps normalised spans back to it. Components report evidence in source offsets (use
:func:`source_span`), so every ``text``/``start``/``end`` they emit quotes the input exactly.

=================  ==========================================  ==============================
attribute          meaning                                      written by
=================  ==========================================  ==============================
source_text        the analysed text as given                   tokenizer
offsets            OffsetMap normalised → source                tokenizer
ref_date           reference date for birth years (date)        analyzer
language           the detected language (ISO 639-1) or None    analyzer
signals            list[Signal]                                 lexicon, ages, places
ages               list[Age]                                    ages
locations          list[Location]                               places
regions            list[Region]: continents, seas, areas        places
demonyms           list[Demonym]                                places
contacts           Contacts                                     contacts
contact_spans      list[(start, end)] of every selector         contacts
segments           list[Segment]: units scored on their own     segments (genre, risk fill in)
genre_cues         list[Cue]: genre evidence, by start          genre
genre              Genre of the whole item                      genre
risk               Risk                                         risk
flags              list[str]                                    risk
=================  ==========================================  ==============================

The state is one object rather than one spaCy extension per attribute because every ``doc._`` access builds an
accessor object and looks the name up in Python: with a dozen attributes read and written by seven components,
that alone cost a fifth of the analyzer's time. Each attribute is also registered as an extension of its own
(``doc._.signals`` …) that reads and writes the state, for code outside the hot path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span

from nlp.normalize.offsets import OffsetMap
from nlp.types import Age, Contacts, Cue, Demonym, Genre, Location, Region, Risk, Segment, Signal

STATE = "lantern"
# Where the state lives: the document's own user data, read without going through ``doc._``.
_KEY = ("lantern", "state")


@dataclass(slots=True)
class DocState:
    """Everything the components know about one document."""

    source_text: str
    offsets: OffsetMap
    ref_date: date | None = None
    language: str | None = None
    signals: list[Signal] = field(default_factory=list)
    ages: list[Age] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    demonyms: list[Demonym] = field(default_factory=list)
    contacts: Contacts = field(default_factory=lambda: Contacts(phones=[], emails=[], handles=[]))
    contact_spans: list[tuple[int, int]] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    genre_cues: list[Cue] = field(default_factory=list)
    genre: Genre | None = None
    risk: Risk | None = None
    flags: list[str] = field(default_factory=list)


_ATTRIBUTES = tuple(name for name in DocState.__slots__ if not name.startswith("_"))  # type: ignore[attr-defined]


def register() -> None:
    """Register ``doc._.lantern`` and one read/write view per attribute (idempotent)."""
    if not Doc.has_extension(STATE):
        Doc.set_extension(STATE, getter=_user_data_state)
    for name in _ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=_getter(name), setter=_setter(name))


def _user_data_state(doc: Doc) -> DocState | None:
    user_data: dict[Any, Any] = doc.user_data
    return user_data.get(_KEY)


def _getter(name: str) -> Any:
    def get(doc: Doc) -> Any:
        current = _user_data_state(doc)
        return None if current is None else getattr(current, name)

    return get


def _setter(name: str) -> Any:
    def set_(doc: Doc, value: Any) -> None:
        setattr(state(doc), name, value)

    return set_


def start(doc: Doc, source_text: str, offsets: OffsetMap) -> DocState:
    """Give a fresh document its state."""
    current = DocState(source_text, offsets)
    user_data: dict[Any, Any] = doc.user_data
    user_data[_KEY] = current
    return current


def state(doc: Doc) -> DocState:
    """The document's state (set by the tokenizer)."""
    user_data: dict[Any, Any] = doc.user_data
    return user_data[_KEY]  # type: ignore[no-any-return]


def source_span(doc: Doc, start_char: int, end_char: int) -> tuple[str, int, int]:
    """The source text and offsets of a span given in normalised character offsets."""
    current = state(doc)
    start_, end_ = current.offsets.to_original(start_char, end_char)
    return current.source_text[start_:end_], start_, end_


def span_source(span: Span) -> tuple[str, int, int]:
    """The source text and offsets of a spaCy span."""
    return source_span(span.doc, span.start_char, span.end_char)


register()
