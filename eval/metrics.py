"""What the analyzer is measured by on a labelled set (``tests/data/*.jsonl``, format in its README).

An item counts as flagged minor when its risk level is medium or high and its flags include ``minor_age``,
``youth_term`` or ``coded_term``. Ages are scored as a set per item (every age stated for a person; items
labelled with ``min_age`` only count that one), genres where the item has a ``genre`` label, destinations as
the destination flag and the watch-list countries together: the flag is expected where the labels have
``destination`` or a gold country is in the built-in watch list (``nlp/gazetteer/watchlist.yml``, whose
countries beyond the six focus countries the labels leave out), and the focus countries of the labels must be found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from nlp.gazetteer.watchlist import load_watchlist
from nlp.types import CORE_FLAGS, GENRES

MINOR_FLAGS = frozenset({"minor_age", "youth_term", "coded_term"})
MINOR_LEVELS = frozenset({"medium", "high"})
FOCUS_COUNTRIES = frozenset({"PH", "TH", "KH", "LK", "ID", "NP"})
CATEGORIES = CORE_FLAGS
WATCHLIST = Path(__file__).resolve().parent.parent / "nlp" / "gazetteer" / "watchlist.yml"


@cache
def watch_countries() -> frozenset[str]:
    """The countries listed in the built-in watch list: a mention of any place in one is a destination."""
    return frozenset(e.country for e in load_watchlist(WATCHLIST) if e.kind == "country")


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: bool, predicted: bool) -> None:
        """Count one decision."""
        self.tp += expected and predicted
        self.fp += predicted and not expected
        self.fn += expected and not predicted

    def add_sets(self, expected: set[Any], predicted: set[Any]) -> None:
        """Count the elements of two sets."""
        self.tp += len(expected & predicted)
        self.fp += len(predicted - expected)
        self.fn += len(expected - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Miss:
    """One item where the analyzer disagreed with the label."""

    id: str
    what: str
    expected: str
    got: str
    explanation: str


@dataclass
class Report:
    """Everything measured on one labelled set."""

    name: str
    lexicon_version: str = ""
    items: int = 0
    minor: Counts = field(default_factory=Counts)
    min_age_correct: int = 0
    ages: Counts = field(default_factory=Counts)
    genres: Counter[tuple[str, str]] = field(default_factory=Counter)
    destination_correct: int = 0
    categories: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    countries: Counts = field(default_factory=Counts)
    awareness_items: int = 0
    awareness_above_low: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def min_age_accuracy(self) -> float:
        return self.min_age_correct / self.items if self.items else 1.0

    @property
    def genre_items(self) -> int:
        return sum(self.genres.values())

    @property
    def genre_accuracy(self) -> float:
        correct = sum(n for (gold, got), n in self.genres.items() if gold == got)
        return correct / self.genre_items if self.genre_items else 1.0

    @property
    def destination_accuracy(self) -> float:
        return self.destination_correct / self.items if self.items else 1.0


def predicted_minor(analysis: Mapping[str, Any]) -> bool:
    """Whether an analysis counts as flagging a minor."""
    return analysis["risk"]["level"] in MINOR_LEVELS and bool(MINOR_FLAGS & set(analysis["flags"]))


def evaluate(name: str, items: list[dict[str, Any]], records: Iterable[Mapping[str, Any]]) -> Report:
    """Compare the analyzer's records with the labels of ``items`` (same order)."""
    report = Report(name)
    for item, record in zip(items, records, strict=True):
        score_item(report, item, record["analysis"])
    return report


def score_item(report: Report, item: Mapping[str, Any], analysis: Mapping[str, Any]) -> None:
    """Add one item's agreement with its labels to ``report``."""
    labels, risk = item["labels"], analysis["risk"]
    report.items += 1
    got_minor = predicted_minor(analysis)
    report.minor.add(labels["minor"], got_minor)
    if labels["minor"] != got_minor:
        expected = "minor" if labels["minor"] else "not minor"
        report.misses.append(Miss(item["id"], "minor", expected, _got(analysis), risk.get("explanation", "")))
    _score_ages(report, item, analysis)
    _score_places(report, labels, analysis)
    if labels.get("genre") in GENRES and "genre" in analysis:
        report.genres[(labels["genre"], analysis["genre"]["label"])] += 1
    flags = set(analysis["flags"])
    for category, counts in report.categories.items():
        counts.add(category in labels["categories"], category in flags)
    if labels.get("kind") == "awareness":
        report.awareness_items += 1
        if risk["level"] in MINOR_LEVELS:
            report.awareness_above_low += 1
            report.misses.append(Miss(item["id"], "awareness", "≤ low", risk["level"], risk.get("explanation", "")))


def _score_ages(report: Report, item: Mapping[str, Any], analysis: Mapping[str, Any]) -> None:
    labels = item["labels"]
    found = {a["value"] for a in analysis["ages"]}
    if "ages" in labels:
        report.ages.add_sets(set(labels["ages"]), found)
    else:
        gold = labels.get("min_age")
        report.ages.add_sets(
            set() if gold is None else {gold}, set() if analysis["min_age"] is None else {analysis["min_age"]}
        )
    if labels.get("min_age") == analysis["min_age"]:
        report.min_age_correct += 1
    else:
        got = f"min_age {analysis['min_age']}"
        report.misses.append(Miss(item["id"], "min_age", str(labels.get("min_age")), got, _ages(analysis)))


def _score_places(report: Report, labels: Mapping[str, Any], analysis: Mapping[str, Any]) -> None:
    expected, got = set(labels["countries"]), set(analysis["countries"])
    report.countries.add_sets(expected, got)
    expected_flag = "destination" in labels["categories"] or bool(expected & watch_countries())
    flag_agrees = expected_flag == ("destination" in analysis["flags"])
    if flag_agrees and (expected & FOCUS_COUNTRIES) <= got:
        report.destination_correct += 1


def _got(analysis: Mapping[str, Any]) -> str:
    genre = analysis.get("genre", {}).get("label", "?")
    return f"{analysis['risk']['level']} {genre} [{', '.join(analysis['flags'])}]"


def _ages(analysis: Mapping[str, Any]) -> str:
    ages = analysis["ages"]
    return "; ".join(f"{a['value']} “{a['text']}” ({a.get('rule', '?')})" for a in ages) or "no ages found"
