"""The ``machina`` preset against a real django-machina forum, in English and in Dutch: a source file of a preset, a
URL and a time zone (and the language) crawls it post by post exactly (author, UTC date, text, thread), nothing else,
sub-forums included; a recrawl skips the boards and topics that did not change, on the small forum and on one of
real size, and fetches again the topic with a new post in a sub-forum, its listing and nothing else."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.engines.conftest import MACHINA_TIMEZONE
from tests.engines.crawling import crawl_with_preset, differences, recrawl
from tests.engines.engine_sites import HERE, EngineSite

pytestmark = [pytest.mark.engines, pytest.mark.slow, pytest.mark.timeout(1500)]
_POST = re.compile(r"/topic/[^#]*#(\d+)$")


def post_key(url: str) -> int | None:
    """The post id of a machina post URL: ``/forum/forum/notices-2/topic/slug-5/?page=2#41``."""
    match = _POST.search(url)
    return int(match.group(1)) if match else None


@pytest.mark.parametrize(
    ("site_fixture", "extra"),
    [("machina_site", ""), ("machina_site_nl", "language: nl\n"), ("machina_site_large", "")],
    ids=["en", "nl", "large"],
)
def test_every_post_is_crawled_exactly(
    request: pytest.FixtureRequest, site_fixture: str, extra: str, tmp_path: Path
) -> None:
    site: EngineSite = request.getfixturevalue(site_fixture)
    truth = {t["post_id"]: t for t in site.truth}
    assert len(truth) >= 70 and max(t["post_no"] for t in site.truth) > 15  # threads of more than one page
    assert any(t["forum"] == "Archive" for t in site.truth)  # a sub-forum, linked from its parent's page only
    crawled = crawl_with_preset(site, "machina", MACHINA_TIMEZONE, tmp_path, extra)
    missing, extra_posts, wrong = differences(crawled.stored(), truth, post_key)
    assert not missing and not extra_posts, (sorted(missing), extra_posts)
    assert not wrong, f"{len(wrong)} of {len(truth)} posts differ: {wrong[:5]}"


@pytest.mark.parametrize("site_fixture", ["machina_site", "machina_site_large"], ids=["small", "large"])
def test_a_recrawl_fetches_only_the_sub_forum_topic_with_a_new_post(
    request: pytest.FixtureRequest, site_fixture: str, tmp_path: Path
) -> None:
    """Unchanged, the index shows each board's post count and last post as at the first crawl: a recrawl fetches
    robots.txt and the index only. After one new post in a sub-forum's oldest topic, its parent board's row
    (which counts its sub-forums in) and the sub-forum's row change: the recrawl fetches the parent's first page
    (the sub-forum's row changed there, none of its own topics: its walk stops), the sub-forum's pages, and the
    topic; the post is stored and nothing else is analysed again. The post is dated three hours after the topic's
    last one, as a post approved late is: the topic keeps its place at the end of the sub-forum's list (on the
    large forum its second page), so the walk goes on until a changed topic shows."""
    site: EngineSite = request.getfixturevalue(site_fixture)
    crawled = crawl_with_preset(site, "machina", MACHINA_TIMEZONE, tmp_path)
    first = crawled.runs("machina-forum")[0].stats
    second = recrawl(crawled, "machina-forum")
    assert second["pages"] == 2 and second["pages"] <= 0.2 * first["pages"], (second["pages"], first["pages"])
    assert second["skipped_unchanged_board"] == 2  # Notices (with its sub-forum Archive) and Rotas
    assert second["items_new"] == second["items_changed"] == second["items_reanalysed"] == 0
    archived = [t for t in site.truth if t["forum"] == "Archive"]
    oldest = min(archived, key=lambda t: t["posted_at"])["thread_id"]
    reply = json.loads(site.run_script(HERE / "machina_reply.py", str(oldest)))
    site.truth.append(reply)
    third = recrawl(crawled, "machina-forum")
    assert third["items_new"] == 1 and third["items_changed"] == third["items_reanalysed"] == 0, third
    listing_pages = 2 if site_fixture == "machina_site_large" else 1  # the sub-forum's first page changed
    topic_pages = (reply["post_no"] + 14) // 15
    assert third["pages"] == 2 + 1 + listing_pages + topic_pages, third["pages"]
    truth = {t["post_id"]: t for t in site.truth}
    missing, extra, wrong = differences(crawled.stored(), truth, post_key)
    assert not missing and not extra and not wrong, (missing, extra, wrong[:3])
    fourth = recrawl(crawled, "machina-forum")
    assert fourth["pages"] == 2 and fourth["items_new"] == 0
