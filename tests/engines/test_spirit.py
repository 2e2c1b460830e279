"""The ``spirit`` preset against a real Spirit forum: a source file of a preset, a URL and a time zone crawls it
post by post exactly (author, UTC date, text, thread), and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.engines.conftest import SPIRIT_TIMEZONE
from tests.engines.crawling import crawl_with_preset, differences
from tests.engines.engine_sites import EngineSite

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
