"""Upper bounds on a person's age: ``younger than 17``, ``jonger dan 15``, ``niet ouder dan 15``, ``max 15 jaar``,
``under 16 y/o``, ``girls under 16``, ``under 16 only``, ``age: under 16``, ``15 or younger``.

A bound states no age (nothing goes into ``ages``), but one below adulthood says the person sought or offered is
a minor. Words that are about age on their own ("younger than") need nothing more; words that also bound
prices, times and counts ("under", "max", "tot") need an age unit after the number, an age cue before them, a
person noun before them or "only" after the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from nlp.ages.patterns import NUM, Bound, Windows, alternation, finditer, value_of


class BoundReader:
    """Finds upper bounds on ages (word lists: ``bounds`` in ``nlp/rules/ages.yml``)."""

    def __init__(self, rules: dict[str, Any]) -> None:
        spec = rules["bounds"]
        self.max_age = int(rules["max_age"])
        units = alternation([*rules["age_units"], *rules["bare_units"]])
        cues = alternation(rules["age_cues"])
        nouns = alternation([*rules["person_nouns"], *rules["listing_nouns"], *spec.get("person_words", ())])
        self.inclusive_words = frozenset(
            " ".join(w.lower().split())
            for w in (*spec["at_most_age"], *spec["at_most"], *spec["or_younger"], *spec["from"], *spec["plus"])
        )
        about_age = alternation([*spec["below_age"], *spec["at_most_age"]])
        bounding = alternation([*spec["below"], *spec["at_most"]])
        unit_after = rf"\s{{0,2}}(?:-\s{{0,2}})?(?:{units})(?![\w/])"
        only = alternation(spec["only"])
        # "must be under 10 minutes away": a measure after the number of a word about age is no age bound
        self.measure_after = re.compile(rf"\s{{0,3}}(?:{alternation(rules['not_age_units'])})(?![\w])", re.IGNORECASE)
        self.patterns = (
            # "younger than 17", "niet ouder dan 15 jaar": the words are about age
            re.compile(rf"(?<![\w])(?P<word>{about_age})\s{{0,3}}{NUM}(?:{unit_after})?", re.IGNORECASE),
            # "age: under 16", "leeftijd max 15": an age cue before the bound
            re.compile(rf"(?<![\w])(?:{cues})\s{{0,3}}[:=]?\s{{0,3}}(?P<word>{bounding})\s{{0,3}}{NUM}", re.IGNORECASE),
            # "under 16 y/o", "max 15 jaar": an age unit after the number
            re.compile(rf"(?<![\w])(?P<word>{bounding})\s{{0,3}}{NUM}{unit_after}", re.IGNORECASE),
            # "girls under 16", "meisjes tot 15": a person noun before the bound
            re.compile(rf"(?<![\w])(?:{nouns})\s{{1,3}}(?P<word>{bounding})\s{{0,3}}{NUM}(?![\w%€$])", re.IGNORECASE),
            # "girl, under 16": set off by a comma, only the words that bound from below ("kinderen, tot 3/12" is
            # a date range)
            re.compile(
                rf"(?<![\w])(?:{nouns})\s{{0,3}},\s{{1,3}}(?P<word>{alternation(spec['below'])})\s{{0,3}}{NUM}"
                rf"(?![\w%€$/])",
                re.IGNORECASE,
            ),
            # "a beach boy, max 14,": one person, then a bound of any kind set off on both sides ("a child, max 2
            # nights" bounds the nights)
            re.compile(
                rf"(?<![\w])(?:{alternation(spec['singular_persons'])})\s{{0,3}},\s{{1,3}}(?P<word>{bounding})\s{{0,3}}"
                rf"{NUM}(?=\s{{0,2}}(?:[,;!?)\n]|\.(?!\d)|$))",
                re.IGNORECASE,
            ),
            # "under 16 only"
            re.compile(rf"(?<![\w])(?P<word>{bounding})\s{{0,3}}{NUM}\s{{0,2}}(?:{only})(?![\w])", re.IGNORECASE),
            # "under 14s": an age group
            re.compile(rf"(?<![\w])(?P<word>{bounding})\s{{0,3}}{NUM}['’]?s(?![\w])", re.IGNORECASE),
            # "the under-16 ones", "under 15 girls": a person noun (or "ones") after the bound, not a sports side
            # ("under-16 girls team")
            re.compile(
                rf"(?<![\w])(?P<word>{bounding})(?:\s{{0,3}}|-){NUM}(?:\s{{1,2}}|-)(?:{nouns}|ones)(?![\w])"
                rf"(?!\s{{0,2}}(?:{alternation(spec['sides'])})(?![\w]))",
                re.IGNORECASE,
            ),
            # "interested in under 14", "op zoek naar onder de 15": a wish before the bound
            re.compile(
                rf"(?<![\w])(?:{alternation(spec['wishes'])})\s{{1,3}}(?P<word>{bounding})\s{{0,3}}{NUM}(?![\w%€$])",
                re.IGNORECASE,
            ),
            # "girls from 13, boys from 14": a lower bound after a person noun takes in a child of that age, when
            # the number ends its phrase or an age unit follows ("students from two schools" counts schools, "from
            # 13 to 15" is a range, "from 13:00" a time)
            re.compile(
                rf"(?<![\w])(?:{nouns})\s{{1,3}}(?P<word>{alternation(spec['from'])})\s{{0,3}}{NUM}"
                rf"(?=\s{{0,2}}(?:[,;!?)]|\.(?!\d)|$|(?:{units}|{alternation(spec['from_followers'])})(?![\w])))",
                re.IGNORECASE,
            ),
            # "girls age 14+", "meisjes 15+": the same after the number, a person noun (and an age cue) before it
            re.compile(
                rf"(?<![\w])(?:{nouns})\s{{1,3}}(?:(?:{cues})\s{{0,3}}[:=]?\s{{0,3}})?{NUM}\s{{0,2}}"
                rf"(?P<word>{alternation(spec['plus'])})(?![\w+])",
                re.IGNORECASE,
            ),
            # "15 or younger", "15 jaar of jonger", "max 14, no older"
            re.compile(
                rf"(?=\d){NUM}(?:{unit_after})?\s{{0,3}},?\s{{0,3}}(?P<word>{alternation(spec['or_younger'])})(?![\w])",
                re.IGNORECASE,
            ),
        )

    def find(self, text: str, windows: Windows) -> list[Bound]:
        """Every bound in ``text`` (one per number, the first pattern that reads it), read in the windows around
        its numbers."""
        found: dict[int, Bound] = {}
        for pattern in self.patterns:
            for m in finditer(pattern, text, windows):
                if m.start("num") in found:
                    continue
                limit = value_of(m)
                if pattern is self.patterns[0] and self.measure_after.match(text, m.end()):
                    continue
                if 1 <= limit <= self.max_age:
                    inclusive = " ".join(m.group("word").lower().split()) in self.inclusive_words
                    found[m.start("num")] = Bound(limit, inclusive, m.start(), m.end())
        return sorted(found.values(), key=lambda b: b.start)


def minors(bounds: Iterable[Bound], adult_age: int) -> list[Bound]:
    """The bounds that only minors meet ("younger than 18" does, "under 21" does not)."""
    return [b for b in bounds if b.oldest < adult_age]
