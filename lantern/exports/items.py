"""``lantern export items``: the items matching the search filters, as JSON Lines or CSV, for analysts.

JSON Lines carries each stored item whole; CSV flattens it into :data:`CSV_COLUMNS` (lists joined with ``;``).
With a :class:`~lantern.exports.pseudonymise.Pseudonymiser` every item is pseudonymised before it is written.
Items stream from the store; memory stays flat however many there are.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from lantern.exports.pseudonymise import Pseudonymiser
from lantern.exports.writers import atomic_path

ITEM_FORMATS = ("jsonl", "csv")
CSV_COLUMNS = (
    "id",
    "url",
    "source",
    "kind",
    "site",
    "posted_at",
    "first_seen",
    "last_seen",
    "times_seen",
    "language",
    "risk_level",
    "risk_score",
    "flags",
    "min_age",
    "countries",
    "places",
    "destinations",
    "phones",
    "emails",
    "handles",
    "author",
    "title",
    "text",
)
#: Cell starts that spreadsheet programs treat as a formula; such cells get a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_items(
    items: Iterable[Mapping[str, Any]], path: Path, fmt: str, pseudonymiser: Pseudonymiser | None = None
) -> int:
    """Write ``items`` to ``path`` as ``jsonl`` or ``csv``; returns how many were written."""
    count = 0
    with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = _csv_writer(handle) if fmt == "csv" else None
        for item in items:
            out = pseudonymiser.item(dict(item)) if pseudonymiser else dict(item)
            if writer is None:
                handle.write(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n")
            else:
                writer.writerow([_safe_cell(value) for value in csv_row(out)])
            count += 1
    return count


def _csv_writer(handle: IO[str]) -> Any:
    writer = csv.writer(handle)
    writer.writerow(CSV_COLUMNS)
    return writer


def csv_row(item: dict[str, Any]) -> list[Any]:
    """The CSV cells of one item, in :data:`CSV_COLUMNS` order."""
    analysis = item.get("analysis") or {}
    risk = analysis.get("risk") or {}
    contacts = analysis.get("contacts") or {}
    locations = analysis.get("locations") or []
    derived = {
        "risk_level": risk.get("level"),
        "risk_score": risk.get("score"),
        "flags": analysis.get("flags") or [],
        "min_age": analysis.get("min_age"),
        "countries": analysis.get("countries") or [],
        "places": list(dict.fromkeys(loc["name"] for loc in locations)),
        "destinations": list(dict.fromkeys(loc["name"] for loc in locations if loc.get("destination"))),
        "phones": contacts.get("phones") or [],
        "emails": contacts.get("emails") or [],
        "handles": contacts.get("handles") or [],
    }
    return [derived[column] if column in derived else item.get(column) for column in CSV_COLUMNS]


def _safe_cell(value: Any) -> str:
    """A CSV cell: lists joined with ``;``, ``None`` empty, formula-like text defused with a leading ``'``."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
