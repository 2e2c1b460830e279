"""Fixtures for export tests: synthetic, clinical stored items (fictional 555-01xx numbers, example.org mail)
written with the real store's upsert, and an embedded store in a temporary folder."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import jsonschema
import pytest

from lantern.settings import get_settings
from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "contracts" / "analysis.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SCORES = {"none": 0.0, "low": 0.3, "medium": 0.55, "high": 0.85}

#: name → (country, kind, lat, lon, geonameid, destination)
PLACES: dict[str, tuple[str, str, float, float, int, bool]] = {
    "Manila": ("PH", "city", 14.6042, 120.9822, 1701668, True),
    "Cebu": ("PH", "city", 10.3167, 123.8907, 1717512, True),
    "Pattaya": ("TH", "city", 12.9276, 100.8771, 1607532, True),
    "Amsterdam": ("NL", "city", 52.374, 4.8897, 2759794, False),
    "Philippines": ("PH", "country", 14.6042, 120.9822, 1694008, True),
}


def _location(text: str, name: str) -> dict[str, Any]:
    country, kind, lat, lon, geonameid, destination = PLACES[name]
    start = text.index(name)
    return {"name": name, "country": country, "kind": kind, "lat": lat, "lon": lon, "geonameid": geonameid,
            "text": name, "start": start, "end": start + len(name), "destination": destination}  # fmt: skip


def make_item(
    item_id: str,
    when: str,
    *,
    places: tuple[str, ...] = (),
    level: str = "none",
    source: str = "board-a",
    phones: tuple[str, ...] = (),
    emails: tuple[str, ...] = (),
    handles: tuple[str, ...] = (),
    author: str | None = None,
) -> dict[str, Any]:
    """A StoredItem dated ``when`` whose analysis is valid against contracts/analysis.schema.json."""
    parts = [f"Notice {item_id} posted for the weekly listing."]
    if places:
        parts.append("Mentions " + " and ".join(places) + " in neutral filler.")
    parts += [f"Call {phone} today." for phone in phones] + [f"Mail {mail} now." for mail in emails]
    parts += [f"Or telegram {handle.split(':', 1)[1]} later." for handle in handles]
    text = " ".join(parts)
    locations = [_location(text, name) for name in places]
    analysis = {
        "analyzer_version": "test-1",
        "lexicon_version": "lex-1",
        "risk": {"score": SCORES[level], "level": level, "explanation": f"synthetic item at level {level}"},
        "flags": ["destination"] if any(loc["destination"] for loc in locations) else [],
        "signals": [],
        "ages": [],
        "min_age": None,
        "locations": locations,
        "countries": list(dict.fromkeys(loc["country"] for loc in locations)),
        "contacts": {"phones": list(phones), "emails": list(emails), "handles": list(handles)},
    }
    VALIDATOR.validate({"id": item_id, "language": "en", "analysis": analysis})
    return {
        "id": item_id,
        "url": f"http://127.0.0.1:8000/{source}/{item_id}",
        "source": source,
        "kind": "ad",
        "site": "127.0.0.1",
        "title": f"Listing {item_id}",
        "text": text,
        "author": author,
        "posted_at": when,
        "fetched_at": when,
        "first_seen": when,
        "last_seen": when,
        "times_seen": 1,
        "content_hash": hashlib.sha256(text.encode()).hexdigest(),
        "language": "en",
        "analysis": analysis,
    }


@pytest.fixture
def settings(tmp_path):
    """Settings with a temporary data folder, no Elasticsearch, UTC buckets and a pseudonym key."""
    return get_settings(data_dir=tmp_path / "data", es_url=None, timezone="UTC", pseudonym_key="test-key-0123456789")


@pytest.fixture
def sqlite_store(settings):
    """An empty embedded store at ``settings.store_path``."""
    from lantern.storage.sqlite.store import SQLiteStore

    store = SQLiteStore.from_settings(settings)
    yield store
    store.close()
