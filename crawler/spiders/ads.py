"""The ``ads`` spider: start pages → listing pages (paginated) → detail pages, one item per detail page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from crawler.date_field import date_text
from crawler.items import item_id
from crawler.spiders.base import SourceSpider, first_text, select
from crawler.structured import apply_structured
from lantern.storage.errors import StorageError
from pipelines.shared import store_for


class AdsSpider(SourceSpider):
    """Classified-ad sites. Needs ``links.detail`` and ``fields.body``; see docs/SOURCES.md."""

    name = "ads"
    detail_callback = "parse_detail"

    def parse_start(self, response: Response) -> Iterator[Any]:
        links = self.source.links
        yield from self.follow_links(response, links.listing, self.parse_listing)
        yield from self.parse_listing(response)

    def parse_listing(self, response: Response) -> Iterator[Any]:
        """A listing page: its ads and the next page."""
        links = self.source.links
        details = list(self.follow_links(response, links.detail, self.parse_detail))
        if not self.source.recrawl.refetch_known:
            details = self.unknown_only(details)
        yield from details
        yield from self.follow_links(response, links.next_page, self.parse_listing)

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
