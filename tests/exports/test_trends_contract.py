"""The trend export gives the hand-computed numbers on every backend: the embedded store, a real OpenSearch node
(marker opensearch; in several time zones, against the embedded store's numbers), the noida-db Elasticsearch
emulator (marker es_emulator; UTC buckets, since it ignores time zones), and a real Elasticsearch cluster when
LANTERN_TEST_ES_URL is set (marker elasticsearch)."""

from __future__ import annotations

import os
import uuid

import pytest

from lantern.exports.compute import trend_rows
from lantern.exports.trends import TrendSpec
from lantern.settings import get_settings
from tests.es.emulator import Emulator, available
from tests.exports import dataset
from tests.opensearch.fixtures import drop


@pytest.fixture(scope="module")
def es_url(request, tmp_path_factory):
    """The emulator (started for this module) or the real cluster, depending on the parameter."""
    if request.param == "emulator":
        if available() is None:
            pytest.skip("noida-db is not installed (pip install noida-db)")
        server = Emulator(tmp_path_factory.mktemp("noida") / "data")
        server.start()
        yield server.url
        server.stop()
    else:
        url = os.environ.get("LANTERN_TEST_ES_URL")
        if not url:
            pytest.skip("set LANTERN_TEST_ES_URL to run against a real Elasticsearch cluster")
        yield url


@pytest.fixture(scope="module")
def es_store(es_url, tmp_path_factory):
    """An Elasticsearch store under a unique alias holding the data set, wiped afterwards."""
    from lantern.storage.elasticsearch.store import ElasticsearchStore

    settings = get_settings(
        data_dir=tmp_path_factory.mktemp("data"), es_url=es_url, es_index=f"lt-exp-{uuid.uuid4().hex[:8]}",
        pseudonym_key="test-key-0123456789",
    )  # fmt: skip
    store = ElasticsearchStore.from_settings(settings)
    store.upsert(dataset.items())
    yield store
    drop(store)
    store.close()


@pytest.fixture(scope="module")
def os_store(opensearch_node, tmp_path_factory):
    """An OpenSearch store on the session's real node holding the data set, wiped afterwards."""
    from lantern.storage.opensearch.store import OpenSearchStore

    settings = get_settings(
        data_dir=tmp_path_factory.mktemp("data"), opensearch_url=opensearch_node.url, es_url=None,
        opensearch_index=f"lt-exp-{uuid.uuid4().hex[:8]}", pseudonym_key="test-key-0123456789",
    )  # fmt: skip
    store = OpenSearchStore.from_settings(settings)
    store.upsert(dataset.items())
    yield store
    drop(store)
    store.close()


@pytest.fixture
def filled_sqlite(sqlite_store):
    sqlite_store.upsert(dataset.items())
    return sqlite_store


def spec(by: str, **overrides) -> TrendSpec:
    return TrendSpec(**{"by": by, "interval": "week", "timezone": "UTC", "min_count": 2, **overrides})


def check_backend(store) -> None:
    for by, expected in dataset.EXPECTED.items():
        rows = [row.as_dict() for row in trend_rows(store, spec(by))]
        assert dataset.published(rows) == expected, by


def test_embedded_store_gives_the_hand_computed_numbers(filled_sqlite):
    check_backend(filled_sqlite)


@pytest.mark.es_emulator
@pytest.mark.parametrize("es_url", ["emulator"], indirect=True)
def test_elasticsearch_emulator_gives_the_same_numbers(es_store):
    check_backend(es_store)


@pytest.mark.opensearch
def test_opensearch_gives_the_same_numbers(os_store):
    check_backend(os_store)


@pytest.mark.opensearch
@pytest.mark.parametrize("timezone", ["Pacific/Auckland", "America/Los_Angeles", "Europe/Amsterdam"])
@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_opensearch_buckets_follow_the_time_zone_like_the_embedded_store(os_store, filled_sqlite, timezone, interval):
    for by in ("country", "city", "destination"):
        wanted = spec(by, timezone=timezone, interval=interval, min_count=1)
        embedded = [row.as_dict() for row in trend_rows(filled_sqlite, wanted)]
        assert [row.as_dict() for row in trend_rows(os_store, wanted)] == embedded, by


@pytest.mark.elasticsearch
@pytest.mark.parametrize("es_url", ["cluster"], indirect=True)
def test_real_cluster_gives_the_same_numbers(es_store):
    check_backend(es_store)


def test_filters_level_source_and_flag(filled_sqlite):
    high = [r.as_dict() for r in trend_rows(filled_sqlite, spec("country", level="medium", min_count=2))]
    # medium+: PH W1 a2,a3; TH W1 a2; PH W2 b1; TH W2 b2,b3.
    assert {(r["key"], r["bucket"]): r["items"] for r in high} == {
        ("PH", "2026-01-05"): 2, ("TH", "2026-01-05"): None, ("PH", "2026-01-12"): None, ("TH", "2026-01-12"): 2,
    }  # fmt: skip
    board_b = [r.as_dict() for r in trend_rows(filled_sqlite, spec("country", sources=("board-b",)))]
    assert {(r["key"], r["bucket"]) for r in board_b} == {
        ("PH", "2026-01-05"), ("TH", "2026-01-05"), ("TH", "2026-01-12"), ("PH", "2026-01-19"),
    }  # fmt: skip
    flagged = [r.as_dict() for r in trend_rows(filled_sqlite, spec("country", flags=("destination",)))]
    assert "NL" not in {r["key"] for r in flagged}
