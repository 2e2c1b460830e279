"""The trained solicitation model: its file matches the development sets, its plain-Python features are
scikit-learn's, and in the analyzer it lifts only what the rules leave short, to medium at most."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.analyzer import SEALED
from nlp.model import solicitation
from tools import train_solicitation

TEXTS = [
    "Host family offers 'special company' with their 13 y/o daughter for foreign guests, mail host@example.org",
    "  Dobbel   spatie\tand TABS, x y! 14yo, café-bar «ok» ",
    "a",
    "",
]


def test_the_model_file_is_trained_on_the_current_development_sets():
    written = json.loads(solicitation.MODEL_FILE.read_text(encoding="utf-8"))
    assert train_solicitation.main(["--check"]) == 0, "run tools/train_solicitation.py"
    assert set(written["trained_on"]) == {path.name for path in train_solicitation.training_files()}
    assert not [name for name in written["trained_on"] if Path(name).stem in SEALED], "a sealed hold-out taught it"
    assert 0.5 < written["threshold"] < 1.0


@pytest.mark.parametrize("text", TEXTS)
def test_the_features_are_scikit_learns(text):
    from sklearn.feature_extraction.text import CountVectorizer

    chars = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    words = CountVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b").build_analyzer()
    assert solicitation.char_ngrams(text.lower(), 2, 5) == set(chars(text))
    assert solicitation.word_ngrams(text.lower(), 1, 2) == set(words(text))


def test_a_hand_made_model_scores_as_written():
    model = solicitation.SolicitationModel(
        {
            "threshold": 0.8,
            "bias": -1.0,
            "char": {"ngram_range": [2, 2], "weights": {" a": 1.0, "a ": 1.0}},
            "word": {"ngram_range": [1, 2], "weights": {"a": 2.0, "a b": 0.5, "zz": -3.0}},
        }
    )
    score, words = model.decision("A b")
    # chars " a", "a " (2 of the text's known ones: (1 + 1) / √2); words "a", "a b" ((2 + 0.5) / √2)
    assert score == pytest.approx(-1.0 + 2 / 2**0.5 + 2.5 / 2**0.5)
    assert sorted(words) == [(0.5, "a b"), (2.0, "a")]
    assert model.read("A b").words == ("a", "a b")
    assert solicitation.feature_span("Well, A -- b!", "a b") == (6, 12)


def test_the_model_lifts_a_segment_the_rules_leave_short_to_medium(analyze):
    text = (
        "Host family in Kandy offers 'special company' with their 13 y/o daughter for foreign guests, "
        "write to host.lk@example.org"
    )
    analysis = analyze(text)
    assert analysis["risk"]["level"] == "medium"
    assert "learned_solicitation" in analysis["flags"]
    learned = [s for s in analysis["signals"] if s["category"] == "learned_solicitation"]
    assert len(learned) == 1 and learned[0]["rule"] == "model.solicitation" and learned[0]["weight"] >= 0.8
    assert text[learned[0]["start"] : learned[0]["end"]] == learned[0]["text"]
    assert "trained model" in analysis["risk"]["explanation"]


@pytest.mark.parametrize(
    "text",
    [
        # a report of the same words stays at most low
        "Police in Kandy warn that a host family offered 'special company' with their 13 y/o daughter to foreign "
        "guests; the couple was arrested on Tuesday, the court said.",
        # a parent about their own child: not read by the model
        "Our daughter (13) loved the host family in Kandy, the foreign guests were kind to her.",
        # no minor-related signal: not read by the model
        "Host family in Kandy offers rooms for foreign guests, write to host.lk@example.org",
    ],
)
def test_the_model_never_reads_reports_families_or_texts_without_a_minor(analyze, text):
    analysis = analyze(text)
    assert analysis["risk"]["level"] in ("none", "low")
    assert "learned_solicitation" not in analysis["flags"]


def test_places_contacts_and_digits_are_masked_before_the_model_reads():
    text = "Girl, 14, in Cebu tonight, mail joy.c@example.org or +1 212 555 0147, telegram @joy_c"
    start = text.index("Cebu")
    masked = solicitation.masked(text, [(start, start + len("Cebu"))])
    assert "cebu" not in masked.lower() and "example" not in masked and "joy_c" not in masked
    assert "14" not in masked and "00" in masked
    assert masked.count("xplacex") == 1 and masked.count("xcontactx") == 3


def test_a_headline_naming_a_childs_age_and_a_destination_is_no_offer(analyze):
    analysis = analyze("Meisje (14) vermist in Pattaya, politie vraagt om tips")
    assert analysis["risk"]["level"] in ("none", "low")
    assert "learned_solicitation" not in analysis["flags"]
