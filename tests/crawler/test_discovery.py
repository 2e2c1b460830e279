"""Sitemaps and feeds as start points (crawler.discovery), what a recrawl may skip (crawler.seen_pages), and a
forum thread's row on its board page (crawler.listing_rows)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from parsel import Selector

from crawler.discovery import Entry, feed_entries, sitemap_entries
from crawler.listing_rows import row_signatures
from crawler.seen_pages import SeenPages, row_signature

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://127.0.0.1:8000/thread/1</loc><lastmod>2026-11-30T10:00:00+00:00</lastmod></url>
  <url><loc>http://127.0.0.1:8000/thread/2</loc></url>
</urlset>"""
INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>/sitemap-threads.xml</loc><lastmod>2026-11-30</lastmod></sitemap>
</sitemapindex>"""
ENTITIES = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&e;</loc></url></urlset>"""
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Board</title>
<item><title>Ferry times</title><link>http://127.0.0.1:8000/thread/1</link>
<pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Market days</title><link>/thread/2</link></item></channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Board</title>
<entry><title>Ferry times</title><link href="http://127.0.0.1:8000/thread/1"/>
<updated>2026-11-30T10:00:00Z</updated></entry></feed>"""


def test_a_sitemap_lists_pages_with_their_lastmod() -> None:
    kind, entries = sitemap_entries(SITEMAP, "http://127.0.0.1:8000/sitemap.xml")
    assert kind == "urlset"
    assert entries == [
        Entry("http://127.0.0.1:8000/thread/1", "2026-11-30T10:00:00+00:00"),
        Entry("http://127.0.0.1:8000/thread/2", None),
    ]


def test_a_sitemap_index_lists_sitemaps_resolved_against_its_url() -> None:
    kind, entries = sitemap_entries(INDEX, "http://127.0.0.1:8000/sitemap.xml")
    assert kind == "sitemapindex"
    assert entries == [Entry("http://127.0.0.1:8000/sitemap-threads.xml", "2026-11-30")]


def test_entities_are_never_resolved_and_garbage_lists_nothing() -> None:
    _, entries = sitemap_entries(ENTITIES, "http://127.0.0.1:8000/sitemap.xml")
    assert all("root:" not in e.url for e in entries)
    assert sitemap_entries(b"\x00\xff not xml", "http://127.0.0.1:8000/")[1] == []


def test_rss_and_atom_entries_with_their_dates() -> None:
    rss = feed_entries(RSS, "http://127.0.0.1:8000/feed.xml")
    assert [e.url for e in rss] == ["http://127.0.0.1:8000/thread/1", "http://127.0.0.1:8000/thread/2"]
    assert rss[0].changed and "2026" in rss[0].changed and rss[1].changed is None
    atom = feed_entries(ATOM, "http://127.0.0.1:8000/atom.xml")
    assert atom == [Entry("http://127.0.0.1:8000/thread/1", "2026-11-30T10:00:00Z")]
    assert feed_entries(b"garbage", "http://127.0.0.1:8000/") == []


def test_signatures_count_only_once_a_run_committed_them(tmp_path: Path) -> None:
    seen = SeenPages(tmp_path / "seen.sqlite")
    signature = row_signature("Ferry times   12 replies\n last post 30 Nov 2026 10:00")
    seen.fetched("http://127.0.0.1:8000/thread/1", signature)
    assert not seen.unchanged("http://127.0.0.1:8000/thread/1", signature)  # a run that dies here keeps nothing
    seen.close()
    seen = SeenPages(tmp_path / "seen.sqlite")
    assert not seen.unchanged("http://127.0.0.1:8000/thread/1", signature)
    seen.fetched("http://127.0.0.1:8000/thread/1", signature)
    assert seen.commit() == 1
    assert seen.unchanged("http://127.0.0.1:8000/thread/1", signature)
    assert not seen.unchanged("http://127.0.0.1:8000/thread/1", signature.replace("12", "13"))  # a new post
    assert not seen.unchanged("http://127.0.0.1:8000/thread/9", signature)
    assert not seen.unchanged("http://127.0.0.1:8000/thread/1", None)
    seen.close()


def test_a_day_only_lastmod_counts_as_unchanged_only_once_that_day_has_ended_everywhere(tmp_path: Path) -> None:
    """Django's sitemaps print ``lastmod`` as a day: a page edited later on the day of the last fetch shows the
    same day, so it is fetched again until a fetch came after that day had ended in every time zone."""
    seen = SeenPages(tmp_path / "seen.sqlite")
    today = datetime.now(UTC).date().isoformat()
    long_ago = (datetime.now(UTC) - timedelta(days=3)).date().isoformat()
    seen.fetched("http://127.0.0.1:8000/ad/1", today)
    seen.fetched("http://127.0.0.1:8000/ad/2", long_ago)
    seen.fetched("http://127.0.0.1:8000/ad/3", f"{today}T08:00:00Z")
    seen.commit()
    assert not seen.unchanged("http://127.0.0.1:8000/ad/1", today)  # could have been edited after the fetch
    assert seen.unchanged("http://127.0.0.1:8000/ad/2", long_ago)  # fetched days after its day ended
    assert seen.unchanged("http://127.0.0.1:8000/ad/3", f"{today}T08:00:00Z")  # a time: compared as it is
    seen.close()


def test_a_day_only_lastmod_is_recognised_after_the_extraction_digest_the_spiders_put_before_it(
    tmp_path: Path,
) -> None:
    """The spiders' signatures are ``"<digest> <lastmod>"``: the day is their last word."""
    seen = SeenPages(tmp_path / "seen.sqlite")
    today = datetime.now(UTC).date().isoformat()
    long_ago = (datetime.now(UTC) - timedelta(days=3)).date().isoformat()
    seen.fetched("http://127.0.0.1:8000/ad/1", f"0123abcd4567 {today}")
    seen.fetched("http://127.0.0.1:8000/ad/2", f"0123abcd4567 {long_ago}")
    seen.commit()
    assert not seen.unchanged("http://127.0.0.1:8000/ad/1", f"0123abcd4567 {today}")
    assert seen.unchanged("http://127.0.0.1:8000/ad/2", f"0123abcd4567 {long_ago}")
    seen.close()


def test_a_board_walked_whole_is_known_and_one_with_a_failure_under_it_is_walked_whole_next_time(
    tmp_path: Path,
) -> None:
    board, sub = "http://127.0.0.1:8000/board/1", "http://127.0.0.1:8000/board/5"
    seen = SeenPages(tmp_path / "seen.sqlite")
    seen.fetched(board, "12 topics | last post 30 Nov 2026 10:00")
    seen.fetched(sub, "3 topics | last post 29 Nov 2026 08:00")
    seen.count((board,), 30)
    seen.count((board, sub), 4)
    seen.commit()
    assert seen.known(board) and seen.known(sub) and (seen.size(board), seen.size(sub)) == (34, 4)
    seen.fetched(board, "12 topics | last post 1 Dec 2026 09:00")  # a new post: the board is walked again …
    seen.count((board,), 2)
    seen.walked_in_part(board)  # … up to its first page without a change: its size stays that of a whole walk
    seen.fetched(sub, "4 topics | last post 1 Dec 2026 09:00")
    seen.forget(sub)  # a thread under the sub-board failed: the sub-board is not known any more
    seen.commit()
    assert seen.known(board) and seen.size(board) == 34
    assert not seen.known(sub) and seen.size(sub) == 0
    seen.close()


BOARD = """<html><body><h1>Board</h1><ul class="threads">
<li class="thread-summary"><a class="thread-link" href="/thread/1/">Ferry times</a> <span class="replies">3</span></li>
<li class="thread-summary"><a class="thread-link" href="/thread/2/">Market days</a> <span class="replies">0</span></li>
</ul></body></html>"""
# The shape of django-machina's topic_list.html: a views count beside the replies, a last-post cell.
TOPICS = """<html><body><div class="card-body">
<div class="row m-0 border-bottom"><table><tr><td><a class="topic-name-link" href="/t/1/">Ferry times</a></td></tr>
</table><div class="topic-count">3</div><div class="topic-count">41</div>
<div class="topic-last-post">By: <a href="/m/2/">member02</a> <a href="/t/1/?post=7#7">»</a>
<small>Jan. 8, 2024, 9:24 a.m.</small></div></div>
</div></body></html>"""


def _links(html: str, selector: str) -> tuple[Selector, list[tuple[object, str]]]:
    page = Selector(text=html)
    return page, [(link, link.attrib["href"]) for link in page.css(selector)]


def test_a_thread_row_is_by_default_the_largest_ancestor_holding_only_its_link() -> None:
    page, links = _links(BOARD, "a.thread-link")
    assert row_signatures(page, links, None) == ["Ferry times 3", "Market days 0"]
    assert row_signatures(page, links, "li.thread-summary", [".replies"]) == ["3", "0"]


def test_the_activity_of_a_row_leaves_out_what_the_crawler_itself_changes() -> None:
    page, links = _links(TOPICS, "a.topic-name-link")
    activity = [
        "xpath:(.//div[contains(concat(' ', @class, ' '), ' topic-count ')])[1]//text()",
        "div.topic-last-post",
        "div.topic-last-post a::attr(href)",
    ]
    (signature,) = row_signatures(page, links, "div.row.border-bottom", activity)
    assert signature == "3 | By: member02 » Jan. 8, 2024, 9:24 a.m. | /m/2/ /t/1/?post=7#7"
    assert "41" not in signature  # the views count
    (nearest,) = row_signatures(page, links, "tr")  # a row selector that misses the counts is the operator's choice
    assert nearest == "Ferry times"


# --- links.sitemap_detail: which sitemap entries are ads, and the ads spider's walk after the sitemap -----------

CLASSIFIEDS = """\
name: classifieds
kind: ads
start_urls: ["http://127.0.0.1:8000/"]
start_sitemaps: ["sitemap.xml"]
links: {listing: "a.group", detail: "a.ad", sitemap_detail: "(?<!/group)/\\\\d+-[^/?#]+/$"}
fields: {body: "div.description"}
"""
CLASSIFIED_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://127.0.0.1:8000/1-oak-bookcase/</loc><lastmod>2026-11-20</lastmod></url>
  <url><loc>http://127.0.0.1:8000/2-kettle/</loc><lastmod>2026-11-21</lastmod></url>
  <url><loc>http://127.0.0.1:8000/group/1-furniture/</loc><lastmod>2026-11-20</lastmod></url>
  <url><loc>http://127.0.0.1:8000/group/2-kitchen/</loc><lastmod>2026-11-21</lastmod></url>
</urlset>"""
INDEX_PAGE = b"""<html><body><a class="group" href="/group/1-furniture/">Furniture</a>
<a class="group" href="/group/2-kitchen/">Kitchen</a><a class="group" href="/group/3-books/">Books</a></body></html>"""
GROUP_PAGE = b"""<html><body><a class="ad" href="/1-oak-bookcase/">Oak bookcase</a>
<a class="ad" href="/9-old-ad/">An ad past the sitemap's limit</a></body></html>"""


def ads_spider(tmp_path: Path) -> Any:
    """The ``ads`` spider of ``CLASSIFIEDS``, made as Scrapy makes it (its signatures under ``tmp_path``)."""
    from scrapy.utils.test import get_crawler

    from crawler.settings import scrapy_settings
    from crawler.spiders.ads import AdsSpider
    from lantern.settings import get_settings

    (tmp_path / "classifieds.yml").write_text(CLASSIFIEDS, encoding="utf-8")
    settings = get_settings(data_dir=tmp_path / "data")
    crawler = get_crawler(AdsSpider, scrapy_settings(settings))
    crawler.settings.frozen = False  # as while Scrapy makes the spider: it sets the source's politeness
    spider = AdsSpider.from_crawler(crawler, source=str(tmp_path / "classifieds.yml"))
    crawler.stats.open_spider()
    return spider


def test_a_relative_sitemap_is_resolved_against_each_start_url_and_a_bad_pattern_is_named(tmp_path: Path) -> None:
    import pytest

    from crawler.source_config import load_source_file
    from lantern.errors import ConfigError

    path = tmp_path / "classifieds.yml"
    path.write_text(
        CLASSIFIEDS.replace('["http://127.0.0.1:8000/"]', '["https://a.example/ads/", "https://b.example/"]')
    )
    assert load_source_file(path).start_sitemaps == (
        "https://a.example/ads/sitemap.xml",
        "https://b.example/sitemap.xml",
    )
    path.write_text(CLASSIFIEDS.replace("(?<!/group)", "(?<!/group"))
    with pytest.raises(ConfigError) as bad:
        load_source_file(path)
    assert bad.value.hint and bad.value.hint.startswith("links.sitemap_detail: invalid regular expression")
    path.write_text(CLASSIFIEDS.replace('start_urls: ["http://127.0.0.1:8000/"]\n', ""))
    with pytest.raises(ConfigError) as relative:
        load_source_file(path)
    hint = relative.value.hint or ""
    assert "start_sitemaps: 'sitemap.xml': a sitemap relative to the site needs start_urls" in hint


def test_only_the_sitemap_entries_the_pattern_matches_are_fetched_as_ads(tmp_path: Path) -> None:
    from scrapy.http import XmlResponse

    spider = ads_spider(tmp_path)
    sitemap = XmlResponse("http://127.0.0.1:8000/sitemap.xml", body=CLASSIFIED_SITEMAP)
    requests = list(spider.parse_sitemap(sitemap))
    assert [r.url for r in requests] == ["http://127.0.0.1:8000/1-oak-bookcase/", "http://127.0.0.1:8000/2-kettle/"]
    assert all(r.callback == spider.parse_detail for r in requests)
    assert spider.crawler.stats.get_value("skipped/sitemap_not_detail") == 2


def test_the_start_pages_wait_for_the_sitemap_and_skip_what_it_listed(tmp_path: Path) -> None:
    """The start page is held until the crawl is idle; then a group the sitemap lists with the lastmod of its
    last fetch is not fetched, and on a group's page only the ad the sitemap does not list is fetched."""
    import asyncio

    import scrapy
    from scrapy.http import HtmlResponse, XmlResponse

    spider = ads_spider(tmp_path)
    started = asyncio.run(_all(spider.start()))
    assert [r.url for r in started] == ["http://127.0.0.1:8000/sitemap.xml"]
    assert [r.url for r in spider.held] == ["http://127.0.0.1:8000/"]
    assert spider.seen is not None
    spider.seen.fetched("http://127.0.0.1:8000/group/1-furniture/", f"{spider.extraction} 2026-11-20")
    spider.seen.commit()
    list(spider.parse_sitemap(XmlResponse("http://127.0.0.1:8000/sitemap.xml", body=CLASSIFIED_SITEMAP)))
    index = HtmlResponse("http://127.0.0.1:8000/", body=INDEX_PAGE, request=scrapy.Request("http://127.0.0.1:8000/"))
    groups = list(spider.parse_start(index))
    assert [r.url for r in groups] == ["http://127.0.0.1:8000/group/2-kitchen/", "http://127.0.0.1:8000/group/3-books/"]
    assert groups[0].meta["signature"] == f"{spider.extraction} 2026-11-21" and "signature" not in groups[1].meta
    assert spider.crawler.stats.get_value("skipped/unchanged") == 1
    page = HtmlResponse(groups[0].url, body=GROUP_PAGE, request=groups[0])
    ads = list(spider.parse_listing(page))
    assert [r.url for r in ads] == ["http://127.0.0.1:8000/9-old-ad/"]
    assert ads[0].meta["listings"] == ("http://127.0.0.1:8000/group/2-kitchen/",)  # a failure forgets the group
    assert spider.crawler.stats.get_value("skipped/listed_in_sitemap") == 1
    assert spider.seen.pending == {"http://127.0.0.1:8000/group/2-kitchen/": f"{spider.extraction} 2026-11-21"}


async def _all(requests: Any) -> list[Any]:
    return [request async for request in requests]
