"""The ``forum`` spider: start pages → boards → threads (paginated) → posts, one item per post.

A post's id is its thread's canonical URL without the page parameter plus the post's anchor, so a post keeps
its id when the thread's pagination shifts. Quotes and signatures are removed by ``fields.exclude``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from crawler.date_field import date_text
from crawler.items import canonical_url, item_id
from crawler.listing_rows import row_signatures
from crawler.spiders.base import SourceSpider, first_text, link_of, select

PAGE_PARAMS = ("page", "p", "start", "offset")


class ForumSpider(SourceSpider):
    """Forums. Needs ``links.thread`` and ``fields.post``; see docs/SOURCES.md."""

    name = "forum"
    detail_callback = "parse_thread"

    def parse_start(self, response: Response) -> Iterator[Any]:
        links = self.source.links
        yield from self.follow_links(response, links.board, self.parse_board)
        yield from self.parse_board(response)

    def parse_board(self, response: Response) -> Iterator[Any]:
        """A board page: its threads and the next page of threads."""
        links = self.source.links
        board = first_text(response.selector, "h1") or ""  # type: ignore[attr-defined]
        yield from self.thread_requests(response, board)
        yield from self.follow_links(response, links.next_page, self.parse_board)

    def thread_requests(self, response: Response, board: str) -> Iterator[Any]:
        """The board's threads, except those whose row shows no activity since their last fetch (counted)."""
        links = self.source.links
        requests = []
        for element in self.link_elements(response, links.thread):
            href, tag = link_of(element)
            if href:
                request = response.follow(
                    href, callback=self.parse_thread, errback=self.on_error, meta={"link_tag": tag, "board": board}
                )
                requests.append((element, request))
        keyed = [(element, canonical_url(request.url, drop=PAGE_PARAMS)) for element, request in requests]
        signatures = row_signatures(response, keyed, links.thread_row, links.thread_activity)
        for (_, request), (_, key), signature in zip(requests, keyed, signatures, strict=True):
            kept = self.unless_unchanged(request, key, signature)
            if kept is not None:
                yield kept

    def parse_thread(self, response: Response) -> Iterator[Any]:
        """A thread page: one item per post, then the next page of the thread."""
        if not self.usable(response):
            self.forget_page(response)
            return
        self.note_fetched(response)
        fields = self.source.fields
        thread_url = canonical_url(response.url, drop=PAGE_PARAMS)
        title = first_text(response.selector, fields.thread_title or "h1") or ""  # type: ignore[attr-defined]
        for selector in fields.exclude:
            select(response, selector).drop()
        for number, post in enumerate(select(response, fields.post or "article"), start=1):
            anchor = first_text(post, fields.post_anchor) or f"post-{number}"
            body = post.css(fields.body) if fields.body else [post]
            yield {
                **self.base_item(response),
                "id": item_id(thread_url, anchor),
                "url": f"{response.url.split('#')[0]}#{anchor}",
                "title": title,
                "body_html": "\n".join(b.get() for b in body),
                "author": first_text(post, fields.author),
                "posted_at": date_text(post, fields.posted_at),
                "location_hint": first_text(post, fields.location),
                "thread": {
                    "id": item_id(thread_url),
                    "title": title,
                    "url": thread_url,
                    "board": response.meta.get("board", ""),
                    "post_no": number,
                },
            }
        yield from self.follow_links(response, self.source.links.next_page, self.parse_thread, **_keep(response))


def _keep(response: Response) -> dict[str, Any]:
    kept = {name: response.meta[name] for name in ("seen_key", "signature") if name in response.meta}
    return {"board": response.meta.get("board", ""), **kept}
