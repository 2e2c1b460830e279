"""Text only: media requests are dropped before they are sent, media responses are discarded.

Requests are dropped by the URL's extension and by link context (a request made from an ``img``, ``video``,
``audio``, ``source`` or ``picture`` element, marked in ``request.meta["link_tag"]``). Responses are stopped as
soon as their headers announce an image, video or audio content type, before the body is read, and as soon as
their first bytes are those of a media file whatever the headers say (a photo served as ``text/html`` under a
page URL; :func:`sniff_media`); a response that still arrives with a media type is discarded. All are counted
in the crawl stats (``media/requests_blocked``, ``media/responses_discarded``, and ``media/sniffed`` for those
stopped by their content).
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


#: The first bytes of media files: (offset, bytes) pairs that must all match. Text never starts like this.
MEDIA_MAGIC: dict[str, tuple[tuple[int, bytes], ...]] = {
    "jpeg": ((0, b"\xff\xd8\xff"),),
    "png": ((0, b"\x89PNG\r\n\x1a\n"),),
    "gif": ((0, b"GIF8"),),
    "webp": ((0, b"RIFF"), (8, b"WEBP")),
    "avi": ((0, b"RIFF"), (8, b"AVI ")),
    "wav": ((0, b"RIFF"), (8, b"WAVE")),
    "bmp": ((0, b"BM"), (6, b"\x00\x00\x00\x00")),
    "tiff-le": ((0, b"II*\x00"),),
    "tiff-be": ((0, b"MM\x00*"),),
    "ico": ((0, b"\x00\x00\x01\x00"),),
    "iso-media": ((4, b"ftyp"),),  # MP4, MOV, M4A, 3GP, HEIC, AVIF
    "matroska": ((0, b"\x1a\x45\xdf\xa3"),),  # MKV, WebM
    "ogg": ((0, b"OggS"),),
    "flac": ((0, b"fLaC"),),
    "flv": ((0, b"FLV\x01"),),
    "midi": ((0, b"MThd"),),
    "psd": ((0, b"8BPS"),),
    "jxl": ((0, b"\xff\x0a"),),
}
_MPEG_SYNC = frozenset(b"\xe2\xe3\xf1\xf2\xf3\xf9\xfa\xfb")  # second byte of an MP3/AAC frame after 0xFF
SNIFF_BYTES = 16


class MediaBlocked(IgnoreRequest):
    """A request or response was refused because it is media."""


def sniff_media(head: bytes) -> str | None:
    """The kind of media file that starts with ``head`` (its first bytes), or ``None``."""
    for kind, marks in MEDIA_MAGIC.items():
        if all(head[offset : offset + len(mark)] == mark for offset, mark in marks):
            return kind
    if len(head) >= 2 and head[0] == 0xFF and head[1] in _MPEG_SYNC:
        return "mpeg-audio"
    if head[:3] == b"ID3" and len(head) >= 5 and head[3] in (2, 3, 4) and head[4] == 0:  # ID3v2.2-2.4 tag
        return "mp3-id3"
    return None


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
        crawler.signals.connect(self.bytes_received, signal=signals.bytes_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MediaBlockMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        """Refuse a request for media before it is sent."""
        if is_media_url(request.url) or request.meta.get("link_tag") in MEDIA_TAGS:
            self.stats.inc_value("media/requests_blocked")
            raise MediaBlocked(f"media request dropped: {request.url}")
        request.meta["lantern_head"] = b""  # each attempt is sniffed from its first bytes

    def headers_received(self, headers: Any, body_length: int, request: Request, spider: Any) -> None:
        """Stop a download as soon as its headers say it is media (the body is never read)."""
        if is_media_type(headers.get(b"Content-Type")):
            raise StopDownload(fail=True)

    def bytes_received(self, data: bytes, request: Request, spider: Any) -> None:
        """Stop a download whose first bytes are a media file's, whatever its headers said."""
        head = request.meta.get("lantern_head", b"")
        if head is None:  # already looked at
            return
        head += data[: SNIFF_BYTES - len(head)]
        if len(head) < SNIFF_BYTES and data:
            request.meta["lantern_head"] = head  # too few bytes to tell yet
            return
        request.meta["lantern_head"] = None
        if sniff_media(head):
            self.stats.inc_value("media/sniffed")
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
