"""Stop redirect loops at the first repeat (Scrapy's duplicate filter would otherwise drop them silently).

Counted as ``skipped/redirect_loop``; a chain longer than ``REDIRECT_MAX_TIMES`` is stopped by Scrapy and
counted the same way by the spider.
"""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectLoop(IgnoreRequest):
    """A redirect pointed back at a URL already visited in the same chain."""


class RedirectLoopMiddleware:
    """Refuse a redirect to a URL already in the request's redirect chain."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectLoopMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """The response, unless it redirects back into its own chain."""
        location = response.headers.get(b"Location")
        if response.status in REDIRECT_STATUSES and location:
            target = urljoin(request.url, location.decode("latin-1")).split("#")[0]
            chain = {u.split("#")[0] for u in [*request.meta.get("redirect_urls", []), request.url]}
            if target in chain:
                self.stats.inc_value("skipped/redirect_loop")
                raise RedirectLoop(f"redirect loop at {request.url}")
        return response
