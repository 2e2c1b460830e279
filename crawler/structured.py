"""Structured data of a page (JSON-LD, microdata, OpenGraph, read with extruct) as the fields of an item.

Ad and shop pages often describe their main thing for search engines: a schema.org ``Product`` with an
``Offer``, an ``Event``, a ``Person``, an ``Article``. :func:`structured_data` picks the page's main entity and
reads the fields Lantern keeps: ``name`` → title, ``description`` → body, ``offers.price`` and
``priceCurrency`` → price, ``datePosted``/``datePublished``/``dateCreated``/``dateModified`` → date (read by the
clean stage like any date), ``address``/``location``/``areaServed`` → location, ``telephone``/``email`` →
contact. JSON-LD wins over microdata, microdata over OpenGraph, field by field; a source's selector wins over
all of them (the spiders decide that). Hostile markup never raises: a block that cannot be read is counted in
:attr:`StructuredData.malformed` and skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from extruct.jsonld import JsonLdExtractor
from extruct.opengraph import OpenGraphExtractor
from extruct.w3cmicrodata import LxmlMicrodataExtractor

# Types that describe a page's main thing; lists, breadcrumbs, the site and its search box do not.
SKIPPED_TYPES = frozenset(
    {"BreadcrumbList", "ListItem", "ItemList", "WebSite", "SearchAction", "SiteNavigationElement", "ImageObject"}
)
TITLE_KEYS = ("name", "headline", "title")
BODY_KEYS = ("description", "articleBody", "text")
DATE_KEYS = ("datePosted", "datePublished", "dateCreated", "dateModified")
PLACE_KEYS = ("address", "location", "areaServed", "availableAtOrFrom", "contentLocation", "jobLocation")
ADDRESS_PARTS = ("streetAddress", "addressLocality", "addressRegion", "postalCode", "addressCountry")
PARTY_KEYS = ("seller", "offeredBy", "author", "contactPoint", "provider", "organizer")
MAX_ENTITIES = 200
MAX_DEPTH = 6
_OG = {"og:title": "title", "og:description": "description", "article:published_time": "posted_at"}


@dataclass(frozen=True)
class StructuredData:
    """The fields a page's structured data gives (``None`` where it gives none) and how many blocks were bad."""

    title: str | None = None
    description: str | None = None
    price: str | None = None
    posted_at: str | None = None
    location: str | None = None
    contacts: tuple[str, ...] = ()
    malformed: int = 0
    syntaxes: tuple[str, ...] = field(default=())

    def filled(self) -> list[str]:
        """Names of the fields that have a value."""
        names = ("title", "description", "price", "posted_at", "location", "contacts")
        return [name for name in names if getattr(self, name)]


def structured_data(document: Any, url: str) -> StructuredData:
    """The main entity's fields from an lxml document (``response.selector.root``); never raises on bad markup."""
    malformed = 0
    entities: list[dict[str, Any]] = []
    syntaxes: list[str] = []
    for name, read in (("json-ld", _jsonld), ("microdata", _microdata)):
        try:
            found, bad = read(document, url)
        except Exception:  # extruct and lxml raise many types on hostile markup
            found, bad = [], 1
        malformed += bad
        if found:
            syntaxes.append(name)
            entities += found
    try:
        graph = _opengraph(document)
    except Exception:
        graph, malformed = {}, malformed + 1
    if graph:
        syntaxes.append("opengraph")
    main = [entity for entity in entities if _type_of(entity) not in SKIPPED_TYPES]
    return StructuredData(
        title=_line(_first(main, TITLE_KEYS) or graph.get("title")),
        description=_first(main, BODY_KEYS) or graph.get("description"),
        price=_line(_first_of(main, _price) or graph.get("price")),
        posted_at=_line(_first(main, DATE_KEYS) or graph.get("posted_at")),
        location=_line(_first_of(main, _location)),
        contacts=tuple(dict.fromkeys(c for entity in main for c in _contacts(entity))),
        malformed=malformed,
        syntaxes=tuple(syntaxes),
    )


def shown_contacts(data: StructuredData, visible_text: str) -> list[str]:
    """The structured contacts that the page also shows as text (a phone by its digits, an e-mail as written)."""
    digits = [re.sub(r"\D", "", chunk) for chunk in re.split(r"[^\d()+\-./ \u00a0]+", visible_text)]
    lowered = visible_text.lower()
    shown = []
    for contact in data.contacts:
        if "@" in contact:
            if contact.lower() in lowered:
                shown.append(contact)
        elif len(wanted := re.sub(r"\D", "", contact)) >= 5 and any(wanted in chunk for chunk in digits):
            shown.append(contact)
    return shown


def _jsonld(document: Any, url: str) -> tuple[list[dict[str, Any]], int]:
    """Entities of every ``<script type="application/ld+json">``, each block on its own (a bad one is counted)."""
    extractor, entities, bad = JsonLdExtractor(), [], 0
    for script in document.xpath('//script[@type="application/ld+json"]'):
        try:
            entities += list(_flatten(extractor.extract_items(script, base_url=url)))
        except Exception:  # not JSON even for extruct's lenient reader
            bad += 1
    return entities, bad


def _microdata(document: Any, url: str) -> tuple[list[dict[str, Any]], int]:
    items = LxmlMicrodataExtractor().extract_items(document, url)
    return list(_flatten(_from_microdata(item, 0) for item in items)), 0


def _from_microdata(item: Any, depth: int) -> Any:
    """A microdata item (``{"type": …, "properties": {…}}``) in JSON-LD's shape (``{"@type": …, …}``)."""
    if isinstance(item, list):
        return [_from_microdata(value, depth + 1) for value in item[:MAX_ENTITIES]]
    if not isinstance(item, dict) or "properties" not in item or depth > MAX_DEPTH:
        return item.get("value") if isinstance(item, dict) else item
    kinds = item.get("type") or []
    kind = kinds[0] if isinstance(kinds, list) and kinds else kinds
    entity = {"@type": str(kind).rstrip("/").rsplit("/", 1)[-1]}
    for key, value in dict(item["properties"]).items():
        entity[key] = _from_microdata(value, depth + 1)
    return entity


def _opengraph(document: Any) -> dict[str, str]:
    """OpenGraph's title, description, publication time and ``product:price`` (amount and currency)."""
    values: dict[str, str] = {}
    for block in OpenGraphExtractor().extract_items(document):
        for prop, content in block.get("properties", []):
            if isinstance(content, str) and content.strip():
                values.setdefault(prop, content.strip())
    graph = {name: values[prop] for prop, name in _OG.items() if prop in values}
    amount = values.get("product:price:amount") or values.get("og:price:amount")
    if amount:
        currency = values.get("product:price:currency") or values.get("og:price:currency") or ""
        graph["price"] = f"{amount} {currency}".strip()
    return graph


def _flatten(found: Any) -> Iterator[dict[str, Any]]:
    """The entities of a JSON-LD value: lists and ``@graph`` opened, at most :data:`MAX_ENTITIES`."""
    stack, count = [found], 0
    while stack and count < MAX_ENTITIES:
        value = stack.pop(0)
        if isinstance(value, list):
            stack[:0] = value[:MAX_ENTITIES]
        elif isinstance(value, dict):
            count += 1
            if isinstance(value.get("@graph"), list):
                stack[:0] = value["@graph"][:MAX_ENTITIES]
            else:
                yield value
        elif not isinstance(value, str | int | float | type(None)):
            stack[:0] = list(value)[:MAX_ENTITIES]


def _line(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


def _type_of(entity: dict[str, Any]) -> str:
    kind = entity.get("@type")
    if isinstance(kind, list):
        kind = kind[0] if kind else ""
    return str(kind or "").rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def _first(entities: list[dict[str, Any]], keys: tuple[str, ...]) -> str | None:
    return _first_of(entities, lambda entity: next(filter(None, (_text(entity.get(k)) for k in keys)), None))


def _first_of(entities: list[dict[str, Any]], read: Any) -> str | None:
    for entity in entities:
        value = read(entity)
        if value:
            return str(value)
    return None


def _text(value: Any, depth: int = 0) -> str | None:
    """A plain value as one line of text: strings, numbers, the first of a list, a node's ``@value``/``name``."""
    if isinstance(value, bool) or depth > MAX_DEPTH:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return next(filter(None, (_text(v, depth + 1) for v in value[:MAX_ENTITIES])), None)
    if isinstance(value, dict):
        return _text(value.get("@value"), depth + 1) or _text(value.get("name"), depth + 1)
    return None


def _price(entity: dict[str, Any]) -> str | None:
    """``offers.price`` (or ``lowPrice``) with ``priceCurrency``; an ``Offer`` entity's own price."""
    offers = entity.get("offers")
    for offer in [*(offers if isinstance(offers, list) else [offers]), entity]:
        if not isinstance(offer, dict):
            continue
        spec = offer.get("priceSpecification")
        spec = spec[0] if isinstance(spec, list) and spec else spec
        for holder in (offer, spec if isinstance(spec, dict) else {}):
            amount = _text(holder.get("price")) or _text(holder.get("lowPrice"))
            if amount:
                currency = _text(holder.get("priceCurrency")) or _text(offer.get("priceCurrency")) or ""
                return f"{amount} {currency}".strip()
    return None


def _location(entity: dict[str, Any], depth: int = 0) -> str | None:
    """A place: an address string, a ``PostalAddress``'s parts, or a ``Place``'s name and address."""
    if depth > MAX_DEPTH:
        return None
    for key in PLACE_KEYS:
        place = entity.get(key)
        place = place[0] if isinstance(place, list) and place else place
        if isinstance(place, str) and place.strip():
            return " ".join(place.split())
        if isinstance(place, dict):
            parts = ", ".join(p for p in (_text(place.get(part)) for part in ADDRESS_PARTS) if p)
            named = [_text(place.get("name")), _location(place, depth + 1)]
            found = parts or ", ".join(p for p in named if p)
            if found:
                return found
    offers = entity.get("offers")
    return _location(offers, depth + 1) if isinstance(offers, dict) else None


def _contacts(entity: dict[str, Any], depth: int = 0) -> Iterator[str]:
    """``telephone`` and ``email`` of the entity and of its seller, author or contact point."""
    if depth > 2:
        return
    for key in ("telephone", "email"):
        value = _text(entity.get(key))
        if value:
            yield value.removeprefix("mailto:").removeprefix("tel:")
    for key in (*PARTY_KEYS, "offers"):
        value = entity.get(key)
        for party in value if isinstance(value, list) else [value]:
            if isinstance(party, dict):
                yield from _contacts(party, depth + 1)


# Item keys filled from structured data when the source's selectors gave nothing, and the field they come from.
ITEM_KEYS = {
    "title": "title",
    "body_html": "description",
    "posted_at": "posted_at",
    "location_hint": "location",
    "price": "price",
}
_VISIBLE = "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::template)]"


def apply_structured(item: dict[str, Any], response: Any, stats: Any) -> StructuredData:
    """Fill the item's empty fields from the page's structured data; count what was used and what was bad.

    Counted: ``structured/pages`` (pages with any), ``structured/<item key>`` per field filled,
    ``structured/malformed`` per block that could not be read. ``contact`` is filled only with telephones and
    e-mails that the page also shows as text.
    """
    data = structured_data(response.selector.root, response.url)
    if data.malformed:
        stats.inc_value("structured/malformed", data.malformed)
    if data.syntaxes:
        stats.inc_value("structured/pages")
    for key in fill_missing(item, data, response.selector):
        stats.inc_value(f"structured/{key}")
    return data


def fill_missing(item: dict[str, Any], data: StructuredData, page: Any) -> list[str]:
    """Set the item's empty fields from ``data`` (the description as paragraphs); the keys that were set."""
    used = []
    for key, name in ITEM_KEYS.items():
        value = getattr(data, name)
        if value and not item.get(key):
            item[key] = paragraphs_html(value) if key == "body_html" else value
            used.append(key)
    if data.contacts and not item.get("contact"):
        shown = shown_contacts(data, " ".join(page.xpath(_VISIBLE).getall()))
        if shown:
            item["contact"] = ", ".join(shown)
            used.append("contact")
    return used


def paragraphs_html(text: str) -> str:
    """Plain text as HTML paragraphs, one per non-empty line (escaped)."""
    from html import escape

    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
