"""``lantern es setup|migrate|reindex|status``: the Elasticsearch index behind the ``lantern-items`` alias."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from lantern.errors import ConfigError, InputError
from lantern.settings import Settings

if TYPE_CHECKING:
    from lantern.storage.elasticsearch import ElasticsearchStore


def _store(settings: Settings) -> ElasticsearchStore:
    if not settings.es_url:
        raise ConfigError("LANTERN_ES_URL is not set", hint="export LANTERN_ES_URL=http://127.0.0.1:9200")
    from lantern.storage.elasticsearch import ElasticsearchStore

    return ElasticsearchStore.from_settings(settings)


@click.group("es")
def es_group() -> None:
    """Set up and maintain the Elasticsearch index.

    Example: LANTERN_ES_URL=http://127.0.0.1:9200 lantern es setup
    """


@es_group.command("setup")
@click.pass_obj
def setup_command(settings: Settings) -> None:
    """Create or update templates, the first versioned index and the alias (idempotent).

    Example: lantern es setup
    """
    from lantern.es.client import describe_errors
    from lantern.es.setup import setup

    store = _store(settings)
    with describe_errors(store.url):
        state = setup(store.client, store.alias)
    click.echo(
        f"alias {state.alias} → {state.index} (mapping version {state.mapping_version}, {state.documents} items)"
    )
    if state.needs_migration:
        click.echo("the index has older mappings: run `lantern es migrate`")


@es_group.command("status")
@click.pass_obj
def status_command(settings: Settings) -> None:
    """Show where the alias points, its mapping version and how many items it holds.

    Example: lantern es status
    """
    from lantern.es import template
    from lantern.es.client import describe_errors
    from lantern.es.setup import status

    store = _store(settings)
    with describe_errors(store.url):
        state = status(store.client, store.alias)
    if state.index is None:
        raise ConfigError(f"alias {state.alias} does not exist yet", hint="run `lantern es setup`")
    click.echo(f"alias:           {state.alias} → {state.index}")
    click.echo(f"items:           {state.documents}")
    click.echo(f"mapping version: {state.mapping_version} (this release: {template.mapping_version()})")


@es_group.command("migrate")
@click.pass_obj
def migrate_command(settings: Settings) -> None:
    """Copy the index into a new versioned index with this release's mappings and move the alias.

    Stop crawlers first. Example: lantern es migrate
    """
    from lantern.es.client import describe_errors
    from lantern.es.documents import from_document, to_document
    from lantern.es.migrate import migrate

    store = _store(settings)
    with describe_errors(store.url):
        done = migrate(store.client, store.alias, lambda s: to_document(from_document(s), store.key))
    click.echo(f"{done.documents} item(s) copied from {done.old_index} to {done.new_index}; alias moved")


@es_group.command("reindex")
@click.option("--from-embedded", "path", required=True, type=click.Path(path_type=Path), help="Embedded store file.")
@click.pass_obj
def reindex_command(settings: Settings, path: Path) -> None:
    """Copy every item of an embedded (SQLite) store into Elasticsearch (safe to repeat: upsert by id).

    Example: lantern es reindex --from-embedded lantern-data/lantern.db
    """
    from lantern.es.client import describe_errors
    from lantern.storage.base import SearchQuery
    from lantern.storage.sqlite import SQLiteStore

    if not path.is_file():
        raise InputError(f"no embedded store at {path}", hint="give the lantern.db file, e.g. lantern-data/lantern.db")
    store = _store(settings)
    source = SQLiteStore(path, phone_region=settings.phone_region)
    written, batch = 0, []
    with describe_errors(store.url):
        for item in source.iter_items(SearchQuery()):
            batch.append(item)
            if len(batch) >= settings.es_bulk_batch_size:
                written += store.upsert(batch)
                batch = []
        written += store.upsert(batch)
    source.close()
    click.echo(f"{written} item(s) copied from {path} to {store.alias}")


COMMANDS = [es_group]
