"""Lexicon signals: matched per language, explained by their text, extendable by operators without code."""

from __future__ import annotations

import pytest

from lantern.errors import ConfigError
from nlp.analyzer import Analyzer
from nlp.version import lexicon_version


def signals(analysis, category):
    return [s["text"] for s in analysis["signals"] if s["category"] == category]


def test_youth_term_is_quoted_exactly_as_written(analyze):
    analysis = analyze("NEW IN TOWN!! Y0UNG G1RL available")
    assert signals(analysis, "youth_term") == ["Y0UNG G1RL"]
    assert signals(analysis, "movement") == ["NEW IN TOWN"]


def test_dutch_teen_means_toe(analyze):
    analysis = analyze("Ik heb gisteren mijn grote teen gestoten tegen de tafel, het doet nog steeds pijn.")
    assert analysis["flags"] == []


def test_english_teen_is_a_youth_term(analyze):
    assert "youth_term" in analyze("A teen is waiting for you, call me.")["flags"]


def test_context_words_suppress_a_match(analyze):
    assert "coded_term" not in analyze("Nabokov wrote Lolita, a famous novel.")["flags"]
    assert "coded_term" in analyze("Lolita available tonight, text me.")["flags"]


def test_emoji_code_words(analyze):
    analysis = analyze("🍕🍕 available tonight, dm me")
    assert signals(analysis, "coded_term") == ["🍕", "🍕"]


def test_operators_add_lexicons_without_code(tmp_path):
    folder = tmp_path / "lexicons"
    folder.mkdir()
    (folder / "local.yml").write_text(
        "language: any\n"
        "entries:\n"
        "  - id: local.youth.codeword\n"
        "    category: youth_term\n"
        "    weight: 0.6\n"
        "    phrases: [blue marble]\n",
        encoding="utf-8",
    )
    analysis = Analyzer(lexicon_dir=folder).analyze({"id": "1", "text": "Blue marble available, call me"})
    assert [s["rule"] for s in analysis["analysis"]["signals"] if s["category"] == "youth_term"] == [
        "local.youth.codeword"
    ]


def test_lexicon_version_changes_with_any_term_list(tmp_path):
    folder = tmp_path / "lexicons"
    folder.mkdir()
    before = lexicon_version(folder)
    (folder / "extra.yml").write_text("language: en\nentries: []\n", encoding="utf-8")
    after = lexicon_version(folder)
    (folder / "extra.yml").write_text("language: nl\nentries: []\n", encoding="utf-8")
    assert len({before, after, lexicon_version(folder)}) == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "language: en\nentries:\n  - id: x\n    category: youth_term\n    weight: 2\n    phrases: [a]\n",
            "weight",
        ),
        (
            "language: en\nentries:\n  - id: x\n    category: Youth\n    weight: 0.5\n    phrases: [a]\n",
            "category",
        ),
        ("language: en\nentries:\n  - id: x\n    category: youth_term\n    weight: 0.5\n", "phrases"),
        ("language: en\nentries: [\n", "YAML"),
        (
            "language: en\nentries:\n  - id: x\n    category: youth_term\n    weight: 0.5\n    pattern: [{NOPE: a}]\n",
            "pattern",
        ),
    ],
)
def test_a_broken_lexicon_gives_a_clear_error(tmp_path, content, message):
    (tmp_path / "bad.yml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        Analyzer(lexicon_dir=tmp_path).analyze({"id": "1", "text": "hello there"})
    assert "bad.yml" in str(raised.value) or "'x'" in str(raised.value)
    assert message.lower() in str(raised.value).lower()
