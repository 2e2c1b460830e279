"""The scheduler service: a BlockingScheduler over the persistent job store, a heartbeat, and a clean stop.

SIGTERM or SIGINT stops the service: running crawls get SIGTERM (they save their state and resume next time),
are killed if they do not exit within the grace period, are recorded as ``stopped``, and the process exits.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import socket
from types import FrameType

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.blocking import BlockingScheduler

from lantern.scheduling import heartbeat, history, jobs
from lantern.scheduling.db import engine_for, now_utc
from lantern.scheduling.schedules import job_defaults, job_store
from lantern.settings import Settings

log = logging.getLogger("lantern.scheduler")
MAX_PARALLEL_RUNS = 16


class ServiceStop(BaseException):
    """Raised in the main thread by SIGTERM/SIGINT to leave the scheduler's loop."""


class SchedulerService:
    """One scheduler process. ``run()`` blocks until SIGTERM/SIGINT."""

    def __init__(
        self, settings: Settings, crawl_command: list[str] | None = None, stop_grace: float | None = None
    ) -> None:
        self.settings = settings
        self.engine = engine_for(settings)
        self.instance = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.runtime = jobs.Runtime(settings, owner=self.instance)
        if crawl_command:
            self.runtime.crawl_command = crawl_command
        if stop_grace is not None:
            self.runtime.stop_grace = stop_grace
        self.scheduler = BlockingScheduler(
            jobstores={"default": job_store(settings), "internal": MemoryJobStore()},
            executors={"default": ThreadPoolExecutor(MAX_PARALLEL_RUNS + 1)},
            job_defaults=job_defaults(),
            timezone=settings.timezone,
        )

    def run(self) -> None:
        """Start, run scheduled crawls until a stop signal, then stop cleanly."""
        jobs.install(self.runtime)
        closed = history.close_abandoned(self.engine)
        if closed:
            log.warning("marked %d run(s) left running by a dead scheduler as failed", closed)
        heartbeat.register(self.engine, self.instance)
        self.scheduler.add_job(
            self._beat, "interval", seconds=heartbeat.HEARTBEAT_SECONDS, id="heartbeat", jobstore="internal",
            next_run_time=now_utc(),
        )  # fmt: skip
        self.scheduler.add_listener(self._on_event, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED | EVENT_JOB_ERROR)
        previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        log.info("scheduler %s started (job store %s)", self.instance, self.engine.url.render_as_string())
        try:
            self.scheduler.start()
        except ServiceStop:
            log.info("stop requested; stopping running crawls")
        finally:
            for sig in previous:
                signal.signal(sig, signal.SIG_IGN)
            self._stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _stop(self) -> None:
        self.runtime.stop.set()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)  # job threads stop their crawls and record `stopped`
        heartbeat.stopped(self.engine, self.instance)
        jobs.install(None)
        log.info("scheduler %s stopped", self.instance)

    def _beat(self) -> None:
        try:
            heartbeat.beat(self.engine, self.instance, self.runtime.running())
        except Exception:  # a busy database must not stop the service
            log.exception("heartbeat failed")

    def _on_event(self, event: JobEvent) -> None:
        if event.code == EVENT_JOB_MAX_INSTANCES:
            log.info("schedule %s is still running; this firing is skipped (coalesced)", event.job_id)
        elif event.code == EVENT_JOB_MISSED:
            log.warning("schedule %s missed its run time", event.job_id)
        else:
            log.error("schedule %s failed in the scheduler: %s", event.job_id, getattr(event, "exception", ""))


def _raise_stop(signum: int, _frame: FrameType | None) -> None:
    raise ServiceStop(signal.Signals(signum).name)
