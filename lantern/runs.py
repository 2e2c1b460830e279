"""The crawl-runs log: one row per crawl run with its status and counters, in the embedded store's file.

The crawler starts a run, updates its counters while it goes and finishes it; the scheduler and ``lantern runs``
read it. Counters are a flat ``dict[str, int]`` (pages, items_new, items_changed, items_unchanged,
flagged_high, dropped_<reason>, media_blocked, errors, ...).

Example::

    log = RunLog(settings.store_path)
    run_id = log.start("example-ads")
    log.update(run_id, {"pages": 10})
    log.finish(run_id, "finished", {"pages": 12, "items_new": 3})
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from lantern.errors import ConfigError, InputError
from lantern.storage.sqlite.schema import connect, migrate

RunStatus = Literal["running", "finished", "stopped", "failed", "timeout"]
STATUSES: tuple[RunStatus, ...] = ("running", "finished", "stopped", "failed", "timeout")


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


class RunLog:
    """The ``crawl_runs`` table of a store file. Thread-safe."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = connect(str(self.path))
            migrate(self._conn)
        except (OSError, sqlite3.DatabaseError) as exc:
            raise ConfigError(f"cannot open the runs log {path}: {exc}", hint="check LANTERN_DATA_DIR") from None
        self._lock = threading.Lock()

    def start(self, source: str, run_id: str | None = None, *, log_file: str | None = None) -> str:
        """Record a running run; returns its id (a new one unless given).

        Starting a known run id again (a resumed crawl) marks it running and keeps its start time and counters.
        """
        run_id = run_id or uuid.uuid4().hex
        self._write(
            "INSERT INTO crawl_runs(run_id, source, started_at, status, stats, log_file) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(run_id) DO UPDATE SET status = 'running', ended_at = NULL, error = NULL, "
            "log_file = coalesce(excluded.log_file, log_file)",
            (run_id, source, utc_now(), "running", "{}", log_file),
        )
        return run_id

    def update(self, run_id: str, stats: dict[str, int]) -> bool:
        """Replace the counters of a run (while it runs); ``False`` when the run is unknown."""
        return self._write("UPDATE crawl_runs SET stats = ? WHERE run_id = ?", (_stats_json(stats), run_id))

    def finish(self, run_id: str, status: RunStatus, stats: dict[str, int], error: str | None = None) -> bool:
        """Record the end of a run: final status, counters, the error when it failed. ``False`` for an unknown run.

        Empty ``stats`` keep the counters recorded so far (for a run found dead after a crash).
        """
        if status not in STATUSES or status == "running":
            raise InputError(f"not a final run status: {status!r}", hint="finished, stopped, failed or timeout")
        counters = _stats_json(stats) if stats else None
        return self._write(
            "UPDATE crawl_runs SET status = ?, stats = coalesce(?, stats), ended_at = ?, error = ? WHERE run_id = ?",
            (status, counters, utc_now(), error, run_id),
        )

    def get(self, run_id: str) -> CrawlRun | None:
        """One run, or ``None``."""
        with self._lock:
            row = self._conn.execute("SELECT * FROM crawl_runs WHERE run_id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    def recent(self, source: str | None = None, limit: int = 20) -> list[CrawlRun]:
        """The latest runs, newest first, optionally of one source."""
        sql, params = "SELECT * FROM crawl_runs", []
        if source:
            sql, params = sql + " WHERE source = ?", [source]
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY started_at DESC, rowid DESC LIMIT ?", [*params, limit])
            return [_run(row) for row in rows.fetchall()]

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    def _write(self, sql: str, params: tuple[object, ...]) -> bool:
        with self._lock:
            return self._conn.execute(sql, params).rowcount > 0

    def __enter__(self) -> RunLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
    )
