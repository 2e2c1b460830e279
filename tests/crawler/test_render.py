"""``render: true``: a page whose posts exist only after its script ran is crawled through Debian's headless
Chromium, and no image, video, audio or other-origin request ever leaves the browser (text only)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from lantern.runs import RunLog
from lantern.storage.base import SearchQuery
from lantern.storage.sqlite.store import SQLiteStore

pytestmark = pytest.mark.slow

POSTS = [
    "Rendered post one: the morning ferry to the island leaves the harbour at nine and returns at five.",
    "Rendered post two: the market near the station is open on weekdays and sells fruit and bread.",
]
PAGE = """<!doctype html><html><head><title>Notice board</title>
<link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/site.css">
<style>@font-face {{ font-family: F; src: url(/font.woff2); }} .hero {{ background: url(/bg.png); }}</style>
</head><body><div class="hero">Notice board</div>
<img src="/photo.jpg" alt=""><img src="/pixel" alt=""><video src="/clip.mp4" autoplay></video>
<audio src="/sound.mp3" autoplay></audio><iframe src="{other}/frame"></iframe>
<main id="posts"></main>
<script>
new Image().src = "/tracker";
fetch("{other}/elsewhere").catch(() => null);
fetch("/hop").catch(() => null);
fetch("/data").catch(() => null);
fetch("/posts.json").then(r => r.json()).then(posts => {{
  const main = document.getElementById("posts");
  for (const text of posts) {{
    const article = document.createElement("article");
    const p = document.createElement("p");
    p.textContent = text;
    article.appendChild(p);
    main.appendChild(article);
  }}
}});
</script></body></html>"""
MEDIA_PATHS = {"/photo.jpg", "/pixel", "/clip.mp4", "/sound.mp3", "/bg.png", "/favicon.ico", "/font.woff2", "/tracker"}


class Site(BaseHTTPRequestHandler):
    """Serves the script-driven page, its posts and a file for every media request; logs every request."""

    requests: ClassVar[list[str]] = []
    other = ""

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        if self.path == "/":
            self._send(200, "text/html; charset=utf-8", PAGE.format(other=self.other).encode())
        elif self.path == "/posts.json":
            self._send(200, "application/json", json.dumps(POSTS).encode())
        elif self.path == "/hop":  # a same-origin call redirected to another origin
            self.send_response(302)
            self.send_header("Location", f"{self.other}/after-redirect")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/data":  # a same-origin call answered with an image under a page-like URL
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        elif self.path == "/site.css":
            self._send(200, "text/css", b"body { margin: 0 }")
        elif self.path in MEDIA_PATHS:
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def serve(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def sites() -> Iterator[tuple[str, type[Site]]]:
    other_handler = type("Other", (Site,), {"requests": []})
    other, other_url = serve(other_handler)
    site_handler = type("Page", (Site,), {"requests": [], "other": other_url.replace("127.0.0.1", "localhost")})
    server, url = serve(site_handler)
    yield url, site_handler, other_handler  # type: ignore[misc]
    server.shutdown()
    other.shutdown()


@pytest.fixture(scope="module")
def crawled(sites, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    if not Path("/usr/bin/chromium").is_file() and not os.environ.get("LANTERN_RENDER_BROWSER"):
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    url, site, other = sites
    root = tmp_path_factory.mktemp("render")
    (root / "sources").mkdir()
    source = {
        "name": "rendered-board",
        "kind": "pages",
        "start_urls": [url + "/"],
        "allow_private_network": ["127.0.0.1"],
        "render": True,
        "recrawl": {"depth": 0},
    }
    (root / "sources" / "rendered-board.yml").write_text(yaml.safe_dump(source))
    env = os.environ | {"LANTERN_DATA_DIR": str(root / "data"), "LANTERN_SOURCES_DIR": str(root / "sources")}
    run = subprocess.run(
        [sys.executable, "-m", "lantern", "crawl", "rendered-board", "--no-progress"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    with SQLiteStore(root / "data" / "lantern.db") as store:
        items = list(store.iter_items(SearchQuery()))
    log = RunLog(root / "data" / "lantern.db")
    try:
        counters = log.recent("rendered-board")[0].stats
    finally:
        log.close()
    return items, counters, site, other


def test_the_posts_written_by_the_script_are_crawled(crawled) -> None:  # type: ignore[no-untyped-def]
    items, counters, site, _ = crawled
    assert len(items) == 1
    for post in POSTS:
        assert post in items[0]["text"]
    assert counters["render_pages"] == 1
    assert "/posts.json" in site.requests  # the script's own call to its origin went out


def test_no_media_and_no_other_origin_request_leaves_the_browser(crawled) -> None:  # type: ignore[no-untyped-def]
    _, counters, site, other = crawled
    assert not MEDIA_PATHS & set(site.requests), site.requests
    assert other.requests == []
    assert site.requests.count("/") == 1  # the browser is handed the page Scrapy fetched; it does not fetch it again
    # images are switched off in Blink, so they are not even asked for; video and audio are refused and counted
    assert counters["media_browser_blocked"] >= 3  # video, audio, and the image answered to a same-origin call
    assert counters["render_blocked"] >= 3  # the frame, the call to another origin, the redirect, the font
    assert "/hop" in site.requests  # asked, but its redirect was not followed: the other origin saw nothing
    assert counters["media_blocked"] >= counters["media_browser_blocked"]


def test_the_browser_is_debians_chromium() -> None:
    assert shutil.which("chromium") or os.environ.get("LANTERN_RENDER_BROWSER")
