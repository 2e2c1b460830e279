"""Roman numerals of the teens read as digits before an age unit: ``XV years old`` → ``15 years old``,
``mis XV años`` → ``mis 15 años``.

Only X to XIX in capitals, and only straight before a word for years, so centuries ("XV century", "siglo
XV"), kings ("Louis XV") and list numbers stay as they are.
"""

from __future__ import annotations

import re

from nlp.normalize.offsets import Edit

_VALUES = {"I": 1, "V": 5, "X": 10}
_UNITS = r"years?|yrs?|y/?o|y\.o\.?|años|anos|ans|jaar|jahre|tahun|thn|anyos|taon"
_ROMAN = re.compile(rf"(?<![\w.])(X(?:IX|IV|VI{{0,3}}|I{{0,3}}))(?=\s{{0,2}}(?i:{_UNITS})(?![\w]))")


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral made of I, V and X."""
    total = 0
    for letter, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _VALUES[letter]
        total += -value if following and _VALUES[following] > value else value
    return total


class RomanAgeReader:
    """Replaces a teen Roman numeral before a word for years by its digits."""

    def edits(self, text: str) -> list[Edit]:
        """Edits for every such numeral of ``text`` (none without a capital X)."""
        if "X" not in text:
            return []
        return [Edit(m.start(), m.end(), str(roman_value(m.group(1)))) for m in _ROMAN.finditer(text)]
