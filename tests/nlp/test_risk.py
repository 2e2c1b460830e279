"""The risk rules of the analyzer, as the analysts were promised them."""

from __future__ import annotations

RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}


def level(analysis):
    return analysis["risk"]["level"]


def test_a_stated_minor_age_in_an_offer_is_high(analyze):
    analysis = analyze("Sanne, 16 jaar. Beschikbaar voor een afspraak, bel me.")
    assert level(analysis) == "high"
    assert "16 jaar" in analysis["risk"]["explanation"]


def test_youth_terms_in_an_offer_are_at_least_medium(analyze):
    assert RANK[level(analyze("Young girl available tonight, text me."))] >= RANK["medium"]
    assert RANK[level(analyze("Jong meisje beschikbaar, app me."))] >= RANK["medium"]


def test_awareness_texts_naming_minors_are_not_medium_or_high(analyze):
    text = (
        "Police arrested a 54-year-old man suspected of abusing a 14-year-old girl. Prosecutors said the "
        "investigation into child sex tourism continues; the NGO ECPAT asks travellers to report it."
    )
    analysis = analyze(text)
    assert "minor_age" in analysis["flags"] and "awareness_context" in analysis["flags"]
    assert RANK[level(analysis)] <= RANK["low"]


def test_travel_talk_with_minor_signals_is_high(analyze):
    assert level(analyze("Flying to Bangkok next month, where to find young girls?")) == "high"
    assert level(analyze("Travelling next week, looking for a 15 year old companion.")) == "high"


def test_adult_only_boilerplate_never_cancels_a_stated_minor_age(analyze):
    analysis = analyze("Alle modellen zijn 18+. Sanne, 16 jaar, beschikbaar.")
    assert level(analysis) == "high" and analysis["min_age"] == 16


def test_adult_offers_and_everyday_texts_stay_low(analyze):
    assert RANK[level(analyze("Lisa, 24 jaar, nieuw in de stad. Bel me voor een afspraak."))] <= 1
    assert RANK[level(analyze("Mijn dochter is 12 jaar en is uit haar fiets gegroeid. Ophalen in Delft."))] <= 1
    assert level(analyze("Het weer is mooi vandaag.")) == "none"


def test_score_and_level_agree(analyze):
    for text in ("Sanne, 16 jaar, bel me.", "new in town", "Young girl available", "Hallo"):
        risk = analyze(text)["risk"]
        bounds = {"none": (0, 0.15), "low": (0.15, 0.45), "medium": (0.45, 0.75), "high": (0.75, 1.01)}
        low, high = bounds[risk["level"]]
        assert low <= risk["score"] < high
        assert risk["explanation"].endswith(".")


def test_medium_and_high_need_an_offer_or_a_request(analyze):
    review = "We stayed two weeks; our daughter (14) loved the pool and the staff were lovely. Would recommend!"
    assert RANK[level(analyze(review))] <= RANK["low"]
    news = "A court in Cebu sentenced a man for exploiting girls aged 13 to 15, prosecutors said on Tuesday."
    assert RANK[level(analyze(news))] <= RANK["low"]
    assert level(analyze("girls 13-15 available in Cebu, outcall, DM")) == "high"


def test_travel_talk_without_minor_signals_is_no_risk(analyze):
    for text in (
        "Flying to Bangkok next month, which hotel near the airport do you recommend?",
        "Any tips for a visa run from Pattaya to Cambodia?",
        "Looking for a travel buddy for Nepal (I'm 27)",
    ):
        assert level(analyze(text)) == "none", text


def test_the_explanation_quotes_the_deciding_segment(analyze):
    filler = " ".join(["The weather was mild and the market was busy with visitors from the region."] * 15)
    text = f"{filler} Sanne, 16 jaar, beschikbaar, bel me."
    risk = analyze(text)["risk"]
    assert risk["level"] == "high"
    assert text[risk["segment"]["start"] : risk["segment"]["end"]].endswith("bel me.")
    assert "Sanne" in risk["explanation"] and risk["segment"]["genre"] == "offer"
