"""Source files: the bundled examples are valid; bad files give errors naming the field, never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.presets import about, preset_names
from crawler.source_config import load_source_file
from lantern.errors import ConfigError
from lantern.settings import get_settings
from lantern.sources import BUNDLED_SOURCES, load_source

SOURCES_DOC = Path(__file__).parents[2] / "docs" / "SOURCES.md"
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
        (GOOD + "timezone: Europe/Amsterdm\n", "timezone", "unknown time zone"),
        (GOOD + "dates: {languages: [nl, klingon]}\n", "dates.languages", "cannot be read in 'klingon'"),
        (GOOD + "dates: {order: DDMMYY}\n", "dates.order", "unknown date order"),
        (GOOD + "dates: {lang: [nl]}\n", "dates.lang", "unknown field"),
        (GOOD.replace('start_urls: ["https://forum.example.org/"]', ""), "start_urls", "or start_sitemaps or"),
        (GOOD + "start_feeds: [feed.xml]\n", "start_feeds", "only http and https"),
        (GOOD + "start_sitemaps: ['https:///x']\n", "start_sitemaps", "no host"),
        (GOOD.replace('"a.thread", ', '"a.thread", thread_row: "li[[", '), "links.thread_row", "invalid selector"),
        (GOOD + "allowed_domains: ['https://forum.example.org/']\n", "allowed_domains", "a URL, not a domain"),
        (GOOD + "allowed_domains: ['*.example.org']\n", "allowed_domains", "without '*'"),
        (GOOD + "allowed_domains: ['forum.example.org:8080']\n", "allowed_domains", "without a port"),
        (GOOD + "allowed_domains: [other.example.org]\n", "allowed_domains", "which none of them covers"),
        (GOOD + "allow_private_network: [169.254.169.254]\n", "allow_private_network", "no source may reach"),
        (GOOD + "allow_private_network: [metadata.google.internal]\n", "allow_private_network", "no source may"),
        (GOOD + "start_feeds: https://forum.example.org/feed\n", "start_feeds", "give a list"),
        (GOOD + "politeness: 3\n", "politeness", "give a mapping of its fields"),
    ],
)
def test_bad_files_name_the_field(tmp_path: Path, text: str, field: str, words: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_source_file(write(tmp_path, text))
    assert field in error.value.hint
    assert words in error.value.hint


def test_allowed_domains_are_hosts_in_lower_case_covering_every_start_point(tmp_path: Path) -> None:
    """Scrapy matches a page's host against each domain and its subdomains, as written (case included)."""
    text = GOOD + 'allowed_domains: [Example.ORG.]\nstart_feeds: ["https://news.example.org/feed.atom"]\n'
    assert load_source_file(write(tmp_path, text)).domains == ("example.org",)


def test_a_sitemap_or_a_feed_may_be_the_only_start_point(tmp_path: Path) -> None:
    text = GOOD.replace('["https://forum.example.org/"]', "[]") + 'start_sitemaps: ["https://f.example.org/s.xml"]\n'
    source = load_source_file(write(tmp_path, text))
    assert source.start_urls == () and source.domains == ("f.example.org",) and source.label == "f.example.org"
    assert source.recrawl.skip_unchanged and source.links.thread_row is None


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


PRESET = """
preset: spirit
start_urls: ["https://forum.example.org/"]
timezone: Asia/Manila
fields: {body: ".comment__text p"}
"""


def test_a_preset_fills_links_and_fields_and_the_file_overrides_them(tmp_path: Path) -> None:
    source = load_source_file(write(tmp_path, PRESET, "spirit-forum.yml"))
    assert source.kind == "forum" and source.preset == "spirit"
    assert source.fields.post == "div.comments_list__comment"
    assert source.fields.body == ".comment__text p"
    assert source.links.thread == "a.topic__link"


def test_an_unknown_preset_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_source_file(write(tmp_path, PRESET.replace("spirit", "vbulletin9", 1)))
    assert "preset: unknown preset 'vbulletin9' (known:" in error.value.hint


def test_validate_shows_the_effective_configuration(tmp_path: Path) -> None:
    path = write(tmp_path, PRESET, "spirit-forum.yml")
    shown = subprocess.run(
        [sys.executable, "-m", "lantern", "sources", "validate", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "ok (forum, preset spirit" in shown
    assert "post: div.comments_list__comment" in shown  # from the preset
    assert "body: .comment__text p" in shown  # from the file
    assert "timezone: Asia/Manila" in shown
    assert "languages: [en, nl, de, fr, es, pt, id, th, tl]" in shown and "order: DMY" in shown  # the defaults


@pytest.mark.parametrize("name", preset_names())
def test_every_preset_makes_a_valid_source_and_says_where_it_comes_from(tmp_path: Path, name: str) -> None:
    text = f'preset: {name}\nstart_urls: ["https://forum.example.org/"]\n'
    source = load_source_file(write(tmp_path, text, f"{name}-forum.yml"))
    if source.kind == "forum":
        assert source.fields.post and source.links.thread
    else:
        assert source.kind == "ads" and source.links.detail and source.fields.body
    assert {"engine", "versions", "tested"} <= set(about(name))


def doc_examples() -> list[str]:
    """The YAML source files shown in docs/SOURCES.md."""
    return re.findall(r"^```yaml\n(.*?)^```", SOURCES_DOC.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("name", preset_names())
def test_every_preset_has_a_worked_example_in_the_docs(name: str) -> None:
    """docs/SOURCES.md has a worked example for each engine: a heading and a source file of its preset."""
    engine, docs = about(name)["engine"], SOURCES_DOC.read_text(encoding="utf-8")
    assert re.search(rf"^### Worked example: an? {re.escape(engine)} ", docs, re.MULTILINE), engine
    assert any(re.search(rf"^preset: {re.escape(name)}\b", text, re.MULTILINE) for text in doc_examples())


@pytest.mark.parametrize("text", doc_examples(), ids=lambda text: text.splitlines()[0][:40])
def test_every_source_file_in_the_docs_is_valid(tmp_path: Path, text: str) -> None:
    load_source_file(write(tmp_path, text, "example.yml"))
