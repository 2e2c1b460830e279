"""``lantern es …`` against the real OpenSearch node, and the one-line errors of bad engine settings."""

from __future__ import annotations

import pytest

from tests.opensearch.node import free_port


def env(url: str, alias: str = "lt-cli") -> dict[str, str]:
    return {"LANTERN_OPENSEARCH_URL": url, "LANTERN_OPENSEARCH_INDEX": alias, "LANTERN_ES_URL": ""}


def one_line_error(answer, *words: str) -> None:
    err = answer.stderr.decode()
    assert answer.returncode == 2, err
    assert "Traceback" not in err
    assert err.startswith("Error: ") and all(word in err for word in words), err


@pytest.mark.parametrize("url", ["not a url", "ftp://127.0.0.1:9200", "http://", "http://127.0.0.1:99999"])
def test_an_opensearch_url_that_is_not_a_url_is_refused(lantern_cli, url):
    one_line_error(lantern_cli("es", "status", env=env(url)), "LANTERN_OPENSEARCH_URL", "not an http(s) URL")


def test_an_unreachable_node_is_one_line(lantern_cli):
    one_line_error(lantern_cli("es", "status", env=env(f"http://127.0.0.1:{free_port()}")), "cannot reach OpenSearch")


def test_both_engines_at_once_are_refused(lantern_cli):
    both = env("http://127.0.0.1:9200") | {"LANTERN_ES_URL": "http://127.0.0.1:9201"}
    one_line_error(lantern_cli("search", "hotel", env=both), "both LANTERN_ES_URL and LANTERN_OPENSEARCH_URL")


@pytest.mark.opensearch
def test_setup_then_status_on_the_real_node(lantern_cli, opensearch_node):
    alias = "lt-cli-status"
    setup = lantern_cli("es", "setup", env=env(opensearch_node.url, alias))
    assert setup.returncode == 0, setup.stderr.decode()
    assert f"alias {alias} → {alias}-v1" in setup.stdout.decode()
    status = lantern_cli("es", "status", env=env(opensearch_node.url, alias))
    out = status.stdout.decode()
    assert status.returncode == 0, status.stderr.decode()
    assert "OpenSearch 2.19" in out and "green" in out and f"{alias}-v1" in out
    assert "degraded" not in out


@pytest.mark.opensearch
def test_the_elasticsearch_url_pointing_at_opensearch_is_refused(lantern_cli, opensearch_node):
    answer = lantern_cli("es", "status", env={"LANTERN_ES_URL": opensearch_node.url, "LANTERN_OPENSEARCH_URL": ""})
    one_line_error(answer, "not Elasticsearch")


@pytest.mark.opensearch
def test_reindex_then_search_show_stats_and_exports_on_opensearch(lantern_cli, opensearch_node, tmp_path):
    from lantern.storage.sqlite.store import SQLiteStore
    from tests.storage.contract import corpus

    embedded = tmp_path / "embedded.db"
    with SQLiteStore(embedded) as store:
        store.upsert(corpus())
    engine = env(opensearch_node.url, "lt-cli-e2e") | {"LANTERN_PSEUDONYM_KEY": "test-key-0123456789"}
    copied = lantern_cli("es", "reindex", "--from-embedded", str(embedded), env=engine)
    assert copied.returncode == 0 and "6 item(s) copied" in copied.stdout.decode(), copied.stderr.decode()
    found = lantern_cli("search", "hotel", "--level", "medium", env=engine)
    assert found.returncode == 0 and "item-high-ph" in found.stdout.decode(), found.stderr.decode()
    shown = lantern_cli("show", "item-high-ph", env=engine)
    assert shown.returncode == 0 and "Sixteen years old" in shown.stdout.decode()
    stats = lantern_cli("stats", env=engine)
    assert stats.returncode == 0 and "6" in stats.stdout.decode()
    out = tmp_path / "items.jsonl"
    exported = lantern_cli("export", "items", "--country", "PH", "--pseudonymise", "-o", str(out), env=engine)
    assert exported.returncode == 0, exported.stderr.decode()
    assert out.read_text().count("\n") == 1 and "+12025550143" not in out.read_text()
    trends = tmp_path / "trends.csv"
    made = lantern_cli("export", "trends", "--by", "country", "--min-count", "2", "-o", str(trends), env=engine)
    assert made.returncode == 0 and trends.read_text().startswith("key,country,bucket"), made.stderr.decode()
