"""The ``spirit`` preset against a real Spirit forum: a source file of a preset, a URL and a time zone crawls it
post by post exactly (author, UTC date, text, thread), and nothing else."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.crawler.crawling import CrawlSetup, same_text
from tests.engines.conftest import SPIRIT_TIMEZONE
from tests.engines.engine_sites import EngineSite

pytestmark = [pytest.mark.engines, pytest.mark.slow, pytest.mark.timeout(1500)]

SOURCE = """\
preset: spirit
start_urls: ["{url}"]
timezone: {timezone}
allow_private_network: true
politeness: {{delay: 0, concurrency: 4, autothrottle: false}}
"""
_POST = re.compile(r"/topic/(\d+)/[^#]*#c(\d+)$")


@pytest.fixture(scope="module")
def crawled(spirit_site: EngineSite, tmp_path_factory: pytest.TempPathFactory) -> CrawlSetup:
    folder = tmp_path_factory.mktemp("spirit-crawl")
    sources = folder / "sources"
    sources.mkdir()
    (sources / "spirit-forum.yml").write_text(SOURCE.format(url=spirit_site.url, timezone=SPIRIT_TIMEZONE))
    setup = CrawlSetup(data_dir=folder / "data", sources_dir=sources)
    run = setup.crawl("spirit-forum", timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    return setup


def test_every_post_is_crawled_exactly(crawled: CrawlSetup, spirit_site: EngineSite) -> None:
    truth = {(t["thread_id"], t["post_no"]): t for t in spirit_site.truth}
    assert len(truth) >= 100 and max(t["post_no"] for t in spirit_site.truth) > 40  # threads of three pages
    stored = {}
    for item in crawled.stored():
        match = _POST.search(item["url"])
        assert match, f"not a post: {item['url']}"
        stored[(int(match.group(1)), int(match.group(2)))] = item
    assert set(stored) == set(truth), (sorted(set(truth) - set(stored)), sorted(set(stored) - set(truth)))
    wrong = []
    for key, want in truth.items():
        item = stored[key]
        same = (
            item["author"] == want["author"]
            and item["posted_at"] is not None
            and datetime.fromisoformat(item["posted_at"]) == datetime.fromisoformat(want["posted_at"])
            and same_text(item["text"], want["text"])
            and item["title"] == want["thread"]
            and item["thread"] is not None
            and item["thread"]["title"] == want["thread"]
        )
        if not same:
            wrong.append((key, item["author"], item["posted_at"], item["text"][:60], want))
    assert not wrong, f"{len(wrong)} of {len(truth)} posts differ: {wrong[:5]}"
