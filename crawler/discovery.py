"""Start points from sitemaps and feeds: the page URLs they list, each with the date it last changed.

``start_sitemaps`` (sitemap or sitemap index XML, parsed by Scrapy's sitemap reader: entities never resolved;
gzipped as ``.xml.gz`` files are, decompressed up to the crawl's response size limit as Scrapy's SitemapSpider
does) and ``start_feeds`` (RSS or Atom, parsed by feedparser) give the pages a spider fetches directly, with their
``lastmod`` or ``updated`` date; a recrawl skips a page whose date did not change (crawler/seen_pages.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

MAX_ENTRIES = 50_000  # the sitemap protocol's own limit per file
GZIP_MAGIC = b"\x1f\x8b\x08"


@dataclass(frozen=True)
class Entry:
    """One listed page: its URL and the date it last changed as the list says it (None: not said)."""

    url: str
    changed: str | None = None


def sitemap_body(body: bytes, max_size: int) -> bytes | None:
    """The XML of a sitemap file: gunzipped when it is gzip (a ``.xml.gz`` file served as ``application/gzip``,
    not as a ``Content-Encoding`` Scrapy already undid); ``None`` when it grows past ``max_size`` (0: no limit)."""
    if not body.startswith(GZIP_MAGIC):
        return body
    try:
        return gunzip(body, max_size=max_size)
    except ValueError:  # Scrapy's own "decompressed past max_size" error is one
        return None


def sitemap_entries(body: bytes, base_url: str) -> tuple[str, list[Entry]]:
    """``("urlset" | "sitemapindex", entries)`` of a sitemap file; an unreadable file gives no entries."""
    try:
        sitemap = Sitemap(body)
    except Exception:  # lxml raises many kinds for garbage; a file that is no sitemap lists nothing
        return "invalid", []
    entries = []
    for element in sitemap:
        loc = (element.get("loc") or "").strip()
        if loc:
            entries.append(Entry(urljoin(base_url, loc), (element.get("lastmod") or "").strip() or None))
        if len(entries) >= MAX_ENTRIES:
            break
    return str(sitemap.type), entries


def feed_entries(body: bytes, base_url: str) -> list[Entry]:
    """The entries of an RSS or Atom feed, with their ``updated`` (else ``published``) date."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    entries = []
    for entry in parsed.entries[:MAX_ENTRIES]:
        link = (entry.get("link") or "").strip()
        if link:
            changed = dict.get(entry, "updated") or dict.get(entry, "published")  # without feedparser's remapping
            entries.append(Entry(urljoin(base_url, link), str(changed).strip() if changed else None))
    return entries
