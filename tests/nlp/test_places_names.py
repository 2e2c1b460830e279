"""Place names in Dutch and Spanish news: streets and buildings, clubs, events, compounds, second surnames."""

from __future__ import annotations

import pytest


def spans(analysis):
    return [(loc["text"], loc["country"], loc.get("reason")) for loc in analysis["locations"]]


def texts(analysis):
    return [loc["text"] for loc in [*analysis["locations"], *analysis["regions"]]]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Kort na zijn ontslag waren er in de Wetstraat in Brussel mensen die twijfelden .", "Wetstraat"),
        ("Een protestparcours naar het Woodrow Wilsonplein in Gent .", "Woodrow Wilsonplein"),
        ("Een diner in het Brusselse Conrad-hotel , zei hij in Brussel .", "Conrad-hotel"),
        ("De tentoonstelling loopt in galerie Tzwern , Wolstraat 36 te Brussel .", "Wolstraat"),
    ],
)
def test_dutch_streets_and_buildings_are_places_in_the_town_named_nearest(analyze, text, street):
    found = {t: (country, reason) for t, country, reason in spans(analyze(text, language="nl"))}
    assert found[street] == ("BE", "street")


def test_a_street_needs_a_place_of_the_text_and_no_sentence_start(analyze):
    assert texts(analyze("Zo moeten de skaters aan de Wetstraat weg .", language="nl")) == []
    assert "Parkeerplaats" not in texts(analyze("Parkeerplaats bij Gent is vol .", language="nl"))


def test_a_town_after_a_masculine_article_is_a_club_in_spanish(analyze):
    text = "El Real Madrid derrotó al Valencia en París ; el Valencia de España no jugó bien ."
    assert texts(analyze(text, language="es")) == ["París", "España"]
    assert texts(analyze("La retirada del Líbano y el viaje a Valencia .", language="es")) == ["Líbano", "Valencia"]


def test_second_surnames_are_no_places_in_spanish(analyze):
    text = "El ministro Miguel Arias Cañete llegó a Rabat . Después , Cañete habló con Marruecos ."
    assert texts(analyze(text, language="es")) == ["Rabat", "Marruecos"]


def test_a_town_opening_an_organisations_name_in_spanish(analyze):
    assert texts(analyze("Un acto en la Fundación Telefónica de Madrid .", language="es")) == ["Madrid"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hij rijdt de Ronde van Frankrijk en de GP Wallonië .", "nl"),
        ("El triunfo en la Copa de Europa fue claro .", "es"),
        ("Het nieuws van Monster.com en Boo.com .", "nl"),
    ],
)
def test_events_and_web_domains_are_no_places(analyze, text, language):
    assert texts(analyze(text, language=language)) == []


def test_a_place_before_a_hyphen_and_a_noun_is_a_place_adjective_in_dutch(analyze):
    analysis = analyze("Het Afrika-beleid van de minister en zijn Kongo-bezoek in Kinshasa .", language="nl")
    assert texts(analysis) == ["Kinshasa"]
    assert {d["text"] for d in analysis["demonyms"]} >= {"Afrika", "Kongo"}
    assert texts(analyze("Hij werkte aan de Fiji-eilanden .", language="nl")) == ["Fiji-eilanden"]


def test_two_towns_joined_by_a_hyphen_are_one_municipality(analyze):
    assert texts(analyze("Een bewoner van een tehuis in Aiseau-Presles .", language="nl")) == ["Aiseau-Presles"]


def test_a_readers_letter_signed_with_a_town(analyze):
    text = "Al snel koos ik voor een halftijdse baan . J. Calonne / Jabbeke Men zal dat zien ."
    assert texts(analyze(text, language="nl")) == ["Jabbeke"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Un atentado en Vizcaya .", "Bizkaia"),
        ("Los pueblos de Guipúzcoa y Álava .", "Gipuzkoa"),
        ("La guerra de Chechenia sigue .", "Chechen"),
        ("Inversiones en el Magreb .", "Maghreb"),
    ],
)
def test_castilian_names_of_regions(analyze, text, name):
    analysis = analyze(text, language="es")
    assert name in [p["name"] for p in [*analysis["locations"], *analysis["regions"]]]
