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
from crawler.spiders.base import SourceSpider, first_text, select

PAGE_PARAMS = ("page", "p", "start", "offset")


class ForumSpider(SourceSpider):
    """Forums. Needs ``links.thread`` and ``fields.post``; see docs/SOURCES.md."""

    name = "forum"

    def parse_start(self, response: Response) -> Iterator[Any]:
        links = self.source.links
        yield from self.follow_links(response, links.board, self.parse_board)
        yield from self.parse_board(response)

    def parse_board(self, response: Response) -> Iterator[Any]:
        """A board page: its threads and the next page of threads."""
        links = self.source.links
        board = first_text(response.selector, "h1") or ""  # type: ignore[attr-defined]
        yield from self.follow_links(response, links.thread, self.parse_thread, board=board)
        yield from self.follow_links(response, links.next_page, self.parse_board)

    def parse_thread(self, response: Response) -> Iterator[Any]:
        """A thread page: one item per post, then the next page of the thread."""
        if not self.usable(response):
            return
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
    return {"board": response.meta.get("board", "")}
