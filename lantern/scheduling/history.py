"""Schedule-run records: which schedule started which crawl run, when, how it ended, and where its log is.

Crawl statistics (pages, items, flags, errors) are recorded by the crawl itself in the crawl-runs log
(``lantern.runs.RunLog`` over the store); :func:`with_stats` joins them in by ``run_id``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, and_, func, insert, select, update

from lantern.scheduling.db import schedule_runs, stamp
from lantern.settings import Settings

STATUSES = ("running", "finished", "degraded", "stopped", "failed", "timeout", "skipped")


def record_start(
    engine: Engine, *, schedule: str, source: str, run_id: str, trigger: str, log_file: str | None, owner: str
) -> None:
    """Record that a run of ``schedule`` started (status ``running``)."""
    row = {
        "schedule": schedule,
        "source": source,
        "run_id": run_id,
        "trigger": trigger,
        "started_at": stamp(),
        "status": "running",
        "log_file": log_file,
        "owner": owner,
    }
    with engine.begin() as conn:
        conn.execute(insert(schedule_runs).values(**row))


def record_end(
    engine: Engine, run_id: str, status: str, exit_code: int | None = None, error: str | None = None
) -> None:
    """Record how the run ended: ``finished``, ``degraded``, ``stopped``, ``failed`` or ``timeout``."""
    values = {"ended_at": stamp(), "status": status, "exit_code": exit_code, "error": error}
    with engine.begin() as conn:
        conn.execute(update(schedule_runs).where(schedule_runs.c.run_id == run_id).values(**values))


def record_skipped(engine: Engine, *, schedule: str, source: str, run_id: str, trigger: str, reason: str) -> None:
    """Record a run that did not start (its source was busy), so every firing leaves a trace."""
    now = stamp()
    row = {
        "schedule": schedule,
        "source": source,
        "run_id": run_id,
        "trigger": trigger,
        "started_at": now,
        "ended_at": now,
        "status": "skipped",
        "error": reason,
    }
    with engine.begin() as conn:
        conn.execute(insert(schedule_runs).values(**row))


def recent(engine: Engine, schedule: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """The latest runs, newest first, of one schedule or of all."""
    query = select(schedule_runs).order_by(schedule_runs.c.id.desc()).limit(limit)
    if schedule:
        query = query.where(schedule_runs.c.schedule == schedule)
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def last_runs(engine: Engine) -> dict[str, dict[str, Any]]:
    """The latest run of every schedule, by schedule name."""
    latest = select(func.max(schedule_runs.c.id)).group_by(schedule_runs.c.schedule)
    query = select(schedule_runs).where(schedule_runs.c.id.in_(latest))
    with engine.connect() as conn:
        return {row["schedule"]: dict(row) for row in conn.execute(query).mappings()}


def with_stats(settings: Settings, runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The runs with a ``stats`` dict each, taken from the crawl-runs log when the crawl recorded one."""
    log = _run_log(settings)
    try:
        for run in runs:
            run["stats"] = _stats(log, run["run_id"]) if log is not None else {}
    finally:
        if log is not None:
            log.close()
    return runs


def _run_log(settings: Settings) -> Any:
    try:
        from lantern.runs import RunLog
    except ImportError:
        return None
    if not settings.store_path.exists():
        return None
    return RunLog(settings.store_path)


def _stats(log: Any, run_id: str) -> dict[str, int]:
    try:
        run = log.get(run_id)
    except LookupError:
        return {}
    if run is None:
        return {}
    stats = run.get("stats") if isinstance(run, dict) else getattr(run, "stats", None)
    return dict(stats or {})


def close_abandoned(engine: Engine) -> int:
    """Mark ``running`` records whose process no longer holds the source's lease as ``failed``; how many."""
    from lantern.scheduling.db import locks

    held = select(locks.c.run_id).where(locks.c.expires_at >= stamp())
    stale = and_(schedule_runs.c.status == "running", schedule_runs.c.run_id.not_in(held))
    values = {"status": "failed", "ended_at": stamp(), "error": "the scheduler process ended during the run"}
    with engine.begin() as conn:
        return conn.execute(update(schedule_runs).where(stale).values(**values)).rowcount
