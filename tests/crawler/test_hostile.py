"""The hostile-site suite: a real crawl of :mod:`tests.crawler.hostile_site`, one counter per defence.

One crawl of the ads source reaches every case (the expected counter of each is in :data:`EXPECTED`); a second,
of the ``pages`` kind, reads the deeply nested page through trafilatura. The crawl runs with a short timeout and
URL budget so the drip costs seconds, and a link cap of 100 so the capped links stay cheap to fetch.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from lantern.runs import RunLog
from lantern.storage.base import SearchQuery
from lantern.storage.sqlite.store import SQLiteStore
from tests.crawler.hostile_site import (
    AFTER_TEXT,
    CHARSET_TEXT,
    DEEP_TEXT,
    PHOTO_BYTES,
    PRIVATE_DOMAINS,
    HostileSite,
)
from tests.watch import run_watched

pytestmark = pytest.mark.slow

ENV = {"LANTERN_CRAWL_TIMEOUT": "2", "LANTERN_CRAWL_URL_BUDGET": "3", "LANTERN_CRAWL_MAX_LINKS_PER_PAGE": "100"}
#: counter → the least it must be after the crawl of the hostile site
EXPECTED = {
    "limit_depth": 1,  # the pagination trap ends at the ads kind's default depth (100)
    "limit_links": 1,  # the page of 280,000 links gives 100
    "repaired_deep_nesting": 1,
    "repaired_charset": 1,
    "media_sniffed": 1,  # the JPEG served as text/html under a page URL
    "limit_url_time_budget": 1,  # the drip
    "limit_retry_after": 2,  # Retry-After: 3600 and an HTTP date an hour ahead
    "refused_metadata": 2,  # a link to 169.254.169.254, and a 302 to it
    "refused_private_network": 2,  # 10.0.0.1, 192.168.1.1
    "refused_unresolvable": 1,
    "skipped_too_large": 1,  # the gzip bomb
}
PEAK_RSS_MB = 600  # a crawl process is about 250 MB; the 280,000 links used to add 700 MB


@dataclass
class Crawl:
    """One finished crawl: its exit status, output, peak memory, ports it listened on and the run it recorded."""

    returncode: int
    stderr: str
    peak_mb: float
    seconds: float
    data_dir: Path
    listened: set[int]

    def run(self):  # type: ignore[no-untyped-def]
        with RunLog(self.data_dir / "lantern.db") as log:
            return log.recent()[0]

    def texts(self) -> dict[str, str]:
        with SQLiteStore(self.data_dir / "lantern.db") as store:
            return {item["url"].rsplit("/", 1)[-1]: item["text"] for item in store.iter_items(SearchQuery())}


def crawl(tmp_path: Path, source: dict, env: dict[str, str]) -> Crawl:
    """Write the source file, run ``lantern crawl`` on it to the end, watching its memory."""
    sources, data = tmp_path / "sources", tmp_path / "data"
    sources.mkdir(exist_ok=True)
    (sources / f"{source['name']}.yml").write_text(yaml.safe_dump(source))
    environment = os.environ | env | {"LANTERN_DATA_DIR": str(data), "LANTERN_SOURCES_DIR": str(sources)}
    command = [sys.executable, "-m", "lantern", "crawl", source["name"], "--no-progress"]
    done = run_watched(command, environment)
    return Crawl(done.returncode, done.stderr, done.peak_mb, done.seconds, data, done.listened)


def ads_source(site: HostileSite) -> dict:
    return {
        "name": "hostile",
        "kind": "ads",
        "start_urls": [site.url + "/"],
        "allowed_domains": ["127.0.0.1", *PRIVATE_DOMAINS],
        "allow_private_network": ["127.0.0.1"],
        "obey_robots": False,
        "links": {"listing": "a.listing", "next_page": "a.next", "detail": "a.ad, div.ads a"},
        "fields": {"title": "h1.ad-title", "body": "div.ad-body"},
        "politeness": {"delay": 0, "concurrency": 8, "autothrottle": False},
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[HostileSite, Crawl]:
    """The hostile site, crawled once."""
    with HostileSite() as site:
        yield site, crawl(tmp_path_factory.mktemp("hostile"), ads_source(site), ENV)


def test_the_crawl_ends_and_is_not_failed(hostile: tuple[HostileSite, Crawl]) -> None:
    _, result = hostile
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.run().status in ("finished", "degraded"), result.run()
    assert "Traceback" not in result.stderr


def test_the_crawl_opens_no_listening_port(hostile: tuple[HostileSite, Crawl]) -> None:
    assert hostile[1].listened == set()  # Scrapy's telnet console (a Python shell on 6023) stays off


@pytest.mark.parametrize("counter", sorted(EXPECTED))
def test_each_defence_is_counted(hostile: tuple[HostileSite, Crawl], counter: str) -> None:
    stats = hostile[1].run().stats
    assert stats.get(counter, 0) >= EXPECTED[counter], (counter, stats)


def test_a_pagination_trap_ends_at_the_default_depth(hostile: tuple[HostileSite, Crawl]) -> None:
    site, _ = hostile
    traps = [path for path in site.requests if path.startswith("/trap/")]
    assert 50 <= len(traps) <= 110, len(traps)


def test_only_the_capped_links_are_followed_and_memory_stays_bounded(hostile: tuple[HostileSite, Crawl]) -> None:
    site, result = hostile
    assert len([path for path in site.requests if re.match(r"/m\d", path)]) == 100
    assert result.peak_mb < PEAK_RSS_MB, result.peak_mb


def test_text_from_deep_nesting_and_a_wrong_charset_is_kept(hostile: tuple[HostileSite, Crawl]) -> None:
    texts = hostile[1].texts()
    assert DEEP_TEXT in texts["deep"] and AFTER_TEXT in texts["deep"]
    assert CHARSET_TEXT in texts["charset"]


def test_media_under_a_page_url_is_stopped_at_its_first_bytes(hostile: tuple[HostileSite, Crawl]) -> None:
    site, result = hostile
    assert site.sent["/ad/photo"] < PHOTO_BYTES // 4, site.sent["/ad/photo"]
    assert "photo" not in result.texts()


def test_a_drip_costs_one_url_budget_not_four_timeouts(hostile: tuple[HostileSite, Crawl]) -> None:
    site, _ = hostile
    attempts = site.timings["/ad/drip"]
    assert len(attempts) <= 2 and site.sent["/ad/drip"] <= 5, (attempts, site.sent["/ad/drip"])


def test_a_retry_after_beyond_the_cap_is_not_waited_for(hostile: tuple[HostileSite, Crawl]) -> None:
    site, result = hostile
    assert site.requests["/ad/busy-forever"] == 1 and site.requests["/ad/busy-date"] == 1
    assert result.seconds < 60, result.seconds


def test_the_deep_page_keeps_its_text_in_a_pages_source(tmp_path: Path) -> None:
    with HostileSite() as site:
        source = {
            "name": "deep-pages",
            "kind": "pages",
            "start_urls": [site.url + "/ad/deep"],
            "allow_private_network": ["127.0.0.1"],
            "obey_robots": False,
            "recrawl": {"depth": 0},
        }
        result = crawl(tmp_path, source, ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    texts = result.texts()
    assert DEEP_TEXT in texts["deep"] and AFTER_TEXT in texts["deep"], texts
    assert result.run().stats["repaired_deep_nesting"] == 1
