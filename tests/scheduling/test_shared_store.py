"""The job store two processes share: a schedule removed by one while the other's service has it due is not an
error (it stopped the service before), with APScheduler's real SQLAlchemy store on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler

from lantern.scheduling.schedules import JOB_FUNCTION, job_store
from lantern.settings import Settings


def test_a_job_removed_by_another_process_is_neither_written_back_nor_an_error(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", scheduler_db_url=f"sqlite:///{tmp_path / 'jobs.db'}")
    service_store, cli_store = job_store(settings), job_store(settings)
    scheduler = BackgroundScheduler(jobstores={"default": service_store}, timezone=UTC)
    scheduler.add_job(JOB_FUNCTION, "interval", seconds=3, id="again", args=["again", "quick", 60])
    scheduler.start(paused=True)
    try:
        (due,) = service_store.get_due_jobs(datetime.now(UTC) + timedelta(seconds=10))  # the service read it
        cli_store.start(scheduler, "default")
        cli_store.remove_job("again")  # `lantern schedule remove` in another process
        due.next_run_time = datetime.now(UTC) + timedelta(seconds=3)
        service_store.update_job(due)  # raised JobLookupError in the service's main loop before
        service_store.remove_job("again")
        assert service_store.get_all_jobs() == []
    finally:
        scheduler.shutdown(wait=False)
