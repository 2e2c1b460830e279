"""Contact selectors: phones in E.164 (region from context), e-mails (also written out), messaging handles.

Numbers are NANP 555-01xx numbers, reserved for fiction; addresses use example.org/.net.
"""

from __future__ import annotations

from datetime import date

import pytest

from nlp.components.contacts import phone_numbers, to_e164


@pytest.mark.parametrize(
    "text",
    ["Call +1 202 555 0143 today", "bel +1-202-555-0143", "001 202 555 0143 after six", "tel: +1 (202) 555.0143"],
)
def test_international_numbers_become_e164(analyze, text):
    assert analyze(text)["contacts"]["phones"] == ["+12025550143"]


def test_numbers_are_unique_and_in_order_of_appearance(analyze):
    text = "First +1 202 555 0171, then +1 202 555 0143, again +1 202 555 0171."
    assert analyze(text)["contacts"]["phones"] == ["+12025550171", "+12025550143"]


def test_two_numbers_in_one_run_of_digits_are_both_read():
    assert list(phone_numbers("+1 202 555 0143 +1 202 555 0171", "NL")) == ["+12025550143", "+12025550171"]


def test_invalid_numbers_are_ignored(analyze):
    text = "Order 123 456 7890, ref +1 202 555 01, item 000000000, year 2024-2025."
    assert analyze(text)["contacts"]["phones"] == []


def test_national_numbers_are_read_in_the_default_region():
    assert to_e164("(202) 555-0143", "US") == "+12025550143"
    assert to_e164("(202) 555-0143", "NL") is None


def test_number_words_count_as_digits(analyze):
    assert analyze("Contact +1 two 0 two 555 0143 please")["contacts"]["phones"] == ["+12025550143"]


def _contacts_with_locations(analyzer, text: str, locations: list[dict]) -> dict:
    """Run the real pipeline up to the contacts component with the given resolved places, then contacts."""
    pipeline = analyzer.pipeline("en")
    doc = pipeline.make_doc(text)
    doc._.ref_date = date(2026, 1, 1)
    for name, component in pipeline.pipeline:
        if name == "lantern_contacts":
            break
        doc = component(doc)
    doc._.locations = locations
    return pipeline.get_pipe("lantern_contacts")(doc)._.contacts


def _place(country: str, start: int) -> dict:
    return {
        "name": "Somewhere",
        "country": country,
        "kind": "city",
        "lat": None,
        "lon": None,
        "geonameid": None,
        "text": "Somewhere",
        "start": start,
        "end": start + 9,
    }


def test_region_comes_from_the_first_place_mentioned(analyzer):
    text = "Somewhere nice, then Somewhere else. Call (202) 555-0143."
    contacts = _contacts_with_locations(analyzer, text, [_place("NL", 21), _place("US", 0)])
    assert contacts["phones"] == ["+12025550143"]


def test_without_places_the_default_region_is_used(analyzer):
    assert _contacts_with_locations(analyzer, "Call (202) 555-0143.", [])["phones"] == []


def test_a_us_city_gives_us_context(analyze):
    analysis = analyze("Visiting Chicago next week, call 202-555-0143.")
    if "US" not in analysis["countries"]:
        pytest.skip("the place resolver does not resolve Chicago (yet)")
    assert analysis["contacts"]["phones"] == ["+12025550143"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to jane.doe@Example.ORG now", "jane.doe@example.org"),
        ("jane [at] example [dot] org", "jane@example.org"),
        ("jane(at)example.org", "jane@example.org"),
        ("jane {at} mail (dot) example (dot) net", "jane@mail.example.net"),
        ("jane at example dot org", "jane@example.org"),
        ("jan apenstaartje example punt org", "jan@example.org"),
    ],
)
def test_emails_plain_and_written_out(analyze, text, expected):
    assert analyze(text)["contacts"]["emails"] == [expected]


@pytest.mark.parametrize(
    "text",
    ["we meet at the station", "I am at home dot", "jane at example.org", "price @ 20", "x@y", "a@b.c"],
)
def test_words_that_only_resemble_addresses_are_not_emails(analyze, text):
    assert analyze(text)["contacts"]["emails"] == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("telegram: @Jane_Doe", "telegram:@jane_doe"),
        ("see t.me/jane_doe", "telegram:@jane_doe"),
        ("https://t.me/jane_doe", "telegram:@jane_doe"),
        ("snap: jd123", "snapchat:@jd123"),
        ("kik: jd_k", "kik:@jd_k"),
        ("instagram @jane.doe", "instagram:@jane.doe"),
        ("line id: lineuser", "line:@lineuser"),
        ("signal: +1 202 555 0188", "signal:+12025550188"),
        ("wa.me/12025550143", "whatsapp:+12025550143"),
    ],
)
def test_messaging_handles(analyze, text, handle):
    assert analyze(text)["contacts"]["handles"] == [handle]


def test_number_handles_are_phones_too(analyze):
    contacts = analyze("wa.me/12025550143 or signal: +1 202 555 0188")["contacts"]
    assert contacts["phones"] == ["+12025550143", "+12025550188"]


def test_ordinary_words_are_not_handles(analyze):
    assert analyze("a snap decision, the line is busy, instagram is an app")["contacts"]["handles"] == []


def test_offsets_of_evidence_still_quote_the_input(analyze):
    text = "Mail jane [at] example [dot] org, 16 yo, +1 202 555 0143"
    analysis = analyze(text)
    for item in analysis["signals"] + analysis["ages"] + analysis["locations"]:
        assert text[item["start"] : item["end"]] == item["text"]
