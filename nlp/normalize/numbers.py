"""Number words read as digits: ``sixteen`` → ``16``, ``zes-tien`` → ``16``, ``twenty one`` → ``21``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from nlp.normalize.offsets import Edit
from nlp.normalize.prefilter import WordTest

_SEPARATOR = r"[\s\-_.]{1,3}"
# A "1" glued to a letter: the only way "1zes"/"1six" can occur (the word test below looks at word starts).
_GLUED = re.compile(r"1[^\W\d_]")
# Units read only inside compounds: they stand alone too often as ordinary words.
_NOT_STANDALONE = ("one", "een", "één")


def _alternation(words: Mapping[str, int], exclude: tuple[str, ...] = ()) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w not in exclude)


class NumberWordReader:
    """Finds number words of one language and replaces them by digits."""

    def __init__(self, language: str, words: Mapping[str, Any]) -> None:
        self.language = language
        self.units: dict[str, int] = dict(words["units"])
        self.teens: dict[str, int] = dict(words["teens"])
        self.tens: dict[str, int] = dict(words["tens"])
        self.split_teens: dict[str, int] = dict(words["split_teens"])
        self.pattern = self._compile(words["split_suffix"])
        # Every match has a tens word or the split suffix, or starts with a teens word or a unit that stands
        # alone ("ochtend" has "ten", but no word starting with it).
        standalone = [w for w in self.units if w not in _NOT_STANDALONE]
        self.prefilter = WordTest([*self.tens, words["split_suffix"]], starting=[*self.teens, *standalone])
        self.glued = bool(self.units)

    def _compile(self, split_suffix: str) -> re.Pattern[str]:
        units = _alternation(self.units)
        standalone_units = _alternation(self.units, exclude=_NOT_STANDALONE)
        tens = _alternation(self.tens)
        teens = _alternation(self.teens)
        split = _alternation(self.split_teens)
        if self.language == "nl":  # units come first: "eenentwintig", "twee-en-twintig"
            compound = rf"(?P<cu>{units})(?:[eë]n|[\s\-]en[\s\-])(?P<ct>{tens})"
        else:  # tens come first: "twenty-one", "twenty one", "twentyone"
            compound = rf"(?P<ct>{tens})[\s\-]?(?P<cu>{units})"
        alternatives = [
            # a teen written half in digits ("1zes", "1six") or with "one" and a hyphen or a space ("one-six",
            # "een-zes", "one five")
            (units, rf"1(?P<gu>{units})"),
            (units, rf"(?:one|een|één)[\-_. ](?P<hu>{units})"),
            (units and tens, compound),
            (split, rf"(?P<st>{split}){_SEPARATOR}{re.escape(split_suffix)}"),
            (teens, rf"(?P<teen>{teens})"),
            (tens, rf"(?P<ten>{tens})"),
            (standalone_units, rf"(?P<unit>{standalone_units})"),
        ]
        # a language may list teens only (the language-independent pipeline's languages)
        body = "|".join(f"(?:{pattern})" for words, pattern in alternatives if words)
        return re.compile(rf"\b(?:{body})(?=jarig|jährig|\b)", re.IGNORECASE)

    def edits(self, text: str) -> list[Edit]:
        """Edits replacing every number word in ``text`` by its digits."""
        # Most texts have none, and the pattern costs ~0.1 µs a character.
        if not self.prefilter.may_occur(text) and not (self.glued and _GLUED.search(text)):
            return []
        return [Edit(m.start(), m.end(), str(self.value(m))) for m in self.pattern.finditer(text)]

    def value(self, match: re.Match[str]) -> int:
        """The number a match stands for."""
        groups = {k: v for k, v in match.groupdict().items() if v}
        if "gu" in groups or "hu" in groups:
            return 10 + _lookup(self.units, groups.get("gu") or groups["hu"])
        if "ct" in groups:
            return _lookup(self.tens, groups["ct"]) + _lookup(self.units, groups["cu"])
        if "st" in groups:
            return _lookup(self.split_teens, groups["st"])
        if "teen" in groups:
            return _lookup(self.teens, groups["teen"])
        if "ten" in groups:
            return _lookup(self.tens, groups["ten"])
        return _lookup(self.units, groups["unit"])


def _lookup(words: Mapping[str, int], found: str) -> int:
    """The value of a word as the case-insensitive pattern matched it (``SİX`` and ``sıx`` are ``six`` to it)."""
    value = words.get(found.lower())
    if value is None:
        value = next(v for w, v in words.items() if re.fullmatch(re.escape(w), found, re.IGNORECASE))
    return value
