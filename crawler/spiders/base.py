"""What every Lantern spider shares: loading its source, per-source settings, link following, error counting."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from crawler import json_values
from crawler.discovery import Entry, feed_entries, sitemap_body, sitemap_entries
from crawler.seen_pages import SeenPages
from crawler.source_config import Source
from lantern.errors import ConfigError
from lantern.sources import load_source
from pipelines.shared import settings_for

BINARY_CONTROL_SHARE = 0.01
BROKEN_ENCODING_SHARE = 0.01


class SourceSpider(scrapy.Spider):
    """Base class: ``-a source=NAME`` (or a path to a source file) selects what to crawl."""

    source: Source
    allowed_domains: list[str]
    allow_private_network: tuple[str, ...]
    obey_robots: bool
    max_links: int
    seen: SeenPages | None = None
    extraction = ""  # what the items of a page depend on besides the page (see extraction_digest)
    #: The callback of a page listed by a sitemap or feed (the kind's detail page).
    detail_callback = "parse_start"
    #: ``links.sitemap_detail`` compiled: which sitemap entries are detail pages (None: all are).
    sitemap_detail: re.Pattern[str] | None = None
    #: Sitemap entries taken as detail pages in this run (canonical URLs), whether fetched or skipped unchanged.
    sitemap_details: set[str]
    #: The other sitemap entries of this run: canonical URL -> (URL as listed, its lastmod).
    sitemap_others: dict[str, tuple[str, str | None]]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, source: str | None = None, **kwargs: Any) -> SourceSpider:
        if not source:
            raise ConfigError(f"the {cls.name} spider needs a source", hint=f"scrapy crawl {cls.name} -a source=NAME")
        config = load_source(source, settings_for(crawler))
        if config.kind != cls.name:
            raise ConfigError(
                f"source {config.name!r} is of kind {config.kind!r}", hint=f"run it with the {config.kind!r} spider"
            )
        apply_source_settings(crawler, config)
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.source = config
        spider.allowed_domains = list(config.domains)
        spider.allow_private_network = config.allow_private_network
        spider.obey_robots = config.obey_robots
        spider.max_links = settings_for(crawler).crawl_max_links_per_page
        if config.links.sitemap_detail:
            spider.sitemap_detail = re.compile(config.links.sitemap_detail)
        spider.sitemap_details, spider.sitemap_others = set(), {}
        if config.recrawl.skip_unchanged:
            spider.seen = SeenPages(settings_for(crawler).data_dir / "state" / config.name / "seen.sqlite")
            spider.extraction = extraction_digest(config, settings_for(crawler))
        return spider

    async def start(self) -> AsyncIterator[Any]:
        for url in self.source.start_urls:
            yield scrapy.Request(url, callback=self.parse_start, errback=self.on_error)
        for url in self.source.start_sitemaps:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.on_error)
        for url in self.source.start_feeds:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.on_error)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        """A sitemap: the pages it lists (skipping those whose ``lastmod`` did not change); an index: its sitemaps."""
        max_size = request_meta(response).get("download_maxsize", self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        body = sitemap_body(response.body, max_size)
        if body is None:
            self.crawler.stats.inc_value("skipped/too_large")
            self.logger.info("skipped %s: too_large (decompressed)", response.url)
            return
        kind, entries = sitemap_entries(body, response.url)
        self.crawler.stats.inc_value(f"discovery/sitemap_{kind}")
        if kind == "sitemapindex":
            for entry in entries:
                yield response.follow(entry.url, callback=self.parse_sitemap, errback=self.on_error)
            return
        if self.sitemap_detail is not None:
            entries = self.detail_entries(entries, self.sitemap_detail)
        yield from self.listed(entries)

    def detail_entries(self, entries: list[Entry], pattern: re.Pattern[str]) -> list[Entry]:
        """The entries ``pattern`` (``links.sitemap_detail``) matches; the others are remembered
        (``sitemap_others``) and counted as ``skipped/sitemap_not_detail``, not fetched from the sitemap."""
        details = []
        for entry in entries:
            if pattern.search(entry.url):
                details.append(entry)
                self.sitemap_details.add(canonicalize_url(entry.url))
            else:
                self.sitemap_others[canonicalize_url(entry.url)] = (entry.url, entry.changed)
        self.crawler.stats.inc_value("skipped/sitemap_not_detail", len(entries) - len(details))
        return details

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """An RSS or Atom feed: the pages it lists (skipping those whose date did not change)."""
        yield from self.listed(feed_entries(response.body, response.url))

    def listed(self, entries: list[Entry]) -> Iterator[Any]:
        """Requests for the pages of a sitemap or feed, with the kind's detail callback."""
        callback = getattr(self, self.detail_callback)
        for entry in entries:
            request = scrapy.Request(entry.url, callback=callback, errback=self.on_error)
            kept = self.unless_unchanged(request, entry.url, entry.changed)
            if kept is not None:
                self.crawler.stats.inc_value("discovery/listed")
                yield kept

    def unless_unchanged(self, request: Any, key: str, signature: str | None, counter: str = "unchanged") -> Any:
        """The request, carrying its page's signature; ``None`` (counted ``skipped/<counter>``) when the page
        was last fetched, in a finished crawl, with this same signature."""
        signature = f"{self.extraction} {signature}" if signature else None
        if self.seen is not None and self.seen.unchanged(key, signature):
            self.crawler.stats.inc_value(f"skipped/{counter}")
            return None
        return request.replace(meta={**request.meta, "seen_key": key, "signature": signature})

    def note_fetched(self, response: Response) -> None:
        """Remember the signature of a page fetched with one (written only if the run finishes)."""
        meta = request_meta(response)
        if meta.get("seen_key") and self.seen is not None:
            self.seen.fetched(meta["seen_key"], meta.get("signature"))

    def forget_page(self, response: Response) -> None:
        """A page with a signature that gave nothing usable: it is fetched again next time."""
        self.forget_keys(request_meta(response))

    def forget_keys(self, meta: dict[str, Any]) -> None:
        """Forget the page's signature and those of the boards it was listed on (they are walked whole next time)."""
        if self.seen is None:
            return
        for key in (meta.get("seen_key"), *meta.get("listings", ())):
            if key:
                self.seen.forget(key)

    def parse_start(self, response: Response) -> Iterator[Any]:
        """The first page of the source; subclasses follow their links from here."""
        raise NotImplementedError

    def follow_links(self, response: Response, selector: str | None, callback: Any, **meta: Any) -> Iterator[Any]:
        """Requests for the links the selector picks; the link's element name travels in ``meta["link_tag"]``."""
        for element in self.link_elements(response, selector):
            href, tag = link_of(element)
            if href:
                yield response.follow(href, callback=callback, errback=self.on_error, meta={"link_tag": tag, **meta})

    def link_elements(self, response: Response, selector: str | None) -> list[Any]:
        """The elements a link selector picks, at most ``crawl_max_links_per_page`` (more are counted)."""
        if not selector or not self.usable(response):
            return []
        elements = select_first(response, selector, self.max_links + 1)
        if len(elements) > self.max_links:
            self.crawler.stats.inc_value("limits/links")
            self.logger.info("took the first %d links of %s", self.max_links, response.url)
            elements = elements[: self.max_links]
        return elements

    def usable(self, response: Response) -> bool:
        """False (and counted) for binary pages and broken encodings."""
        reason = unusable_reason(response)
        if reason:
            self.crawler.stats.inc_value(f"skipped/{reason}")
            self.logger.info("skipped %s: %s", response.url, reason)
            return False
        return True

    def on_error(self, failure: Failure) -> None:
        """Count a failed request by reason; nothing here is fatal to the crawl."""
        self.forget_keys(failure.request.meta)  # type: ignore[attr-defined]  # not fetched: never skipped next time
        reason = failure_reason(failure)
        if reason:
            self.crawler.stats.inc_value(f"skipped/{reason}")
            self.logger.info("skipped %s: %s", failure.request.url, reason)  # type: ignore[attr-defined]

    def base_item(self, response: Response) -> dict[str, Any]:
        """Fields every item of this source has."""
        return {
            "url": response.url,
            "source": self.source.name,
            "kind": self.source.kind,
            "site": self.source.label,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "language_hint": self.source.language,
        }


def extraction_digest(source: Source, settings: Any) -> str:
    """A short digest of what a page's items depend on besides the page: the source file (its politeness and
    recrawl sections aside), the default time zone and the analyzer's rules. When any of them changes, every page
    counts as changed once, so new selectors or rules reach every item (a site redesign is noticed)."""
    import hashlib

    from nlp.version import lexicon_version

    shown = source.model_dump_json(exclude={"politeness", "recrawl", "site"})
    rules = lexicon_version(settings.lexicon_dir, settings.watchlist_file)
    return hashlib.sha256(f"{shown}|{settings.timezone}|{rules}".encode()).hexdigest()[:12]


def apply_source_settings(crawler: Crawler, source: Source) -> None:
    """Politeness and crawl state from the source file (settings are still writable in ``from_crawler``)."""
    polite = source.politeness
    values: dict[str, Any] = {
        "DOWNLOAD_DELAY": polite.delay,
        "CONCURRENT_REQUESTS_PER_DOMAIN": polite.concurrency,
        "AUTOTHROTTLE_ENABLED": polite.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(polite.delay, 0.1),
        "DEPTH_LIMIT": source.depth_limit,
    }
    if source.page_budget:  # pages fetched by an earlier, stopped part of this run count against the budget
        done = crawler.settings.getint("LANTERN_PAGES_DONE", 0)
        values["CLOSESPIDER_PAGECOUNT"] = max(source.page_budget - done, 1)
    for key, value in values.items():
        crawler.settings.set(key, value, priority="spider")


def request_meta(response: Response) -> dict[str, Any]:
    """The meta of the request a response answers (empty for a response built without one)."""
    request = getattr(response, "request", None)
    return request.meta if request is not None else {}


def select(response: Response, selector: str) -> Any:
    """CSS by default, XPath when written ``xpath:…``."""
    if selector.startswith("xpath:"):
        return response.xpath(selector.removeprefix("xpath:"))
    return response.css(selector)


def select_first(response: Response, selector: str, count: int) -> list[Any]:
    """The first ``count`` elements a link selector picks, without making objects for the others."""
    from parsel.csstranslator import css2xpath

    expression = selector.removeprefix("xpath:") if selector.startswith("xpath:") else css2xpath(selector)
    try:
        return list(response.xpath(f"({expression})[position() <= {count}]"))
    except ValueError:  # an expression that cannot take a position filter: select, then cut
        return list(select(response, selector))[:count]


def first_text(node: Any, selector: str | None) -> str | None:
    """The text (or attribute, or JSON value: :mod:`crawler.json_values`) the selector picks, whitespace-collapsed,
    or ``None``."""
    if not selector:
        return None
    if json_values.split(selector) is not None:
        return json_values.text(node, selector)
    if selector.startswith("xpath:"):
        found = node.xpath(selector.removeprefix("xpath:"))
    else:
        found = node.css(selector if "::" in selector else f"{selector} ::text")
    parts = [p.strip() for p in found.getall() if p and p.strip()]
    return " ".join(" ".join(parts).split()) or None


def link_of(element: Any) -> tuple[str | None, str | None]:
    """The href (or src) of an element, or the value itself for ``::attr`` selections; and the element name."""
    root = element.root
    if isinstance(root, str):
        return root.strip() or None, None
    tag = getattr(root, "tag", None)
    href = element.attrib.get("href") or element.attrib.get("src")
    return href, tag if isinstance(tag, str) else None


def unusable_reason(response: Response) -> str | None:
    """``binary`` or ``broken_encoding`` when the page cannot be text, else ``None``."""
    if not isinstance(response, TextResponse):
        return "binary"
    sample = response.body[:65536]
    if sample and (sample.count(b"\x00") or _control_share(sample) > BINARY_CONTROL_SHARE):
        return "binary"
    text = response.text
    if text and text.count("\ufffd") / len(text) > BROKEN_ENCODING_SHARE:
        return "broken_encoding"
    return None


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def _control_share(sample: bytes) -> float:
    """Share of control bytes other than tab, line breaks, form feed (counted in C, not per byte in Python)."""
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / len(sample)


def failure_reason(failure: Failure) -> str | None:
    """A short reason for the stats, or ``None`` when the failure was already counted where it happened."""
    from crawler.middlewares.media import MediaBlocked
    from crawler.middlewares.private_network import PrivateNetworkRefused
    from crawler.middlewares.redirect_loop import RedirectLoop
    from crawler.middlewares.retry_after import RetryAfterTooLong
    from crawler.middlewares.url_budget import UrlBudgetExceeded

    error = failure.value
    if isinstance(error, MediaBlocked | PrivateNetworkRefused | RedirectLoop | RetryAfterTooLong | UrlBudgetExceeded):
        return None
    if isinstance(error, HttpError):
        return f"http_{error.response.status}"
    if isinstance(error, IgnoreRequest):
        message = str(error)
        if "redirection" in message:
            return "redirect_loop"
        if "DOWNLOAD_MAXSIZE" in message:  # a compressed body that grows past the limit (a gzip bomb)
            return "too_large"
        if "robots" in message.lower():
            return None
        return "ignored"
    name = type(error).__name__
    if "Cancelled" in name or "maxsize" in str(error).lower():
        return "too_large"
    if "Timeout" in name or "timed out" in str(error).lower():
        return "timeout"
    return f"error_{name}"
