"""The storage contract against a real Elasticsearch cluster (LANTERN_TEST_ES_URL), and the dashboards import
into a real Kibana (LANTERN_TEST_KIBANA_URL). Skipped with that reason when unset.

    LANTERN_TEST_ES_URL=http://127.0.0.1:9200 LANTERN_TEST_KIBANA_URL=http://127.0.0.1:5601 \\
        .venv/bin/pytest tests/storage/test_es_cluster.py -m "elasticsearch or kibana"
"""

from __future__ import annotations

import os
import uuid

import pytest

from lantern.settings import get_settings
from lantern.storage.elasticsearch.store import ElasticsearchStore
from tests.opensearch.fixtures import drop
from tests.storage.contract import StorageContract, corpus

ES_URL = os.environ.get("LANTERN_TEST_ES_URL")
KIBANA_URL = os.environ.get("LANTERN_TEST_KIBANA_URL")


@pytest.fixture
def cluster_store(tmp_path):
    settings = get_settings(
        data_dir=tmp_path / "data",
        es_url=ES_URL,
        es_index=f"lt-{uuid.uuid4().hex[:10]}",
        pseudonym_key="test-key-0123456789",
    )
    store = ElasticsearchStore.from_settings(settings)
    yield store
    drop(store)
    store.close()


@pytest.mark.elasticsearch
@pytest.mark.skipif(not ES_URL, reason="set LANTERN_TEST_ES_URL to run against a real Elasticsearch")
class TestClusterContract(StorageContract):
    @pytest.fixture
    def store(self, cluster_store):
        return cluster_store

    def test_geo_and_date_histogram_aggregations(self, filled):
        aggs = {
            "grid": {"geotile_grid": {"field": "derived.destination_points", "precision": 3}},
            "days": {"date_histogram": {"field": "derived.date", "calendar_interval": "day", "time_zone": "+01:00"}},
        }
        filled.engine.client.indices.refresh(index=filled.alias)
        found = filled.engine.client.search(index=filled.alias, size=0, aggs=aggs)["aggregations"]
        assert sum(b["doc_count"] for b in found["grid"]["buckets"]) == 1
        assert sum(b["doc_count"] for b in found["days"]["buckets"]) == len(corpus())


@pytest.mark.kibana
@pytest.mark.skipif(not KIBANA_URL, reason="set LANTERN_TEST_KIBANA_URL to import the dashboards into Kibana")
def test_dashboards_import(settings):
    from lantern.dashboards.kibana import Kibana, bundle

    result = Kibana.from_settings(settings, KIBANA_URL).import_objects(bundle())
    assert result["success"] and result["successCount"] == len(bundle().splitlines())
