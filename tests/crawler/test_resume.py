"""Interrupted crawls: SIGTERM stops gracefully and resumes; after kill -9 the next crawl completes exactly once."""

from __future__ import annotations

import signal
import sqlite3
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from lantern.fixtures.server import FixtureSites
from tests.crawler.crawling import CrawlSetup, setup_for, truth_id

pytestmark = pytest.mark.slow
SOURCE = "demo-classifieds"


def slow_setup(sites: FixtureSites, tmp_path: Path) -> CrawlSetup:
    setup = setup_for(sites, tmp_path)
    setup.edit_source(SOURCE, politeness={"delay": 0.15, "concurrency": 1, "autothrottle": False})
    return setup


def stored_count(setup: CrawlSetup) -> int:
    """Items stored so far. The connection is closed at once: one left open in this process (``with connect()``
    only commits) keeps a stale WAL index that later connections here share, and they then read a sound store
    as malformed."""
    try:
        with closing(sqlite3.connect(setup.data_dir / "lantern.db", timeout=5)) as db:
            return db.execute("SELECT count(*) FROM items").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def interrupt_after_items(setup: CrawlSetup, sig: int, items: int = 8, timeout: float = 60) -> int:
    """Start a crawl, send ``sig`` once ``items`` are stored; returns the exit status."""
    process = setup.start(SOURCE)
    deadline = time.monotonic() + timeout
    while stored_count(setup) < items:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the crawl stored nothing in time"
        time.sleep(0.2)
    process.send_signal(sig)
    process.communicate(timeout=60)
    return process.returncode


def assert_complete(setup: CrawlSetup, sites: FixtureSites) -> None:
    ids = Counter(item["id"] for item in setup.stored())
    expected = {truth_id(e) for e in sites.truth if e["site"] == "classifieds"}
    assert set(ids) == expected
    assert max(ids.values()) == 1


def test_sigterm_stops_gracefully_and_the_next_crawl_resumes(tmp_path: Path, fresh_fixture_sites: FixtureSites) -> None:
    setup = slow_setup(fresh_fixture_sites, tmp_path)
    assert interrupt_after_items(setup, signal.SIGTERM) == 0
    stopped = setup.runs(SOURCE)[0]
    assert stopped.status == "stopped"
    partial = stored_count(setup)
    assert 0 < partial < len([e for e in fresh_fixture_sites.truth if e["site"] == "classifieds"])
    fresh_fixture_sites.clear_requests()
    run = setup.crawl(SOURCE)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "(resumed)" in run.stderr
    assert "/" not in fresh_fixture_sites.requested_paths("classifieds")[:1], "resumed, not started over"
    assert setup.runs(SOURCE)[0].status == "finished"
    assert_complete(setup, fresh_fixture_sites)


def test_after_kill_9_the_next_crawl_stores_every_item_exactly_once(
    tmp_path: Path, fresh_fixture_sites: FixtureSites
) -> None:
    setup = slow_setup(fresh_fixture_sites, tmp_path)
    interrupt_after_items(setup, signal.SIGKILL)
    run = setup.crawl(SOURCE)
    assert run.returncode == 0, run.stderr[-2000:]
    runs = setup.runs(SOURCE)
    assert runs[0].status == "finished"
    assert runs[1].status == "failed" and "killed" in (runs[1].error or "")
    assert_complete(setup, fresh_fixture_sites)
