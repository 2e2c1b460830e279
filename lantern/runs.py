"""The crawl-runs log: one row per crawl run with its status, reasons and counters, in the embedded store's file.

The crawler starts a run, updates its counters while it goes and finishes it; the scheduler and ``lantern runs``
read it. Counters are a flat ``dict[str, int]`` (pages, pages_ok, items_new, flagged_high, dropped_<reason>,
limit_<limit>, refused_<reason>, spooled, lost, ...). A run ends ``finished``, ``degraded`` or ``failed`` (with
the reasons, :mod:`lantern.run_health`), ``stopped`` (resumable) or ``timeout``.

Two promises:

- **No run stays running after its process is gone.** A run records its pid and host; reading the log marks a
  ``running`` run of this host whose process is dead as ``failed``.
- **A run is recorded even when the store is locked.** A write that cannot get the file within
  :data:`BUSY_MS` goes to a journal beside it (``runs-pending.jsonl``), applied by the next writer or reader
  that can; reads show journalled runs meanwhile.

Example::

    log = RunLog(settings.store_path)
    run_id = log.start("example-ads")
    log.update(run_id, {"pages": 10})
    log.finish(run_id, "finished", {"pages": 12, "items_new": 3})
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from lantern.crawl_state import process_alive
from lantern.errors import InputError
from lantern.storage.sqlite.integrity import DEFAULT_CHECK_BYTES

RunStatus = Literal["running", "finished", "degraded", "stopped", "failed", "timeout"]
STATUSES: tuple[RunStatus, ...] = ("running", "finished", "degraded", "stopped", "failed", "timeout")
BUSY_MS = 2_000
UPDATE_BUSY_MS = 100
JOURNAL = "runs-pending.jsonl"
DEAD = "the crawl process (pid {pid}) was killed or crashed before it recorded how the run ended"

_START = (
    "INSERT INTO crawl_runs(run_id, source, started_at, status, stats, log_file, pid, host) "
    "VALUES (:run_id, :source, :at, 'running', '{}', :log_file, :pid, :host) "
    "ON CONFLICT(run_id) DO UPDATE SET status = 'running', ended_at = NULL, error = NULL, reasons = '[]', "
    "log_file = coalesce(excluded.log_file, log_file), pid = excluded.pid, host = excluded.host"
)
_UPDATE = "UPDATE crawl_runs SET stats = :stats WHERE run_id = :run_id AND status = 'running'"
_FINISH = (
    "UPDATE crawl_runs SET status = :status, stats = coalesce(:stats, stats), ended_at = :at, error = :error, "
    "reasons = :reasons WHERE run_id = :run_id"
)
_SQL = {"start": _START, "update": _UPDATE, "finish": _FINISH}


def utc_now() -> str:
    """The current time as ISO 8601 UTC with seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class CrawlRun:
    """One crawl run."""

    run_id: str
    source: str
    started_at: str
    status: RunStatus
    stats: dict[str, int] = field(default_factory=dict)
    ended_at: str | None = None
    log_file: str | None = None
    error: str | None = None
    reasons: list[str] = field(default_factory=list)
    pid: int | None = None
    host: str | None = None


class RunLog:
    """The ``crawl_runs`` table of a store file. Thread-safe."""

    def __init__(self, path: Path | str, *, check_max_bytes: int = DEFAULT_CHECK_BYTES) -> None:
        from lantern.storage.sqlite.store import open_store_file

        self.path = Path(path)
        memory = str(path) == ":memory:"
        self.journal = self.path.with_name(JOURNAL) if not memory else Path(os.devnull)
        self._conn = open_store_file(self.path, check_max_bytes)
        self._conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        self._lock = threading.Lock()
        self._apply_journal()

    def start(self, source: str, run_id: str | None = None, *, log_file: str | None = None) -> str:
        """Record a running run of this process; returns its id (a new one unless given).

        Starting a known run id again (a resumed crawl) marks it running and keeps its start time and counters.
        """
        run_id = run_id or uuid.uuid4().hex
        here = {"pid": os.getpid(), "host": socket.gethostname()}
        self._write("start", {"run_id": run_id, "source": source, "at": utc_now(), "log_file": log_file, **here})
        return run_id

    def update(self, run_id: str, stats: dict[str, int]) -> bool:
        """Replace the counters of a running run; ``False`` when that could not be done now (never waits long)."""
        with self._lock:
            try:
                self._conn.execute(f"PRAGMA busy_timeout = {UPDATE_BUSY_MS}")
                return self._conn.execute(_UPDATE, {"stats": _stats_json(stats), "run_id": run_id}).rowcount > 0
            except sqlite3.OperationalError:
                return False
            finally:
                self._conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")

    def finish(
        self,
        run_id: str,
        status: RunStatus,
        stats: dict[str, int],
        error: str | None = None,
        reasons: list[str] | tuple[str, ...] = (),
    ) -> bool:
        """Record the end of a run: final status, counters, the reasons (and the error) when it did not finish
        cleanly. ``False`` for an unknown run. Empty ``stats`` keep the counters recorded so far."""
        if status not in STATUSES or status == "running":
            raise InputError(f"not a final run status: {status!r}", hint=", ".join(STATUSES[1:]))
        values = {
            "run_id": run_id,
            "status": status,
            "stats": _stats_json(stats) if stats else None,
            "at": utc_now(),
            "error": error,
            "reasons": json.dumps(list(reasons)),
        }
        return self._write("finish", values)

    def get(self, run_id: str) -> CrawlRun | None:
        """One run, or ``None``."""
        with self._lock:
            row = self._conn.execute("SELECT * FROM crawl_runs WHERE run_id = ?", (run_id,)).fetchone()
        runs = self._settle([_run(row)] if row else [])
        pending = [run for run in self._journalled() if run.run_id == run_id]
        found = pending or runs
        return found[0] if found else None

    def recent(self, source: str | None = None, limit: int = 20) -> list[CrawlRun]:
        """The latest runs, newest first, optionally of one source (journalled ones included)."""
        sql, params = "SELECT * FROM crawl_runs", []
        if source:
            sql, params = sql + " WHERE source = ?", [source]
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY started_at DESC, rowid DESC LIMIT ?", [*params, limit])
            runs = [_run(row) for row in rows.fetchall()]
        pending = {run.run_id: run for run in self._journalled() if not source or run.source == source}
        merged = [pending.pop(run.run_id, run) for run in runs]
        merged = sorted([*pending.values(), *merged], key=lambda run: run.started_at, reverse=True)
        return self._settle(merged[:limit])

    def last_finished(self, source: str) -> CrawlRun | None:
        """The latest run of ``source`` that finished or ended degraded (for the coverage check)."""
        runs = self.good_runs(source, 1)
        return runs[0] if runs else None

    def good_runs(self, source: str, limit: int) -> list[CrawlRun]:
        """The latest runs of ``source`` that finished or ended degraded, newest first (for coverage checks)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM crawl_runs WHERE source = ? AND status IN ('finished', 'degraded') "
                "ORDER BY started_at DESC, rowid DESC LIMIT ?",
                (source, limit),
            ).fetchall()
        return [_run(row) for row in rows]

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    def _settle(self, runs: list[CrawlRun]) -> list[CrawlRun]:
        """Mark running runs of this host whose process is gone as failed (in the log and in ``runs``)."""
        here = socket.gethostname()
        for run in runs:
            mine = run.pid == os.getpid()
            if run.status == "running" and run.host == here and run.pid and not mine and not process_alive(run.pid):
                run.status, run.error, run.reasons = "failed", DEAD.format(pid=run.pid), [DEAD.format(pid=run.pid)]
                run.ended_at = run.ended_at or utc_now()
                self.finish(run.run_id, "failed", {}, run.error, run.reasons)
        return runs

    def _write(self, op: str, values: dict[str, Any]) -> bool:
        """Run one recorded write, or journal it when the file is locked (then ``True``: it will be applied)."""
        self._apply_journal()
        with self._lock:
            try:
                return self._conn.execute(_SQL[op], values).rowcount > 0
            except sqlite3.OperationalError:
                _append_line(self.journal, {"op": op, **values})
                return True

    def _apply_journal(self) -> None:
        """Apply journalled writes, oldest first, and remove the journal once all of them are in the table."""
        if not self.journal.is_file():
            return
        with self._lock:
            entries = _read_lines(self.journal)
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                for entry in entries:
                    self._conn.execute(_SQL[entry.pop("op")], entry)
                self._conn.execute("COMMIT")
            except sqlite3.OperationalError:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                return
            self.journal.unlink(missing_ok=True)

    def _journalled(self) -> list[CrawlRun]:
        """Runs as the journal has them (for reading while the store is locked)."""
        runs: dict[str, CrawlRun] = {}
        for entry in _read_lines(self.journal) if self.journal.is_file() else []:
            run = runs.get(entry["run_id"])
            if entry["op"] == "start":
                runs[entry["run_id"]] = CrawlRun(
                    entry["run_id"], entry["source"], entry["at"], "running", {}, None, entry["log_file"],
                    pid=entry["pid"], host=entry["host"],
                )  # fmt: skip
            elif entry["op"] == "finish" and run is not None:
                run.status, run.ended_at, run.error = entry["status"], entry["at"], entry["error"]
                run.stats = json.loads(entry["stats"] or "{}") or run.stats
                run.reasons = json.loads(entry["reasons"])
        return list(runs.values())

    def __enter__(self) -> RunLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _append_line(path: Path, entry: dict[str, Any]) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _read_lines(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    entries = []
    for line in lines:
        try:
            entries.append(json.loads(line))
        except ValueError:  # a line cut by a crash: the rest is still applied
            continue
    return entries


def _stats_json(stats: dict[str, int]) -> str:
    return json.dumps({str(k): int(v) for k, v in stats.items()}, sort_keys=True)


def _run(row: sqlite3.Row) -> CrawlRun:
    return CrawlRun(
        run_id=row["run_id"],
        source=row["source"],
        started_at=row["started_at"],
        status=row["status"],
        stats=json.loads(row["stats"] or "{}"),
        ended_at=row["ended_at"],
        log_file=row["log_file"],
        error=row["error"],
        reasons=json.loads(row["reasons"] or "[]"),
        pid=row["pid"],
        host=row["host"],
    )
