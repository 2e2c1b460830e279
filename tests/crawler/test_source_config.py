"""Source files: the bundled examples are valid; bad files give errors naming the field, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crawler.source_config import load_source_file
from lantern.errors import ConfigError
from lantern.settings import get_settings
from lantern.sources import BUNDLED_SOURCES, load_source

GOOD = """
name: city-forum
kind: forum
start_urls: ["https://forum.example.org/"]
links: {thread: "a.thread", next_page: "a.next"}
fields: {post: "article.post", body: ".body", exclude: ["blockquote"]}
"""


def write(tmp_path: Path, text: str, name: str = "src.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", sorted(BUNDLED_SOURCES.glob("*.yml")), ids=lambda p: p.stem)
def test_bundled_sources_are_valid_and_local(path: Path) -> None:
    source = load_source_file(path)
    assert source.name == path.stem
    assert all(url.startswith("http://127.0.0.1:") for url in source.start_urls)


def test_a_good_file_gets_defaults(tmp_path: Path) -> None:
    source = load_source_file(write(tmp_path, GOOD))
    assert source.kind == "forum"
    assert source.obey_robots is True
    assert source.allow_private_network == ()
    assert (source.page_budget, source.depth_limit) == (10_000, 200)
    assert source.domains == ("forum.example.org",)
    assert source.politeness.delay == 1.0


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        (GOOD.replace("kind: forum", "kind: shop"), "kind", "'ads', 'forum' or 'pages'"),
        (GOOD.replace("https://forum.example.org/", "ftp://x"), "start_urls", "only http and https"),
        (GOOD.replace('"a.thread"', '"a[["'), "links.thread", "invalid selector"),
        (GOOD + "colour: red\n", "colour", "unknown field"),
        (GOOD.replace("name: city-forum", "name: City Forum"), "name", "lower-case"),
        (GOOD.replace('post: "article.post", ', ""), "", "needs fields.post"),
        (GOOD + "politeness: {delay: -1}\n", "politeness.delay", "greater than or equal"),
    ],
)
def test_bad_files_name_the_field(tmp_path: Path, text: str, field: str, words: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_source_file(write(tmp_path, text))
    assert field in error.value.hint
    assert words in error.value.hint


def test_not_yaml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_source_file(write(tmp_path, "name: [unclosed"))
    with pytest.raises(ConfigError, match="mapping"):
        load_source_file(write(tmp_path, "- a list"))
    with pytest.raises(ConfigError, match="cannot read"):
        load_source_file(tmp_path / "missing.yml")


def test_unknown_source_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError) as error:
        load_source("no-such-source", get_settings())
    assert "demo-forum" in error.value.hint


def test_validate_command_reports_every_problem(tmp_path: Path) -> None:
    bad = write(tmp_path, GOOD.replace("kind: forum", "kind: shop") + "colour: red\n", "bad.yml")
    good = write(tmp_path, GOOD, "good.yml")
    run = subprocess.run(
        [sys.executable, "-m", "lantern", "sources", "validate", str(good), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "good.yml: ok" in run.stdout
    assert "kind:" in run.stderr and "colour: unknown field" in run.stderr
    assert "Traceback" not in run.stderr
