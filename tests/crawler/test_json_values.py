"""``CSS::json(EXPRESSION)``: a value of a JSON script element, read with JMESPath; bad ones are named when the
source file is read, hostile JSON gives no value and never raises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from parsel import Selector

from crawler import json_values
from crawler.listing_rows import row_signatures
from crawler.source_config import load_source_file
from crawler.spiders.base import first_text
from lantern.errors import ConfigError

PAGE = """<html><body><article>one</article><article>two</article>
<script id="data" type="application/json">{"posts": [{"n": 4, "at": "2024-01-08T08:24:00+00:00", "by": null},
{"n": 7, "at": "2024-01-09T18:02:00+00:00", "by": "reader01"}], "count": 2, "tags": ["a", "b"], "ok": true}</script>
</body></html>"""
SOURCE = """
name: json-forum
kind: forum
start_urls: ["https://forum.example.org/"]
links: {{thread: "a.thread"}}
fields: {{post: "article", {field}: "{selector}"}}
"""


def test_a_value_a_list_and_one_value_per_post() -> None:
    page = Selector(text=PAGE)
    assert json_values.values(page, "script#data::json(posts[].n)") == [4, 7]
    assert json_values.text(page, "script#data::json(count)") == "2"
    assert json_values.text(page, "script#data::json(ok)") == "true"
    assert json_values.text(page, "script#data::json(tags)") == "a b"
    assert json_values.text(page, "script#data::json(posts[0])") == '{"at":"2024-01-08T08:24:00+00:00","by":null,"n":4}'
    assert first_text(page, "script#data::json(posts[1].by)") == "reader01"
    assert json_values.paired(page, "script#data::json(posts[].join('', ['p', to_string(n)]))", 2) == ["p4", "p7"]


def test_nulls_keep_their_place_in_a_multiselect_and_counts_must_agree() -> None:
    page = Selector(text=PAGE)
    assert json_values.paired(page, "script#data::json(posts[].[by])", 2) == [None, "reader01"]
    assert json_values.paired(page, "script#data::json(posts[].by)", 2) is None  # a projection drops the null
    assert json_values.paired(page, "script#data::json(posts[].n)", 3) is None


@pytest.mark.parametrize(("counts", "signatures"), [("[3, 5]", ["3", "5"]), ("[3]", [None, None])])
def test_a_row_signature_from_json_only_when_its_values_pair_with_the_links(
    counts: str, signatures: list[str | None]
) -> None:
    """Values that do not pair with the links give no signature: the threads are fetched, never skipped on a guess."""
    html = (
        '<ul><li><a href="/d/1">One</a></li><li><a href="/d/2">Two</a></li></ul><script id="data">{{"n": {}}}</script>'
    )
    page = Selector(text=html.format(counts))
    links = [(link, link.attrib["href"]) for link in page.css("li > a")]
    assert row_signatures(page, links, None, ["script#data::json(n[].[@])"]) == signatures


@pytest.mark.parametrize(
    "script",
    ["not json", '{"a": ', "[" * 100_000, '{"a": "x"}', ""],
    ids=["text", "cut-off", "deep", "no-match", "empty"],
)
def test_hostile_or_missing_json_gives_nothing(script: str) -> None:
    page = Selector(text=f'<script type="application/json">{script}</script>')
    assert json_values.values(page, "script::json(posts[].n)") == []
    assert json_values.text(page, "script::json(posts[].n)") is None
    assert json_values.text(Selector(text="<p>no script</p>"), "script::json(a)") is None


@pytest.mark.parametrize(
    ("field", "selector", "words"),
    [
        ("posted_at", "script::json(posts[)", "invalid JMESPath expression 'posts[' in ::json(…): it ends too early"),
        ("posted_at", "script::json(lenght(a))", "Unknown function: lenght()"),
        ("posted_at", "script::json()", "it is empty"),
        ("posted_at", "::json(a)", "give the script element's CSS selector"),
        ("posted_at", "script[[::json(a)", "invalid selector"),
        ("posted_at", "xpath://script::json(a)", "after a CSS selector"),
        ("body", "script::json(a)", "gives values, not elements: use it in author, board_activity"),
        ("post_anchor", "script::json(a.b)", ""),
    ],
)
def test_bad_json_selectors_name_the_field(tmp_path: Path, field: str, selector: str, words: str) -> None:
    path = tmp_path / "json-forum.yml"
    path.write_text(SOURCE.format(field=field, selector=selector), encoding="utf-8")
    if not words:
        assert load_source_file(path).fields.post_anchor == selector
        return
    with pytest.raises(ConfigError) as error:
        load_source_file(path)
    assert f"fields.{field}: " in error.value.hint and words in error.value.hint
    assert "\n" not in error.value.hint


def test_a_link_selector_cannot_be_a_json_value(tmp_path: Path) -> None:
    path = tmp_path / "json-forum.yml"
    path.write_text(SOURCE.format(field="body", selector="p").replace('"a.thread"', '"script::json(a)"'))
    with pytest.raises(ConfigError, match="gives values, not elements"):
        load_source_file(path)


def test_validate_shows_the_json_selectors_in_effect(tmp_path: Path) -> None:
    path = tmp_path / "campers.yml"
    path.write_text('preset: flarum\nstart_urls: ["https://campers.example.org/"]\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "lantern", "sources", "validate", str(path)], capture_output=True, text=True, check=True
    )
    assert "posted_at: script#flarum-json-payload::json(apiDocument.included[?type == 'posts'" in run.stdout
    assert "skip_unchanged: true" in run.stdout
