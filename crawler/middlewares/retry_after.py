"""Retries with backoff that honour ``Retry-After`` on 429 and 503 responses, within limits.

Scrapy's :class:`~scrapy.downloadermiddlewares.retry.RetryMiddleware` retries at once; this subclass waits
first: the ``Retry-After`` seconds when the server sends them (seconds or an HTTP date), else an exponential
backoff (1 s, 2 s, 4 s …). It never waits for nothing: not when no retry is left (the last answer is final), not
longer than ``LANTERN_CRAWL_RETRY_AFTER_MAX`` (a server asking for longer is given up at once and counted as
``limits/retry_after``), and not past the URL's time budget (:mod:`crawler.middlewares.url_budget`, counted as
``limits/url_time_budget``). The wait does not block other requests.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler.middlewares.url_budget import UrlBudgetExceeded, seconds_left
from pipelines.shared import settings_for

BACKOFF_STATUSES = (429, 503)


class RetryAfterTooLong(IgnoreRequest):
    """The server asked to come back later than Lantern waits; the URL is given up (and counted)."""


def retry_after_seconds(value: bytes | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), or ``None``."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Wait before retrying 429/503 (see the module docstring)."""

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if response.status in BACKOFF_STATUSES and not request.meta.get("dont_retry", False):
            wait = self._wait(request, response)
            if wait:
                self.crawler.stats.inc_value("retry/backoff_waits")
                await asyncio.sleep(wait)
        return super().process_response(request, response)

    def _wait(self, request: Request, response: Response) -> float:
        """Seconds to wait before the retry (0: no retry follows); raises when the URL is to be given up."""
        attempt = request.meta.get("retry_times", 0)
        if attempt >= request.meta.get("max_retry_times", self.max_retry_times):
            return 0.0  # the retry middleware gives up now: waiting first would be for nothing
        settings = settings_for(self.crawler)
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if asked is not None and asked > settings.crawl_retry_after_max:
            self.crawler.stats.inc_value("limits/retry_after")
            raise RetryAfterTooLong(f"{request.url}: Retry-After {asked:g} s is longer than Lantern waits")
        wait = min(2.0**attempt if asked is None else asked, float(settings.crawl_retry_after_max))
        if wait >= seconds_left(request, float(settings.url_budget)):
            self.crawler.stats.inc_value("limits/url_time_budget")
            raise UrlBudgetExceeded(f"{request.url}: waiting {wait:g} s would pass its time budget")
        return wait
