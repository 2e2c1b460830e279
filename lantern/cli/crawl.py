"""``lantern crawl NAME`` and ``lantern sources list|validate``."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import click

from lantern.errors import LanternError
from lantern.settings import Settings


@click.command("crawl")
@click.argument("source")
@click.option("--run-id", help="Record the run under this id in the crawl-runs log (the scheduler sets it).")
@click.option("--fresh", is_flag=True, help="Start over instead of resuming a stopped crawl.")
@click.option("--log-file", type=click.Path(dir_okay=False), help="Write Scrapy's log to this file.")
@click.option("-v", "--verbose", is_flag=True, help="Log at INFO level (default: warnings only).")
@click.option("--progress/--no-progress", default=None, help="Live progress (default: when stderr is a terminal).")
@click.option("--strict", is_flag=True, help="Exit with status 3 when the run ends degraded.")
@click.pass_obj
def crawl_command(
    settings: Settings,
    source: str,
    run_id: str | None,
    fresh: bool,
    log_file: str | None,
    verbose: bool,
    progress: bool | None,
    strict: bool,
) -> None:
    """Crawl one source (a name from the sources folder, or a path to a source file) into the store.

    A crawl stopped with Ctrl-C or SIGTERM resumes where it stopped; an unchanged page is not analysed again.
    The run ends finished, degraded or failed, with its reasons (docs/RELIABILITY.md). Exit status: 0 finished,
    degraded or stopped; 1 failed; 2 bad input or configuration; 3 degraded with --strict; 4 a field's coverage
    fell and the source sets `coverage_alert: true`.

    Example: lantern crawl demo-forum --strict
    """
    from lantern.coverage import coverage_line
    from lantern.crawl import run_crawl

    outcome = run_crawl(
        source,
        settings,
        run_id=run_id,
        fresh=fresh,
        progress=progress,
        log_file=log_file,
        log_level="INFO" if verbose else "WARNING",
    )
    c = outcome.counters
    click.echo(
        f"{outcome.source}: {outcome.status}{' (resumed)' if outcome.resumed else ''} · {c.get('pages', 0)} pages · "
        f"items new {c.get('items_new', 0)}, changed {c.get('items_changed', 0)}, "
        f"unchanged {c.get('items_unchanged', 0)} · flagged high {c.get('flagged_high', 0)}, "
        f"medium {c.get('flagged_medium', 0)}, low {c.get('flagged_low', 0)} · media blocked "
        f"{c.get('media_blocked', 0)} · run {outcome.run_id}",
        err=True,
    )
    for reason in outcome.reasons:
        click.echo(f"  {outcome.status}: {reason}", err=True)
    fields = coverage_line(c)
    if fields:
        click.echo(f"  fields: {fields}", err=True)
    if outcome.status == "failed":
        sys.exit(1)
    if outcome.coverage_alert and c.get("coverage_fell", 0):
        sys.exit(4)
    if strict and outcome.status == "degraded":
        sys.exit(3)


@click.group("sources")
def sources_group() -> None:
    """List and check source files (docs/SOURCES.md describes the format)."""


@sources_group.command("list")
@click.pass_obj
def sources_list(settings: Settings) -> None:
    """List the sources in the sources folder (LANTERN_SOURCES_DIR, default: the bundled examples).

    Example: lantern sources list
    """
    from lantern.sources import list_sources, load_source, sources_dir

    click.echo(f"sources in {sources_dir(settings)}:")
    for name in list_sources(settings):
        try:
            source = load_source(name, settings)
            click.echo(f"  {name:24} {source.kind:6} {', '.join(source.start_points)}")
        except LanternError as exc:
            click.echo(f"  {name:24} INVALID: {exc.message}")


@sources_group.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def sources_validate(settings: Settings, files: tuple[Path, ...]) -> None:
    """Check source files and show the configuration in effect (presets and defaults filled in).

    Every problem is named with its field and a hint; exit status 2 when any file is invalid.

    Example: lantern sources validate sources/city-forum.yml
    """
    from crawler.presets import effective_yaml
    from crawler.source_config import load_source_file

    bad = 0
    for path in files:
        try:
            source = load_source_file(path)
            preset = f", preset {source.preset}" if source.preset else ""
            click.echo(f"{path}: ok ({source.kind}{preset}, {len(source.start_points)} start URL(s)); in effect:")
            click.echo(textwrap.indent(effective_yaml(source, settings.timezone), "  "), nl=False)
        except LanternError as exc:
            bad += 1
            click.secho(exc.message if str(path) in exc.message else f"{path}: {exc.message}", fg="red", err=True)
            if exc.hint:
                for line in exc.hint.split("; "):
                    click.echo(f"  - {line}", err=True)
    if bad:
        sys.exit(2)


COMMANDS = [crawl_command, sources_group]
