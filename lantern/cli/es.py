"""``lantern es setup|migrate|reindex|status``: the search-engine index behind the ``lantern-items`` alias, on
Elasticsearch (``LANTERN_ES_URL``) or OpenSearch (``LANTERN_OPENSEARCH_URL``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from lantern.errors import ConfigError, InputError
from lantern.settings import Settings

if TYPE_CHECKING:
    from lantern.storage.search_engine.setup import IndexState
    from lantern.storage.search_engine.store import SearchEngineStore

URL_HINT = "export LANTERN_ES_URL=http://127.0.0.1:9200 (Elasticsearch) or LANTERN_OPENSEARCH_URL=… (OpenSearch)"


def _store(settings: Settings) -> SearchEngineStore:
    if not settings.es_url and not settings.opensearch_url:
        raise ConfigError("neither LANTERN_ES_URL nor LANTERN_OPENSEARCH_URL is set", hint=URL_HINT)
    from lantern.storage import open_store
    from lantern.storage.search_engine.store import SearchEngineStore

    store = open_store(settings)
    assert isinstance(store, SearchEngineStore)
    return store


@click.group("es")
def es_group() -> None:
    """Set up and maintain the Elasticsearch or OpenSearch index.

    Example: LANTERN_OPENSEARCH_URL=http://127.0.0.1:9200 lantern es setup
    """


@es_group.command("setup")
@click.pass_obj
def setup_command(settings: Settings) -> None:
    """Create or update templates, the first versioned index and the alias (idempotent).

    Example: lantern es setup
    """
    from lantern.storage.search_engine.server import check_server
    from lantern.storage.search_engine.setup import setup

    store = _store(settings)
    check_server(store.engine)
    state = setup(store.engine, store.alias)
    click.echo(
        f"alias {state.alias} → {state.index} (mapping version {state.mapping_version}, {state.documents} items)"
    )
    if state.needs_migration:
        click.echo("the index has older mappings: run `lantern es migrate`")


@es_group.command("status")
@click.pass_obj
def status_command(settings: Settings) -> None:
    """Show the cluster's health, where the alias points, its mapping version and how many items it holds.

    Example: lantern es status
    """
    from lantern.storage.search_engine import template
    from lantern.storage.search_engine.server import check_server
    from lantern.storage.search_engine.setup import status

    store = _store(settings)
    info = check_server(store.engine)
    state = status(store.engine, store.alias)
    version = info.get("version")
    number = version.get("number", "?") if isinstance(version, dict) else "?"
    click.echo(f"engine:          {store.engine.product} {number} at {store.url}")
    click.echo(f"cluster:         {_health(state)}")
    if state.index is None:
        raise ConfigError(f"alias {state.alias} does not exist yet", hint="run `lantern es setup`")
    click.echo(f"alias:           {state.alias} → {state.index}")
    click.echo(f"items:           {state.documents}")
    click.echo(f"mapping version: {state.mapping_version} (this release: {template.mapping_version()})")


def _health(state: IndexState) -> str:
    line = f"{state.health} ({state.nodes} node(s))"
    if state.health == "yellow":
        line += f": degraded, {state.unassigned_shards} shard copies unassigned (writes go on; a replica is missing)"
    elif state.health == "red":
        line += f": degraded, {state.unassigned_shards} shard copies unassigned (a primary is missing: writes spool)"
    return line


@es_group.command("migrate")
@click.pass_obj
def migrate_command(settings: Settings) -> None:
    """Copy the index into a new versioned index with this release's mappings and move the alias.

    Stop crawlers first. Example: lantern es migrate
    """
    from lantern.storage.search_engine.documents import from_document, to_document
    from lantern.storage.search_engine.migrate import migrate
    from lantern.storage.search_engine.server import check_server

    store = _store(settings)
    check_server(store.engine)
    done = migrate(store.engine, store.alias, lambda s: to_document(from_document(s), store.key))
    click.echo(f"{done.documents} item(s) copied from {done.old_index} to {done.new_index}; alias moved")


@es_group.command("reindex")
@click.option("--from-embedded", "path", required=True, type=click.Path(path_type=Path), help="Embedded store file.")
@click.pass_obj
def reindex_command(settings: Settings, path: Path) -> None:
    """Copy every item of an embedded (SQLite) store into the search engine (safe to repeat: upsert by id).

    Example: lantern es reindex --from-embedded lantern-data/lantern.db
    """
    from lantern.storage.base import SearchQuery
    from lantern.storage.sqlite.store import SQLiteStore

    if not path.is_file():
        raise InputError(f"no embedded store at {path}", hint="give the lantern.db file, e.g. lantern-data/lantern.db")
    store = _store(settings)
    source = SQLiteStore(path, phone_region=settings.phone_region)
    written, batch = 0, []
    for item in source.iter_items(SearchQuery()):
        batch.append(item)
        if len(batch) >= settings.es_bulk_batch_size:
            written += store.upsert(batch)
            batch = []
    written += store.upsert(batch)
    source.close()
    store.refresh()  # a search right after the copy sees all of it
    click.echo(f"{written} item(s) copied from {path} to {store.alias}")


COMMANDS = [es_group]
