"""A hostile site on 127.0.0.1: every trap of issue 13 on one local server, for real crawls.

It is an ads site (``a.ad`` links to ads, ``a.listing`` to listings, ``a.next`` to the next page) whose start
page leads to each case. The server records every request and, per path, how many body bytes it managed to send
before the client went away, so a test can tell a download that was stopped at its first bytes from one that
was read to the end.

=====================  ==============================================================================
path                   what it does
=====================  ==============================================================================
``/trap/N``            a listing whose next page is ``/trap/N+1``, for ever (a pagination trap)
``/many-links``        280,000 ad links (``/m0`` …) in 4.7 MB
``/ad/deep``           an ad whose text sits under 20,000 nested elements, and more text after them
``/ad/charset``        an ad declared ``windows-1252`` and written in UTF-8
``/ad/photo``          a 4 MB JPEG served as ``text/html`` under a page URL, sent slowly
``/ad/drip``           an answer that drips one byte a second
``/ad/busy-forever``   429 with ``Retry-After: 3600``
``/ad/busy-date``      429 with ``Retry-After`` an HTTP date an hour ahead
``/ad/to-metadata``    a 302 to the cloud metadata address
``/ad/bomb``           a gzip body of 60 MB that is 60 KB on the wire
``/ad/<anything>``     an ordinary ad
=====================  ==============================================================================
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from lantern.fixtures.hostile import send

NEST = 20_000
LINKS = 280_000
PHOTO_BYTES = 4 * 1024 * 1024
PHOTO_CHUNK = 64 * 1024
DEEP_TEXT = "Diepste zin: the sentence at the bottom of the nest."
AFTER_TEXT = "Na het nest: the sentence after the nest."
CHARSET_TEXT = "Zürich café, crème brûlée and “quotes” — all in UTF-8."
PRIVATE_LINKS = (
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/ad/router",
    "http://192.168.1.1/ad/admin",
    "http://no-such-host.invalid/ad/nowhere",
)
PRIVATE_DOMAINS = ("169.254.169.254", "10.0.0.1", "192.168.1.1", "no-such-host.invalid")
HOSTILE_ADS = ("deep", "charset", "photo", "drip", "busy-forever", "busy-date", "to-metadata", "bomb", "ok-1", "ok-2")


def ad_page(name: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{name}</title></head><body>'
        f'<h1 class="ad-title">Ad {name}</h1><div class="ad-body"><p>{body}</p></div></body></html>'
    )


def start_page(port: int) -> str:
    ads = "".join(f'<a class="ad" href="/ad/{name}">{name}</a> ' for name in HOSTILE_ADS)
    private = "".join(f'<a class="ad" href="{url}">x</a> ' for url in PRIVATE_LINKS)
    listings = '<a class="listing" href="/trap/1">trap</a> <a class="listing" href="/many-links">many</a>'
    return f"<html><body><h1>Hostile</h1>{listings}<div>{ads}{private}</div></body></html>"


def trap_page(number: int) -> str:
    return (
        f'<html><body><h1>Page {number}</h1><a class="ad" href="/ad/trap-{number}">ad</a>'
        f'<a class="next" href="/trap/{number + 1}">next</a></body></html>'
    )


MANY_LINKS = ("<html><body><h1>Many</h1><div class=ads>" + "".join(f"<a href=m{n}>\n" for n in range(LINKS))).encode()
NESTED = "<div><span>" * NEST + f"<p>{DEEP_TEXT}</p>" + "</span></div>" * NEST + f"<p>{AFTER_TEXT}</p>"
DEEP = ad_page("deep", "Bovenaan: the first sentence.").replace("</p></div>", "</p>" + NESTED + "</div>")
BOMB = gzip.compress(b"<html><body>" + b" " * (60 * 1024 * 1024) + b"</body></html>", compresslevel=9)


class HostileSite:
    """The server; a context manager. ``url`` is its base, ``requests`` counts requests by path."""

    def __init__(self) -> None:
        self.requests: Counter[str] = Counter()
        self.sent: Counter[str] = Counter()
        self.timings: dict[str, list[float]] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.site = self  # type: ignore[attr-defined]

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> HostileSite:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def record(self, path: str) -> None:
        with self._lock:
            self.requests[path] += 1
            self.timings.setdefault(path, []).append(time.monotonic())

    def count_sent(self, path: str, size: int) -> None:
        with self._lock:
            self.sent[path] += size


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Any

    def log_message(self, format: str, *args: Any) -> None:
        """Silent."""

    def do_GET(self) -> None:
        site: HostileSite = self.server.site
        site.record(self.path)
        try:
            self.answer(site)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", *headers: tuple) -> None:
        send(self, status, body, content_type, *headers)

    def answer(self, site: HostileSite) -> None:  # noqa: C901 (one branch per case, as in the table)
        path = self.path
        if path == "/":
            self.send(200, start_page(site.port).encode())
        elif path.startswith("/trap/"):
            self.send(200, trap_page(int(path.rsplit("/", 1)[1])).encode())
        elif path == "/many-links":
            self.send(200, MANY_LINKS)
        elif path == "/ad/deep":
            self.send(200, DEEP.encode())
        elif path == "/ad/charset":
            page = ad_page("charset", CHARSET_TEXT).replace('<meta charset="utf-8">', "")
            self.send(200, page.encode("utf-8"), "text/html; charset=windows-1252")
        elif path == "/ad/photo":
            self.photo(site)
        elif path == "/ad/drip":
            self.drip(site)
        elif path == "/ad/busy-forever":
            self.send(429, b"<html><body>slow down</body></html>", "text/html", ("Retry-After", "3600"))
        elif path == "/ad/busy-date":
            later = formatdate(time.time() + 3600, usegmt=True)
            self.send(429, b"<html><body>slow down</body></html>", "text/html", ("Retry-After", later))
        elif path == "/ad/to-metadata":
            self.send(302, b"", "text/html", ("Location", "http://169.254.169.254/latest/user-data/"))
        elif path == "/ad/bomb":
            self.send(200, BOMB, "text/html; charset=utf-8", ("Content-Encoding", "gzip"))
        elif path.startswith(("/ad/", "/m")):
            name = path.rsplit("/", 1)[1]
            self.send(200, ad_page(name, f"Een gewone advertentie {name}: an ordinary ad.").encode())
        else:
            self.send(404, b"<html><body>not found</body></html>")

    def photo(self, site: HostileSite) -> None:
        """A JPEG under a page URL, declared as HTML, sent in chunks with a pause between them."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(PHOTO_BYTES))
        self.end_headers()
        chunk = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(PHOTO_CHUNK - 11)
        for _ in range(PHOTO_BYTES // PHOTO_CHUNK):
            self.wfile.write(chunk)
            self.wfile.flush()
            site.count_sent(self.path, len(chunk))
            chunk = bytes(PHOTO_CHUNK)
            time.sleep(0.02)

    def drip(self, site: HostileSite) -> None:
        """Headers, then one byte a second for a minute."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "60")
        self.end_headers()
        for _ in range(60):
            self.wfile.write(b" ")
            self.wfile.flush()
            site.count_sent(self.path, 1)
            time.sleep(1.0)
