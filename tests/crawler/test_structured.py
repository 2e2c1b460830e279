"""Structured data (JSON-LD, microdata, OpenGraph) as item fields: pages shaped like schema.org's own examples
(Product with an Offer, Person, Event, RealEstateListing), with synthetic content, and hostile markup.

The last tests run the real ``ads`` spider on a response, as Scrapy tests its components: a selector of the
source wins over structured data, and structured data fills what the selectors leave empty.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.source_config import load_source_file
from crawler.spiders.ads import AdsSpider
from crawler.structured import StructuredData, shown_contacts, structured_data

# schema.org/Product, JSON-LD example 1 ("Kenmore White 17" Microwave"), with other words and numbers.
PRODUCT = """
<html><head><title>Folding table</title>
<meta property="og:title" content="Folding table (OpenGraph)">
<script type="application/ld+json">
{
  "@context": "https://schema.org",
  "@type": "Product",
  "aggregateRating": {"@type": "AggregateRating", "ratingValue": "3.5", "reviewCount": "11"},
  "description": "Pine folding table, seats four.\\nCollection from the library car park.",
  "name": "Pine folding table",
  "image": "table.jpg",
  "offers": {"@type": "Offer", "availability": "https://schema.org/InStock", "price": "55.00",
             "priceCurrency": "EUR"},
  "review": [{"@type": "Review", "author": "Reader One", "datePublished": "2011-04-01",
              "reviewBody": "Sturdy.", "name": "Fine table"}]
}
</script>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "BreadcrumbList",
 "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Furniture"}]}
</script>
</head><body><h1>Pine folding table</h1></body></html>
"""

# schema.org/Person, microdata example 1 ("Jane Doe"), with an invented person and a fictional phone number.
PERSON = """
<html><body>
<div itemscope itemtype="https://schema.org/Person">
  <span itemprop="name">Alex Example</span>
  <img src="alex.jpg" itemprop="image" alt="Photo of Alex Example"/>
  <span itemprop="jobTitle">Maths tutor</span>
  <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
    <span itemprop="streetAddress">20 Library Lane</span>
    <span itemprop="addressLocality">Riverside</span>,
    <span itemprop="addressRegion">North Holland</span>
    <span itemprop="postalCode">1011 AB</span>
  </div>
  <span itemprop="telephone">+1 555-0123</span>
  <a href="mailto:tutor@example.org" itemprop="email">tutor@example.org</a>
  <meta itemprop="faxNumber" content="+1 555 0199">
</div>
</body></html>
"""

# schema.org/Event, JSON-LD example, and schema.org/RealEstateListing (datePosted), in one @graph.
GRAPH = """
<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Neighbourhood board", "url": "https://board.example.org/"},
  {"@type": "RealEstateListing", "name": "Garden allotment to share", "datePosted": "2024-03-05T09:30:00+01:00",
   "description": "A small allotment plot, tools included.",
   "offers": {"@type": "Offer", "priceSpecification": {"@type": "UnitPriceSpecification", "price": 12,
              "priceCurrency": "EUR", "unitText": "MONTH"}}},
  {"@type": "Event", "name": "Seed swap", "startDate": "2025-07-21T19:00",
   "location": {"@type": "Place", "name": "Snickerpark Hall",
                "address": {"@type": "PostalAddress", "addressLocality": "Old Town", "addressCountry": "NL"}}}
]}
</script></head><body><p>Listings</p></body></html>
"""

OPENGRAPH = """
<html prefix="og: https://ogp.me/ns#"><head>
<meta property="og:title" content="Child's bicycle">
<meta property="og:description" content="Blue, 20 inch wheels.">
<meta property="article:published_time" content="2024-02-01T10:00:00Z">
<meta property="product:price:amount" content="40">
<meta property="product:price:currency" content="EUR">
</head><body></body></html>
"""


def read(html: str) -> StructuredData:
    return structured_data(Selector(text=html).root, "https://ads.example.org/item/1")


def test_a_json_ld_product_gives_title_description_and_price() -> None:
    data = read(PRODUCT)
    assert data.title == "Pine folding table"
    assert data.description == "Pine folding table, seats four.\nCollection from the library car park."
    assert data.price == "55.00 EUR"
    assert data.posted_at is None  # a review's date is not the ad's
    assert data.syntaxes == ("json-ld", "opengraph")


def test_microdata_gives_a_location_and_contacts_shown_on_the_page() -> None:
    page = Selector(text=PERSON)
    data = structured_data(page.root, "https://ads.example.org/tutor")
    assert data.title == "Alex Example"
    assert data.location == "20 Library Lane, Riverside, North Holland, 1011 AB"
    assert data.contacts == ("+1 555-0123", "tutor@example.org")
    visible = " ".join(page.xpath("//body//text()").getall())
    assert shown_contacts(data, visible) == ["+1 555-0123", "tutor@example.org"]
    assert shown_contacts(data, "Ask at the desk.") == []  # never a contact the page does not show


def test_a_graph_gives_the_main_entity_first_and_skips_the_website() -> None:
    data = read(GRAPH)
    assert data.title == "Garden allotment to share"
    assert data.posted_at == "2024-03-05T09:30:00+01:00"
    assert data.price == "12 EUR"
    assert data.location == "Snickerpark Hall, Old Town, NL"  # from the event: the listing has none


def test_opengraph_is_the_last_resort() -> None:
    data = read(OPENGRAPH)
    assert (data.title, data.description, data.posted_at, data.price) == (
        "Child's bicycle",
        "Blue, 20 inch wheels.",
        "2024-02-01T10:00:00Z",
        "40 EUR",
    )


@pytest.mark.parametrize(
    "script",
    [
        '{"@type": "Product", "name": "Kettle",',  # cut off
        "not json at all <b>",
        '"just a string"',
        "[1, 2, [3, [4]]]",
        '{"@type": ["Thing"], "name": {"@value": ["", {}]}, "offers": [null, {"price": {"a": 1}}], "address": []}',
        '{"@graph": ' * 300 + "{}" + "}" * 300,
        '{"@type": "Product", "address": ' * 50 + '"x"' + "}" * 50,
    ],
)
def test_hostile_json_ld_never_raises(script: str) -> None:
    html = f'<html><head><script type="application/ld+json">{script}</script>{PRODUCT[6:]}'
    data = read(html)
    assert data.title == "Pine folding table"  # the good block is still read


def test_a_malformed_block_is_counted() -> None:
    bad = '<script type="application/ld+json">{"name": "Kettle",</script>'
    assert read(f"<html><head>{bad}{bad}</head><body></body></html>").malformed == 2
    assert read(PRODUCT).malformed == 0


def test_pages_without_structured_data_give_nothing() -> None:
    data = read("<html><body><p>Plain page</p></body></html>")
    assert data.filled() == [] and data.syntaxes == ()


AD_PAGE = """
<html><head><script type="application/ld+json">
{"@type": "Product", "name": "Oak bookcase (structured)", "description": "Five shelves.",
 "datePosted": "2024-05-02T08:00:00Z", "address": "Harbour District",
 "offers": {"price": "80.00", "priceCurrency": "EUR",
            "seller": {"@type": "Person", "telephone": "+1 555 0142", "email": "hidden@example.org"}}}
</script></head>
<body><h2 class="title">Oak bookcase</h2><p class="phone">Call +1 555 0142</p></body></html>
"""
SOURCE = """\
name: test-ads
kind: ads
start_urls: ["https://ads.example.org/"]
links: {detail: "a.ad"}
fields: {title: "h2.title", body: "div.description"}
"""


def spider_item(tmp_path: Path) -> tuple[dict[str, Any], Any]:
    """The item of the ``ads`` spider for ``AD_PAGE``, and the crawl's stats."""
    (tmp_path / "test-ads.yml").write_text(SOURCE)
    crawler = get_crawler(AdsSpider)
    spider = AdsSpider()
    spider._set_crawler(crawler)
    spider.source = load_source_file(tmp_path / "test-ads.yml")
    crawler.stats.open_spider()
    response = HtmlResponse("https://ads.example.org/ads/7-oak-bookcase/", body=AD_PAGE.encode(), encoding="utf-8")
    (item,) = spider.parse_detail(response)
    return item, crawler.stats


def test_in_the_ads_spider_a_selector_wins_and_structured_data_fills_the_rest(tmp_path: Path) -> None:
    item, stats = spider_item(tmp_path)
    assert item["title"] == "Oak bookcase"  # the source's selector
    assert item["body_html"] == "<p>Five shelves.</p>"  # the body selector matched nothing
    assert item["posted_at"] == "2024-05-02T08:00:00Z"
    assert item["location_hint"] == "Harbour District"
    assert item["price"] == "80.00 EUR"
    assert item["contact"] == "+1 555 0142"  # the e-mail is not on the page
    counted = {k: v for k, v in stats.get_stats().items() if k.startswith("structured/")}
    assert counted == {
        "structured/pages": 1,
        "structured/body_html": 1,
        "structured/posted_at": 1,
        "structured/location_hint": 1,
        "structured/price": 1,
        "structured/contact": 1,
    }
