"""Entry point of the ``lantern`` command: the group, error handling, and the command registry."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import click

from lantern import __version__
from lantern.errors import InputError, LanternError
from lantern.settings import get_settings


class LanternGroup(click.Group):
    """A click group that turns bad input into one clear line (and a hint) and an exit status, never a traceback.

    :class:`LanternError` keeps its own exit status; a bad option or argument (click's usage errors), an argument
    that is not UTF-8 text and a file the system refuses (:class:`OSError`) exit with 2.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["lantern.argv"] = list(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            check_arguments(ctx.meta.get("lantern.argv", []))
            return super().invoke(ctx)
        except LanternError as exc:
            fail(exc.message, exc.hint, exc.exit_code)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "lantern"
            fail(exc.format_message(), f"see `{where} --help`", 2)
        except OSError as exc:
            fail(describe_os_error(exc), "check the path and its permissions", 2)


def fail(message: str, hint: str | None, code: int) -> NoReturn:
    """Print ``Error: message`` (and the hint) on standard error and exit with ``code``."""
    click.secho(f"Error: {' '.join(message.split())}", fg="red", err=True)
    if hint:
        click.echo(f"  hint: {hint}", err=True)
    sys.exit(code)


def check_arguments(argv: list[str]) -> None:
    """Refuse arguments with bytes that are not UTF-8 (Python keeps them as lone surrogates)."""
    for number, argument in enumerate(argv, start=1):
        if any("\ud800" <= char <= "\udfff" for char in argument):
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise InputError(f"argument {number} ({shown!r}) is not UTF-8 text", hint="pass text encoded as UTF-8")


def describe_os_error(exc: OSError) -> str:
    """``cannot use PATH: reason`` for an error the operating system gave."""
    reason = exc.strerror or str(exc)
    return f"cannot use {exc.filename}: {reason}" if exc.filename else reason


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
