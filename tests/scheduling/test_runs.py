"""`lantern schedule run`: a real crawl of the fixture site, in the foreground, recorded in the history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.scheduling.conftest import source_yaml


@pytest.mark.slow
def test_run_now_records_a_real_crawl_with_its_stats(sched):
    assert sched.lantern("schedule", "add", "now", "--source", "quick", "--every", "1h").returncode == 0
    result = sched.lantern("schedule", "run", "now")
    assert result.returncode == 0, result.stderr
    assert ": finished" in result.stdout
    [run] = sched.history("now")
    assert run["status"] == "finished" and run["exit_code"] == 0 and run["trigger"] == "manual"
    assert run["stats"]["pages"] > 0 and run["stats"]["items_new"] > 0
    assert Path(run["log_file"]).is_file()
    shown = json.loads(sched.lantern("schedule", "history", "now", "--json").stdout)
    assert shown[0]["run_id"] == run["run_id"]
    listed = json.loads(sched.lantern("schedule", "list", "--json").stdout)
    assert listed[0]["last_status"] == "finished"


@pytest.mark.slow
def test_timeout_stops_the_crawl_and_a_crash_keeps_the_log_tail(sched):
    assert (
        sched.lantern("schedule", "add", "late", "--source", "slowpoke", "--every", "1h", "--timeout", "1s").returncode
        == 0
    )
    broken = sched.root / "sources" / "broken.yml"
    broken.write_text((sched.root / "sources" / "quick.yml").read_text())
    assert sched.lantern("schedule", "add", "crashy", "--source", "broken", "--every", "1h").returncode == 0
    broken.write_text("name: broken\nkind: nonsense\n")  # the source file breaks after it was scheduled

    late = sched.lantern("schedule", "run", "late")
    crashy = sched.lantern("schedule", "run", "crashy")

    assert late.returncode == 1 and ": timeout" in late.stdout
    [timed_out] = sched.history("late")
    assert timed_out["status"] == "timeout" and "timeout of 1s" in timed_out["error"]
    assert crashy.returncode == 1 and ": failed" in crashy.stdout
    [failed] = sched.history("crashy")
    assert failed["status"] == "failed" and failed["exit_code"] == 2
    assert "exit code 2" in failed["error"] and "broken" in failed["error"]  # the tail of the crawl's log


@pytest.mark.slow
def test_the_history_keeps_the_status_the_crawl_judged_itself(sched):
    sources = sched.root / "sources"
    budget = (sources / "quick.yml").read_text().replace("  delay: 0.05", "  max_pages: 3\n  delay: 0.05")
    (sources / "budget.yml").write_text(budget.replace("name: quick", "name: budget"))
    (sources / "nowhere.yml").write_text(source_yaml("nowhere", "http://127.0.0.1:9/"))  # the discard port: refused
    for name in ("budget", "nowhere"):
        assert sched.lantern("schedule", "add", name, "--source", name, "--every", "1h").returncode == 0

    degraded = sched.lantern("schedule", "run", "budget")
    failed = sched.lantern("schedule", "run", "nowhere")

    assert degraded.returncode == 0 and ": degraded" in degraded.stdout, degraded.stdout + degraded.stderr
    [run] = sched.history("budget")
    assert run["status"] == "degraded" and "page budget" in run["error"], run
    assert failed.returncode == 1 and ": failed" in failed.stdout, failed.stdout + failed.stderr
    [run] = sched.history("nowhere")
    assert run["status"] == "failed" and "no page could be fetched" in run["error"], run
    listed = {job["name"]: job["last_status"] for job in json.loads(sched.lantern("schedule", "list", "--json").stdout)}
    assert listed == {"budget": "degraded", "nowhere": "failed"}
