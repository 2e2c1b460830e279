"""The ``forum`` spider: start pages → boards (and sub-boards) → threads (paginated) → posts, one item per post.

A recrawl skips a thread whose row on its board shows no new activity, a board whose row on the index (or on its
parent's page) shows none (``links.board_activity``), and, when boards list threads newest activity first
(``links.threads_by_activity``), the pages of a board after the first on which no thread changed.

A post's id is its thread's canonical URL without the page (:func:`unpaged_url`) plus the post's anchor, so a post
keeps its id when the thread's pagination shifts. Quotes and signatures are removed by ``fields.exclude``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from scrapy.http import Response

from crawler import json_values
from crawler.date_field import date_text
from crawler.items import canonical_url, item_id
from crawler.listing_rows import row_signatures
from crawler.spiders.base import SourceSpider, first_text, link_of, request_meta, select

PAGE_PARAMS = ("page", "p", "start", "offset")
#: Parameters whose value is an id and the page's first item, ``ID.START`` (SMF: ``topic=12.15``, ``board=3.20``).
PAGED_ID_PARAMS = ("topic", "board")
_PAGED_ID = re.compile(r"(\d+)\.\d+")
#: The fields of a post that a ``::json(…)`` selector reads on the whole page, paired with the posts in order.
POST_VALUES = ("post_anchor", "author", "posted_at", "location")


class ForumSpider(SourceSpider):
    """Forums. Needs ``links.thread`` and ``fields.post``; see docs/SOURCES.md."""

    name = "forum"
    detail_callback = "parse_thread"

    def parse_start(self, response: Response) -> Iterator[Any]:
        """A start page is read as a board (its boards, its threads, its pages), never skipped itself."""
        meta = request_meta(response)
        if self.seen is not None and "seen_key" not in meta:
            key = unpaged_url(response.url)
            meta.update(seen_key=key, signature=f"{self.extraction} start", listings=(key,))
        yield from self.parse_board(response)

    def parse_board(self, response: Response) -> Iterator[Any]:
        """A board page: its sub-boards, its threads and the next page of threads.

        ``meta["listings"]`` holds the keys of the boards above this page and its own: a page or thread under
        them that fails makes each of them walked whole next time (:meth:`SourceSpider.forget_keys`)."""
        if not self.usable(response):
            self.forget_page(response)
            return
        self.note_fetched(response)
        meta = request_meta(response)
        chain = tuple(meta.get("listings", ()))
        if self.seen is not None:
            self.seen.count(chain)
        board = first_text(response.selector, "h1") or ""  # type: ignore[attr-defined]
        boards = list(self.board_requests(response, chain))
        threads, total = self.thread_requests(response, board, chain)
        yield from boards
        yield from threads
        changed = bool(meta.get("changes_found") or threads or any(r.meta.get("row_changed") for r in boards))
        if self.walk_on(meta, chain, bool(threads), total, changed):
            keep = _keep(response) | {"changes_found": changed}
            yield from self.follow_links(response, self.source.links.next_page, self.parse_board, **keep)

    def board_requests(self, response: Response, chain: tuple[str, ...]) -> Iterator[Any]:
        """The boards linked from a page, except those whose row shows no activity since their last walk."""
        links = self.source.links
        found = []
        for element in self.link_elements(response, links.board):
            href, tag = link_of(element)
            if href:
                meta = {"link_tag": tag}
                request = response.follow(href, callback=self.parse_board, errback=self.on_error, meta=meta)
                found.append((element, request, unpaged_url(request.url)))
        keyed = [(element, key) for element, _, key in found]
        signatures = row_signatures(response, keyed, links.board_row, links.board_activity)
        for (_, request, key), signature in zip(found, signatures, strict=True):
            request = request.replace(meta={**request.meta, "listings": (*chain, key)})
            if not links.board_activity:  # boards are always fetched; the key only marks a whole walk
                yield request.replace(meta={**request.meta, "seen_key": key, "signature": f"{self.extraction} walk"})
            elif (kept := self.unless_unchanged(request, key, signature, "unchanged_board")) is not None:
                yield kept.replace(meta={**kept.meta, "row_changed": signature is not None})
            else:
                self.credit(chain, self.seen.size(key) if self.seen else 0)

    def thread_requests(self, response: Response, board: str, chain: tuple[str, ...]) -> tuple[list[Any], int]:
        """The board's threads, except those whose row shows no activity since their last fetch (counted);
        and how many threads the page lists."""
        links = self.source.links
        requests = []
        for element in self.link_elements(response, links.thread):
            href, tag = link_of(element)
            if href:
                meta = {"link_tag": tag, "board": board, "listings": chain}
                request = response.follow(href, callback=self.parse_thread, errback=self.on_error, meta=meta)
                requests.append((element, request))
        keyed = [(element, unpaged_url(request.url)) for element, request in requests]
        signatures = row_signatures(response, keyed, links.thread_row, links.thread_activity)
        kept = []
        for (_, request), (_, key), signature in zip(requests, keyed, signatures, strict=True):
            if (request := self.unless_unchanged(request, key, signature)) is not None:
                kept.append(request)
            elif self.seen is not None:
                self.seen.count(chain)
        return kept, len(requests)

    def walk_on(self, meta: dict[str, Any], chain: tuple[str, ...], kept: bool, total: int, changed: bool) -> bool:
        """Whether to follow a board's next page: not when threads are listed by activity, none on this page
        changed, the board was walked whole in the last finished run (nothing under it failed since), and, when
        the board's row announced a change, a changed thread or sub-board was found on this page or before (a
        post approved late, with its old date, leaves its thread where it was: the walk goes on until it shows)."""
        key = meta.get("seen_key")
        if not (self.source.links.threads_by_activity and self.seen is not None and key and total and not kept):
            return True
        if not self.seen.known(key) or (meta.get("row_changed") and not changed):
            return True
        self.crawler.stats.inc_value("skipped/board_walk_stopped")
        self.seen.walked_in_part(key)
        self.credit(chain[:-1], self.seen.size(key))
        return False

    def credit(self, chain: tuple[str, ...], pages: int) -> None:
        """Pages a skipped board (or the rest of a stopped walk) stood for: covered, not fetched."""
        self.crawler.stats.inc_value("skipped/unchanged_covered", pages)
        if self.seen is not None:
            self.seen.count(chain, pages)

    def parse_thread(self, response: Response) -> Iterator[Any]:
        """A thread page: one item per post, then the next page of the thread."""
        if not self.usable(response):
            self.forget_page(response)
            return
        self.note_fetched(response)
        if self.seen is not None:
            self.seen.count(tuple(response.meta.get("listings", ())))
        fields = self.source.fields
        thread_url = unpaged_url(response.url)
        title = first_text(response.selector, fields.thread_title or "h1") or ""  # type: ignore[attr-defined]
        for selector in fields.exclude:
            select(response, selector).drop()
        posts = select(response, fields.post or "article")
        page = self.page_values(response, len(posts))
        for number, post in enumerate(posts, start=1):
            value = {name: read[number - 1] for name, read in page.items()}
            anchor = value.get("post_anchor", first_text(post, fields.post_anchor)) or f"post-{number}"
            body = post.css(fields.body) if fields.body else [post]
            yield {
                **self.base_item(response),
                "id": item_id(thread_url, anchor),
                "url": f"{response.url.split('#')[0]}#{anchor}",
                "title": title,
                "body_html": "\n".join(b.get() for b in body),
                "author": value.get("author", first_text(post, fields.author)),
                "posted_at": value.get("posted_at", date_text(post, fields.posted_at)),
                "location_hint": value.get("location", first_text(post, fields.location)),
                "thread": {
                    "id": item_id(thread_url),
                    "title": title,
                    "url": thread_url,
                    "board": response.meta.get("board", ""),
                    "post_no": number,
                },
            }
        yield from self.follow_links(response, self.source.links.next_page, self.parse_thread, **_keep(response))

    def page_values(self, response: Response, count: int) -> dict[str, list[str | None]]:
        """The post fields read from the page's JSON (``::json(…)`` selectors, :mod:`crawler.json_values`), one
        value per post in order; a field whose values cannot be paired with the posts gives none (counted)."""
        found: dict[str, list[str | None]] = {}
        for name in POST_VALUES:
            selector = getattr(self.source.fields, name)
            if selector and json_values.split(selector) is not None:
                values = json_values.paired(response, selector, count)
                if values is None:
                    self.crawler.stats.inc_value("skipped/json_unpaired")
                found[name] = values or [None] * count
        return found


def unpaged_url(url: str) -> str:
    """The canonical URL of a thread or board page without its page: the page parameters left out, and a paged id
    (SMF's ``topic=12.15``) set to its first page (``topic=12.0``), so every page of a thread gives one URL."""
    parts = urlsplit(url)
    query = [
        (name, _PAGED_ID.sub(r"\1.0", value) if name in PAGED_ID_PARAMS and _PAGED_ID.fullmatch(value) else value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return canonical_url(parts._replace(query=urlencode(query)).geturl(), drop=PAGE_PARAMS)


def _keep(response: Response) -> dict[str, Any]:
    names = ("seen_key", "signature", "listings", "row_changed")
    kept = {name: response.meta[name] for name in names if name in response.meta}
    return {"board": response.meta.get("board", ""), **kept}
