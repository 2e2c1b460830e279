"""The index template files: valid, covering every stored field and the analysis contract with usable types."""

from __future__ import annotations

import json

from lantern.storage.base import StoredItem
from lantern.storage.search_engine import template
from tests.conftest import ROOT

TYPES = template.field_types()
SCHEMA = json.loads((ROOT / "contracts" / "analysis.schema.json").read_text(encoding="utf-8"))


def test_every_stored_item_field_is_mapped():
    assert set(StoredItem.__annotations__) <= set(TYPES)


def test_every_contract_field_is_mapped():
    def paths(schema, prefix):
        for name, spec in schema.get("properties", {}).items():
            yield f"{prefix}{name}"
            yield from paths(spec.get("items", spec), f"{prefix}{name}.")

    missing = [p for p in paths(SCHEMA["properties"]["analysis"], "analysis.") if p not in TYPES]
    assert missing == []


def test_analyst_fields_have_the_right_types():
    expected = {
        "title": "text",
        "title.en": "text",
        "text.nl": "text",
        "analysis.flags": "keyword",
        "analysis.risk.level": "keyword",
        "analysis.risk.score": "float",
        "analysis.ages.value": "integer",
        "analysis.min_age": "integer",
        "analysis.signals": "nested",
        "analysis.locations": "nested",
        "analysis.locations.point": "geo_point",
        "analysis.countries": "keyword",
        "analysis.contacts.phones": "keyword",
        "analysis.contacts.emails": "keyword",
        "derived.phone_hashes": "keyword",
        "derived.destination_points": "geo_point",
        "posted_at": "date",
        "first_seen": "date",
        "derived.date": "date",
        "language": "keyword",
        "source": "keyword",
    }
    assert {k: TYPES[k] for k in expected} == expected


def test_dynamic_mapping_is_off_and_templates_compose():
    assert template.mappings()["dynamic"] is False
    body = template.index_template("lantern-items")
    assert body["index_patterns"] == ["lantern-items-v*"]
    assert set(body["composed_of"]) == set(template.component_templates("lantern-items"))
    assert template.mapping_version() >= 1
