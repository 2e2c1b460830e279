"""``lantern reprocess``: re-analyse stored items whose lexicon version is not the analyzer's."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import click
from rich.console import Console
from rich.table import Table

from lantern.cli.analyze import analyzer_options, progress_line
from lantern.cli.filters import parse_date
from lantern.cli.search import opened_store
from lantern.reprocess import Checkpoint, Progress, StopRequest, current_target, reprocess
from lantern.settings import Settings
from lantern.storage.base import LEVELS


@click.command("reprocess")
@click.option("--source", "sources", multiple=True, metavar="NAME", help="Only items of this source (repeatable).")
@click.option("--since", metavar="DATE", help="Only items posted on or after DATE (first seen when undated).")
@click.option("--workers", type=click.IntRange(min=1), help="Processes to use (default LANTERN_ANALYZE_WORKERS).")
@click.option(
    "--batch-size", type=click.IntRange(10, 100_000), default=1000, show_default=True, help="Items per batch."
)
@click.option("--fresh", is_flag=True, help="Start from the first item instead of after the last checkpoint.")
@click.pass_obj
def reprocess_command(
    settings: Settings,
    sources: tuple[str, ...],
    since: str | None,
    workers: int | None,
    batch_size: int,
    fresh: bool,
) -> None:
    """Re-analyse stored items whose lexicon_version is not the current one, in id order, in parallel workers.

    Ctrl-C or SIGTERM stops after the batch in hand; running the same command again resumes after the last
    stored batch (a checkpoint under the data folder's state/). Works on the embedded store, Elasticsearch and
    OpenSearch alike.

    Example: lantern reprocess --source demo-forum --since 2026-01-01 --workers 2
    """
    start: datetime | None = parse_date(since, "--since", settings.timezone) if since else None
    target = current_target(settings, sources, start)
    checkpoint = Checkpoint(settings.data_dir / "state")
    if fresh:
        checkpoint.clear()
    with opened_store(settings) as store, StopRequest() as stop, progress_line("re-analysed") as advance:
        progress = reprocess(
            store,
            target,
            analyzer_options=analyzer_options(settings),
            checkpoint=checkpoint,
            workers=workers or settings.analyze_workers,
            batch_size=batch_size,
            on_batch=advance,
            stop=stop,
        )
    _report(progress, target.version)


def _report(progress: Progress, version: str) -> None:
    console = Console(stderr=True)
    resumed = f", resumed after {progress.resumed_after}" if progress.resumed_after else ""
    state = "stopped; run it again to resume" if progress.stopped else "done"
    console.print(f"re-analysed {progress.items:,} item(s) to lexicon version {version}{resumed} ({state})")
    if progress.moves:
        console.print(_moves_table(progress.moves))


def _moves_table(moves: Counter[tuple[str, str]]) -> Table:
    """How the levels moved: rows are the old level, columns the new one."""
    table = Table(title="levels before (rows) and after (columns)")
    table.add_column("before")
    for level in reversed(LEVELS):
        table.add_column(level, justify="right")
    for before in reversed(LEVELS):
        if any(moves[(before, after)] for after in LEVELS):
            table.add_row(before, *(f"{moves[(before, after)]:,}" for after in reversed(LEVELS)))
    return table


COMMANDS = [reprocess_command]
