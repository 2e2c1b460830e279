"""``lantern schedule …`` (manage crawl schedules) and ``lantern scheduler …`` (run and watch the service)."""

from __future__ import annotations

import json
import shlex
import signal
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import click

from lantern.settings import Settings

_CRAWL_COMMAND = click.option("--crawl-command", hidden=True, help="Command used instead of `lantern` (tests).")


def _when(value: datetime | str | None, settings: Settings) -> str:
    if not value:
        return "-"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(ZoneInfo(settings.timezone)).strftime("%Y-%m-%d %H:%M:%S")


def _table(title: str, header: list[str], rows: list[list[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in header:
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    Console().print(table)


@click.group("schedule")
def schedule_group() -> None:
    """Manage crawl schedules (stored in the scheduler database; no running service needed).

    Example: lantern schedule add forum-6h --source demo-forum --cron "0 */6 * * *"
    """


@schedule_group.command("add")
@click.argument("name")
@click.option("--source", required=True, help="Source to crawl (a file <source>.yml in the sources folder).")
@click.option("--cron", help='Crontab line "minute hour day month weekday", e.g. "0 */6 * * *".')
@click.option("--every", help="Fixed interval, e.g. 30m, 2h, 1d (minimum 1s; under a minute is for tests).")
@click.option("--timezone", default=None, help="Time zone of the cron line (default: LANTERN_TIMEZONE).")
@click.option("--jitter", help="Start up to this much later at random, e.g. 60 or 5m.")
@click.option("--timeout", help="Stop a run that takes longer than this, e.g. 2h (default 6h).")
@click.pass_obj
def add_command(settings: Settings, name: str, source: str, **spec: str | None) -> None:
    """Add a schedule that crawls SOURCE.

    Example: lantern schedule add forum-nightly --source demo-forum --cron "30 2 * * *" --timeout 2h
    """
    from lantern.scheduling import schedules
    from lantern.scheduling.specs import build_spec

    spec["timezone"] = spec["timezone"] or settings.timezone
    built = build_spec(**spec)  # type: ignore[arg-type]
    added = schedules.add(settings, name, source, built)
    click.echo(f"added {added.name}: {added.source}, {added.description}, next run {_when(added.next_run, settings)}")


@schedule_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
def list_command(settings: Settings, as_json: bool) -> None:
    """List schedules with their next run and their last run's status.

    Example: lantern schedule list
    """
    from lantern.scheduling import history, schedules
    from lantern.scheduling.db import engine_for

    last = history.last_runs(engine_for(settings))
    rows: list[dict[str, Any]] = []
    for s in schedules.all_schedules(settings):
        run = last.get(s.name, {})
        rows.append({
            "name": s.name, "source": s.source, "when": s.description, "timeout": s.timeout, "paused": s.paused,
            "next_run": s.next_run.isoformat() if s.next_run else None,
            "last_started": run.get("started_at"), "last_status": run.get("status"),
        })  # fmt: skip
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    header = ["name", "source", "when", "next run", "last run", "last status"]
    table = [
        [r["name"], r["source"], r["when"], "paused" if r["paused"] else _when(r["next_run"], settings),
         _when(r["last_started"], settings), r["last_status"] or "-"]
        for r in rows
    ]  # fmt: skip
    _table("Schedules", header, table)


def _named(verb: str, doc: str) -> click.Command:
    @click.command(verb, help=doc)
    @click.argument("name")
    @click.pass_obj
    def command(settings: Settings, name: str) -> None:
        from lantern.scheduling import schedules

        getattr(schedules, verb)(settings, name)
        click.echo(f"{verb}d {name}" if verb != "pause" else f"paused {name}")

    return command


for _verb, _doc in (
    ("pause", "Stop a schedule from firing until resumed.\n\nExample: lantern schedule pause forum-nightly"),
    ("resume", "Let a paused schedule fire again.\n\nExample: lantern schedule resume forum-nightly"),
    ("remove", "Delete a schedule; it never runs again.\n\nExample: lantern schedule remove forum-nightly"),
):
    schedule_group.add_command(_named(_verb, _doc))


@schedule_group.command("run")
@click.argument("name")
@_CRAWL_COMMAND
@click.pass_obj
def run_command(settings: Settings, name: str, crawl_command: str | None) -> None:
    """Run a schedule's crawl now, in the foreground (with its lease, timeout and a history record).

    Ctrl-C stops the crawl cleanly so the next run resumes. Exit status 0 when the crawl finished (or ended
    degraded, or was stopped), 1 when it failed.

    Example: lantern schedule run forum-nightly
    """
    from lantern.scheduling import jobs, schedules

    found = schedules.get(settings, name)
    runtime = jobs.Runtime(settings)
    if crawl_command:
        runtime.crawl_command = shlex.split(crawl_command)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: runtime.stop.set())
    outcome = jobs.run_crawl(runtime, found.name, found.source, found.timeout, trigger="manual")
    click.echo(f"run {outcome.run_id}: {outcome.status}" + (f" (log: {outcome.log_file})" if outcome.log_file else ""))
    if outcome.error:
        click.echo(outcome.error, err=True)
    sys.exit(0 if outcome.status in ("finished", "degraded", "stopped") else 1)


@schedule_group.command("history")
@click.argument("name", required=False)
@click.option("--limit", default=20, show_default=True, help="How many runs to show, newest first.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
def history_command(settings: Settings, name: str | None, limit: int, as_json: bool) -> None:
    """Show recent runs: start, end, status, pages, items new/changed/unchanged, flags, errors, log file.

    Example: lantern schedule history forum-nightly --limit 5
    """
    from lantern.scheduling import history
    from lantern.scheduling.db import engine_for

    runs = history.with_stats(settings, history.recent(engine_for(settings), name, limit))
    if as_json:
        click.echo(json.dumps(runs, indent=2, default=str))
        return
    _table("Schedule runs", _HISTORY_HEADER, [_history_row(run, settings) for run in runs])


_HISTORY_HEADER = [
    "schedule",
    "run",
    "start",
    "end",
    "status",
    "pages",
    "new/chg/same",
    "flagged L/M/H",
    "errors",
    "log",
]


def _history_row(run: dict[str, Any], settings: Settings) -> list[Any]:
    s = run["stats"]

    def n(key: str) -> Any:
        return s.get(key, "-")

    items = f"{n('items_new')}/{n('items_changed')}/{n('items_unchanged')}"
    flagged = f"{n('flagged_low')}/{n('flagged_medium')}/{n('flagged_high')}"
    status = run["status"] + (f" ({run['exit_code']})" if run["exit_code"] not in (None, 0) else "")
    return [
        run["schedule"], run["run_id"], _when(run["started_at"], settings), _when(run["ended_at"], settings),
        status, n("pages"), items, flagged, n("errors"), run["log_file"] or (run["error"] or "-"),
    ]  # fmt: skip


@click.group("scheduler")
def scheduler_group() -> None:
    """Run the scheduler service, or check on it.

    Example: lantern scheduler start
    """


@scheduler_group.command("start")
@_CRAWL_COMMAND
@click.option("--stop-grace", type=float, hidden=True, help="Seconds a crawl gets to stop before it is killed.")
@click.pass_obj
def start_command(settings: Settings, crawl_command: str | None, stop_grace: float | None) -> None:
    """Run the scheduler in the foreground until SIGTERM or Ctrl-C (running crawls stop cleanly and resume later).

    Example: LANTERN_DATA_DIR=/srv/lantern lantern scheduler start
    """
    import logging

    from lantern.scheduling.service import SchedulerService

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    command = shlex.split(crawl_command) if crawl_command else None
    SchedulerService(settings, crawl_command=command, stop_grace=stop_grace).run()


@scheduler_group.command("status")
@click.pass_obj
def status_command(settings: Settings) -> None:
    """Say whether a scheduler is alive (recent heartbeat) and what it is running. Exit status 1 if none is.

    Example: lantern scheduler status
    """
    from lantern.scheduling import heartbeat
    from lantern.scheduling.db import database_url, engine_for

    instances = heartbeat.alive(engine_for(settings))
    if not instances:
        click.echo(f"no scheduler is running (no heartbeat in {database_url(settings)})")
        sys.exit(1)
    for inst in instances:
        started, beat = _when(inst["started_at"], settings), _when(inst["beat_at"], settings)
        click.echo(f"scheduler {inst['instance']} alive (pid {inst['pid']} on {inst['host']}, since {started})")
        click.echo(f"  last heartbeat {beat}")
        for run in inst["running"]:
            since = _when(run["started"], settings)
            click.echo(f"  running {run['schedule']} (source {run['source']}, run {run['run_id']}, since {since})")
        if not inst["running"]:
            click.echo("  idle")


COMMANDS = [schedule_group, scheduler_group]
