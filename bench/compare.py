"""Two checkouts side by side: ``lantern analyze`` (one worker, start-up included) on the 20,000 texts of
``bench/analyze.py`` and the analyzer's start-up, the checkouts taking turns (A, B, then B, A, …) so that other
work on a shared machine slows both alike.

Each run is a fresh process of the checkout's own code (``PYTHONPATH`` on it), with the data cache of this
environment (``LANTERN_CACHE_DIR``, built once before the runs); start-up is timed as ``bench/analyze.py`` times
it (a fresh interpreter to its first analysed text, all three pipelines built).

    .venv/bin/python bench/compare.py BASE_CHECKOUT BRANCH_CHECKOUT [--turns 2] [--docs 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# This checkout, ahead of the checkout a shared .venv was installed from (see bench/analyze.py).
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.analyze import _START, documents  # noqa: E402


def _env(checkout: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(checkout)}


def cli_seconds(checkout: Path, source: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user and system) of one ``lantern analyze`` with one worker, run in
    ``checkout``."""
    args = [sys.executable, "-m", "lantern", "analyze", str(source), "-o", os.devnull, "--workers", "1"]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(args, cwd=checkout, env=_env(checkout), stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit(f"lantern analyze failed in {checkout}: {errors.read().decode()[-2000:]}")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def start_seconds(checkout: Path) -> float:
    """Seconds from a fresh interpreter of ``checkout`` to its first analysed text."""
    command = [sys.executable, "-c", _START]
    output = subprocess.run(command, cwd=checkout, env=_env(checkout), check=True, capture_output=True, text=True)
    return float(json.loads(output.stdout.strip().splitlines()[-1]))


def main() -> None:
    """Print one line per run: turn, checkout, CLI seconds, docs/s and CPU seconds, start-up seconds, load
    average before the run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path)
    parser.add_argument("branch", type=Path)
    parser.add_argument("--turns", type=int, default=2, help="turns of each checkout (default 2)")
    parser.add_argument("--docs", type=int, default=20_000, help="number of documents (default 20000)")
    options = parser.parse_args()
    checkouts = {"base": options.base.resolve(), "branch": options.branch.resolve()}
    with tempfile.TemporaryDirectory(prefix="lantern-compare-") as folder:
        source = Path(folder) / "docs.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for doc in documents(options.docs):
                out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        start_seconds(checkouts["base"])  # the data cache, built once, outside the measurements
        for turn in range(options.turns):
            order = ["base", "branch"] if turn % 2 == 0 else ["branch", "base"]
            for name in order:
                load = os.getloadavg()[0]
                seconds, cpu = cli_seconds(checkouts[name], source)
                start = start_seconds(checkouts[name])
                rate = options.docs / seconds
                print(
                    f"turn {turn + 1} {name:6} {seconds:6.2f} s {rate:6,.0f} docs/s (CPU {cpu:5.2f} s) "
                    f"start-up {start:.2f} s, load {load:.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
