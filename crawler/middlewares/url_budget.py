"""A total time budget per URL: its attempts, retries and waits together end within ``LANTERN_CRAWL_URL_BUDGET``.

A site that drips its answer a byte at a time keeps each attempt just under the download timeout; retried three
times, one URL used to cost minutes. The first attempt of a URL stamps ``meta["lantern_url_started"]`` (retries
are copies and keep it); every attempt gets ``download_timeout`` cut to what is left of the budget, and an
attempt with nothing left is not sent (``limits/url_time_budget``). The Retry-After middleware asks
:func:`seconds_left` before it waits.
"""

from __future__ import annotations

import time

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from pipelines.shared import settings_for

STARTED = "lantern_url_started"
MIN_TIMEOUT = 0.5


class UrlBudgetExceeded(IgnoreRequest):
    """The URL used its whole time budget; it is given up (and counted)."""


def seconds_left(request: Request, budget: float, now: float | None = None) -> float:
    """What is left of the URL's budget (the whole budget before its first attempt)."""
    started = request.meta.get(STARTED)
    return budget if started is None else budget - ((now or time.time()) - started)


class UrlBudgetMiddleware:
    """Stamp, shorten and stop attempts by the URL's budget (see the module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.budget = float(settings_for(crawler).url_budget)
        self.timeout = crawler.settings.getfloat("DOWNLOAD_TIMEOUT")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UrlBudgetMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        """Refuse an attempt past the budget; give the others at most what is left of it as their timeout."""
        request.meta.setdefault(STARTED, time.time())
        left = seconds_left(request, self.budget)
        if left < MIN_TIMEOUT:
            self.stats.inc_value("limits/url_time_budget")
            raise UrlBudgetExceeded(f"{request.url}: its time budget of {self.budget:g} s is used up")
        request.meta["download_timeout"] = min(self.timeout, left)
