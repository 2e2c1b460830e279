"""Placeholder: the gazetteer place resolver (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class PlaceResolver:
    def __init__(self, nlp: Language, cache_dir: str | None, extra_watchlist: str | None) -> None:
        self.lang = nlp.lang

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "lantern_places",
    requires=["doc._.source_text", "doc._.offsets"],
    assigns=["doc._.locations", "doc._.signals"],
    default_config={"cache_dir": None, "extra_watchlist": None},
)
def make_place_resolver(nlp: Language, name: str, cache_dir: str | None, extra_watchlist: str | None) -> PlaceResolver:
    return PlaceResolver(nlp, cache_dir, extra_watchlist)
