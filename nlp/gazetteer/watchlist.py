"""Watch-list files: destination places with aliases (``nlp/gazetteer/watchlist.yml`` and the operator's own)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lantern.errors import ConfigError
from nlp.data import load_yaml

KINDS = ("country", "region", "city", "place")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_HINT = "see nlp/gazetteer/README.md: a mapping with 'tiers' (optional) and 'places', a list of entries"


@dataclass(frozen=True, slots=True)
class WatchEntry:
    """One destination place of a watch list."""

    id: str
    name: str
    country: str
    kind: str
    weight: float
    aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None


def load_watchlist(path: Path) -> list[WatchEntry]:
    """The entries of one watch-list file; a broken file raises :class:`ConfigError` naming the file."""
    try:
        data = load_yaml(path)
    except ConfigError as exc:
        raise ConfigError(f"watch list {exc.message}", hint=exc.hint or _HINT) from None
    if not isinstance(data, dict) or not isinstance(data.get("places"), list):
        raise ConfigError(f"watch list {path}: expected a mapping with a 'places' list", hint=_HINT)
    tiers = data.get("tiers") or {}
    if not isinstance(tiers, dict) or not all(_is_weight(v) for v in tiers.values()):
        raise ConfigError(f"watch list {path}: 'tiers' must map tier names to weights between 0 and 1", hint=_HINT)
    return [_entry(path, index, raw, tiers) for index, raw in enumerate(data["places"])]


def _entry(path: Path, index: int, raw: Any, tiers: dict[str, float]) -> WatchEntry:
    where = f"watch list {path}, place #{index + 1}"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping", hint=_HINT)
    problem = _problem(raw, tiers)
    if problem:
        raise ConfigError(f"{where} ({raw.get('id', '?')}): {problem}", hint=_HINT)
    weight = raw["weight"] if "weight" in raw else tiers.get(raw.get("tier", "focus"), 0.2)
    return WatchEntry(
        id=raw["id"],
        name=raw["name"],
        country=raw["country"],
        kind=raw.get("kind", "city"),
        weight=float(weight),
        aliases=tuple(raw.get("aliases") or ()),
        context_aliases=tuple(raw.get("context_aliases") or ()),
        geonameid=raw.get("geonameid"),
        lat=None if raw.get("lat") is None else float(raw["lat"]),
        lon=None if raw.get("lon") is None else float(raw["lon"]),
    )


def _problem(raw: dict[str, Any], tiers: dict[str, float]) -> str | None:
    """What is wrong with one entry, or ``None``."""
    if not isinstance(raw.get("id"), str) or not _ID.match(raw["id"]):
        return "'id' must be lower-case letters, digits, '.', '_' or '-' (e.g. th.pattaya)"
    if not isinstance(raw.get("name"), str) or not raw["name"].strip():
        return "'name' is required"
    if not isinstance(raw.get("country"), str) or not re.fullmatch(r"[A-Z]{2}", raw["country"]):
        return "'country' must be an ISO 3166-1 alpha-2 code such as TH"
    if raw.get("kind", "city") not in KINDS:
        return f"'kind' must be one of {', '.join(KINDS)}"
    for field in ("aliases", "context_aliases"):
        value = raw.get(field) or []
        if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
            return f"'{field}' must be a list of names"
    if "tier" in raw and raw["tier"] not in tiers:
        return f"unknown tier {raw['tier']!r} (known: {', '.join(tiers) or 'none'})"
    if "weight" in raw and not _is_weight(raw["weight"]):
        return "'weight' must be a number between 0 and 1"
    if raw.get("geonameid") is not None and not isinstance(raw["geonameid"], int):
        return "'geonameid' must be an integer"
    for field in ("lat", "lon"):
        if raw.get(field) is not None and not isinstance(raw[field], int | float):
            return f"'{field}' must be a number"
    return None


def _is_weight(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1
