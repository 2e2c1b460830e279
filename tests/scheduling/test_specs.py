"""Parsing --cron, --every, --timezone, --jitter and --timeout."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from lantern.errors import ConfigError
from lantern.scheduling.specs import DEFAULT_TIMEOUT_SECONDS, build_spec, cron_trigger, parse_duration


def spec(**options):
    return build_spec(**{"cron": None, "every": None, "timezone": "UTC", "jitter": None, "timeout": None, **options})


@pytest.mark.parametrize(
    ("text", "seconds"), [("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400), ("1h30m", 5400), ("60", 60)]
)
def test_durations(text, seconds):
    assert parse_duration(text, "--every") == seconds


@pytest.mark.parametrize("text", ["30x", "", "m5", "1.5h", "-3s"])
def test_bad_duration_names_the_value_and_shows_examples(text):
    with pytest.raises(ConfigError) as caught:
        parse_duration(text, "--timeout")
    assert repr(text) in caught.value.message
    assert "30s" in caught.value.hint


def test_every_builds_an_interval_with_jitter_and_timeout():
    built = spec(every="2s", jitter="1", timeout="2m")
    assert built.trigger.interval.total_seconds() == 2
    assert built.trigger.jitter == 1
    assert built.timeout == 120
    assert built.description == "every 2s, jitter 1s"


def test_default_timeout():
    assert spec(every="1h").timeout == DEFAULT_TIMEOUT_SECONDS


def test_cron_weekdays_follow_crontab_not_apscheduler3():
    trigger = cron_trigger("0 9 * * 0", ZoneInfo("UTC"))  # 0 = Sunday in crontab
    fire = trigger.get_next_fire_time(None, datetime(2025, 1, 1, tzinfo=UTC))  # a Wednesday
    assert fire == datetime(2025, 1, 5, 9, tzinfo=UTC)
    weekdays = cron_trigger("30 2 * * 1-5", ZoneInfo("UTC"))
    fire = weekdays.get_next_fire_time(None, datetime(2025, 1, 4, tzinfo=UTC))  # a Saturday
    assert fire == datetime(2025, 1, 6, 2, 30, tzinfo=UTC)  # Monday


def test_cron_in_a_time_zone():
    trigger = spec(cron="0 6 * * *", timezone="Europe/Amsterdam").trigger
    fire = trigger.get_next_fire_time(None, datetime(2025, 7, 1, tzinfo=UTC))
    assert fire.astimezone(UTC) == datetime(2025, 7, 1, 4, tzinfo=UTC)  # 06:00 CEST


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"cron": "0 */6 * *"}, "4 fields, expected 5"),
        ({"cron": "61 * * * *"}, "invalid cron expression"),
        ({"cron": "0 0 * * 9"}, "invalid cron expression"),
        ({"every": "30x"}, "is not a duration"),
        ({"every": "0s"}, "too short"),
        ({"every": "1m", "timezone": "Mars/Olympus"}, "unknown time zone"),
        ({}, "exactly one of --cron or --every"),
        ({"cron": "* * * * *", "every": "1m"}, "exactly one of --cron or --every"),
    ],
)
def test_bad_specs_explain_themselves(options, message):
    with pytest.raises(ConfigError) as caught:
        spec(**options)
    assert message in caught.value.message
    assert caught.value.hint
