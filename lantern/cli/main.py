"""Entry point of the ``lantern`` command: the group, error handling, and the command registry."""

from __future__ import annotations

import sys
from typing import Any

import click

from lantern import __version__
from lantern.errors import LanternError
from lantern.settings import get_settings


class LanternGroup(click.Group):
    """A click group that turns :class:`LanternError` into a clear message and exit status, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LanternError as exc:
            click.secho(f"Error: {exc.message}", fg="red", err=True)
            if exc.hint:
                click.echo(f"  hint: {exc.hint}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=LanternGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lantern")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Lantern: crawl public web sources, flag minor-related and destination signals, search and export.

    Settings come from LANTERN_* environment variables; see `lantern config`.
    """
    ctx.obj = get_settings()


def _register() -> None:
    """Add the commands of every module in ``lantern.cli`` that lists them in ``COMMANDS``."""
    import importlib
    import pkgutil

    import lantern.cli

    for info in sorted(pkgutil.iter_modules(lantern.cli.__path__), key=lambda m: m.name):
        if info.name == "main":
            continue
        module = importlib.import_module(f"lantern.cli.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            cli.add_command(command)


_register()


if __name__ == "__main__":
    cli()
