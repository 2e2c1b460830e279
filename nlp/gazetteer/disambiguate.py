"""Choose one place per mention with what the text says (weights: ``resolution`` in ``rules.yml``).

Each reading of a name gets a score: a prior (log10 of the population, a bonus by kind, a penalty for an
alternate name, a bonus for a watch-list name) plus context from the rest of the text:

* ``containment``: the region or country written right after the name ("Angeles, Pampanga", "Paris, Texas") or
  the place adjective right before it ("het Brabantse Oss") contains this reading;
* ``region in text``: the reading's region, or a place in it, is named elsewhere ("Atlanta ... Georgia");
* ``nearby places``: the reading lies within ``near_km`` of a place named elsewhere ("San Jose" beside Cebu);
* ``country in text``: the reading's country is named elsewhere (by a country, an unambiguous place or a demonym),
  stronger the more often;
* the text's language: a reading in a country whose main language it is gets ``language`` (a prior).

Mentions of the same name do not support each other, but a name chosen where it has support is the same place
where it stands without.

Readings that need support (small places, everyday words, context-only aliases) are dropped without it. The
chosen reading carries its ``reason`` (the strongest context, else ``population``, ``watch list`` or ``only
reading``) and a ``confidence``: its share of the softmax over the readings' scores, times the reliability of the
name's kind.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from nlp.gazetteer.build import ALT, CONTEXT, CUE, PERSON, SMALL, WATCH, WORDY, Gazetteer
from nlp.gazetteer.table import km


@dataclass(slots=True)
class Candidate:
    """A name found in the text with its possible readings, before context is considered."""

    start: int
    end: int
    options: list[tuple[int, int]]
    cued: bool
    container: list[int] = field(default_factory=list)  # places named right after it (", Texas") or before it
    hidden: bool = False  # context for the others only: part of another name ("Ayuntamiento de Pamplona")
    plain: bool = False  # cued by a locative word in lower case, and not written in capitals ("in Jabbeke")
    modifier: bool = False  # the first part of a compound noun ("Afrika-beleid"): a place adjective, not a place
    lowercase: str = ""  # why a name that needs a capital matched in lower case ("listing word"), else empty
    typed: bool = False  # right after a noun of a kind of place ("de stad Zottegem"): a place, however small
    listed: bool = False  # in a list of places with a sizeable one ("uit Gent , Wetteren en Brugge")
    cue: str = ""  # the locative word in lower case before it, when ``plain`` ("in")


@dataclass(slots=True)
class Choice:
    """The reading chosen for a candidate."""

    index: int
    reason: str
    confidence: float


@dataclass
class Context:
    """What the whole text names: countries (counted), regions (place indices) and points.

    Points are also kept by one-degree cell, so that a text naming thousands of places finds the nearest ones
    without measuring the distance to each of them.
    """

    countries: Counter[str] = field(default_factory=Counter)
    regions: Counter[int] = field(default_factory=Counter)
    points: Counter[tuple[float, float]] = field(default_factory=Counter)
    cells: dict[tuple[int, int], set[tuple[float, float]]] = field(default_factory=dict)

    def add(self, other: Context, sign: int = 1) -> None:
        """Add (or, with ``sign`` -1, take away) another context's counts."""
        _add_counts(self.countries, other.countries, sign)
        _add_counts(self.regions, other.regions, sign)
        for point, count in other.points.items():
            self.points[point] += sign * count
            cell = self.cells.setdefault((math.floor(point[0]), math.floor(point[1])), set())
            if self.points[point] > 0:
                cell.add(point)
            else:
                del self.points[point]
                cell.discard(point)

    def nearest(
        self, point: tuple[float, float], limit: float, distances: dict[Any, float] | None = None
    ) -> float | None:
        """The distance to the nearest other point of the text within ``limit`` km, or None. ``distances`` keeps
        the distances measured so far (one text measures the same pairs again and again)."""
        best = None
        distances = {} if distances is None else distances
        for other in self._around(point, limit):
            if other != point:
                distance = distances.get((point, other))
                if distance is None:
                    distance = distances[point, other] = km(point, other)
                best = distance if best is None or distance < best else best
        return best if best is not None and best <= limit else None

    def _around(self, point: tuple[float, float], limit: float) -> list[tuple[float, float]]:
        """The text's points that may lie within ``limit`` km (all of them, when they are few)."""
        if len(self.points) <= _FEW_POINTS:
            return list(self.points)
        lat_cells = int(limit / 111.0) + 1
        lon_cells = min(180, int(lat_cells / max(math.cos(math.radians(min(abs(point[0]), 89.0))), 0.01)) + 1)
        row, column = math.floor(point[0]), math.floor(point[1])
        found: list[tuple[float, float]] = []
        for r in range(row - lat_cells, row + lat_cells + 1):
            for c in range(column - lon_cells, column + lon_cells + 1):
                found.extend(self.cells.get((r, (c + 180) % 360 - 180), ()))
        return found


_FEW_POINTS = 48


class Disambiguator:
    """Scores the readings of the candidates of one text."""

    def __init__(self, gazetteer: Gazetteer, weights: dict[str, Any]) -> None:
        self.g = gazetteer
        self.w = weights
        self.language = ""
        self._abroad_cues = frozenset(weights.get("abroad_cues", ()))
        # Per text: the distances between its points, and the points of its readings.
        self._distances: dict[tuple[tuple[float, float], tuple[float, float]], float] = {}
        self._points: dict[int, tuple[float, float] | None] = {}

    def choose(self, candidates: list[Candidate], demonym_places: list[int], language: str = "") -> list[Choice | None]:
        """One choice (or None: no reading has support) per candidate, in order.

        Two rounds: the first reads the others as anchors (the clear readings of countries, regions and cities),
        the second reads them as the first round resolved them.
        """
        self.language = language
        self._distances, self._points = {}, {}
        background = Context()
        for index in demonym_places:
            background.add(self._evidence(index, weak=True))
        anchors = [self._prior_best(c) for c in candidates]
        choices = self._round(candidates, anchors, background)
        settled = [
            c.index if c is not None and c.confidence >= self.w["anchor_confidence"] and c.reason != "population" else a
            for c, a in zip(choices, anchors, strict=True)
        ]
        return _one_reading_per_name(candidates, self._round(candidates, settled, background))

    def _round(
        self, candidates: list[Candidate], readings: list[int | None], background: Context
    ) -> list[Choice | None]:
        own = [self._evidence(index) for index in readings]
        everything = Context()
        everything.add(background)
        # Mentions of the same name support each other no more than one mention supports itself.
        same: dict[tuple[int, ...], Context] = {}
        for candidate, evidence in zip(candidates, own, strict=True):
            everything.add(evidence)
            same.setdefault(_name_of(candidate), Context()).add(evidence)
        choices = []
        for candidate in candidates:
            group = same[_name_of(candidate)]
            everything.add(group, -1)
            choices.append(self._choose(candidate, everything))
            everything.add(group)
        return choices

    def _prior_best(self, candidate: Candidate) -> int | None:
        """The reading on its own (no context), when it is clear: an anchor for the others."""
        scored = sorted(
            ((self._prior(i, f), i) for i, f in candidate.options if not f & (SMALL | CONTEXT | CUE)), reverse=True
        )
        if not scored:
            return None
        best = scored[0][1]
        countries = {self.g.places.countries[i] for _, i in scored}
        if self.g.places.kinds[best] in (0, 1, 4) or len(countries) == 1:
            return best
        # An ambiguous city says little about where the text is, unless one reading is far the likeliest and big.
        clear = scored[0][0] - scored[1][0] >= self.w["anchor_margin"]
        return best if clear and self.g.places.population[best] >= self.w["anchor_population"] else None

    def _evidence(self, index: int | None, *, weak: bool = False) -> Context:
        context = Context()
        if index is None:
            return context
        places = self.g.places
        if places.countries[index]:
            context.countries[places.countries[index]] += 1
        if weak:
            return context
        region = index if places.kinds[index] == 1 else places.region[index]
        if region >= 0:
            context.regions[region] += 1
        point = self._point(index)
        if point is not None and places.kinds[index] in (2, 3):  # city, place
            context.points[point] += 1
        return context

    def _point(self, index: int) -> tuple[float, float] | None:
        if index not in self._points:
            self._points[index] = self.g.places.point(index)
        return self._points[index]

    def _prior(self, index: int, flags: int) -> float:
        w, places = self.w, self.g.places
        kind = places.kinds[index]
        score = w["population"] * math.log10(places.population[index] + 10) + w["kind"][kind]
        if flags & ALT:
            score += w["alternate"]
        if flags & WATCH:
            score += w["watch"]
        if self.language and self.g.languages.get(places.countries[index]) == self.language:
            score += w["language"]  # a Dutch text's Harlingen is the Frisian one
        return score

    def _choose(self, candidate: Candidate, context: Context) -> Choice | None:
        scored = []
        for index, flags in candidate.options:
            found = self._context_score(candidate, index, flags, context)
            if found is not None:
                scored.append((self._prior(index, flags) + found[0], index, found[1], flags))
        if not scored:
            return None
        scored.sort(reverse=True)
        total = sum(math.exp(s - scored[0][0]) for s, *_ in scored)
        _best_score, index, reason, flags = scored[0]
        if reason is None:
            reason = "only reading" if len(scored) == 1 else "watch list" if flags & WATCH else "population"
        reliability = self.w["reliability"]["support" if flags & (SMALL | CUE | CONTEXT) else "plain"]
        return Choice(index, reason, round(reliability / total, 2))

    def _context_score(
        self, candidate: Candidate, index: int, flags: int, context: Context
    ) -> tuple[float, str | None] | None:
        """The context bonus of one reading and its strongest reason, or None when it lacks needed support."""
        w, places = self.w["context"], self.g.places
        country, region = places.countries[index], index if places.kinds[index] == 1 else places.region[index]
        factors: list[tuple[float, str]] = []
        if any(self._contains(c, index) for c in candidate.container):
            factors.append((w["containment"], "containment"))
        if region >= 0 and context.regions.get(region):
            factors.append((w["region"], "region in text"))
        point = self._point(index)
        near = (
            context.nearest(point, w["far_km"], self._distances)
            if point is not None and places.kinds[index] in (1, 2, 3)
            else None
        )
        if near is not None and near <= w["near_km"]:
            factors.append((w["near"], "nearby places"))
        elif near is not None and near <= w["far_km"]:
            factors.append((w["far"], "places in the area"))
        named = context.countries.get(country, 0)
        if named:
            factors.append((w["country"] + w["country_repeat"] * math.log2(named), "country in text"))
        # In a text of the reading's country's language, the everyday-word name of a sizeable place written as a
        # name is that place ("omgeving Leiden" in a Dutch ad): the language stands in for a locative word.
        cued = candidate.cued or (
            bool(self.language)
            and not flags & PERSON
            and places.population[index] >= self.w["language_cue_population"]
            and self.g.languages.get(country) == self.language
        )
        # A small place after a locative word in a text of its country's language needs no more ("in Jabbeke"), nor
        # one in a list of places ("Gent , Wetteren en Brugge"), where that language is the main one of few countries
        # (Dutch).
        home = (
            (candidate.plain or candidate.listed)
            and self.language in self.g.home_languages
            and self.g.languages.get(country) == self.language
        )
        # ... and in such a text, a foreign place of some size after a locative word in lower case ("in Briançon").
        abroad = (
            candidate.cue in self._abroad_cues
            and self.language in self.g.home_languages
            and places.population[index] >= self.w["abroad_population"]
        )
        if not self._supported(flags, cued, factors, named, home or abroad or candidate.typed):
            return None
        if flags & WORDY and not (candidate.cued or _strong(factors)):
            return None  # "Daarna werd Imperial een holding": a word of another language, not the town
        if not factors:
            return 0.0, None
        return sum(f for f, _ in factors), max(factors)[1]

    @staticmethod
    def _supported(flags: int, cued: bool, factors: list[tuple[float, str]], named: int, home: bool = False) -> bool:
        if flags & CONTEXT and not named:
            return False
        if flags & CUE and not (cued or named):
            return False
        return not flags & SMALL or _strong(factors) or (cued and bool(named)) or home

    def _contains(self, container: int, index: int) -> bool:
        places = self.g.places
        kind = places.kinds[container]
        if kind == 0:  # a country
            return places.countries[container] == places.countries[index] and container != index
        if kind == 1:  # a region
            return places.region[index] == container
        return False


def _strong(factors: list[tuple[float, str]]) -> bool:
    """Whether the text places a reading itself: a container, its region or a place nearby."""
    return any(reason in _STRONG for _, reason in factors)


_STRONG = frozenset({"containment", "region in text", "nearby places"})


def _one_reading_per_name(candidates: list[Candidate], choices: list[Choice | None]) -> list[Choice | None]:
    """A name that has support in one place of the text is the same place where it stands without ("in
    Wasserbillig" ... "Wasserbillig telt 2.300 inwoners"): the first choice of a name goes to its mentions left
    without one. Not for first names ("Santana") nor everyday words, which are people or words in some places of
    a text and places in others."""
    if None not in choices:
        return choices
    first: dict[tuple[int, ...], Choice] = {}
    for candidate, choice in zip(candidates, choices, strict=True):
        if choice is not None and not any(flags & (PERSON | WORDY) for _, flags in candidate.options):
            first.setdefault(_name_of(candidate), choice)
    return [
        choice if choice is not None else first.get(_name_of(candidate))
        for candidate, choice in zip(candidates, choices, strict=True)
    ]


def _name_of(candidate: Candidate) -> tuple[int, ...]:
    """What identifies a name among the candidates: its readings."""
    return tuple(index for index, _ in candidate.options)


def _add_counts(mine: Counter[Any], theirs: Counter[Any], sign: int) -> None:
    for key, count in theirs.items():
        mine[key] += sign * count
        if mine[key] <= 0:
            del mine[key]
