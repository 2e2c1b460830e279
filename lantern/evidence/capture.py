"""What is kept of one HTTP exchange: the request line and headers, the response status, headers and body.

Only HTML is ever kept (``text/html`` or ``application/xhtml+xml``): the media guard has already refused media
before this point, and anything else is not a page an analyst reads. The body is the one Scrapy received after
content decoding, so ``Content-Encoding`` and ``Transfer-Encoding`` are left out of the kept headers and
``Content-Length`` states the kept body's length; the WARC record says so in a ``WARC-Lantern-Note`` header.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

HTML_TYPES = ("text/html", "application/xhtml+xml")
_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


@dataclass(frozen=True)
class Capture:
    """One HTTP exchange as it will be written to a WARC file."""

    url: str
    method: str
    request_headers: tuple[tuple[str, str], ...]
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    captured_at: datetime

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the body (the WARC record's payload)."""
        return hashlib.sha256(self.body).hexdigest()


def is_html(content_type: str) -> bool:
    """Whether a Content-Type header names an HTML document."""
    return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


def capture_of(response: Any, captured_at: datetime | None = None) -> Capture | None:
    """The capture of a Scrapy response, or None when it is not an HTML page."""
    content_type = _decode(response.headers.get(b"Content-Type") or b"")
    if not is_html(content_type):
        return None
    request = response.request
    headers = tuple(
        (_decode(name), _decode(value))
        for name, values in response.headers.items()
        if _decode(name).lower() not in _DROPPED_HEADERS
        for value in values
    )
    return Capture(
        url=response.url,
        method=request.method if request is not None else "GET",
        request_headers=_headers_of(request.headers) if request is not None else (),
        status=response.status,
        headers=(*headers, ("Content-Length", str(len(response.body)))),
        body=bytes(response.body),
        captured_at=captured_at or datetime.now(UTC),
    )


def _headers_of(headers: Any) -> tuple[tuple[str, str], ...]:
    return tuple((_decode(name), _decode(value)) for name, values in headers.items() for value in values)


def _decode(value: bytes | str) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value
