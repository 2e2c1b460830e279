"""Text only: media requests are dropped before they are sent, media responses are discarded.

Requests are dropped by the URL's extension and by link context (a request made from an ``img``, ``video``,
``audio``, ``source`` or ``picture`` element, marked in ``request.meta["link_tag"]``). Responses are stopped as
soon as their headers announce an image, video or audio content type, before the body is read; a response
that still arrives with such a type is discarded. Both are counted in the crawl stats
(``media/requests_blocked``, ``media/responses_discarded``).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import Response

MEDIA_EXTENSIONS = frozenset(
    [
        "jpg",
        "jpeg",
        "jpe",
        "png",
        "gif",
        "webp",
        "bmp",
        "tif",
        "tiff",
        "svg",
        "svgz",
        "ico",
        "heic",
        "heif",
        "avif",
        "jxl",
        "raw",
        "psd",
        "mp4",
        "m4v",
        "mov",
        "avi",
        "wmv",
        "flv",
        "mkv",
        "webm",
        "mpg",
        "mpeg",
        "3gp",
        "ogv",
        "ts",
        "m3u8",
        "mpd",
        "mp3",
        "m4a",
        "aac",
        "wav",
        "ogg",
        "oga",
        "opus",
        "flac",
        "wma",
        "mid",
        "midi",
        "amr",
    ]
)
MEDIA_TAGS = frozenset({"img", "video", "audio", "source", "picture", "track", "embed", "object"})
MEDIA_TYPES = ("image/", "video/", "audio/")
MEDIA_SUBTYPES = frozenset({"application/vnd.apple.mpegurl", "application/x-mpegurl", "application/dash+xml"})


class MediaBlocked(IgnoreRequest):
    """A request or response was refused because it is media."""


def is_media_url(url: str) -> bool:
    """True when the URL's path ends in a media file extension."""
    suffix = PurePosixPath(unquote(urlsplit(url).path)).suffix.lower().lstrip(".")
    return suffix in MEDIA_EXTENSIONS


def is_media_type(content_type: bytes | str | None) -> bool:
    """True for image, video and audio content types (and streaming playlists)."""
    if not content_type:
        return False
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    value = content_type.split(";")[0].strip().lower()
    return value.startswith(MEDIA_TYPES) or value in MEDIA_SUBTYPES


class MediaBlockMiddleware:
    """Drop media requests before they leave; discard media responses (see the module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        crawler.signals.connect(self.headers_received, signal=signals.headers_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MediaBlockMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        """Refuse a request for media before it is sent."""
        if is_media_url(request.url) or request.meta.get("link_tag") in MEDIA_TAGS:
            self.stats.inc_value("media/requests_blocked")
            raise MediaBlocked(f"media request dropped: {request.url}")

    def headers_received(self, headers: Any, body_length: int, request: Request, spider: Any) -> None:
        """Stop a download as soon as its headers say it is media (the body is never read)."""
        if is_media_type(headers.get(b"Content-Type")):
            raise StopDownload(fail=True)

    def process_response(self, request: Request, response: Response) -> Response:
        """Discard any response that is media, also one that was stopped at its headers."""
        if is_media_type(response.headers.get(b"Content-Type")):
            self.stats.inc_value("media/responses_discarded")
            raise MediaBlocked(f"media response discarded: {response.url}")
        return response

    def process_exception(self, request: Request, exception: BaseException) -> None:
        """A download stopped at its headers arrives here when the failure carries no response."""
        if isinstance(exception, StopDownload):
            self.stats.inc_value("media/responses_discarded")
            raise MediaBlocked(f"media response discarded: {request.url}")
