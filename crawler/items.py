"""The item a spider yields, before the pipelines clean, check, deduplicate, analyse and store it.

``id`` is the SHA-256 of the canonical URL (a forum post adds its anchor), so the same page reached twice, or
through a tracking link, is one item.
"""

from __future__ import annotations

import hashlib
from typing import NotRequired, TypedDict
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from lantern.storage.base import ThreadInfo

TRACKING_PARAMS = frozenset({"ref", "referrer", "source", "fbclid", "gclid", "mc_cid", "mc_eid", "sessionid", "sid"})


class CrawledItem(TypedDict):
    """What a spider yields. ``body_html`` becomes ``text`` in the clean stage."""

    id: str
    url: str
    source: str
    kind: str
    site: str
    title: str
    body_html: str
    author: str | None
    posted_at: str | None
    fetched_at: str
    language_hint: str | None
    location_hint: NotRequired[str | None]
    price: NotRequired[str | None]
    contact: NotRequired[str | None]
    thread: NotRequired[ThreadInfo | None]
    text: NotRequired[str]


def canonical_url(url: str, *, drop: tuple[str, ...] = ()) -> str:
    """The URL in canonical form, without fragments, tracking parameters and the named parameters."""
    parts = urlsplit(canonicalize_url(url, keep_fragments=False))
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k not in drop and k.lower() not in TRACKING_PARAMS and not k.lower().startswith("utm_")
    ]
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


def item_id(url: str, anchor: str | None = None, *, drop: tuple[str, ...] = ()) -> str:
    """The stable id of the page (or of the post ``anchor`` on it)."""
    key = canonical_url(url, drop=drop) + (f"#{anchor}" if anchor else "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
