"""``lantern search``, ``lantern show``, ``lantern stats`` and ``lantern runs``: reading the store from the shell."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lantern.cli.filters import build_query, query_options
from lantern.errors import InputError
from lantern.settings import Settings
from lantern.storage.base import StorageBackend, StoredItem

MIN_PREFIX = 8


@contextmanager
def opened_store(settings: Settings) -> Iterator[StorageBackend]:
    """The configured store for reading; a clear error when the embedded store does not exist yet."""
    from lantern.storage import open_store

    if not settings.es_url and not settings.opensearch_url and not settings.store_path.exists():
        raise InputError(
            f"no store at {settings.store_path}",
            hint="crawl something first (lantern demo), or point LANTERN_DATA_DIR at an existing data folder",
        )
    store = open_store(settings)
    try:
        yield store
    finally:
        store.close()


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False))


@click.command("search")
@click.argument("text", required=False, default="")
@query_options
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="Items per page.")
@click.option("--offset", type=click.IntRange(0, 10**9), default=0, help="Skip this many matches (paging).")
@click.option("--json", "as_json", is_flag=True, help="Print the stored items as JSON Lines.")
@click.pass_obj
def search_command(settings: Settings, text: str, limit: int, offset: int, as_json: bool, **filters: Any) -> None:
    """Search stored items by text and filters; best match first, or newest first without TEXT.

    TEXT takes words (all must match), "quoted phrases", OR, -word to exclude and word* for prefixes
    (put -- before a TEXT that starts with -).

    Example: lantern search '"new in town" OR touring' --level medium --country PH --since 2026-01-01
    """
    from rich.console import Console

    from lantern.cli.render import hits_table

    query = build_query(settings, text=text, limit=limit, offset=offset, **filters)
    with opened_store(settings) as store:
        result = store.search(query)
    if as_json:
        for item in result.items:
            _echo_json(item)
        return
    Console().print(hits_table(result.items, total=result.total, offset=offset, timezone=settings.timezone))


def _resolve(store: StorageBackend, item_id: str) -> StoredItem:
    """An item by full id or by a unique prefix of at least 8 characters."""
    item = store.get(item_id)
    if item is not None:
        return item
    find_ids = getattr(store, "find_ids", None)
    if len(item_id) < MIN_PREFIX or find_ids is None:
        raise InputError(f"no item with id {item_id!r}", hint=f"give the full id or at least {MIN_PREFIX} characters")
    matches = find_ids(item_id, 5)
    if not matches:
        raise InputError(f"no item with an id starting {item_id!r}", hint="find ids with lantern search")
    if len(matches) > 1:
        raise InputError(f"{item_id!r} is the start of several ids: {', '.join(matches)}", hint="give more characters")
    found = store.get(matches[0])
    assert found is not None
    return found


def _fields_table(item: StoredItem, timezone: str) -> Table:
    from lantern.cli.render import level_text, local_date

    analysis = item["analysis"]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    risk = analysis["risk"]
    rows: list[tuple[str, Any]] = [
        ("id", item["id"]),
        ("url", item["url"]),
        ("source", f"{item['source']} ({item['kind']}, {item['site']})"),
        ("risk", level_text(risk["level"]) + Text(f"  score {risk['score']:.2f}")),
        ("why", risk.get("explanation") or "-"),
        ("genre", _genre(analysis)),
        ("flags", ", ".join(analysis.get("flags", [])) or "-"),
        ("min age", str(analysis["min_age"]) if analysis.get("min_age") is not None else "-"),
        ("places", _places(analysis.get("locations", []))),
        ("posted", local_date(item.get("posted_at"), timezone, True)),
        ("seen", _seen(item, timezone)),
        ("language", f"{item['language']}  (lexicon {analysis['lexicon_version']})"),
    ]
    for name, value in rows:
        grid.add_row(name, value)
    return grid


def _genre(analysis: Mapping[str, Any]) -> str:
    """The item's genre and the cues that decided it, and the genre of the segment that decided the level."""
    genre = analysis.get("genre")
    if not genre:
        return "- (analysed before genres were read; `lantern reprocess` adds them)"
    cues = "; ".join(f"“{cue['text']}”" for cue in genre.get("evidence", []) if cue.get("text"))
    segment = analysis["risk"].get("segment")
    deciding = f"; deciding segment: {segment['genre']}" if segment else ""
    return f"{genre['label']}{f' ({cues})' if cues else ''}{deciding}"


def _places(locations: Iterable[Mapping[str, Any]]) -> str:
    names = dict.fromkeys(
        f"{loc['name']} ({loc['country']}{', destination' if loc.get('destination') else ''})" for loc in locations
    )
    return "; ".join(names) or "-"


def _seen(item: StoredItem, timezone: str) -> str:
    from lantern.cli.render import local_date

    first, last = local_date(item["first_seen"], timezone, True), local_date(item["last_seen"], timezone, True)
    return f"{first} → {last} ({item['times_seen']}×)"


def _contacts_table(item: StoredItem) -> Table:
    contacts: Mapping[str, list[str]] = item["analysis"].get("contacts") or {}  # type: ignore[assignment]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for kind in ("phones", "emails", "handles"):
        grid.add_row(kind, ", ".join(contacts.get(kind, [])) or "-")
    return grid


@click.command("show")
@click.argument("item_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the stored item as JSON.")
@click.pass_obj
def show_command(settings: Settings, item_id: str, as_json: bool) -> None:
    """Show one item: its fields, the risk explanation and the text with every signal, age and place highlighted.

    ID is the full id or a unique prefix of at least 8 characters.

    Example: lantern show 3f2a9c01
    """
    from lantern.cli.render import AGE_STYLE, LOCATION_STYLE, SIGNAL_STYLE, highlighted

    with opened_store(settings) as store:
        item = _resolve(store, item_id.strip())
    if as_json:
        _echo_json(item)
        return
    console = Console()
    console.print(_fields_table(item, settings.timezone))
    legend = Text("signal", SIGNAL_STYLE) + Text("  ") + Text("age", AGE_STYLE) + Text("  ")
    text = highlighted(item)
    segment = item["analysis"]["risk"].get("segment")
    if segment and (segment["start"], segment["end"]) != (0, len(text.plain)):
        where = f"{segment['genre']}, characters {segment['start']}–{segment['end']}"
        title = f"the segment that decided the level ({where})"
        console.print(Panel(text[segment["start"] : segment["end"]], title=title))
    console.print(Panel(text, title="text", subtitle=legend + Text("place", LOCATION_STYLE)))
    console.print(Panel(_contacts_table(item), title="contacts"))


@click.command("stats")
@click.option("--runs", "run_limit", type=click.IntRange(0, 1000), default=10, show_default=True, help="Crawl runs.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object.")
@click.pass_obj
def stats_command(settings: Settings, run_limit: int, as_json: bool) -> None:
    """Count stored items by level, source, flag and country, and list the last crawl runs.

    Example: lantern stats --runs 5
    """
    from lantern.cli.runs_view import recent_runs, runs_table

    with opened_store(settings) as store:
        counts = store.counts()
    runs = recent_runs(settings, limit=run_limit)
    if as_json:
        _echo_json({**counts.__dict__, "runs": [run.__dict__ for run in runs]})
        return
    console = Console()
    console.print(f"[bold]{counts.items}[/bold] item(s) in the {store.name} store")
    for title, values in (
        ("level", counts.by_level),
        ("source", counts.by_source),
        ("flag", counts.by_flag),
        ("country", counts.by_country),
    ):
        console.print(_counts_table(title, values))
    if runs:
        console.print(runs_table(runs, settings.timezone))


def _counts_table(title: str, values: dict[str, int]) -> Table:
    table = Table(title=f"by {title}", title_justify="left")
    table.add_column(title)
    table.add_column("items", justify="right")
    for key, count in values.items():
        table.add_row(key, str(count))
    if not values:
        table.add_row("-", "0")
    return table


@click.command("runs")
@click.option("--source", help="Only runs of this source.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="How many runs.")
@click.option("--json", "as_json", is_flag=True, help="Print the runs as JSON Lines.")
@click.pass_obj
def runs_command(settings: Settings, source: str | None, limit: int, as_json: bool) -> None:
    """List the latest crawl runs with their status and counters, newest first.

    Example: lantern runs --source example-ads --limit 5
    """
    from lantern.cli.runs_view import recent_runs, runs_table

    runs = recent_runs(settings, source=source, limit=limit)
    if as_json:
        for run in runs:
            _echo_json(run.__dict__)
        return
    if not runs:
        click.echo("no crawl runs recorded" + (f" for source {source}" if source else ""))
        return
    Console().print(runs_table(runs, settings.timezone))


COMMANDS = [search_command, show_command, stats_command, runs_command]
