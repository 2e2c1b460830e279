"""Benchmark of the embedded store: upsert throughput, search latency and counts on synthetic items.

Run: ``.venv/bin/python bench/store.py [--items 100000]``. Results go to the ``store`` section of
docs/BENCHMARKS.md. Items are synthetic and clinical (neutral filler, fictional 555-01xx numbers).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lantern.docsections import markdown_table, write_section  # noqa: E402
from lantern.storage.base import SearchQuery  # noqa: E402
from lantern.storage.sqlite.store import SQLiteStore  # noqa: E402
from tests.storage.items import make_item  # noqa: E402

WORDS = "listing hotel quiet bicycle repair shop café garden room booking travel city weekend service".split()
BATCH = 500


def synthetic_items(count: int, seed: int = 7) -> list[dict]:
    """Varied items: levels, countries, sources, dates over a year, some phones."""
    rng = random.Random(seed)
    items = []
    for n in range(count):
        level = rng.choices(["none", "low", "medium", "high"], [70, 20, 7, 3])[0]
        country = rng.choice(["PH", "TH", "NL"])
        words = " ".join(rng.choices(WORDS, k=40))
        text = f"{words} near {'Manila' if country == 'PH' else 'Pattaya' if country == 'TH' else 'Amsterdam'}"
        day = 1 + n % 28
        items.append(
            make_item(
                f"bench-{n:08d}",
                text,
                title=f"Listing {n}",
                level=level,
                countries=(country,),
                phones=(f"+1202555{100 + n % 100:04d}",) if n % 10 == 0 else (),
                source=rng.choice(["example-ads", "example-forum"]),
                posted_at=f"2026-{1 + n % 12:02d}-{day:02d}T10:00:00+00:00",
            )
        )
    return items


def timed(function: Callable[[], object], repeat: int = 5) -> float:
    """Median milliseconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(count: int) -> str:
    """Run the benchmark; returns the Markdown body of the section."""
    items = synthetic_items(count)
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "lantern.db")
        start = time.perf_counter()
        for offset in range(0, count, BATCH):
            store.upsert(items[offset : offset + BATCH])
        seconds = time.perf_counter() - start
        queries = {
            "text `hotel garden`": SearchQuery(text="hotel garden"),
            'text `"quiet café" OR booking*`': SearchQuery(text='"quiet café" OR booking*'),
            "level medium+, country PH": SearchQuery(level="medium", countries=("PH",)),
            "text + level + since": SearchQuery(text="travel", level="low", since=_date("2026-06-01")),
            "phone": SearchQuery(phone="+12025550100"),
            "newest first, page 50": SearchQuery(offset=1000),
        }
        rows = [[name, f"{timed(lambda q=q: store.search(q)):.1f}"] for name, q in queries.items()]
        rows.append(["counts()", f"{timed(store.counts, repeat=3):.1f}"])
        rows.append(["versions() of 500 ids", f"{timed(lambda: store.versions(i['id'] for i in items[:500])):.1f}"])
        size = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6
        store.close()
    header = (
        f"{count:,} synthetic items (~300 characters each), batches of {BATCH}: upsert "
        f"{count / seconds:,.0f} items/s ({seconds:.1f} s), file {size:.0f} MB. Search returns 20 items; "
        "times are medians in milliseconds."
    )
    return header + "\n\n" + markdown_table(["query", "ms"], rows)


def _date(text: str):
    from datetime import datetime

    return datetime.fromisoformat(text + "T00:00:00+00:00")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--no-write", action="store_true", help="Print only; leave docs/BENCHMARKS.md alone.")
    args = parser.parse_args()
    body = "### Embedded store (SQLite)\n\n" + run(args.items)
    print(body)
    if not args.no_write:
        write_section(ROOT / "docs" / "BENCHMARKS.md", "store", body)


if __name__ == "__main__":
    main()
