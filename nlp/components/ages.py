"""``lantern_ages``: ages stated for a person, and a ``minor_age`` signal for each one under 18 and for each
upper bound below 18 ("younger than 17").

The grammar (:mod:`nlp.ages`) reads the normalised text, where number words and obfuscated digits are digits
already; its word lists live in ``nlp/rules/ages.yml`` and its first names in ``nlp/rules/person_names.yml``.
A range tied to a person ("girls 14-16") gives two ages and one signal; a bound gives a signal and no age. It runs
after ``lantern_places``: a "name" that is a place ("Ella (3)" in a list of nights) is no person.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.ages.bounds import minors
from nlp.ages.grammar import AgeGrammar
from nlp.data import load_yaml, rules_file
from nlp.extensions import state
from nlp.types import Age, Signal

MINOR_AGE_WEIGHT = 0.9
ADULT_AGE = 18


class AgeExtractor:
    """The spaCy component: fills ``doc._.ages`` and adds ``minor_age`` signals."""

    def __init__(self, grammar: AgeGrammar) -> None:
        self.grammar = grammar

    def __call__(self, doc: Doc) -> Doc:
        current = state(doc)
        ref_date = current.ref_date
        text = current.offsets.text
        found_ages, all_bounds = self.grammar.read(text, ref_date.year if ref_date else 0)
        bounds = minors(all_bounds, ADULT_AGE)
        if not found_ages and not bounds:
            return doc
        offsets, source = current.offsets, current.source_text
        ages, signals = current.ages, current.signals
        places = [(location["start"], location["end"]) for location in current.locations]
        signalled: set[tuple[int, int]] = set()
        for found in found_ages:
            start, end = offsets.to_original(found.start, found.end)
            if found.rule == "age.name" and any(a <= start < b for a, b in places):
                # "Kandy (2), Ella (3)": nights in places, not people's ages; "girls in Pattaya, 15" may still be
                # an age by another rule
                if found.unnamed is None:
                    continue
                found = found.unnamed
                start, end = offsets.to_original(found.start, found.end)
            text_span = source[start:end]
            age: Age = {"value": found.value, "text": text_span, "start": start, "end": end, "rule": found.rule}
            ages.append(age)
            if found.value < ADULT_AGE and (start, end) not in signalled:
                signalled.add((start, end))
                signals.append(_signal(found.rule, text_span, start, end))
        for bound in bounds:
            start, end = offsets.to_original(bound.start, bound.end)
            if (start, end) not in signalled:
                signalled.add((start, end))
                signals.append(_signal("age.bound", source[start:end], start, end))
        return doc


def _signal(rule: str, text: str, start: int, end: int) -> Signal:
    return {"category": "minor_age", "rule": rule, "text": text, "start": start, "end": end, "weight": MINOR_AGE_WEIGHT}


def person_names() -> frozenset[str]:
    """The first names of ``nlp/rules/person_names.yml``: Faker's (``names``) and the focus countries'
    nicknames kept by hand (``nicknames``)."""
    data = load_yaml(rules_file("person_names.yml"))
    return frozenset(data["names"].split()) | frozenset(data.get("nicknames", "").split())


@Language.factory(
    "lantern_ages",
    requires=["doc._.offsets", "doc._.ref_date", "doc._.locations"],
    assigns=["doc._.ages", "doc._.signals"],
)
def make_age_extractor(nlp: Language, name: str) -> AgeExtractor:
    """Registered factory of the age grammar."""
    return AgeExtractor(AgeGrammar(load_yaml(rules_file("ages.yml")), person_names()))
