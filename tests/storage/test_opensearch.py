"""The storage contract and Lantern's search-engine paths against a real OpenSearch node (marker opensearch).

The node is started once per session from ``tests/opensearch`` (OpenSearch 2.19 from Maven Central); each test
has its own alias. Unlike the emulator, this is Lucene: scores, analysers, geo and time-zone aggregations and
the validation of component templates are the real ones.
"""

from __future__ import annotations

import pytest

from lantern.storage.base import SearchQuery
from lantern.storage.search_engine import template
from lantern.storage.search_engine.documents import from_document, to_document
from lantern.storage.search_engine.migrate import migrate
from lantern.storage.search_engine.setup import setup, status
from tests.storage.contract import PHONE, StorageContract, corpus
from tests.storage.items import make_item

pytestmark = pytest.mark.opensearch


class TestOpenSearchContract(StorageContract):
    @pytest.fixture
    def store(self, opensearch_store):
        return opensearch_store


def test_each_component_template_validates_on_its_own(opensearch_store):
    """The trap of Elasticsearch 8/9 (and OpenSearch): a component is validated with only its own settings."""
    engine = opensearch_store.engine
    for name, body in template.component_templates(opensearch_store.alias).items():
        assert engine.request("PUT", f"/_component_template/{name}-alone", body)["acknowledged"]
        engine.request("DELETE", f"/_component_template/{name}-alone")


def test_setup_is_idempotent_and_creates_alias_over_v1(opensearch_store):
    opensearch_store.ensure_setup()
    first = setup(opensearch_store.engine, opensearch_store.alias)
    second = setup(opensearch_store.engine, opensearch_store.alias)
    assert first == second and first.index == f"{opensearch_store.alias}-v1"
    assert first.mapping_version == template.mapping_version() and not first.needs_migration
    assert first.health == "green" and not first.degraded


def test_documents_carry_hashed_twins_and_a_flat_evidence_copy(opensearch_store):
    opensearch_store.upsert(corpus())
    engine, alias = opensearch_store.engine, opensearch_store.alias
    engine.request("POST", f"/{alias}/_refresh")
    raw = engine.request("GET", f"/{alias}/_doc/item-high-ph")["_source"]
    [phone_hash] = raw["derived"]["phone_hashes"]
    assert PHONE not in phone_hash
    assert raw["derived"]["signal_categories"] == ["minor_age", "movement"]
    assert raw["derived"]["evidence"] == ["minor_age: Sixteen years old", "movement: new in town"]
    body = {
        "query": {"match": {"derived.signal_texts": "sixteen"}},
        "aggs": {"c": {"terms": {"field": "derived.signal_categories"}}},
        "highlight": {"fields": {"derived.signal_texts": {}}},
    }
    found = engine.request("POST", f"/{alias}/_search", body)
    assert [h["_id"] for h in found["hits"]["hits"]] == ["item-high-ph"]
    assert "<em>Sixteen</em>" in found["hits"]["hits"][0]["highlight"]["derived.signal_texts"][0]
    assert {b["key"] for b in found["aggregations"]["c"]["buckets"]} == {"minor_age", "movement"}
    assert "derived" not in opensearch_store.get("item-high-ph")


def test_genre_label_is_a_keyword_when_present(opensearch_store):
    item = make_item("genre-1", "Plain listing for a lamp.", level="none")
    item["analysis"]["genre"] = {"label": "offer", "evidence": [{"genre": "offer", "rule": "r", "text": "for"}]}
    opensearch_store.upsert([item, make_item("genre-0", "Another lamp.", level="none")])
    opensearch_store._before_read(force_refresh=True)
    query = {"query": {"term": {"analysis.genre.label": "offer"}}}
    found = opensearch_store.engine.request("POST", f"/{opensearch_store.alias}/_search", query)
    assert [h["_id"] for h in found["hits"]["hits"]] == ["genre-1"]


def test_geo_and_time_zone_aggregations_are_real(opensearch_store):
    opensearch_store.upsert(corpus())
    opensearch_store._before_read(force_refresh=True)
    aggs = {
        "grid": {"geotile_grid": {"field": "derived.destination_points", "precision": 3}},
        "days": {"date_histogram": {"field": "derived.date", "calendar_interval": "day", "time_zone": "+11:00"}},
    }
    found = opensearch_store.engine.request("POST", f"/{opensearch_store.alias}/_search", {"size": 0, "aggs": aggs})
    assert sum(b["doc_count"] for b in found["aggregations"]["grid"]["buckets"]) == 1
    days = {b["key_as_string"][:10] for b in found["aggregations"]["days"]["buckets"]}
    assert "2026-03-01" in days and "2026-01-20" in days  # 10:00 and 09:00 UTC are the same day at +11:00


def test_migrate_moves_the_alias_and_keeps_documents(opensearch_store):
    opensearch_store.upsert(corpus())
    engine, alias = opensearch_store.engine, opensearch_store.alias
    result = migrate(engine, alias, lambda s: to_document(from_document(s), opensearch_store.key))
    assert (result.old_index, result.new_index, result.documents) == (f"{alias}-v1", f"{alias}-v2", 6)
    assert status(engine, alias).index == f"{alias}-v2"
    assert opensearch_store.search(SearchQuery(phone=PHONE)).total == 1
