"""Downloader middlewares at their door (Scrapy's get_crawler and real responses): Retry-After, the URL budget,
media sniffing, charset repair and deep nesting."""

from __future__ import annotations

import asyncio
import time

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import StopDownload
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from crawler.middlewares.charset import real_encoding
from crawler.middlewares.media import MediaBlockMiddleware, sniff_media
from crawler.middlewares.nesting import DeepNestingMiddleware, flatten, too_deep
from crawler.middlewares.retry_after import RetryAfterMiddleware, RetryAfterTooLong
from crawler.middlewares.url_budget import UrlBudgetExceeded, UrlBudgetMiddleware
from crawler.settings import scrapy_settings
from lantern.settings import get_settings


def crawler(**overrides):  # type: ignore[no-untyped-def]
    settings = get_settings(**overrides)
    return get_crawler(settings_dict=scrapy_settings(settings))


def retry(response_status: int, retry_after: str | None, retry_times: int, **overrides) -> tuple[object, float]:
    made = crawler(**overrides)
    made.spider = Spider.from_crawler(made, name="door")
    middleware = RetryAfterMiddleware.from_crawler(made)
    request = Request("http://127.0.0.1/ad/1", meta={"retry_times": retry_times})
    headers = {"Retry-After": retry_after} if retry_after else {}
    response = Response(request.url, status=response_status, headers=headers, request=request)
    started = time.monotonic()
    try:
        answer = asyncio.run(middleware.process_response(request, response))
    except Exception as exc:  # the test looks at what was raised
        answer = exc
    return answer, time.monotonic() - started


def test_no_wait_after_the_last_attempt() -> None:
    answer, seconds = retry(429, "2", retry_times=3)
    assert isinstance(answer, Response) and seconds < 0.5  # the retry middleware gives up: no 2 s wait first


def test_a_retry_after_longer_than_the_cap_gives_the_url_up_at_once() -> None:
    answer, seconds = retry(429, "3600", retry_times=0)
    assert isinstance(answer, RetryAfterTooLong) and seconds < 0.5
    answer, _ = retry(429, "Wed, 21 Oct 2099 07:28:00 GMT", retry_times=0)
    assert isinstance(answer, RetryAfterTooLong)


def test_a_short_retry_after_is_waited_for_then_retried() -> None:
    answer, seconds = retry(503, "1", retry_times=0)
    assert isinstance(answer, Request) and 0.9 < seconds < 2


def test_a_wait_past_the_url_budget_gives_up() -> None:
    answer, _ = retry(429, "20", retry_times=0, crawl_url_budget=10)
    assert isinstance(answer, UrlBudgetExceeded)


def test_the_url_budget_shortens_then_stops_attempts() -> None:
    middleware = UrlBudgetMiddleware.from_crawler(crawler(crawl_url_budget=5, crawl_timeout=30))
    request = Request("http://127.0.0.1/slow")
    middleware.process_request(request)
    assert request.meta["download_timeout"] == pytest.approx(5, abs=0.1)
    request.meta["lantern_url_started"] -= 4.8
    with pytest.raises(UrlBudgetExceeded):
        middleware.process_request(request.replace())


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00", "jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00", "gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "webp"),
        (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00", "iso-media"),
        (b"\x00\x00\x00\x1cftypheic\x00\x00\x00\x00", "iso-media"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81", "matroska"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", "mp3-id3"),
        (b"\xff\xfb\x90\x64\x00\x00\x00\x00\x00\x00\x00\x00", "mpeg-audio"),
        (b"OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00", "ogg"),
    ],
)
def test_media_is_known_by_its_first_bytes(head: bytes, kind: str) -> None:
    assert sniff_media(head) == kind


@pytest.mark.parametrize(
    "head", [b"<!DOCTYPE html><html>", b"<html><head><title>", b"BMW for sale, good!", b"ID3 tags"]
)
def test_text_is_not_media(head: bytes) -> None:
    assert sniff_media(head) is None


def test_a_download_is_stopped_at_its_first_bytes_whatever_its_headers_say() -> None:
    made = crawler()
    middleware = MediaBlockMiddleware.from_crawler(made)
    request = Request("http://127.0.0.1/ad/photo")
    middleware.process_request(request)
    with pytest.raises(StopDownload):
        middleware.bytes_received(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(4096), request, None)
    assert made.stats.get_value("media/sniffed") == 1
    page = Request("http://127.0.0.1/ad/2")
    middleware.process_request(page)
    middleware.bytes_received(b"<html><body><p>an ad</p></body></html>", page, None)  # not stopped


@pytest.mark.parametrize(
    ("body", "declared", "real"),
    [
        ("<p>Zürich café — “quotes”</p>".encode(), "windows-1252", "utf-8"),
        ("<p>Zürich café</p>".encode("cp1252"), "windows-1252", None),
        ("<p>Zürich café, naïve façade, crème brûlée à la carte</p>".encode("latin-1"), "utf-8", "cp1252"),
        (b"<p>Caf\xc3\xa9 and broken \xc3\x28 bytes</p>", "utf-8", None),
        (b"<p>plain ascii</p>", "windows-1252", None),
    ],
)
def test_the_real_charset_when_the_declared_one_is_wrong(body: bytes, declared: str, real: str | None) -> None:
    assert real_encoding(body, declared) == real


def test_deep_nesting_is_flattened_in_linear_time_and_keeps_its_text() -> None:
    nest = 200_000
    html = "<html><body>" + "<div><b>" * nest + "<p>bottom</p>" + "</b></div>" * nest + "<p>after</p></body></html>"
    assert too_deep(html.encode())
    started = time.monotonic()
    flat = flatten(html)
    assert time.monotonic() - started < 10
    assert not too_deep(flat.encode()) and "bottom" in flat and "after" in flat


def test_a_flattened_response_is_counted() -> None:
    made = crawler()
    middleware = DeepNestingMiddleware.from_crawler(made)
    body = ("<html><body>" + "<div>" * 3000 + "deep" + "</div>" * 3000 + "</body></html>").encode()
    request = Request("http://127.0.0.1/deep")
    answer = middleware.process_response(request, HtmlResponse(request.url, body=body, request=request))
    assert "deep" in answer.text and made.stats.get_value("repaired/deep_nesting") == 1
    shallow = HtmlResponse(request.url, body=b"<html><body><p>x</p></body></html>", request=request)
    assert middleware.process_response(request, shallow) is shallow
