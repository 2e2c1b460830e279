"""The places of the compiled gazetteer, stored by column so that 250,000 of them load fast and stay small.

A :class:`Place` is built only when a mention asks for it; the table itself holds one list or array per field.
"""

from __future__ import annotations

import math
import sys
from array import array
from typing import NamedTuple

# Kinds of place. "area" is a continent, sea or region across countries: it has no single country.
KINDS = ("country", "region", "city", "place", "area")


class Place(NamedTuple):
    """A place of the gazetteer."""

    name: str
    country: str  # ISO 3166-1 alpha-2; "" for an area
    kind: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    watch_id: str | None = None
    weight: float = 0.0
    region: int = -1  # the index of the first-level region the place lies in, or -1


class PlaceTable:
    """Places by column; ``table[i]`` is a :class:`Place`."""

    def __init__(self) -> None:
        self.names: list[str] = []  # while building; :meth:`pack` joins them into one string
        self.countries: list[str] = []
        self.kinds = bytearray()
        self.lat = array("f")
        self.lon = array("f")
        self.geonameid = array("i")
        self.population = array("i")
        self.region = array("i")
        self.watch: dict[int, tuple[str, float]] = {}
        self._packed = ""
        self._ends = array("I")

    def __len__(self) -> int:
        return len(self.kinds)

    def name(self, index: int) -> str:
        if not self._packed:
            return self.names[index]
        return self._packed[self._ends[index - 1] if index else 0 : self._ends[index]]

    def pack(self) -> None:
        """Join the names into one string (a quarter of the memory of 250,000 string objects)."""
        ends, total = array("I"), 0
        for name in self.names:
            total += len(name)
            ends.append(total)
        self._packed, self._ends, self.names = "".join(self.names), ends, []

    def __getitem__(self, index: int) -> Place:
        lat, lon, watch = self.lat[index], self.lon[index], self.watch.get(index)
        return Place(
            self.name(index),
            self.countries[index],
            KINDS[self.kinds[index]],
            None if math.isnan(lat) else round(lat, 5),
            None if math.isnan(lon) else round(lon, 5),
            self.geonameid[index] or None,
            self.population[index],
            watch[0] if watch else None,
            watch[1] if watch else 0.0,
            self.region[index],
        )

    def append(self, place: Place) -> int:
        """Add a place; its index."""
        self.names.append(place.name)
        self.countries.append(place.country)
        self.kinds.append(KINDS.index(place.kind))
        self.lat.append(math.nan)
        self.lon.append(math.nan)
        self.geonameid.append(0)
        self.population.append(0)
        self.region.append(-1)
        self[len(self.names) - 1] = place
        return len(self.names) - 1

    def __setitem__(self, index: int, place: Place) -> None:
        self.names[index] = place.name
        self.countries[index] = sys.intern(place.country)
        self.kinds[index] = KINDS.index(place.kind)
        self.lat[index] = math.nan if place.lat is None else place.lat
        self.lon[index] = math.nan if place.lon is None else place.lon
        self.geonameid[index] = place.geonameid or 0
        self.population[index] = place.population
        self.region[index] = place.region
        if place.watch_id:
            self.watch[index] = (place.watch_id, place.weight)
        else:
            self.watch.pop(index, None)

    def point(self, index: int) -> tuple[float, float] | None:
        """The coordinates of a place, or None."""
        lat, lon = self.lat[index], self.lon[index]
        return None if math.isnan(lat) else (round(lat, 5), round(lon, 5))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))
