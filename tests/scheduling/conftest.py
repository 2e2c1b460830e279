"""Fixtures for the scheduling tests: a data folder, source files pointing at the local fixture sites, and
helpers to run the real ``lantern`` CLI and scheduler service as subprocesses."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from lantern.fixtures.testing import fixture_sites  # noqa: F401 (a fixture)
from lantern.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
LANTERN = [sys.executable, "-m", "lantern"]


def source_yaml(name: str, start_url: str) -> str:
    """A classifieds source like crawler/sources/demo-classifieds.yml, starting at ``start_url``."""
    template = (ROOT / "crawler" / "sources" / "demo-classifieds.yml").read_text(encoding="utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("name:"):
            line = f"name: {name}"
        elif line.startswith("start_urls:"):
            line = f'start_urls: ["{start_url}"]'
        elif line.strip().startswith("delay:"):
            line = "  delay: 0.05  # a crawl of several seconds, longer than the tests' intervals"
        lines.append(line)
    return "\n".join(lines) + "\n"


@dataclass
class SchedulingEnv:
    """A private data folder and sources folder, and ways to run Lantern against them."""

    root: Path
    env: dict[str, str]
    services: list[subprocess.Popen] = field(default_factory=list)

    @property
    def settings(self) -> Settings:
        return Settings.from_env(self.env)

    def lantern(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """Run ``lantern ARGS`` to completion."""
        return subprocess.run(
            [*LANTERN, *args], env=self.env, capture_output=True, text=True, timeout=timeout, cwd=self.root
        )

    def start_service(self, name: str = "service") -> subprocess.Popen:
        """Start ``lantern scheduler start`` in the background (its output in ``<name>.log``)."""
        log = (self.root / f"{name}.log").open("ab")
        process = subprocess.Popen(
            [*LANTERN, "scheduler", "start"], env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=self.root
        )
        self.services.append(process)
        return process

    def history(self, name: str | None = None) -> list[dict[str, Any]]:
        """The schedule-run records, oldest first, with crawl stats."""
        from lantern.scheduling import history
        from lantern.scheduling.db import engine_for

        settings = self.settings
        return list(reversed(history.with_stats(settings, history.recent(engine_for(settings), name, 1000))))


@pytest.fixture
def sched(tmp_path: Path, fixture_sites) -> Iterator[SchedulingEnv]:  # noqa: F811
    """Sources ``quick`` (the small classifieds site, a crawl of a few seconds) and ``slowpoke`` (a page that
    answers after 4 s) in a fresh data folder; services started by the test are stopped afterwards."""
    sources = tmp_path / "sources"
    sources.mkdir()
    base = fixture_sites.classifieds_url.rstrip("/")
    (sources / "quick.yml").write_text(source_yaml("quick", base + "/"), encoding="utf-8")
    (sources / "slowpoke.yml").write_text(source_yaml("slowpoke", base + "/x/slow.html?sleep=4"), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        LANTERN_DATA_DIR=str(tmp_path / "data"),
        LANTERN_SOURCES_DIR=str(sources),
        LANTERN_TIMEZONE="UTC",
        LANTERN_SCHEDULER_DB_URL="",
        LANTERN_ES_URL="",
    )
    environment = SchedulingEnv(tmp_path, env)
    yield environment
    for process in environment.services:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_for(condition: Callable[[], Any], timeout: float, every: float = 0.25) -> Any:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"condition not met within {timeout}s")


def processes_mentioning(text: str) -> list[int]:
    """Pids of live processes whose command line contains ``text`` (psutil if installed, else /proc)."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        return [p.pid for p in psutil.process_iter(["cmdline"]) if text in " ".join(p.info["cmdline"] or [])]
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            pids.append(int(entry.name))
    return pids


def assert_no_overlap(runs: list[dict[str, Any]]) -> None:
    """No two runs that actually ran (not ``skipped``) overlap in time."""
    ran = sorted((r for r in runs if r["status"] != "skipped"), key=lambda r: r["started_at"])
    for earlier, later in itertools.pairwise(ran):
        assert earlier["ended_at"] is not None and earlier["ended_at"] <= later["started_at"], (earlier, later)
