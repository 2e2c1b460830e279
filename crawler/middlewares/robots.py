"""robots.txt, obeyed unless the source file says ``obey_robots: false``."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware


class SourceRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, skipped for sources that opt out."""

    async def process_request(self, request: Request) -> Any:  # type: ignore[override]
        if not getattr(self.crawler.spider, "obey_robots", True):
            return None
        return await super().process_request(request)
