"""Dates as real forum engines print them, each read against one fetch time into its UTC instant.

Every group below is taken from the engine's own template or locale file (cited above the group); the fetch
time is Wednesday 2024-03-06 14:30:00 UTC (15:30 in Amsterdam, 22:30 in Manila, 09:30 in New York). A row is
(date string, source time zone, languages, order, expected UTC instant, tolerance in seconds).
"""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

import pytest

from pipelines.dates import DateHints, DateReader, parse_date, reader_for

FETCHED = "2024-03-06T14:30:00+00:00"
AMS, MNL, NYC, LON = "Europe/Amsterdam", "Asia/Manila", "America/New_York", "Europe/London"


def row(text: str, zone: str, langs: str, expected: str, order: str | None = None, within: int = 0) -> tuple:
    return (text, zone, tuple(langs.split()), order, expected, within)


CASES = [
    # Django conf/locale/en/formats.py DATETIME_FORMAT 'N j, Y, P' (AP months "Jan.", "Sept.", "March"; P is
    # "9:24 a.m.", "1 p.m.", "noon", "midnight"), as Spirit prints it in spirit/comment/_render_list.html
    # (<li title="{{ c.date }}">).
    row("Jan. 8, 2024, 9:24 a.m.", AMS, "en", "2024-01-08T08:24:00"),
    row("Feb. 29, 2024, 11:05 p.m.", AMS, "en", "2024-02-29T22:05:00"),
    row("March 4, 2024, noon", AMS, "en", "2024-03-04T11:00:00"),
    row("Sept. 8, 2023, midnight", AMS, "en", "2023-09-07T22:00:00"),
    row("Aug. 1, 2023, 1 p.m.", AMS, "en", "2023-08-01T11:00:00"),
    row("June 30, 2023, 12:30 p.m.", AMS, "en", "2023-06-30T10:30:00"),
    row("Dec. 31, 2023, 11:59 p.m.", AMS, "en", "2023-12-31T22:59:00"),
    row("April 2, 2024, 12:15 a.m.", AMS, "en", "2024-04-01T22:15:00"),
    row("Oct. 27, 2023, 9:24 a.m.", AMS, "en", "2023-10-27T07:24:00"),
    row("Nov. 15, 2023, 4:45 p.m.", AMS, "en", "2023-11-15T15:45:00"),
    # Spirit spirit/core/tags/time.py shortnaturaltime ("now", "45s", "5m", "3h", "8 Jan", "8 Jan '23") and its
    # German strings in spirit/core/locale/de/LC_MESSAGES/django.po ("jetzt", "5Min.", "3Std.").
    row("now", AMS, "en", "2024-03-06T14:30:00"),
    row("45s", AMS, "en", "2024-03-06T14:29:15"),
    row("5m", AMS, "en", "2024-03-06T14:25:00"),
    row("3h", AMS, "en", "2024-03-06T11:30:00"),
    row("8 Jan", AMS, "en", "2024-01-07T23:00:00"),
    row("8 Jan '23", AMS, "en", "2023-01-07T23:00:00"),
    row("jetzt", AMS, "de", "2024-03-06T14:30:00"),
    row("5Min.", AMS, "de", "2024-03-06T14:25:00"),
    row("3Std.", AMS, "de", "2024-03-06T11:30:00"),
    # phpBB phpBB/language/en/common.php: default_dateformat 'D M d, Y g:i a', the 'dateformats' choices,
    # DATETIME_FORMAT '|d M Y, H:i|' with datetime TODAY/YESTERDAY, and AGO ('less than a minute ago',
    # '%d minute(s) ago').
    row("Mon Jan 08, 2024 9:24 pm", MNL, "en", "2024-01-08T13:24:00"),
    row("Mon Jan 01, 2007 1:37 pm", MNL, "en", "2007-01-01T05:37:00"),
    row("01 Jan 2007, 13:37", MNL, "en", "2007-01-01T05:37:00"),
    row("01 Jan 2007 13:37", MNL, "en", "2007-01-01T05:37:00"),
    row("Jan 1st, '07, 13:37", MNL, "en", "2007-01-01T05:37:00"),
    row("January 1st, 2007, 1:37 pm", MNL, "en", "2007-01-01T05:37:00"),
    row("Today, 13:37", MNL, "en", "2024-03-06T05:37:00"),
    row("Yesterday, 13:37", MNL, "en", "2024-03-05T05:37:00"),
    row("Today, 1:37 pm", MNL, "en", "2024-03-06T05:37:00"),
    row("less than a minute ago", MNL, "en", "2024-03-06T14:30:00", within=60),
    row("1 minute ago", MNL, "en", "2024-03-06T14:29:00"),
    row("42 minutes ago", MNL, "en", "2024-03-06T13:48:00"),
    # MyBB install/resources/settings.xml (dateformat 'm-d-Y', datetimesep ', ', timeformat 'h:i A') and
    # inc/languages/english/global.lang.php (today_rel/yesterday_rel, rel_time "{1}{2} {3} {4}", rel_less_than).
    row("01-08-2024, 09:24 AM", LON, "en", "2024-01-08T09:24:00", order="MDY"),
    row("12-25-2023, 11:30 PM", LON, "en", "2023-12-25T23:30:00", order="MDY"),
    row("03-06-2024, 12:05 AM", LON, "en", "2024-03-06T00:05:00", order="MDY"),
    row("Today, 08:15 AM", LON, "en", "2024-03-06T08:15:00", order="MDY"),
    row("Yesterday, 11:50 PM", LON, "en", "2024-03-05T23:50:00", order="MDY"),
    row("5 minutes ago", LON, "en", "2024-03-06T14:25:00", order="MDY"),
    row("1 hour ago", LON, "en", "2024-03-06T13:30:00", order="MDY"),
    row("Less than 1 minute ago", LON, "en", "2024-03-06T14:30:00", order="MDY", within=60),
    # SMF Languages/en_US/Install.php default_time_format '%b %d, %Y, %I:%M %p' and Languages/en_US/General.php
    # today/yesterday ('<strong>Today</strong> at ').
    row("Jan 08, 2024, 09:24 PM", NYC, "en", "2024-01-09T02:24:00"),
    row("Mar 03, 2024, 12:00 PM", NYC, "en", "2024-03-03T17:00:00"),
    row("Jul 04, 2023, 06:30 AM", NYC, "en", "2023-07-04T10:30:00"),
    row("Today at 08:15 AM", NYC, "en", "2024-03-06T13:15:00"),
    row("Yesterday at 11:50 PM", NYC, "en", "2024-03-06T04:50:00"),
    # Discourse config/locales/client.nl.yml dates.medium_with_ago ("%{count} mins geleden", "%{count} uren
    # geleden", "1 day geleden", "%{count} dagen geleden") and client.de.yml ("vor %{count} Minuten",
    # "vor einem Tag").
    row("5 mins geleden", AMS, "nl", "2024-03-06T14:25:00"),
    row("1 min geleden", AMS, "nl", "2024-03-06T14:29:00"),
    row("2 uren geleden", AMS, "nl", "2024-03-06T12:30:00"),
    row("1 uur geleden", AMS, "nl", "2024-03-06T13:30:00"),
    row("1 day geleden", AMS, "nl", "2024-03-05T14:30:00"),
    row("3 dagen geleden", AMS, "nl", "2024-03-03T14:30:00"),
    row("vor 20 Minuten", AMS, "de", "2024-03-06T14:10:00"),
    row("vor einem Tag", AMS, "de", "2024-03-05T14:30:00"),
    # jquery-timeago locales/jquery.timeago.{nl,de,fr,es,pt,id,th}.js (NodeBB's relative times).
    row("ongeveer 3 uur geleden", AMS, "nl", "2024-03-06T11:30:00"),
    row("ongeveer een uur geleden", AMS, "nl", "2024-03-06T13:30:00"),
    row("minder dan een minuut geleden", AMS, "nl", "2024-03-06T14:30:00", within=60),
    row("vor etwa einer Stunde", AMS, "de", "2024-03-06T13:30:00"),
    row("vor 2 Tagen", AMS, "de", "2024-03-04T14:30:00"),
    row("il y a environ 3 heures", AMS, "fr", "2024-03-06T11:30:00"),
    row("il y a environ 2 jours", AMS, "fr", "2024-03-04T14:30:00"),
    row("hace 3 horas", AMS, "es", "2024-03-06T11:30:00"),
    row("hace unos 5 minutos", AMS, "es", "2024-03-06T14:25:00"),
    row("há cerca de 3 horas", AMS, "pt", "2024-03-06T11:30:00"),
    row("há 2 dias", AMS, "pt", "2024-03-04T14:30:00"),
    row("sekitar 3 jam yang lalu", AMS, "id", "2024-03-06T11:30:00"),
    row("5 menit yang lalu", AMS, "id", "2024-03-06T14:25:00"),
    row("ประมาณ 3 ชั่วโมงที่แล้ว", AMS, "th", "2024-03-06T11:30:00"),
    row("5 นาทีที่แล้ว", AMS, "th", "2024-03-06T14:25:00"),
    # dayjs src/locale/{en,nl,id,th,tl-ph}.js (Flarum's humanTime and fullTime 'LLLL').
    row("Monday, January 8, 2024 9:24 AM", AMS, "en", "2024-01-08T08:24:00"),
    row("maandag 8 januari 2024 09:24", AMS, "nl", "2024-01-08T08:24:00"),
    row("een uur geleden", AMS, "nl", "2024-03-06T13:30:00"),
    row("8 Januari 2024 pukul 09.24", AMS, "id", "2024-01-08T08:24:00"),
    row("sejam yang lalu", AMS, "id", "2024-03-06T13:30:00"),
    row("8 มกราคม 2024 เวลา 9:24", AMS, "th", "2024-01-08T08:24:00"),
    row("3 ชั่วโมงที่แล้ว", AMS, "th", "2024-03-06T11:30:00"),
    row("Enero 8, 2024 09:24", MNL, "tl", "2024-01-08T01:24:00"),
    row("3 oras ang nakalipas", MNL, "tl", "2024-03-06T11:30:00"),
    row("isang araw ang nakalipas", MNL, "tl", "2024-03-05T14:30:00"),
    # Django conf/locale/{nl,de,fr,es,pt,id,th}/formats.py DATETIME_FORMAT and SHORT_DATETIME_FORMAT (Spirit,
    # django-machina and other Django forums in those languages).
    row("8 januari 2024 09:24", AMS, "nl", "2024-01-08T08:24:00"),
    row("8-1-2024 09:24", AMS, "nl", "2024-01-08T08:24:00"),
    row("4. März 2024 14:30:00", AMS, "de", "2024-03-04T13:30:00"),
    row("04.03.2024 14:30:00", AMS, "de", "2024-03-04T13:30:00"),
    row("8 janvier 2024 09:24", AMS, "fr", "2024-01-08T08:24:00"),
    row("8 de enero de 2024 a las 09:24", AMS, "es", "2024-01-08T08:24:00"),
    row("8 de janeiro de 2024 às 09:24", AMS, "pt", "2024-01-08T08:24:00"),
    row("8 Jan 2024, 9.24.00", AMS, "id", "2024-01-08T08:24:00"),
    row("8 มกราคม 2024, 9:24", AMS, "th", "2024-01-08T08:24:00"),
    # django-machina forum_conversation/topic_detail.html "By: <a>…</a> on {{ creation_date }}" as translated in
    # its locale/{nl_NL,de,es,fr}/LC_MESSAGES/django.po (the date part picked by the machina preset), with
    # Django's DATETIME_FORMAT of each language.
    row("on Jan. 8, 2024, 9:24 a.m.", AMS, "en", "2024-01-08T08:24:00"),
    row("op 8 januari 2024 09:24", AMS, "nl en", "2024-01-08T08:24:00"),
    row("am 8. Januar 2024 09:24:00", AMS, "de en", "2024-01-08T08:24:00"),
    row("el 8 de enero de 2024 a las 09:24", AMS, "es en", "2024-01-08T08:24:00"),
    row("le 8 janvier 2024 09:24", AMS, "fr en", "2024-01-08T08:24:00"),
    # The forms of issue 12 (a German date line, Dutch and English relative days).
    row("Mo 4. März 2024", AMS, "de", "2024-03-03T23:00:00"),
    row("gisteren om 14:02", AMS, "nl", "2024-03-05T13:02:00"),
    row("vandaag", AMS, "nl", "2024-03-06T14:30:00"),
    row("Yesterday at 10:14", AMS, "en", "2024-03-05T09:14:00"),
    # Machine forms in datetime/title attributes: Discourse and Flarum (<time datetime>), NodeBB
    # (<span class="timeago" title="…Z">, JavaScript toISOString), RSS pubDate (RFC 2822).
    row("2024-01-08T09:24:00Z", AMS, "en", "2024-01-08T09:24:00"),
    row("2024-01-08T09:24:00.000Z", AMS, "en", "2024-01-08T09:24:00"),
    row("2024-01-08T10:24:00+01:00", MNL, "en", "2024-01-08T09:24:00"),
    row("2024-01-08 09:24:00", AMS, "en", "2024-01-08T08:24:00"),
    row("Mon, 08 Jan 2024 09:24:00 +0000", AMS, "en", "2024-01-08T09:24:00"),
]


@pytest.mark.parametrize(("text", "zone", "langs", "order", "expected", "within"), CASES, ids=[c[0] for c in CASES])
def test_engine_dates(
    text: str, zone: str, langs: tuple[str, ...], order: str | None, expected: str, within: int
) -> None:
    reader = DateReader(DateHints(timezone=zone, languages=langs, order=order))
    got = reader.read_datetime(text, FETCHED)
    assert got is not None, f"{text!r} was not read"
    want = datetime.fromisoformat(expected).replace(tzinfo=UTC)
    assert abs(got - want) <= timedelta(seconds=within), f"{text!r}: {got.isoformat()} != {want.isoformat()}"


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 60


def test_default_languages_read_the_table_too() -> None:
    """A source that gives no languages still reads every row (the default set covers them all)."""
    failures = []
    for text, zone, _, order, expected, within in CASES:
        got = DateReader(DateHints(timezone=zone, order=order)).read_datetime(text, FETCHED)
        want = datetime.fromisoformat(expected).replace(tzinfo=UTC)
        if got is None or abs(got - want) > timedelta(seconds=within):
            failures.append((text, got))
    assert len(failures) <= len(CASES) // 20, failures


def test_a_shape_is_learned_and_read_without_dateparser() -> None:
    reader = DateReader(DateHints(timezone=AMS, languages=("en",)))
    days = [
        f"Jan. {day}, 2024, {hour}:{minute:02d} {half}"
        for day in range(1, 29)
        for hour, minute, half in [(9, 24, "a.m."), (12, 5, "p.m."), (3, 40, "p.m."), (12, 30, "a.m.")]
    ]
    for text in days:
        assert reader.read(text, FETCHED) == reader_for_check(text)
    assert reader.counts["shape"] > len(days) * 0.8
    assert reader.counts["dateparser"] < 12


def reader_for_check(text: str) -> str | None:
    """The same string read by a fresh reader (dateparser only, nothing learned)."""
    return DateReader(DateHints(timezone=AMS, languages=("en",))).read(text, FETCHED)


def test_relative_shapes_follow_each_items_fetch_time() -> None:
    reader = DateReader(DateHints(timezone=AMS, languages=("en",)))
    for minutes in range(1, 40):
        fetched = datetime(2024, 3, 6, 14, minutes, tzinfo=UTC)
        got = reader.read_datetime(f"{minutes} hours ago", fetched)
        assert got == fetched - timedelta(hours=minutes)
    assert reader.counts["shape"] >= 30


def test_unreadable_and_hostile_values() -> None:
    reader = reader_for(DateHints(timezone=AMS))
    assert reader.read(None) is None
    assert reader.read("   ") is None
    assert reader.read("no date here at all") is None
    assert reader.read("1" * 5000) is None
    assert reader.read("31-02-2024") is None


def test_parse_date_keeps_its_old_contract() -> None:
    assert parse_date("2026-11-02T10:00:00+01:00") == "2026-11-02T09:00:00+00:00"
    assert parse_date("2026-07-01", AMS) == "2026-06-30T22:00:00+00:00"
    assert parse_date("02-11-2026", "UTC") == "2026-11-02T00:00:00+00:00"
    assert parse_date("yesterday", "UTC", FETCHED) == "2024-03-05T14:30:00+00:00"


def test_dateparser_reads_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No network is touched: every connection attempt fails, and every language still reads."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network used while reading dates")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    reader = DateReader(DateHints(timezone=AMS, languages=("th", "tl", "id", "pt")))
    assert reader.read("8 มกราคม 2024, 9:24", FETCHED) == "2024-01-08T08:24:00+00:00"
    assert reader.read("3 oras ang nakalipas", FETCHED) == "2024-03-06T11:30:00+00:00"


def test_a_relative_date_reports_its_precision_an_absolute_one_none() -> None:
    reader = DateReader(DateHints(timezone="Europe/Berlin", languages=("en", "nl")))
    fetched = "2026-12-01T12:00:00+00:00"
    assert reader.read_precise("Jan. 8, 2024, 9:24 a.m.", fetched) == ("2024-01-08T08:24:00+00:00", 0)
    assert reader.read_precise("2024-01-08T09:24:00Z", fetched)[1] == 0
    assert reader.read_precise("12 minutes ago", fetched) == ("2026-12-01T11:48:00+00:00", 3600)
    assert reader.read_precise("3 weeks, 2 days ago", fetched)[1] == 7 * 86400
    assert reader.read_precise("6 months, 2 weeks ago", fetched)[1] == 31 * 86400
    assert reader.read_precise("1 year, 4 months ago", fetched)[1] == 366 * 86400  # day of the month not shown
    assert reader.read_precise("gisteren om 14:02", fetched)[1] == 3600
    assert reader.read_precise("no date here", fetched) == (None, 0)


def test_a_relative_date_read_again_later_keeps_the_stored_one() -> None:
    from pipelines.deduplicate import content_hash, keep_first_date

    first = {"title": "Pine wardrobe", "posted_at": "2026-11-30T11:48:00+00:00", "_date_precision": 3600}
    later = first | {"posted_at": "2026-11-30T11:49:00+00:00"}
    keep_first_date(later, first["posted_at"])
    assert later["posted_at"] == first["posted_at"] and content_hash(later) == content_hash(first)
    moved = first | {"posted_at": "2026-11-30T15:00:00+00:00"}  # reposted: a new date, beyond the precision
    keep_first_date(moved, first["posted_at"])
    assert moved["posted_at"] == "2026-11-30T15:00:00+00:00"
    exact = first | {"posted_at": "2026-11-30T11:49:00+00:00", "_date_precision": 0}  # written out: as it says
    keep_first_date(exact, first["posted_at"])
    assert exact["posted_at"] == "2026-11-30T11:49:00+00:00"
