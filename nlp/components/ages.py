"""``lantern_ages``: ages stated for a person, and a ``minor_age`` signal for each one under 18.

The grammar reads the normalised text (number words and obfuscated digits are digits already) and knows four
forms, each with its rule id:

* ``age.unit``: a number with an age unit (``16 jaar oud``, ``16jr``, ``16 y/o``, ``16-jarige``);
* ``age.anchored``: a number with a bare unit (``16 jaar``, ``16 years``) after a person anchor: a self cue
  (``ik ben``), a person noun (``meisje van``), a name, or the start of a clause (``Lisa, 16 jaar``);
* ``age.cue``: a cue before the number (``Leeftijd: 17``, ``aged 15``);
* ``age.self``: a self cue before a bare number (``I'm 16``);
* ``age.name``: a bare number set off right after a name (``Mia, 16,`` or ``Fleur (15)``);
* ``age.person``: a bare number after a person noun and ``van``/``of`` (``een meisje van 16``), unless a unit or a
  count noun follows (``dochter van 15 maanden``, ``moeder van 3 kinderen``), or in parentheses (``oppas (19)``);
* ``age.lead``: a bare number opening a sentence, set off by a comma before a word (``Free tonight. 16, slim``);
* ``age.birth_year``: a birth year (``born in 2009``, ``DOB: 12/03/2009``), counted from the item's ``posted_at``.

A sentence start (after ``.``, ``!`` or ``?``) anchors a bare unit like a clause start does (``… tonight. 16 jaar``).

Sizes, durations, thresholds and product suitability (``16 inch``, ``3 jaar garantie``, ``minimaal 16 jaar``,
``toy for a 6 year old``) are not ages. Word lists live in ``nlp/rules/ages.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.data import load_yaml, rules_file
from nlp.types import Age, Signal

MINOR_AGE_WEIGHT = 0.9
ADULT_AGE = 18
_WORDS = re.compile(r"[\w'’./+-]+")
_DIGIT = re.compile(r"\d")
_CLAUSE_START = frozenset(",(|•·-–—:;/[\n.!?")
_RANGE_BEFORE = re.compile(r"\d\s{0,2}(?:-|–|/|tot|t/m|to|and|en|or|of)\s{0,2}$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"\s{0,2}(?:-|–|/)\s{0,2}\d")
# A name (capitalised word) with a bare number set off by a comma or parentheses: "Mia, 16," / "Fleur (15)".
_NAME_AGE = re.compile(
    r"(?<![\w'’])[A-Z][a-zà-ÿ]{1,20}\s{0,2}(?:,|\()\s{0,2}(?P<num>\d{2})\s{0,2}(?=[),.!;]|$|(?:and|en|und|y)\s)"
)
# A bare number opening a sentence, then a comma and a word: "… tonight. 16, slim, …" ("Sixteen, slim").
_LEAD_AGE = re.compile(r"(?:^|(?<=[.!?])\s{1,3})(?P<num>\d{2})\s{0,2},\s{0,2}(?=[^\W\d_])", re.MULTILINE)
_NUM = r"(?P<num>(?<![\d.,:/])(?:\d[ ._*]\d|\d{1,3})(?![\d]|[.,]\d))"


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s{1,3}") for w in ordered)


@dataclass(frozen=True, slots=True)
class Found:
    """One age found in the normalised text."""

    value: int
    rule: str
    start: int
    end: int
    num_start: int


class AgeGrammar:
    """The compiled grammar, built from ``nlp/rules/ages.yml``."""

    def __init__(self, rules: dict[str, Any]) -> None:
        self.rules = rules
        self.sets = {key: frozenset(value) for key, value in rules.items() if isinstance(value, list)}
        units = rf"(?:(?P<unit>{_alternation(rules['age_units'])})|(?P<bare>{_alternation(rules['bare_units'])}))"
        self.unit_pattern = re.compile(rf"{_NUM}\s{{0,2}}(?:-\s{{0,2}})?{units}(?![\w/])", re.IGNORECASE)
        cues = _alternation(rules["age_cues"])
        self.cue_pattern = re.compile(rf"(?<![\w])(?:{cues})\s{{0,3}}[:=]?\s{{0,3}}{_NUM}", re.IGNORECASE)
        selfs, intens = _alternation(rules["self_cues"]), _alternation(rules["intensifiers"])
        self.self_pattern = re.compile(
            rf"(?<![\w'’])(?:{selfs})\s{{1,3}}(?:(?:{intens})\s{{1,3}})?{_NUM}", re.IGNORECASE
        )
        births = _alternation(rules["birth_cues"])
        nouns, ofs = _alternation(rules["person_nouns"]), _alternation(rules["of_words"])
        counted = _alternation(rules["person_not_followers"])
        # The person noun is checked only before a candidate ("van 16", "(19)"): a long alternation scanned at
        # every position of every text would cost more than all the other patterns together.
        self.person_tail = re.compile(rf"(?<![\w])(?:{nouns})\s{{0,3}}$", re.IGNORECASE)
        self.person_patterns = (
            re.compile(rf"(?<![\w])(?:{ofs})\s{{1,3}}{_NUM}(?!\s{{0,3}}(?:\d|(?:{counted})(?![\w])))", re.IGNORECASE),
            re.compile(rf"\(\s{{0,2}}{_NUM}\s{{0,2}}\)"),
        )
        self.birth_pattern = re.compile(
            rf"(?<![\w])(?:{births})\s{{0,3}}[:=]?\s{{0,3}}(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.])?(?P<year>(?:19|20)\d\d)(?!\d)",
            re.IGNORECASE,
        )
        self.not_after = re.compile(rf"\s{{0,3}}(?:{_alternation(rules['not_after'])})(?![\w])", re.IGNORECASE)
        self.not_age_unit = re.compile(rf"\s{{0,3}}(?:{_alternation(rules['not_age_units'])})(?![\w])", re.IGNORECASE)

    def find(self, text: str, ref_year: int) -> list[Found]:
        """Every age in ``text``, one per number, the widest evidence kept."""
        if not _DIGIT.search(text):
            return []
        found: dict[int, Found] = {}
        for item in self._candidates(text, ref_year):
            current = found.get(item.num_start)
            if current is None or (item.end - item.start) > (current.end - current.start):
                found[item.num_start] = item
        return sorted(found.values(), key=lambda f: f.start)

    def _candidates(self, text: str, ref_year: int) -> Iterable[Found]:
        yield from self._unit_ages(text)
        simple = (
            (self.cue_pattern, "age.cue", self.rules["min_age"]),
            (_NAME_AGE, "age.name", self.rules["self_min_age"]),
            (_LEAD_AGE, "age.lead", self.rules["self_min_age"]),
        )
        for pattern, rule, minimum in simple:
            for m in pattern.finditer(text):
                if self._plausible(text, m, rule, minimum):
                    yield Found(self._value(m), rule, m.start(), m.end(), m.start("num"))
        yield from self._person_ages(text)
        for m in self.self_pattern.finditer(text):
            plausible = self._plausible(text, m, "age.self", self.rules["self_min_age"])
            if plausible and not self.not_age_unit.match(text, m.end()):
                yield Found(self._value(m), "age.self", m.start("num"), m.end(), m.start("num"))
        for m in self.birth_pattern.finditer(text):
            value = ref_year - int(m.group("year"))
            if 0 < value <= self.rules["max_age"]:
                yield Found(value, "age.birth_year", m.start(), m.end(), m.start("year"))

    def _person_ages(self, text: str) -> Iterable[Found]:
        """``meisje van 16`` / ``girl of 16`` / ``oppas (19)``: a candidate, then a person noun right before it."""
        for pattern in self.person_patterns:
            for m in pattern.finditer(text):
                window_start = max(0, m.start() - 40)
                noun = self.person_tail.search(text, window_start, m.start())
                if noun and self._plausible(text, m, "age.person", self.rules["min_age"]):
                    yield Found(self._value(m), "age.person", noun.start(), m.end(), m.start("num"))

    def _unit_ages(self, text: str) -> Iterable[Found]:
        for m in self.unit_pattern.finditer(text):
            rule = "age.unit" if m.group("unit") else "age.anchored"
            if rule == "age.anchored" and not self._anchored(text, m.start("num")):
                continue
            if self._plausible(text, m, rule, self.rules["min_age"]):
                yield Found(self._value(m), rule, m.start(), m.end(), m.start("num"))

    @staticmethod
    def _value(match: re.Match[str]) -> int:
        return int(re.sub(r"\D", "", match.group("num")))

    def _plausible(self, text: str, match: re.Match[str], rule: str, minimum: int) -> bool:
        value = self._value(match)
        if not minimum <= value <= self.rules["max_age"]:
            return False
        if self.not_after.match(text, match.end()) or _RANGE_AFTER.match(text, match.end("num")):
            return False
        if _RANGE_BEFORE.search(text[max(0, match.start("num") - 12) : match.start("num")]):
            return False
        before = self._words_before(text, match.start() if rule != "age.self" else match.start("num"), 5)
        if rule in ("age.unit", "age.anchored") and self._excluded_before(before):
            return False
        return not (self.sets["object_nouns"] & set(before[-4:]))

    def _excluded_before(self, before: list[str]) -> bool:
        if not before or before[-1] not in self.sets["not_before"]:
            return False
        if before[-1] in self.sets["not_before_unless_self"] and len(before) > 1:
            return before[-2] not in self.sets["self_cues"]
        return True

    def _anchored(self, text: str, num_start: int) -> bool:
        """Whether a bare-unit number ("16 jaar") follows a person anchor."""
        words = self._words_before(text, num_start, 3, lower=False)
        lowered = [w.lower() for w in words]
        if not words or self._clause_start(text, num_start):
            return True
        last = lowered[-1]
        if last in self.sets["self_cues"] or last in self.sets["person_nouns"]:
            return True
        if len(lowered) > 1 and f"{lowered[-2]} {last}" in self.sets["self_cues"]:
            return True
        if last in self.sets["intensifiers"] and len(lowered) > 1 and lowered[-2] in self.sets["self_cues"]:
            return True
        if last in self.sets["of_words"]:
            return bool(self.sets["person_nouns"] & set(lowered[:-1]))
        return words[-1][:1].isupper() and words[-1][1:].islower()

    @staticmethod
    def _clause_start(text: str, position: int) -> bool:
        head = text[max(0, position - 40) : position].rstrip(" \t")
        return not head or head[-1] in _CLAUSE_START

    @staticmethod
    def _words_before(text: str, position: int, count: int, *, lower: bool = True) -> list[str]:
        window = text[max(0, position - 80) : position]
        words = [w.strip(".,") or w for w in _WORDS.findall(window)][-count:]
        return [w.lower() for w in words] if lower else words


class AgeExtractor:
    """The spaCy component: fills ``doc._.ages`` and adds ``minor_age`` signals."""

    def __init__(self, grammar: AgeGrammar) -> None:
        self.grammar = grammar

    def __call__(self, doc: Doc) -> Doc:
        underscore = doc._  # fetched once: every ``doc._`` builds a new accessor
        ref_date = underscore.ref_date
        found_ages = self.grammar.find(underscore.offsets.text, ref_date.year if ref_date else 0)
        if not found_ages:
            return doc
        offsets, source = underscore.offsets, underscore.source_text
        ages, signals = underscore.ages, underscore.signals
        for found in found_ages:
            start, end = offsets.to_original(found.start, found.end)
            text = source[start:end]
            age: Age = {"value": found.value, "text": text, "start": start, "end": end, "rule": found.rule}
            ages.append(age)
            if found.value < ADULT_AGE:
                signal: Signal = {
                    "category": "minor_age",
                    "rule": found.rule,
                    "text": text,
                    "start": start,
                    "end": end,
                    "weight": MINOR_AGE_WEIGHT,
                }
                signals.append(signal)
        return doc


@Language.factory(
    "lantern_ages",
    requires=["doc._.offsets", "doc._.ref_date"],
    assigns=["doc._.ages", "doc._.signals"],
)
def make_age_extractor(nlp: Language, name: str) -> AgeExtractor:
    """Registered factory of the age grammar."""
    return AgeExtractor(AgeGrammar(load_yaml(rules_file("ages.yml"))))
