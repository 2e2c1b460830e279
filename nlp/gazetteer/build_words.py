"""Words about places that are not place names: demonyms and adjectives ("Filipijnse", "Thai", "tailandeses",
"Zuid-Amerikaanse"), and the country abbreviations of sports results ("Museeuw (Bel)", "Finot (Fra)").

Demonyms are derived from the names of countries, areas and regions by the suffix rules of ``demonyms`` in
``rules.yml``; a derived form is kept only when it is a word of that language (wordfreq), so the rules can be
broad without inventing words. Irregular forms are listed there too.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from nlp.gazetteer.names import fold, name_key

if TYPE_CHECKING:
    from nlp.gazetteer.build import _Builder


def demonyms(builder: _Builder) -> dict[str, tuple[int, int]]:
    """Demonym key → (place index, flags): LOWER when the language writes demonyms in lower case."""
    import wordfreq

    from nlp.gazetteer.build import LOWER

    rules = builder.rules["demonyms"]
    found: dict[str, tuple[int, int, int]] = {}  # key → (population, index, flags)
    for language, suffixes in rules["suffixes"].items():
        words = wordfreq.get_frequency_dict(language)
        flags = LOWER if language in rules["lowercase"] else 0
        for index, name in _named_places(builder, language):
            for form in _forms(name_key(name), suffixes):
                last = form.rsplit(" ", 1)[-1]
                if words.get(last, 0.0) >= 10 ** (rules["min_zipf"] - 9) and name_key(form) not in builder.names:
                    _keep(found, form, index, flags, builder)
    for code, forms in rules["irregular"].items():
        target = _target(builder, code)
        if target is None:
            continue
        for form in forms:
            _keep(found, name_key(form), target, LOWER if form[:1].islower() else 0, builder, force=True)
    return {key: (index, flags) for key, (_, index, flags) in found.items()}


def _target(builder: _Builder, code: str) -> int | None:
    """The place an irregular demonym names: a country ("NL"), a region ("NL-NB") or an area ("southeast_asia")."""
    if code in builder.countries:
        return builder.countries[code]
    if code in builder.regions:
        return builder.regions[code]
    return next((index for index, known in builder.area_ids.items() if known == code), None)


def _named_places(builder: _Builder, language: str) -> list[tuple[int, str]]:
    """(index, name) of countries, areas and regions, in this language where the data has it."""
    from babel import Locale

    territories = Locale.parse(language).territories
    out = []
    for code, index in builder.countries.items():
        out += [(index, builder.places.names[index]), (index, territories.get(code, ""))]
    for key, found in builder.names.items():
        for index in found:
            if builder.places.kinds[index] in (1, 4):  # region, area
                out.append((index, key))
    return [(index, name) for index, name in out if name]


def _forms(key: str, suffixes: list[list[str]]) -> set[str]:
    forms = set()
    for strip, add in suffixes:
        if key.endswith(strip) and len(key) - len(strip) >= 3:
            forms.add(fold(key[: len(key) - len(strip)] + add))
    return forms


def _keep(
    found: dict[str, tuple[int, int, int]], key: str, index: int, flags: int, builder: _Builder, *, force: bool = False
) -> None:
    population = builder.places.population[index] + (10**12 if force else 0)
    if key and (key not in found or found[key][0] < population):
        found[key] = (population, index, flags)


def abbreviations(builder: _Builder) -> dict[str, int]:
    """Abbreviation → place index: ISO 3166-1 alpha-3 codes ("FRA", and "Svk" written as a word) and the first
    three letters of a country's name in the ``abbreviations`` locales or of an alias of ``country_aliases`` ("Fra",
    "Dui", "Spa", "Joe" Joegoslavië), or of a two-word name the initial of the first word and two letters of the
    second ("ZAf" Zuid-Afrika, "WRu" Wit-Rusland, "GBr" Groot-Brittannië, "VSt" Verenigde Staten), where most of
    those names agree; the home nations of ``regions.aliases`` ("Eng" Engeland) where no country has the letters."""
    from babel import Locale

    from nlp.gazetteer import sources

    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for locale in builder.rules["abbreviations"]["locales"]:
        names = [(code, name) for code, name in Locale.parse(locale).territories.items() if code in builder.countries]
        for code, name in names:
            _vote(votes, code, name)
    for code, aliases in builder.rules["country_aliases"].items():
        for alias in aliases if code in builder.countries else ():
            _vote(votes, code, alias)
    out: dict[str, int] = {}
    for abbreviation, counter in votes.items():
        # Votes weighted by size: "Bel" is Belgium, not Belize.
        weighted = {
            c: n * math.log10(max(builder.places.population[builder.countries[c]], 10)) for c, n in counter.items()
        }
        out[abbreviation] = builder.countries[max(weighted, key=weighted.__getitem__)]
    for code, info in sources.geonames_countries().items():
        if info.get("iso3") and code in builder.countries:
            out[info["iso3"]] = builder.countries[code]
            out.setdefault(info["iso3"].capitalize(), builder.countries[code])  # "Svk", "Col"
    for key, aliases in builder.rules["regions"]["aliases"].items():
        region_votes: dict[str, Counter[str]] = defaultdict(Counter)
        for alias in aliases if key in builder.regions else ():
            _vote(region_votes, key, alias)
        for abbreviation in region_votes:
            out.setdefault(abbreviation, builder.regions[key])
    for abbreviation, code in (builder.rules["abbreviations"].get("extra") or {}).items():
        out[abbreviation] = builder.countries[code]
    return out


def skipping_abbreviations(builder: _Builder, taken: dict[str, int]) -> dict[str, int]:
    """Abbreviation → country index: the first two letters of a country's name and a later consonant of it
    ("Slk" Slowakije, "Sln" Slovenië), where the name of only one country in the ``skipping_locales`` has them and
    no abbreviation of :func:`abbreviations` (``taken``) is written so."""
    from babel import Locale

    owners: dict[str, set[str]] = defaultdict(set)
    for locale in builder.rules["abbreviations"]["skipping_locales"]:
        for code, name in Locale.parse(locale).territories.items():
            if code not in builder.countries or not name.isalpha() or len(name) < 5:
                continue
            for letter in {c for c in name[3:].lower() if c.isalpha() and c not in "aeiouy"}:
                owners[name[:2].capitalize() + letter].add(code)
    return {
        abbreviation: builder.countries[next(iter(codes))]
        for abbreviation, codes in owners.items()
        if len(codes) == 1 and abbreviation not in taken
    }


def _vote(votes: dict[str, Counter[str]], code: str, name: str) -> None:
    """The abbreviations one name suggests: its first three letters and, of two words, "ZAf"."""
    if len(name) > 3 and name[:3].isalpha():
        votes[name[:3].capitalize()][code] += 1
    parts = re.split(r"[- ]", name)
    if len(parts) == 2 and all(len(p) > 2 and p.isalpha() for p in parts):
        votes[parts[0][0].upper() + parts[1][0].upper() + parts[1][1].lower()][code] += 1  # "ZAf", "VSt"


def irregular_keys(rules: dict) -> set[str]:
    """The keys of the listed (irregular) demonyms of ``rules.yml``."""
    return {name_key(form) for forms in rules["demonyms"]["irregular"].values() for form in forms}
