"""The place evaluation: its scoring on made-up gold, and its readers on the shared corpora (skipped when absent)."""

from __future__ import annotations

import pytest

from eval import geo_gold
from eval.geo_gold import Gold
from eval.places import Scores, evaluate, main, score_article


def test_scores_count_exact_spans_and_distances():
    scores = Scores("made up")
    gold = [Gold(0, 5, "Paris", 48.85, 2.35), Gold(10, 15, "Texas", None, None), Gold(20, 26, "Manila", 14.6, 121.0)]
    found = [
        {"text": "Paris", "name": "Paris", "start": 0, "end": 5, "lat": 33.66, "lon": -95.55},  # the wrong Paris
        {"text": "Texas", "name": "Texas", "start": 10, "end": 15, "lat": 31.0, "lon": -100.0},  # no gold point
        {"text": "Manila", "name": "Manila", "start": 20, "end": 26, "lat": 14.59, "lon": 120.98},
        {"text": "Orange", "name": "Orange", "start": 30, "end": 36, "lat": 44.1, "lon": 4.8},  # no gold span
    ]
    score_article(scores, gold, found)
    assert scores.tag() == pytest.approx((3 / 4, 3 / 3, 2 * 0.75 / 1.75))
    assert scores.accuracy() == pytest.approx(1 / 2)
    p, r, _ = scores.end_to_end()
    assert (p, r) == pytest.approx((1 / 3, 1 / 2))
    assert scores.far["Paris → Paris"] == 1 and scores.false_hits["Orange"] == 1


def _needs(name: str) -> None:
    if name not in geo_gold.available():
        pytest.skip(f"{name} is not in {geo_gold.CORPUS_DIR}")


def test_gold_spans_quote_the_text():
    for name, (_, read) in geo_gold.READERS.items():
        if name not in geo_gold.available():
            continue
        for article in read()[:30]:
            for gold in article.gold:
                assert article.item["text"][gold.start : gold.end] == gold.text


def test_conll_dutch_letters_are_restored():
    _needs("CoNLL-2002 Dutch")
    names = {gold.text for article in geo_gold.conll("ned.train", "nl") for gold in article.gold}
    assert "België" in names and "Belgi\x81EN" not in names


@pytest.mark.slow
def test_geovirus_places_are_found_and_resolved(analyzer):
    _needs("GeoVirus")
    scores = evaluate("GeoVirus", geo_gold.geovirus()[:60], analyzer)
    assert scores.tag()[2] > 0.75
    assert scores.end_to_end()[2] > 0.6


def test_the_script_skips_absent_corpora(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(geo_gold, "CORPUS_DIR", tmp_path)
    monkeypatch.setattr(geo_gold, "available", lambda folder=tmp_path: [])
    assert main(["--no-doc"]) == 0
    assert "skipped" in capsys.readouterr().out
