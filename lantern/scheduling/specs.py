"""Parse and validate what an operator types: --cron, --every, --timezone, --jitter, --timeout.

Each error names the bad value and shows an example that works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from lantern.errors import ConfigError

MIN_INTERVAL_SECONDS = 1  # intervals under a minute are meant for tests and demos
DEFAULT_TIMEOUT_SECONDS = 6 * 3600
DAY = 86400
#: The longest --every, --timeout and --jitter (longer values are typing errors, and overflow dates).
MAX_SECONDS = {"--every": 366 * DAY, "--timeout": 30 * DAY, "--jitter": DAY}
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^(?:(\d+)([smhd]))+$")
_PART = re.compile(r"(\d+)([smhd])")
_DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DURATION_HINT = "use a number with a unit s, m, h or d, for example 30s, 15m, 2h, 1d or 1h30m"
CRON_HINT = 'five fields "minute hour day month weekday", for example "0 */6 * * *" (every 6 hours) or "30 2 * * 1-5"'


@dataclass(frozen=True)
class ScheduleSpec:
    """A validated schedule: the trigger plus how to describe it to people."""

    trigger: BaseTrigger
    description: str
    timeout: int


def parse_duration(text: str, option: str) -> int:
    """Seconds in ``30s``, ``15m``, ``2h``, ``1d``, ``1h30m`` or a plain number of seconds (at most
    :data:`MAX_SECONDS` of the option)."""
    value = text.strip().lower()
    if value.isdigit():
        seconds = int(value)
    elif _DURATION.match(value):
        seconds = sum(int(number) * _UNITS[unit] for number, unit in _PART.findall(value))
    else:
        raise ConfigError(f"{option} {text!r} is not a duration", hint=DURATION_HINT)
    longest = MAX_SECONDS.get(option)
    if longest is not None and seconds > longest:
        raise ConfigError(f"{option} {text!r} is too long", hint=f"the longest is {longest // DAY}d")
    return seconds


def parse_timezone(name: str) -> ZoneInfo:
    """The IANA time zone called ``name``."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"unknown time zone {name!r}", hint="use an IANA name such as Europe/Amsterdam, America/New_York or UTC"
        ) from None


def validate_name(name: str) -> str:
    """A schedule name: letters, digits, ``-``, ``_`` and ``.``, at most 64 characters."""
    if not NAME_PATTERN.match(name):
        raise ConfigError(
            f"invalid schedule name {name!r}",
            hint="use letters, digits, '-', '_' or '.', starting with a letter or digit, e.g. forum-nightly",
        )
    return name


def build_spec(
    *, cron: str | None, every: str | None, timezone: str, jitter: str | None, timeout: str | None
) -> ScheduleSpec:
    """The trigger for exactly one of ``cron`` or ``every``, with time zone, jitter and timeout checked."""
    if bool(cron) == bool(every):
        raise ConfigError("give exactly one of --cron or --every", hint='e.g. --cron "0 */6 * * *" or --every 30m')
    zone = parse_timezone(timezone)
    jitter_s = parse_duration(jitter, "--jitter") if jitter else None
    timeout_s = parse_duration(timeout, "--timeout") if timeout else DEFAULT_TIMEOUT_SECONDS
    if timeout_s < 1:
        raise ConfigError("--timeout must be at least 1s", hint="e.g. --timeout 2h")
    if cron:
        trigger: BaseTrigger = cron_trigger(cron, zone, jitter_s)
        if trigger.get_next_fire_time(None, datetime.now(zone)) is None:
            raise ConfigError(f"the cron expression {cron!r} never fires (no such date)", hint=CRON_HINT)
        description = f"cron {cron.strip()} ({zone.key})"
    else:
        seconds = parse_duration(every or "", "--every")
        if seconds < MIN_INTERVAL_SECONDS:
            raise ConfigError(f"--every {every!r} is too short", hint=f"the minimum is {MIN_INTERVAL_SECONDS}s")
        trigger = IntervalTrigger(seconds=seconds, timezone=zone, jitter=jitter_s)
        description = f"every {every}"
    if jitter_s:
        description += f", jitter {jitter_s}s"
    return ScheduleSpec(trigger=trigger, description=description, timeout=timeout_s)


def cron_trigger(expression: str, zone: ZoneInfo, jitter: int | None = None) -> CronTrigger:
    """A trigger for a standard crontab line (weekday 0 or 7 = Sunday, as in cron, not APScheduler 3's 0 = Monday)."""
    fields = expression.split()
    if len(fields) != 5:
        raise ConfigError(f"invalid cron expression {expression!r}: {len(fields)} fields, expected 5", hint=CRON_HINT)
    minute, hour, day, month, weekday = fields
    try:
        return CronTrigger(
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=_cron_weekdays(weekday),
            timezone=zone,
            jitter=jitter,
        )
    except ValueError as exc:
        raise ConfigError(f"invalid cron expression {expression!r}: {exc}", hint=CRON_HINT) from None


def _cron_weekdays(field: str) -> str:
    """Rewrite numeric cron weekdays as names so APScheduler reads them as cron does."""
    return ",".join(_weekday_element(element) for element in field.split(","))


def _weekday_element(element: str) -> str:
    match = re.fullmatch(r"(\*|\d+(?:-\d+)?)(?:/(\d+))?", element)
    if not match:
        return element  # names (mon-fri) or something APScheduler will judge
    span, step = match.group(1), int(match.group(2) or 1)
    if span == "*":
        if step == 1:
            return "*"
        first, last = 0, 6
    else:
        start, _, end = span.partition("-")
        first_i = int(start)
        last_i = int(end) if end else (6 if match.group(2) else first_i)
        first, last = first_i, last_i
    if not (0 <= first <= 7 and 0 <= last <= 7 and first <= last and step >= 1):
        raise ValueError(f"weekday {element!r} out of range 0-7")
    return ",".join(dict.fromkeys(_DAYS[number] for number in range(first, last + 1, step)))
