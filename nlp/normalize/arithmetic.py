"""Ages written as sums and products to slip past filters, read as digits: ``2x7 yo`` → ``14 yo``, ``age: 10+5`` →
``age: 15``, ``niña de 7x2 años`` → ``niña de 14 años``, ``20 minus 6 yrs`` → ``14 yrs``.

Only where a word for years follows or an age word comes before, and only when the result is a teen age (10 to
19): "Room 2x7 meters", "a 10+5 day tour" and "7x2 drills" stay as they are. A hyphen is never read as minus
("14-16 years" is a range).
"""

from __future__ import annotations

import re

from nlp.normalize.offsets import Edit

_OPERATORS = {"x": "*", "×": "*", "*": "*", "fois": "*", "por": "*", "mal": "*", "kali": "*", "times": "*",
              "+": "+", "plus": "+", "minus": "-", "moins": "-", "menos": "-", "kurang": "-"}
_UNITS = r"years?|yrs?|y/?o|y\.o\.?|años|anos|ans|jaar|jahre|tahun|thn|anyos|taon|taong"
_CUES = r"age|aged|ages|umur|usia|edad|idade|leeftijd|alter|âge|lft"
_OPERATOR = r"[x×*+]|fois|por|mal|kali|times|plus|minus|moins|menos|kurang"
_TERM = rf"(?P<a>\d{{1,2}})\s{{0,2}}(?P<op>{_OPERATOR})\s{{0,2}}(?P<b>\d{{1,2}})"
_SUM = re.compile(rf"(?<![\w.+*×]){_TERM}(?![\d.])(?P<unit>\s{{0,2}}(?i:{_UNITS})(?![\w]))?")
_CUE_REACH = 16  # the longest cue ("leeftijd") with its colon and spaces
_CUE_BEFORE = re.compile(rf"(?i:(?:{_CUES}))\s{{0,2}}[:=]?\s{{0,2}}$")
_HINT = re.compile(rf"\d\s{{0,2}}(?:{_OPERATOR})\s{{0,2}}\d", re.IGNORECASE)


def _value(a: int, op: str, b: int) -> int:
    kind = _OPERATORS[op.lower()]
    return a * b if kind == "*" else a + b if kind == "+" else a - b


class ArithmeticAgeReader:
    """Replaces a sum or product that makes a teen age, beside a word for years or an age word, by its digits."""

    def edits(self, text: str) -> list[Edit]:
        """Edits for every such sum of ``text`` (none without a digit, an operator and a digit)."""
        if not _HINT.search(text):
            return []
        edits = []
        for m in _SUM.finditer(text):
            # only the few characters before the sum: a search from the text's start would be quadratic
            cued = bool(_CUE_BEFORE.search(text, max(0, m.start() - _CUE_REACH), m.start()))
            if not (m.group("unit") or cued):
                continue
            value = _value(int(m.group("a")), m.group("op"), int(m.group("b")))
            if 10 <= value <= 19:
                edits.append(Edit(m.start("a"), m.end("b"), str(value)))
        return edits
