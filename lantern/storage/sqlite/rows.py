"""Converting between StoredItems and rows of the embedded store's tables (see :mod:`lantern.storage.sqlite.schema`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from lantern.errors import InputError
from lantern.storage.base import LEVELS, StoredItem, item_date
from lantern.storage.sqlite.query import to_epoch

#: StoredItem keys kept in their own column; ``doc`` holds every other key.
COLUMN_FIELDS = (
    "id",
    "url",
    "source",
    "kind",
    "site",
    "title",
    "text",
    "language",
    "posted_at",
    "fetched_at",
    "first_seen",
    "last_seen",
    "times_seen",
    "content_hash",
)
ITEM_COLUMNS = (
    *COLUMN_FIELDS,
    "date_epoch",
    "lexicon_version",
    "analyzer_version",
    "risk_rank",
    "risk_level",
    "risk_score",
    "min_age",
    "doc",
)
UPSERT_SQL = (
    f"INSERT INTO items ({', '.join(ITEM_COLUMNS)}) VALUES ({', '.join('?' for _ in ITEM_COLUMNS)}) "
    "ON CONFLICT(id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in ITEM_COLUMNS if c != "id")
)
READ_COLUMNS = ", ".join(f"items.{c}" for c in (*COLUMN_FIELDS, "doc"))


def item_row(item: StoredItem) -> tuple[Any, ...]:
    """The ``items`` row of a StoredItem."""
    try:
        analysis = item["analysis"]
        risk = analysis["risk"]
        values = [item.get(name) for name in COLUMN_FIELDS]
        rest = {k: v for k, v in item.items() if k not in COLUMN_FIELDS}
        return (
            *values,
            to_epoch(item_date(item)),
            analysis["lexicon_version"],
            analysis["analyzer_version"],
            LEVELS.index(risk["level"]),
            risk["level"],
            float(risk["score"]),
            analysis.get("min_age"),
            json.dumps(rest, ensure_ascii=False, separators=(",", ":")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(
            f"item {item.get('id')!r} is not a valid stored item ({type(exc).__name__}: {exc})",
            hint="a stored item has the crawl fields plus the analysis record (contracts/README.md)",
        ) from None


def side_rows(item: StoredItem) -> dict[str, list[tuple[Any, ...]]]:
    """Rows for the side tables (flags, countries, phones, locations) of one item."""
    analysis, item_id = item["analysis"], item["id"]
    return {
        "item_flags": [(item_id, f) for f in dict.fromkeys(analysis.get("flags", []))],
        "item_countries": [(item_id, c) for c in dict.fromkeys(analysis.get("countries", []))],
        "item_phones": [(item_id, p) for p in dict.fromkeys(analysis.get("contacts", {}).get("phones", []))],
        "item_locations": _location_rows(item_id, analysis.get("locations", [])),
    }


def _location_rows(item_id: str, locations: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """One row per distinct place; destination when any mention of it was one."""
    places: dict[tuple[Any, ...], list[Any]] = {}
    for loc in locations:
        key = (loc["name"], loc["country"], loc.get("geonameid"))
        place = (loc.get("kind"), loc.get("geonameid"), loc.get("lat"), loc.get("lon"))
        row = places.setdefault(key, [item_id, loc["name"], loc["country"], *place, 0])
        row[-1] = max(row[-1], int(bool(loc.get("destination"))))
    return [tuple(row) for row in places.values()]


SIDE_INSERTS = {
    "item_flags": "INSERT OR IGNORE INTO item_flags(item_id, flag) VALUES (?, ?)",
    "item_countries": "INSERT OR IGNORE INTO item_countries(item_id, country) VALUES (?, ?)",
    "item_phones": "INSERT OR IGNORE INTO item_phones(item_id, phone) VALUES (?, ?)",
    "item_locations": "INSERT INTO item_locations(item_id, name, country, kind, geonameid, lat, lon, destination) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
}


def row_item(row: sqlite3.Row) -> StoredItem:
    """The StoredItem of a row read with :data:`READ_COLUMNS`."""
    item = json.loads(row["doc"])
    for name in COLUMN_FIELDS:
        item[name] = row[name]
    return item  # type: ignore[no-any-return]
