"""Reading and showing crawl runs (:mod:`lantern.runs`) for ``lantern runs`` and ``lantern stats``."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from lantern.runs import CrawlRun, RunLog
from lantern.settings import Settings

STATUS_STYLES = {
    "running": "bold cyan",
    "finished": "green",
    "degraded": "bold yellow",
    "stopped": "yellow",
    "failed": "bold red",
    "timeout": "red",
}
MAIN_COUNTERS = ("pages", "pages_ok", "items_new", "items_changed", "items_unchanged", "errors")


def recent_runs(settings: Settings, *, source: str | None = None, limit: int = 20) -> list[CrawlRun]:
    """The latest runs recorded in the data folder (none when nothing was ever crawled there)."""
    if limit <= 0 or not settings.store_path.exists():
        return []
    with RunLog(settings.store_path) as log:
        return log.recent(source=source, limit=limit)


def _other_counters(stats: dict[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in sorted(stats.items()) if key not in MAIN_COUNTERS and value)


def runs_table(runs: list[CrawlRun], timezone: str) -> Table:
    """Runs as a table: when, source, status, the main counters and every other non-zero counter."""
    from lantern.cli.render import local_date

    table = Table(title="crawl runs", title_justify="left")
    for column in ("started", "ended", "source", "status", *MAIN_COUNTERS, "other", "run id"):
        numeric = column in MAIN_COUNTERS
        table.add_column(column, justify="right" if numeric else "left", no_wrap=column in ("started", "ended"))
    for run in runs:
        status = Text(run.status, style=STATUS_STYLES.get(run.status, ""))
        for reason in run.reasons or ([run.error] if run.error else []):
            status += Text(f"\n{reason[:100]}", style="red" if run.status == "failed" else "yellow")
        table.add_row(
            local_date(run.started_at, timezone, True),
            local_date(run.ended_at, timezone, True),
            run.source,
            status,
            *(str(run.stats.get(name, 0)) for name in MAIN_COUNTERS),
            _other_counters(run.stats),
            run.run_id[:12],
        )
    return table
