"""``lantern spool replay|status``: items a store could not accept, waiting on disk (see lantern.spool)."""

from __future__ import annotations

import click

from lantern.settings import Settings
from lantern.storage import backend_name


def _spool_and_store(settings: Settings):  # type: ignore[no-untyped-def]
    from lantern.spool import Spool
    from lantern.storage import open_store

    store = open_store(settings)
    return Spool.for_backend(settings, store.name), store


@click.group("spool")
def spool_group() -> None:
    """Inspect and replay the on-disk spool of the configured store.

    Example: lantern spool status
    """


@spool_group.command("status")
@click.pass_obj
def status_command(settings: Settings) -> None:
    """Show how many items wait in the spool of the configured backend.

    Example: lantern spool status
    """
    from datetime import UTC, datetime

    from lantern.spool import Spool

    state = Spool.for_backend(settings, backend_name(settings)).status()
    oldest = datetime.fromtimestamp(state.oldest, UTC).isoformat(timespec="seconds") if state.oldest else "-"
    click.echo(f"spool:    {state.directory}")
    click.echo(f"items:    {state.items} in {state.segments} segment(s), {state.bytes} bytes; oldest {oldest}")
    if state.bad_segments:
        click.echo(f"damaged:  {state.bad_segments} segment(s) kept as *.jsonl.bad for inspection")


@spool_group.command("replay")
@click.pass_obj
def replay_command(settings: Settings) -> None:
    """Write spooled items to the configured store; each segment is deleted once fully accepted.

    Example: LANTERN_ES_URL=http://127.0.0.1:9200 lantern spool replay
    """
    from lantern.errors import ConfigError
    from lantern.storage.errors import StorageError

    spool, store = _spool_and_store(settings)
    waiting = spool.status().items
    try:
        replayed = spool.replay(store)
    except StorageError as exc:
        left = spool.status().items
        raise ConfigError(
            f"the {store.name} store refused spooled items ({exc}); {left} item(s) still in {spool.directory}",
            hint="check the store is reachable, then run `lantern spool replay` again",
        ) from None
    finally:
        store.close()
    click.echo(f"replayed {replayed} of {waiting} item(s) into the {store.name} store")


COMMANDS = [spool_group]
