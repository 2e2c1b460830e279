"""The presets of engines that cannot be installed here, on pages rendered from those engines' own templates.

phpBB, MyBB, SMF and Flarum (PHP), Discourse (Ruby on Rails) and NodeBB (Node with Redis, MongoDB or PostgreSQL,
built from its git source) are not run: each folder in ``engine_pages/`` holds a tiny forum (the board index, one
board's topic list of two pages, three topics of two pages; for Discourse the all-categories topic list /latest of
two pages and three topics; for Flarum, whose pages hold 20 discussions and 20 posts, an index of two pages, 21
discussions, three of them of two pages) written as the templates its files name print it, at the revision they
name, with the engine's default date format, and a ``truth.json`` (per post: thread, anchor, author, UTC instant,
text; the URL path of each page; ``recrawl``, the pages a recrawl of the unchanged forum fetches, when not only the
first). Flarum's pages also carry the JSON payload its ``app.blade.php`` prints, built by ``flarum_pages.py``.
Where the engine prints a date relative to the moment it prints the page ("Today, 09:24 AM" in MyBB, "Today at
09:24 AM" in SMF), the truth gives the local time and the days before that moment (``printed_relative``); the
crawler reads such dates against its own fetch time, so it must find that time on the day as many days before its
fetch. Absolute links are written to ``https://forum.example`` (the board URL an engine puts in them); a real HTTP
server on 127.0.0.1 serves the folder with its own address there instead. ``lantern crawl`` of a source file that
is only a preset, the start URL and the forum's time zone must find every post exactly, and nothing else; a recrawl
of the unchanged forum fetches only the board index (at most a fifth of the first crawl's pages) and analyses
nothing again. After one new post in a Flarum discussion, a recrawl fetches that discussion again and stores the post.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from lantern.storage.base import StoredItem
from tests.crawler.crawling import CrawlSetup
from tests.crawler.flarum_pages import with_new_post
from tests.engines.crawling import SOURCE, differences, recrawl, same_post

PAGES = Path(__file__).with_name("engine_pages")
BOARD_URL = b"https://forum.example"
ENGINES = ("phpbb", "mybb", "smf", "discourse", "nodebb", "flarum")

pytestmark = pytest.mark.slow


class _EngineSite(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder: Path) -> None:
        super().__init__(("127.0.0.1", 0), _PageHandler)
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        self.folder = folder
        self.routes: dict[str, str] = truth["pages"]
        self.requested: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _PageHandler(BaseHTTPRequestHandler):
    """A page of the folder by its path and query (``/viewtopic.php?t=1&start=3``), 404 for any other."""

    server: _EngineSite

    def do_GET(self) -> None:
        self.server.requested.append(self.path)
        name = self.server.routes.get(self.path)
        page = (self.server.folder / name).read_bytes() if name else b"not found"
        body = page.replace(BOARD_URL, self.server.url.encode())
        self.send_response(200 if name else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the requests are in :attr:`_EngineSite.requested`."""


@contextmanager
def served(folder: Path) -> Iterator[_EngineSite]:
    """The engine's pages on a free port of 127.0.0.1."""
    site = _EngineSite(folder)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.shutdown()
        site.server_close()


def anchor(url: str) -> str:
    """A post's key: the anchor of its URL (``…/viewtopic.php?t=1#p4`` → ``p4``)."""
    return urlsplit(url).fragment


def thread_anchor(url: str) -> str:
    """A post's key where anchors are numbered per thread: the URL's path and anchor (``/t/ferry/1#post_4``)."""
    parts = urlsplit(url)
    return f"{parts.path}#{parts.fragment}"


def keyed(truth: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], Callable[[str], str]]:
    """The truth's posts by key, and the key of a stored post's URL: its anchor, or, when the truth gives each
    post its ``thread_path`` (anchors numbered per thread), the thread's path and the anchor."""
    if all("thread_path" in post for post in truth["posts"]):
        return {f"{post['thread_path']}#{post['anchor']}": post for post in truth["posts"]}, thread_anchor
    return {post["anchor"]: post for post in truth["posts"]}, anchor


def with_relative_dates(
    posts: dict[str, dict[str, Any]], stored: list[StoredItem], zone: str, key_of: Callable[[str], str] = anchor
) -> None:
    """Give each post printed with a relative date its instant as read at the fetch of the stored post."""
    fetched = {key_of(item["url"]): datetime.fromisoformat(item["fetched_at"]) for item in stored}
    for key, post in posts.items():
        printed = post.get("printed_relative")
        if printed and key in fetched:
            day = fetched[key].astimezone(ZoneInfo(zone)).date() - timedelta(days=printed["days_before"])
            local = datetime.combine(day, time.fromisoformat(printed["local_time"]), ZoneInfo(zone))
            post["posted_at"] = local.isoformat()


@pytest.mark.parametrize("engine", ENGINES)
def test_the_preset_crawls_every_post_exactly(engine: str, tmp_path: Path) -> None:
    folder = PAGES / engine
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    posts, key_of = keyed(truth)
    sources = tmp_path / "sources"
    sources.mkdir()
    with served(folder) as site:
        start = site.url + next(iter(truth["pages"]))
        text = SOURCE.format(preset=engine, url=start, timezone=truth["timezone"])
        (sources / f"{engine}-pages.yml").write_text(text, encoding="utf-8")
        setup = CrawlSetup(data_dir=tmp_path / "data", sources_dir=sources)
        run = setup.crawl(f"{engine}-pages")
        assert run.returncode == 0, run.stderr[-3000:]
        pages = set(site.requested) - {"/robots.txt"}
        assert pages == set(truth["pages"]), "every page fetched, nothing else"
        first = len(site.requested)
        again = recrawl(setup, f"{engine}-pages")
        again_pages = [path for path in site.requested[first:] if path != "/robots.txt"]
        assert set(again_pages) == set(truth.get("recrawl", [start.removeprefix(site.url)])), again_pages
        assert len(again_pages) <= 0.2 * len(pages), (again_pages, len(pages))
        assert again["items_new"] == again["items_changed"] == again["items_reanalysed"] == 0, again
    stored = setup.stored()
    with_relative_dates(posts, stored, truth["timezone"], key_of)
    missing, extra, wrong = differences(stored, posts, key_of, same_post)
    assert not extra, sorted(map(str, extra))
    exact = len(posts) - len(missing) - len(wrong)
    assert exact == len(posts), (sorted(map(str, missing)), wrong[:5])
    threads = {(item["thread"]["id"], item["thread"]["url"]) for item in stored}
    assert len(threads) == len({post["thread"] for post in posts.values()}), sorted(threads)  # every page one thread


FERRY = "/d/1-ferry-times-to-the-islands"
HOSTEL = "/d/21-question-about-the-visitor-centre-at-the-youth-hostel-18"


@pytest.mark.parametrize(
    ("path", "fetched"),
    [(FERRY, ["/", "/?page=2", FERRY, f"{FERRY}?page=2"]), (HOSTEL, ["/", "/?page=2", HOSTEL])],
    ids=["first-on-the-index", "from-page-2-to-the-top"],
)
def test_a_flarum_recrawl_fetches_the_discussion_with_a_new_post(path: str, fetched: list[str], tmp_path: Path) -> None:
    """After one reply to a discussion (its payload's comment count and last post moved; the index, by last post,
    lists it first), a recrawl fetches the index, its next page (a discussion changed on the first) and that
    discussion's pages, and nothing else; the reply is stored with its UTC date, and nothing else is new."""
    folder = PAGES / "flarum"
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    sources = tmp_path / "sources"
    sources.mkdir()
    with served(folder) as site:
        text = SOURCE.format(preset="flarum", url=site.url + "/", timezone=truth["timezone"])
        (sources / "flarum-pages.yml").write_text(text, encoding="utf-8")
        setup = CrawlSetup(data_dir=tmp_path / "data", sources_dir=sources)
        assert setup.crawl("flarum-pages").returncode == 0
        when = "2024-03-22T09:00:00+00:00"
        post = with_new_post(folder, tmp_path / "after", path, "dewi", "The spring timetable is out.", when)
        site.folder = tmp_path / "after"
        first = len(site.requested)
        again = recrawl(setup, "flarum-pages")
        again_pages = [p for p in site.requested[first:] if p != "/robots.txt"]
    assert sorted(again_pages) == sorted(fetched), again_pages
    assert again["items_new"] == 1 and again["items_changed"] == 0, again
    (stored,) = [item for item in setup.stored() if thread_anchor(item["url"]) == f"{path}#post{post.number}"]
    assert stored["author"] == "dewi" and stored["text"] == "The spring timetable is out."
    assert datetime.fromisoformat(stored["posted_at"]) == datetime.fromisoformat(when)
