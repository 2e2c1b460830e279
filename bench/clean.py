"""Benchmark of the clean stage: items per second on a synthetic forum batch, dates in the forms engines print.

Run: ``.venv/bin/python bench/clean.py [--items 5000] [--runs 3] [--root PATH] [--write]``.
``--root`` measures another checkout's clean stage (for example the main branch, to compare before and after).
Each item is a forum post of about 600 characters of neutral filler HTML; its date is one of the forms of
``tests/pipelines/test_dates.py`` (a third Django/Spirit 'N j, Y, P', a third phpBB/SMF, a sixth relative,
a sixth ISO 8601), all distinct. ``--write`` puts the result in the ``clean`` section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
FILLER = (
    "The weekly schedule for the community garden is posted below. Volunteers bring their own gloves. "
    "The tool shed opens at nine and closes at five; the watering rota is on the notice board."
)


def date_string(rng: random.Random, moment: datetime) -> str:
    """One date in one of the engine forms (see the module's description)."""
    kind = rng.randrange(6)
    hour12 = moment.hour % 12 or 12
    half = "a.m." if moment.hour < 12 else "p.m."
    if kind in (0, 1):
        return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year}, {hour12}:{moment.minute:02d} {half}"
    if kind == 2:
        return moment.strftime("%a %b %d, %Y ") + f"{hour12}:{moment.minute:02d} {half[0]}m"
    if kind == 3:
        return moment.strftime("%b %d, %Y, %I:%M %p")
    if kind == 4:
        return rng.choice(
            [
                f"{rng.randrange(2, 23)} hours ago",
                f"{rng.randrange(2, 59)} minutes ago",
                f"gisteren om {rng.randrange(24):02d}:{rng.randrange(60):02d}",
            ]
        )
    return moment.isoformat(timespec="seconds")


def batch(size: int, seed: int = 12) -> list[dict[str, Any]]:
    """Synthetic forum posts with distinct dates."""
    rng = random.Random(seed)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    fetched = datetime(2024, 3, 6, 14, 30, tzinfo=UTC).isoformat()
    items = []
    for number in range(size):
        moment = start + timedelta(minutes=rng.randrange(60 * 24 * 420))
        body = "".join(f"<p>{FILLER} Item {number}, part {part}.</p>" for part in range(3))
        items.append(
            {
                "id": str(number),
                "source": "bench-forum",
                "title": f"Garden rota {number % 50}",
                "body_html": f"<div class='post'>{body}<blockquote>quoted</blockquote></div>",
                "author": f"member{number % 97}",
                "posted_at": date_string(rng, moment),
                "fetched_at": fetched,
            }
        )
    return items


def run(size: int, runs: int) -> tuple[float, float]:
    """Median items/s over fresh pipelines, and the share of items that got a date."""
    from pipelines.clean import CleanPipeline

    rates, dated = [], 0.0
    for _ in range(runs):
        items = batch(size)
        stage = CleanPipeline("Europe/Amsterdam")
        began = time.perf_counter()
        out = [stage.process_item(item) for item in items]
        rates.append(size / (time.perf_counter() - began))
        dated = sum(1 for item in out if item["posted_at"]) / size
        _clear_caches()
    return statistics.median(rates), dated


def _clear_caches() -> None:
    try:
        from pipelines.dates import _parser, reader_for

        reader_for.cache_clear()
        _parser.cache_clear()
    except ImportError:  # an older checkout without pipelines/dates.py
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    rate, dated = run(args.items, args.runs)
    print(f"clean stage ({args.root}): {rate:,.0f} items/s, {dated:.1%} of items dated, {args.items} items")
    if args.write:
        from lantern.docsections import markdown_table, write_section

        table = markdown_table(
            ["items", "items/s (median)", "items with a date"], [[args.items, f"{rate:,.0f}", f"{dated:.1%}"]]
        )
        write_section(
            ROOT / "docs" / "BENCHMARKS.md",
            "clean",
            f"Clean stage, synthetic forum batch (`bench/clean.py`):\n\n{table}",
        )


if __name__ == "__main__":
    main()
