"""Turn an analysed Doc into the analysis record of the contract (``contracts/analysis.schema.json``)."""

from __future__ import annotations

from spacy.tokens import Doc

from nlp.extensions import state
from nlp.types import AnalysisRecord


def build_record(
    item_id: str, language: str, doc: Doc, *, analyzer_version: str, lexicon_version: str
) -> AnalysisRecord:
    """The record for one item: the Doc's results in the contract's shape."""
    current = state(doc)
    ages = sorted(current.ages, key=lambda a: a["start"])
    locations = sorted(current.locations, key=lambda loc: loc["start"])
    return {
        "id": item_id,
        "language": language,
        "analysis": {
            "analyzer_version": analyzer_version,
            "lexicon_version": lexicon_version,
            "risk": current.risk,  # type: ignore[typeddict-item]  # set by lantern_risk
            "flags": list(current.flags),
            "signals": sorted(current.signals, key=lambda s: (s["start"], s["end"], s["category"])),
            "ages": ages,
            "min_age": min((a["value"] for a in ages), default=None),
            "locations": locations,
            "countries": list(dict.fromkeys(loc["country"] for loc in locations)),
            "contacts": current.contacts,
            "genre": current.genre,  # type: ignore[typeddict-item]  # set by lantern_genre
            "regions": sorted(current.regions, key=lambda r: r["start"]),
            "demonyms": sorted(current.demonyms, key=lambda d: d["start"]),
        },
    }
