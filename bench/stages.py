"""Where one text's time goes: CPU microseconds per text for each stage of the analyzer, in one process after
start-up, on the synthetic documents of ``bench/analyze.py``.

Each pass analyses the same texts stage by stage (input checks, language detection, the normaliser and spaCy's
tokenizer, then every pipeline component); the fastest of the passes counts for each stage, since other work on
a shared machine only ever slows a pass down. ``--digits`` keeps only the texts that hold a digit (the texts the
age grammar reads in full).

    .venv/bin/python bench/stages.py [--docs 2000] [--passes 3] [--digits]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

# This checkout, ahead of the checkout a shared .venv was installed from (see bench/analyze.py).
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.analyze import documents  # noqa: E402

Clock = Callable[[], float]


def _add(totals: dict[str, float], stage: str, seconds: float) -> None:
    totals[stage] = totals.get(stage, 0.0) + seconds


def one_pass(analyzer: Any, items: list[Mapping[str, Any]], clock: Clock = time.process_time) -> dict[str, float]:
    """Seconds spent in each stage over ``items``, analysed one by one as the analyzer does."""
    from nlp import language as language_id
    from nlp.analyzer import ANALYZED_LANGUAGES, GENERIC, analysed_text, input_problem, reference_date
    from nlp.extensions import state
    from nlp.record import build_record

    totals: dict[str, float] = {}
    for item in items:
        began = clock()
        input_problem(item)
        text = analysed_text(item)
        ref = reference_date(item.get("posted_at"))
        mark = clock()
        _add(totals, "input", mark - began)
        detected = language_id.detect(text, item.get("language"))
        pipeline = analyzer.pipeline(detected if detected in ANALYZED_LANGUAGES else GENERIC)
        began, mark = mark, clock()
        _add(totals, "language", mark - began)
        doc = pipeline.make_doc(text)
        current = state(doc)
        current.ref_date, current.language = ref, detected
        began, mark = mark, clock()
        _add(totals, "tokenizer (with normaliser)", mark - began)
        for name, component in pipeline.pipeline:
            doc = component(doc)
            began, mark = mark, clock()
            _add(totals, name, mark - began)
        build_record(str(item["id"]), detected, doc, analyzer_version="x", lexicon_version="x")
        _add(totals, "record", clock() - mark)
    return totals


def measure(count: int, passes: int, digits_only: bool) -> tuple[int, dict[str, float]]:
    """The number of texts and each stage's fastest microseconds per text over ``passes`` passes."""
    from lantern.settings import get_settings
    from nlp.analyzer import Analyzer

    items: list[Mapping[str, Any]] = [{**d, "posted_at": "2026-03-01"} for d in documents(count)]
    if digits_only:
        items = [item for item in items if any(c.isdigit() for c in item["text"])]
    analyzer = Analyzer.from_settings(get_settings())
    analyzer.warm_up()
    one_pass(analyzer, items[:200])
    best: dict[str, float] = {}
    for _ in range(passes):
        for stage, seconds in one_pass(analyzer, items).items():
            best[stage] = min(best.get(stage, seconds), seconds)
    return len(items), {stage: seconds / len(items) * 1e6 for stage, seconds in best.items()}


def main() -> None:
    """Print each stage's microseconds per text, and their sum."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="bench documents to generate (default 2000)")
    parser.add_argument("--passes", type=int, default=3, help="passes over them, the fastest counts (default 3)")
    parser.add_argument("--digits", action="store_true", help="only the texts that hold a digit")
    options = parser.parse_args()
    count, stages = measure(options.docs, options.passes, options.digits)
    print(f"{count} texts, fastest of {options.passes} passes, CPU µs a text")
    for stage, micros in stages.items():
        print(f"{stage:32} {micros:8.1f}")
    print(f"{'all stages':32} {sum(stages.values()):8.1f}")


if __name__ == "__main__":
    main()
