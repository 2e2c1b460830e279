"""Lantern's spaCy components, one per module. Importing this package registers their factories."""

from nlp.components import ages, contacts, genre, lexicon, places, risk, segments

__all__ = ["ages", "contacts", "genre", "lexicon", "places", "risk", "segments"]
