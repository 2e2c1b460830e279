"""The ``machina`` preset against a real django-machina forum, in English and in Dutch: a source file of a preset, a
URL and a time zone (and the language) crawls it post by post exactly (author, UTC date, text, thread), nothing else;
a recrawl skips the topics that did not change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.engines.conftest import MACHINA_TIMEZONE
from tests.engines.crawling import crawl_with_preset, differences, recrawl
from tests.engines.engine_sites import EngineSite

pytestmark = [pytest.mark.engines, pytest.mark.slow, pytest.mark.timeout(1500)]
_POST = re.compile(r"/topic/[^#]*#(\d+)$")


def post_key(url: str) -> int | None:
    """The post id of a machina post URL: ``/forum/forum/notices-2/topic/slug-5/?page=2#41``."""
    match = _POST.search(url)
    return int(match.group(1)) if match else None


@pytest.mark.parametrize(
    ("site_fixture", "extra"), [("machina_site", ""), ("machina_site_nl", "language: nl\n")], ids=["en", "nl"]
)
def test_every_post_is_crawled_exactly(
    request: pytest.FixtureRequest, site_fixture: str, extra: str, tmp_path: Path
) -> None:
    site: EngineSite = request.getfixturevalue(site_fixture)
    truth = {t["post_id"]: t for t in site.truth}
    assert len(truth) >= 70 and max(t["post_no"] for t in site.truth) > 30  # threads of three pages
    crawled = crawl_with_preset(site, "machina", MACHINA_TIMEZONE, tmp_path, extra)
    missing, extra_posts, wrong = differences(crawled.stored(), truth, post_key)
    assert not missing and not extra_posts, (sorted(missing), extra_posts)
    assert not wrong, f"{len(wrong)} of {len(truth)} posts differ: {wrong[:5]}"


def test_a_recrawl_of_the_unchanged_forum_fetches_no_topic(machina_site: EngineSite, tmp_path: Path) -> None:
    """Each visit raises a topic's view count on its board page; the preset's ``thread_activity`` leaves it out, so
    a recrawl fetches robots.txt, the index and the two boards only (this small forum: 4 pages of 13)."""
    crawled = crawl_with_preset(machina_site, "machina", MACHINA_TIMEZONE, tmp_path)
    second = recrawl(crawled, "machina-forum")
    assert second["skipped_unchanged"] == len({t["thread"] for t in machina_site.truth})
    assert second["pages"] == 4, second["pages"]
    assert second["items_new"] == second["items_changed"] == second["items_reanalysed"] == 0
