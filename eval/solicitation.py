"""Does the trained solicitation model carry to voices it never saw? Leave one development set out at a time.

    .venv/bin/python eval/solicitation.py            # writes the "solicitation" section of docs/EVALUATION.md
    .venv/bin/python eval/solicitation.py --no-doc

For each development set: train the model (``tools/train_solicitation.py``) on the other development sets, then
analyse the left-out set twice with the real analyzer, once with the rules alone and once with that model in the
risk stage. The rules were tuned on every development set, the left-out one included, so the rules' recall here
is optimistic and the model's gain a lower bound; the false alarms it adds are the honest part. Hold-outs are
not read: they are measured by ``eval/analyzer.py`` with the shipped model.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval.metrics import Report, evaluate  # noqa: E402
from tools import train_solicitation  # noqa: E402

DOC = ROOT / "docs" / "EVALUATION.md"
HEADER = [
    "left out",
    "items (minor)",
    "rules: recall / precision",
    "rules + model: recall / precision",
    "rescued",
    "false alarms added",
]


def _use(analyzer: Any, model: Any | None) -> None:
    """Put ``model`` (or no model) into the risk stage of every pipeline the analyzer has built."""
    from nlp.components.risk import Learned

    for language in list(analyzer._pipelines):
        scorer = analyzer.pipeline(language).get_pipe("lantern_risk")
        spec = scorer.learned
        if model is None:
            scorer.learned = None
        else:
            base = spec or _default_learned()
            scorer.learned = Learned(base.genres, base.levels, model)


def _default_learned() -> Any:
    from nlp.components.risk import Learned
    from nlp.data import load_yaml, rules_file
    from nlp.model import solicitation

    spec = load_yaml(rules_file("risk.yml"))["learned"]
    return Learned(frozenset(spec["genres"]), frozenset(spec["levels"]), solicitation.load())


def run(analyzer: Any) -> list[list[str]]:
    """One row per development set."""
    from nlp.model.solicitation import SolicitationModel

    files = train_solicitation.training_files()
    texts = {f: train_solicitation.masked_texts(train_solicitation.training_items([f]), analyzer) for f in files}
    rows = []
    for left_out in files:
        items = train_solicitation.training_items([left_out])
        others = train_solicitation.training_items([f for f in files if f != left_out])
        pipeline = train_solicitation.train(others, [t for f in files if f != left_out for t in texts[f]])
        model = SolicitationModel(train_solicitation.model_data(pipeline, [f for f in files if f != left_out], others))
        reports: list[Report] = []
        for use in (None, model):
            _use(analyzer, use)
            records = list(analyzer.analyze_many({k: v for k, v in i.items() if k != "labels"} for i in items))
            reports.append(evaluate(left_out.stem, items, records))
        rules, both = reports
        positives = sum(1 for i in items if i["labels"]["minor"])
        rows.append(
            [
                left_out.stem,
                f"{len(items)} ({positives})",
                f"{rules.minor.recall:.3f} / {rules.minor.precision:.3f}" if positives else "–",
                f"{both.minor.recall:.3f} / {both.minor.precision:.3f}" if positives else "–",
                str(both.minor.tp - rules.minor.tp),
                str(both.minor.fp - rules.minor.fp),
            ]
        )
    _use(analyzer, _default_learned().model)
    return rows


def report(rows: list[list[str]], seconds: float) -> str:
    """The Markdown body of the section."""
    from lantern.docsections import markdown_table

    date = datetime.now(UTC).date().isoformat()
    return "\n".join(
        [
            "## The trained solicitation model, one development set left out at a time",
            "",
            f"Measured {date} with `.venv/bin/python eval/solicitation.py` ({seconds:.0f} s): each development set "
            "analysed by the rules alone and by the rules with a model trained on the other development sets "
            "(`nlp/model/solicitation.py`, threshold 0.8). The rules were tuned on every one of these sets, so "
            "their recall is optimistic and what the model rescues is a lower bound; the false alarms it adds "
            "are what it would add on a new set. Hold-outs: above, with the shipped model.",
            "",
            markdown_table(HEADER, rows),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-doc", action="store_true", help="print only; leave docs/EVALUATION.md alone")
    args = parser.parse_args(argv)
    from rich.console import Console
    from rich.table import Table

    from lantern.settings import get_settings
    from nlp.analyzer import Analyzer

    analyzer = Analyzer.from_settings(get_settings())
    analyzer.warm_up()
    began = time.perf_counter()
    rows = run(analyzer)
    seconds = time.perf_counter() - began
    table = Table(title="Solicitation model, one development set left out")
    for column in HEADER:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console(width=160).print(table)
    if not args.no_doc:
        from lantern.docsections import write_section

        write_section(DOC, "solicitation", report(rows, seconds))
        print(f"wrote the solicitation section of {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
