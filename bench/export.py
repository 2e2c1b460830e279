"""Benchmark: the trend export over 1,000,000 synthetic items in a temporary embedded store (target < 5 s).

    .venv/bin/python bench/export.py [--items 1000000] [--keep PATH]

Items are written with the store's own upsert (not timed). Each export (``--by country`` and ``--by destination``,
weekly buckets in Europe/Amsterdam, CSV) runs in a fresh process, which reports its wall time and peak memory
(maximum resident set size). Results go to the "export" section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lantern.docsections import markdown_table, write_section  # noqa: E402

TARGET_SECONDS = 5.0
#: name → (country, kind, lat, lon, geonameid, destination): a few synthetic place records.
PLACES = [
    ("Manila", "PH", "city", 14.6042, 120.9822, 1701668, True),
    ("Cebu", "PH", "city", 10.3167, 123.8907, 1717512, True),
    ("Pattaya", "TH", "city", 12.9276, 100.8771, 1607532, True),
    ("Bangkok", "TH", "city", 13.754, 100.5014, 1609350, True),
    ("Phnom Penh", "KH", "city", 11.5625, 104.916, 1821306, True),
    ("Colombo", "LK", "city", 6.9355, 79.8487, 1248991, True),
    ("Denpasar", "ID", "city", -8.65, 115.2167, 1645528, True),
    ("Kathmandu", "NP", "city", 27.7017, 85.3206, 1283240, True),
    ("Amsterdam", "NL", "city", 52.374, 4.8897, 2759794, False),
    ("Rotterdam", "NL", "city", 51.9225, 4.4792, 2747891, False),
    ("Philippines", "PH", "country", 14.6042, 120.9822, 1694008, True),
    ("Thailand", "TH", "country", 13.754, 100.5014, 1605651, True),
]
LEVELS = ["none"] * 6 + ["low"] * 2 + ["medium", "high"]
AREAS = [201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228]


def make_item(number: int, rng: random.Random, start_epoch: int) -> dict:
    """One synthetic, clinical stored item (fictional 555-01xx numbers) dated within a year."""
    from datetime import UTC, datetime

    places = rng.sample(PLACES, rng.choice((0, 1, 1, 1, 2)))
    text = f"Notice {number} for the listing board. " + " ".join(f"Mentions {p[0]}." for p in places)
    locations = []
    for name, country, kind, lat, lon, geonameid, destination in places:
        start = text.index(name)
        locations.append({"name": name, "country": country, "kind": kind, "lat": lat, "lon": lon,
                          "geonameid": geonameid, "text": name, "start": start, "end": start + len(name),
                          "destination": destination})  # fmt: skip
    phones = [f"+1{rng.choice(AREAS)}55501{rng.randrange(100):02d}" for _ in range(rng.choice((0, 0, 1, 2)))]
    level = rng.choice(LEVELS)
    when = datetime.fromtimestamp(start_epoch + rng.randrange(365 * 86400), UTC).isoformat()
    return {
        "id": f"bench-{number}", "url": f"http://127.0.0.1:8000/b/{number}", "source": f"board-{number % 20}",
        "kind": "ad", "site": "127.0.0.1", "title": "", "text": text, "author": None, "posted_at": when,
        "fetched_at": when, "first_seen": when, "last_seen": when, "times_seen": 1,
        "content_hash": hashlib.sha256(text.encode()).hexdigest(), "language": "en",
        "analysis": {
            "analyzer_version": "bench", "lexicon_version": "bench",
            "risk": {"score": LEVELS.index(level) / 10, "level": level, "explanation": "synthetic"},
            "flags": ["destination"] if any(loc["destination"] for loc in locations) else [],
            "signals": [], "ages": [], "min_age": None, "locations": locations,
            "countries": list(dict.fromkeys(loc["country"] for loc in locations)),
            "contacts": {"phones": list(dict.fromkeys(phones)), "emails": [], "handles": []},
        },
    }  # fmt: skip


def fill(path: Path, count: int, batch: int = 20_000) -> float:
    """Write ``count`` items into a new store at ``path``; returns the seconds it took."""
    from lantern.storage.sqlite.store import SQLiteStore

    rng = random.Random(6)
    began = time.perf_counter()
    with SQLiteStore(path) as store:
        for offset in range(0, count, batch):
            store.upsert([make_item(n, rng, 1735689600) for n in range(offset, min(count, offset + batch))])
    return time.perf_counter() - began


def run_export(path: Path, by: str, output: Path) -> dict:
    """In this (fresh) process: one trend export to CSV; wall time and peak RSS."""
    from lantern.exports.compute import trend_rows
    from lantern.exports.trends import TrendSpec
    from lantern.exports.writers import write_trends
    from lantern.storage.sqlite.store import SQLiteStore

    spec = TrendSpec(by=by, interval="week", timezone="Europe/Amsterdam", min_count=5)  # type: ignore[arg-type]
    began = time.perf_counter()
    with SQLiteStore(path) as store:
        rows = trend_rows(store, spec)
    write_trends(rows, {"by": by}, output, "csv")
    seconds = time.perf_counter() - began
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"by": by, "seconds": round(seconds, 2), "peak_mb": round(peak_mb), "rows": len(rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="Use (or keep) the store at this path instead of a temporary one.")
    parser.add_argument("--child", nargs=2, metavar=("STORE", "BY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_export(Path(args.child[0]), args.child[1], Path(args.child[0]).with_suffix(".csv"))))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.db"
        fill_seconds = fill(path, args.items) if not path.exists() else 0.0
        results = [_child(path, by) for by in ("country", "destination")]
        stored = _count(path)
    _report(stored, fill_seconds, results)


def _count(path: Path) -> int:
    """How many items the store holds (a kept store may differ from --items)."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM items").fetchone()[0])


def _child(path: Path, by: str) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(path), by], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _report(items: int, fill_seconds: float, results: list[dict]) -> None:
    rows = [[r["by"], r["seconds"], r["peak_mb"], r["rows"], "yes" if r["seconds"] < TARGET_SECONDS else "NO"]
            for r in results]  # fmt: skip
    body = (
        f"### Trend export (`bench/export.py`)\n\n{items:,} synthetic items in a temporary embedded store "
        f"(written in {fill_seconds:.0f} s, not timed); weekly buckets in Europe/Amsterdam, CSV, min-count 5; "
        f"each export in a fresh process (peak = maximum resident set size of that process).\n\n"
        + markdown_table(["--by", "seconds", "peak MB", "rows", f"< {TARGET_SECONDS:g} s"], rows)
    )
    write_section(ROOT / "docs" / "BENCHMARKS.md", "export", body)
    print(body)


if __name__ == "__main__":
    main()
