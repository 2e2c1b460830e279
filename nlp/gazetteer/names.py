"""Lookup keys: names and texts are cut into words the same way, lower-cased and stripped of accents."""

from __future__ import annotations

import re
import unicodedata

# Words, with inner apostrophes ("d'Ivoire") but without a possessive "'s" ("Tunisia’s" is "Tunisia").
WORD = re.compile(r"[^\W_]+(?:['’](?![sS]\b)[^\W_]+)*")
# What may stand between two words of one name: a space, or a hyphen, dot or apostrophe ("Chiang-Mai", "St. Louis").
_JOINERS = frozenset({"", "-", ".", "'", "’", "‐", "–"})
_LATIN = re.compile(r"^[\u0020-\u024F\u1E00-\u1EFF’‘]+$")
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "’": "'"})


def fold(word: str) -> str:
    """A word lower-cased and without accents (``Medellín`` → ``medellin``)."""
    word = word.lower()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(name: str) -> str:
    """The lookup key of a place name: its folded words joined by single spaces."""
    return " ".join(fold(word) for word in WORD.findall(name))


def is_latin(name: str) -> bool:
    """Whether a name is written in Latin script (other scripts are not matched)."""
    return bool(_LATIN.match(name))


def joins(gap: str) -> bool:
    """Whether the characters between two words let them belong to one name."""
    return "\n" not in gap and gap.strip(" \t") in _JOINERS and len(gap) <= 3
