"""Stored items ↔ search-engine documents.

A document is the stored item unchanged plus a ``derived`` object Lantern computes for searching and
dashboards: the date an item counts under, the risk level's rank, keyed-hash twins of phones and e-mails, flat
copies of location points, destination countries and cities (Kibana maps and Lens cannot use nested fields),
and a flat copy of the evidence (signal categories, matched texts, ``category: text`` pairs, the genre) that
Discover can filter, aggregate and highlight. ``derived`` and each location's ``point`` are dropped again when
a document is read back.
"""

from __future__ import annotations

import copy
from typing import Any

from lantern.selectors import hash_all
from lantern.storage.base import LEVELS, StoredItem, item_date

DERIVED = "derived"


def to_document(item: StoredItem | dict[str, Any], key: bytes) -> dict[str, Any]:
    """The document indexed for one item (a copy; the item is not changed)."""
    doc = copy.deepcopy(dict(item))
    doc.pop(DERIVED, None)
    analysis = doc.get("analysis") or {}
    for location in analysis.get("locations") or []:
        if location.get("lat") is not None and location.get("lon") is not None:
            location["point"] = {"lat": location["lat"], "lon": location["lon"]}
    doc[DERIVED] = {"date": item_date(item), **derived_analysis(analysis, key)}
    return doc


def derived_analysis(analysis: dict[str, Any], key: bytes) -> dict[str, Any]:
    """The derived fields that follow from the analysis alone (the locations must carry their ``point``)."""
    locations = analysis.get("locations") or []
    destinations = [loc for loc in locations if loc.get("destination")]
    contacts = analysis.get("contacts") or {}
    level = (analysis.get("risk") or {}).get("level")
    signals = analysis.get("signals") or []
    genre = analysis.get("genre")
    return {
        "level_rank": LEVELS.index(level) if level in LEVELS else None,
        "phone_hashes": hash_all(key, "phone", contacts.get("phones") or []),
        "email_hashes": hash_all(key, "email", contacts.get("emails") or []),
        "location_points": [loc["point"] for loc in locations if "point" in loc],
        "destination_points": [loc["point"] for loc in destinations if "point" in loc],
        "destination_countries": sorted({loc["country"] for loc in destinations if loc.get("country")}),
        "destination_cities": sorted({loc["name"] for loc in destinations if loc.get("kind") == "city"}),
        "signal_categories": list(dict.fromkeys(s["category"] for s in signals if s.get("category"))),
        "signal_texts": list(dict.fromkeys(s["text"] for s in signals if s.get("text"))),
        "evidence": list(dict.fromkeys(f"{s.get('category')}: {s.get('text')}" for s in signals)),
        "genre": genre.get("label") if isinstance(genre, dict) else None,
    }


def from_document(source: dict[str, Any]) -> StoredItem:
    """The stored item inside a document's ``_source``."""
    item = dict(source)
    item.pop(DERIVED, None)
    analysis = item.get("analysis")
    if isinstance(analysis, dict) and analysis.get("locations"):
        analysis = dict(analysis)
        analysis["locations"] = [{k: v for k, v in loc.items() if k != "point"} for loc in analysis["locations"]]
        item["analysis"] = analysis
    return item  # type: ignore[return-value]
