"""``lantern search/show/stats/runs`` run as real commands against a store in a temporary data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lantern.runs import RunLog
from lantern.storage.sqlite.store import SQLiteStore
from tests.storage.contract import corpus

LANTERN = [str(Path(sys.executable).parent / "lantern")]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """A data folder with the contract corpus stored and two crawl runs logged."""
    folder = tmp_path_factory.mktemp("data")
    with SQLiteStore(folder / "lantern.db") as store:
        store.upsert(corpus())
    with RunLog(folder / "lantern.db") as log:
        ok = log.start("example-ads", run_id="run-finished-1")
        log.finish(ok, "finished", {"pages": 4, "items_new": 6, "dropped_oversized": 1})
        failed = log.start("example-forum", run_id="run-failed-2")
        log.finish(failed, "failed", {"pages": 1}, error="connection refused")
    return folder


def lantern(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANTERN_DATA_DIR": str(data_dir), "COLUMNS": "200", "LANTERN_TIMEZONE": "UTC"}
    env.pop("LANTERN_ES_URL", None)
    return subprocess.run([*LANTERN, *args], capture_output=True, text=True, env=env, timeout=60)


def invoke(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The same command in this process (click's runner): for the option matrices, to keep the default run fast."""
    from click.testing import CliRunner

    from lantern.cli.main import cli

    env = {"LANTERN_DATA_DIR": str(data_dir), "LANTERN_TIMEZONE": "UTC", "LANTERN_ES_URL": None, "COLUMNS": "200"}
    result = CliRunner().invoke(cli, list(args), env=env)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_search_with_filters_prints_a_table(data_dir):
    result = lantern(data_dir, "search", "hotel", "--level", "medium")
    assert result.returncode == 0, result.stderr
    assert "2 match(es)" in result.stdout
    assert "item-high-ph" in result.stdout and "item-medium-" in result.stdout
    assert "Sixteen years old" in result.stdout  # the evidence snippet


def test_search_json_lines_are_stored_items(data_dir):
    result = lantern(data_dir, "search", "--country", "ph", "--flag", "minor_age", "--json")
    assert result.returncode == 0, result.stderr
    items = json_lines(result.stdout)
    assert [item["id"] for item in items] == ["item-high-ph"]
    assert items[0]["analysis"]["contacts"]["phones"] == ["+12025550143"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--source", "example-forum"], {"item-medium-th", "item-none-news"}),
        (["--since", "2026-02-01", "--until", "2026-03-01"], {"item-medium-th"}),
        (["--phone", "+1 202 555 0143"], {"item-high-ph"}),
        (["--kind", "post", "police"], {"item-none-news"}),
        (["bicycle OR café"], {"item-none-plain", "item-low-nl"}),
    ],
)
def test_search_filters(data_dir, args, expected):
    result = invoke(data_dir, "search", "--json", *args)
    assert result.returncode == 0, result.stderr
    assert {item["id"] for item in json_lines(result.stdout)} == expected


def test_search_paging(data_dir):
    first = json_lines(invoke(data_dir, "search", "--json", "--limit", "4").stdout)
    rest = json_lines(invoke(data_dir, "search", "--json", "--limit", "4", "--offset", "4").stdout)
    assert len(first) == 4 and len(rest) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "01/02/2026"], "is not a date"),
        (["--since", "2026-02-30"], "is not a date"),
        (['"unbalanced'], "unbalanced quote"),
        (["--", "-police"], "only exclude"),
        (["--phone", "call me"], "not a phone number"),
        (["--country", "Philippines"], "--country"),
        (["--since", "2026-03-01", "--until", "2026-01-01"], "not before"),
    ],
)
def test_bad_input_is_a_clear_error(data_dir, args, message):
    result = invoke(data_dir, "search", *args)
    assert result.returncode == 2
    assert message in result.stderr and "hint:" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_store_is_a_clear_error(tmp_path):
    result = lantern(tmp_path / "empty", "search", "hotel")
    assert result.returncode == 2 and "no store at" in result.stderr
    assert not (tmp_path / "empty").exists()  # reading never creates a store


def test_show_by_unique_prefix_highlights_the_text(data_dir):
    result = lantern(data_dir, "show", "item-hig")
    assert result.returncode == 0, result.stderr
    for expected in ("item-high-ph", "test item at level high", "Manila (PH, destination)", "+12025550143"):
        assert expected in result.stdout
    assert "Sixteen years old, new in town" in result.stdout


def test_show_json_is_the_stored_item(data_dir):
    result = invoke(data_dir, "show", "item-low-nl", "--json")
    assert json.loads(result.stdout)["text"] == "Quiet café in Amsterdam, agency manages bookings."


@pytest.mark.parametrize(
    ("item_id", "message"), [("item-no", "at least 8"), ("item-none", "several ids"), ("zzzzzzzzzz", "no item")]
)
def test_show_unknown_or_ambiguous_id(data_dir, item_id, message):
    result = invoke(data_dir, "show", item_id)
    assert result.returncode == 2 and message in result.stderr


def test_stats_counts_and_runs(data_dir):
    result = lantern(data_dir, "stats")
    assert result.returncode == 0, result.stderr
    assert "6 item(s)" in result.stdout
    assert "example-forum" in result.stdout and "minor_age" in result.stdout and "connection refused" in result.stdout
    counts = json.loads(invoke(data_dir, "stats", "--json").stdout)
    assert counts["items"] == 6 and counts["by_country"] == {"PH": 1, "TH": 1, "NL": 1}
    assert [run["run_id"] for run in counts["runs"]] == ["run-failed-2", "run-finished-1"]


def test_runs_lists_newest_first_and_filters_by_source(data_dir):
    runs = json_lines(invoke(data_dir, "runs", "--json").stdout)
    assert [run["status"] for run in runs] == ["failed", "finished"]
    only = json_lines(invoke(data_dir, "runs", "--json", "--source", "example-ads").stdout)
    assert [run["stats"] for run in only] == [{"dropped_oversized": 1, "items_new": 6, "pages": 4}]
    table = lantern(data_dir, "runs")
    assert "run-finished" in table.stdout and "dropped_oversized 1" in table.stdout


def test_every_command_help_has_an_example(data_dir):
    for command in ("search", "show", "stats", "runs"):
        assert "Example: lantern " in invoke(data_dir, command, "--help").stdout


def test_highlighting_follows_the_analysis_offsets():
    from lantern.cli.render import analysed_text, highlighted, snippet

    item = corpus()[0]  # has a title: offsets index title + blank line + text
    text = highlighted(item)
    styled = {text.plain[span.start : span.end] for span in text.spans}
    assert styled == {"Sixteen years old", "new in town", "Manila"}
    assert text.plain == analysed_text(item) == "Tour notice\n\nSixteen years old, new in town near Manila hotel."
    line = snippet(item)
    assert "\n" not in line.plain
    assert {line.plain[span.start : span.end] for span in line.spans} >= {"Sixteen years old", "new in town"}


def test_show_names_the_genre_and_the_segment_that_decided(tmp_path, analyzer):
    from tests.storage.items import make_item

    filler = " ".join(["The market was busy with visitors from the region this morning."] * 25)
    text = f"{filler} Sanne, 16 jaar, beschikbaar, bel me."
    item = make_item("item-long", text=text)
    record = analyzer.analyze({"id": "item-long", "text": text})
    item["analysis"], item["language"] = record["analysis"], record["language"]
    with SQLiteStore(tmp_path / "lantern.db") as store:
        store.upsert([item])
    result = lantern(tmp_path, "show", "item-long")
    assert result.returncode == 0, result.stderr
    assert "genre" in result.stdout and "deciding segment: offer" in result.stdout
    assert "the segment that decided the level (offer" in result.stdout
