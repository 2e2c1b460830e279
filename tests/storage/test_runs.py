"""The crawl-runs log: runs start, count, finish, and are listed newest first, in the store's own file."""

from __future__ import annotations

import threading

import pytest

from lantern.errors import InputError
from lantern.runs import RunLog
from lantern.storage.base import SearchQuery
from lantern.storage.sqlite.store import SQLiteStore
from tests.storage.contract import corpus


@pytest.fixture
def log(store_file):
    with RunLog(store_file) as log:
        yield log


def test_a_run_from_start_to_finish(log):
    run_id = log.start("example-ads", log_file="logs/run.log")
    running = log.get(run_id)
    assert running.status == "running" and running.ended_at is None and running.stats == {}
    assert log.update(run_id, {"pages": 3, "items_new": 2})
    assert log.get(run_id).stats == {"pages": 3, "items_new": 2}
    assert log.finish(run_id, "finished", {"pages": 5, "items_new": 4, "dropped_oversized": 1})
    run = log.get(run_id)
    assert (run.status, run.stats["pages"], run.log_file, run.error) == ("finished", 5, "logs/run.log", None)
    assert run.ended_at >= run.started_at


def test_failed_run_keeps_its_counters_and_error(log):
    run_id = log.start("example-forum", run_id="given-id")
    assert run_id == "given-id"
    log.update(run_id, {"pages": 7})
    log.finish(run_id, "failed", {}, error="the crawl process was killed")
    run = log.get(run_id)
    assert (run.status, run.stats, run.error) == ("failed", {"pages": 7}, "the crawl process was killed")


def test_restarting_a_run_marks_it_running_again(log):
    log.start("example-ads", run_id="r1")
    log.finish("r1", "stopped", {"pages": 2})
    log.start("example-ads", run_id="r1")
    run = log.get("r1")
    assert (run.status, run.ended_at, run.stats) == ("running", None, {"pages": 2})


def test_unknown_runs(log):
    assert log.get("nope") is None
    assert log.update("nope", {"pages": 1}) is False
    assert log.finish("nope", "failed", {}) is False


def test_running_is_not_a_final_status(log):
    run_id = log.start("example-ads")
    with pytest.raises(InputError):
        log.finish(run_id, "running", {})


def test_recent_newest_first_by_source(log):
    for n in range(5):
        log.start("example-ads" if n % 2 else "example-forum", run_id=f"run-{n}")
    assert [run.run_id for run in log.recent(limit=3)] == ["run-4", "run-3", "run-2"]
    assert [run.run_id for run in log.recent(source="example-ads")] == ["run-3", "run-1"]


def test_runs_share_the_file_with_the_store(store_file, log):
    with SQLiteStore(store_file) as store:
        store.upsert(corpus())
        run_id = log.start("example-ads")
        log.finish(run_id, "finished", {"items_new": 6})
        assert store.search(SearchQuery()).total == 6


def test_updates_from_threads(log):
    run_id = log.start("example-ads")
    threads = [threading.Thread(target=log.update, args=(run_id, {"pages": n})) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert log.get(run_id).stats["pages"] in range(20)
