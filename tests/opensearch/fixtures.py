"""The session's OpenSearch node (pytest marker ``opensearch``).

Skipped only where the tools are genuinely absent (no JVM, or neither a build nor Maven) and ``CI`` is not
set; in CI a missing engine fails the tests. Each test gets its own alias, wiped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from tests.opensearch.node import OpenSearchNode, missing_tools


def require_tools() -> None:
    """Skip (outside CI) or fail (in CI) when nodes cannot be started here."""
    reason = missing_tools()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the OpenSearch tests, but {reason}", pytrace=False)
    pytest.skip(f"{reason}; install Java 17 and Maven to run the OpenSearch tests")


@pytest.fixture(scope="session")
def opensearch_node(tmp_path_factory) -> Iterator[OpenSearchNode]:
    """One single-node OpenSearch for the whole session, stopped by PID at the end."""
    require_tools()
    node = OpenSearchNode(tmp_path_factory.mktemp("opensearch"))
    node.start()
    yield node
    node.stop()


@pytest.fixture
def opensearch_settings(opensearch_node, tmp_path):
    """Settings for a store on the session's node under a unique alias."""
    from lantern.settings import get_settings

    return get_settings(
        data_dir=tmp_path / "data",
        es_url=None,
        opensearch_url=opensearch_node.url,
        opensearch_index=f"lt-{uuid.uuid4().hex[:10]}",
        pseudonym_key="test-key-0123456789",
    )


def drop(store) -> None:
    """Delete a store's indices and templates."""
    engine = store.engine
    found = engine.request("GET", f"/{store.alias}-v*", params={"allow_no_indices": "true", "expand_wildcards": "all"})
    for index in found:
        engine.request("DELETE", f"/{index}", ignore=(404,))
    engine.request("DELETE", f"/_index_template/{store.alias}", ignore=(404,))
    for part in ("settings", "mappings"):
        engine.request("DELETE", f"/_component_template/{store.alias}-{part}", ignore=(404,))


@pytest.fixture
def opensearch_store(opensearch_settings):
    """An empty OpenSearch store under a unique alias, wiped after the test."""
    from lantern.storage.opensearch.store import OpenSearchStore

    store = OpenSearchStore.from_settings(opensearch_settings)
    yield store
    drop(store)
    store.close()
