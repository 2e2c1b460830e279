"""Placeholder: contact selector extraction (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ContactExtractor:
    def __init__(self, nlp: Language, default_region: str) -> None:
        self.default_region = default_region

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(
    "lantern_contacts",
    requires=["doc._.source_text", "doc._.locations"],
    assigns=["doc._.contacts"],
    default_config={"default_region": "NL"},
)
def make_contact_extractor(nlp: Language, name: str, default_region: str) -> ContactExtractor:
    return ContactExtractor(nlp, default_region)
