"""Place names in Dutch and Spanish news: streets and buildings, clubs, events, compounds, second surnames; towns named
like Dutch words, names after a noun of their kind, landscapes and the Dutch names of regions."""

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


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("De renner won gisteren in Mol de sprint .", "Mol"),
        ("Uit Geel kwamen gisteren veel klachten .", "Geel"),
        ("Het festival in Boom trok veel volk .", "Boom"),
        ("Zij verhuisde vorig jaar naar Huizen .", "Huizen"),
    ],
)
def test_a_town_named_like_a_dutch_word_after_a_locative_word_in_dutch(analyze, text, town):
    assert town in texts(analyze(text, language="nl"))


@pytest.mark.parametrize(
    "text",
    [
        "De familie Mol is verhuisd .",
        "Wat een mooie boom staat daar in de tuin .",
        "Het geel van de vlag en de mol in de tuin .",
        "Hij en Mol waren het eens .",
    ],
)
def test_the_dutch_word_stays_a_word_without_a_locative_word(analyze, text):
    assert texts(analyze(text, language="nl")) == []


def test_a_town_named_like_a_dutch_word_in_a_list_of_places(analyze):
    assert texts(analyze("Naar Turnhout , Geel en Hasselt rijden extra bussen .", language="nl")) == [
        "Turnhout",
        "Geel",
        "Hasselt",
    ]
    assert texts(analyze("In Hoorn en Huizen wonen veel forensen .", language="nl")) == ["Hoorn", "Huizen"]
    assert texts(analyze("Hij zag de mol en Geel .", language="nl")) == []


def test_dutch_names_of_walloon_towns_and_municipalities_named_after_no_town(analyze):
    found = spans(analyze("De arbeiders uit Bergen en Aat betoogden in Edingen .", language="nl"))
    assert [(text, country) for text, country, _ in found] == [("Bergen", "BE"), ("Aat", "BE"), ("Edingen", "BE")]
    assert texts(analyze("Hij woont in Heusden-Zolder en werkt in Bree .", language="nl")) == ["Heusden-Zolder", "Bree"]


def test_a_town_named_like_a_frequent_word_of_another_language_only(analyze):
    # "tienen" is Spanish for "they have": a Flemish town in a Dutch text, a verb in a Spanish one.
    assert texts(analyze("De suikerfabriek in Tienen sluit de deuren .", language="nl")) == ["Tienen"]
    assert texts(analyze("Los vecinos tienen un plan para Madrid .", language="es")) == ["Madrid"]


def test_a_small_place_after_a_noun_of_its_kind(analyze):
    found = spans(analyze("Het dorp Oostduinkerke telt in de zomer veel toeristen .", language="nl"))
    assert [(text, country) for text, country, _ in found] == [("Oostduinkerke", "BE")]


def test_a_name_the_gazetteer_lacks_after_a_noun_of_its_kind_is_put_in_the_nearest_place(analyze):
    found = spans(analyze("De kleine gemeente Vrekkegem bij Ieper krijgt een nieuw rusthuis .", language="nl"))
    assert ("Vrekkegem", "BE", "type word") in found
    # Without any place in the text it has no country: left out; so are first names and ministries' departments.
    assert texts(analyze("De kleine gemeente Vrekkegem krijgt een nieuw rusthuis .", language="nl")) == []
    assert texts(analyze("Het dorp Wouter bij Ieper werd gebouwd .", language="nl")) == ["Ieper"]
    assert texts(analyze("Op het departement Onderwijs in Brussel reageert men .", language="nl")) == ["Brussel"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Boeren uit de Westhoek en het Pajottenland protesteren .", ["Westhoek", "Pajottenland"]),
        ("Hij fietste door Beieren en Toscane naar Henegouwen .", ["Beieren", "Toscane", "Henegouwen"]),
        (
            "Het geweld op de Westelijke Jordaanoever en in de Gazastrook duurt voort .",
            ["Westelijke Jordaanoever", "Gazastrook"],
        ),
        ("De etappe gaat over de Galibier en de Tourmalet .", ["Galibier", "Tourmalet"]),
        ("Het water van de Dender en de Leie steeg snel .", ["Dender", "Leie"]),
    ],
)
def test_landscapes_rivers_and_dutch_names_of_regions(analyze, text, names):
    assert sorted(texts(analyze(text, language="nl"))) == sorted(names)


def test_an_airlines_name_is_no_place(analyze):
    assert texts(analyze("Air Katanga vliegt elke dag naar Lubumbashi .", language="nl")) == ["Lubumbashi"]


def test_a_compass_word_left_alone_before_a_conjunction_names_its_part_of_the_place(analyze):
    text = "Een hoogterug boven Midden- en Oost-Europa , en regen in Oost- en West-Vlaanderen ."
    analysis = analyze(text, language="nl")
    found = [(r["text"], r["name"]) for r in [*analysis["regions"], *analysis["locations"]]]
    assert sorted(found) == [
        ("Midden-", "Central Europe"),
        ("Oost-", "East Flanders"),
        ("Oost-Europa", "Eastern Europe"),
        ("West-Vlaanderen", "West Flanders"),
    ]
    assert texts(analyze("De binnen- en buitenlandse pers in Gent .", language="nl")) == ["Gent"]


def test_a_country_abbreviation_that_skips_letters_follows_an_athlete(analyze):
    text = "Casoni ( Ita ) - Srebotnik ( Slk ) 6 - 3 , Hrbaty ( Slk / 14 ) - Medvedev ( Oek )"
    assert [loc["country"] for loc in analyze(text, language="nl")["locations"]] == ["IT", "SK", "SK", "UA"]
    assert texts(analyze("Het ministerie ( Slk ) zweeg in Gent .", language="nl")) == ["Gent"]


def test_a_name_after_a_countrys_combining_form_is_a_companys(analyze):
    text = "Auximines slorpt Belgo-Katanga op , zegt men in Brussel ."
    assert texts(analyze(text, language="nl")) == ["Brussel"]


def test_a_curated_river_is_no_alternate_name_of_a_town(analyze):
    found = analyze("De Leie stroomt door Gent en Leiden ligt ver weg .", language="nl")
    assert [r["text"] for r in found["regions"]] == ["Leie"]
    assert [loc["name"] for loc in found["locations"]] == ["Gent", "Leiden"]


def test_a_small_place_in_a_list_of_places_in_dutch(analyze):
    text = "Er kwamen mensen uit Gent , Bastogne en Brugge ."
    assert texts(analyze(text, language="nl")) == ["Gent", "Bastogne", "Brugge"]
    assert texts(analyze("Peeters , Janssens en Maes wonnen .", language="nl")) == []


def test_a_foreign_town_of_some_size_after_a_locative_word_in_dutch(analyze):
    assert texts(analyze("Zij won gisteren in Briançon .", language="nl")) == ["Briançon"]
    assert texts(analyze("Hij gaf documenten aan Rosenfeld .", language="nl")) == []


def test_a_name_that_begins_with_a_joined_article(analyze):
    text = "Zij woont in 's-Hertogenbosch , de burgemeester van 's-Gravenwezel zegt het ."
    assert texts(analyze(text, language="nl")) == ["'s-Hertogenbosch", "'s-Gravenwezel"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("De skaters op de Kunstberg en de Kleine Zavel in Brussel .", ["Kunstberg", "Kleine Zavel", "Brussel"]),
        ("Het optreden in Vorst Nationaal bij het Atomium .", ["Vorst Nationaal", "Atomium"]),
        ("Een loods bij het Eilandje en op de Meir in Antwerpen .", ["Eilandje", "Meir", "Antwerpen"]),
        ("Op Pratonevoso won Simoni , op de Muur Museeuw .", ["Pratonevoso"]),
        ("De Muur van Geraardsbergen en de Bosberg .", ["Muur van Geraardsbergen", "Bosberg"]),
        ("Hij woont in Molenbeek en werkt in 's-Gravenhage .", ["Molenbeek", "'s-Gravenhage"]),
    ],
)
def test_districts_landmarks_and_climbs(analyze, text, names):
    assert texts(analyze(text, language="nl")) == names


def test_dutch_place_adjectives_in_ese_and_olese_are_context(analyze):
    analysis = analyze("Ethiopische troepen rukten op naar de Eritrese stad Zenefe .", language="nl")
    assert [(d["text"], d["country"]) for d in analysis["demonyms"]] == [("Ethiopische", "ET"), ("Eritrese", "ER")]
    assert spans(analysis) == [("Zenefe", "ER", "type word")]
    found = analyze("Rwandese en Congolese soldaten in Goma .", language="nl")
    assert [d["country"] for d in found["demonyms"]] == ["RW", "CD"]


def test_a_dutch_place_adjective_spelled_like_an_english_name_is_no_place(analyze):
    text = "Een Brussels minister in het Brussels Hoofdstedelijk Gewest ."
    assert texts(analyze(text, language="nl")) == ["Brussels Hoofdstedelijk Gewest"]
    assert texts(analyze("The minister flew to Brussels .", language="en")) == ["Brussels"]


def test_colonial_and_dutch_names_of_towns_abroad(analyze):
    analysis = analyze("Hij groeide op in Elisabethstad en werkte in Valencijn en op Wall Street .", language="nl")
    assert [(loc["text"], loc["name"]) for loc in analysis["locations"]] == [
        ("Elisabethstad", "Lubumbashi"),
        ("Valencijn", "Valenciennes"),
        ("Wall Street", "Wall Street"),
    ]


def test_a_state_form_with_its_adjective_and_long_country_names(analyze):
    text = "De Democratische Republiek Congo , de Federale Republiek Joegoslavië en de Verenigde Staten van Amerika ."
    found = [(loc["text"], loc["country"]) for loc in analyze(text, language="nl")["locations"]]
    assert found == [
        ("Democratische Republiek Congo", "CD"),
        ("Federale Republiek Joegoslavië", "RS"),
        ("Verenigde Staten van Amerika", "US"),
    ]


def test_a_country_named_like_a_first_name_of_another_language_before_a_surname(analyze):
    text = "De Brusselse galeriehouder Maurice Tzwern en Dominique Monami in Brussel ."
    assert texts(analyze(text, language="nl")) == ["Brussel"]
    assert texts(analyze("Israël Eigen berichtgeving De regering viel .", language="nl")) == ["Israël"]
    assert texts(analyze("Hij woont op Mauritius .", language="nl")) == ["Mauritius"]
