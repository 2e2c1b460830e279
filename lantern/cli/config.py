"""``lantern config``: show the settings in effect (secrets masked), or their documentation as Markdown."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from lantern.settings import Settings


@click.command("config")
@click.option("--markdown", is_flag=True, help="Print the documentation table (docs/CONFIGURATION.md).")
@click.pass_obj
def config_command(settings: Settings, markdown: bool) -> None:
    """Show every setting, its value here and its default.

    Example: LANTERN_DATA_DIR=/srv/lantern lantern config
    """
    rows = settings.describe()
    if markdown:
        click.echo(render_markdown(rows))
        return
    table = Table(title="Lantern settings")
    for column in ("variable", "value", "default", "meaning"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


def render_markdown(rows: list[tuple[str, str, str, str]]) -> str:
    """The settings as a Markdown table with defaults (not the values of this machine)."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for variable, _value, default, doc in rows:
        if variable == "LANTERN_CACHE_DIR":
            default = "$XDG_CACHE_HOME/lantern or ~/.cache/lantern"
        lines.append(f"| `{variable}` | `{default}` | {doc} |")
    return "\n".join(lines)


COMMANDS = [config_command]
