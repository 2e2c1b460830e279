"""Benchmark ``lantern reprocess``: re-analyse a whole embedded store of 1,000,000 items with 2 worker processes.

The store is filled with the synthetic, clinical corpus of ``bench/search.py`` (neutral filler, fictional
555-01xx numbers), stamped with an old lexicon version; then the real CLI re-analyses every item (analysis,
storage writes and checkpoints included) and the wall-clock time is compared with the target: under 10
minutes on 2 cores. Results go to the ``reprocess`` section of docs/BENCHMARKS.md.

    .venv/bin/python bench/reprocess.py [--items 1000000] [--workers 2] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from rich.console import Console  # noqa: E402
from search import corpus  # noqa: E402  (the search benchmark's corpus)

from lantern.docsections import markdown_table, write_section  # noqa: E402
from lantern.storage.sqlite.store import SQLiteStore  # noqa: E402

LANTERN = Path(sys.executable).with_name("lantern")
TARGET_SECONDS = 600
OLD_VERSION = "lx1-benchmark-old"


def fill(path: Path, count: int) -> float:
    """A store of ``count`` items of an old lexicon version; returns the seconds it took."""
    began = time.perf_counter()
    with SQLiteStore(path) as store:
        for batch in corpus(count):
            for item in batch:
                item["analysis"]["lexicon_version"] = OLD_VERSION
            store.upsert(batch)
    return time.perf_counter() - began


def reprocess(data_dir: Path, workers: int) -> tuple[float, str]:
    """Seconds of one ``lantern reprocess`` over the whole store, and its summary line."""
    env = {**os.environ, "LANTERN_DATA_DIR": str(data_dir)}
    env.pop("LANTERN_ES_URL", None)
    env.pop("LANTERN_OPENSEARCH_URL", None)
    began = time.perf_counter()
    result = subprocess.run(
        [str(LANTERN), "reprocess", "--workers", str(workers)], capture_output=True, text=True, env=env, check=False
    )
    seconds = time.perf_counter() - began
    if result.returncode != 0:
        sys.exit(f"lantern reprocess failed: {result.stderr[-2000:]}")
    return seconds, result.stderr.strip().splitlines()[0]


def main() -> None:
    """Fill a store, re-analyse it, print and (unless --no-write) record the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000, help="items in the store (default 1000000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    options = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory(prefix="lantern-reprocess-") as folder:
        data_dir = Path(folder) / "data"
        data_dir.mkdir()
        console.print(f"filling a store with {options.items:,} items …")
        fill_seconds = fill(data_dir / "lantern.db", options.items)
        load = os.getloadavg()[0]
        console.print("re-analysing …")
        seconds, summary = reprocess(data_dir, options.workers)
    rate = options.items / seconds
    met = "met" if seconds < TARGET_SECONDS else "NOT met"
    rows = [
        ["fill the store (setup, not measured against the target)", f"{fill_seconds:.0f} s", ""],
        [f"`lantern reprocess --workers {options.workers}`", f"{seconds:.0f} s", f"{rate:,.0f}"],
    ]
    body = "\n".join(
        [
            "### Re-analysis (`lantern reprocess`)",
            "",
            f"Measured {date.today().isoformat()} on {platform.machine()} with {os.cpu_count()} cores by "
            f"`bench/reprocess.py`: an embedded store of {options.items:,} synthetic items (the corpus of "
            "`bench/search.py`) stamped with an old lexicon version, re-analysed by the real CLI (analysis in "
            f"worker processes, `update_analysis` per batch of 1,000, a checkpoint after each). Load average "
            f"before the run {load:.1f}.",
            "",
            markdown_table(["step", "time", "items/s"], rows),
            "",
            f"The command said: {summary}. Target: under {TARGET_SECONDS // 60} minutes for 1,000,000 items on 2 "
            f"cores ({met}).",
        ]
    )
    console.print(body)
    if not options.no_write:
        write_section(ROOT / "docs" / "BENCHMARKS.md", "reprocess", body)
        console.print("wrote the reprocess section of docs/BENCHMARKS.md")


if __name__ == "__main__":
    main()
