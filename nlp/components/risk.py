"""Placeholder (being written)."""
from __future__ import annotations
from spacy.language import Language

def _risk(doc):
    doc._.risk = {"score": 0.0, "level": "none", "explanation": "No signals."}
    return doc

@Language.factory("lantern_risk")
def make_risk(nlp: Language, name: str):
    return _risk
