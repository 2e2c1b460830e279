"""Find place mentions in a text and resolve each to one place of the gazetteer.

Matching scans the words of the (normalised) text left to right and takes the longest name starting at each
word, up to the gazetteer's longest name ("Los Angeles" wins over "Angeles"). A name's flags decide whether the
words as written may match (case, sentence start, a locative cue). A word that starts no name may be a demonym
("Filipijnse", "tailandeses": a weaker mention, and context) or, inside parentheses, a country abbreviation of
a sports result ("Finot (Fra)"). A one-word name right after a first name ("Frank Gehry") or a first-name place
followed by a surname ("Jos Vaessen") reads as a person and is no place. The readings of every name are then
weighed with the whole text by :mod:`nlp.gazetteer.disambiguate`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace
from typing import Any

from nlp.gazetteer.build import (
    CAPMID,
    LOWER,
    PERSON,
    SMALL,
    UPPER,
    WATCH,
    WORDY,
    Gazetteer,
    Place,
    any_flag,
    options,
)
from nlp.gazetteer.disambiguate import Candidate, Choice, Disambiguator
from nlp.gazetteer.lowercase import PENDING, LowercaseRule
from nlp.gazetteer.names import WORD, fold, joins
from nlp.gazetteer.names_context import NameContext, sports_result
from nlp.gazetteer.streets import StreetFinder, nearest

# The text cut into gaps and words in one pass of the regular expression: [gap, word, gap, word, ..., gap].
_SPLIT = re.compile(f"({WORD.pattern})")
# The same cut for a text in ASCII, where the Unicode classes and the curly apostrophe cannot occur: about 40 %
# faster, with the same pieces.
_SPLIT_ASCII = re.compile(f"({WORD.pattern})", re.ASCII)
# And for ASCII text without an apostrophe, where a word is a run of letters and digits: a fifth faster again.
_SPLIT_PLAIN = re.compile(r"([A-Za-z0-9]+)")
_SENTENCE_END = re.compile(r"(?:^|[.!?\n•*|])[\s\"'“”‘’()\[\]-]*$")
# What follows the town of a news dateline: a day and a month, or a news agency, in parentheses ("Vitoria , 23 may
# ( EFE )", "Brussel (Belga)").
_DATELINE = re.compile(
    r"\s*(?:,\s*\d{1,2}\s*(?:de\s+)?[^\W\d_]{3,}\.?\s*)?\(\s*(?:EFE|AP|AFP|Reuters|ANP|Belga|dpa|DPA|Europa Press)\s*\)"
)
# A reader's letter signed with an initial, a name and the writer's town ("J. Calonne / Jabbeke"): the town is a
# place, though small and with no other support in the text.
_SIGNATURE = re.compile(r"(?<![\w.])[A-Z]\.(?:\s?[A-Z]\.)*\s(?:[A-Z][\w'-]+\s){1,3}/\s$")
_CONTAINER_GAP = re.compile(r"^\s*[,(]\s*$")
# A web domain right after a name ("Monster.com", "Boo.com"): a company's.
_DOMAIN = re.compile(r"\.(?:com|net|org|info|nl|be|de|fr|es|ca|uk)\b")
_OPEN = re.compile(r"\(\s*$")
_FIRST_PART = re.compile(r"['’-]")
_CLOSE = re.compile(r"^\s*[)/,]")
# The article of a name joined to it by an apostrophe and a hyphen ("'s-Hertogenbosch", "Sint-Job-in-'t-Goor").
_ARTICLE_NAME = re.compile(r"(?<![\w'’])['’][st]-[A-ZÀ-ÖØ-Þ]")
# Between two names of a list of places: a comma, or a conjunction in lower case ("Gent , Wetteren en Brugge").
_LIST_GAP = re.compile(r"\s*(?:,|,?\s(?:en|of)\s)\s*$")
# A capitalised word and an opening parenthesis: the athlete before a country abbreviation ("Hrbaty ( Slk").
_AFTER_NAME = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][^\W\d_]+\s?\(\s*$")
Word = tuple[int, int, str]
# Which place a street is put in: the nearest town first, else the nearest region, else the nearest country.
_STREET_ANCHOR_RANK = {"city": 0, "place": 0, "region": 1, "country": 2}


@dataclass(frozen=True, slots=True)
class Mention:
    """A resolved place mention, in offsets of the scanned text."""

    start: int
    end: int
    place: Place
    destination_id: str | None
    weight: float
    reason: str = "only reading"
    confidence: float = 1.0
    area_id: str | None = None
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Demonym:
    """A demonym or place adjective: the place it is about, in offsets of the scanned text."""

    start: int
    end: int
    place: Place
    area_id: str | None = None


@dataclass
class Found:
    """What one text says about places."""

    mentions: list[Mention]
    demonyms: list[Demonym]


class Resolver:
    """Finds the place mentions of texts with one compiled gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._person_after = re.compile(gazetteer.person_after, re.IGNORECASE)
        self._lower_starts = gazetteer.lower_starts
        self._special_starts = gazetteer.special_starts
        self.disambiguator = Disambiguator(gazetteer, gazetteer.weights)
        self._surnames: frozenset[str] | None = None
        self._language = ""  # of the text being read
        self._pair_starts = frozenset(key.split(" ", 1)[0] for key in gazetteer.demonyms if " " in key)
        self._demonym_starts = self._pair_starts | frozenset(gazetteer.demonyms)
        # Abbreviations that skip letters ("Slk") are written with a capital: no lower-case word need be visited.
        skipping = frozenset(_key(a) for a in gazetteer.skipping_abbreviations)
        regular = frozenset(_key(a) for a in gazetteer.abbreviations)
        self._abbreviation_keys = regular | skipping
        # What a lower-case word must be to start anything: the first word of a name that may be written so, of a
        # demonym that may (one word, or the first of two) or an abbreviation; a word written with a capital may
        # also begin any name or demonym (see _candidates and _demonym_at).
        lower_demonyms = frozenset(
            key.split(" ", 1)[0] for key, (_, flags) in gazetteer.demonyms.items() if flags & LOWER
        )
        self._lower_demonym_starts = lower_demonyms  # a lower-case word begins only these demonyms
        self._lowercase = LowercaseRule(
            gazetteer.weights.get("lowercase_texts") or {}, gazetteer.lower_watch, gazetteer.locative_cues
        )
        self._any_lower_starts = (
            self._lower_starts
            | self._lowercase.starts
            | lower_demonyms
            | regular
            | (self._special_starts - self._demonym_starts)
        )
        # Every word that starts something in some writing, in one set: one intersection with a text's words.
        starts = set(gazetteer.names)
        starts.update(gazetteer.first_words, self._special_starts, skipping)
        self._all_starts = frozenset(starts)
        self._prefixes = _prefixes(gazetteer.names)
        self._context = NameContext(gazetteer.weights.get("names_context") or {}, gazetteer.first_names)
        self._two_surnames = frozenset(gazetteer.weights.get("two_surnames", ()))
        self._events = self._clubs = self._name_starts = False  # the rules of the text's language (find_all)
        self._pending = False  # a lower-case everyday word of the text waits for support (see lowercase.py)
        self._last_end = -1  # where the last name found in the text being read ends
        self._home_cues = {
            language: frozenset(cues) for language, cues in (gazetteer.weights.get("home_word_cues") or {}).items()
        }
        self._typed_patterns = {
            language: _typed_patterns(nouns, self._context.type_compounds.get(language, ()))
            for language, nouns in self._context.type_nouns.items()
            if nouns
        }
        self._country_keys: dict[str, frozenset[str]] = {}  # language → its country names' keys (_country_names)
        self._streets = StreetFinder(gazetteer.weights.get("streets") or {}, gazetteer.demonyms)

    def find(self, text: str, language: str = "") -> list[Mention]:
        """The place mentions of ``text``, in text order."""
        return self.find_all(text, language).mentions

    def find_all(self, text: str, language: str = "") -> Found:
        """The place mentions and demonyms of ``text`` (in ``language``, ISO 639-1, when known), in text order."""
        words, starts = self._words(text)
        if not starts:
            return Found([], [])
        self._surnames = None  # computed when a one-word name needs them
        self._language = language
        self._set_language_rules(language)
        self._modifier_ends: set[int] = set()
        self._pending = False  # a lower-case everyday word waits for another place (see _longest)
        self._last_end = -1  # where the last name found ends (see _listed)
        candidates, demonyms = self._candidates(text, words, starts)
        if self._pending:
            candidates = _supported(candidates, bool(demonyms))
        if not candidates:
            found = Found([], [self._demonym(i, s, e) for s, e, i in demonyms])
            if found.demonyms and language in self._typed_patterns:  # "de Eritrese stad Zenefe"
                found.mentions = self._with_typed(text, found)
            return found
        _link_containers(text, candidates, demonyms)
        choices = self.disambiguator.choose(candidates, [i for _, _, i in demonyms], language)
        shown = self._shown(candidates, choices)
        mentions = [
            self._mention(c, choice)
            for c, choice, show in zip(candidates, choices, shown, strict=True)
            if show and choice is not None
        ]
        mentions = self._with_elided(text, _joined(text, mentions))
        found = Found(mentions, [self._demonym(i, s, e) for s, e, i in demonyms])
        if any(c.modifier for c in candidates):
            self._modifiers_as_demonyms(found)
        if language in self._streets.patterns:
            found.mentions = self._with_streets(text, found)
        if language in self._typed_patterns:
            found.mentions = self._with_typed(text, found)
        return found

    def _with_elided(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """The mentions and the compass words left alone before them ("Midden-" of "Midden- en Oost-Europa"), each
        a mention of the same place."""
        added = [
            self._elided_mention(text, mention, start, end)
            for mention in mentions
            if text[mention.start : mention.start + 16].count("-")
            for start, end in self._context.elided(text, mention.start)
        ]
        return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions

    def _elided_mention(self, text: str, mention: Mention, start: int, end: int) -> Mention:
        """The compass word at ``start``-``end`` as a mention: of the place that it and the rest of the name after it
        name when the gazetteer has one of the same kind ("Oost-" of "Oost- en West-Vlaanderen" is East Flanders),
        else of the same place ("Midden-" of "Midden- en Oost-Europa")."""
        g = self.gazetteer
        rest = text[mention.start : mention.end].split("-", 1)[1]
        encoded = g.names.get(_key(f"{text[start : end - 1]} {rest}"))
        readings = [i for i, _ in options(encoded) if g.places[i].kind == mention.place.kind] if encoded else []
        if not readings:
            return replace(mention, start=start, end=end)
        index = max(readings, key=g.places.population.__getitem__)
        return replace(
            mention,
            start=start,
            end=end,
            place=g.places[index],
            area_id=g.area_ids.get(index),
            members=g.area_members.get(index, ()),
        )

    def _modifiers_as_demonyms(self, found: Found) -> None:
        """A place's name as the first part of a compound noun ("Afrika-beleid", "Kongo-bezoek") is recorded as a
        place adjective, not as a place; a destination stays a mention ("Pattaya-reis")."""
        kept, modifiers = [], []
        for mention in found.mentions:
            if mention.destination_id is None and mention.end in self._modifier_ends:
                modifiers.append(Demonym(mention.start, mention.end, mention.place, mention.area_id))
            else:
                kept.append(mention)
        found.mentions = kept
        found.demonyms = sorted([*found.demonyms, *modifiers], key=lambda d: d.start)

    def _with_streets(self, text: str, found: Found) -> list[Mention]:
        """The mentions and the text's streets and buildings ("Wetstraat"), each in the town (else the region or
        country) of the text named nearest to it, by a name or a place adjective ("het Brusselse Conrad-hotel");
        none where the text names no such place."""
        spans = self._streets.find(text, self._language, [(m.start, m.end) for m in found.mentions])
        return _anchored(text, found, spans, "street")

    def _with_typed(self, text: str, found: Found) -> list[Mention]:
        """The mentions and the names the gazetteer lacks right after a noun of a kind of place ("de kleine
        gemeente Heuvelland", "de Eritrese stad Zenefe"; ``names_context.type_nouns``) or before a hyphen and a
        geographic head ("Badme-regio"; ``type_compounds``), each put like a street in the town (else the region or
        country) of the text named nearest to it; not first names, demonyms or words in capitals, and none where the
        text names no place."""
        typed, compound = self._typed_patterns[self._language]
        names = []  # (start, end, the word that must be no first name)
        for match in typed.finditer(text):
            start, end = match.span()
            word = match.group()
            if word in _ARTICLES and (after := _AFTER_ARTICLE.match(text, end)) is not None:  # "de stad El Faouar"
                word, end = after.group()[1:], after.end()
            names.append((start, end, word))
        if compound is not None:
            for match in compound.finditer(text):
                stem = _STEM.search(text, max(0, match.start() - 40), match.start())
                if stem is not None:
                    names.append((stem.start(), match.end(), stem.group()))
        if not names:
            return found.mentions
        taken = [(m.start, m.end) for m in found.mentions] + [(d.start, d.end) for d in found.demonyms]
        g, spans = self.gazetteer, set()
        for start, end, word in names:
            first = _key(_FIRST_PART.split(word, 1)[0])
            if first in g.first_names or first in g.demonyms or word.isupper():
                continue
            if not any(s < end and start < e for s, e in taken):
                spans.add((start, end))
        return _anchored(text, found, sorted(spans), "type word")

    def _set_language_rules(self, language: str) -> None:
        """Which of the rules kept per language apply to the text being read (tested once, not per name)."""
        context = self._context
        self._events = language in context.event_heads
        self._clubs = language in context.club_articles
        self._name_starts = language in context.name_start_languages

    def _shown(self, candidates: list[Candidate], choices: list[Choice | None]) -> list[bool]:
        """Which chosen candidates become mentions: a town in another name ("Audiencia de Barcelona") only where its
        country is not otherwise named in the text, so that the text's countries stay what they were."""
        countries = self.gazetteer.places.countries
        pairs = list(zip(candidates, choices, strict=True))
        named = {countries[choice.index] for c, choice in pairs if choice and not c.hidden}
        return [choice is not None and (not c.hidden or countries[choice.index] not in named) for c, choice in pairs]

    def _words(self, text: str) -> tuple[list[Word], list[int]]:
        """The words of ``text`` (start, end, folded key) and the indices of those that may start a name, a
        demonym or an abbreviation. One regular-expression pass cuts the text; the offsets are the running sums
        of the pieces' lengths and the keys are folded all at once (folding works character by character), so
        the only per-word step in Python is the set lookup, and a word whose first letter is not changed by
        folding (lower case) is looked up among the lower-case starts only."""
        if text.isascii():
            # Lower-casing ASCII changes no character's length or class (the patterns read "s" and "S" alike): the
            # lower-case text cuts into the same pieces, and its words are the keys.
            parts = (_SPLIT_ASCII if "'" in text else _SPLIT_PLAIN).split(text.lower())
            if len(parts) == 1:
                return [], []
            keys = parts[1::2]
        else:
            parts = _SPLIT.split(text)
            if len(parts) == 1:
                return [], []
            lowered = "\n".join(parts[1::2]).lower()
            keys = lowered.split("\n")
            if not lowered.isascii():
                keys = [key if key.isascii() else fold(key) for key in keys]
        bounds = list(itertools.accumulate(map(len, parts)))
        words = list(zip(bounds[0::2], bounds[1::2], keys, strict=False))
        # The text's keys that start something in any writing (set operations, in C), then the per-word test.
        hits = self._all_starts.intersection(keys)
        if not hits:
            return words, []
        lower = hits & self._any_lower_starts
        # The positions of the hits (picked in C), then the test of the writing on those only.
        hit_positions = itertools.compress(itertools.count(), map(hits.__contains__, keys))
        starts = [i for i in hit_positions if keys[i] in lower or text[words[i][0]] != keys[i][0]]
        if "s-" in text or "t-" in text:
            starts = self._with_article_names(text, words, starts)
        return words, starts

    def _with_article_names(self, text: str, words: list[Word], starts: list[int]) -> list[int]:
        """The starts and the words "s" and "t" of an article joined to a name ("'s-Hertogenbosch", "'t-Goor"):
        the apostrophe begins the name, the capital after the hyphen is its writing."""
        positions = [match.start() + 1 for match in _ARTICLE_NAME.finditer(text)]
        if not positions:
            return starts
        word_starts = [word[0] for word in words]
        article_words = (bisect.bisect_left(word_starts, position) for position in positions)
        found = [j for j in article_words if words[j][2] in self.gazetteer.first_words]
        return sorted({*starts, *found})

    def _candidates(
        self, text: str, words: list[Word], starts: list[int]
    ) -> tuple[list[Candidate], list[tuple[int, int, int]]]:
        """Longest name matches whose writing fits their flags, and demonyms (start, end, place index), looked for
        at the words that may start one (``starts``, in order)."""
        g, lower_starts, lower_watch = self.gazetteer, self._lower_starts, self._lowercase.starts
        found: list[Candidate] = []
        demonyms: list[tuple[int, int, int]] = []
        after = 0  # the first word not inside a name already found
        abbreviations: set[int] = set()  # positions in ``found``
        for i in starts:
            if i < after:
                continue
            start, end, key = words[i]
            # Cheap prefilter: most words start no name, and a lower-case word only starts names that may be lower case.
            upper = text[start].isupper() or (key in ("s", "t") and _is_article_name(text, words[i]))
            abbreviation = self._abbreviation(text, start, end) if key in self._abbreviation_keys else None
            if abbreviation is not None:  # "Finot (Fra)": before names, which small places may claim ("Itá")
                abbreviations.add(len(found))
                found.append(abbreviation)
                continue
            begins = (key in g.names or key in g.first_words) if upper else key in lower_starts or key in lower_watch
            matched = self._longest(text, words, i) if begins else None
            if matched is not None:
                after = i + matched[1]
                if not self._in_other_name(text, words, i, matched):
                    found.append(matched[0])
                    self._last_end = matched[0].end  # a word-like town may follow in a list ("Turnhout , Geel")
                    compound = self._context.compound_end(text, words, after - 1)
                    if compound is not None:  # "Fiji-eilanden": the compound is the name
                        matched[0].end, after = compound, after + 1
                    elif self._context.modifier(text, matched[0].end, self._language):
                        matched[0].modifier = True
                        self._modifier_ends.add(matched[0].end)
                    self._with_state_form(text, words, i, matched[0])
                continue
            demonyms_here = self._demonym_starts if upper else self._lower_demonym_starts
            demonym = self._demonym_at(text, words, i, upper) if key in demonyms_here else None
            if demonym is not None:
                demonyms.append(demonym)
        found = _without_athletes(text, found, abbreviations, self.gazetteer.places.kinds)
        if self._language in self.gazetteer.home_languages:
            _mark_lists(text, found)
        return found, demonyms

    def _with_state_form(self, text: str, words: list[Word], i: int, candidate: Candidate) -> None:
        """Let a country's name begin at the word of its form of state before it ("Groothertogdom Luxemburg"), and
        a place's at the word of a building or feature ("Basiliek van Koekelberg")."""
        direction = self._context.direction_start(text, words, i)
        if direction is not None:  # "Zuid-Frankrijk": the compass word is part of the name
            candidate.start = direction
            return
        start = self._context.state_form_start(text, words, i)
        kinds = self.gazetteer.places.kinds
        if start is not None and any(kinds[index] == 0 for index, _ in candidate.options):
            candidate.start = start
            candidate.options = [(index, flags) for index, flags in candidate.options if kinds[index] == 0]
            return
        start = self._context.landmark_start(text, words, i, self._language)
        if start is not None:
            candidate.start = start

    def _in_other_name(self, text: str, words: list[Word], i: int, matched: tuple[Candidate, int]) -> bool:
        """Whether the name found at word ``i`` is part of a person's, an event's or an institution's name."""
        candidate, count = matched
        context = self._context
        if (count == 1 and context.surname(text, words, i)) or context.combined(text, words, i):
            return True  # "Willy Van Damme", "Belgo-Katanga"
        if count == 1 and words[i][2] in context.adjectives.get(self._language, ()):
            return True  # "een Brussels minister": the Dutch adjective
        if (self._events and context.event(text, words, i, self._language)) or (
            text[candidate.end : candidate.end + 1] == "." and _DOMAIN.match(text, candidate.end)
        ):
            return True  # "Ronde van Frankrijk", "Monster.com": no place of the text
        if self._clubs and context.club(text, words, i, self._language) and not self._takes_article(words, i):
            # "el Valencia": the club (of the town, or of the province named after it); a country, an area or a
            # region named after no town stays ("el Líbano", "el País Vasco").
            kinds = self.gazetteer.places.kinds
            kept = (0, 4) if any(kinds[index] in (2, 3) for index, _ in candidate.options) else (0, 1, 4)
            candidate.options = [(index, flags) for index, flags in candidate.options if kinds[index] in kept]
            if not candidate.options:
                return True
        if context.institution(text, words, i, self._language):
            # "Ayuntamiento de Pamplona": no place of the text, but context for the others; countries stay places.
            kinds = self.gazetteer.places.kinds
            countries = [(index, flags) for index, flags in candidate.options if kinds[index] in (0, 4)]
            candidate.options = countries or candidate.options
            candidate.hidden = not countries
        return context.numbered(text, candidate.end)

    def _takes_article(self, words: list[Word], i: int) -> bool:
        """Whether the gazetteer knows the name at word ``i`` with the article before it ("del Cairo": El Cairo)."""
        article = words[i - 1][2]
        return f"{'el' if article in ('al', 'del') else article} {words[i][2]}" in self.gazetteer.names

    def _abbreviation(self, text: str, start: int, end: int) -> Candidate | None:
        """A country abbreviation in parentheses ("(Fra)", "( FRA / 6 )"); one that skips letters only after an
        athlete's capitalised name ("Hrbaty ( Slk / 14 )")."""
        g, surface = self.gazetteer, text[start:end]
        index = g.abbreviations.get(surface)
        if index is None and (index := g.skipping_abbreviations.get(surface)) is not None:
            index = index if _AFTER_NAME.search(text, max(0, start - 40), start) else None
        if index is None or not _OPEN.search(text[max(0, start - 3) : start]) or not _CLOSE.match(text[end:]):
            return None
        return Candidate(start, end, [(index, 0)], False)

    def _demonym_at(self, text: str, words: list[Word], i: int, upper: bool) -> tuple[int, int, int] | None:
        """A demonym (one or two words) at word ``i``: (start, end, place index)."""
        g = self.gazetteer
        start, end, key = words[i]
        entry = g.demonyms.get(key)
        if entry is None and key in self._pair_starts and i + 1 < len(words):
            entry = g.demonyms.get(f"{key} {words[i + 1][2]}")
            entry = entry if entry is not None and joins(text[end : words[i + 1][0]]) else None
            end = words[i + 1][1] if entry else end
        if entry is not None and (upper or entry[1] & LOWER):
            return start, end, entry[0]
        return None

    def _keys_from(self, text: str, words: list[Word], i: int) -> list[str]:
        """The keys of the names that may begin at word ``i``: its own, and those of it with the words that follow
        while a longer name begins with them."""
        g = self.gazetteer
        keys = [words[i][2]]
        longest = g.max_words if keys[0] in g.first_words else 1  # a word that begins no longer name stands alone
        prefixes = self._prefixes
        for j in range(i + 1, min(len(words), i + longest)):
            if not joins(text[words[j - 1][1] : words[j][0]]):
                break
            keys.append(f"{keys[-1]} {words[j][2]}")
            if keys[-1] not in prefixes:  # no longer name begins with these words
                break
        return keys

    def _longest(self, text: str, words: list[Word], i: int) -> tuple[Candidate, int] | None:
        g = self.gazetteer
        keys = self._keys_from(text, words, i)
        # A name written with a lower-case first letter is neither upper case nor capitalised: only a reading that
        # may be written in lower case fits it (LOWER, see _writing_fits), or the lower-case rule's names; the
        # other names need not be weighed.
        first = text[words[i][0]]
        article = _is_article_name(text, words[i])  # "'s-Hertogenbosch"
        lower_first = first.islower() and first.isalpha() and not article
        for count in range(len(keys), 0, -1):
            encoded = g.names.get(keys[count - 1])
            if encoded is None:
                continue
            if lower_first and not any_flag(encoded, LOWER) and keys[count - 1] not in self._lowercase.names:
                continue
            start, end = words[i][0] - article, words[i + count - 1][1]
            if end - words[i + count - 1][0] == 1 and text[end : end + 1] == ".":
                end += 1  # an abbreviation's final dot ("U.S.")
            # A news dateline ("Vitoria , 23 may ( EFE ) ."): a place, though it opens a sentence.
            dateline = "(" in text[end : end + 40] and _DATELINE.match(text, end, min(len(text), end + 40)) is not None
            signed = "/" in text[max(0, start - 3) : start] and bool(_SIGNATURE.search(text, max(0, start - 48), start))
            fitting = [
                (index, flags)
                for index, flags in options(encoded)
                if _writing_fits(text, start + 3 * article, end, flags & ~CAPMID if dateline else flags)
            ]
            lowercase = ""
            if not fitting and keys[count - 1] in self._lowercase.names:  # "girl 15 manila hotel"
                lowercase, fitting = self._written_lower(text, words, (i, count), keys[count - 1], encoded)
            typed = self._context.typed(text, words, i, self._language)  # "de stad Zottegem"
            if any(flags & WORDY for _, flags in fitting):
                word = self._not_a_word(text, words, i)
                home = not word and (typed or self._home_word(text, words, i))
                countries, languages = g.places.countries, g.languages
                fitting = [
                    (index, flags)
                    for index, flags in fitting
                    if word or not flags & WORDY or (home and languages.get(countries[index]) == self._language)
                ]
            if fitting and count == 1 and not dateline:
                fitting = self._not_a_person(text, words, i, end, fitting)
            if fitting and self._name_starts and not dateline and self._begins_other_name(text, words, i + count):
                # "Fundación Cela", "La Guardia Civil": a town's name begins an organisation's; countries stay.
                fitting = [(j, f) for j, f in fitting if f & WATCH or g.places.kinds[j] not in (2, 3)]
            if fitting:
                cued = dateline or signed or typed or (i > 0 and words[i - 1][2] in g.locative_cues)
                plain = signed or (cued and i > 0 and text[words[i - 1][0]].islower() and not text[start:end].isupper())
                cue = words[i - 1][2] if plain and not signed else ""
                candidate = Candidate(start, end, fitting, cued, plain=plain, lowercase=lowercase, typed=typed, cue=cue)
                return candidate, count
        return None

    def _written_lower(
        self, text: str, words: list[Word], span: tuple[int, int], key: str, encoded: int | tuple[int, ...]
    ) -> tuple[str, list[tuple[int, int]]]:
        """The support and the watch-list readings of the name ``key`` that needs a capital, written in lower case
        at ``span`` (first word, count) by a writer who capitalises nothing (:mod:`nlp.gazetteer.lowercase`); no
        readings where it may not match so."""
        support = self._lowercase.support(text, words, span[0], span[1], key)
        if not support:
            return "", []
        self._pending = self._pending or support == PENDING
        return support, [(j, flags) for j, flags in options(encoded) if flags & WATCH and not flags & UPPER]

    def _begins_other_name(self, text: str, words: list[Word], following: int) -> bool:
        """Whether a capitalised word that begins no place follows a name right after one space, in a language of
        ``names_context.name_start_languages`` ("Fundación Cela", "Santa Bárbara Blindados", "La Guardia Civil"):
        the name is the start of an organisation's or a person's name."""
        if following >= len(words) or self._language not in self._context.name_start_languages:
            return False
        start, end, key = words[following]
        if text[words[following - 1][1] : start] != " " or not text[start].isupper() or text[start:end].isupper():
            return False
        g = self.gazetteer
        return key not in g.names and key not in g.first_words and key not in g.demonyms

    def _not_a_word(self, text: str, words: list[Word], i: int) -> bool:
        """Whether a town named like an everyday word of some languages ("Jette", a French verb) may be the town at
        word ``i``: the text's language is a common-word language in which the name is no everyday word, and no
        capitalised word follows (the word begins a company's name: "Imperial Invest", "Continental Foods")."""
        language, g = self._language, self.gazetteer
        if language not in g.common_languages or language in g.word_languages.get(words[i][2], ()):
            return False
        following = words[i + 1] if i + 1 < len(words) else None
        return following is None or text[words[i][1] : following[0]] != " " or not text[following[0]].isupper()

    def _home_word(self, text: str, words: list[Word], i: int) -> bool:
        """Whether a town of the text's own language named like an everyday word of it ("Mol", "Geel", "Huizen")
        may be the town at word ``i``: the language is a home language (Dutch: see ``small_places``), whose writers
        capitalise no everyday word mid-sentence; a locative word of ``home_word_cues`` in lower case or opening the
        sentence stands right before it ("in Mol", "Uit Geel"), or it follows a place in a list ("Turnhout , Geel en
        Hasselt", "Hoorn en Huizen"); and no hyphen ("in Noord-Italië") nor a capitalised word follows it ("in Boom
        Chicago")."""
        if i == 0 or self._language not in self.gazetteer.home_languages:
            return False
        before, end = words[i - 1], words[i][1]
        if text[words[i][0] : end].isupper() or text[end : end + 1] == "-":
            return False  # in capitals, or the first part of a compound ("in Noord-Italië")
        if not self._listed(text, words, i):
            if before[2] not in self._home_cues.get(self._language, ()) or text[before[1] : words[i][0]] != " ":
                return False
            if not text[before[0]].islower() and not _SENTENCE_END.search(text[max(0, before[0] - 12) : before[0]]):
                return False
        following = words[i + 1] if i + 1 < len(words) else None
        return following is None or text[end : following[0]] != " " or not text[following[0]].isupper()

    def _listed(self, text: str, words: list[Word], i: int) -> bool:
        """Whether word ``i`` follows the place found last in a list: after a comma, or after "en" or "of" in lower
        case ("Turnhout , Geel", "Hoorn en Huizen")."""
        last, before = self._last_end, words[i - 1]
        if last == before[1]:
            return text[last : words[i][0]].strip() == ","
        return (
            before[2] in ("en", "of")
            and text[before[0]].islower()
            and i > 1
            and last == words[i - 2][1]
            and text[last : before[0]] == " "
            and text[before[1] : words[i][0]] == " "
        )

    def _not_a_person(
        self, text: str, words: list[Word], i: int, end: int, fitting: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Drop the readings of a one-word name that here reads as (part of) a person's name."""
        if any(flags & PERSON for _, flags in fitting) and self._reads_as_person(text, words, i, end):
            # A country keeps its reading after a word such as "met" ("met Cuba"), not before an age ("Chad, 16").
            countries = self.gazetteer.places.kinds
            after = self._person_after.match(text, end, min(len(text), end + 40)) is not None
            fitting = [(j, f) for j, f in fitting if not f & PERSON or (countries[j] == 0 and not after)]
        full_name = self._in_full_name(text, words, i) if fitting else None
        if full_name is not None:
            places, limit = self.gazetteer.places, self.gazetteer.weights[full_name]
            # A country stays, unless a first name of another language names it ("Maurice Tzwern" in Dutch).
            foreign = (
                full_name == "person_limit"
                and self._language in self._context.foreign_name_languages
                and words[i][2] not in self._country_names()
            )
            fitting = [
                (index, flags)
                for index, flags in fitting
                if flags & WATCH
                or (places.kinds[index] == 0 and not foreign)
                or places.kinds[index] == 4
                or (places.population[index] >= limit and not (foreign and places.kinds[index] == 0))
            ]
        return fitting

    def _country_names(self) -> frozenset[str]:
        """The keys of the countries' one-word names (CLDR, via Babel) in the language of the text being read and
        in English; all keys where the language has none."""
        language = self._language or "en"
        if language not in self._country_keys:
            from babel import Locale, UnknownLocaleError

            try:
                names = [*Locale.parse(language).territories.values(), *Locale.parse("en").territories.values()]
            except (UnknownLocaleError, ValueError):
                names = []
            self._country_keys[language] = frozenset(_key(name) for name in names if " " not in name)
        return self._country_keys[language] or frozenset(self.gazetteer.names)

    def _surnames_of(self, text: str, words: list[Word]) -> frozenset[str]:
        """Capitalised words that follow a capitalised first name somewhere in the text ("Frank Gehry"): the
        text's surnames, no places wherever they stand ("Gehry ontwierp ...")."""
        first_names = self.gazetteer.first_names
        found = set()
        surnames = []
        for before, word in itertools.pairwise(words):
            if before[2] not in first_names or word[2] in first_names or text[before[1] : word[0]] != " ":
                continue
            if text[word[0]].isupper() and text[before[0]].isupper():
                found.add(word[2])
                surnames.append(word)
        if surnames and self._language in self._two_surnames:
            found.update(self._second_surnames(text, words, surnames))
        return frozenset(found)

    def _second_surnames(self, text: str, words: list[Word], surnames: list[Word]) -> list[str]:
        """The second surnames: a capitalised word right after a first name and a surname, in a language whose
        people carry two ("Miguel Arias Cañete", "Juan Carlos Rodríguez Ibarra", and "Cañete" later)."""
        position = {word[0]: index for index, word in enumerate(words)}
        found = []
        for surname in surnames:
            index = position[surname[0]] + 1
            if index >= len(words):
                continue
            word = words[index]
            if text[surname[1] : word[0]] == " " and text[word[0]].isupper() and not text[word[0] : word[1]].isupper():
                found.append(word[2])
        return found

    def _in_full_name(self, text: str, words: list[Word], i: int) -> str | None:
        """Whether word ``i`` is a surname of the text ("Frank Gehry", and "Gehry" later): ``"surname_limit"``, or
        a first name before a surname ("Jos Vaessen"): ``"person_limit"`` (the weight that bounds the places kept),
        else None."""
        if self._surnames is None:
            self._surnames = self._surnames_of(text, words)
        if words[i][2] in self._surnames:
            return "surname_limit"
        first_names = self.gazetteer.first_names
        before = words[i - 1] if i > 0 else None
        if before and before[2] in first_names and text[before[0]].isupper() and text[before[1] : words[i][0]] == " ":
            return "surname_limit"
        if (
            before
            and before[1] - before[0] == 1
            and text[before[0]].isupper()
            and text[before[1] : words[i][0]] == ". "
        ):
            return "surname_limit"  # after an initial: "J. Calonne", "M. Hermans"
        if words[i][2] in first_names and i + 1 < len(words) and text[words[i][1] : words[i + 1][0]] == " ":
            following = words[i + 1]
            if text[following[0]].isupper() and following[2] not in self.gazetteer.names:
                return "person_limit"
        return None

    def _reads_as_person(self, text: str, words: list[Word], i: int, end: int) -> bool:
        """Whether a first name at word ``i`` reads as a person's name: "I'm Lena", "Mila, 16", "Sofía tiene 16"."""
        before = self.gazetteer.person_before
        if i > 0 and (words[i - 1][2] in before or (i > 1 and f"{words[i - 2][2]} {words[i - 1][2]}" in before)):
            return True
        return self._person_after.match(text, end, min(len(text), end + 40)) is not None

    def _mention(self, candidate: Candidate, choice: Choice) -> Mention:
        g = self.gazetteer
        place = g.places[choice.index]
        source = place if place.watch_id else g.places[g.watch_countries.get(place.country, choice.index)]
        reason, confidence = choice.reason, choice.confidence
        if candidate.lowercase:
            reason, confidence = f"lower case, {candidate.lowercase}", round(confidence * self._lowercase.confidence, 2)
        return Mention(
            candidate.start,
            candidate.end,
            place,
            source.watch_id,
            source.weight,
            reason,
            confidence,
            g.area_ids.get(choice.index),
            g.area_members.get(choice.index, ()),
        )

    def _demonym(self, index: int, start: int, end: int) -> Demonym:
        return Demonym(start, end, self.gazetteer.places[index], self.gazetteer.area_ids.get(index))


_CAPITAL = "A-ZÀ-ÖØ-Þ"
_CAPITALISED_REST = r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w'’-])"  # the rest of a capitalised word, hyphens inside
# A capitalised word right after the article of a name ("El Faouar", "Sint Jozef"), and the words that are one.
_AFTER_ARTICLE = re.compile(rf" [{_CAPITAL}]{_CAPITALISED_REST}")
_ARTICLES = frozenset({"El", "Al", "La", "Le", "Les", "Den", "San", "Santa", "Sint", "Saint"})
# The capitalised word before a hyphen and a compound's head ("Badme" of "Badme-regio").
_STEM = re.compile(rf"(?<![\w'’-])[{_CAPITAL}][^\W\d_]+$")


def _typed_patterns(nouns: tuple[str, ...], heads: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The names after a noun of their kind: a capitalised word (hyphens and apostrophes inside) after one space
    and a word ending in one of ``nouns`` in lower case ("de gemeente Heuvelland", "de grensstad Badme"); and the
    head of a compound, a hyphen and one of ``heads`` ("-regio" of "Badme-regio"). The first tests a capital first
    and looks behind only there (one look-behind per length of noun), the second begins with the hyphen: most
    positions fail at once."""
    behind = "|".join(  # the noun, a space and the capital; not right after a capital ("Stad Gent" is a name's)
        f"(?:(?<={'|'.join(words)})(?<![{_CAPITAL}](?:{'|'.join(words)})))"
        for words in (
            [re.escape(noun) + " ." for noun in group]
            for _, group in itertools.groupby(sorted(nouns, key=len), key=len)
        )
    )
    typed = re.compile(rf"[{_CAPITAL}](?:{behind}){_CAPITALISED_REST}")
    joined = "|".join(re.escape(head) for head in heads)
    return typed, (re.compile(rf"-(?:{joined})(?![\w'’-])") if heads else None)


def _anchored(text: str, found: Found, spans: list[tuple[int, int]], reason: str) -> list[Mention]:
    """The mentions of ``found`` and names at ``spans`` that the gazetteer lacks (streets, buildings, places after
    a noun of their kind), each of kind ``place`` with the point and country of the town (else the region, else
    the country) of the text named nearest to it, by a name or a place adjective; none where the text names no
    such place."""
    mentions = found.mentions
    located = [(m.start, m.place, m.confidence) for m in mentions if m.area_id is None]
    located += [(d.start, d.place, 0.5) for d in found.demonyms if d.area_id is None]
    if not spans or not located:
        return mentions
    anchors = [(start, _STREET_ANCHOR_RANK.get(place.kind, 0)) for start, place, _ in located]
    added = []
    for start, end in spans:
        _, anchor, confidence = located[nearest(start, anchors) or 0]
        place = anchor._replace(
            name=text[start:end], kind="place", geonameid=None, population=0, watch_id=None, weight=0.0
        )
        added.append(Mention(start, end, place, None, 0.0, reason, round(confidence * 0.8, 3)))
    return sorted([*mentions, *added], key=lambda m: m.start)


def _joined(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with two towns of one country joined by a hyphen made one, the first's reading: the name of a
    merged municipality ("Moorslede-Dadizele", "Aiseau-Presles")."""
    if len(mentions) < 2:
        return mentions
    joined = [mentions[0]]
    for mention in mentions[1:]:
        last = joined[-1]
        if (
            text[last.end : mention.start] == "-"
            and last.place.kind in ("city", "place")
            and mention.place.kind in ("city", "place")
            and last.place.country == mention.place.country
        ):
            joined[-1] = replace(last, end=mention.end)
        else:
            joined.append(mention)
    return joined


def _is_article_name(text: str, word: Word) -> bool:
    """Whether the word is the article of a name joined to it: the "s" of "'s-Hertogenbosch"."""
    start = word[0]
    return word[2] in ("s", "t") and start > 0 and text[start - 1] in "'’" and text[word[1] : word[1] + 1] == "-"


def _mark_lists(text: str, candidates: list[Candidate]) -> None:
    """Mark the names of lists of places ("uit Gent , Wetteren en Brugge", "Kemmel , Loker of Ieper"): names joined
    by commas and a conjunction, of which one at least has a reading that needs no support."""
    run: list[Candidate] = []
    for candidate in [*candidates, None]:
        if candidate is not None and run and _LIST_GAP.match(text, run[-1].end, candidate.start):
            run.append(candidate)
            continue
        if len(run) > 1 and any(not flags & (SMALL | WORDY) for c in run for _, flags in c.options):
            for member in run:
                member.listed = True
        run = [candidate] if candidate is not None else []


def _supported(candidates: list[Candidate], demonyms: bool) -> list[Candidate]:
    """The candidates without the lower-case everyday words still waiting for support (:data:`PENDING`), unless
    the text names another place as written (not by this rule: "o natal em natal" keeps the first a word) or has a
    place adjective: then they are places too ("manila pattaya")."""
    if not demonyms and all(c.lowercase for c in candidates):
        return [c for c in candidates if c.lowercase != PENDING]
    for candidate in candidates:
        if candidate.lowercase == PENDING:
            candidate.lowercase = "other place"
    return candidates


def _without_athletes(text: str, found: list[Candidate], abbreviations: set[int], kinds: Any) -> list[Candidate]:
    """The candidates without the athletes of sports results: a town's name right before a country abbreviation
    in parentheses is a surname ("Casoni ( Ita )", "Martinez ( Spa / 5 )"); countries and areas stay."""
    if not abbreviations:
        return found
    kept = []
    for position, candidate in enumerate(found):
        nxt = position + 1
        if (
            nxt in abbreviations
            and position not in abbreviations
            and sports_result(text, candidate.start, candidate.end, found[nxt].start)
        ):
            candidate.options = [(index, flags) for index, flags in candidate.options if kinds[index] in (0, 4)]
            if not candidate.options:
                continue
        kept.append(candidate)
    return kept


def _key(word: str) -> str:
    """A word's key as :meth:`Resolver._words` makes it."""
    lowered = word.lower()
    return lowered if lowered.isascii() else fold(lowered)


def _prefixes(names: dict[str, Any]) -> frozenset[str]:
    """The beginnings of two words or more of the longer names ("rio de" of "rio de janeiro"): where matching
    stops adding words."""
    found = {key.rsplit(" ", 1)[0] for key in names if " " in key and key.count(" ") > 1}  # most have no space
    todo = [key for key in found if key.count(" ") > 1]
    while todo:
        todo = [shorter for key in todo if (shorter := key.rsplit(" ", 1)[0]) not in found]
        found.update(todo)
        todo = [key for key in todo if key.count(" ") > 1]
    return frozenset(found)


def _link_containers(text: str, candidates: list[Candidate], demonyms: list[tuple[int, int, int]]) -> None:
    """Give each candidate the places that may contain it: the next candidate after a comma or an opening
    parenthesis ("Angeles, Pampanga", "Oss (Noord-Brabant)"), and a demonym right before it ("het Brabantse Oss")."""
    for this, after in itertools.pairwise(candidates):
        if _CONTAINER_GAP.match(text[this.end : after.start]):
            this.container.extend(index for index, _ in after.options)
    by_end = {end: index for _, end, index in demonyms}
    for candidate in candidates:
        gap_start = candidate.start - 1
        if gap_start in by_end and text[gap_start] == " ":
            candidate.container.append(by_end[gap_start])


def _writing_fits(text: str, start: int, end: int, flags: int) -> bool:
    """Whether the words as written may be this name: case, and sentence position for common words."""
    surface = text[start:end]
    if flags & UPPER:
        return surface.isupper() and not _shouting(text, start, end)
    if len(surface) <= 3 and surface.isupper():
        return False
    if flags & LOWER and not flags & CAPMID:
        return True
    if not _capitalised(surface):
        return False
    if flags & CAPMID:
        return not surface.isupper() and not _SENTENCE_END.search(text[max(0, start - 12) : start])
    return True


def _shouting(text: str, start: int, end: int) -> bool:
    """Whether the words next to a span are written in upper case too ("CALL US NOW")."""
    near = WORD.findall(text[max(0, start - 24) : start])[-1:] + WORD.findall(text[end : end + 24])[:1]
    return any(word.isupper() and len(word) > 1 for word in near)


def _capitalised(surface: str) -> bool:
    """First and last word start with a capital ("Chiang Mai", "Rio de Janeiro")."""
    first = surface[:1]
    if first.islower() and first.isalpha():  # the first word starts here, in lower case: no need to cut words
        return False
    words = WORD.findall(surface)
    return bool(words) and words[0][:1].isupper() and words[-1][:1].isupper()
