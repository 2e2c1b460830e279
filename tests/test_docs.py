"""Documentation stays true: every setting and every command is documented, every command has an example."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from lantern.cli.config import render_markdown
from lantern.cli.main import cli
from lantern.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def all_commands(group: click.Group = cli, prefix: str = "lantern") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found += all_commands(command, path)
    return found


def test_configuration_doc_matches_the_settings() -> None:
    text = (ROOT / "docs" / "CONFIGURATION.md").read_text(encoding="utf-8")
    section = re.search(r"<!-- settings:start -->\n(.*)\n<!-- settings:end -->", text, re.S)
    assert section, "docs/CONFIGURATION.md lost its settings markers"
    expected = render_markdown(Settings().describe())
    assert section.group(1).strip() == expected.strip(), "run: lantern config --markdown, paste into the doc"


def test_every_top_level_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in cli.commands if f"lantern {name}" not in readme]
    assert not missing


@pytest.mark.parametrize(("path", "command"), all_commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_is_documented_with_an_example(path: str, command: click.Command) -> None:
    leaf = path.split()[-1]
    assert re.search(rf"\b{re.escape(leaf)}\b", DOCS), f"{path} is not mentioned in README.md or docs/"
    if not isinstance(command, click.Group):
        assert "Example" in (command.help or ""), f"{path} --help has no example"
