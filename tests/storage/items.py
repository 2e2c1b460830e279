"""Building valid StoredItems for storage tests (synthetic, clinical text; fictional 555-01xx phone numbers)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import jsonschema

from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "contracts" / "analysis.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SCORES = {"none": 0.0, "low": 0.2, "medium": 0.5, "high": 0.85}

PLACES = {
    "PH": ("Manila", 1701668, 14.6, 120.98),
    "TH": ("Pattaya", 1607532, 12.93, 100.88),
    "NL": ("Amsterdam", 2759794, 52.37, 4.89),
}


def _span(analysed: str, phrase: str) -> tuple[int, int]:
    start = analysed.find(phrase)
    assert start >= 0, f"{phrase!r} must occur in the analysed text"
    return start, start + len(phrase)


def make_analysis(
    analysed: str,
    *,
    level: str = "none",
    signals: list[tuple[str, str]] = (),  # type: ignore[assignment]
    ages: list[tuple[int, str]] = (),  # type: ignore[assignment]
    countries: tuple[str, ...] = (),
    destination: bool = False,
    phones: tuple[str, ...] = (),
    lexicon_version: str = "lex-1",
) -> dict[str, Any]:
    """An analysis valid against the contract. Signals/ages are (category or value, phrase in the text)."""
    sig = [
        {"category": c, "rule": f"{c}.test", "text": p, "start": s, "end": e, "weight": 0.5}
        for c, p in signals
        for s, e in [_span(analysed, p)]
    ]
    age_list = [{"value": v, "text": p, "start": s, "end": e} for v, p in ages for s, e in [_span(analysed, p)]]
    locations = []
    for country in countries:
        name, geonameid, lat, lon = PLACES[country]
        start, end = _span(analysed, name) if name in analysed else (0, 0)
        locations.append(
            {
                "name": name,
                "country": country,
                "kind": "city",
                "lat": lat,
                "lon": lon,
                "geonameid": geonameid,
                "text": analysed[start:end],
                "start": start,
                "end": end,
                "destination": destination,
            }
        )
    flags = list(dict.fromkeys(c for c, _ in signals))
    if age_list and min(a["value"] for a in age_list) < 18 and "minor_age" not in flags:
        flags.append("minor_age")
    return {
        "analyzer_version": "test-1",
        "lexicon_version": lexicon_version,
        "risk": {"score": SCORES[level], "level": level, "explanation": f"test item at level {level}"},
        "flags": flags,
        "signals": sig,
        "ages": age_list,
        "min_age": min((a["value"] for a in age_list), default=None),
        "locations": locations,
        "countries": list(dict.fromkeys(countries)),
        "contacts": {"phones": list(phones), "emails": [], "handles": []},
    }


def make_item(
    item_id: str,
    text: str,
    *,
    title: str = "",
    source: str = "example-ads",
    kind: str = "ad",
    posted_at: str | None = "2026-01-10T12:00:00+00:00",
    first_seen: str = "2026-01-15T08:00:00+00:00",
    **analysis: Any,
) -> dict[str, Any]:
    """A StoredItem whose analysis is valid against contracts/analysis.schema.json."""
    analysed = f"{title}\n\n{text}" if title else text
    record = {"id": item_id, "language": "en", "analysis": make_analysis(analysed, **analysis)}
    VALIDATOR.validate(record)
    return {
        "id": item_id,
        "url": f"http://127.0.0.1:8000/{source}/{item_id}",
        "source": source,
        "kind": kind,
        "site": "127.0.0.1",
        "title": title,
        "text": text,
        "author": None,
        "posted_at": posted_at,
        "fetched_at": first_seen,
        "first_seen": first_seen,
        "last_seen": first_seen,
        "times_seen": 1,
        "content_hash": hashlib.sha256(analysed.encode()).hexdigest(),
        "language": record["language"],
        "analysis": record["analysis"],
    }
