"""The ``django-classified`` preset against a real django-classified site: a source file of a preset, a URL and a
time zone crawls it ad by ad exactly (title, text, location, price, contact, date), and nothing else.

Title and price come from the page's JSON-LD ``Product`` (the preset has no selector for them). The only date
on the engine's pages is Django's ``timesince`` ("6 months, 2 weeks ago"): exact means the instant lies within
the smallest unit the page shows, counted back from the fetch time.
"""

from __future__ import annotations

import json
import re
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.crawler.crawling import same_text
from tests.engines.conftest import CLASSIFIED_TIMEZONE
from tests.engines.crawling import crawl_with_preset, differences, recrawl
from tests.engines.engine_sites import HERE, EngineSite

pytestmark = [pytest.mark.engines, pytest.mark.slow, pytest.mark.timeout(1500)]
_AD = re.compile(r"/(\d+)-[^/]*/$")
# The smallest unit ``timesince`` shows for an age (it prints two adjacent units at most, rounded down).
_UNITS = (
    (timedelta(days=1), timedelta(minutes=1)),
    (timedelta(days=7), timedelta(hours=1)),
    (timedelta(days=30), timedelta(days=1)),
    (timedelta(days=365), timedelta(days=7)),
    (timedelta.max, timedelta(days=31)),
)
SLACK = timedelta(seconds=90)  # between the page's rendering and the spider's fetch time


def ad_key(url: str) -> int | None:
    """The item id of a django-classified ad URL: ``/12-pine-wardrobe-12/``."""
    match = _AD.search(url)
    return int(match.group(1)) if match else None


def same_ad(item: Any, want: dict[str, Any]) -> bool:
    """Title, text, location, price and contact as the truth; the date within what ``timesince`` shows."""
    return (
        item["title"] == want["title"]
        and same_text(item["text"], want["text"])
        and item.get("location_hint") == want["location"]
        and item.get("price") == f"{want['price']} {want['currency']}"
        and item.get("contact") == want["phone"]
        and within_timesince(item["posted_at"], item["fetched_at"], want["posted_at"])
    )


def within_timesince(crawled: str | None, fetched_at: str, posted: str) -> bool:
    """Whether the crawled date is the true one as far as the page's ``timesince`` tells it."""
    if crawled is None:
        return False
    truth, fetched = datetime.fromisoformat(posted), datetime.fromisoformat(fetched_at)
    unit = next(unit for limit, unit in _UNITS if fetched - truth < limit)
    return -SLACK <= datetime.fromisoformat(crawled) - truth < unit + SLACK


def test_every_ad_is_crawled_exactly(classified_site: EngineSite, tmp_path: Path) -> None:
    truth = {t["item_id"]: t for t in classified_site.truth}
    assert len(truth) >= 30 and any(t["location"] is None for t in truth.values())
    crawled = crawl_with_preset(classified_site, "django-classified", CLASSIFIED_TIMEZONE, tmp_path)
    missing, extra, wrong = differences(crawled.stored(), truth, ad_key, same_ad)
    assert not missing and not extra, (sorted(missing), extra)
    assert not wrong, f"{len(wrong)} of {len(truth)} ads differ: {wrong[:5]}"
    stats = crawled.runs("django-classified-forum")[0].stats
    assert stats["structured_title"] == stats["structured_price"] == len(truth)
    assert not stats.get("structured_malformed")


def test_a_recrawl_of_the_unchanged_site_marks_no_ad_changed(classified_site: EngineSite, tmp_path: Path) -> None:
    """Every date on the site is relative ("3 weeks, 2 days ago"): read again later it moves, but stays the same
    date within what the page shows, so no ad counts as changed and each keeps its first reading."""
    crawled = crawl_with_preset(classified_site, "django-classified", CLASSIFIED_TIMEZONE, tmp_path)
    first = {item["id"]: item["posted_at"] for item in crawled.stored()}
    time.sleep(61)  # past a minute: every "N minutes ago" of the site now reads one minute later
    again = crawled.crawl("django-classified-forum", timeout=600)
    assert again.returncode == 0, again.stderr[-3000:]
    stats = crawled.runs("django-classified-forum")[0].stats
    assert stats["items_changed"] == stats["items_new"] == stats["items_reanalysed"] == 0, stats
    assert stats["items_unchanged"] == len(first)
    assert {item["id"]: item["posted_at"] for item in crawled.stored()} == first


def test_an_unchanged_recrawl_reads_the_sitemap_and_finds_an_edited_and_a_new_ad(
    classified_site: EngineSite, tmp_path: Path
) -> None:
    """The ads come from ``sitemap.xml``, whose ``lastmod`` is each ad's ``updated`` as a day: once that day has
    ended before the last fetch, an ad whose ``lastmod`` stayed is skipped, and so is a group whose ``lastmod``
    (its ads' latest) stayed. The site is first aged (every ``updated`` three days back, as a site looks days after
    its last edit); then a recrawl of it fetches robots.txt, the sitemap and the index only. An ad edited with
    ``save()`` (``updated`` moves to now; its row on the listing does not change) and a new ad are fetched and
    found. Runs last: it changes the site (docs/SOURCES.md, "What a recrawl skips")."""
    classified_site.run_script(HERE / "classified_edit.py", "age")
    crawled = crawl_with_preset(classified_site, "django-classified", CLASSIFIED_TIMEZONE, tmp_path)
    first = crawled.runs("django-classified-forum")[0].stats
    ads = len(classified_site.truth)
    assert first["items_new"] == first["structured_title"] == ads, first  # each ad fetched once
    second = recrawl(crawled, "django-classified-forum")
    assert second["items_new"] == second["items_changed"] == second["items_reanalysed"] == 0, second
    assert second["pages"] <= 0.2 * first["pages"], (second["pages"], first["pages"])
    assert second["skipped_unchanged"] >= ads, second
    edited = json.loads(classified_site.run_script(HERE / "classified_edit.py", "edit"))
    added = json.loads(classified_site.run_script(HERE / "classified_edit.py", "add"))
    truth = {t["item_id"]: t for t in classified_site.truth} | {edited["item_id"]: edited, added["item_id"]: added}
    third = recrawl(crawled, "django-classified-forum")
    assert third["items_changed"] == 1 and third["items_new"] == 1, third
    assert third["skipped_unchanged"] >= ads - 1, third
    missing, extra, wrong = differences(crawled.stored(), truth, ad_key, same_ad)
    assert not missing and not extra and not wrong, (sorted(missing), extra, wrong[:3])
    classified_site.truth[:] = list(truth.values())
    print(f"pages: first {first['pages']}, unchanged {second['pages']}, after an edit and a new ad {third['pages']}")
