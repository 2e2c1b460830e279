"""Every record keeps to the analysis contract, and the project's copy of the contract is the shared one."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "contracts" / "analysis.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SHARED = ROOT.parent / "shared" / "contracts"


def assert_valid(record, analysed):
    VALIDATOR.validate(record)
    analysis = record["analysis"]
    for span in [*analysis["signals"], *analysis["ages"], *analysis["locations"]]:
        assert analysed[span["start"] : span["end"]] == span["text"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared contracts folder is not beside this checkout")
@pytest.mark.parametrize("name", ["analysis.schema.json", "README.md"])
def test_project_copy_of_the_contract_is_identical(name):
    assert (ROOT / "contracts" / name).read_bytes() == (SHARED / name).read_bytes()


def test_title_and_text_are_analysed_together(analyzer):
    item = {"id": "a", "title": "Nieuw: Sanne", "text": "Zes-tien jaar, bel me", "posted_at": "2026-01-01"}
    record = analyzer.analyze(item)
    assert_valid(record, "Nieuw: Sanne\n\nZes-tien jaar, bel me")
    assert record["analysis"]["ages"][0]["text"] == "Zes-tien jaar"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.one_of(st.none(), st.text(max_size=40)), text=st.text(max_size=2000))
def test_any_text_gives_a_valid_record_with_exact_spans(analyzer, title, text):
    record = analyzer.analyze({"id": "p", "title": title, "text": text})
    assert_valid(record, f"{title}\n\n{text}" if title else text)


OBFUSCATED = st.lists(
    st.sampled_from(
        [
            "1",
            "6",
            " ",
            ".",
            "l",
            "sixt33n",
            "zes-tien",
            "jaar",
            "y/o",
            "🍕",
            "\u200b",
            "１",
            "young",
            "girl",
            "Pattaya",
            "+1 202 555 0143",
            "@",
            "telegram:",
            "аге",
            "\u20e3",
            "\ufe0f",
            "born in 2010",
            "\n",
        ]
    ),
    max_size=200,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=OBFUSCATED)
def test_obfuscation_soup_gives_a_valid_record_with_exact_spans(analyzer, text):
    assert_valid(analyzer.analyze({"id": "s", "text": text}), text)


def test_record_shape_matches_the_contract_example(analyzer):
    record = analyzer.analyze({"id": "x1", "text": "Lisa, 16 jaar, nieuw in de stad."})
    assert set(record) >= {"id", "language", "analysis"}
    assert record["id"] == "x1" and record["language"] == "nl"
    assert record["analysis"]["lexicon_version"]
    assert Path(ROOT / "contracts" / "README.md").exists()
