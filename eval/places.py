"""Evaluate place names end to end: found (tag F), found and resolved within 161 km (end-to-end F), and of those
found, resolved right (Acc@161), on the public corpora in ``../shared/geo-corpora``.

    .venv/bin/python eval/places.py                  # every corpus present; writes docs/EVALUATION.md
    .venv/bin/python eval/places.py --corpus GeoVirus --misses 20
    .venv/bin/python eval/places.py --no-doc         # print only
    .venv/bin/python eval/places.py --no-doc --corpus "CoNLL-2002 Dutch" --part tuned --misses 40

Corpora (``eval/geo_gold.py``): GeoWebNews and GeoVirus (English news with coordinates), CoNLL-2002 Dutch and
Spanish training data (``LOC`` spans, no coordinates: recall and precision of place names only). They are
third-party data, read where they lie and never copied here; a corpus that is absent is skipped.

A prediction is every ``analysis.locations`` entry and every ``analysis.regions`` entry (continents, seas and
regions across countries); demonyms (``analysis.demonyms``) are not place names and are not scored.

* tag P/R/F: a prediction is right when its span is exactly a gold span;
* Acc@161: of the exact matches whose gold has coordinates, the share resolved within 161 km (100 miles);
  a prediction without coordinates is a miss;
* end-to-end P/R/F@161: a prediction is right when it is an exact match resolved within 161 km; gold names
  without coordinates (and the predictions that match them exactly) are left out of both counts.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from eval import geo_gold  # noqa: E402  (after the path set-up above)

DOC = ROOT / "docs" / "EVALUATION.md"
MAX_KM = 161.0
# The published anchors of issue 10 (the maintainers' held-out corpora and the systems in the literature).
ANCHORS = [
    [
        "LGL (held out)",
        "0.744",
        "0.306",
        "0.411",
        "Topocluster 0.713 / 0.450; Edinburgh 0.620 / 0.471 / 0.760; CLAVIN 0.573 / 0.405",
    ],
    ["TR-News (held out)", "0.778", "0.331", "0.426", ""],
    ["GeoWebNews", "0.730", "0.369", "0.505", "Lantern when issue 10 was filed"],
    ["CoNLL-2002 Dutch", "", "", "", "Lantern recall 0.588; a naive gazetteer lookup 0.611"],
]
# This script on the analyzer before issue 10 (commit 859a743): tag P / R / F, e2e F@161, Acc@161.
BEFORE = [
    ["GeoWebNews", "0.817 / 0.673 / 0.738", "0.308", "0.418"],
    ["GeoVirus", "0.828 / 0.750 / 0.787", "0.280", "0.356"],
    ["CoNLL-2002 Dutch", "0.715 / 0.454 / 0.555", "", ""],
    ["CoNLL-2002 Spanish", "0.489 / 0.659 / 0.561", "", ""],
]
BEFORE_HEADER = ["corpus", "tag P / R / F", "e2e F@161", "Acc@161"]
TARGETS = "LGL e2e F > 0.55 with tag F ≥ 0.74; TR-News e2e F > 0.55; CoNLL-2002 Dutch recall ≥ 0.80, precision ≥ 0.75"


@dataclass
class Scores:
    """Counts over one corpus."""

    name: str
    articles: int = 0
    gold: int = 0
    gold_located: int = 0
    predicted: int = 0
    exact: int = 0
    exact_unlocated: int = 0
    overlap_gold: int = 0
    within: int = 0
    seconds: float = 0.0
    misses: Counter[str] = field(default_factory=Counter)
    false_hits: Counter[str] = field(default_factory=Counter)
    far: Counter[str] = field(default_factory=Counter)

    @property
    def located(self) -> bool:
        return self.gold_located > 0

    def tag(self) -> tuple[float, float, float]:
        return prf(self.exact, self.predicted, self.gold)

    def end_to_end(self) -> tuple[float, float, float]:
        return prf(self.within, self.predicted - self.exact_unlocated, self.gold_located)

    def accuracy(self) -> float:
        return ratio(self.within, self.exact - self.exact_unlocated)


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def prf(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    p, r = ratio(right, predicted), ratio(right, gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def predictions(analysis: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The place names of one analysis: locations and regions."""
    return [*analysis.get("locations", []), *analysis.get("regions", [])]


# The CoNLL-2002 corpora are tuned on in their first part only (Dutch: the first 143 documents, Spanish: the
# first half); the rest is a hold-out, so its misses and false hits are counted but never listed.
LISTED_ARTICLES = {"CoNLL-2002 Dutch": 143, "CoNLL-2002 Spanish": 347}


PARTS = ("all", "tuned", "held-out")


def select_part(name: str, articles: list[geo_gold.Article], part: str) -> list[geo_gold.Article]:
    """The articles of one part of a corpus: ``all``, the ``tuned`` part (the first ``LISTED_ARTICLES``) or the
    ``held-out`` rest; a corpus without a hold-out is whole in every part."""
    listed = LISTED_ARTICLES.get(name)
    if listed is None or part == "all":
        return articles
    return articles[:listed] if part == "tuned" else articles[listed:]


def evaluate(name: str, articles: list[geo_gold.Article], analyzer: Any, part: str = "all") -> Scores:
    """Run the analyzer over one corpus (or one part of it: ``select_part``) and count (names missed or wrongly
    found are listed for the analysed part only: ``LISTED_ARTICLES``)."""
    listed = 0 if part == "held-out" and name in LISTED_ARTICLES else LISTED_ARTICLES.get(name, len(articles))
    articles = select_part(name, articles, part)
    scores = Scores(name, articles=len(articles))
    started = time.perf_counter()
    records = list(analyzer.analyze_many(article.item for article in articles))
    scores.seconds = time.perf_counter() - started
    for index, (article, record) in enumerate(zip(articles, records, strict=True)):
        score_article(scores, article.gold, predictions(record["analysis"]), listed=index < listed)
    return scores


def score_article(
    scores: Scores, gold: list[geo_gold.Gold], found: Iterable[Mapping[str, Any]], listed: bool = True
) -> None:
    """Add one article's counts; the names of its misses, false hits and far resolutions only when ``listed``."""
    unlisted: tuple[Counter[str], Counter[str], Counter[str]] = (Counter(), Counter(), Counter())
    false_hits, far, misses = (scores.false_hits, scores.far, scores.misses) if listed else unlisted
    found = list(found)
    spans = {(g.start, g.end): g for g in gold}
    scores.gold += len(gold)
    scores.gold_located += sum(g.lat is not None for g in gold)
    scores.predicted += len(found)
    for loc in found:
        match = spans.get((loc["start"], loc["end"]))
        if match is None:
            false_hits[loc["text"]] += 1
            continue
        scores.exact += 1
        if match.lat is None or match.lon is None:
            scores.exact_unlocated += 1
        elif loc.get("lat") is not None and km(match.lat, match.lon, loc["lat"], loc["lon"]) < MAX_KM:
            scores.within += 1
        else:
            far[f"{loc['text']} → {loc['name']}"] += 1
    for g in gold:
        if any(loc["start"] < g.end and g.start < loc["end"] for loc in found):
            scores.overlap_gold += 1
        else:
            misses[g.text] += 1


def rows(all_scores: Iterable[Scores]) -> list[list[str]]:
    """One row per corpus: tag P/R/F, end-to-end P/R/F@161, Acc@161, overlap recall, articles per second."""
    out = []
    for s in all_scores:
        tp, tr, tf = s.tag()
        ep, er, ef = s.end_to_end()
        resolved = [f"{ep:.3f} / {er:.3f} / {ef:.3f}", f"{s.accuracy():.3f}"] if s.located else ["", ""]
        out.append(
            [
                s.name,
                f"{s.articles} / {s.gold}",
                f"{tp:.3f} / {tr:.3f} / {tf:.3f}",
                *resolved,
                f"{ratio(s.overlap_gold, s.gold):.3f}",
                f"{s.articles / max(s.seconds, 1e-9):.0f}",
            ]
        )
    return out


HEADER = [
    "corpus",
    "articles / gold",
    "tag P / R / F",
    "e2e P / R / F@161",
    "Acc@161",
    "recall (overlap)",
    "articles/s",
]
ANCHOR_HEADER = ["corpus", "tag F", "e2e F@161", "Acc@161", "published systems (tag F / e2e F / Acc@161)"]


def top(counter: Counter[str], n: int) -> str:
    return ", ".join(f"{name} ({count})" for name, count in counter.most_common(n)) or "none"


def _listed_part(scores: Scores) -> str:
    """Which articles the names listed for a corpus come from, when not all."""
    listed = LISTED_ARTICLES.get(scores.name)
    return f" (names from the first {listed} documents, the part tuned on)" if listed else ""


def report(all_scores: list[Scores], lexicon_version: str) -> str:
    """The Markdown body of the "places" section of docs/EVALUATION.md."""
    from lantern.docsections import markdown_table

    date = datetime.now(UTC).date().isoformat()
    lines = [
        "## Places (gazetteer resolver)",
        "",
        f"Measured {date} with `.venv/bin/python eval/places.py` (`make eval`), lexicon version `{lexicon_version}`, "
        "on the public corpora in `../shared/geo-corpora` (read there, never copied). Definitions in the script's "
        "docstring: exact spans; 161 km; gold names without coordinates left out of the end-to-end counts.",
        "",
        markdown_table(HEADER, rows(all_scores)),
        "",
        "Anchors (issue 10): the maintainers' held-out corpora and published systems. Targets: " + TARGETS + ".",
        "",
        markdown_table(ANCHOR_HEADER, ANCHORS),
        "",
        "Before issue 10 (commit 859a743, this script):",
        "",
        markdown_table(BEFORE_HEADER, BEFORE),
        "",
    ]
    for s in all_scores:
        lines.append(
            f"**{s.name}**{_listed_part(s)}: most frequent misses: {top(s.misses, 10)}. Predictions without a gold "
            f"span: {top(s.false_hits, 10)}." + (f" Resolved too far: {top(s.far, 8)}." if s.located else "")
        )
        lines.append("")
    return "\n".join(lines).rstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=list(geo_gold.READERS), help="only these (repeatable)")
    parser.add_argument("--misses", type=int, default=0, help="print this many misses, false hits and far ones")
    parser.add_argument("--no-doc", action="store_true", help="print only; leave docs/EVALUATION.md alone")
    parser.add_argument(
        "--part", choices=PARTS, default="all", help="CoNLL-2002 only: the part tuned on or the held-out rest"
    )
    args = parser.parse_args(argv)
    names = [n for n in (args.corpus or geo_gold.READERS) if n in geo_gold.available()]
    if not names:
        print(f"no place corpora in {geo_gold.CORPUS_DIR}: skipped (set LANTERN_GEO_CORPORA to their folder).")
        return 0
    from lantern.settings import get_settings
    from nlp.analyzer import Analyzer

    analyzer = Analyzer.from_settings(get_settings())
    analyzer.warm_up()  # pipelines and gazetteer built before the clock starts
    all_scores = [evaluate(name, geo_gold.READERS[name][1](), analyzer, args.part) for name in names]
    _print(all_scores, args.misses)
    if not args.no_doc and args.corpus is None and args.part == "all":
        from lantern.docsections import write_section

        write_section(DOC, "places", report(all_scores, analyzer.lexicon_version))
        print(f"wrote the places section of {DOC}")
    return 0


def _print(all_scores: list[Scores], misses: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=200)
    for title, header, body in (("Places", HEADER, rows(all_scores)), ("Anchors", ANCHOR_HEADER, ANCHORS)):
        table = Table(title=title)
        for column in header:
            table.add_column(column)
        for row in body:
            table.add_row(*row)
        console.print(table)
    for s in all_scores if misses else ():
        console.print(f"[b]{s.name}[/b] misses: {top(s.misses, misses)}")
        console.print(f"[b]{s.name}[/b] false hits: {top(s.false_hits, misses)}")
        console.print(f"[b]{s.name}[/b] too far: {top(s.far, misses)}")


if __name__ == "__main__":
    raise SystemExit(main())
