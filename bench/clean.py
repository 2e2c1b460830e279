"""Benchmark of the clean stage: items per second on a synthetic forum batch, dates in the forms engines print.

Run: ``.venv/bin/python bench/clean.py [--items 5000] [--runs 3] [--baseline PATH] [--write]``.
``--baseline`` measures another checkout's clean stage the same way, in its own process (for example the main
branch, to compare before and after).
Each item is a forum post of about 600 characters of neutral filler HTML; its date is one of the forms of
``tests/pipelines/test_dates.py`` (a third Django/Spirit 'N j, Y, P', a third phpBB/SMF, a sixth relative,
a sixth ISO 8601), all distinct, each with the instant it stands for ("dates right" counts exact instants).
``--write`` puts the result in the ``clean`` section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
FILLER = (
    "The weekly schedule for the community garden is posted below. Volunteers bring their own gloves. "
    "The tool shed opens at nine and closes at five; the watering rota is on the notice board."
)


AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FETCHED = datetime(2024, 3, 6, 14, 30, tzinfo=UTC)


def date_string(rng: random.Random, local: datetime) -> tuple[str, datetime]:
    """One date in one of the engine forms (see the module's description) and the instant it stands for."""
    kind = rng.randrange(6)
    hour12 = local.hour % 12 or 12
    half = "a.m." if local.hour < 12 else "p.m."
    truth = local.replace(tzinfo=AMSTERDAM).astimezone(UTC)
    if kind in (0, 1):
        return f"{MONTHS[local.month - 1]} {local.day}, {local.year}, {hour12}:{local.minute:02d} {half}", truth
    if kind == 2:
        return local.strftime("%a %b %d, %Y ") + f"{hour12}:{local.minute:02d} {half[0]}m", truth
    if kind == 3:
        return local.strftime("%b %d, %Y, %I:%M %p"), truth
    if kind == 4:
        hours, minutes = rng.randrange(2, 23), rng.randrange(2, 59)
        yesterday = (FETCHED.astimezone(AMSTERDAM) - timedelta(days=1)).replace(hour=hours, minute=minutes)
        return rng.choice(
            [
                (f"{hours} hours ago", FETCHED - timedelta(hours=hours)),
                (f"{minutes} minutes ago", FETCHED - timedelta(minutes=minutes)),
                (f"gisteren om {hours:02d}:{minutes:02d}", yesterday.astimezone(UTC)),
            ]
        )
    return local.replace(tzinfo=AMSTERDAM).isoformat(timespec="seconds"), truth


def batch(size: int, seed: int = 12) -> list[dict[str, Any]]:
    """Synthetic forum posts with distinct dates; ``truth`` holds each date's instant."""
    rng = random.Random(seed)
    start = datetime(2023, 1, 1)
    items = []
    for number in range(size):
        text, truth = date_string(rng, start + timedelta(minutes=rng.randrange(60 * 24 * 420)))
        body = "".join(f"<p>{FILLER} Item {number}, part {part}.</p>" for part in range(3))
        items.append(
            {
                "id": str(number),
                "source": "bench-forum",
                "title": f"Garden rota {number % 50}",
                "body_html": f"<div class='post'>{body}<blockquote>quoted</blockquote></div>",
                "author": f"member{number % 97}",
                "posted_at": text,
                "fetched_at": FETCHED.isoformat(),
                "truth": truth,
            }
        )
    return items


def run(size: int, runs: int) -> tuple[float, float]:
    """Median items/s over fresh pipelines, and the share of items whose date came out right."""
    from pipelines.clean import CleanPipeline

    rates, right = [], 0.0
    for _ in range(runs):
        items = batch(size)
        truths = [item.pop("truth") for item in items]
        stage = CleanPipeline("Europe/Amsterdam")
        began = time.perf_counter()
        out = [stage.process_item(item) for item in items]
        rates.append(size / (time.perf_counter() - began))
        right = sum(1 for item, t in zip(out, truths, strict=True) if _same(item["posted_at"], t)) / size
        _clear_caches()
    return statistics.median(rates), right


def _same(posted_at: str | None, truth: datetime) -> bool:
    return posted_at is not None and datetime.fromisoformat(posted_at) == truth


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
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose clean stage is measured")
    parser.add_argument("--baseline", type=Path, help="another checkout measured the same way, for comparison")
    parser.add_argument("--json", action="store_true", help="print one JSON line (used for --baseline)")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    rate, right = run(args.items, args.runs)
    if args.json:
        print(json.dumps({"rate": rate, "right": right}))
        return
    rows = [["this checkout", args.items, f"{rate:,.0f}", f"{right:.1%}"]]
    if args.baseline:
        command = [sys.executable, __file__, "--items", str(args.items), "--runs", str(args.runs), "--json"]
        done = subprocess.run([*command, "--root", str(args.baseline)], capture_output=True, text=True, check=True)
        before = json.loads(done.stdout.strip().splitlines()[-1])
        rows.insert(
            0,
            [
                f"baseline ({args.baseline.resolve().name})",
                args.items,
                f"{before['rate']:,.0f}",
                f"{before['right']:.1%}",
            ],
        )
    table = markdown_table(["clean stage", "items", "items/s (median)", "dates right"], rows)
    print(table)
    if args.write:
        write_section(
            ROOT / "docs" / "BENCHMARKS.md",
            "clean",
            f"Clean stage on a synthetic forum batch "
            f"(`bench/clean.py`, {platform.python_version()}, {os.cpu_count()} cores):\n\n{table}",
        )


def markdown_table(header: list[str], rows: list[list[object]]) -> str:
    """A Markdown table (as lantern.docsections writes them; kept here so a baseline checkout needs nothing)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join([*lines, *("| " + " | ".join(str(c) for c in row) + " |" for row in rows)])


def write_section(document: Path, name: str, body: str) -> None:
    """Replace or append a section of a Markdown document (lantern.docsections of this checkout)."""
    sys.path.insert(0, str(ROOT))
    from lantern.docsections import write_section as write

    write(document, name, body)


if __name__ == "__main__":
    main()
