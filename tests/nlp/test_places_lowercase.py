"""Watch-list places written in lower case by a writer who capitalises nothing (nlp/gazetteer/lowercase.py)."""

from __future__ import annotations

import pytest


def destinations(analysis):
    return [(loc["text"], loc["name"], loc["reason"]) for loc in analysis["locations"] if loc["destination"]]


@pytest.mark.parametrize(
    ("text", "language", "quoted", "name", "reason"),
    [
        ("girl 15 manila hotel", "en", "manila", "Manila", "lower case, listing word"),
        ("young 13 manila cash only", "en", "manila", "Manila", "lower case, listing word"),
        ("abg 15 bali hotel wa", "id", "bali", "Bali", "lower case, listing word"),
        ("novinha 15 natal hotel zap", "pt", "natal", "Natal", "lower case, listing word"),
        ("chego amanhã em natal de manhã", "pt", "natal", "Natal", "lower case, locative word"),
        ("Next week from manila to pattaya", "en", "manila", "Manila", "lower case, locative word"),
    ],
)
def test_lower_case_listings_name_destinations(analyze, text, language, quoted, name, reason):
    found = [(t, d, r) for t, d, r in destinations(analyze(text, language=language)) if t == quoted]
    assert found == [(quoted, name, reason)]


def test_lower_case_reading_is_less_confident(analyze):
    (location,) = analyze("girl 15 manila hotel", language="en")["locations"]
    assert location["confidence"] < 0.8


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        ("feliz natal a todos e um bom ano novo", "pt", "natal"),
        ("Feliz natal a todos e um bom ano novo", "pt", "natal"),
        ("bali ang braso niya kahapon", "fil", "bali"),
        ("i need a manila envelope for the forms", "en", "manila"),
        ("Bring a manila folder to the Hotel Arena office.", "en", "manila"),  # a writer who capitalises
        ("The manila hotel in Amsterdam", "en", "manila"),
    ],
)
def test_everyday_words_stay_words(analyze, text, language, word):
    found = [loc for loc in analyze(text, language=language)["locations"] if loc["text"] == word]
    assert found == []


def test_a_place_found_by_this_rule_supports_no_other(analyze):
    """'o natal' (Christmas) is no place because 'em natal' (the city) is one: only places as written support."""
    text = "vou passar o natal em natal com a familia"
    found = [loc["start"] for loc in analyze(text, language="pt")["locations"]]
    assert found == [text.rindex("natal")]


def test_capitalised_text_is_unchanged(analyze):
    (location,) = analyze("Girl 15, Manila hotel", language="en")["locations"]
    assert (location["text"], location["reason"]) == ("Manila", "only reading")
