"""The ``pages`` spider: start URLs and links up to a depth; the main text of each page by trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import trafilatura
from scrapy.http import Response

from crawler.date_field import date_text
from crawler.items import item_id
from crawler.spiders.base import SourceSpider
from crawler.structured import apply_structured, paragraphs_html


class PagesSpider(SourceSpider):
    """Any site: one item per page with a main text; follows ``links.follow`` within the allowed domains."""

    name = "pages"
    detail_callback = "parse_page"

    def parse_start(self, response: Response) -> Iterator[Any]:
        yield from self.parse_page(response)

    def parse_page(self, response: Response) -> Iterator[Any]:
        """Extract the page's main text, then follow its links (depth limited by ``recrawl.depth``)."""
        if not self.usable(response):
            self.forget_page(response)
            return
        self.note_fetched(response)
        extracted: dict[str, Any] | None = trafilatura.bare_extraction(  # type: ignore[assignment]
            response.text, url=response.url, with_metadata=True, include_comments=False, as_dict=True
        )
        if extracted and extracted.get("text"):
            item = {
                **self.base_item(response),
                "id": item_id(response.url),
                "title": extracted.get("title") or "",
                "body_html": paragraphs_html(extracted["text"]),
                "author": extracted.get("author"),
                "posted_at": _date(response, self.source.fields.posted_at, extracted),
                "location_hint": None,
                "thread": None,
            }
            apply_structured(item, response, self.crawler.stats)  # location, price, contact; title, date if missing
            yield item
        yield from self.follow_links(response, self.source.links.follow, self.parse_page)


def _date(response: Response, selector: str | None, extracted: dict[str, Any]) -> str | None:
    """The source's date selector when it has one, else the date trafilatura (htmldate) found."""
    if selector:
        return date_text(response.selector, selector)  # type: ignore[attr-defined]
    return extracted.get("date")
