"""The charset a page really has, when its declaration is wrong (charset-normalizer decides the unclear cases).

Scrapy decodes a page by its declared charset (HTTP header, BOM, ``<meta>``). Two declarations are known to be
wrong, and corrected here (``repaired/charset``):

- a page declared in a legacy charset (cp1252, ISO-8859-x, …) whose bytes are valid UTF-8 with non-ASCII
  characters is UTF-8: such byte sequences almost never occur by chance, and read as cp1252 they become
  mojibake (``CafÃ©``) that no check would notice;
- a page whose bytes cannot be decoded in its declared charset at all, and hold no valid UTF-8 multi-byte
  sequence either, is re-read in the charset charset-normalizer finds for it (a Latin-1 page declared UTF-8).

A page declared UTF-8 that mixes valid UTF-8 with invalid bytes stays as it is: it is broken, and the spider
skips it as ``skipped/broken_encoding``. A legacy charset that decodes cleanly is trusted (cp1251 text declared
as cp1252 is not corrected; docs/RELIABILITY.md lists this among the limits).
"""

from __future__ import annotations

import codecs
import re

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse

SAMPLE_BYTES = 256 * 1024
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def codec_name(encoding: str) -> str:
    """The codec's canonical name (``latin-1`` → ``iso8859-1``), or the name as given."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding.lower()


def decodes(body: bytes, encoding: str) -> bool:
    """True when ``body`` is valid in ``encoding``."""
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def real_encoding(body: bytes, declared: str) -> str | None:
    """The charset to read ``body`` in when ``declared`` is wrong, else ``None`` (see the module docstring)."""
    if body.isascii():
        return None
    declared = codec_name(declared)
    if declared != "utf-8" and decodes(body, "utf-8"):
        return "utf-8"
    if decodes(body, declared) or _UTF8_MULTIBYTE.search(body):
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(body[:SAMPLE_BYTES]).best()
    if best is None or codec_name(best.encoding) == declared or not decodes(body, best.encoding):
        return None
    return codec_name(best.encoding)


class CharsetMiddleware:
    """Re-read text responses whose declared charset is wrong (see the module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CharsetMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """The response, or a copy that decodes in its real charset."""
        if not isinstance(response, TextResponse):
            return response
        encoding = real_encoding(response.body, response.encoding)
        if encoding is None:
            return response
        self.stats.inc_value("repaired/charset")
        return response.replace(encoding=encoding)
