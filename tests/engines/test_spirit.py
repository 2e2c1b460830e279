"""The ``spirit`` preset against a real Spirit forum: a source file of a preset, a URL and a time zone crawls it
post by post exactly (author, UTC date, text, thread), and nothing else; a recrawl fetches only what changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.engines.conftest import SPIRIT_TIMEZONE
from tests.engines.crawling import crawl_with_preset, differences, recrawl
from tests.engines.engine_sites import HERE, EngineSite

pytestmark = [pytest.mark.engines, pytest.mark.slow, pytest.mark.timeout(1500)]
_POST = re.compile(r"/topic/(\d+)/[^#]*#c(\d+)$")


def post_key(url: str) -> tuple[int, int] | None:
    """(topic id, position) of a Spirit post URL: ``/topic/5/slug/?page=2#c21``."""
    match = _POST.search(url)
    return (int(match.group(1)), int(match.group(2))) if match else None


def test_every_post_is_crawled_exactly(spirit_site: EngineSite, tmp_path: Path) -> None:
    truth = {(t["thread_id"], t["post_no"]): t for t in spirit_site.truth}
    assert len(truth) >= 100 and max(t["post_no"] for t in spirit_site.truth) > 40  # threads of three pages
    crawled = crawl_with_preset(spirit_site, "spirit", SPIRIT_TIMEZONE, tmp_path)
    missing, extra, wrong = differences(crawled.stored(), truth, post_key)
    assert not missing and not extra, (sorted(missing), extra)
    assert not wrong, f"{len(wrong)} of {len(truth)} posts differ: {wrong[:5]}"


def test_a_recrawl_fetches_only_the_topic_with_a_new_reply(spirit_site: EngineSite, tmp_path: Path) -> None:
    crawled = crawl_with_preset(spirit_site, "spirit", SPIRIT_TIMEZONE, tmp_path)
    first = crawled.runs("spirit-forum")[0].stats
    second = recrawl(crawled, "spirit-forum")
    assert second["pages"] <= 0.2 * first["pages"], (second["pages"], first["pages"])
    assert second["items_new"] == second["items_changed"] == second["items_reanalysed"] == 0
    reply = json.loads(spirit_site.run_script(HERE / "spirit_reply.py", "5"))  # the topic of three pages
    spirit_site.truth.append(reply)
    third = recrawl(crawled, "spirit-forum")
    assert third["items_new"] == 1 and third["items_changed"] == 0, third
    assert third["pages"] - second["pages"] == 3  # the topic's three pages, and nothing else
    truth = {(t["thread_id"], t["post_no"]): t for t in spirit_site.truth}
    missing, extra, wrong = differences(crawled.stored(), truth, post_key)
    assert not missing and not extra and not wrong, (missing, extra, wrong[:3])
