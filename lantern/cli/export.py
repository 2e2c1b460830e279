"""``lantern export trends`` (privacy-safe location trends, optional plot) and ``lantern export items``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from lantern.cli.filters import build_query, parse_date, query_options
from lantern.errors import InputError
from lantern.settings import Settings
from lantern.storage.base import LEVELS

TREND_FORMATS = ("csv", "json", "parquet", "geojson")
#: Below this, --min-count would publish counts about one or two items: refused.
MIN_COUNT_FLOOR = 2


@click.group("export")
def export_group() -> None:
    """Export data for researchers (aggregated trends) and analysts (items). See docs/EXPORTS.md.

    Example: lantern export trends --by country --interval month -o trends.parquet
    """


def _format(fmt: str | None, output: Path, choices: tuple[str, ...]) -> str:
    """The format given, or the one named by the output file's suffix."""
    fmt = fmt or output.suffix.lstrip(".").lower()
    if fmt not in choices:
        raise InputError(f"cannot tell the export format of {output}", hint=f"pass --format ({', '.join(choices)})")
    return fmt


def refuse_store(settings: Settings, output: Path) -> None:
    """Refuse an output that would overwrite the store the export reads (or its WAL and shared-memory files)."""
    from lantern.atomic import refuse_inputs

    store = settings.store_path
    files = [store, store.with_name(store.name + "-wal"), store.with_name(store.name + "-shm")]
    refuse_inputs(output, files, "the store this export reads")


def _trend_spec(settings: Settings, options: dict[str, Any]) -> Any:
    from lantern.exports.buckets import zone
    from lantern.exports.trends import TrendSpec

    timezone = options["timezone"] or settings.timezone
    zone(timezone)
    since = parse_date(options["since"], "--since", timezone) if options["since"] else None
    until = parse_date(options["until"], "--until", timezone) if options["until"] else None
    if since and until and since >= until:
        raise InputError(f"--since {options['since']} is not before --until {options['until']}", hint="swap them")
    min_count = settings.export_min_count if options["min_count"] is None else options["min_count"]
    if min_count < MIN_COUNT_FLOOR:
        raise InputError(f"--min-count {min_count} is too small", hint=f"use {MIN_COUNT_FLOOR} or more (default 5)")
    return TrendSpec(
        by=options["by"],
        interval=options["interval"],
        timezone=timezone,
        min_count=min_count,
        since=since,
        until=until,
        level=options["level"],
        flags=tuple(options["flags"]),
        sources=tuple(options["sources"]),
    )


def trend_meta(spec: Any, rows: int) -> dict[str, Any]:
    """The description written with every trend export (the parameters, never any item data)."""
    from lantern.exports.trends import RISE_HISTORY, RISE_MIN_HISTORY, RISE_SD_FACTOR

    return {
        "by": spec.by,
        "interval": spec.interval,
        "timezone": spec.timezone,
        "min_count": spec.min_count,
        "since": spec.since.isoformat() if spec.since else None,
        "until": spec.until.isoformat() if spec.until else None,
        "level": spec.level,
        "flags": list(spec.flags),
        "sources": list(spec.sources),
        "rows": rows,
        "rise_rule": f"items >= 2*min_count and items > mean + {RISE_SD_FACTOR:g}*sd of the previous "
        f"{RISE_HISTORY} buckets (published values, at least {RISE_MIN_HISTORY})",
        "generated_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }


@export_group.command("trends")
@click.option("--by", type=click.Choice(["country", "city", "destination"]), required=True, help="What to group by.")
@click.option("--interval", type=click.Choice(["day", "week", "month"]), default="week", show_default=True)
@click.option("--since", metavar="DATE", help="Items dated on or after DATE (YYYY-MM-DD: midnight in --timezone).")
@click.option("--until", metavar="DATE", help="Items dated before DATE (exclusive).")
@click.option("--level", type=click.Choice(LEVELS[1:]), help="Only items at this risk level or higher.")
@click.option("--flag", "flags", multiple=True, metavar="FLAG", help="Only items with this flag (repeat: any of).")
@click.option("--source", "sources", multiple=True, metavar="NAME", help="Only this source (repeat: any of).")
@click.option("--format", "fmt", type=click.Choice(TREND_FORMATS), help="Output format (default: from -o suffix).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Output file.")
@click.option("--plot", type=click.Path(path_type=Path), help="Also draw the top places over time to this PNG.")
@click.option("--min-count", type=int, help="Suppress counts below this (default LANTERN_EXPORT_MIN_COUNT, 5).")
@click.option("--timezone", metavar="ZONE", help="IANA time zone of the buckets (default LANTERN_TIMEZONE).")
@click.pass_obj
def trends_command(settings: Settings, output: Path, fmt: str | None, plot: Path | None, **options: Any) -> None:
    """Counts per place and day/week/month, small counts suppressed; no selector, URL or text is exported.

    Example: lantern export trends --by destination --interval week --level medium -o trends.csv --plot top.png
    """
    from lantern.cli.search import opened_store
    from lantern.exports.compute import trend_rows
    from lantern.exports.writers import write_trends

    fmt = _format(fmt, output, TREND_FORMATS)
    for path in (output, plot):
        if path is not None:
            refuse_store(settings, path)
    spec = _trend_spec(settings, options)
    with opened_store(settings) as store:
        rows = trend_rows(store, spec)
    write_trends(rows, trend_meta(spec, len(rows)), output, fmt)
    click.echo(f"{len(rows)} rows written to {output}", err=True)
    if plot:
        from lantern.exports.plot import plot_trends

        plot_trends(rows, spec, plot)
        click.echo(f"plot written to {plot}", err=True)


@export_group.command("items")
@click.option("--text", default="", help="Full-text query, as for lantern search.")
@query_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), help="Output format (default: from -o suffix).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Output file.")
@click.option("--pseudonymise", is_flag=True, help="Replace phones, e-mails, handles and authors by keyed hashes.")
@click.pass_obj
def items_command(
    settings: Settings, text: str, output: Path, fmt: str | None, pseudonymise: bool, **filters: Any
) -> None:
    """Items matching the same filters as lantern search, as JSON Lines or CSV, for analysts.

    Example: LANTERN_PSEUDONYM_KEY=... lantern export items --level medium --country PH --pseudonymise -o items.jsonl
    """
    from lantern.cli.search import opened_store
    from lantern.exports.items import ITEM_FORMATS, export_items
    from lantern.exports.pseudonymise import Pseudonymiser, pseudonym_key

    fmt = _format(fmt, output, ITEM_FORMATS)
    refuse_store(settings, output)
    pseudonymiser = Pseudonymiser(pseudonym_key(settings), settings.phone_region) if pseudonymise else None
    query = build_query(settings, text=text, **filters)
    with opened_store(settings) as store:
        count = export_items(store.iter_items(query), output, fmt, pseudonymiser)
    click.echo(f"{count} items written to {output}", err=True)


COMMANDS = [export_group]
