"""Ages stated for a person, read from the normalised text (number words and obfuscated digits are digits).

Each form has its rule id:

* ``age.unit``: a number with an age unit (``16 jaar oud``, ``16jr``, ``16 y/o``, ``16-jarige``);
* ``age.anchored``: a number with a bare unit (``16 jaar``, ``16 years``) after a person anchor: a self cue
  (``ik ben``), a person noun (``meisje van``), a name, or the start of a clause (``Lisa, 16 jaar``);
* ``age.cue``: a cue before the number (``Leeftijd: 17``, ``aged 15``);
* ``age.self``: a self cue before a bare number (``I'm 16``);
* ``age.name``: a bare number set off right after a name (``Mia, 16,`` or ``Fleur (15)``), or a known first name
  directly before a number that ends a listing field (``Sanne 15 | outcall``);
* ``age.person``: a bare number after a person noun and ``van``/``of`` (``een meisje van 16``), unless a unit or a
  count noun follows (``dochter van 15 maanden``, ``moeder van 3 kinderen``), or in parentheses (``oppas (19)``);
* ``age.listing``: a bare number right after a person noun in listing style (``Girl 15 | Cebu``, ``meisje 15,``);
* ``age.lead``: a bare number opening a sentence, set off by a comma before a word (``Free tonight. 16, slim``);
* ``age.loose``: a bare number of 11-17 (or a pair or range of them) set off in the same sentence as a person noun
  a few words before it (``Two girls available in Pattaya, 15 and 16``, ``GIRL 15 **``), after a request verb
  (``need 16 tonight``) or as "one of" an age (``una de 14?``), unless a bound, a time or a count word precedes it;
* ``age.birth_year``: a birth year (``born in 2009``, ``DOB: 12/03/2009``), counted from the item's ``posted_at``;
* ``age.range``: both ends of a range tied to a person (``girls 14-16``, ``tussen 12 en 15 jaar``), and
  ``age.double``: a number written twice (``14 (veertien)``, ``sixteen / 16``): see :mod:`nlp.ages.ranges`;
* ``age.table``: a number in the age column of a table written as text (``Name | Age | City`` over ``Ana | 14 |
  Pasay``, or tab-separated rows): see :mod:`nlp.ages.tables`.

Upper bounds (``younger than 17``) are no ages; :mod:`nlp.ages.bounds` reads them.

Sizes, durations, thresholds, compounds and product suitability (``16 inch``, ``3 jaar garantie``, ``minimaal
16 jaar``, ``driejarige opleiding``, ``a 2-year contract``, ``toy for a 6 year old``) are not ages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise
from typing import Any

from nlp.ages.bounds import BoundReader
from nlp.ages.patterns import NUM, Bound, Found, Windows, alternation, finditer, first_of, number_windows, value_of
from nlp.ages.ranges import RangeReader
from nlp.ages.tables import table_ages
from nlp.normalize.prefilter import has_digit

# A closing quotation mark after a person noun: scare quotes around a relative that is none ("my 'niece' (14)").
_SCARE_QUOTE = "['’\"”]?"
_WORDS = re.compile(r"[\w'’./+-]+")
_CLAUSE_START = frozenset(",(|•·-–—:;/[\n.!?")
_RANGE_BEFORE = re.compile(r"\d\s{0,2}(?:-|–|/|tot|t/m|to|and|en|or|of)\s{0,2}$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"\s{0,2}(?:-|–|/)\s{0,2}\d|\s{0,3}(?:to|tot|t/m|tot en met|bis)\s{0,3}\d", re.IGNORECASE)
# A name (capitalised word) with a bare number set off by a comma or parentheses: "Mia, 16," / "Fleur (15)".
_NAME_AGE = re.compile(
    r"(?<![\w'’])[A-Z](?:[a-zà-ÿ]{1,20}|[A-Z]{1,20})\s{0,2}(?:,\s{0,2}(?P<num>(?:0[ ._*]?){0,2}(?:\d[ ._*]\d|\d{2}))"
    r"\s{0,2}(?=[),.!;|•·/–—-]|$|(?:and|en|und|y|&)\s)"
    r"|\(\s{0,2}(?P<pnum>\d[ ._*]\d|\d{2})\.?\s{0,2}\))"
)
# A known first name with a one-digit age in parentheses: "Isla (9) swam …" (read only for listed names).
_NAME_SMALL_AGE = re.compile(r"(?<![\w'’])(?P<name>[A-Z][a-zà-ÿ]{1,14})\s{0,2}\(\s{0,2}(?P<num>\d)\s{0,2}\)")
# A capitalised word directly before a two-digit number that ends a field: "Sanne 15 |", "Mia 16, …", "Mila • 15 •"
# (emoji bullets are "•" in the normalised text).
_NAME_NUMBER = re.compile(
    r"(?<![\w'’])(?P<name>[A-Z][a-zà-ÿ]{1,14})(?:\s{1,2}|\s{0,2}•\s{0,2})(?P<num>\d{2})"
    r"(?=\s{0,2}(?:[|,.;:!?)\n/•·(–—-]|$))"
)
# A gender letter and a number as a listing field: "F / 15", "16/F", "M 14 |".
_GENDER_AGE = re.compile(
    r"(?<![\w])(?:[FfMm]\s{0,2}[/|,]\s{0,2}(?P<num>\d{2})(?![\d/])|(?P<num2>\d{2})\s{0,2}/\s{0,2}[FfMm](?![\w])"
    r"|(?P<num3>\d{2})\s?[FfMm](?=\s{1,2}here\b)|(?P<num5>\d{2})[FM](?![\w])|[FM](?P<num4>\d{2})(?![\w]))"
)
# A possessive before an ordinal: "my wife's 40th", "Noah's 5th".
_POSSESSIVE_ORDINAL = re.compile(r"['’]s\s{1,2}(?P<num>\d{1,2})(?:st|nd|rd|th)(?![\w])", re.IGNORECASE)
# Further birth years after a first one: "born in 2014 and 2018", "geboren 2010, 2012 en 2015".
# Years of the Buddhist Era (Thailand, Cambodia, Laos: "born 2554" is 2011) are 543 ahead of the common era.
_BUDDHIST_ERA_OFFSET = 543


def _common_era(year: int) -> int:
    """A birth year in the common era: years from 2400 on are of the Buddhist Era."""
    return year - _BUDDHIST_ERA_OFFSET if year >= 2400 else year


def _full_year(year: str, ref_year: int) -> int:
    """A birth year as written, in four digits: "'11" is 2011 (a year after ``ref_year``'s is of the 1900s)."""
    if year[0] in "'’":
        short = int(year[1:])
        return 2000 + short if 2000 + short <= ref_year else 1900 + short
    return int(year)


_MORE_YEARS = re.compile(r"\s{0,2}(?:,|and|en|und|y|e|&)\s{0,2}(?P<year>(?:19|20)\d\d)(?!\d)")
# Where a sentence ends, for the words that belong to the number's own sentence.
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
# A field naming a thing soon after an age field: "Age: 15 years | Model: Honda Wave" is a motorbike's age.
_THING_FIELD_AFTER = re.compile(r"(?<![\w])(?:model|brand|make|merk|marke|marca|modelo|modèle)\s{0,2}:", re.IGNORECASE)
# A bare number opening a sentence, then a comma and a word: "… tonight. 16, slim, …" ("Sixteen, slim").
_LEAD_AGE = re.compile(r"(?:^|(?<=[.!?])\s{1,3})(?P<num>\d{2})\s{0,2},\s{0,2}(?=[^\W\d_])", re.MULTILINE)
# ... or opening the text, then "and" and a word: "Sixteen and new in town", "14 en alleen dit weekend".
_LEAD_AND_AGE = re.compile(r"^\W{0,3}(?P<num>\d{2})\s{1,2}(?:and|en|und|et|y|e)\s{1,2}(?=[^\W\d_]{2})", re.IGNORECASE)
# What comes after a unit: the next word ("16-jarige Sanne", "driejarige opleiding").
# Padding between an age cue and its number ("Age:15", "age........15", "age **15**", "age [15]", "age - 15"), and
# the number after it, which may follow a colon or a dot and carry leading zeros ("age: 0015").
_CUE_PADDING = r"(?:\s{0,3}[:=]?\s{0,3}|[\s:=.\-_*~\[(\"'“‘#>|]{1,12})"
_CUE_NUM = r"(?P<num>(?<!\d)(?:0[ ._*]?){0,2}(?:\d[ ._*]\d|\d{1,3})(?![\d]|[.,]\d))"
# "13y", "is she really 13y?": the short unit glued to the number (apart, "15 y 16" is Spanish for "and").
_GLUED_Y = re.compile(r"(?<![\w.,:/])(?P<num>\d{2})y(?![\w/'’])", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s{0,2}(?P<word>[^\W\d_][\w-]*)")
# A bare number of 11-17 standing alone in a listing or a chat ("Two girls available in Pattaya, 15 and 16",
# "GIRL 15 ** SWEET", "new girl from Romania, 15, staying"): nothing but punctuation, another number or a closing
# word after it (a word would make it a count, a size or a measure: "15 players", "14 inch").
_LOOSE_AGE = re.compile(
    r"(?<![\w.,:/#$€£%+*'’<>≤=-])(?P<num>1[1-7])(?![.,:]\d|\s{0,2}[-–/]\s{0,2}\d|\s{0,2}%)"
    r"(?=\s{0,2}(?:[,.;!?|)/•*~\n–—]|$|(?:(?:and|en|und|y|e|et|&|or|of|o|ou|oder|atau|o kaya)\s{1,2})?1[0-9](?!\d)"
    r"|(?:lang|only|pa|lng|lamang|aja|saja|nur|alleen|maar|solo)(?![\w])))",
    re.IGNORECASE | re.MULTILINE,
)
_LOOSE_SECOND = re.compile(
    r"\s{1,2}(?:(?:and|en|und|y|e|et|&|or|of|o|ou|oder|atau|o kaya)\s{1,2})?(?P<num>1[1-7])(?![\d%]|[.,:/]\d)",
    re.IGNORECASE,
)
# "Beach boys available in Hikkaduwa, 15-16, good English": a bare range of 11-17 set off the same way.
_LOOSE_RANGE = re.compile(
    r"(?<![\w.,:/#$€£%+*'’<>≤=-])(?P<num>1[1-7])\s{0,2}[-–]\s{0,2}(?P<num2>1[1-7])(?![\d%]|[.,:]\d)"
    r"(?=\s{0,2}(?:[,.;!?|)/•*~\n–—]|$))",
    re.MULTILINE,
)
# "need 16 phnom penh tonight", "I need a 16 for the weekend", "una de 14?", "heb je er 1 van 13?": a request verb
# and a bare number for the person sought.
_SOUGHT_AGE = re.compile(
    r"(?<![\w])(?:need|needs|looking for|searching for|seeking|get me|find me|sorted|got any|anyone got|"
    r"zoek|zoeken|suche|busco|buscando|consigue|consígueme|quiero|cherche|cari|nyari)\s{1,3}"
    r"(?:(?:a|an|one|een|er een|er 1|ein|eine|una|un|uno|une|yg|yang)\s{1,3})?(?:(?:de|van|of|von)\s{1,3})?"
    r"(?P<num>1[1-7])(?![\w%.,:]|\s{0,2}[-–/]\s{0,2}\d)"
    r"(?=\s{0,2}(?:[,.;!?|)\n]|$|(?:for|voor|für|para|pour|tonight|today|now|asap|pls|please|ok|in|at)(?![\w])))",
    re.IGNORECASE | re.MULTILINE,
)
# "Alguien me consigue … una de 14?", "ik kreeg er een van ongeveer 14,": one of an age, in a question or set off.
_ONE_OF_AGE = re.compile(
    r"(?<![\w])(?:una|uno|un|een|één|ein|eine|une|one)\s{1,2}(?:de|van|von|of)\s{1,2}"
    r"(?:(?:about|around|ongeveer|rond|circa|ca\.|unos|cerca de|etwa|environ)\s{1,2})?(?P<num>1[1-7])"
    r"(?=\s{0,2}(?:\?|,|;|$))",
    re.IGNORECASE | re.MULTILINE,
)
# Words right before a loose number that make it a time, a count or a bound, not an age.
_LOOSE_NOT_AFTER = frozenset(
    "at om um à a las by until till tot bis hasta sampai before after per x times page p. no nr # top over under "
    "onder unter than dan als que plus minus max min maximum minimum up to from vanaf ab desde tussen between "
    "zwischen entre hoogstens hooguit pang yet nog below beneath beneden under as de the".split()
)
# Units joined to the number by a hyphen that make a compound modifier, not an age: "a 5-year plan".
_HYPHEN_BARE = re.compile(r"-\s{0,2}[^\W\d_]")
# Suffixes of Dutch and English abstract nouns that follow a duration ("driejarige opleiding", "samenwerking").
_ABSTRACT = re.compile(r"(?:ing|ingen|heid|schap|tie|ties|teit|ment|ship|ance|ence|ity|ion|ions|plan|contract)$")


class AgeGrammar:
    """The compiled grammar, built from ``nlp/rules/ages.yml`` (and the first names of ``person_names.yml``)."""

    def __init__(self, rules: dict[str, Any], person_names: Iterable[str] = ()) -> None:
        self.rules = rules
        self.sets = {key: frozenset(value) for key, value in rules.items() if isinstance(value, list)}
        self.person_names = frozenset(person_names)
        age_units, bare_units = alternation(rules["age_units"]), alternation(rules["bare_units"])
        units = rf"(?:(?P<unit>{age_units})|(?P<bare>{bare_units}))"
        # After a cue, a self cue or a person noun, a unit may follow the number: "age 15 years".
        unit_tail = rf"(?:\s{{0,2}}(?:-\s{{0,2}})?(?:{age_units}|{bare_units})(?![\w/]))?"
        approx = rf"(?:(?:{alternation(rules['approximators'])})\s{{1,3}})?"
        # A first look at the character: an approximator's first or a digit (the pattern has no look-behind at its
        # start, and re would try every approximator at every position).
        lead = first_of(rules["approximators"], r"\d")
        self.unit_pattern = re.compile(rf"{lead}{approx}{NUM}\s{{0,2}}(?:-\s{{0,2}})?{units}(?![\w/])", re.IGNORECASE)
        cues = alternation(rules["age_cues"])
        self.cue_pattern = re.compile(rf"(?<![\w])(?:{cues}){_CUE_PADDING}{approx}{_CUE_NUM}{unit_tail}", re.IGNORECASE)
        # "Q: How old are you? / A: 16.": the answer right after the question
        self.question_pattern = re.compile(
            rf"(?<![\w])(?:{alternation(rules['age_questions'])})\s{{0,2}}\?\s{{0,3}}(?:[/|\n-]\s{{0,3}})?"
            # the answer may carry a speaker's label and a yes ("Zij: ja 15", "B: yes, 14")
            rf"(?:(?:a|r|j|antwoord|answer|[^\W\d_]{{1,10}})\s{{0,2}}[:.)-]\s{{0,2}})?"
            rf"(?:(?:ja|yes|yeah|yep|sí|si|oui|ya|oo|opo|meron)[,!]?\s{{1,2}})?{NUM}{unit_tail}(?![\w])",
            re.IGNORECASE,
        )
        # "i'm sasha, 15", "Mia here, 16,": a name between a self cue (or before "here") and a set-off age
        self.named_self_pattern = re.compile(
            rf"(?:(?<![\w'’])(?:{alternation(rules['named_self_cues'])})\s{{1,3}}[^\W\d_]{{2,20}}"
            rf"|(?<![\w'’])[A-Z][a-zà-ÿ]{{1,14}}\s{{1,2}}(?:{alternation(rules['name_followers'])}))"
            rf"\s{{0,2}},\s{{0,2}}{NUM}{unit_tail}(?=\s{{0,2}}(?:[,.;:!?|)/•\n–—-]|$|(?:and|en|y|et)\s))",
            re.IGNORECASE,
        )
        # "hi im mint 16 from chiang mai": the same without the comma, when where the writer is from follows
        not_names = alternation([*rules["approximators"], *rules["intensifiers"], *rules["near_ages"]])
        self.named_self_from_pattern = re.compile(
            rf"(?<![\w'’])(?:{alternation(rules['named_self_cues'])})\s{{1,3}}(?!(?:{not_names})\s)[^\W\d_]{{2,20}}"
            rf"\s{{1,2}}{NUM}{unit_tail}"
            rf"(?=\s{{1,2}}(?:from|uit|aus|de|dari|taga|van)\s)",
            re.IGNORECASE,
        )
        # "heyy its jade 16 just got to leeds", "hoi ik ben lotte 16 jaar en": a known first name between a self cue
        # and the age, without a comma (checked against the first names in _named_self_ages)
        self_cues_named = alternation([*rules["named_self_cues"], "its", "it's", "it’s"])
        self.named_self_bare_pattern = re.compile(
            rf"(?<![\w'’])(?:{self_cues_named})\s{{1,3}}"
            rf"(?P<name>[^\W\d_]{{2,20}})\s{{1,2}}{NUM}{unit_tail}(?![\w%]|\s{{0,2}}[:.,/-]\d)",
            re.IGNORECASE,
        )
        # "a younger one, almost 14, just ask": a near-age word and a number set off by punctuation
        self.near_pattern = re.compile(
            rf"(?<![\w])(?:{alternation(rules['near_ages'])})\s{{1,2}}{NUM}(?=\s{{0,2}}(?:[,.;!?)|•\n]|$))",
            re.IGNORECASE,
        )
        # "Hey, 14 here, bored": a set-off number before "here"
        self.here_pattern = re.compile(
            rf"(?:^|(?<=[,.!?;:|•]))\s{{0,3}}{NUM}\s{{1,2}}(?:{alternation(rules['here_words'])})(?=\s{{0,2}}(?:[,.;!?)|•\n]|$))",
            re.IGNORECASE | re.MULTILINE,
        )
        # "webcam calls with a 14 girl", "een *16* meisje": an article, a number and a person noun
        self.article_pattern = re.compile(
            rf"(?<![\w])(?:a|an|one|een|ein|eine|un|una|um|uma|une)\s{{1,2}}[*_~]{{0,2}}{NUM}[*_~]{{0,2}}\s{{1,2}}"
            rf"(?:{alternation(rules['listing_nouns'])})(?![\w])",
            re.IGNORECASE,
        )
        # "a young bride, 15 is fine": a set-off number accepted as an age
        self.accepted_pattern = re.compile(
            rf"(?:^|(?<=[,.;:!?(]))\s{{0,3}}{approx}{NUM}\s{{1,2}}(?:{alternation(rules['acceptance_words'])})(?![\w])",
            re.IGNORECASE | re.MULTILINE,
        )
        # "u want 14?", "mau yg 14?", "wil je er een van 14?": a number offered in a chat question
        self.wanted_pattern = re.compile(
            rf"(?<![\w])(?:{alternation(rules['want_cues'])})\s{{1,3}}{NUM}\s{{0,2}}\?", re.IGNORECASE
        )
        # "the 14 one is available": a listing's pick by age ("the 14 one-way tickets" is no person)
        self.the_one_pattern = re.compile(
            rf"(?<![\w])the\s{{1,2}}{NUM}\s{{0,2}}(?:y/o|yo|yr|yrs|year old)?\s{{1,2}}one(?![\w-])", re.IGNORECASE
        )
        # "NEW GIRL IN TOWN!!! ONLY 16!!!": an intensifier and a number as an exclaimed clause of their own
        self.lone_pattern = re.compile(
            rf"(?:^|(?<=[.!?|•])\s{{0,3}})(?:{alternation(rules['lone_intensifiers'])})\s{{1,2}}{NUM}\s{{0,2}}!",
            re.IGNORECASE | re.MULTILINE,
        )
        # "says 18, actually 16", "ID says 19 but she is 15": the number after the turn is the real age (the
        # claimed one no measure: "the menu says 18 dollars but really 15"); Tagalog "lang" after it is "only"
        fillers = alternation(rules["contrast_fillers"])
        measures = alternation(rules["not_age_units"])
        self.contrast_pattern = re.compile(
            rf"(?<![\w])(?:{alternation(rules['claim_words'])})\s{{1,3}}[^.!?\n\d]{{0,25}}?\d{{1,2}}"
            rf"(?!\s{{0,3}}(?:{measures})(?![\w]))[^.!?\n\d]{{0,30}}?"
            rf"(?<![\w])(?:{alternation(rules['contrast_words'])})(?:\s{{1,3}}(?:{fillers}))*\s{{1,3}}{NUM}"
            rf"(?:\s{{1,3}}lang(?:\s{{1,3}}talaga)?)?",
            re.IGNORECASE,
        )
        selfs, intens = alternation(rules["self_cues"]), alternation(rules["intensifiers"])
        self.self_pattern = re.compile(
            rf"(?<![\w'’])(?P<cue>{selfs})\s{{1,3}}(?P<time>(?:(?:{alternation(rules['birthday_times'])})\s{{1,3}}){{1,2}})?"
            rf"(?:(?:{intens})\s{{1,3}})?{approx}{NUM}{unit_tail}",
            re.IGNORECASE,
        )
        births = alternation(rules["birth_cues"])
        nouns, ofs = alternation(rules["person_nouns"]), alternation(rules["of_words"])
        counted = alternation(rules["person_not_followers"])
        # The person noun is checked only before a candidate ("van 16", "(19)"): a long alternation scanned at
        # every position of every text would cost more than all the other patterns together.
        self.person_tail = re.compile(rf"(?<![\w])(?:{nouns}){_SCARE_QUOTE}\s{{0,3}},?\s{{0,3}}$", re.IGNORECASE)
        self.paren_tail = re.compile(
            rf"(?<![\w])(?:{nouns}|{alternation(rules['self_nouns'])}){_SCARE_QUOTE}\s{{0,3}},?\s{{0,3}}$",
            re.IGNORECASE,
        )
        self.person_patterns = (
            re.compile(
                rf"(?<![\w])(?:{ofs})\s{{1,3}}[*_~]{{0,2}}{approx}{NUM}(?!\s{{0,3}}(?:\d|(?:{counted})(?![\w])))",
                re.IGNORECASE,
            ),
            re.compile(rf"\(\s{{0,2}}{approx}{NUM}\s{{0,2}}[?!.]?\s{{0,2}}[),]", re.IGNORECASE),
        )
        # "Girl 15 |", "girls around 15?", "daughter, 15,", "meisje (15)": a person noun, then the number.
        self.listing_pattern = re.compile(
            rf"(?<![\w])(?:{alternation([*rules['listing_nouns'], *rules['person_nouns'], *rules['self_nouns']])})"
            rf"{_SCARE_QUOTE}\s{{0,2}}[,(]?\s{{0,2}}"
            rf"{approx}{NUM}{unit_tail}(?=\s{{0,2}}(?:[|,.;:!?)\n/•·(–—-]|$|[^\W\d_]))",
            re.IGNORECASE,
        )
        # "PP | boy | 15 | guesthouse", "cewek • 14 •": a listing noun and a number as neighbouring fields.
        self.listing_field_pattern = re.compile(
            rf"(?<![\w])(?:{alternation(rules['listing_nouns'])})\s{{0,2}}[|•·–—-]\s{{0,2}}"
            rf"{NUM}{unit_tail}(?=\s{{0,2}}(?:[|•·–—-]|$))",
            re.IGNORECASE | re.MULTILINE,
        )
        self.birthday_pattern = re.compile(
            rf"(?<![\w])(?=\d){NUM}\s?(?:st|nd|rd|th|e|ste|de|\.)\s{{0,2}}(?:{alternation(rules['birthday_words'])})(?![\w])",
            re.IGNORECASE,
        )
        self.birth_pattern = re.compile(
            rf"(?<![\w])(?:{births})\s{{0,3}}[:=]?\s{{0,3}}(?:\d{{1,2}}[-/.])?(?:\d{{1,2}}[-/.])?"
            rf"(?P<year>(?:19|20)\d\d|25[45]\d|['’]\d\d)(?!\d)",
            re.IGNORECASE,
        )
        self.not_after = re.compile(rf"\s{{0,3}}(?:{alternation(rules['not_after'])})(?![\w])", re.IGNORECASE)
        self.not_after_unit = re.compile(
            rf"\s{{0,3}}(?:{alternation(rules['not_after_unit'])})(?![\w])", re.IGNORECASE
        )
        self.not_age_unit = re.compile(rf"\s{{0,3}}(?:{alternation(rules['not_age_units'])})(?![\w])", re.IGNORECASE)
        self.ranges = RangeReader(rules, self)
        self.bound_reader = BoundReader(rules)
        # Object nouns long enough to end a compound ("kinderfiets", "paardentrailer").
        self._compound_heads = tuple(o for o in self.sets["object_nouns"] if len(o) >= 5 and o != "house")
        self._two_word_self_cues = tuple(c for c in self.sets["self_cues"] if " " in c)
        self._old_units = self.sets["old_units"] | self.sets["compact_units"] | self.sets["people_units"]
        self._person_words = self.sets["person_nouns"] | self.sets["listing_nouns"] | self.sets["loose_anchors"]
        self._accepted_anchors = self._person_words | self.sets["accepted_anchors"]
        self._anchor_words = (
            self.sets["person_nouns"] | self.sets["age_cues"] | self.sets["listing_nouns"] | self.sets["self_nouns"]
        )

    def read(self, text: str, ref_year: int) -> tuple[list[Found], list[Bound]]:
        """Every age in ``text`` (as :meth:`find`) and every upper bound on a person's age (as :meth:`bounds`),
        the windows around its numbers found once for both."""
        if not has_digit(text):
            return [], []
        windows = number_windows(text)
        bounds = self.bound_reader.find(text, windows)
        return self._ages(text, ref_year, windows, bounds), bounds

    def find(self, text: str, ref_year: int) -> list[Found]:
        """Every age in ``text``, one per number, the widest evidence kept."""
        return self.read(text, ref_year)[0]

    def bounds(self, text: str) -> list[Bound]:
        """Every upper bound on a person's age in ``text``."""
        return self.bound_reader.find(text, number_windows(text)) if has_digit(text) else []

    def _ages(self, text: str, ref_year: int, windows: Windows, bounds: list[Bound]) -> list[Found]:
        found: dict[int, Found] = {}
        unnamed: dict[int, Found] = {}
        for item in self._candidates(text, ref_year, windows):
            if item.rule == "age.loose" and any(b.start <= item.num_start < b.end for b in bounds):
                continue  # "onder de 16", "<16": a bound, not an age
            for best in (found, unnamed) if item.rule == "age.loose" else (found,):
                current = best.get(item.num_start)
                if current is None or (item.end - item.start) > (current.end - current.start):
                    best[item.num_start] = item
        chosen = (
            replace(f, unnamed=unnamed.get(f.num_start)) if f.rule == "age.name" else f for f in found.values()
        )
        return sorted(chosen, key=lambda f: f.start)

    def _candidates(self, text: str, ref_year: int, windows: Windows) -> Iterable[Found]:
        yield from self._unit_ages(text, windows)
        yield from self._accepted_ages(text, windows)
        simple = (
            (self.cue_pattern, "age.cue", self.rules["min_age"]),
            (_LEAD_AGE, "age.lead", self.rules["self_min_age"]),
            (_LEAD_AND_AGE, "age.lead", self.rules["self_min_age"]),
            (self.lone_pattern, "age.lead", self.rules["self_min_age"]),
            (self.contrast_pattern, "age.self", self.rules["self_min_age"]),
            (self.near_pattern, "age.lead", self.rules["self_min_age"]),
            (self.here_pattern, "age.lead", self.rules["self_min_age"]),
            (self.article_pattern, "age.listing", self.rules["self_min_age"]),
            (self.the_one_pattern, "age.listing", self.rules["self_min_age"]),
            (self.wanted_pattern, "age.lead", self.rules["self_min_age"]),
            (_GLUED_Y, "age.unit", self.rules["self_min_age"]),
            (self.question_pattern, "age.cue", self.rules["self_min_age"]),
            (self.named_self_pattern, "age.name", self.rules["self_min_age"]),
            (self.named_self_from_pattern, "age.name", self.rules["self_min_age"]),
            (self.listing_pattern, "age.listing", self.rules["self_min_age"]),
            (self.listing_field_pattern, "age.listing", self.rules["self_min_age"]),
            (self.birthday_pattern, "age.birthday", self.rules["min_age"]),
            (_POSSESSIVE_ORDINAL, "age.birthday", self.rules["min_age"]),
        )
        for pattern, rule, minimum in simple:
            for m in finditer(pattern, text, windows):
                if self._plausible(text, m, rule, minimum):
                    yield Found(value_of(m), rule, m.start(), m.end(), m.start("num"))
        for m in finditer(_NAME_AGE, text, windows):
            group = "num" if m.group("num") else "pnum"
            if self._plausible(text, m, "age.name", self.rules["self_min_age"], group):
                yield Found(value_of(m, group), "age.name", m.start(), m.end(), m.start(group))
        yield from self._loose_ages(text, windows)
        yield from self._gender_ages(text, windows)
        yield from self._named_numbers(text, windows)
        yield from self._person_ages(text, windows)
        yield from self._self_ages(text, windows)
        yield from self._named_self_ages(text, windows)
        for m in finditer(self.birth_pattern, text, windows):
            value = ref_year - _common_era(_full_year(m.group("year"), ref_year))
            if 0 < value <= self.rules["max_age"]:
                yield Found(value, "age.birth_year", m.start(), m.end(), m.start("year"))
            more = _MORE_YEARS.match(text, m.end())
            while more is not None:  # "born in 2014 and 2018"
                value = ref_year - int(more.group("year"))
                if 0 < value <= self.rules["max_age"]:
                    yield Found(value, "age.birth_year", more.start("year"), more.end(), more.start("year"))
                more = _MORE_YEARS.match(text, more.end())
        yield from self.ranges.find(text, windows)
        yield from table_ages(text, self.sets["age_cues"], self.rules["min_age"], self.rules["max_age"])

    def _accepted_ages(self, text: str, windows: Windows) -> Iterable[Found]:
        """ "a young bride, 15 is fine": a set-off number accepted, when a person is named just before it ("table
        for four, 8 is fine" is a count)."""
        minimum = self.rules["self_min_age"]
        for m in finditer(self.accepted_pattern, text, windows):
            position = m.start("num")
            anchored = self.anchored_by_person(text, position, words=6) or not self._accepted_anchors.isdisjoint(
                self._words_before(text, position, 12)  # "… one boy back to the guesthouse? Around 12 is fine"
            )
            if anchored and self._plausible(text, m, "age.lead", minimum):
                yield Found(value_of(m), "age.lead", m.start("num"), m.end(), m.start("num"))

    def _named_self_ages(self, text: str, windows: Windows) -> Iterable[Found]:
        """``its jade 16``, ``ik ben lotte 16 jaar``: a self cue, a known first name and the age."""
        for m in finditer(self.named_self_bare_pattern, text, windows):
            if m.group("name").lower() in self.person_names and self._plausible(
                text, m, "age.name", self.rules["self_min_age"]
            ):
                yield Found(value_of(m), "age.name", m.start(), m.end(), m.start("num"))

    def _self_ages(self, text: str, windows: Windows) -> Iterable[Found]:
        """``I'm 16``, ``ze wordt 6``: a self or birthday cue, then the number."""
        for m in finditer(self.self_pattern, text, windows):
            cue = " ".join(m.group("cue").lower().split())
            subject = self._words_before(text, m.start("cue"), 1)
            if " " not in cue and subject and subject[-1] in self.sets["object_nouns"]:
                continue  # "our dog is 14 years old", "onze kat is 16 jaar"
            if m.group("time") and cue not in self.sets["birthday_cues"]:
                continue  # a time word after a plain copula: "is in May 15" is a date
            young = cue in self.sets["birthday_cues"] or self._person_subject(text, m.start("cue"))
            minimum = self.rules["min_age"] if young else self.rules["self_min_age"]
            if self._plausible(text, m, "age.self", minimum) and not self.not_age_unit.match(text, m.end()):
                yield Found(value_of(m), "age.self", m.start("num"), m.end(), m.start("num"))

    def _person_subject(self, text: str, position: int) -> bool:
        """Whether a person noun or a name is the subject before a copula: "our son is 4", "Daan is 9"."""
        words = self._words_before(text, position, 1, lower=False)
        if not words:
            return False
        word = words[-1]
        return word.lower() in self.sets["person_nouns"] or (
            word[:1].isupper() and word[1:].islower() and word.lower() in self.person_names
        )

    def _loose_ages(self, text: str, windows: Windows) -> Iterable[Found]:
        """A bare number of 11-17 set off in the same sentence as a person noun a few words before it ("girls
        available this week in Pattaya, 15 and 16"), or right after a request verb ("need 16 tonight")."""
        minimum = self.rules["self_min_age"]
        for m in finditer(_LOOSE_AGE, text, windows):
            before = self._words_before(text, m.start("num"), 1)
            if before and before[-1] in _LOOSE_NOT_AFTER:
                continue
            if self._loose_anchor(text, m.start("num")) and self._plausible(text, m, "age.lead", minimum):
                yield Found(value_of(m), "age.loose", m.start("num"), m.end("num"), m.start("num"))
                second = _LOOSE_SECOND.match(text, m.end("num"))
                if second is not None and not (
                    self.not_age_unit.match(text, second.end()) or self.not_after.match(text, second.end())
                ):  # "15 and 16" ("tussen 14 en 17 uur" is a time)
                    value = int(second.group("num"))
                    yield Found(value, "age.loose", m.start("num"), second.end(), second.start("num"))
        for m in finditer(_LOOSE_RANGE, text, windows):
            before = self._words_before(text, m.start("num"), 1)
            if (before and before[-1] in _LOOSE_NOT_AFTER) or not self._loose_anchor(text, m.start("num")):
                continue
            low, high = int(m.group("num")), int(m.group("num2"))
            if low < high:
                yield Found(low, "age.loose", m.start("num"), m.end("num"), m.start("num"))
                yield Found(high, "age.loose", m.start("num"), m.end("num2"), m.start("num2"))
        for m in finditer(_ONE_OF_AGE, text, windows):
            if self._plausible(text, m, "age.lead", minimum):
                yield Found(value_of(m), "age.loose", m.start(), m.end("num"), m.start("num"))
        for m in finditer(_SOUGHT_AGE, text, windows):
            if self._plausible(text, m, "age.lead", minimum):
                yield Found(value_of(m), "age.loose", m.start(), m.end("num"), m.start("num"))

    def _loose_anchor(self, text: str, position: int, words: int = 6) -> bool:
        """Whether a person or listing noun stands among the ``words`` words of the sentence before ``position``."""
        before = self._sentence_words_before(text, position, words)
        nouns = self._person_words
        return any(w in nouns for w in before) or any(f"{a} {b}" in nouns for a, b in pairwise(before))

    def _gender_ages(self, text: str, windows: Windows) -> Iterable[Found]:
        """``F / 15``, ``16/F``, ``27F``: a gender letter and a number as a listing field."""
        for m in finditer(_GENDER_AGE, text, windows):
            group = next(g for g in ("num", "num2", "num3", "num4", "num5") if m.group(g))
            value = value_of(m, group)
            if self.rules["self_min_age"] <= value <= self.rules["max_age"]:
                yield Found(value, "age.listing", m.start(), m.end(), m.start(group))

    def _named_numbers(self, text: str, windows: Windows) -> Iterable[Found]:
        """``Sanne 15 |``, ``Isla (9)``: a known first name directly before a number that ends a field."""
        if not self.person_names:
            return
        for pattern, minimum in ((_NAME_NUMBER, self.rules["self_min_age"]), (_NAME_SMALL_AGE, 1)):
            for m in finditer(pattern, text, windows):
                if m.group("name").lower() in self.person_names and self._plausible(text, m, "age.name", minimum):
                    yield Found(value_of(m), "age.name", m.start(), m.end(), m.start("num"))

    def _person_ages(self, text: str, windows: Windows) -> Iterable[Found]:
        """``meisje van 16`` / ``girl of 16`` / ``oppas (19)``: a candidate, then a person noun right before it."""
        for pattern, tail in zip(self.person_patterns, (self.person_tail, self.paren_tail), strict=True):
            for m in finditer(pattern, text, windows):
                window_start = max(0, m.start() - 40)
                noun = tail.search(text, window_start, m.start())
                if noun and noun.group().strip(" ,").lower() in self.sets["parent_nouns"] and "(" not in m.group():
                    continue  # "mum of three": a count
                if noun and self._plausible(text, m, "age.person", self.rules["min_age"]):
                    yield Found(value_of(m), "age.person", noun.start(), m.end(), m.start("num"))

    def _unit_ages(self, text: str, windows: Windows) -> Iterable[Found]:
        for m in finditer(self.unit_pattern, text, windows):
            rule = "age.unit" if m.group("unit") else "age.anchored"
            if rule == "age.anchored" and (self._compound(text, m) or not self._anchored(text, m.start("num"))):
                continue
            if self._describes_a_thing(text, m):
                continue
            if self._plausible(text, m, rule, self.rules["min_age"]):
                yield Found(value_of(m), rule, m.start(), m.end(), m.start("num"))

    @staticmethod
    def _compound(text: str, match: re.Match[str]) -> bool:
        """A bare unit joined to the number by a hyphen and followed by a word: "a 5-year plan", "2-jaar contract"."""
        joined = _HYPHEN_BARE.match(text, match.end("num"))
        return joined is not None and _NEXT_WORD.match(text, match.end()) is not None

    def _describes_a_thing(self, text: str, match: re.Match[str]) -> bool:
        """Whether the word after a unit is a thing or a duration: "driejarige opleiding", "16-year-old whisky"."""
        following = _NEXT_WORD.match(text, match.end())
        if following is not None and following.group("word").lower() in ("oude", "ouder", "alte", "alter"):
            following = _NEXT_WORD.match(text, following.end())  # "16 jaar oude paardentrailer"
        if following is None:
            return False
        word = following.group("word").lower()
        if word in self.sets["person_nouns"]:
            return False
        if word in self.sets["object_nouns"] or word in self.sets["duration_nouns"]:
            return True
        if word.endswith(self._compound_heads):
            return True  # "16 jaar oude paardentrailer"
        # A Dutch adjective of age before an abstract noun is a duration ("driejarige samenwerking"); English
        # gerunds end in -ing too ("15 years old looking for"), so only "jarig(e)" is read this way.
        unit = (match.group("unit") or "").lower()
        return unit.startswith("jarig") and bool(_ABSTRACT.search(word)) and following.group("word")[:1].islower()

    def _plausible(self, text: str, match: re.Match[str], rule: str, minimum: int, group: str = "num") -> bool:
        value = value_of(match, group)
        if not minimum <= value <= self.rules["max_age"]:
            return False
        if self.not_after.match(text, match.end()) or _RANGE_AFTER.match(text, match.end(group)):
            return False
        if match.end() > match.end(group) and self.not_after_unit.match(text, match.end()):
            return False  # "3 jaar lang": a duration; "14 lang" (Tagalog "only 14") has no unit
        if _RANGE_BEFORE.search(text[max(0, match.start(group) - 12) : match.start(group)]):
            return False
        field_rule = rule in ("age.cue", "age.unit", "age.anchored")
        if field_rule and _THING_FIELD_AFTER.search(text, match.end(), match.end() + 40):
            return False
        position = match.start() if rule != "age.self" else match.start("num")
        before = self._words_before(text, position, 5)
        excluded = rule in ("age.unit", "age.anchored", "age.cue") and self._excluded_before(before)
        if excluded and not (rule == "age.unit" and self._compact_for(match, before, value)):
            return False
        unit = (match.groupdict().get("unit") or "").lower()
        if field_rule and unit not in self._old_units and self._spent(before):
            return False
        timed = rule == "age.self" and bool(match.groupdict().get("time"))  # "wordt in mei 15": no date
        if not timed and self.labels_number(text, match.start(group)):
            return False
        return rule in ("age.self", "age.name", "age.person") or not self.about_a_thing(text, position)

    def _spent(self, before: list[str]) -> bool:
        """Whether a duration verb stands among the three words before a number of years, no person noun after
        it: "living in Bangkok 3 yrs", "woon al 15 jaar"."""
        last = before[-3:]
        for index, word in enumerate(last):
            if word in self.sets["duration_verbs"]:
                return not any(w in self._person_words for w in last[index + 1 :])
        return False

    def _compact_for(self, match: re.Match[str], before: list[str], value: int) -> bool:
        """Whether a unit glued to the number follows "for"/"voor" ("looking for 15yo"), or a unit that names
        people or says "old" ("for 16 year olds", "looking for 15 years old girl"): an age, where "for 16 years" is
        a duration."""
        unit = match.group("unit") or ""
        if before[-1] in self.sets["purpose_words"] and (
            unit.lower() in self.sets["people_units"] or unit.lower() in self.sets["old_units"]
        ):
            return True
        return (
            bool(unit)
            and match.end("num") == match.start("unit")
            and before[-1] in self.sets["purpose_words"]
            and unit.lower() in self.sets["compact_units"]
            and value >= self.rules["self_min_age"]
        )

    def labels_number(self, text: str, num_start: int) -> bool:
        """Whether the word right before a number makes it a label: "groep 7", "size 11-12", "room 14"."""
        before = self._words_before(text, num_start, 1)
        if not before or before[-1] not in self.sets["label_words"]:
            return False
        return "," not in text[max(0, num_start - 3) : num_start]  # "Cam model, 23," is a person, "model 23" a label

    def _excluded_before(self, before: list[str]) -> bool:
        if len(before) > 1 and f"{before[-2]} {before[-1]}" in self.sets["not_before"]:
            return True  # "moins de 15 ans", "menos de 16 años"
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
        if (
            last in self.sets["self_cues"]
            or last in self.sets["person_nouns"]
            or last in self.sets["bare_unit_anchors"]
        ):
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

    def words_before(self, text: str, position: int, count: int) -> list[str]:
        """The ``count`` lower-cased words before ``position``."""
        return self._words_before(text, position, count)

    @staticmethod
    def _words_before(text: str, position: int, count: int, *, lower: bool = True) -> list[str]:
        window = text[max(0, position - 80) : position]
        words = [w.strip(".,") or w for w in _WORDS.findall(window)][-count:]
        return [w.lower() for w in words] if lower else words

    def _sentence_words_before(self, text: str, position: int, count: int) -> list[str]:
        """The ``count`` lower-cased words before ``position`` in its own sentence (within 120 characters)."""
        head = text[max(0, position - 120) : position]
        ends = list(_SENTENCE_END.finditer(head))
        sentence = head[ends[-1].end() :] if ends else head
        return self._words_before(sentence, len(sentence), count)

    def about_a_thing(self, text: str, position: int) -> bool:
        """Whether an object noun (or a compound ending in one: "kinderfiets") stands among the words of the same
        sentence before ``position``: "bike for ages 6-9", "Laptop 15.6 inch, 16 GB RAM, 2 jaar oud"."""
        words = self._sentence_words_before(text, position, 8)
        objects = self.sets["object_nouns"]
        return any(w in objects or w.endswith(self._compound_heads) for w in words)

    def anchored_by_person(self, text: str, position: int, words: int = 3) -> bool:
        """Whether a person noun, an age cue or a self cue stands among the ``words`` words of the sentence
        before ``position``."""
        head = text[max(0, position - 120) : position]
        before = set(self._sentence_words_before(text, position, words))
        anchors = self._anchor_words
        if before & anchors:
            return True
        lowered = " ".join(self._words_before(head, len(head), 2))
        return any(lowered.endswith(cue) for cue in self._two_word_self_cues) or bool(before & self.sets["self_cues"])
