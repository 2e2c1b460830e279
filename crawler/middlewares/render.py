"""Optional JavaScript rendering (``render: true`` on a source) in headless Chromium, text only.

Scrapy fetches the page first, through every other middleware (network guard, media guard, size limits): only
an HTML response is rendered. The browser (Debian's ``chromium``, ``LANTERN_RENDER_BROWSER``; Lantern never
downloads one) is given that response as the page's document — it does not fetch the page itself — and runs its
scripts; the HTML after the scripts ran replaces the response's body for the spider.

Inside the browser every request is refused except scripts, style sheets and XHR/fetch calls to the page's own
origin (scheme, host and port) whose URL does not name a media file; those are fetched without following
redirects (a redirect is refused, so nothing reaches an address the network guard would refuse) and handed to
the page unless their answer is media. Images, video, audio, fonts, frames, other
origins, service workers, downloads and WebSockets never leave the browser; images are also switched off in
Blink itself. Refused requests are counted: ``media/browser_blocked`` for images, video, audio and media URLs,
``render/blocked`` for the rest; ``render/pages`` and ``render/failed`` count the pages.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.defer import deferred_from_coro

from crawler.middlewares.media import is_media_type, is_media_url
from pipelines.shared import settings_for

ALLOWED_TYPES = frozenset({"script", "stylesheet", "xhr", "fetch"})
MEDIA_TYPES = frozenset({"image", "media", "imageset"})
BROWSER_ARGS = ("--no-sandbox", "--disable-gpu", "--mute-audio", "--blink-settings=imagesEnabled=false")
log = logging.getLogger(__name__)


class RenderFailed(IgnoreRequest):
    """A page that could not be rendered (counted as ``render/failed``)."""


def origin(url: str) -> tuple[str, str]:
    """Scheme and host:port of a URL (default ports made explicit)."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    return parts.scheme, f"{(parts.hostname or '').lower()}:{port}"


class RenderMiddleware:
    """Render the HTML responses of sources with ``render: true``; one browser per crawl, started when needed."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        settings = settings_for(crawler)
        self.executable = Path(settings.render_browser)
        self.timeout_ms = settings.crawl_timeout * 1000
        self.user_agent = crawler.settings.get("USER_AGENT")
        self._playwright: Any = None
        self._browser: Any = None
        self._lock = asyncio.Lock()
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RenderMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Response:
        """The response with the HTML its scripts produce (sources without ``render`` pass untouched)."""
        source = getattr(self.crawler.spider, "source", None)
        if not getattr(source, "render", False) or not isinstance(response, HtmlResponse):
            return response
        try:
            html = await self._render(response)
        except Exception as exc:  # the browser's errors are many; each is one failed page, counted and logged
            self.stats.inc_value("render/failed")
            log.error("could not render %s: %s", response.url, str(exc).splitlines()[0] if str(exc) else exc)
            raise RenderFailed(f"render failed: {response.url}") from None
        self.stats.inc_value("render/pages")
        return response.replace(body=html.encode("utf-8"), encoding="utf-8")

    async def _render(self, response: HtmlResponse) -> str:
        browser = await self._browser_started()
        context = await browser.new_context(service_workers="block", accept_downloads=False, user_agent=self.user_agent)
        try:
            page = await context.new_page()
            served = False
            page_origin = origin(response.url)

            async def route(route: Any, request: Any) -> None:
                nonlocal served
                if not served and request.is_navigation_request() and request.url == response.url:
                    served = True
                    content_type = (response.headers.get(b"Content-Type") or b"text/html").decode("latin-1")
                    await route.fulfill(status=response.status, content_type=content_type, body=response.body)
                elif (
                    request.resource_type in ALLOWED_TYPES
                    and origin(request.url) == page_origin
                    and not is_media_url(request.url)
                ):
                    await self._same_origin(route)
                else:
                    media = request.resource_type in MEDIA_TYPES or is_media_url(request.url)
                    self.stats.inc_value("media/browser_blocked" if media else "render/blocked")
                    await route.abort()

            await page.route("**/*", route)
            page.set_default_timeout(self.timeout_ms)
            await page.goto(response.url, wait_until="networkidle", timeout=self.timeout_ms)
            return str(await page.content())
        finally:
            await context.close()

    async def _same_origin(self, route: Any) -> None:
        """Fetch an allowed request without following redirects; hand it to the page unless it is a redirect
        (which could lead anywhere, the network guard's refusals included) or media."""
        fetched = await route.fetch(max_redirects=0)
        if 300 <= fetched.status < 400:
            self.stats.inc_value("render/blocked")
            await route.abort()
        elif is_media_type(fetched.headers.get("content-type")):
            self.stats.inc_value("media/browser_blocked")
            await route.abort()
        else:
            await route.fulfill(response=fetched)

    async def _browser_started(self) -> Any:
        async with self._lock:
            if self._browser is None:
                if not self.executable.is_file():
                    raise RuntimeError(
                        f"no browser at {self.executable} (install Debian's chromium or set LANTERN_RENDER_BROWSER)"
                    )
                from playwright.async_api import async_playwright

                self._playwright = await async_playwright().start()
                self._browser = await self._playwright.chromium.launch(
                    executable_path=str(self.executable), headless=True, args=list(BROWSER_ARGS)
                )
            return self._browser

    def spider_closed(self) -> Any:
        """Close the browser (if one was started) when the crawl ends."""
        if self._playwright is None:
            return None
        return deferred_from_coro(self._close())

    async def _close(self) -> None:
        try:
            if self._browser is not None:
                await self._browser.close()
        finally:
            await self._playwright.stop()
            self._browser = self._playwright = None
