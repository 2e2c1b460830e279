"""Checks for setting values, declared next to each setting in :mod:`lantern.settings`.

A check takes the parsed value and returns what is wrong with it (a short phrase) or ``None``. Settings run
every check when they are loaded, so a bad value stops the command with one line naming the variable instead
of failing later, somewhere else, or not at all. Filesystem checks look only at what exists now: a folder that
does not exist yet is fine where Lantern creates it (the data folder), not where it reads from it (lexicons).

Example::

    crawl_timeout: int = setting(30, "Download timeout per request, in seconds.", check=between(1, 3600))
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

Check = Callable[[Any], str | None]


def between(low: float, high: float) -> Check:
    """A number from ``low`` to ``high`` (both included)."""

    def check(value: Any) -> str | None:
        return None if low <= value <= high else f"must be from {low:,} to {high:,}"

    return check


def http_url(value: Any) -> str | None:
    """An absolute http(s) URL with a host (and a port from 1 to 65535 when one is given)."""
    problem = "is not an http(s) URL with a host, e.g. http://127.0.0.1:9200"
    try:
        parts = urlsplit(value)
        port = parts.port  # ValueError for a port that is not a number from 0 to 65535
    except ValueError:
        return problem
    if parts.scheme not in ("http", "https") or not parts.hostname or port == 0:
        return problem
    return None


def existing_folder(value: Any) -> str | None:
    """A folder that exists (Lantern reads from it)."""
    path = Path(value)
    if not path.exists():
        return "does not exist"
    return None if path.is_dir() else "is not a folder"


def folder_or_absent(value: Any) -> str | None:
    """A folder, or nothing yet (Lantern creates it); never a file."""
    path = Path(value)
    return "is a file, not a folder" if path.exists() and not path.is_dir() else None


def existing_file(value: Any) -> str | None:
    """A regular file that exists."""
    path = Path(value)
    if not path.exists():
        return "does not exist"
    return None if path.is_file() else "is not a regular file"


def min_length(length: int) -> Check:
    """A string of at least ``length`` characters."""

    def check(value: Any) -> str | None:
        return None if len(value) >= length else f"is shorter than {length} characters"

    return check


def time_zone(value: Any) -> str | None:
    """An IANA time zone name."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return "is not an IANA time zone such as Europe/Amsterdam or UTC"
    return None


def phone_region(value: Any) -> str | None:
    """A region code the phone-number library knows (ISO 3166-1 alpha-2)."""
    import phonenumbers

    known = value.upper() in phonenumbers.SUPPORTED_REGIONS
    return None if known else "is not a two-letter region code such as NL or PH"


def database_url(value: Any) -> str | None:
    """A SQLAlchemy database URL (``sqlite:////srv/lantern/scheduler.db``, ``postgresql://…``)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(value)
    except (ArgumentError, ValueError):
        return "is not a database URL such as sqlite:////srv/lantern/scheduler.db"
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        folder = Path(url.database).parent
        if folder.exists() and not folder.is_dir():
            return f"names a database under {folder}, which is not a folder"
    return None
