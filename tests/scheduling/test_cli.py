"""`lantern schedule …` without a running scheduler: storing schedules, and clear errors for bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from lantern.cli.main import cli


@pytest.fixture
def run(sched):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), env=sched.env)

    return invoke


def listing(run) -> dict:
    result = run("schedule", "list", "--json")
    assert result.exit_code == 0, result.output
    return {row["name"]: row for row in json.loads(result.output)}


def test_add_list_pause_resume_remove(run, sched):
    result = run("schedule", "add", "nightly", "--source", "quick", "--cron", "30 2 * * *", "--timeout", "2h")
    assert result.exit_code == 0, result.output
    assert "next run" in result.output
    assert run("schedule", "add", "often", "--source", "quick", "--every", "10m", "--jitter", "30").exit_code == 0
    rows = listing(run)
    assert rows["nightly"]["when"] == "cron 30 2 * * * (UTC)"
    assert rows["nightly"]["timeout"] == 7200
    assert rows["nightly"]["next_run"].endswith("02:30:00+00:00")
    assert rows["often"]["when"] == "every 10m, jitter 30s"

    assert run("schedule", "pause", "nightly").exit_code == 0
    assert listing(run)["nightly"]["paused"] is True
    assert run("schedule", "resume", "nightly").exit_code == 0
    assert listing(run)["nightly"]["next_run"] is not None
    assert run("schedule", "remove", "nightly").exit_code == 0
    assert set(listing(run)) == {"often"}
    assert "often" in run("schedule", "list").output


def test_stored_jobs_coalesce_and_never_overlap(sched):
    from lantern.scheduling import schedules
    from lantern.scheduling.specs import build_spec

    spec = build_spec(cron=None, every="5m", timezone="UTC", jitter=None, timeout=None)
    schedules.add(sched.settings, "check", "quick", spec)
    with schedules.store_scheduler(sched.settings) as scheduler:
        job = scheduler.get_job("check")
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, None)


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["--source", "nope", "--every", "1h"], "unknown source 'nope'", "known sources: quick, slowpoke"),
        (["--source", "quick", "--cron", "0 */6 * *"], "invalid cron expression", '"0 */6 * * *"'),
        (["--source", "quick", "--every", "30x"], "--every '30x' is not a duration", "15m"),
        (["--source", "quick", "--every", "1h", "--timezone", "Europe/Atlantis"], "unknown time zone", "UTC"),
        (["--source", "quick", "--every", "1h", "--timeout", "soon"], "--timeout 'soon'", "2h"),
        (["--source", "quick"], "exactly one of --cron or --every", "--every 30m"),
    ],
)
def test_bad_input_is_a_clear_error(run, args, message, hint):
    result = run("schedule", "add", "job", *args)
    assert result.exit_code == 2
    assert message in result.output and hint in result.output
    assert "Traceback" not in result.output


def test_duplicate_and_unknown_names(run):
    assert run("schedule", "add", "twice", "--source", "quick", "--every", "1h").exit_code == 0
    result = run("schedule", "add", "twice", "--source", "quick", "--every", "2h")
    assert result.exit_code == 2 and "already exists" in result.output and "schedule remove twice" in result.output
    for verb in ("pause", "resume", "remove", "run"):
        result = run("schedule", verb, "ghost")
        assert result.exit_code == 2 and "no schedule named 'ghost'" in result.output and "twice" in result.output
    result = run("schedule", "add", "bad name!", "--source", "quick", "--every", "1h")
    assert result.exit_code == 2 and "invalid schedule name" in result.output


def test_status_without_a_scheduler(run):
    result = run("scheduler", "status")
    assert result.exit_code == 1
    assert "no scheduler is running" in result.output


def test_history_is_empty_at_first(run):
    result = run("schedule", "history", "--json")
    assert result.exit_code == 0 and json.loads(result.output) == []
