"""Honest run status, with real crawls: a run ends finished, degraded or failed with its reasons, the exit status
says so, and no run stays ``running`` once its process is gone."""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from lantern.fixtures.server import FixtureSites
from lantern.storage.sqlite.store import SQLiteStore
from tests.crawler.crawling import CrawlSetup, setup_for
from tests.crawler.hostile_site import HostileSite

pytestmark = pytest.mark.slow
SOURCE = "demo-classifieds"


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _TooManyRequests(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html><body>429</body></html>"
        self.send_response(429)
        self.send_header("Retry-After", "1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent."""


@contextmanager
def only_429() -> Iterator[str]:
    """A site that answers every request with 429 Too Many Requests (Retry-After: 1)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _TooManyRequests)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def lantern(setup: CrawlSetup, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "lantern", *args]
    return subprocess.run(command, env=setup.env | (env or {}), capture_output=True, text=True, timeout=180)


def runs_json(setup: CrawlSetup) -> list[dict[str, Any]]:
    """``lantern runs --json``, run as a user runs it."""
    result = lantern(setup, "runs", "--json")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def point_at(setup: CrawlSetup, url: str) -> None:
    setup.edit_source(SOURCE, start_urls=[url])


def start_recorded(setup: CrawlSetup) -> subprocess.Popen[str]:
    """A slow crawl of the forum, started and waited for until its run is in the log."""
    setup.edit_source(SOURCE, politeness={"delay": 0.3, "concurrency": 1, "autothrottle": False})
    process = setup.start(SOURCE)
    deadline = time.monotonic() + 60
    while not (setup.data_dir / "lantern.db").exists() or not runs_json(setup):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.2)
    return process


@pytest.fixture
def setup(tmp_path: Path, fixture_sites: FixtureSites) -> CrawlSetup:
    return setup_for(fixture_sites, tmp_path)


def test_an_unreachable_site_fails_with_exit_1(setup: CrawlSetup) -> None:
    point_at(setup, f"http://127.0.0.1:{free_port()}/")
    result = setup.crawl(SOURCE)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "failed: no page could be fetched" in result.stderr
    [run] = runs_json(setup)
    assert run["status"] == "failed" and "no page could be fetched" in run["reasons"][0]


def test_a_site_that_answers_only_429_fails(setup: CrawlSetup) -> None:
    with only_429() as url:
        point_at(setup, url)
        result = setup.crawl(SOURCE)
    assert result.returncode == 1, result.stderr[-2000:]
    [run] = runs_json(setup)
    assert run["status"] == "failed" and "http_429" in run["reasons"][0], run


def test_a_page_budget_ends_a_trap_degraded_and_strict_exits_3(setup: CrawlSetup, tmp_path: Path) -> None:
    with HostileSite() as site:
        point_at(setup, site.url + "/trap/1")
        setup.edit_source(SOURCE, politeness={"delay": 0, "concurrency": 4, "autothrottle": False, "max_pages": 30})
        result = setup.crawl(SOURCE, "--strict")
    assert result.returncode == 3, result.stderr[-2000:]
    [run] = runs_json(setup)
    assert run["status"] == "degraded" and run["stats"]["limit_page_budget"] == 1
    assert run["stats"]["pages"] <= 40 and "page budget" in run["reasons"][0]


def test_a_stopped_trap_resumes_with_what_is_left_of_its_budget(setup: CrawlSetup) -> None:
    with HostileSite() as site:
        point_at(setup, site.url + "/trap/1")
        polite = {"delay": 0.1, "concurrency": 1, "autothrottle": False, "max_pages": 40}
        setup.edit_source(SOURCE, politeness=polite, obey_robots=False)
        process = setup.start(SOURCE)
        deadline = time.monotonic() + 60
        while sum(1 for path in site.requests if path.startswith("/trap/")) < 10:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=60)
        resumed = setup.crawl(SOURCE)
        assert "(resumed)" in resumed.stderr, resumed.stderr[-2000:]
        total = sum(site.requests.values())
        again = setup.crawl(SOURCE)
    runs = runs_json(setup)
    assert [run["status"] for run in runs] == ["degraded", "degraded", "stopped"], runs
    assert total <= 40 + 2 * 4, total  # one budget for the stopped run and its resumption (and what was in flight)
    assert "(resumed)" not in again.stderr  # a run that ended by its budget does not resume the trap


def test_a_locked_store_spools_degraded_and_the_run_is_listed(setup: CrawlSetup) -> None:
    store = setup.data_dir / "lantern.db"
    SQLiteStore(store).close()
    holder = sqlite3.connect(store, timeout=5, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another process's long write: nobody else can write now
    try:
        result = lantern(setup, "crawl", SOURCE, "--no-progress", env={"LANTERN_STORE_BUSY_TIMEOUT": "1"})
        listed = runs_json(setup)  # while the store is still locked
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 0, result.stderr[-2000:]
    assert "degraded" in result.stderr and "spooled" in result.stderr
    assert listed[0]["status"] == "degraded" and listed[0]["stats"]["spooled"] > 0, listed[0]
    assert (setup.data_dir / "runs-pending.jsonl").exists()
    after = runs_json(setup)  # the store is free again: the journal is applied
    assert after[0]["run_id"] == listed[0]["run_id"] and after[0]["status"] == "degraded"
    assert not (setup.data_dir / "runs-pending.jsonl").exists()


def test_a_spool_that_cannot_be_written_stops_the_crawl_before_it_starts(setup: CrawlSetup) -> None:
    setup.data_dir.mkdir(parents=True)
    (setup.data_dir / "spool").write_text("not a folder")
    result = setup.crawl(SOURCE)
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr.startswith("Error: the spool") and len(result.stderr.splitlines()) == 2
    [run] = runs_json(setup)
    assert run["status"] == "failed" and "spool" in run["reasons"][0]


def test_a_double_sigterm_does_not_leave_the_run_running(setup: CrawlSetup) -> None:
    process = start_recorded(setup)
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    time.sleep(0.05)
    process.send_signal(signal.SIGTERM)  # Scrapy stops at once, before the spider can close
    process.communicate(timeout=60)
    [run] = runs_json(setup)
    assert run["status"] == "failed" and "stopped before it could close" in run["reasons"][0], run


def test_a_killed_crawl_is_found_dead_at_the_next_look(setup: CrawlSetup) -> None:
    process = start_recorded(setup)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    [run] = runs_json(setup)  # no crawl ran since: `lantern runs` itself finds the process gone
    assert run["status"] == "failed" and "killed" in run["reasons"][0], run


def test_the_coverage_check_compares_with_the_last_finished_run(setup: CrawlSetup) -> None:
    assert setup.crawl(SOURCE).returncode == 0
    setup.edit_source(SOURCE, links={"listing": "a.no-such-link", "detail": "a.ad-link"})
    result = setup.crawl(SOURCE)
    assert result.returncode == 0, result.stderr[-2000:]
    latest, first = runs_json(setup)
    assert first["status"] == "finished"
    assert latest["status"] == "degraded" and "coverage fell" in " ".join(latest["reasons"]), latest


def test_source_files_of_the_demo_are_still_valid(setup: CrawlSetup) -> None:
    data = yaml.safe_load((setup.sources_dir / f"{SOURCE}.yml").read_text())
    assert data["allow_private_network"] == ["127.0.0.1"]
