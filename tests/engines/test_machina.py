"""The ``machina`` preset against a real django-machina forum: a source file of a preset, a URL and a time zone
crawls it post by post exactly (author, UTC date, text, thread), and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.engines.conftest import MACHINA_TIMEZONE
from tests.engines.crawling import crawl_with_preset, differences
from tests.engines.engine_sites import EngineSite

pytestmark = [pytest.mark.engines, pytest.mark.slow, pytest.mark.timeout(1500)]
_POST = re.compile(r"/topic/[^#]*#(\d+)$")


def post_key(url: str) -> int | None:
    """The post id of a machina post URL: ``/forum/forum/notices-2/topic/slug-5/?page=2#41``."""
    match = _POST.search(url)
    return int(match.group(1)) if match else None


def test_every_post_is_crawled_exactly(machina_site: EngineSite, tmp_path: Path) -> None:
    truth = {t["post_id"]: t for t in machina_site.truth}
    assert len(truth) >= 70 and max(t["post_no"] for t in machina_site.truth) > 30  # threads of three pages
    crawled = crawl_with_preset(machina_site, "machina", MACHINA_TIMEZONE, tmp_path)
    missing, extra, wrong = differences(crawled.stored(), truth, post_key)
    assert not missing and not extra, (sorted(missing), extra)
    assert not wrong, f"{len(wrong)} of {len(truth)} posts differ: {wrong[:5]}"
