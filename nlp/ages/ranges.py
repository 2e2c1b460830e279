"""Ranges and doubled numbers, read as ages.

* ``age.range``: a range tied to a person gives both ends as ages: ``girls 14-16``, ``meisjes van 14 tot 16``,
  ``aged 13 to 15``, ``tussen 12 en 15 jaar oud``, ``13-15 y/o``. Tied means an age unit or a word of welcome
  ("16-17 welcome") after it, or a person noun or age cue among the words before it; a bare unit ("jaar",
  "years") after it counts only together with such a word, since "between 2 and 5 years" is as often a sentence
  as an age.
* ``age.double``: one number written twice, in digits and words, to slip past filters: ``14 (veertien)``,
  ``sixteen / 16``, ``15 (fifteen!)`` (the words are digits in the normalised text).
* ``age.list``: the ages of several people in parentheses after a person noun or a count: ``kids (9, 12)``,
  ``drie kinderen (2, 5 en 8)``, ``we have 2 (15 and 17)``, or without parentheses right after a person noun:
  ``kids 2, 5 and 13``, ``Kids are 4, 7 and 12``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from nlp.ages.patterns import Found, Windows, alternation, finditer, first_of, number, value_of

if TYPE_CHECKING:
    from nlp.ages.grammar import AgeGrammar

_MAX_SPAN = 30  # the widest range of ages ("aged 4 to 12" is a group of children, "ladies 21-35": still ages)
_MAX_SLASH_SPAN = 2  # "15/16" is an age, "12/15" a date
_RANGE_WORD = re.compile(r"\s{0,2}(?:range|bracket|age range)(?![\w])", re.IGNORECASE)  # "13-14 range"
# Words after a range that make its ends the ages of the persons sought or offered, wherever the person noun
# stands in the sentence: "Hiring hostesses in Pattaya, 16-17 welcome", "14-15 wanted", "13-15 gezocht".
_COUNTED_AFTER = frozenset({"for", "of", "voor", "van", "para", "pour", "für", "groups", "group", "groepen", "untuk"})
_WELCOMED = re.compile(
    r"\s{0,2}(?:welcome|welcomed|wanted|preferred|gezocht|welkom|gesucht|willkommen|bienvenidas|bienvenidos|"
    r"buscadas|recherchées|bem-vindas|procuradas)(?![\w])",
    re.IGNORECASE,
)
_MIN_SLASH_DOUBLE = 13  # "14/14" is a doubled age, "10/10" a rating and "12/12" a date


class RangeReader:
    """Finds ranges tied to persons and doubled numbers."""

    def __init__(self, rules: dict[str, Any], grammar: AgeGrammar) -> None:
        self.rules = rules
        self.grammar = grammar
        separators = alternation(rules["range_separators"])
        openers = alternation(rules["range_openers"])
        units = alternation(rules["age_units"])
        bare = alternation(rules["bare_units"])
        unit_after = rf"(?:\s{{0,2}}(?:-\s{{0,2}})?(?:(?P<unit>{units})|(?P<bare>{bare}))(?![\w/]))?"
        approx = rf"(?:(?:{alternation(rules['approximators'])})\s{{1,3}})?"
        lead = first_of([*rules["range_openers"], *rules["approximators"]], r"\d")
        self.pattern = re.compile(
            rf"(?<![\w]){lead}(?:(?P<opener>{openers})\s{{1,3}})?{approx}{number('low')}\s{{0,2}}(?P<sep>{separators})\s{{0,2}}"
            rf"{number('high', after_separator=True)}{unit_after}",
            re.IGNORECASE,
        )
        self.double = re.compile(
            rf"(?=\d){number('first')}\s{{0,2}}(?:\(\s{{0,2}}{number('again')}\s{{0,2}}[!.]?\s{{0,2}}\)|[/|]\s{{0,2}}"
            rf"{number('slash', after_separator=True)}|\s[-–]\s{{1,2}}{number('dash', after_separator=True)})"
        )
        self.not_age_unit = grammar.not_age_unit
        self.rules_sets = {"range_groups": frozenset(rules["range_groups"])}
        joiner = r"\s{0,2}(?:,|&|\+|and|en|y|e|et|und|at|og|n|bzw\.?|or|of|o|ou|oder)\s{0,2}"
        self.age_list = re.compile(
            rf"\(\s{{0,2}}(?P<numbers>\d{{1,2}}(?:{joiner}\d{{1,2}}){{1,6}})\s{{0,2}}(?:{bare}|{units})?\s{{0,2}}\)",
            re.IGNORECASE,
        )
        nouns = alternation([*rules["person_nouns"], *rules["listing_nouns"]])
        self.bare_list = re.compile(
            rf"(?<![\w])(?:{nouns})(?:\s{{1,2}}(?:are|were|zijn|waren|sind|son|sont))?\s{{1,2}}"
            rf"(?P<numbers>\d{{1,2}}(?:\s{{0,2}},\s{{0,2}}\d{{1,2}})*{joiner}\d{{1,2}})(?![\d%€$])",
            re.IGNORECASE,
        )
        self.count_before = re.compile(
            r"(?:\d|two|three|four|five|twee|drie|vier|vijf|zwei|drei|dos|tres)\s{0,2}$", re.IGNORECASE
        )

    def find(self, text: str, windows: Windows) -> Iterable[Found]:
        """Both ends of every range tied to a person, every doubled number and every list, as ages."""
        yield from self._ranges(text, windows)
        yield from self._doubles(text, windows)
        yield from self._lists(text, windows)

    def _lists(self, text: str, windows: Windows) -> Iterable[Found]:
        for m in finditer(self.age_list, text, windows) if "(" in text else ():
            head = text[max(0, m.start() - 40) : m.start()]
            if self.grammar.paren_tail.search(head) or self.count_before.search(head):
                yield from self._list_ages(m)
        for m in finditer(self.bare_list, text, windows):
            if not self.not_age_unit.match(text, m.end()) and not self.grammar.not_after.match(text, m.end()):
                yield from self._list_ages(m)

    def _list_ages(self, match: re.Match[str]) -> Iterable[Found]:
        for digits in re.finditer(r"\d{1,2}", match.group("numbers")):
            value = int(digits.group())
            if 0 < value <= self.rules["max_age"]:
                yield Found(value, "age.list", match.start(), match.end(), match.start("numbers") + digits.start())

    def _ranges(self, text: str, windows: Windows) -> Iterable[Found]:
        for m in finditer(self.pattern, text, windows):
            low, high = value_of(m, "low"), value_of(m, "high")
            if self._split(text, m, low, high):  # "Nok, 1-4 jaar", "the boy (1-6 y/o)": one age, written apart
                yield Found(10 + high, "age.split", m.start("low"), m.end(), m.start("low"))
                continue
            span = _MAX_SLASH_SPAN if m.group("sep") == "/" else _MAX_SPAN
            if not (self.rules["min_age"] <= low < high <= self.rules["max_age"] and high - low <= span):
                continue
            measured = not m.group("unit") and self.not_age_unit.match(text, m.end())  # "15-16 jr op aanvraag"
            if measured or self.grammar.not_after.match(text, m.end()):
                continue
            if not self._tied(text, m) or self.grammar.about_a_thing(text, m.start()):
                continue
            if self.grammar.labels_number(text, m.start("low")):
                continue
            start = m.start("opener") if m.group("opener") else m.start("low")
            yield Found(low, "age.range", start, m.end(), m.start("low"))
            yield Found(high, "age.range", start, m.end(), m.start("high"))

    def _split(self, text: str, match: re.Match[str], low: int, high: int) -> bool:
        """Whether "1-4 jaar" is the age 14 split by a hyphen: a one followed by a digit, with an age unit, and no
        group of children or age cue before it ("kinderen 1-4 jaar", "ages 1-6" are ranges)."""
        if low != 1 or not 2 <= high <= 9 or match.group("sep") not in ("-", "–", "."):
            return False
        if _doubled_after(text, match.end(), 10 + high):  # "leeftijd: 1-4 (veertien)": the words say which
            return True
        if not (match.group("unit") or match.group("bare")) or match.group("opener"):
            return False
        before = set(self.grammar.words_before(text, match.start("low"), 6))
        return not before & self.rules_sets["range_groups"]

    def _tied(self, text: str, match: re.Match[str]) -> bool:
        """An age unit after the range, or a person noun, age cue or self cue before it: among the three words
        before it, or the six words of its sentence when a bare unit follows ("de kinderen waren volgens het
        dossier tussen 5 en 13 jaar")."""
        if match.group("unit") or _RANGE_WORD.match(text, match.end()):
            return True
        if _WELCOMED.match(text, match.end()):  # "16-17 welcome", not "bookings for 10-12 welcome" (a group size)
            before = self.grammar.words_before(text, match.start(), 1)
            return not before or before[-1] not in _COUNTED_AFTER
        start = match.start("opener") if match.group("opener") else match.start("low")
        if match.group("bare") and text[max(0, start - 2) : start].strip() == "(":
            return True  # an age band in parentheses: "zaterdaghulp (16-18 jaar)"
        return self.grammar.anchored_by_person(text, start, 6 if match.group("bare") else 3)

    def _doubles(self, text: str, windows: Windows) -> Iterable[Found]:
        for m in finditer(self.double, text, windows):
            again = next(g for g in ("again", "slash", "dash") if m.group(g))
            value = value_of(m, "first")
            lowest = self.rules["self_min_age"] if again == "again" else _MIN_SLASH_DOUBLE
            plausible = lowest <= value <= self.rules["max_age"]
            if value == value_of(m, again) and plausible and not self.not_age_unit.match(text, m.end()):
                yield Found(value, "age.double", m.start(), m.end(), m.start("first"))


def _doubled_after(text: str, end: int, value: int) -> bool:
    """Whether the number ``value`` follows ``end`` in parentheses, as a split age written again in words (the
    normaliser has made them digits): "1-4 (veertien)" → "1-4 (14)"."""
    written = re.match(r"\s*\(\s*(\d{1,2})\s*\)", text[end : end + 12])
    return written is not None and int(written.group(1)) == value
