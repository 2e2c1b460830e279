"""``lantern store check|backup``: the embedded store's integrity, and consistent copies of it while in use."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lantern.errors import InputError
from lantern.settings import Settings


@click.group("store")
def store_group() -> None:
    """Check the embedded store file, or back it up while crawls go on.

    Example: lantern store backup /backups/lantern.db
    """


@store_group.command("check")
@click.pass_obj
def check_command(settings: Settings) -> None:
    """Run SQLite's full integrity check over the store file (any size); exit status 1 when it is damaged.

    The file is only read. Example: lantern store check
    """
    from lantern.storage.sqlite.integrity import full_check

    path = settings.store_path
    if not path.is_file():
        raise InputError(f"no embedded store at {path}", hint="check LANTERN_DATA_DIR")
    problems = full_check(path)
    if not problems:
        click.echo(f"{path}: ok ({path.stat().st_size:,} bytes)")
        return
    click.secho(f"{path}: damaged", fg="red", err=True)
    for problem in problems[:20]:
        click.echo(f"  {problem}", err=True)
    click.echo("  restore the last backup (lantern store backup makes them); the file was not changed", err=True)
    sys.exit(1)


@store_group.command("backup")
@click.argument("target", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def backup_command(settings: Settings, target: Path) -> None:
    """Copy the store to TARGET with SQLite's online backup (safe while a crawl writes), then check the copy.

    TARGET is written under a temporary name and renamed when the copy passed its check; it is never the store.

    Example: lantern store backup /backups/lantern-$(date +%F).db
    """
    from lantern.storage.sqlite.backup import backup_store

    pages = backup_store(settings.store_path, target)
    click.echo(f"backed up {settings.store_path} to {target} ({pages:,} pages, checked)")


COMMANDS = [store_group]
