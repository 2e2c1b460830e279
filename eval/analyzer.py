"""Evaluate the analyzer on the labelled development and hold-out sets (tests/data/*.jsonl).

    .venv/bin/python eval/analyzer.py                 # the development set
    .venv/bin/python eval/analyzer.py --set holdout2  # the fresh hold-out set (never tune on it)
    .venv/bin/python eval/analyzer.py --set holdout   # the first hold-out set (seen: see tests/data/README.md)
    .venv/bin/python eval/analyzer.py --set both      # all three side by side

Prints item-level precision/recall/F1 for ``minor``, exact ``min_age`` accuracy, per-category and per-country
precision/recall, and the misses; writes the summary of all sets, side by side, to the "analyzer" section of
docs/EVALUATION.md. An item is predicted minor when its risk level is medium or high and its flags include
``minor_age``, ``youth_term`` or ``coded_term``. Exits non-zero only on errors (a missing or broken set file).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

DATA = ROOT / "tests" / "data"
SETS = {"dev": DATA / "devset.jsonl", "holdout": DATA / "holdout.jsonl", "holdout2": DATA / "holdout2.jsonl"}
DOC = ROOT / "docs" / "EVALUATION.md"
MINOR_FLAGS = frozenset({"minor_age", "youth_term", "coded_term"})
MINOR_LEVELS = frozenset({"medium", "high"})
# The labelled categories: the contract's core flags (context categories such as offer are not labelled).
from nlp.types import CORE_FLAGS  # noqa: E402  (after the path set-up above)

CATEGORIES = CORE_FLAGS


class SetError(Exception):
    """A labelled set that cannot be read."""


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
    """Everything measured on one set."""

    name: str
    lexicon_version: str = ""
    items: int = 0
    minor: Counts = field(default_factory=Counts)
    min_age_correct: int = 0
    categories: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    countries: Counts = field(default_factory=Counts)
    awareness_items: int = 0
    awareness_above_low: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def min_age_accuracy(self) -> float:
        return self.min_age_correct / self.items if self.items else 1.0


def load_set(path: Path) -> list[dict[str, Any]]:
    """The labelled items of a JSONL set; :class:`SetError` names the line of a broken one."""
    if not path.is_file():
        raise SetError(f"{path}: labelled set not found")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            labels = record["labels"]
            _ = (record["id"], record["text"], labels["minor"], labels["categories"], labels["countries"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise SetError(f"{path}:{number}: not a labelled item ({exc.__class__.__name__}: {exc})") from None
        items.append(record)
    return items


def analyzer_input(item: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a labelled item the analyzer reads (labels stay out)."""
    return {k: item[k] for k in ("id", "title", "text", "posted_at", "language") if item.get(k) is not None}


def predicted_minor(analysis: Mapping[str, Any]) -> bool:
    """Whether an analysis counts as flagging a minor."""
    return analysis["risk"]["level"] in MINOR_LEVELS and bool(MINOR_FLAGS & set(analysis["flags"]))


def evaluate(name: str, items: list[dict[str, Any]], records: Iterable[Mapping[str, Any]]) -> Report:
    """Compare the analyzer's records with the labels of ``items`` (same order)."""
    report = Report(name)
    for item, record in zip(items, records, strict=True):
        _score_item(report, item, record["analysis"])
    return report


def _score_item(report: Report, item: Mapping[str, Any], analysis: Mapping[str, Any]) -> None:
    labels, risk = item["labels"], analysis["risk"]
    report.items += 1
    got_minor = predicted_minor(analysis)
    report.minor.add(labels["minor"], got_minor)
    if labels["minor"] != got_minor:
        expected = "minor" if labels["minor"] else "not minor"
        report.misses.append(Miss(item["id"], "minor", expected, _got(analysis), risk.get("explanation", "")))
    if labels.get("min_age") == analysis["min_age"]:
        report.min_age_correct += 1
    else:
        got = f"min_age {analysis['min_age']}"
        report.misses.append(Miss(item["id"], "min_age", str(labels.get("min_age")), got, _ages(analysis)))
    flags = set(analysis["flags"])
    for category, counts in report.categories.items():
        counts.add(category in labels["categories"], category in flags)
    expected_countries, got_countries = set(labels["countries"]), set(analysis["countries"])
    report.countries.tp += len(expected_countries & got_countries)
    report.countries.fp += len(got_countries - expected_countries)
    report.countries.fn += len(expected_countries - got_countries)
    if labels.get("kind") == "awareness":
        report.awareness_items += 1
        if risk["level"] in MINOR_LEVELS:
            report.awareness_above_low += 1
            report.misses.append(Miss(item["id"], "awareness", "≤ low", risk["level"], risk.get("explanation", "")))


def _got(analysis: Mapping[str, Any]) -> str:
    return f"{analysis['risk']['level']} [{', '.join(analysis['flags'])}]"


def _ages(analysis: Mapping[str, Any]) -> str:
    ages = analysis["ages"]
    return "; ".join(f"{a['value']} “{a['text']}” ({a.get('rule', '?')})" for a in ages) or "no ages found"


def run(names: Iterable[str], analyzer: Any = None) -> dict[str, Report]:
    """Analyse and evaluate the named sets (``dev``, ``holdout``, ``holdout2``)."""
    if analyzer is None:
        from lantern.settings import get_settings
        from nlp.analyzer import Analyzer

        analyzer = Analyzer.from_settings(get_settings())
    reports = {}
    for name in names:
        items = load_set(SETS[name])
        records = list(analyzer.analyze_many(analyzer_input(i) for i in items))
        reports[name] = evaluate(name, items, records)
        reports[name].lexicon_version = analyzer.lexicon_version
    return reports


def _pct(value: float) -> str:
    return f"{value:.3f}"


def summary_rows(reports: Mapping[str, Report]) -> list[list[str]]:
    """Metric rows with one column per set."""
    order = list(reports.values())
    rows = [["items", *(str(r.items) for r in order)]]
    rows.append(["minor precision", *(_pct(r.minor.precision) for r in order)])
    rows.append(["minor recall", *(_pct(r.minor.recall) for r in order)])
    rows.append(["minor F1", *(_pct(r.minor.f1) for r in order)])
    rows.append(["minor tp / fp / fn", *(f"{r.minor.tp} / {r.minor.fp} / {r.minor.fn}" for r in order)])
    rows.append(["min_age exact accuracy", *(_pct(r.min_age_accuracy) for r in order)])
    rows.append(["awareness items medium/high", *(f"{r.awareness_above_low} of {r.awareness_items}" for r in order)])
    rows.append(["misses: minor / min_age / awareness", *(_miss_counts(r) for r in order)])
    rows.append(["countries precision", *(_pct(r.countries.precision) for r in order)])
    rows.append(["countries recall", *(_pct(r.countries.recall) for r in order)])
    return rows


def _miss_counts(report: Report) -> str:
    return " / ".join(str(sum(m.what == what for m in report.misses)) for what in ("minor", "min_age", "awareness"))


def category_rows(reports: Mapping[str, Report]) -> list[list[str]]:
    """Per-category precision / recall (support) with one column per set."""
    rows = []
    for category in CATEGORIES:
        cells = []
        for report in reports.values():
            c = report.categories[category]
            cells.append(f"{_pct(c.precision)} / {_pct(c.recall)} ({c.tp + c.fn})")
        rows.append([category, *cells])
    return rows


def print_reports(reports: Mapping[str, Report], *, show_misses: bool = True) -> None:
    """Rich tables of the measurements, then the misses of each set."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for title, header, rows in (
        ("Analyzer", "metric", summary_rows(reports)),
        ("Categories: precision / recall (expected)", "category", category_rows(reports)),
    ):
        table = Table(title=title)
        for column in [header, *reports]:
            table.add_column(column)
        for row in rows:
            table.add_row(*row)
        console.print(table)
    if not show_misses:
        return
    for report in reports.values():
        table = Table(title=f"Misses on {report.name} ({len(report.misses)})", show_lines=False)
        for column in ("id", "what", "expected", "got", "explanation"):
            table.add_column(column, overflow="fold")
        for miss in report.misses:
            table.add_row(miss.id, miss.what, miss.expected, miss.got, miss.explanation)
        console.print(table)


def document_body(reports: Mapping[str, Report], today: str) -> str:
    """The "analyzer" section of docs/EVALUATION.md."""
    from lantern.docsections import markdown_table

    sets = list(reports)
    return "\n".join(
        [
            "## Analyzer",
            "",
            f"Measured {today} with `eval/analyzer.py` on the labelled sets in `tests/data/` (see its README),",
            f"lexicon version `{next(iter(reports.values())).lexicon_version}`.",
            "An item counts as flagged minor when its risk level is medium or high and its flags include",
            "`minor_age`, `youth_term` or `coded_term`. `dev` is tuned on. `holdout` was written separately but its",
            "misses have since been seen (and the dev set extended to cover their kinds), so it is no longer clean;",
            "`holdout2` was written afterwards in another voice and is not tuned on: the gap between `dev` and",
            "`holdout2` measures how much of the dev result is fitted to the dev set's wording.",
            "",
            markdown_table(["metric", *sets], summary_rows(reports)),
            "",
            "Per category: precision / recall (number of items labelled with it).",
            "",
            markdown_table(["category", *sets], category_rows(reports)),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set", choices=[*SETS, "both"], default="dev", help="which set to print (both: all sets side by side)"
    )
    parser.add_argument("--no-doc", action="store_true", help="do not write docs/EVALUATION.md")
    parser.add_argument("--quiet", action="store_true", help="tables only, no list of misses")
    args = parser.parse_args(argv)
    shown = list(SETS) if args.set == "both" else [args.set]
    try:
        reports = run(list(SETS) if not args.no_doc else shown)
    except SetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print_reports({name: reports[name] for name in shown}, show_misses=not args.quiet)
    if not args.no_doc:
        from lantern.docsections import write_section

        DOC.parent.mkdir(parents=True, exist_ok=True)
        write_section(DOC, "analyzer", document_body(reports, datetime.now(UTC).date().isoformat()))
        print(f"wrote the analyzer section of {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
