"""Priority for analysts: precision among the highest-scored items of a ranked mix.

The mix is every labelled item (the minor ones are the items that matter) and every item of the real
corpora (none of which matters). Items are ranked by risk score, then level; precision at k is the share of
the first k that are labelled minor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

LEVEL_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}
CUTS = (10, 50, 100)


def ranked(scored: Iterable[tuple[bool, Mapping[str, Any]]]) -> list[bool]:
    """Whether each item matters, highest risk first (``scored``: (matters, analysis) pairs)."""
    keyed = [
        (analysis["risk"]["score"], LEVEL_RANK[analysis["risk"]["level"]], matters) for matters, analysis in scored
    ]
    keyed.sort(key=lambda k: (k[0], k[1]), reverse=True)
    return [matters for _, _, matters in keyed]


def precision_at(order: list[bool], cuts: Iterable[int] = CUTS) -> dict[int, float]:
    """Precision at each cut (cuts longer than the mix use the whole mix)."""
    return {k: sum(order[:k]) / min(k, len(order)) for k in cuts if order}


def mix(
    labelled: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]], real: Iterable[Mapping[str, Any]]
) -> list[bool]:
    """The ranked mix of labelled (item, analysis) pairs and real-corpus analyses."""
    pairs = [(bool(item["labels"]["minor"]), analysis) for item, analysis in labelled]
    pairs += [(False, analysis) for analysis in real]
    return ranked(pairs)
