"""``lantern reprocess``: stored items of another lexicon version are analysed again, resumably, on every backend."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lantern.reprocess import Checkpoint, StopRequest, Target, reprocess
from lantern.storage.sqlite.store import SQLiteStore
from nlp.version import lexicon_version
from tests.storage.items import make_item

LANTERN = str(Path(sys.executable).parent / "lantern")
OLD = "lx1-000000000000"
TEXTS = [
    "Sanne, 16 jaar. Beschikbaar voor een afspraak, bel me.",
    "We stayed with our kids (6 and 9); the staff were lovely and the pool was great.",
    "Police arrested a 45-year-old man on Monday, prosecutors said.",
]


def stale_items(count: int, source: str = "example-ads") -> list[dict]:
    """Items whose stored analysis is of an old lexicon version and rates everything none."""
    items = []
    for n in range(count):
        item = make_item(f"{source}-{n:04d}", TEXTS[n % len(TEXTS)], source=source)
        item["analysis"]["lexicon_version"] = OLD
        item["analysis"]["risk"] = {"score": 0.0, "level": "none", "explanation": "old"}
        items.append(item)
    return items


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANTERN_DATA_DIR": str(data_dir), "COLUMNS": "200"}
    env.pop("LANTERN_ES_URL", None)
    env.pop("LANTERN_OPENSEARCH_URL", None)
    return subprocess.run([LANTERN, "reprocess", *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    with SQLiteStore(folder / "lantern.db") as store:
        store.upsert(stale_items(30) + stale_items(6, source="example-forum"))
    return folder


def test_stale_items_are_analysed_again_and_a_second_run_has_nothing_to_do(data_dir):
    result = run(data_dir, "--batch-size", "10", "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert "re-analysed 36 item(s)" in result.stderr and "levels before" in result.stderr
    current = lexicon_version()
    with SQLiteStore(data_dir / "lantern.db") as store:
        item = store.get("example-ads-0000")
        assert item is not None and item["analysis"]["lexicon_version"] == current
        assert item["analysis"]["risk"]["level"] == "high" and item["analysis"]["genre"]["label"] == "offer"
        assert item["text"] == TEXTS[0]  # crawl fields untouched
        assert not list(store.iter_stale(current))
    again = run(data_dir)
    assert again.returncode == 0 and "re-analysed 0 item(s)" in again.stderr


def test_only_the_sources_and_dates_asked_for(data_dir):
    result = run(data_dir, "--source", "example-forum", "--since", "2026-01-01")
    assert result.returncode == 0, result.stderr
    assert "re-analysed 6 item(s)" in result.stderr
    with SQLiteStore(data_dir / "lantern.db") as store:
        assert store.get("example-ads-0000")["analysis"]["lexicon_version"] == OLD
        assert store.get("example-forum-0000")["analysis"]["lexicon_version"] == lexicon_version()
    later = run(data_dir, "--since", "2027-01-01")
    assert later.returncode == 0 and "re-analysed 0 item(s)" in later.stderr


def test_a_stopped_run_resumes_after_the_last_stored_batch(data_dir):
    target = Target(lexicon_version())
    checkpoint = Checkpoint(data_dir / "state")
    stop = StopRequest()
    options = {"cache_dir": None}
    with SQLiteStore(data_dir / "lantern.db") as store:

        def stop_after_first(_count: int) -> None:
            stop.requested = True

        first = reprocess(
            store,
            target,
            analyzer_options=options,
            checkpoint=checkpoint,
            batch_size=10,
            on_batch=stop_after_first,
            stop=stop,
        )
        assert first.stopped and first.items == 10
        assert checkpoint.resume_after(target) == "example-ads-0009"
        second = reprocess(store, target, analyzer_options=options, checkpoint=checkpoint, batch_size=10)
        assert second.resumed_after == "example-ads-0009" and second.items == 26 and not second.stopped
        assert checkpoint.resume_after(target) is None
        assert not list(store.iter_stale(target.version))


def test_a_checkpoint_of_another_target_is_not_resumed(tmp_path):
    checkpoint = Checkpoint(tmp_path)
    checkpoint.save(Target("lx1-a", ("one",)), "x-1")
    assert checkpoint.resume_after(Target("lx1-a", ("one",))) == "x-1"
    assert checkpoint.resume_after(Target("lx1-b", ("one",))) is None
    assert checkpoint.resume_after(Target("lx1-a")) is None


@pytest.mark.parametrize(
    ("args", "message"), [(["--since", "yesterday"], "is not a date"), (["--batch-size", "0"], "")]
)
def test_bad_options_are_one_line_errors(data_dir, args, message):
    result = run(data_dir, *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_no_store_is_a_clear_error(tmp_path):
    result = run(tmp_path / "empty")
    assert result.returncode == 2 and "no store" in result.stderr


@pytest.mark.opensearch
def test_reprocess_on_a_real_opensearch_node(opensearch_store, tmp_path):
    opensearch_store.upsert(stale_items(25))
    target = Target(lexicon_version())
    checkpoint = Checkpoint(tmp_path)
    progress = reprocess(opensearch_store, target, analyzer_options={}, checkpoint=checkpoint, batch_size=10)
    assert progress.items == 25
    item = opensearch_store.get("example-ads-0000")
    assert item is not None and item["analysis"]["lexicon_version"] == target.version
    assert item["analysis"]["genre"]["label"] == "offer"
