"""The downloader's safety rules as functions: media by URL and type, Retry-After (the guard: test_guard.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.middlewares.media import is_media_type, is_media_url
from crawler.middlewares.retry_after import retry_after_seconds


@pytest.mark.parametrize(
    "url",
    ["http://a.example/p.JPG", "http://a.example/v/clip.mp4?x=1", "http://a.example/s.m3u8", "http://a/x%2Emp3"],
)
def test_media_urls(url: str) -> None:
    assert is_media_url(url)


@pytest.mark.parametrize("url", ["http://a.example/", "http://a.example/ad/1.html", "http://a.example/mp4-guide"])
def test_text_urls(url: str) -> None:
    assert not is_media_url(url)


def test_media_types() -> None:
    assert is_media_type(b"image/jpeg")
    assert is_media_type("video/mp4; codecs=avc1")
    assert is_media_type(b"application/vnd.apple.mpegurl")
    assert not is_media_type(b"text/html; charset=utf-8")
    assert not is_media_type(None)


def test_retry_after_values() -> None:
    now = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(b"3") == 3.0
    assert retry_after_seconds(b"Mon, 23 Nov 2026 12:00:10 GMT", now=now) == 10.0
    assert retry_after_seconds(b"soon") is None
    assert retry_after_seconds(None) is None
