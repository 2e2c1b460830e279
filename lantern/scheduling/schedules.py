"""Schedules live in APScheduler's SQLAlchemy job store; these functions change them with or without a service.

The CLI opens a scheduler on the same job store in *paused* state (it never runs jobs), so `schedule add`,
`pause`, `resume` and `remove` write straight to the database. A running service re-reads the store every few
seconds (its heartbeat wakes it), so changes made by another process take effect without a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from apscheduler.job import Job
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import text

from lantern.errors import ConfigError
from lantern.scheduling.db import JOBS_TABLE, engine_for
from lantern.scheduling.specs import ScheduleSpec, validate_name
from lantern.settings import Settings

JOB_FUNCTION = "lantern.scheduling.jobs:run_scheduled"
log = logging.getLogger(__name__)
BUNDLED_SOURCES = Path(__file__).resolve().parent.parent.parent / "crawler" / "sources"


@dataclass(frozen=True)
class Schedule:
    """One schedule as stored: its name, source, trigger description, timeout and next run (None = paused)."""

    name: str
    source: str
    description: str
    timeout: int
    next_run: datetime | None

    @property
    def paused(self) -> bool:
        """True when the schedule is paused."""
        return self.next_run is None


class SharedJobStore(SQLAlchemyJobStore):
    """APScheduler's SQLAlchemy job store, shared with other processes that may remove a schedule at any time.

    A running service reads the due jobs, runs them and writes their next run time back; a ``lantern schedule
    remove`` in another process between the read and the write made that write raise ``JobLookupError`` in the
    scheduler's main loop and stopped the service. A job removed meanwhile is simply not written back.
    """

    def update_job(self, job: Job) -> None:
        """Write the job back, unless another process removed it since it was read."""
        try:
            super().update_job(job)
        except JobLookupError:
            log.info("schedule %s was removed while it was due; it is not run again", job.id)

    def remove_job(self, job_id: str) -> None:
        """Remove a job; one another process removed first is gone already."""
        try:
            super().remove_job(job_id)
        except JobLookupError:
            log.info("schedule %s was already removed", job_id)


def job_store(settings: Settings) -> SQLAlchemyJobStore:
    """The persistent job store (a new instance; it shares the cached engine)."""
    return SharedJobStore(engine=engine_for(settings), tablename=JOBS_TABLE)


def job_defaults() -> dict:
    """Missed runs coalesce into one run however late; one instance per schedule."""
    return {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}


class EditingScheduler(BackgroundScheduler):
    """A scheduler that edits the job store and never runs a job (not even in the moment it shuts down)."""

    def _process_jobs(self) -> None:
        return None


@contextmanager
def store_scheduler(settings: Settings) -> Iterator[BackgroundScheduler]:
    """A scheduler on the job store, started paused, that edits jobs and never runs them."""
    scheduler = EditingScheduler(
        jobstores={"default": job_store(settings)}, job_defaults=job_defaults(), timezone=settings.timezone
    )
    scheduler.start(paused=True)
    try:
        yield scheduler
    finally:
        scheduler.shutdown(wait=False)


def validate_source(settings: Settings, source: str) -> None:
    """Raise ConfigError unless ``source`` names a source file."""
    try:
        from lantern.sources import load_source
    except ImportError:  # the crawler package is not installed yet: check for the file
        folder = Path(settings.sources_dir) if settings.sources_dir else BUNDLED_SOURCES
        if not (folder / f"{source}.yml").is_file():
            known = ", ".join(sorted(p.stem for p in folder.glob("*.yml"))) or "none"
            raise ConfigError(f"unknown source {source!r}", hint=f"known sources: {known} (in {folder})") from None
        return
    load_source(source, settings)


def add(settings: Settings, name: str, source: str, spec: ScheduleSpec) -> Schedule:
    """Store a new schedule; ConfigError for a bad name, an unknown source or a name already in use."""
    validate_name(name)
    validate_source(settings, source)
    with store_scheduler(settings) as scheduler:
        if scheduler.get_job(name) is not None:
            raise ConfigError(
                f"a schedule named {name!r} already exists",
                hint=f"pick another name, or `lantern schedule remove {name}` first",
            )
        kwargs = {"schedule": name, "source": source, "timeout": spec.timeout, "spec": spec.description}
        job = scheduler.add_job(JOB_FUNCTION, trigger=spec.trigger, id=name, name=name, kwargs=kwargs)
        return _schedule(job)


def all_schedules(settings: Settings) -> list[Schedule]:
    """Every schedule, by name."""
    with store_scheduler(settings) as scheduler:
        return sorted((_schedule(job) for job in scheduler.get_jobs()), key=lambda s: s.name)


def get(settings: Settings, name: str) -> Schedule:
    """The schedule called ``name``; ConfigError when there is none."""
    with store_scheduler(settings) as scheduler:
        return _schedule(_job(scheduler, name))


def pause(settings: Settings, name: str) -> None:
    """Stop a schedule from firing until resumed."""
    with store_scheduler(settings) as scheduler:
        _job(scheduler, name).pause()


def resume(settings: Settings, name: str) -> None:
    """Let a paused schedule fire again (from its next regular time)."""
    with store_scheduler(settings) as scheduler:
        _job(scheduler, name).resume()


def remove(settings: Settings, name: str) -> None:
    """Delete a schedule; it never runs again (a run in progress finishes)."""
    with store_scheduler(settings) as scheduler:
        _job(scheduler, name).remove()


def is_active(settings: Settings, name: str) -> bool:
    """True when the schedule exists and is not paused (checked by a job right before it starts a crawl)."""
    query = text(f"SELECT next_run_time FROM {JOBS_TABLE} WHERE id = :id")
    with engine_for(settings).connect() as conn:
        row = conn.execute(query, {"id": name}).first()
    return row is not None and row[0] is not None


def _job(scheduler: BackgroundScheduler, name: str) -> Job:
    job = scheduler.get_job(name)
    if job is None:
        names = ", ".join(sorted(j.id for j in scheduler.get_jobs())) or "none yet"
        raise ConfigError(f"no schedule named {name!r}", hint=f"schedules: {names} (see `lantern schedule list`)")
    return job


def _schedule(job: Job) -> Schedule:
    kwargs = job.kwargs
    return Schedule(
        name=job.id,
        source=kwargs["source"],
        description=kwargs.get("spec", str(job.trigger)),
        timeout=kwargs["timeout"],
        next_run=getattr(job, "next_run_time", None),
    )
