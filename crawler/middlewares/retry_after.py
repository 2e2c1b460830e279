"""Retries with backoff that honour ``Retry-After`` on 429 and 503 responses.

Scrapy's :class:`~scrapy.downloadermiddlewares.retry.RetryMiddleware` retries at once; this subclass waits
first: the ``Retry-After`` seconds when the server sends them (capped by ``LANTERN_RETRY_AFTER_MAX``), else an
exponential backoff (1 s, 2 s, 4 s … capped). The wait does not block other requests.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response

BACKOFF_STATUSES = (429, 503)


def retry_after_seconds(value: bytes | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), or ``None``."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Wait before retrying 429/503 (see the module docstring)."""

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if response.status in BACKOFF_STATUSES and not request.meta.get("dont_retry", False):
            attempt = request.meta.get("retry_times", 0)
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            if wait is None:
                wait = 2.0**attempt
            cap = self.crawler.settings.getfloat("LANTERN_RETRY_AFTER_MAX", 60.0)
            self.crawler.stats.inc_value("retry/backoff_waits")
            await asyncio.sleep(min(wait, cap))
        return super().process_response(request, response)
