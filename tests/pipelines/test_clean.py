"""The clean and validate stages as functions."""

from __future__ import annotations

from pipelines.clean import html_to_text, normalise_text, parse_date
from pipelines.deduplicate import content_hash
from pipelines.validate import problem


def test_blocks_become_lines_and_scripts_go() -> None:
    html = "<div><p>First  line</p><p>Second<br>third</p><script>x()</script><img src=a.jpg></div>"
    assert html_to_text(html) == "First line\nSecond\nthird"


def test_unicode_is_normalised_and_controls_removed() -> None:
    assert normalise_text("Cafe\u0301\u00a0 bar\x07\r\n\r\n\r\nnext") == "Café bar\nnext"


def test_dates() -> None:
    assert parse_date("2026-11-02T10:00:00+01:00") == "2026-11-02T09:00:00+00:00"
    assert parse_date("2026-07-01", "Europe/Amsterdam") == "2026-06-30T22:00:00+00:00"
    assert parse_date("02-11-2026", "UTC") == "2026-11-02T00:00:00+00:00"
    assert parse_date("Mon, 02 Nov 2026 10:00:00 GMT") == "2026-11-02T10:00:00+00:00"
    assert parse_date("no date at all") is None
    assert parse_date(None) is None


def test_validate_reasons() -> None:
    item = {"id": "x", "url": "http://a/", "title": "t", "text": "body"}
    assert problem(item, 100) is None
    assert problem({**item, "text": "  "}, 100) == "empty"
    assert problem({**item, "text": "x" * 200}, 100) == "oversized"
    assert problem({**item, "id": ""}, 100) == "no_id"


def test_content_hash_follows_content_only() -> None:
    item = {"title": "t", "text": "body", "fetched_at": "2026-01-01"}
    assert content_hash(item) == content_hash({**item, "fetched_at": "2026-02-02"})
    assert content_hash(item) != content_hash({**item, "text": "body!"})


def test_an_ads_price_and_contact_count_only_when_set() -> None:
    item = {"title": "Kettle", "text": "Barely used.", "posted_at": None}
    # The hash of this item before ``price`` and ``contact`` existed: stored items keep theirs.
    assert content_hash({**item, "price": None}) == ("1c534237af17818d54372b0f9612068852772d48be53a9790df6cc6e2c8c46b7")
    priced = content_hash({**item, "price": "12.00 EUR"})
    assert priced != content_hash(item) and priced != content_hash({**item, "contact": "12.00 EUR"})


def test_hostile_nesting_and_comments() -> None:
    deep = "<div>" * 20000 + "deep text" + "</div>" * 20000
    assert html_to_text(deep) == "deep text"
    assert html_to_text("<p>a<!-- hidden --></p><style>p{}</style><p>b</p>") == "a\nb"


def test_the_clean_stage_reads_dates_with_the_sources_zone_languages_and_order(tmp_path) -> None:
    """A real Scrapy crawler with the forum spider of a source file; the stage uses that source's hints."""
    from scrapy.crawler import Crawler

    from crawler.settings import scrapy_settings
    from crawler.spiders.forum import ForumSpider
    from lantern.settings import get_settings
    from pipelines.clean import CleanPipeline

    source = tmp_path / "manila-forum.yml"
    source.write_text(
        'kind: forum\nstart_urls: ["https://forum.example.org/"]\ntimezone: Asia/Manila\n'
        "dates: {languages: [tl, en], order: MDY}\n"
        'links: {thread: "a.thread"}\nfields: {post: "article.post", posted_at: ".date"}\n',
        encoding="utf-8",
    )
    crawler = Crawler(ForumSpider, scrapy_settings(get_settings()))
    crawler.spider = crawler._create_spider(source=str(source))
    stage = CleanPipeline.from_crawler(crawler)
    fetched = "2024-03-06T14:30:00+00:00"

    def posted(text: str, name: str = "manila-forum") -> str | None:
        item = {"source": name, "body_html": "<p>x</p>", "posted_at": text, "fetched_at": fetched}
        return stage.process_item(item)["posted_at"]

    assert posted("01-08-2024 09:24") == "2024-01-08T01:24:00+00:00"  # MDY, 09:24 in Manila
    assert posted("3 oras ang nakalipas") == "2024-03-06T11:30:00+00:00"
    assert posted("01-08-2024 09:24", "other-source") == "2024-08-01T07:24:00+00:00"  # Amsterdam, day first
