"""Faults on a real two-node OpenSearch cluster (markers opensearch and slow).

Node 1 is the cluster manager and holds data, node 2 holds data only; the items index has one primary and one
replica, so each node holds a copy. Lantern's client talks to node 1. The crawl's store stage (the real
:class:`~pipelines.store.StorePipeline` on a Scrapy crawler) writes while node 2 is stopped or restarted.
"""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from click.testing import CliRunner
from scrapy.utils.test import get_crawler

from crawler.settings import scrapy_settings
from lantern.cli.main import cli
from lantern.settings import get_settings
from lantern.spool import Spool
from lantern.storage.opensearch.store import OpenSearchStore
from pipelines.store import StorePipeline
from tests.opensearch.fixtures import require_tools
from tests.opensearch.node import OpenSearchNode, cluster
from tests.storage.items import make_item

pytestmark = [pytest.mark.opensearch, pytest.mark.slow]


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    """Two nodes forming one cluster, stopped by PID afterwards."""
    require_tools()
    members = cluster(tmp_path_factory.mktemp("cluster"))
    try:
        for node in members:
            node.start(wait_for="")
        assert members[0].health("yellow", "60s")["number_of_nodes"] == 2
        yield members
    finally:
        for node in members:
            node.stop()


@pytest.fixture
def settings(nodes, tmp_path):
    return get_settings(
        data_dir=tmp_path / "data",
        es_url=None,
        opensearch_url=nodes[0].url,
        opensearch_index=f"lt-f-{uuid.uuid4().hex[:8]}",
        pseudonym_key="test-key-0123456789",
        es_bulk_batch_size=200,
    )


@pytest.fixture
def store(settings, nodes):
    """A store whose index has a replica on the other node, green before the test starts."""
    store = OpenSearchStore.from_settings(settings)
    store.ensure_setup()
    store.engine.request("PUT", f"/{store.alias}/_settings", {"index": {"number_of_replicas": 1}})
    wait_green(nodes[0])
    yield store
    store.close()


def wait_green(node: OpenSearchNode) -> None:
    assert node.health("green", "90s"), "the cluster did not become green"


def items(prefix: str, count: int) -> list[dict]:
    return [make_item(f"{prefix}-{i:06d}", f"Plain listing number {i} for a lamp.", level="none") for i in range(count)]


def stored_ids(store: OpenSearchStore) -> list[str]:
    """Every stored id, duplicates included (from a terms aggregation over all documents)."""
    store.engine.request("POST", f"/{store.alias}/_refresh")
    body = {"size": 0, "track_total_hits": True, "aggs": {"ids": {"terms": {"field": "id", "size": 100_000}}}}
    found = store.engine.request("POST", f"/{store.alias}/_search", body)
    assert all(b["doc_count"] == 1 for b in found["aggregations"]["ids"]["buckets"])
    assert found["hits"]["total"]["value"] == len(found["aggregations"]["ids"]["buckets"])
    return [b["key"] for b in found["aggregations"]["ids"]["buckets"]]


def pipeline(settings) -> StorePipeline:
    crawler = get_crawler(settings_dict=scrapy_settings(settings))
    return StorePipeline(crawler)


def test_nodes_stopped_during_a_crawl_lose_nothing(settings, store, nodes):
    """A data node killed: writes go on (degraded); the node the crawler talks to killed: batches spool."""
    stage = pipeline(settings)
    batches = [items(f"crawl-{n}", 100) for n in range(32)]
    for batch in batches[:10]:
        stage.write_batch(batch)
    nodes[1].stop(hard=True)  # killed, as by a power cut
    for batch in batches[10:20]:
        stage.write_batch(batch)
    env = {
        "LANTERN_OPENSEARCH_URL": settings.opensearch_url,
        "LANTERN_OPENSEARCH_INDEX": settings.opensearch_index,
        "LANTERN_DATA_DIR": str(settings.data_dir),
        "LANTERN_ES_URL": "",
    }
    answer = CliRunner().invoke(cli, ["es", "status"], env=env, catch_exceptions=False)
    assert "degraded" in answer.output, answer.output
    nodes[1].start(wait_for="")
    wait_green(nodes[0])
    for batch in batches[20:30]:
        stage.write_batch(batch)
    nodes[0].stop(hard=True)  # the crawler's own node: nothing answers, every retry fails
    for batch in batches[30:]:
        stage.write_batch(batch)
    nodes[0].start(wait_for="")
    wait_green(nodes[0])
    stats = stage.stats.get_stats()
    stage.close_spider()
    replayed = pipeline(settings)
    replayed.open_spider()  # what the next crawl does first
    replayed.close_spider()
    spooled = stats.get("store/spooled", 0)
    assert spooled >= 200 and stats.get("store/written", 0) + spooled == 3200
    assert Spool.for_backend(settings, "opensearch").pending() == 0
    assert sorted(stored_ids(store)) == sorted(i["id"] for b in batches for i in b)
    assert "store/quarantined" not in stats
    print(f"\nnode stopped mid-crawl: {stats.get('store/written', 0)} written, {spooled} spooled and replayed")


def test_a_node_restarted_mid_bulk_stores_each_item_exactly_once(store, nodes):
    wanted = items("bulk", 20_000)
    result: dict[str, object] = {}

    def write() -> None:
        try:
            result["written"] = store.upsert(wanted)
        except Exception as exc:  # the test reports it below
            result["error"] = exc

    writer = threading.Thread(target=write)
    began = time.monotonic()
    writer.start()
    time.sleep(1.0)
    nodes[1].stop()
    nodes[1].start(wait_for="")
    writer.join(timeout=600)
    assert "error" not in result, result.get("error")
    assert result["written"] == len(wanted)
    assert sorted(stored_ids(store)) == [i["id"] for i in wanted]
    times_seen = {"size": 0, "query": {"bool": {"must_not": {"term": {"times_seen": 1}}}}, "track_total_hits": True}
    assert store.engine.request("POST", f"/{store.alias}/_search", times_seen)["hits"]["total"]["value"] == 0
    wait_green(nodes[0])
    print(f"\n{len(wanted)} items in {time.monotonic() - began:.1f}s across a node restart, each stored once")
