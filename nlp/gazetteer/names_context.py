"""Where the words around a place name say it is part of another name (``names_context`` in ``rules.yml``).

* a surname: a name right after a surname particle written with a capital mid-sentence ("Willy Van Damme",
  "Rudy De Hainaut") or after a capitalised first name and a particle ("Robin van Persie");
* a sports result: a name right before a country abbreviation in parentheses is the athlete ("Casoni ( Ita )");
* an event, a channel: a name right before a year or a lone digit ("Brussel 2000", "Nederland 3 (");
* a club: a town's name after a masculine article that towns do not take, in a text of its language ("el
  Valencia", "al Valencia", "del Córdoba"; ``club_articles``); countries, regions and areas take it ("el Líbano",
  "el País Vasco") and stay places, and so does a town whose own name begins with the article ("El Cairo");
* an institution, a club or an event in a text of its language: a town's name right after a capitalised word of
  ``institution_heads`` and at most one particle ("Ayuntamiento de Madrid", "Real Madrid", "Hogeschool Gent");
  countries and areas stay places there ("Gobierno de España" is about Spain).

A name may also follow a compass word and a hyphen ("Zuid-Frankrijk", "Noord-Italië": the part of the country is
the country's mention), be the first part of a compound whose head is a geographic word ("Fiji-eilanden",
"Brussel-stad", "Tigre-provincie"), a country's name follow the word of its form of state ("Groothertogdom
Luxemburg"), or a town's name a building's or a feature's word in a text of its language ("Kathedraal van Brussel",
"Plaza de España"): the whole is the place's name. A name right after a noun of a kind of place ("de stad Zottegem",
"het dorp Oostduinkerke"; ``type_nouns``) is a place's, however small.
"""

from __future__ import annotations

import re
from typing import Any

from nlp.gazetteer.names import fold

Word = tuple[int, int, str]
_SENTENCE_END = re.compile(r"(?:^|[.!?\n•*|:\"'“”‘’])[\s\"'“”‘’()\[\]-]*$")
_OPEN_GAP = re.compile(r"^\s*\(\s*$")


class NameContext:
    """The rules of ``names_context`` for one gazetteer."""

    def __init__(self, rules: dict[str, Any], first_names: frozenset[str]) -> None:
        self.particles = frozenset(rules.get("surname_particles", ()))
        self.after_first_name = frozenset(rules.get("after_first_name", ()))
        self.number_after = re.compile(rules.get("number_after", r"(?!)"))
        self.first_names = first_names
        self.compound_heads = frozenset(rules.get("compound_heads", ()))
        self.state_forms = frozenset(rules.get("state_forms", ()))
        self.state_adjectives = frozenset(rules.get("state_adjectives", ()))
        self.direction_prefixes = frozenset(rules.get("direction_prefixes", ()))
        self.direction_words = frozenset(rules.get("direction_words", ()))
        self.combining_forms = frozenset(rules.get("combining_forms", ()))
        self.foreign_name_languages = frozenset(rules.get("foreign_name_languages", ()))
        self.adjectives = {language: frozenset(words) for language, words in (rules.get("adjectives") or {}).items()}
        joins = "|".join(re.escape(word) for word in rules.get("elision_joins", ()))
        self._elided = re.compile(rf"(?<![\w'’-])([^\W\d_]+)- (?:{joins}) $" if joins else r"(?!)")
        self.institution_heads = {
            language: frozenset(words) for language, words in (rules.get("institution_heads") or {}).items()
        }
        self.institution_particles = frozenset(rules.get("institution_particles", ()))
        self.landmark_heads = {
            language: frozenset(words) for language, words in (rules.get("landmark_heads") or {}).items()
        }
        self.name_start_languages = frozenset(rules.get("name_start_languages", ()))
        self.event_heads = {language: frozenset(words) for language, words in (rules.get("event_heads") or {}).items()}
        self.modifier_languages = frozenset(rules.get("modifier_languages", ()))
        self.club_articles = {
            language: frozenset(words) for language, words in (rules.get("club_articles") or {}).items()
        }
        self.type_nouns = {
            language: tuple(sorted(words, key=len, reverse=True))
            for language, words in (rules.get("type_nouns") or {}).items()
        }
        self.type_compounds = {
            language: tuple(words) for language, words in (rules.get("type_compounds") or {}).items()
        }

    def typed(self, text: str, words: list[Word], i: int, language: str) -> bool:
        """Whether word ``i`` follows a noun of a kind of place in lower case and one space, in a text of a language
        of ``type_nouns`` ("de stad Zottegem", "het dorp Oostduinkerke", "de Eritrese grensstad Badme", "het eiland
        Texel"): the text itself says the name is a place's."""
        nouns = self.type_nouns.get(language)
        if not nouns or i == 0:
            return False
        before = words[i - 1]
        return (
            text[before[0]].islower()
            and text[before[1] : words[i][0]] == " "
            and before[2].endswith(nouns)
            and text[words[i][0]].isupper()
        )

    def club(self, text: str, words: list[Word], i: int, language: str) -> bool:
        """Whether word ``i`` follows a masculine article of the text's language that a town's name does not take,
        so that the name is a club's or a team's ("el Valencia", "derrotar al Valencia", "un Valencia")."""
        articles = self.club_articles.get(language, frozenset())
        return i > 0 and words[i - 1][2] in articles and _adjacent(text, words[i - 1], words[i])

    def event(self, text: str, words: list[Word], i: int, language: str) -> bool:
        """Whether word ``i`` follows a capitalised word of a race or a cup and at most one particle ("Ronde van
        Frankrijk", "GP Wallonië", "Copa de Europa"): the event's name, not a place, even for a country."""
        return self.institution(text, words, i, language, self.event_heads)

    def modifier(self, text: str, end: int, language: str) -> bool:
        """Whether the name ending at ``end`` is the first part of a compound noun in a text of a language that
        writes them so ("Afrika-beleid", "Kongo-bezoek", "Hampshire-varkens"): a hyphen and a lower-case word
        follow (geographic heads, "Fiji-eilanden", were joined to the name before)."""
        return (
            language in self.modifier_languages
            and text[end : end + 1] == "-"
            and text[end + 1 : end + 2].islower()
            and not text.startswith(("sur-", "sous-", "aan-", "op-", "en-", "le-", "la-"), end + 1)
        )

    def institution(
        self, text: str, words: list[Word], i: int, language: str, table: dict[str, frozenset[str]] | None = None
    ) -> bool:
        """Whether word ``i`` follows a capitalised institution, club or event word of the text's language and at
        most one particle ("Ayuntamiento de Madrid", "Real Madrid", "Ronde van Vlaanderen")."""
        heads = (self.institution_heads if table is None else table).get(language)
        if not heads or i == 0:
            return False
        j = i - 1
        if words[j][2] in self.institution_particles and j > 0 and _adjacent(text, words[j], words[i]):
            j -= 1
        head = words[j]
        if head[2] not in heads or not _adjacent(text, head, words[j + 1]):
            return False
        surface = text[head[0] : head[1]]
        # Written with a capital; in capitals only an abbreviation ("KU Leuven"), not a headline's "GOBIERNO Oviedo".
        return surface[0].isupper() and (len(surface) <= 3 or not surface.isupper())

    def state_form_start(self, text: str, words: list[Word], first: int) -> int | None:
        """Where the word of a form of state right before word ``first`` begins ("Groothertogdom Luxemburg",
        "Koninkrijk België"), or None: capitalised, one space before the name; with a capitalised adjective of
        ``state_adjectives`` before it ("Democratische Republiek Congo")."""
        start = self._head_start(text, words, first, self.state_forms, particle=False)
        if start is None or first < 2:
            return start
        j = first - 2
        adjective = words[j][2] in self.state_adjectives and text[words[j][0]].isupper()
        return words[j][0] if adjective and _adjacent(text, words[j], words[j + 1]) else start

    def direction_start(self, text: str, words: list[Word], first: int) -> int | None:
        """Where a compass word joined by a hyphen to the name at word ``first`` begins ("Zuid-Frankrijk",
        "Noord-Italië", "Oost-Duitsland"), or an English one before it ("East Java", "Southern Sumatra"), or None:
        the compass word is capitalised and begins its word."""
        j = first - 1
        if j < 0:
            return None
        gap, key = text[words[j][1] : words[first][0]], words[j][2]
        if not ((gap == "-" and key in self.direction_prefixes) or (gap == " " and key in self.direction_words)):
            return None
        start = words[j][0]
        if not text[start].isupper() or (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-")):
            return None
        return start

    def combined(self, text: str, words: list[Word], i: int) -> bool:
        """Whether word ``i`` follows a country's combining form and a hyphen ("Belgo-Katanga", "Anglo-Amerika"):
        the first part of a company's name or of a compound, no place."""
        if i == 0 or text[words[i - 1][1] : words[i][0]] != "-" or words[i - 1][2] not in self.combining_forms:
            return False
        start = words[i - 1][0]
        return text[start].isupper() and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "-"))

    def elided(self, text: str, start: int) -> list[tuple[int, int]]:
        """The compass words left alone before the compass name starting at ``start`` and a conjunction, nearest
        first ("Midden-" of "Midden- en Oost-Europa", both of "Noord- , Midden- en Zuid-Amerika"): they name parts
        of the same place. The name must begin with a compass word and a hyphen itself."""
        head = text[start : start + 16].split("-", 1)
        if len(head) < 2 or fold(head[0]) not in self.direction_prefixes:
            return []
        spans = []
        while (match := self._elided.search(text, max(0, start - 24), start)) is not None:
            if fold(match.group(1)) not in self.direction_prefixes or not match.group(1)[0].isupper():
                break
            spans.append((match.start(), match.end(1) + 1))
            start = match.start()
        return spans

    def landmark_start(self, text: str, words: list[Word], first: int, language: str) -> int | None:
        """Where the word of a building or a feature before word ``first`` and at most one particle begins
        ("Basiliek van Koekelberg", "Kathedraal van Brussel", "Plaza de España"), in a text of its language."""
        heads = self.landmark_heads.get(language)
        return self._head_start(text, words, first, heads, particle=True) if heads else None

    def _head_start(
        self, text: str, words: list[Word], first: int, heads: frozenset[str], *, particle: bool
    ) -> int | None:
        j = first - 1
        if particle and j > 0 and words[j][2] in self.institution_particles and _adjacent(text, words[j], words[first]):
            j -= 1
        if j < 0 or words[j][2] not in heads or not _adjacent(text, words[j], words[j + 1]):
            return None
        surface = text[words[j][0] : words[j][1]]
        return words[j][0] if surface[0].isupper() and not surface.isupper() else None

    def compound_end(self, text: str, words: list[Word], last: int) -> int | None:
        """Where a compound of the name ending at word ``last`` and a geographic head ends ("Fiji-eilanden"), or
        None: the head must follow a hyphen, in lower case, and end the word."""
        head = words[last + 1] if last + 1 < len(words) else None
        if head is None or head[2] not in self.compound_heads or text[words[last][1] : head[0]] != "-":
            return None
        if not text[head[0]].islower() or text[head[1] : head[1] + 1] == "-":
            return None
        return head[1]

    def surname(self, text: str, words: list[Word], i: int) -> bool:
        """Whether word ``i`` follows a surname particle: one written with a capital mid-sentence ("Willy Van
        Damme", "De Hainaut"; not in capitals: "DE ESPAÑA") or a lower-case one of ``after_first_name`` after a
        capitalised first name ("Robin van Persie"; not "San Juan de Almagro")."""
        j = i - 1
        while j >= 0 and words[j][2] in self.particles and i - j <= 3 and _adjacent(text, words[j], words[j + 1]):
            j -= 1
        if j == i - 1:
            return False
        first = words[j + 1]
        surface = text[first[0] : first[1]]
        if surface[0].isupper() and not surface.isupper() and not _opens_sentence(text, first[0]):
            return True
        return (
            first[2] in self.after_first_name
            and j >= 0
            and words[j][2] in self.first_names
            and text[words[j][0]].isupper()
            and _adjacent(text, words[j], first)
        )

    def numbered(self, text: str, end: int) -> bool:
        """Whether a year or a channel number follows the name ("Brussel 2000", "Nederland 1")."""
        return self.number_after.match(text, end, min(len(text), end + 24)) is not None


def sports_result(text: str, start: int, end: int, after_start: int) -> bool:
    """Whether only an opening parenthesis stands between a name not written in capitals (a dateline such as
    "ATLANTA (AP)" is a place) and the abbreviation after it."""
    return _OPEN_GAP.match(text[end:after_start]) is not None and not text[start:end].isupper()


def _adjacent(text: str, before: Word, after: Word) -> bool:
    return text[before[1] : after[0]] == " "


def _opens_sentence(text: str, start: int) -> bool:
    return _SENTENCE_END.search(text[max(0, start - 12) : start]) is not None
