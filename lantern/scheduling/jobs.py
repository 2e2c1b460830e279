"""The job: one crawl of a source in its own process (Scrapy's reactor cannot restart), supervised.

``lantern crawl SOURCE --run-id ID`` runs with its output in ``<data_dir>/logs/<run_id>.log``. The source's lease
is held (and renewed) for the whole run. Past its timeout the crawl is sent SIGTERM (it saves its state and
exits), then killed if it does not exit in time, and the run is recorded as ``timeout``; a crash is recorded as
``failed`` with the tail of the log; a service shutdown stops the crawl the same way and records ``stopped``.
A crawl that ran to its end is recorded with the status it judged itself (``finished``, ``degraded`` or
``failed``, :mod:`lantern.run_health`) and its reasons, read from the crawl-runs log.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from lantern.scheduling import history
from lantern.scheduling.db import engine_for, now_utc
from lantern.scheduling.lock import RENEW_EVERY_SECONDS, SourceLock, holder
from lantern.settings import Settings, get_settings

STOP_GRACE_SECONDS = 20.0
LOG_TAIL_LINES = 20


def default_crawl_command() -> list[str]:
    """How to call Lantern's CLI from here: the ``lantern`` script next to this Python, else ``python -c``."""
    script = Path(sys.executable).with_name("lantern")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from lantern.cli.main import cli; cli()"]


@dataclass
class Runtime:
    """What runs need from the process they run in: settings, identity, the crawl command, the stop signal."""

    settings: Settings
    owner: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    crawl_command: list[str] = field(default_factory=default_crawl_command)
    stop_grace: float = STOP_GRACE_SECONDS
    stop: threading.Event = field(default_factory=threading.Event)
    active: dict[str, dict[str, Any]] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def track(self, run_id: str, info: dict[str, Any] | None) -> None:
        """Add (info) or remove (None) a running crawl in the registry shown by the heartbeat."""
        with self._guard:
            if info is None:
                self.active.pop(run_id, None)
            else:
                self.active[run_id] = info

    def running(self) -> list[dict[str, Any]]:
        """The crawls running now."""
        with self._guard:
            return [dict(info, run_id=run_id) for run_id, info in self.active.items()]


@dataclass(frozen=True)
class RunOutcome:
    """How one run ended."""

    run_id: str
    status: str
    exit_code: int | None = None
    log_file: str | None = None
    error: str | None = None


_runtime: Runtime | None = None


def install(runtime: Runtime | None) -> None:
    """Make ``runtime`` the one jobs in this process use (the service calls this on start)."""
    global _runtime
    _runtime = runtime


def current() -> Runtime:
    """The installed runtime, or one built from the environment."""
    global _runtime
    if _runtime is None:
        _runtime = Runtime(get_settings())
    return _runtime


def run_scheduled(schedule: str, source: str, timeout: int, spec: str = "") -> str:
    """APScheduler's job function: run ``schedule`` once unless it was paused or removed meanwhile."""
    from lantern.scheduling.schedules import is_active

    runtime = current()
    if runtime.stop.is_set() or not is_active(runtime.settings, schedule):
        return "not-run"
    return run_crawl(runtime, schedule, source, timeout, trigger="scheduled").status


def new_run_id(schedule: str) -> str:
    """A run id that sorts by time and names its schedule: ``<schedule>-20250101T120000-ab12cd``."""
    return f"{schedule}-{now_utc():%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def run_crawl(runtime: Runtime, schedule: str, source: str, timeout: int, trigger: str) -> RunOutcome:
    """Run one crawl of ``source`` under its lease and record it in the history; the outcome."""
    engine = engine_for(runtime.settings)
    run_id = new_run_id(schedule)
    lease = SourceLock(engine, source, f"{runtime.owner}/{run_id}")
    if not lease.acquire(run_id):
        busy = holder(engine, source)
        reason = f"source {source!r} is busy with run {busy['run_id'] if busy else '?'}"
        history.record_skipped(engine, schedule=schedule, source=source, run_id=run_id, trigger=trigger, reason=reason)
        return RunOutcome(run_id, "skipped", error=reason)
    log_file = runtime.settings.data_dir / "logs" / f"{run_id}.log"
    try:
        return _run_leased(runtime, engine, lease, schedule, source, timeout, trigger, run_id, log_file)
    finally:
        lease.release()


def _run_leased(
    runtime: Runtime,
    engine: Engine,
    lease: SourceLock,
    schedule: str,
    source: str,
    timeout: int,
    trigger: str,
    run_id: str,
    log_file: Path,
) -> RunOutcome:
    log_file.parent.mkdir(parents=True, exist_ok=True)
    history.record_start(
        engine, schedule=schedule, source=source, run_id=run_id, trigger=trigger, log_file=str(log_file),
        owner=runtime.owner,
    )  # fmt: skip
    runtime.track(run_id, {"schedule": schedule, "source": source, "started": now_utc().isoformat()})
    try:
        outcome = _supervise(runtime, lease, source, timeout, run_id, log_file)
    except BaseException as exc:
        history.record_end(engine, run_id, "failed", error=f"scheduler error: {exc!r}")
        raise
    finally:
        runtime.track(run_id, None)
    history.record_end(engine, run_id, outcome.status, outcome.exit_code, outcome.error)
    return outcome


def _supervise(
    runtime: Runtime, lease: SourceLock, source: str, timeout: int, run_id: str, log_file: Path
) -> RunOutcome:
    command = [*runtime.crawl_command, "crawl", source, "--run-id", run_id]
    with log_file.open("ab") as log:
        try:
            process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
            )
        except OSError as exc:
            return RunOutcome(run_id, "failed", None, str(log_file), f"could not start the crawl: {exc}")
    code, reason = _wait(runtime, lease, process, timeout)
    if reason in ("timeout", "stopped"):
        return RunOutcome(run_id, reason, code, str(log_file), _reason_text(reason, timeout))
    status, reasons = recorded_status(runtime.settings, run_id)
    if code == 0:
        status = status if status in ("degraded", "stopped") else "finished"
        return RunOutcome(run_id, status, code, str(log_file), "; ".join(reasons) or None)
    details = "; ".join(reasons) or f"exit code {code}\n{log_tail(log_file)}"
    return RunOutcome(run_id, "failed", code, str(log_file), details)


def recorded_status(settings: Settings, run_id: str) -> tuple[str | None, list[str]]:
    """The status and reasons the crawl recorded for itself in the crawl-runs log (``None`` when it did not)."""
    from lantern.errors import LanternError
    from lantern.runs import RunLog

    if not settings.store_path.exists():
        return None, []
    try:
        with RunLog(settings.store_path, check_max_bytes=0) as runs:
            run = runs.get(run_id)
    except LanternError:
        return None, []
    return (run.status, run.reasons) if run else (None, [])


def _wait(runtime: Runtime, lease: SourceLock, process: subprocess.Popen, timeout: int) -> tuple[int, str | None]:
    """Wait for the crawl, renewing the lease; stop it on timeout or shutdown. (exit code, reason or None)."""
    deadline = time.monotonic() + timeout
    next_renewal = time.monotonic() + RENEW_EVERY_SECONDS
    while True:
        try:
            return process.wait(timeout=0.5), None
        except subprocess.TimeoutExpired:
            pass
        if runtime.stop.is_set():
            return terminate(process, runtime.stop_grace), "stopped"
        if time.monotonic() >= deadline:
            return terminate(process, runtime.stop_grace), "timeout"
        if time.monotonic() >= next_renewal:
            lease.renew()
            next_renewal = time.monotonic() + RENEW_EVERY_SECONDS


def terminate(process: subprocess.Popen, grace: float) -> int:
    """SIGTERM (one only: a second one makes Scrapy stop uncleanly), wait ``grace``, then kill its process group."""
    try:
        process.send_signal(signal.SIGTERM)
        return process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    return process.wait()


def _reason_text(reason: str, timeout: int) -> str:
    if reason == "timeout":
        return f"stopped after the timeout of {timeout}s"
    return "stopped because the scheduler was shutting down"


def log_tail(log_file: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The last lines of a log file (at most 4000 characters)."""
    try:
        text = log_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])[-4000:]
