"""The analyzer on the labelled sets (tests/data/README.md): gates on the development set, a looser gate on the
hold-out sets, and every record within the contract. The sets go through the analyzer once per module."""

from __future__ import annotations

import re

import pytest

from eval.analyzer import SetError, analyzer_input, available_sets, load_set
from eval.metrics import evaluate
from nlp.analyzer import analysed_text
from tests.nlp.test_contract import assert_valid

PHONE = re.compile(r"\+1[\d ().-]{6,}\d")  # spaces, dashes, dots or brackets between the digits
FICTIONAL_PHONE = re.compile(r"1\d{3}55501\d\d")  # the digits of +1 NNN 555 01NN
EMAIL_DOMAIN = re.compile(r"[\w.+-]@([\w-]+\.[\w.-]+)")
LABEL_KEYS = {"minor", "min_age", "categories", "countries", "kind"}
NEW_LABEL_KEYS = {"ages", "genre"}  # the sets written for the genre-aware analyzer carry these too
KINDS = {"offer", "request", "awareness", "everyday", "travel", "family", "review"}


@pytest.fixture(scope="module")
def labelled():
    """Every set present: {"dev": items, "dev2": items, …, "holdout2": items, …}."""
    return {name: load_set(path) for name, path in available_sets().items()}


@pytest.fixture(scope="module")
def results(analyzer, labelled):
    """{name: (items, records, report)}, all sets analysed in one pass."""
    everything = [item for items in labelled.values() for item in items]
    records = list(analyzer.analyze_many(analyzer_input(item) for item in everything))
    out, start = {}, 0
    for name, items in labelled.items():
        chunk = records[start : start + len(items)]
        start += len(items)
        out[name] = (items, chunk, evaluate(name, items, chunk))
    return out


def test_the_sets_are_big_enough_distinct_and_well_formed(labelled):
    dev, holdout, holdout2 = labelled["dev"], labelled["holdout"], labelled["holdout2"]
    assert len(dev) >= 220 and len(holdout) >= 90 and len(holdout2) >= 90
    everything = [item for items in labelled.values() for item in items]
    ids = [item["id"] for item in everything]
    assert len(ids) == len(set(ids))
    texts = [{item["text"] for item in items} for items in labelled.values()]
    for i, first in enumerate(texts):
        for second in texts[i + 1 :]:
            assert not first & second
    for item in everything:
        labels = item["labels"]
        assert LABEL_KEYS <= set(labels) <= LABEL_KEYS | NEW_LABEL_KEYS, item["id"]
        assert labels["kind"] in KINDS, item["id"]
        if "ages" in labels:
            assert labels["min_age"] == (min(labels["ages"]) if labels["ages"] else None), item["id"]


def test_the_sets_use_fictional_contacts_only(labelled):
    for items in labelled.values():
        for item in items:
            for phone in PHONE.findall(item["text"]):
                assert FICTIONAL_PHONE.match(re.sub(r"\D", "", phone)), (item["id"], phone)  # "(24/7)" may follow
            for domain in EMAIL_DOMAIN.findall(item["text"]):
                assert domain.rstrip(".").lower() in {"example.org", "example.com", "example.net"}, (item["id"], domain)


# Gates of the development sets (tuned on): minor recall, minor precision, age F1, min_age accuracy. devset4 was
# written in the voices the first three lacked (terse listings, other languages, leetspeak, Q&A); its remaining
# misses are documented in tests/data/README.md. devset5 (the part of a set written by a helper who never saw the
# rules that was not sealed away) has its age gates a little lower: its split and padded ages are the hardest.
DEV_GATES = {
    "dev": (0.97, 0.97, 0.95, 0.95),
    "dev2": (0.97, 0.97, 0.95, 0.95),
    "dev3": (0.97, 0.97, 0.95, 0.95),
    "dev4": (0.95, 0.97, 0.95, 0.95),
    "dev5": (0.95, 0.97, 0.94, 0.93),
    "dev8": (0.97, 0.97, 0.95, 0.94),
    # devset10: the project lead's fifth-session set in new voices (host families, go-betweens, payment means,
    # Thai, minors as a noun); its remaining misses are documented in tests/data/README.md.
    "dev10": (0.85, 0.97, 0.94, 0.94),
    # devset13: the project lead's sixth-session set (field-form listings, chat abbreviations, travel tips, quoted
    # forum replies, job covers, tour packages, formal translations, German, French, Portuguese; half sealed).
    "dev13": (0.95, 0.95, 0.94, 0.93),
    # devset14: its second set (machine-translated English, chat transcripts, wishes, Latin American, Indonesian
    # and Tagalog slang, legal-status euphemisms, profiles, reply chains); its remaining misses are documented in
    # tests/data/README.md.
    "dev14": (0.78, 0.95, 0.88, 0.80),
    # devset15: its third set (long trip stories with the request inside, typos, third-person offers, dating
    # bios, rent-a-girlfriend, South Asian, East African, Caribbean and francophone African English and French).
    "dev15": (0.90, 0.95, 0.90, 0.85),
    # devset16: texts of the field itself (a parliamentary letter, an annual review, a press release, research, tip
    # lines, moderators, court reports, campaigns in eight languages) and offers that mock the warnings.
    "dev16": (0.95, 0.95, 0.95, 0.95),
    # devset17: its fifth set (Dutch chat abbreviations, UK slang, Hindi-, Arabic-French and Nepali English, long
    # classified ads, coded words, advice-forum requests, odd units, relatives with a price, Q&A listings).
    "dev17": (0.90, 0.90, 0.88, 0.85),
    # devset18: its sixth set (Dutch, Flemish and Surinamese Dutch voices; African and Latin American destinations).
    "dev18": (0.90, 0.95, 0.90, 0.85),
    # devset19: its seventh set (page layouts: several ads in one item, tables, markup remnants, bullets, capitals).
    "dev19": (0.85, 0.95, 0.85, 0.80),
    # devset20: its eighth set (requests with bounds, ranges and school words in eleven languages).
    "dev20": (0.85, 0.95, 0.90, 0.80),
    # The eighth session's sets, each written and split before it was measured (tests/data/README.md):
    # devset21: covers (tutoring, volunteering, karaoke, massage), birth years and school years of other systems,
    # Vietnamese, Swahili, Hinglish and Indonesian slang; hard negatives with child prices and child services.
    "dev21": (0.95, 0.95, 0.90, 0.90),
    # devset22: relatives offered through a guesthouse, "the youngest I can find", lower bounds ("girls from 13"),
    # Thai and Japanese slang, Cyrillic, Caribbean, Colombian, Brazilian, Dutch, German and French wording.
    "dev22": (0.95, 0.95, 0.90, 0.90),
    # devset23: long lower-case forum posts, SMS style, quoted replies, names with ages glued, field rows.
    "dev23": (0.95, 0.95, 0.95, 0.95),
    # devset24: sugar-daddy requests by minors, cam requests, Thai script, "faz programa", "TG-Treffen",
    # "zakgeld", bar fines; families, exchange students and camps in the same words.
    "dev24": (0.95, 0.95, 0.95, 0.95),
    # devset25: spelled-out, misspelled, fullwidth, circled and glued ages, birth dates, lower bounds ("14+").
    "dev25": (0.90, 0.95, 0.90, 0.85),
    # devset26: the same offer in three lengths: terse listings of four words, formal letters, long tour pages
    # and trip stories, translated English, emoji and slash rows; the negatives reuse each layout.
    "dev26": (0.95, 0.95, 0.95, 0.95),
    # devset27: claimed and real ages ("says 18, actually 16"), menus of persons, age ranges that start below 18;
    # adult offers with youth wording, "18+ only" bars and spas, menus of food, hiring 18-25.
    "dev27": (0.95, 0.95, 0.80, 0.85),
    # devset28: Dutch, German, French and English travel-forum posts with the request inside; families, volunteers
    # and police warnings on the same forums.
    "dev28": (0.95, 0.95, 0.95, 0.85),
    # devset29: whole threads and pages of classifieds as one item, one post or ad the offer or the request.
    "dev29": (0.95, 0.95, 0.95, 0.85),
    # devset30: covers of marriage, adoption and housework, and travel to meet a child met online; child-marriage
    # reports, housekeepers 18+, families visiting relatives.
    "dev30": (0.95, 0.95, 0.90, 0.85),
    # devset31: requests in a foreigner's broken Spanish, Indonesian, Tagalog, Thai, Portuguese, French, German,
    # Dutch and English ("yo querer chica 15", "mee dek ying mai?"); shopping, doctors, schools and babysitters.
    "dev31": (0.95, 0.95, 0.95, 0.85),
    # devset32: transcribed speech without punctuation, hashtag posts and captions; families in the same voices.
    "dev32": (0.95, 0.95, 0.95, 0.85),
    # devset33: job advertisements as covers (hostesses, "models", guides sent to foreign guests' hotels); jobs
    # for teenagers, children's model agencies with parents, NGO warnings. Bounds are no ages (age F1 is low).
    "dev33": (0.80, 0.95, 0.50, 0.75),
    # The ninth session's sets: devset34: coming-of-age celebrations ("her debut is still 3 years away", "su
    # quinceañera fue en marzo"), school stages in eight languages, chat logs and quoted forum replies.
    "dev34": (0.95, 0.95, 0.90, 0.90),
    # devset35: sponsorship, pen-pal and language-exchange covers, phone credit and wallets as the price, Swahili.
    "dev35": (0.95, 0.95, 0.90, 0.90),
    # devset36: reviews and Q&A of hotels and bars in which staff provide a person; family reviews in the same words.
    "dev36": (0.80, 0.95, 0.90, 0.85),
    # devset37: ages with fractions and months ("14½", "14 años y 6 meses", "quatorze ans et demi", "almost 15"),
    # Buddhist Era birth years, Tagalog number words, profile bios; families in the same words.
    "dev37": (0.95, 0.95, 0.90, 0.90),
    # devset38: ages as sums and products ("2x7 yo", "age: 10+5", "2 fois 7 ans", "20 minus 6 yrs"), digit words.
    "dev38": (0.95, 0.95, 0.90, 0.90),
    # devset39: regional slang of Latin America, the Caribbean and West and East Africa ("prepago", "chapeadora",
    # "yute gyal", "petite go", "obroni", "MoMo"); phone plans, holiday programmes and camps in the same words.
    "dev39": (0.80, 0.95, 0.90, 0.85),
    # devset40: school years of other systems as codes ("JSS2 girl", "Std 7", "P6", "lớp 8", "2º de ESO", "ม.2").
    "dev40": (0.95, 0.95, 0.90, 0.90),
    # devset41: Dutch and Flemish recruiting of teenagers ("meiden van 14-15 die snel geld willen verdienen", "ken
    # jij een brugklasser", "een meiske van 't middelbaar"); student jobs, loverboy warnings, school camps.
    "dev41": (0.95, 0.95, 0.90, 0.90),
    # devset42: the destinations' own scripts and digits (Khmer, Lao, Burmese, Thai, Nepali, Sinhala) and their
    # romanised slang ("srey kmeng 14 chnam", "kella avurudu 15", "sano keti chahiyo"); news, families, classes.
    "dev42": (0.95, 0.95, 0.90, 0.90),
    # devset43: babysitting, au-pair and household help as covers ("a 'babysitter' tonight, no kids here");
    # families seeking sitters and au pairs, a teenager's babysitting, a kids' club.
    "dev43": (0.95, 0.95, 0.90, 0.90),
    # devset44: Dutch and UK street slang, Papiamento and Sranan Tongo ("jonge chickies", "ze zit in de tweede",
    # "yu muhe di 14 aña", "pikin meisje fu 15 yari"); youth work, families, school trips, a police warning.
    "dev44": (0.95, 0.95, 0.70, 0.70),
    # devset45: the visitors' own languages in the destinations: Chinese, Japanese, Korean and Russian (also
    # romanised); a school's job ad, a family's trip, a language camp, news, a flat to let.
    "dev45": (0.95, 0.95, 0.90, 0.90),
    # devset46: ages told in words ("early teens", "preadolescente", "vroege tienerjaren", "belasan awal", "not
    # even a teen yet"); clubs, camps, research, families in the same words.
    "dev46": (0.95, 0.95, 0.90, 0.90),
    # devset47: lists of persons with ages, one of them a minor (rosters, a request for two); families, teams,
    # competitors and scholars listed the same way.
    "dev47": (0.95, 0.95, 0.90, 0.90),
    # devset48: national and school-leaving exams as the sign of age (KCPE, O/L, SEE, BECE, UN SMP, PSLE, BEPC).
    "dev48": (0.95, 0.95, 0.90, 0.90),
    # devset49: misspelt key words ("yong grl", "hottel", "forener", "jaaar", "mädschen", "15yrz", "anios").
    "dev49": (0.95, 0.95, 0.80, 0.80),
    # devset50: requests as hypotheticals, rumours and questions "for a friend"; the same openings in negatives.
    "dev50": (0.95, 0.95, 0.90, 0.90),
    # devset51: game currencies and platforms as the price (diamonds, Robux, V-Bucks, skins, TikTok coins).
    "dev51": (0.95, 0.95, 0.85, 0.85),
    # devset52: a child passed off as a relative ("my 'niece' (14)") and lodging that asks no questions.
    "dev52": (0.95, 0.95, 0.90, 0.90),
    # devset53: chat replies of a few words ("u want 14?", "younger? yes 14", "mau yg 14?").
    "dev53": (0.95, 0.95, 0.90, 0.90),
    # devset54: Cebuano/Bisaya, Hiligaynon, Ilocano and Taglish offers and requests; families, a fiesta.
    "dev54": (0.95, 0.95, 0.80, 0.80),
    # devset55: a child's performance or sport as the cover ("perform privately in your villa"); real shows.
    "dev55": (0.70, 0.95, 0.85, 0.85),
    # devset56: Malagasy, Nigerian Pidgin, Sheng, Haitian Creole, Wolof-French; parents, police, a camp.
    "dev56": (0.95, 0.95, 0.80, 0.80),
    # devset57: Arabic and Urdu around "temporary marriage" tourism; a school, news, a parent.
    "dev57": (0.95, 0.95, 0.90, 0.90),
    # devset58: Vietnamese without diacritics and chat abbreviations ("be gai 14 tuoi", "di ks dc", "ib gia").
    "dev58": (0.95, 0.95, 0.90, 0.90),
    # devset59: Mexican and Central American slang ("morrita", "carajilla", "güila", "patoja", "chavala").
    "dev59": (0.95, 0.95, 0.90, 0.90),
    # devset60: romanised Hindi and Hinglish ("14 saal ki ladki chahiye", "kam umar wali", "foreigners ke liye").
    "dev60": (0.95, 0.95, 0.80, 0.80),
    # devset61: Swedish, Norwegian, Danish and Finnish travellers and go-betweens ("tjej 14 år", "14-vuotias tyttö").
    "dev61": (0.95, 0.95, 0.85, 0.85),
    # devset62: Italian, Polish and Czech visitors ("ragazzina di 14 anni", "dziewczyna 14 lat", "holka 15 let").
    "dev62": (0.95, 0.95, 0.85, 0.85),
    # devset63: the eleventh session's broad set in many voices (listings, chats, formal, translated, long posts;
    # ranges, bounds, school words, obfuscations); its remaining misses are in tests/data/README.md.
    "dev63": (0.80, 0.95, 0.85, 0.85),
    # devset65: the eleventh session's second broad set, written after the first round of tuning.
    "dev65": (0.95, 0.95, 0.85, 0.85),
    # devset66: the third, written at the end of that session's tuning.
    "dev66": (0.95, 0.95, 0.85, 0.85),
}
# Development sets of negatives only (tuned on): devset6, 163 awareness texts written by a helper who never saw
# the rules (news, NGO, police, court, research, policy, guidance, tip lines). No recall or precision to speak
# of: every text must stay at most low (the awareness test below).
# devset7: 91 hard negatives by a third writer (everyday ads with numbers, families, teenagers' jobs, adult
# offers, travel talk, awareness texts).
# devset9: 20 long documents (2,500-9,000 characters) of the field itself: policy plans, annual reports,
# research, court judgments, training manuals, guidance.
# devset11: 48 headlines and short notices naming a child's age and a place (news, results, missing persons).
# devset64: 35 hard negatives by a fifth helper who never saw the rules (asked for positives too, it wrote none):
# court news, families, teenagers' jobs, adult ads, everyday ads with numbers, in eight languages.
NEGATIVE_DEV_SETS = ("dev6", "dev7", "dev9", "dev11", "dev64")
# Hold-outs (measured, not tuned on): minor recall and precision a little under what their evaluation found, so
# that a change that loses ground on text nobody tuned for fails here. holdout3-holdout41 are development sets since
# the eleventh session (tests/data/README.md): their gates were raised then to a little under what they scored,
# precision at most 0.80 on the small ones (a retrain of the model moves one false alarm).
HOLDOUT_GATES = {
    "holdout": (0.85, 0.85),
    "holdout2": (0.85, 0.85),
    "holdout3": (0.90, 0.95),
    "holdout4": (0.90, 0.95),
    "holdout5b": (0.85, 0.90),
    "holdout10": (0.95, 0.90),
    "holdout12": (0.85, 0.95),
    # the sealed halves of the sixth session's sets 13-20 (holdout16 has only three positives: left out)
    "holdout13": (0.85, 0.95),
    "holdout14": (0.85, 0.85),
    "holdout15": (0.85, 0.90),
    "holdout17": (0.95, 0.80),
    "holdout18": (0.95, 0.80),
    "holdout19": (0.75, 0.80),
    "holdout20": (0.95, 0.80),
    # the sealed halves of the eighth session's sets 21-32 (small: the gates are coarse)
    # holdout21: 13/1 → 14/2 with Swahili ages ("wa miaka 14", ninth session); found by swapping files, items unread
    "holdout21": (0.90, 0.80),
    "holdout22": (0.90, 0.80),
    "holdout23": (0.90, 0.80),
    # holdout24: one false alarm more when the model was retrained with set 36 (ninth session; found by swapping
    # the model file, items unread): a learned flag, not a rule
    "holdout24": (0.90, 0.80),
    "holdout25": (0.95, 0.80),
    "holdout26": (0.85, 0.80),
    "holdout27": (0.95, 0.80),
    "holdout28": (0.80, 0.80),
    "holdout29": (0.95, 0.80),
    "holdout30": (0.65, 0.80),
    "holdout31": (0.95, 0.80),
    "holdout32": (0.80, 0.80),
    "holdout33": (0.45, 0.80),
    # the sealed halves of the ninth session's sets 34-41
    "holdout34": (0.80, 0.80),
    "holdout35": (0.95, 0.80),
    "holdout36": (0.95, 0.80),
    "holdout37": (0.95, 0.80),
    "holdout38": (0.75, 0.80),
    "holdout39": (0.95, 0.80),
    "holdout40": (0.95, 0.80),
    "holdout41": (0.95, 0.80),
    # the sealed halves of the tenth session's sets 42-47
    "holdout42": (0.95, 0.75),
    "holdout43": (0.45, 0.95),
    # holdout44: the eleventh session's first model retrain (trained on the retired hold-outs too) moved one false
    # alarm of the model from holdout60 here, a later one moved it back (numbers of the runs only; items unread).
    "holdout44": (0.60, 0.65),
    "holdout45": (0.95, 0.80),
    "holdout46": (0.95, 0.95),
    "holdout47": (0.60, 0.95),
    "holdout48": (0.95, 0.95),
    "holdout49": (0.95, 0.95),
    "holdout50": (0.95, 0.95),
    "holdout51": (0.60, 0.95),
    "holdout52": (0.60, 0.95),
    "holdout53": (0.30, 0.95),
    "holdout54": (0.60, 0.95),
    "holdout55": (0.60, 0.95),
    "holdout56": (0.95, 0.95),
    "holdout57": (0.95, 0.95),
    "holdout58": (0.45, 0.95),
    "holdout59": (0.95, 0.95),
    # holdout60: one false alarm when the model was retrained with sets 61-62 (tenth session; found by swapping the
    # model file): a learned flag. The failing gate printed that negative's text (the reason the gates now print
    # numbers only); nothing was tuned on it.
    "holdout60": (0.95, 0.70),
    "holdout61": (0.95, 0.95),
    "holdout62": (0.95, 0.95),
    # the eleventh session's sealed halves: holdout63 lost one positive in the session's first commit (a model
    # retrain and new rules; traced by commit, items unread), holdout65/66 one false alarm each when written
    "holdout63": (0.60, 0.95),
    "holdout65": (0.95, 0.85),
    "holdout66": (0.95, 0.85),
}
# Hold-outs of negatives only (no recall, no precision to speak of): at most this many flagged as minor.
# holdout6 went from 15 to 17 with the sixth session's rules: German glued ages ("fünfzehnjährige") are read now,
# and "kennt jemand"-style questions count as request hints; found by swapping files and counting, items unread.
# Retired to development in the eleventh session (holdout5-9) and tightened then: holdout5 4, holdout6 3,
# holdout7 1 flagged at the time. holdout64: 35 negatives of the fifth helper, 0 flagged when written and at the end.
NEGATIVE_HOLDOUT_GATES = {"holdout5": 5, "holdout6": 4, "holdout7": 2, "holdout9": 1, "holdout64": 1}


@pytest.mark.parametrize("name", list(DEV_GATES))
def test_dev_sets_minor_recall_precision_and_ages(results, name):
    if name not in results:
        pytest.skip(f"{name} is not in this checkout")
    report = results[name][2]
    recall, precision, age_f1, min_age = DEV_GATES[name]
    missed = [m.id for m in report.misses if m.what == "minor"]
    assert report.minor.recall >= recall, f"recall {report.minor.recall:.3f}, misses {missed}"
    assert report.minor.precision >= precision, f"precision {report.minor.precision:.3f}, misses {missed}"
    assert report.ages.f1 >= age_f1, f"age F1 {report.ages.f1:.3f}"
    assert report.min_age_accuracy >= min_age, [m.id for m in report.misses if m.what == "min_age"]


@pytest.mark.parametrize("name", [*DEV_GATES, *NEGATIVE_DEV_SETS])
def test_news_ngo_police_and_court_texts_are_never_medium_or_high(results, name):
    if name not in results:
        pytest.skip(f"{name} is not in this checkout")
    items, records, report = results[name]
    if name in NEGATIVE_DEV_SETS:
        assert report.minor.tp + report.minor.fn == 0 and report.minor.fp == 0, f"{report.minor.fp} flagged minor"
    for item, record in zip(items, records, strict=True):
        if item["labels"]["kind"] == "awareness":
            assert record["analysis"]["risk"]["level"] in ("none", "low"), (item["id"], record["analysis"]["risk"])


@pytest.mark.parametrize("name", ["dev2", "dev3", "dev7"])
def test_reviews_and_travel_talk_are_rarely_even_low(results, name):
    if name not in results:
        pytest.skip(f"{name} is not in this checkout")
    items, records, _ = results[name]
    levels = [
        r["analysis"]["risk"]["level"]
        for i, r in zip(items, records, strict=True)
        if i["labels"]["kind"] in ("review", "travel") and not i["labels"]["minor"]
    ]
    assert levels and not {"medium", "high"} & set(levels)
    assert levels.count("low") <= 0.1 * len(levels), f"{levels.count('low')} of {len(levels)} low"


@pytest.mark.parametrize("name", list(HOLDOUT_GATES))
def test_holdout_sets_looser_gate(results, record_property, name):
    """Measured, not tuned on: numbers in docs/EVALUATION.md."""
    if name not in results:
        pytest.skip(f"{name} is not in this checkout")
    report = results[name][2]
    # Plain numbers only: a failing assertion on the report would print its misses, the sealed texts among them.
    got_recall, got_precision = round(report.minor.recall, 3), round(report.minor.precision, 3)
    record_property(f"{name}_minor_recall", got_recall)
    record_property(f"{name}_minor_precision", got_precision)
    recall, precision = HOLDOUT_GATES[name]
    assert got_recall >= recall, f"recall {got_recall:.3f}"
    assert got_precision >= precision, f"precision {got_precision:.3f}"


@pytest.mark.parametrize("name", list(NEGATIVE_HOLDOUT_GATES))
def test_negative_holdout_sets_are_rarely_flagged(results, record_property, name):
    """Measured once, not tuned on: hard negatives (awareness, families, reviews, everyday and adult ads)."""
    if name not in results:
        pytest.skip(f"{name} is not in this checkout")
    report = results[name][2]
    positives, flagged, items = report.minor.tp + report.minor.fn, report.minor.fp, report.items  # numbers only
    record_property(f"{name}_minor_false_positives", flagged)
    assert positives == 0, "a negative hold-out has no positives"
    assert flagged <= NEGATIVE_HOLDOUT_GATES[name], f"{flagged} of {items} flagged minor"


def test_every_record_carries_a_genre_and_the_segment_that_decided(results):
    for items, records, _ in results.values():
        for item, record in zip(items, records, strict=True):
            analysis = record["analysis"]
            assert analysis["genre"]["label"] in {"offer", "request", "report", "personal", "other"}
            segment = analysis["risk"]["segment"]
            assert 0 <= segment["start"] < segment["end"] <= len(analysed_text(item)), item["id"]


def test_every_record_keeps_to_the_contract(results):
    for items, records, _ in results.values():
        for item, record in zip(items, records, strict=True):
            assert record["id"] == item["id"]
            assert_valid(record, analysed_text(item))


def test_a_broken_set_file_is_named_with_its_line(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text('{"id": "a", "text": "x", "labels": {}}\n', encoding="utf-8")
    with pytest.raises(SetError, match=r"set.jsonl:1: not a labelled item"):
        load_set(path)
    with pytest.raises(SetError, match="not found"):
        load_set(tmp_path / "missing.jsonl")
