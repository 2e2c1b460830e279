"""Lantern's spaCy components, one per module. Importing this package registers their factories."""

from nlp.components import ages, contacts, lexicon, places, risk

__all__ = ["ages", "contacts", "lexicon", "places", "risk"]
