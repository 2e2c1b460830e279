"""The ``ads`` spider: start pages → listing pages (paginated) → detail pages, one item per detail page.

With ``links.sitemap_detail`` and ``start_sitemaps`` beside start pages, the sitemaps come first: the ads they
list are fetched from them (and skipped by their ``lastmod`` when unchanged), and only once the crawl is idle are
the start pages walked, as a catch for ads the sitemaps do not list. On that walk an ad a sitemap listed is not
fetched again (counted ``skipped/listed_in_sitemap``), and a listing page the sitemap lists with the ``lastmod``
it had at its last fetch is not fetched (``skipped/unchanged``), nor its pages and ads.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from w3lib.url import canonicalize_url

from crawler.date_field import date_text
from crawler.items import item_id
from crawler.spiders.base import SourceSpider, first_text, request_meta, select, unusable_reason
from crawler.structured import apply_structured
from lantern.storage.errors import StorageError
from pipelines.shared import store_for


class AdsSpider(SourceSpider):
    """Classified-ad sites. Needs ``links.detail`` and ``fields.body``; see docs/SOURCES.md."""

    name = "ads"
    detail_callback = "parse_detail"
    #: Start pages held back until the sitemaps and the ads they list are done (see the module's docstring).
    held: list[Any]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> AdsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        assert isinstance(spider, AdsSpider)
        spider.held = []
        crawler.signals.connect(spider.release_held, signal=signals.spider_idle)
        return spider

    @property
    def sitemaps_first(self) -> bool:
        """Whether the sitemaps are read before the start pages are walked."""
        return bool(self.sitemap_detail is not None and self.source.start_sitemaps and self.source.start_urls)

    async def start(self) -> AsyncIterator[Any]:
        async for request in super().start():
            if self.sitemaps_first and request.callback == self.parse_start:
                self.held.append(request)
            else:
                yield request

    def release_held(self) -> None:
        """When the crawl is idle: the held start pages (the crawl goes on with them)."""
        if not self.held:
            return
        held, self.held = self.held, []
        for request in held:
            self.crawler.engine.crawl(request)  # type: ignore[union-attr]
        raise DontCloseSpider

    def parse_start(self, response: Response) -> Iterator[Any]:
        links = self.source.links
        yield from self.unless_listed_unchanged(self.follow_links(response, links.listing, self.parse_listing))
        yield from self.parse_listing(response)

    def parse_listing(self, response: Response) -> Iterator[Any]:
        """A listing page: its ads and the next page."""
        links = self.source.links
        if unusable_reason(response) is None:  # counted where its links are read
            self.note_fetched(response)
        else:  # a listing page that gave nothing is walked again next time
            self.forget_page(response)
        meta = request_meta(response)
        under = tuple(key for key in (meta.get("seen_key"), *meta.get("listings", ())) if key)
        details = list(self.follow_links(response, links.detail, self.parse_detail, listings=under))
        if self.sitemap_details:
            details = self.not_in_sitemaps(details)
        if not self.source.recrawl.refetch_known:
            details = self.unknown_only(details)
        yield from details
        yield from self.follow_links(response, links.next_page, self.parse_listing, listings=under)

    def unless_listed_unchanged(self, requests: Iterator[Any]) -> Iterator[Any]:
        """Listing pages, each that a sitemap lists carrying its ``lastmod`` as signature; one whose ``lastmod``
        is as at its last fetch in a finished run is left out (counted ``skipped/unchanged``)."""
        for request in requests:
            listed = self.sitemap_others.get(canonicalize_url(request.url))
            kept = request if listed is None else self.unless_unchanged(request, *listed)
            if kept is not None:
                yield kept

    def not_in_sitemaps(self, requests: list[Any]) -> list[Any]:
        """Requests for ads no sitemap listed in this run; the others (fetched from the sitemap, or skipped as
        unchanged there) are counted as ``skipped/listed_in_sitemap``."""
        kept = [r for r in requests if canonicalize_url(r.url) not in self.sitemap_details]
        self.crawler.stats.inc_value("skipped/listed_in_sitemap", len(requests) - len(kept))
        return kept

    def unknown_only(self, requests: list[Any]) -> list[Any]:
        """Requests for ads not stored yet (``recrawl.refetch_known: false``); the others are counted."""
        try:
            known = store_for(self.crawler).versions(item_id(r.url) for r in requests)
        except StorageError:  # the store cannot say: fetch them all rather than miss any
            self.crawler.stats.inc_value("errors/store_read")
            return requests
        self.crawler.stats.inc_value("skipped/known", sum(item_id(r.url) in known for r in requests))
        return [r for r in requests if item_id(r.url) not in known]

    def parse_detail(self, response: Response) -> Iterator[Any]:
        """One ad: the source's selectors first, then the page's structured data (``crawler/structured.py``)."""
        if not self.usable(response):
            self.forget_page(response)
            return
        self.note_fetched(response)
        fields = self.source.fields
        page = response.selector  # type: ignore[attr-defined]
        for selector in fields.exclude:
            select(response, selector).drop()
        body = select(response, fields.body) if fields.body else []
        item = {
            **self.base_item(response),
            "id": item_id(response.url),
            "title": first_text(page, fields.title) or "",
            "body_html": "\n".join(body.getall()) if body else "",  # type: ignore[union-attr]
            "author": first_text(page, fields.author),
            "posted_at": date_text(page, fields.posted_at) if fields.posted_at else None,
            "location_hint": first_text(page, fields.location),
            "price": first_text(page, fields.price),
            "contact": first_text(page, fields.contact),
            "thread": None,
        }
        apply_structured(item, response, self.crawler.stats)
        yield item | {"posted_at": item["posted_at"] or date_text(page, None)}
