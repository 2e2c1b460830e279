"""The genre of an item and of each segment: offers and requests against news, reviews, family talk and goods."""

from __future__ import annotations

import pytest

from nlp.components.genre import GenreRules
from nlp.data import load_yaml, rules_file


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        ("Sanne, 16 jaar. Beschikbaar voor een afspraak, bel me.", "offer"),
        ("Girl 15 | Cebu | outcall | DM", "offer"),
        ("Flying to Manila in March, where can I find young girls? Any contacts?", "request"),
        ("Zoek een meisje jonger dan 15 in Pattaya, wie kan dat regelen?", "request"),
        ("Police arrested a 45-year-old man on Monday, prosecutors said. The investigation continues.", "report"),
        ("De politie heeft gisteren een verdachte aangehouden, meldt het Openbaar Ministerie.", "report"),
        (
            "We stayed at the resort with our kids (6 and 9). The staff were friendly and the pool was great.",
            "personal",
        ),
        ("Kinderfiets 20 inch, zo goed als nieuw, ophalen in Delft.", "other"),
        ("Year 9 student, free after school most days, message for details @tidepool", "offer"),
        ("Going to Kandy in May. Any contacts for young girls there? First visit.", "request"),
        ("Onze contactpersoon regelt alles, leeftijden 14 t/m 16, mail ons", "offer"),
        # a request in a traveller's story, a chatty self-description that seeks an older partner
        (
            "Planning my third trip to the Philippines. Last time I had a great time, but now I am interested in "
            "meeting someone really young, fifteen or sixteen would be ideal. Generous and discreet.",
            "request",
        ),
        ("heyy ik ben 15 en zoek een oudere vriend die me verwent haha", "request"),
        # seeking told as news; what teenagers seek for themselves
        ("The court heard the man had been looking for girls under 16 before his arrest.", "report"),
        ("Im 15 and looking for a football team in Amsterdam, DM me.", "other"),
        ("Ich bin Tim, 15, und suche einen Ferienjob in Hamburg. Ruf mich an.", "other"),
        # moving a person to the client, arranging through staff
        ("Kan haar ophalen in Isan en naar Pattaya brengen, ze is 14. Jij betaalt het ticket.", "offer"),
        ("The manager can arrange a younger one, almost 14, just tell him at the desk.", "offer"),
        # a chat in turns: asking how old a person is, beside the answer, is a request
        ("[21:02] guest_a: how old\n[21:03] host_b: she was born in 2012, lives in town", "request"),
        # phone credit as the price; the writer's own villa as the meeting place, whatever "pen pal" says
        ("Tenho uma sobrinha de 14, se você pagar as recargas dela ela te faz companhia no hotel", "offer"),
        ("Want a pen pal, girl 12-14, will pay for her phone credit and meet at my villa.", "request"),
        ("Im 15 and looking for a pen pal to practise English, my mum says hi.", "other"),
        # a review in which staff provide a person is an offer; staff providing breakfast or a babysitter is not
        ("★★★★ Nice hotel. The manager sent a young girl to the room, said she is in grade 8. Breakfast ok.", "offer"),
        ("Bewertung: 5 Sterne. Der Besitzer bringt Mädchen aufs Zimmer, meine war 15. Zimmer sauber.", "offer"),
        ("★★★★ Nice hotel. The manager sent breakfast to the room, our son (8) loved the pool.", "personal"),
        ("Does this resort let you bring a local girl under 16 to the room? Will tip the staff.", "request"),
        # a job as a cover: the job words count nothing beside it
        ("Hiring hostesses, you will entertain foreign guests at their hotel, good tips. Apply by Line.", "offer"),
        ("Hiring waitresses for our beach café, good tips. Apply by Line.", "other"),
    ],
)
def test_genres(analyze, text, genre):
    assert analyze(text)["genre"]["label"] == genre


def test_every_genre_is_explained_by_quoted_cues(analyze):
    text = "Sanne, 16 jaar. Beschikbaar voor een afspraak, bel me."
    genre = analyze(text)["genre"]
    assert genre["evidence"]
    for cue in genre["evidence"]:
        assert cue["genre"] == "offer" and text[cue["start"] : cue["end"]] == cue["text"] and cue["weight"] > 0


def test_a_parents_own_children_are_about_the_family(analyze):
    analysis = analyze("Looking for a babysitter for our two kids (4 and 7) on Saturday, call me.")
    assert analysis["risk"]["level"] in ("none", "low")
    assert all(s.get("about") in ("family", "customer") for s in analysis["signals"] if s["category"] == "minor_age")


def test_an_offer_pointing_at_the_child_is_still_an_offer(analyze):
    analysis = analyze("My daughter, 15, available for visitors this week, call me for details.")
    assert analysis["risk"]["level"] == "high"
    assert all("about" not in s for s in analysis["signals"] if s["category"] == "minor_age")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Kids under 12 stay free at our Pattaya resort, book now.", "none"),
        ("Travel buddy wanted for Siem Reap; the plan is meeting local kids under 14. DM for details", "high"),
    ],
)
def test_kids_under_an_age_are_customers_only_beside_a_price_a_stay_or_a_place(analyze, text, level):
    assert analyze(text)["risk"]["level"] == level


def test_a_relative_spoken_of_is_no_third_party_without_an_offer(analyze):
    assert analyze("my sister is 15 and loves football")["risk"]["level"] == "low"
    assert analyze("my sister is 15, she can visit your hotel, 2k")["risk"]["level"] == "high"


def test_children_as_guests_are_customers(analyze):
    analysis = analyze("Kids club for ages 4-12, open daily, book at reception or call us.")
    assert analysis["risk"]["level"] == "none"
    assert {s["about"] for s in analysis["signals"] if s["category"] == "minor_age"} == {"customer"}


def test_a_request_hint_needs_the_minor_close_by():
    rules = GenreRules.from_rules(load_yaml(rules_file("genre.yml")))
    assert rules.genre_of("request_hint", True) == "request"
    assert rules.genre_of("request_hint", False) is None
    assert rules.genre_of("offer_weak", False) == "offer"


def test_the_strongest_genre_wins_only_at_its_threshold():
    rules = GenreRules.from_rules(load_yaml(rules_file("genre.yml")))
    assert rules.decide({"offer": 0.6}) == "offer"
    assert rules.decide({"offer": 0.5, "report": 0.9}) == "other"  # more report evidence blocks the offer
    assert rules.decide({}) == "other"


def test_quoted_example_ads_in_a_policy_text_are_reported_speech(analyze):
    text = (
        "Signalen online. Daders en tussenpersonen gebruiken advertenties en fora. Voorbeelden uit onderzoek van "
        'de politie zijn zinnen als "jong meisje beschikbaar, bel me" en "meiden van 14 tot 16 jaar, alleen via '
        'de manager". Zulke teksten moeten altijd worden gemeld bij het Meldpunt of bij de politie.'
    )
    analysis = analyze(text, language="nl")
    assert analysis["genre"]["label"] == "report"
    assert analysis["risk"]["level"] in ("none", "low")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # single quotation marks quote an ad as well as double ones do
        (
            "The court jailed a man of 40 who had put up an ad for 'schoolgirl 15, available tonight, incall, "
            "call me'. The judge said the ad alone was a crime.",
            "en",
        ),
        # reported ad wording without quotation marks: the rest of the sentence is the ad's
        (
            "Warning signs include ads saying a girl of 14 is available tonight and can come to your hotel. "
            "If you see one, do not respond and report it to the tip line.",
            "en",
        ),
        # a tip line and a press contact are no offer contacts
        (
            "Politie zoekt getuigen. Op advertentiesites worden meisjes van 15 aangeboden, beschikbaar in "
            "Utrecht. Meld het bij de politie via +1 202 555 0100. Persvoorlichting: pers@example.org.",
            "nl",
        ),
        # guidance to staff in the language-independent pipeline
        (
            "Communiqué de la gendarmerie : des annonces proposent une adolescente de 15 ans, disponible à "
            "l'hôtel. Ne répondez pas, faites une capture d'écran et signalez-le. Tout renseignement : "
            "+1 202 555 0101.",
            "fr",
        ),
    ],
)
def test_reports_that_quote_or_describe_an_ad_are_at_most_low(analyze, text, language):
    analysis = analyze(text, language=language)
    assert analysis["risk"]["level"] in ("none", "low"), analysis["risk"]


def test_an_interviewed_officer_quoted_in_full_still_speaks_of_a_report(analyze):
    text = (
        "Vraag en antwoord met een rechercheur. Wat zien jullie? 'Advertenties met meisjes van 14, beschikbaar "
        "als je komt. Daders worden vaak gearresteerd na een melding.'"
    )
    assert analyze(text, language="nl")["risk"]["level"] in ("none", "low")


def test_a_plain_offer_with_a_phone_number_stays_high(analyze):
    analysis = analyze("Girl 15 available tonight in Cebu, incall or hotel, call me +1 202 555 0102")
    assert analysis["risk"]["level"] == "high"


def test_people_with_children_are_no_family_when_an_agency_or_a_place_has_them(analyze):
    analysis = analyze("Flying to Kandy next week. Anyone know an agency with teens 14-16?")
    minor = [x for x in analysis["signals"] if x["category"] == "minor_age"]
    assert minor and all("about" not in x for x in minor)
    assert analysis["risk"]["level"] in ("medium", "high")


def test_a_lone_travellers_story_speaks_of_no_family(analyze):
    # a personal text marks its minors as the writer's own children only where it speaks of a family
    lone = analyze("Trip report Hua Hin: met a 15 yo through a driver, staying another week.")
    assert all("about" not in x for x in lone["signals"] if x["category"] == "minor_age")
    family = analyze("Trip report Hua Hin with our kids: the 15 yo loved the pool, staying another week.")
    assert all(x.get("about") in ("family", "customer") for x in family["signals"] if x["category"] == "minor_age")
    assert family["risk"]["level"] == "none"


def test_an_age_the_writer_states_of_themself_is_never_about_the_family(analyze):
    analysis = analyze("so im 16 and my parents are never home on weekends, older guys message me")
    minors = [s for s in analysis["signals"] if s["category"] == "minor_age"]
    assert minors and not any("about" in s for s in minors)
    assert analysis["risk"]["level"] == "high"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Anak saya umur 14 tahun, mau ikut les renang di Batam, ada rekomendasi?", "id"),  # "saya": my, not I
        ("Anak saya 15 thn baru masuk SMA di Denpasar, semoga betah di sekolah barunya.", "id"),
        ("Staying in Pattaya with my wife and our 14 y/o, the condo pool is great.", "en"),
    ],
)
def test_a_possessive_after_a_child_makes_the_age_the_childs(analyze, text, language):
    analysis = analyze(text, language=language)
    minors = [s for s in analysis["signals"] if s["category"] == "minor_age"]
    assert minors and all(s.get("about") == "family" for s in minors)
    assert analysis["risk"]["level"] == "none"
    assert analyze("saya 15 thn, cari om di Bali, bisa ke hotel", language="id")["risk"]["level"] == "high"


def test_a_familys_list_of_ages_is_about_the_family_to_its_end(analyze):
    # the last child stands beyond the reference distance of "Family of four", in the same list
    family = "Family of four looking for a villa in Bali in July: Tom 45, Sara 43, Lotte 14, Sem 11. Pool please!"
    assert analyze(family)["risk"]["level"] in ("none", "low")
    roster = "Tonight in Pattaya: Nam 22, Ploy 19, Fon 15, Mai 24. Hotel ok, ask the mamasan"
    assert analyze(roster)["risk"]["level"] == "high"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("មានក្មេងស្រីអាយុ ១៤ ឆ្នាំ នៅសៀមរាប សម្រាប់ភ្ញៀវបរទេស ទៅសណ្ឋាគារបាន", "km"),
        ("काठमाडौंमा १५ वर्षकी केटी उपलब्ध, विदेशी ग्राहकका लागि होटलमा आउँछे", "ne"),
        ("在马尼拉找十五岁的小妹妹，价格好说", "zh"),
        ("Девочка 14 лет, Паттайя, может приехать в отель, для туристов", "ru"),
        ("بنت عمرها ١٤ سنة في بالي، زواج مؤقت للسياح، السعر بالواتساب", "ar"),
    ],
)
def test_offers_in_the_scripts_of_destinations_and_visitors_are_high(analyze, text, language):
    assert analyze(text, language=language)["risk"]["level"] == "high"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ข่าว: ตำรวจพัทยาช่วยเด็กหญิงอายุ ๑๔ ปี จากแก๊งค้ามนุษย์ จับกุมชาวต่างชาติ ๒ คน", "th"),
        ("मेरी छोरी १४ वर्षकी भई, हामीले पोखरामा उनको जन्मदिन मनायौं", "ne"),
        ("我女儿今年14岁，我们全家去了普吉岛，酒店很好", "zh"),
        ("خبر: الشرطة في بالي تعتقل وسيطاً رتب زواجاً مؤقتاً لقاصر عمرها ١٥ سنة", "ar"),
    ],
)
def test_news_and_families_in_those_scripts_stay_low(analyze, text, language):
    assert analyze(text, language=language)["risk"]["level"] in ("none", "low")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("u want 14? cebu tonight, can come now", "high"),
        ("mau yg 14 inch? laptop bekas, di kuta", "none"),  # a unit after the number: no age
        ("Which guesthouses in Phnom Penh don't ask questions when you check in with your 'niece' (14)?", "high"),
        ("Traveling to Phnom Penh with my niece (14) for her school project, which guesthouse is safe?", "low"),
    ],
)
def test_chat_offers_and_scare_quoted_relatives(analyze, text, level):
    got = analyze(text)["risk"]["level"]
    assert got == level or (level != "high" and got in ("none", "low"))
