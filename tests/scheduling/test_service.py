"""The scheduler service with real APScheduler, real processes and real crawls on second-scale intervals."""

from __future__ import annotations

import signal
import time

import pytest

from tests.scheduling.conftest import assert_no_overlap, processes_mentioning, wait_for


def finished(sched, name, at_least):
    runs = [r for r in sched.history(name) if r["status"] == "finished"]
    return runs if len(runs) >= at_least else None


def stop(process) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=40)


@pytest.mark.slow
def test_two_schedulers_never_overlap_a_source_and_sigterm_leaves_no_orphans(sched):
    # a crawl takes several seconds, longer than the 2 s interval, and two services share the job store
    assert sched.lantern("schedule", "add", "often", "--source", "quick", "--every", "2s").returncode == 0
    services = [sched.start_service("one"), sched.start_service("two")]

    wait_for(lambda: finished(sched, "often", 2), timeout=60)
    status = sched.lantern("scheduler", "status")
    assert status.returncode == 0 and status.stdout.count("alive") == 2

    def running_now():
        # a run may end between two looks, so look at the status and the history together, until both agree
        if "running often" not in sched.lantern("scheduler", "status").stdout:
            return None
        return [r for r in sched.history("often") if r["status"] == "running"] or None

    running = wait_for(running_now, timeout=30)
    for service in services:
        service.send_signal(signal.SIGTERM)
    assert [service.wait(timeout=40) for service in services] == [0, 0]

    runs = sched.history("often")
    assert_no_overlap(runs)
    assert {r["status"] for r in runs} <= {"finished", "stopped", "skipped"}
    assert next(r for r in runs if r["run_id"] == running[0]["run_id"])["status"] == "stopped"
    assert all(r["stats"].get("pages", 0) > 0 for r in runs if r["status"] == "finished")
    for run in runs:
        assert processes_mentioning(run["run_id"]) == []
    assert sched.lantern("scheduler", "status").returncode == 1


@pytest.mark.slow
def test_jobs_survive_a_restart_and_a_removed_schedule_never_runs_again(sched):
    assert sched.lantern("schedule", "add", "again", "--source", "quick", "--every", "3s").returncode == 0
    first = sched.start_service("first")
    wait_for(lambda: finished(sched, "again", 1), timeout=40)
    assert stop(first) == 0
    before = len(sched.history("again"))
    time.sleep(4)  # at least one firing is missed while no scheduler runs

    restarted_at = time.time()
    second = sched.start_service("second")
    after_restart = wait_for(lambda: sched.history("again")[before:], timeout=30)
    assert after_restart[0]["status"] in ("running", "finished")
    started = after_restart[0]["started_at"]
    assert time.mktime(time.strptime(started[:19], "%Y-%m-%dT%H:%M:%S")) - time.timezone - restarted_at < 15
    wait_for(lambda: finished(sched, "again", 2), timeout=40)

    assert sched.lantern("schedule", "remove", "again").returncode == 0
    wait_for(lambda: all(r["status"] != "running" for r in sched.history("again")), timeout=30)
    count = len(sched.history("again"))
    time.sleep(7)  # more than two intervals
    assert len(sched.history("again")) == count
    assert second.poll() is None  # the service carries on without the schedule
    assert stop(second) == 0
    assert_no_overlap(sched.history("again"))
