"""Ages stated for a person are found (also obfuscated); sizes, durations and thresholds are not."""

from __future__ import annotations

import pytest

POSTED = "2026-03-01"


@pytest.mark.parametrize(
    ("text", "age", "quoted"),
    [
        ("Lisa, 16 jaar, nieuw hier.", 16, "16 jaar"),
        ("Sanne 16jr", 16, "16jr"),
        ("Leeftijd: 17", 17, "Leeftijd: 17"),
        ("A 16 y/o from the north.", 16, "16 y/o"),
        ("Student aged 15 looking for a room.", 15, "aged 15"),
        ("She is sixteen years old.", 16, "sixteen years old"),
        ("Ik ben zes-tien jaar.", 16, "zes-tien jaar"),
        ("I am seven teen years old", 17, "seven teen years old"),
        ("Ik ben l6 jaar", 16, "l6 jaar"),
        ("Age: sixt33n", 16, "Age: sixt33n"),
        ("ik ben 1 6 jaar", 16, "1 6 jaar"),
        ("Nieuw: 1.7 jaar oud", 17, "1.7 jaar oud"),
        ("Een zestienjarige uit Utrecht.", 16, "zestienjarige"),
        ("I'm 15 and new here.", 15, "15"),
        ("Born in 2010, new in town.", 16, "Born in 2010"),
        ("Geboren in 2009.", 17, "Geboren in 2009"),
        ("Een meisje van 14 jaar.", 14, "14 jaar"),
        ("Ze is al 16 jaar.", 16, "16 jaar"),
        ("Anna (16 jaar) uit Leiden.", 16, "16 jaar"),
        ("Lisa, 24 jaar, uit Rotterdam.", 24, "24 jaar"),
    ],
)
def test_stated_ages_are_found(analyze, text, age, quoted):
    analysis = analyze(text, posted_at=POSTED)
    found = [(a["value"], a["text"]) for a in analysis["ages"]]
    assert (age, quoted) in found
    assert analysis["min_age"] == min(v for v, _ in found)
    assert ("minor_age" in analysis["flags"]) == (min(v for v, _ in found) < 18)


@pytest.mark.parametrize(
    "text",
    [
        "Meisjesfiets 20 inch, zo goed als nieuw.",
        "Wasmachine met 3 jaar garantie.",
        "Developer with 10 years experience.",
        "Toy for a 6 year old, like new.",
        "Bijbaan vakkenvuller, minimaal 16 jaar.",
        "You must be at least 16 years old to apply.",
        "Zwemles vanaf 6 jaar.",
        "Puzzel geschikt voor 3-6 jaar.",
        "Kinderwagen, 2 jaar oud, ophalen.",
        "Ik woon al 3 jaar in Amsterdam.",
        "I'm 5 minutes away from the station.",
        "De prijs is 16 euro.",
        "Alle modellen zijn 18+.",
        "Het is 16 graden buiten.",
        "We have been married for 12 years.",
    ],
)
def test_sizes_durations_and_thresholds_are_not_ages(analyze, text):
    assert analyze(text, posted_at=POSTED)["ages"] == []


def test_min_age_is_the_smallest_and_adult_boilerplate_does_not_hide_it(analyze):
    analysis = analyze("Alle modellen zijn 18+. Eva, 22 jaar, en Sanne, 15 jaar.", posted_at=POSTED)
    assert sorted(a["value"] for a in analysis["ages"]) == [15, 22]
    assert analysis["min_age"] == 15


def test_birth_years_count_from_posted_at(analyze):
    assert analyze("born in 2010", posted_at="2030-06-01")["min_age"] == 20
    assert analyze("born in 2010", posted_at="2024-06-01")["min_age"] == 14
