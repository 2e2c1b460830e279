"""End to end: the real `lantern crawl` against the fixture sites, into a real SQLite store."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from crawler.middlewares.media import is_media_url
from lantern.fixtures.server import FixtureSites
from tests.crawler.crawling import SOURCES, CrawlSetup, same_text, setup_for, truth_id


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, fixture_sites: FixtureSites) -> CrawlSetup:
    """Both demo sources crawled once into a fresh data folder."""
    fixture_sites.clear_requests()
    setup = setup_for(fixture_sites, tmp_path_factory.mktemp("crawl"))
    for name in SOURCES:
        run = setup.crawl(name)
        assert run.returncode == 0, run.stderr[-3000:]
    return setup


def test_every_ground_truth_item_is_stored_exactly_once(crawled: CrawlSetup, fixture_sites: FixtureSites) -> None:
    stored = crawled.stored()
    ids = Counter(item["id"] for item in stored)
    assert max(ids.values()) == 1
    expected = {truth_id(entry): entry for entry in fixture_sites.truth}
    by_id = {item["id"]: item["url"] for item in stored}
    extra = sorted(by_id[i] for i in set(ids) - set(expected))
    missing = sorted(expected[i]["id_hint"] for i in set(expected) - set(ids))
    assert not extra and not missing, (extra, missing)
    for item in stored:
        truth = expected[item["id"]]
        assert same_text(item["title"], truth["title"]), item["url"]
        assert same_text(item["text"], truth["text"]), item["url"]
        assert item["author"] == truth["author"]
        assert datetime.fromisoformat(item["posted_at"]) == datetime.fromisoformat(truth["posted_at"])
        assert item["kind"] == {"ad": "ads", "post": "forum"}[truth["kind"]]
        assert item["times_seen"] == 1 and item["first_seen"] == item["last_seen"]


def test_posts_carry_their_thread(crawled: CrawlSetup) -> None:
    posts = [item for item in crawled.stored() if item["kind"] == "forum"]
    assert posts and all(p["thread"] and p["thread"]["title"] and p["thread"]["post_no"] >= 1 for p in posts)
    assert all("quote" not in p["text"].lower()[:0] for p in posts)


def test_flagged_items_match_the_ground_truth(crawled: CrawlSetup, fixture_sites: FixtureSites) -> None:
    minors = {truth_id(e) for e in fixture_sites.truth if e["indicators"]["minor"]}
    flagged = {
        item["id"]
        for item in crawled.stored()
        if item["analysis"]["risk"]["level"] in ("medium", "high")
        and {"minor_age", "youth_term", "coded_term"} & set(item["analysis"]["flags"])
    }
    assert minors, "the fixture sites hold indicator items"
    assert len(minors & flagged) / len(minors) >= 0.9
    assert len(flagged - minors) <= max(1, len(flagged) // 10)


def test_media_and_robots_disallowed_pages_are_never_requested(
    crawled: CrawlSetup, fixture_sites: FixtureSites
) -> None:
    paths = fixture_sites.requested_paths()
    assert paths, "the crawl made requests"
    assert not [p for p in paths if is_media_url(p)]
    assert not [p for p in paths if p.startswith("/private")]
    runs = {run.source: run for run in crawled.runs()}
    assert runs["demo-classifieds"].stats["media_blocked"] >= 1


def test_hostile_pages_are_skipped_and_counted(crawled: CrawlSetup) -> None:
    stats = {run.source: run for run in crawled.runs()}["demo-classifieds"].stats
    for reason in ("skipped_too_large", "skipped_binary", "skipped_broken_encoding", "skipped_redirect_loop"):
        assert stats.get(reason, 0) >= 1, (reason, stats)
    assert stats.get("skipped_http_500", 0) >= 1 and stats.get("skipped_http_404", 0) >= 1


def test_runs_are_recorded_as_finished(crawled: CrawlSetup) -> None:
    runs = crawled.runs()
    assert {run.source for run in runs} == set(SOURCES)
    assert all(run.status == "finished" and run.ended_at for run in runs)
    assert sum(run.stats["items_new"] for run in runs) == len(crawled.stored())


@pytest.mark.slow
def test_recrawl_stores_no_duplicates_and_updates_changes(tmp_path: Path, fresh_fixture_sites: FixtureSites) -> None:
    setup = setup_for(fresh_fixture_sites, tmp_path)
    assert setup.crawl("demo-classifieds").returncode == 0
    first = {item["id"]: item for item in setup.stored()}
    second = setup.crawl("demo-classifieds")
    assert second.returncode == 0, second.stderr[-2000:]
    run = setup.runs("demo-classifieds")[0]
    assert run.stats["items_new"] == 0 and run.stats["items_changed"] == 0
    assert run.stats["items_unchanged"] == len(first)
    again = {item["id"]: item for item in setup.stored()}
    assert again.keys() == first.keys()
    assert all(again[i]["analysis"] == first[i]["analysis"] and again[i]["times_seen"] == 2 for i in first)
    changes = fresh_fixture_sites.mutate(n_changed=3, n_new=2)
    assert setup.crawl("demo-classifieds").returncode == 0
    run = setup.runs("demo-classifieds")[0]
    assert run.stats["items_new"] == 2 and run.stats["items_changed"] == 3
    truth = {truth_id(e): e for e in fresh_fixture_sites.truth if e["site"] == "classifieds"}
    final = {item["id"]: item for item in setup.stored()}
    assert final.keys() == truth.keys()
    for url in changes["changed"]:
        item = next(i for i in final.values() if i["url"] == url)
        assert same_text(item["text"], truth[item["id"]]["text"])


@pytest.mark.slow
def test_known_ads_are_not_fetched_again_when_the_source_says_so(
    tmp_path: Path, fresh_fixture_sites: FixtureSites
) -> None:
    setup = setup_for(fresh_fixture_sites, tmp_path)
    assert setup.crawl("demo-classifieds").returncode == 0
    setup.edit_source("demo-classifieds", recrawl={"refetch_known": False})
    fresh_fixture_sites.clear_requests()
    fresh_fixture_sites.mutate(n_changed=0, n_new=2)
    assert setup.crawl("demo-classifieds").returncode == 0
    run = setup.runs("demo-classifieds")[0]
    assert run.stats["items_new"] == 2 and run.stats["items_unchanged"] == 0
    assert run.stats["skipped_known"] >= 50
