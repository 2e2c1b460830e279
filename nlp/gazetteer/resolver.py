"""Find place mentions in a text and resolve each to one place of the gazetteer.

Matching scans the words of the (normalised) text left to right and takes the longest name starting at each
word, up to the gazetteer's longest name ("Los Angeles" wins over "Angeles"). A name's flags decide whether the
words as written may match (case, sentence start, a locative cue). Homonyms are then resolved per mention,
preferring, in order: a watch-list name, a place in a country that another mention of the text names
unambiguously, a country, a main name over an alternate name, and the largest population.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from nlp.gazetteer.build import ALT, CAPMID, CONTEXT, CUE, LOWER, PERSON, UPPER, WATCH, Gazetteer, Place
from nlp.gazetteer.names import WORD, fold, joins

_SENTENCE_END = re.compile(r"(?:^|[.!?\n•*|])[\s\"'“”‘’()\[\]-]*$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A resolved place mention, in offsets of the scanned text."""

    start: int
    end: int
    place: Place
    destination_id: str | None
    weight: float


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    options: list[tuple[int, int]]
    cued: bool


class Resolver:
    """Finds the place mentions of texts with one compiled gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._person_after = re.compile(gazetteer.person_after, re.IGNORECASE)
        self._lower_starts = _lower_case_starts(gazetteer)

    def find(self, text: str) -> list[Mention]:
        """The place mentions of ``text``, in text order."""
        candidates = self._candidates(text)
        if not candidates:
            return []
        anchors = [self._anchor(c) for c in candidates]
        counts = Counter(a for a in anchors if a is not None)
        everywhere = set(counts)
        mentions = []
        for anchor, candidate in zip(anchors, candidates, strict=True):
            # The other mentions' countries: linear in the number of mentions, not quadratic.
            context = everywhere - {anchor} if anchor is not None and counts[anchor] == 1 else everywhere
            index = self._resolve(candidate, context)
            if index is not None:
                mentions.append(self._mention(candidate, index))
        return mentions

    def _candidates(self, text: str) -> list[_Candidate]:
        """Longest name matches whose writing fits their flags, before context is considered."""
        first_words, lower_starts = self.gazetteer.first_words, self._lower_starts
        words = [
            (m.start(), m.end(), word.lower() if word.isascii() else fold(word))
            for m in WORD.finditer(text)
            for word in (m.group(),)
        ]
        found: list[_Candidate] = []
        i = 0
        while i < len(words):
            start, _, key = words[i]
            # Cheap prefilter: most words start no name, and a lower-case word only starts names that may be lower case.
            if key not in (first_words if text[start].isupper() else lower_starts):
                i += 1
                continue
            matched = self._longest(text, words, i)
            if matched is None:
                i += 1
                continue
            found.append(matched[0])
            i += matched[1]
        return found

    def _longest(self, text: str, words: list[tuple[int, int, str]], i: int) -> tuple[_Candidate, int] | None:
        g = self.gazetteer
        keys = [words[i][2]]
        for j in range(i + 1, min(len(words), i + g.max_words)):
            if not joins(text[words[j - 1][1] : words[j][0]]):
                break
            keys.append(f"{keys[-1]} {words[j][2]}")
        for count in range(len(keys), 0, -1):
            options = g.names.get(keys[count - 1])
            if not options:
                continue
            start, end = words[i][0], words[i + count - 1][1]
            if end - words[i + count - 1][0] == 1 and text[end : end + 1] == ".":
                end += 1  # an abbreviation's final dot ("U.S.")
            fitting = [(index, flags) for index, flags in options if _writing_fits(text, start, end, flags)]
            if any(flags & PERSON for _, flags in fitting) and self._reads_as_person(text, words, i, end):
                fitting = [(index, flags) for index, flags in fitting if not flags & PERSON]
            if fitting:
                cued = i > 0 and words[i - 1][2] in g.locative_cues
                return _Candidate(start, end, fitting, cued), count
        return None

    def _reads_as_person(self, text: str, words: list[tuple[int, int, str]], i: int, end: int) -> bool:
        """Whether a first name at word ``i`` reads as a person's name: "I'm Lena", "Mila, 16", "Sofía tiene 16"."""
        before = self.gazetteer.person_before
        if i > 0 and (words[i - 1][2] in before or (i > 1 and f"{words[i - 2][2]} {words[i - 1][2]}" in before)):
            return True
        return self._person_after.match(text, end, min(len(text), end + 40)) is not None

    def _anchor(self, candidate: _Candidate) -> str | None:
        """The country a mention names on its own: its reading without context, when that is a country, a
        watch-list place, or the only country its readings share."""
        index = self._resolve(candidate, set())
        if index is None:
            return None
        place = self.gazetteer.places[index]
        if place.kind == "country" or place.watch_id:
            return place.country
        countries = {self.gazetteer.places[i].country for i, flags in candidate.options if not flags & CONTEXT}
        return place.country if len(countries) == 1 else None

    def _resolve(self, candidate: _Candidate, context: set[str]) -> int | None:
        places = self.gazetteer.places
        best: tuple[tuple[int, ...], int] | None = None
        for index, flags in candidate.options:
            place = places[index]
            in_context = place.country in context
            if flags & CONTEXT and not in_context:
                continue
            if flags & CUE and not (candidate.cued or in_context):
                continue
            rank = (
                bool(flags & WATCH),
                in_context,
                place.kind == "country",
                not flags & ALT,
                place.population,
            )
            if best is None or rank > best[0]:
                best = (rank, index)
        return None if best is None else best[1]

    def _mention(self, candidate: _Candidate, index: int) -> Mention:
        g = self.gazetteer
        place = g.places[index]
        source = place if place.watch_id else g.places[g.watch_countries.get(place.country, index)]
        return Mention(candidate.start, candidate.end, place, source.watch_id, source.weight)


def _lower_case_starts(gazetteer: Gazetteer) -> frozenset[str]:
    """First words of the names that may match written in lower case (see :func:`_writing_fits`)."""
    return frozenset(
        key.split(" ", 1)[0]
        for key, options in gazetteer.names.items()
        if any(flags & LOWER and not flags & (CAPMID | UPPER) for _, flags in options)
    )


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
    words = WORD.findall(surface)
    return bool(words) and words[0][:1].isupper() and words[-1][:1].isupper()
