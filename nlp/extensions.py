"""Custom attributes the Lantern components read and write on spaCy ``Doc`` objects.

``Doc.text`` is the *normalised* text (see :mod:`nlp.normalize`); ``doc._.source_text`` is the analysed text
as given and ``doc._.offsets`` maps normalised spans back to it. Components report evidence in source
offsets (use :func:`source_span`), so every ``text``/``start``/``end`` they emit quotes the input exactly.

=================  ==========================================  =====================
attribute          meaning                                      written by
=================  ==========================================  =====================
source_text        the analysed text as given                   tokenizer
offsets            OffsetMap normalised → source                tokenizer
ref_date           reference date for birth years (date)        analyzer
signals            list[Signal]                                 lexicon, ages, places
ages               list[Age]                                    ages
locations          list[Location]                               places
contacts           Contacts                                     contacts
contact_spans      list[(start, end)] of every selector         contacts
segments           list[Segment]: units scored on their own     segments (genre, risk fill in)
genre_cues         list[Cue]: genre evidence, by start          genre
genre              Genre of the whole item                      genre
risk               Risk                                         risk
flags              list[str]                                    risk
=================  ==========================================  =====================
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_ATTRIBUTES = (
    "source_text",
    "offsets",
    "ref_date",
    "signals",
    "ages",
    "locations",
    "contacts",
    "contact_spans",
    "segments",
    "genre_cues",
    "genre",
    "risk",
    "flags",
)


def register() -> None:
    """Register the attributes (idempotent)."""
    for name in _ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def reset(doc: Doc) -> None:
    """Give a fresh document empty result containers."""
    underscore = doc._  # every ``doc._`` builds a new accessor object: fetch it once
    underscore.signals = []
    underscore.ages = []
    underscore.locations = []
    underscore.contacts = {"phones": [], "emails": [], "handles": []}
    underscore.contact_spans = []
    underscore.segments = []
    underscore.genre_cues = []
    underscore.flags = []


def source_span(doc: Doc, start_char: int, end_char: int) -> tuple[str, int, int]:
    """The source text and offsets of a span given in normalised character offsets."""
    underscore = doc._
    start, end = underscore.offsets.to_original(start_char, end_char)
    return underscore.source_text[start:end], start, end


def span_source(span: Span) -> tuple[str, int, int]:
    """The source text and offsets of a spaCy span."""
    return source_span(span.doc, span.start_char, span.end_char)


register()
