"""Recrawls skip what did not change: a forum's listing rows, a sitemap's ``lastmod``, a feed's dates.

Real ``lantern crawl`` runs against the fixture forum and against a plain static-file server (Python's own
``http.server``) serving the fixture forum's pages written to a folder, with a sitemap and a feed beside them.
"""

from __future__ import annotations

import functools
import gzip
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from lantern.fixtures.content import FixtureContent
from lantern.fixtures.server import FixtureSites
from lantern.storage.sqlite.store import SQLiteStore
from tests.crawler.crawling import CrawlSetup, setup_for, truth_id

pytestmark = pytest.mark.slow
FORUM = "demo-forum"
SIZE = 300  # ads; the forum gets 200 posts in 45 threads on 9 board pages


@pytest.fixture
def forum_sites() -> Iterator[FixtureSites]:
    """The fixture sites with a forum large enough that its threads outnumber its board pages as on real forums."""
    with FixtureSites(seed=7, size=SIZE) as sites:
        yield sites


def crawl_ok(setup: CrawlSetup, name: str = FORUM) -> dict[str, Any]:
    """One finished crawl; its run's counters."""
    run = setup.crawl(name)
    assert run.returncode == 0, run.stderr[-3000:]
    last = setup.runs(name)[0]
    assert last.status == "finished", (last.status, last.reasons)
    return dict(last.stats)


def forum_ids(sites: FixtureSites) -> set[str]:
    return {truth_id(e) for e in sites.truth if e["site"] == "forum"}


def test_a_recrawl_of_an_unchanged_forum_fetches_its_boards_only(tmp_path: Path, forum_sites: FixtureSites) -> None:
    setup = setup_for(forum_sites, tmp_path)
    first = crawl_ok(setup)
    assert {item["id"] for item in setup.stored()} == forum_ids(forum_sites)
    second = crawl_ok(setup)
    assert second["pages"] <= 0.2 * first["pages"], (second["pages"], first["pages"])
    assert second["skipped_unchanged"] >= 30
    assert second["items_new"] == second["items_changed"] == second["items_reanalysed"] == 0
    thread_url = forum_sites.add_post()
    forum_sites.clear_requests()
    third = crawl_ok(setup)
    assert third["items_new"] == 1 and third["items_changed"] == 0, third
    fetched = {path for path in forum_sites.requested_paths("forum") if path.startswith("/thread/")}
    assert fetched and all(forum_sites.forum_url + path.split("?")[0] == thread_url for path in fetched), fetched
    assert {item["id"] for item in setup.stored()} == forum_ids(forum_sites)  # nothing new missed
    fourth = crawl_ok(setup)
    assert fourth["pages"] == second["pages"] and fourth["items_new"] == 0
    setup.edit_source(FORUM, fields={**forum_fields(setup), "author": ".post-author, .no-such-class"})
    fifth = crawl_ok(setup)  # new selectors: every thread is fetched once again, so they reach every item
    assert fifth["pages"] >= first["pages"], (fifth["pages"], first["pages"])
    assert not fifth.get("skipped_unchanged")


def forum_fields(setup: CrawlSetup) -> dict[str, Any]:
    import yaml

    return dict(yaml.safe_load((setup.sources_dir / f"{FORUM}.yml").read_text())["fields"])


def test_a_run_that_spooled_items_keeps_no_signatures(tmp_path: Path, forum_sites: FixtureSites) -> None:
    setup = setup_for(forum_sites, tmp_path)
    store = setup.data_dir / "lantern.db"
    SQLiteStore(store).close()
    holder = sqlite3.connect(store, timeout=5, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another process's long write: the crawl can only spool its items
    try:
        run = _crawl_busy(setup)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert run.returncode == 0, run.stderr[-2000:]
    spooled = setup.runs(FORUM)[0]
    assert spooled.status == "degraded" and spooled.stats["spooled"] > 0
    assert signatures(setup) == 0
    again = crawl_ok(setup)  # every thread is fetched again (and the spool replayed)
    assert again["pages"] == spooled.stats["pages"] and not again.get("skipped_unchanged")
    assert {item["id"] for item in setup.stored()} == forum_ids(forum_sites)
    assert signatures(setup) > 30


def test_a_stopped_run_keeps_no_signatures(tmp_path: Path, forum_sites: FixtureSites) -> None:
    setup = setup_for(forum_sites, tmp_path)
    setup.edit_source(FORUM, politeness={"delay": 0.1, "concurrency": 1, "autothrottle": False})
    process = setup.start(FORUM)
    deadline = time.monotonic() + 60
    while stored_count(setup) < 10:
        assert process.poll() is None and time.monotonic() < deadline, "the crawl stored nothing in time"
        time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    assert setup.runs(FORUM)[0].status == "stopped"
    assert signatures(setup) == 0


def stored_count(setup: CrawlSetup) -> int:
    """Items stored so far (the connection closed at once, see tests/crawler/test_resume.py)."""
    try:
        with closing(sqlite3.connect(setup.data_dir / "lantern.db", timeout=5)) as db:
            return int(db.execute("SELECT count(*) FROM items").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _crawl_busy(setup: CrawlSetup) -> Any:
    import subprocess

    env = setup.env | {"LANTERN_STORE_BUSY_TIMEOUT": "1"}
    return subprocess.run(setup.command(FORUM), env=env, capture_output=True, text=True, timeout=300, check=False)


def signatures(setup: CrawlSetup, source: str = FORUM) -> int:
    """How many page signatures the source's state keeps."""
    path = setup.data_dir / "state" / source / "seen.sqlite"
    if not path.exists():
        return 0
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT count(*) FROM seen").fetchone()[0])


# --- sitemaps and feeds from a static-file server -------------------------------------------------------------


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Silent."""


@pytest.fixture
def static_forum(tmp_path: Path) -> Iterator[tuple[str, Path, FixtureContent]]:
    """The fixture forum's pages as files, served by ``http.server`` on a free port: (base URL, folder, content)."""
    content = FixtureContent(seed=7, size="small")
    folder = tmp_path / "www"
    write_forum(content, folder)
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", folder, content
    server.shutdown()
    server.server_close()


def write_forum(content: FixtureContent, folder: Path) -> None:
    """The forum's thread pages as ``thread-N.html`` (first pages only) and its robots.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    for path, page in content.pages["forum"].items():
        if path.startswith("/thread/") and "?" not in path:
            (folder / f"thread-{path.split('/')[2]}.html").write_bytes(page.body)
    (folder / "robots.txt").write_bytes(content.pages["forum"]["/robots.txt"].body)


def write_sitemap(folder: Path, base: str, content: FixtureContent, changed: dict[int, str]) -> None:
    """A sitemap index pointing at one sitemap of every thread with its ``lastmod``."""
    urls = "".join(
        f"<url><loc>{base}/thread-{t.id}.html</loc><lastmod>{changed.get(t.id, '2024-03-01')}</lastmod></url>"
        for t in content.forum.threads
    )
    xmlns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    (folder / "sitemap-threads.xml").write_text(f'<?xml version="1.0"?><urlset {xmlns}>{urls}</urlset>')
    index = f"<sitemap><loc>{base}/sitemap-threads.xml</loc></sitemap>"
    (folder / "sitemap.xml").write_text(f'<?xml version="1.0"?><sitemapindex {xmlns}>{index}</sitemapindex>')


def write_feed(folder: Path, base: str, content: FixtureContent, changed: dict[int, str]) -> None:
    """An Atom feed of every thread with its ``updated`` date."""
    entries = "".join(
        f'<entry><title>{t.id}</title><id>{base}/thread-{t.id}.html</id><link href="{base}/thread-{t.id}.html"/>'
        f"<updated>{changed.get(t.id, '2024-03-01T10:00:00Z')}</updated></entry>"
        for t in content.forum.threads
    )
    atom = '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>'
    (folder / "atom.xml").write_text(f"{atom}{entries}</feed>")


def listed_source(setup_dir: Path, name: str, field: str, url: str) -> CrawlSetup:
    """A forum source whose only start point is a sitemap or a feed (``field``)."""
    sources = setup_dir / "sources"
    sources.mkdir(exist_ok=True)
    (sources / f"{name}.yml").write_text(
        f"kind: forum\n{field}: ['{url}']\nallow_private_network: [127.0.0.1]\n"
        "links: {thread: a.thread-link}\n"
        "fields: {post: article.post, body: .post-body, author: .post-author, thread_title: h1.thread-title,"
        " posted_at: 'time.post-date::attr(datetime)', exclude: [blockquote.quote, .signature]}\n"
        "politeness: {delay: 0, concurrency: 4, autothrottle: false}\n",
        encoding="utf-8",
    )
    return CrawlSetup(setup_dir / "data", sources)


@pytest.mark.parametrize("field", ["start_sitemaps", "start_feeds"])
def test_sitemaps_and_feeds_are_start_points_and_their_dates_skip_unchanged_pages(
    field: str, static_forum: tuple[str, Path, FixtureContent], tmp_path: Path
) -> None:
    base, folder, content = static_forum
    write, start = (write_sitemap, "sitemap.xml") if field == "start_sitemaps" else (write_feed, "atom.xml")
    write(folder, base, content, {})
    setup = listed_source(tmp_path, "listed", field, f"{base}/{start}")
    threads = len(content.forum.threads)
    first = crawl_ok(setup, "listed")
    first_posts = {item["url"].split("#")[0] for item in setup.stored()}
    assert len(first_posts) == threads and first["items_new"] >= threads
    second = crawl_ok(setup, "listed")
    assert second["skipped_unchanged"] == threads and second["items_new"] == second["items_changed"] == 0
    newer = "2024-03-02" if field == "start_sitemaps" else "2024-03-02T10:00:00Z"
    write(folder, base, content, {1: newer})  # one thread's date changed: only that one is fetched again
    third = crawl_ok(setup, "listed")
    assert third["skipped_unchanged"] == threads - 1 and third["items_unchanged"] >= 1


def test_a_gzipped_sitemap_is_read_and_its_lastmod_skips_unchanged_pages(
    static_forum: tuple[str, Path, FixtureContent], tmp_path: Path
) -> None:
    """A ``.xml.gz`` sitemap as sites publish them: ``http.server`` sends it as ``application/gzip`` (no
    ``Content-Encoding``), so the crawler itself gunzips it."""
    base, folder, content = static_forum
    write_sitemap(folder, base, content, {})
    xml = (folder / "sitemap-threads.xml").read_bytes()
    (folder / "sitemap-threads.xml.gz").write_bytes(gzip.compress(xml))
    (folder / "sitemap-threads.xml").unlink()
    setup = listed_source(tmp_path, "gzipped", "start_sitemaps", f"{base}/sitemap-threads.xml.gz")
    threads = len(content.forum.threads)
    first = crawl_ok(setup, "gzipped")
    assert len({item["url"].split("#")[0] for item in setup.stored()}) == threads and first["items_new"] >= threads
    second = crawl_ok(setup, "gzipped")
    assert second["skipped_unchanged"] == threads and second["items_new"] == second["items_changed"] == 0


def test_a_gzipped_sitemap_that_grows_past_the_size_limit_is_left(
    static_forum: tuple[str, Path, FixtureContent], tmp_path: Path
) -> None:
    """A gzip bomb (1 KiB on the wire, 8 MiB unpacked) is not unpacked past ``LANTERN_CRAWL_MAX_RESPONSE_BYTES``."""
    import subprocess

    base, folder, _ = static_forum
    padding = b"<!--" + b" " * (8 * 1024 * 1024) + b"-->"
    (folder / "bomb.xml.gz").write_bytes(gzip.compress(b'<?xml version="1.0"?>' + padding + b"<urlset/>"))
    setup = listed_source(tmp_path, "bomb", "start_sitemaps", f"{base}/bomb.xml.gz")
    env = setup.env | {"LANTERN_CRAWL_MAX_RESPONSE_BYTES": str(1024 * 1024)}
    run = subprocess.run(setup.command("bomb"), env=env, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode in (0, 1), run.stderr[-2000:]
    stats = setup.runs("bomb")[0].stats
    assert stats["skipped_too_large"] == 1 and stats["pages"] <= 2 and not setup.stored(), stats
