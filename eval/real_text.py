"""Real text that is not an offer: the share the analyzer rates low, medium/high and high, per corpus.

The corpora are public news in English, Dutch and Spanish (``eval/corpora.py``), read from the shared folder
and never copied into this repository. Nothing in them offers or seeks anyone, so every item rated medium or
high is a false alarm an analyst would have to read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from eval import corpora


@dataclass
class Share:
    """The levels given to one corpus, and the items rated medium or high."""

    name: str
    levels: Counter[str] = field(default_factory=Counter)
    genres: Counter[str] = field(default_factory=Counter)
    alarms: list[tuple[str, str]] = field(default_factory=list)

    @property
    def items(self) -> int:
        return sum(self.levels.values())

    def share(self, *levels: str) -> float:
        """The share of items rated at one of ``levels``."""
        return sum(self.levels[level] for level in levels) / self.items if self.items else 0.0


def measure(name: str, records: Iterable[Mapping[str, Any]]) -> Share:
    """The levels of one corpus's analysis records."""
    result = Share(name)
    for record in records:
        analysis = record["analysis"]
        level = analysis["risk"]["level"]
        result.levels[level] += 1
        result.genres[analysis.get("genre", {}).get("label", "?")] += 1
        if level in ("medium", "high"):
            result.alarms.append((record["id"], analysis["risk"]["explanation"]))
    return result


def run(analyzer: Any, names: Iterable[str] | None = None) -> tuple[dict[str, Share], dict[str, list[Any]]]:
    """Analyse each available corpus; the shares and the records (for the ranked mix)."""
    shares: dict[str, Share] = {}
    records: dict[str, list[Any]] = {}
    for name in names if names is not None else corpora.available():
        records[name] = list(analyzer.analyze_many(corpora.read(name)))
        shares[name] = measure(name, records[name])
    return shares, records


def rows(shares: Mapping[str, Share]) -> list[list[str]]:
    """Table rows: corpus, items, low, medium/high, high, genres."""
    out = []
    for share in shares.values():
        genres = ", ".join(f"{g} {n}" for g, n in share.genres.most_common())
        out.append(
            [
                share.name,
                str(share.items),
                f"{share.share('low'):.1%}",
                f"{share.levels['medium'] + share.levels['high']} ({share.share('medium', 'high'):.2%})",
                f"{share.levels['high']} ({share.share('high'):.2%})",
                genres,
            ]
        )
    return out


HEADER = ["corpus", "items", "low", "medium/high", "high", "genres"]
