"""Benchmark of the crawl: pages per second of the full pipeline against a bare spider, side by side.

Run: ``.venv/bin/python bench/crawl.py [--size 3000] [--runs 3] [--source demo-classifieds ...]``.
The fixture sites are served from this process (threads); every measured crawl runs in its own process
(bench/crawl_once.py, through ``lantern.crawl.run_crawl`` as ``lantern crawl`` does) with a fresh data folder.
Runs alternate bare, full, bare, full, … on the same server. The bare spider is the same spider with the same
Scrapy settings (politeness, concurrency, middlewares, extensions) and no item pipelines (no clean, validate,
deduplicate, analyze, store). Rates use Scrapy's ``elapsed_time_seconds`` (spider open to close: process start
and the analyzer's model loading are excluded). Results go to the ``crawl`` section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from lantern.demo import write_demo_sources  # noqa: E402
from lantern.docsections import markdown_table, write_section  # noqa: E402
from lantern.fixtures import FixtureSites  # noqa: E402

TARGET = 0.7
CHILD = Path(__file__).resolve().parent / "crawl_once.py"
SITE_URLS = {"demo-classifieds": "classifieds_url", "demo-forum": "forum_url"}


def crawl_once(source: str, bare: bool, sources_dir: Path, work: Path, run: int) -> dict[str, Any]:
    """One crawl in a child process with its own empty data folder; its measurements."""
    data_dir = work / f"data-{source}-{'bare' if bare else 'full'}-{run}"
    env = os.environ | {"LANTERN_DATA_DIR": str(data_dir), "LANTERN_SOURCES_DIR": str(sources_dir)}
    command = [sys.executable, str(CHILD), source, *(["--bare"] if bare else [])]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800, check=False)
    if done.returncode != 0:
        raise SystemExit(f"crawl of {source} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["status"] != "finished":
        raise SystemExit(f"crawl of {source} ended {result['status']!r}:\n{done.stderr[-3000:]}")
    return result


def summarise(results: list[dict[str, Any]]) -> dict[str, float]:
    """Medians of one mode's runs (rates over Scrapy's elapsed time) and the highest peak RSS."""
    return {
        "pages": statistics.median(r["pages"] for r in results),
        "items": statistics.median(r["items"] for r in results),
        "elapsed": statistics.median(r["elapsed"] for r in results),
        "pages_s": statistics.median(r["pages"] / r["elapsed"] for r in results),
        "items_s": statistics.median(r["items"] / r["elapsed"] for r in results),
        "rss": max(r["peak_rss_mb"] for r in results),
    }


def bench_source(source: str, runs: int, sources_dir: Path, work: Path, console: Console) -> dict[str, Any]:
    """Interleaved bare and full runs of one source."""
    results: dict[str, list[dict[str, Any]]] = {"bare": [], "full": []}
    for run in range(runs):
        for mode in ("bare", "full"):
            result = crawl_once(source, mode == "bare", sources_dir, work, run)
            results[mode].append(result)
            console.print(
                f"  {source} {mode} #{run + 1}: {result['pages']} pages, {result['items']} items in "
                f"{result['elapsed']:.1f} s → {result['pages'] / result['elapsed']:.1f} pages/s"
            )
    bare, full = summarise(results["bare"]), summarise(results["full"])
    return {"source": source, "bare": bare, "full": full, "ratio": full["pages_s"] / bare["pages_s"]}


def rows(outcomes: list[dict[str, Any]]) -> list[list[str]]:
    """Table rows: one per source and mode."""
    table = []
    for outcome in outcomes:
        for mode in ("bare", "full"):
            m = outcome[mode]
            ratio = f"{outcome['ratio']:.2f}" if mode == "full" else ""
            counts = [f"{m['pages']:.0f}", f"{m['items']:.0f}", f"{m['elapsed']:.1f}"]
            rates = [f"{m['pages_s']:.1f}", f"{m['items_s']:.1f}", f"{m['rss']:.0f}", ratio]
            table.append([outcome["source"], mode, *counts, *rates])
    return table


HEADER = ["source", "run", "pages", "items", "seconds", "pages/s", "items/s", "peak RSS MB", "full/bare"]


def show(outcomes: list[dict[str, Any]], console: Console) -> None:
    """The results as a rich table."""
    table = Table(title="Crawl: full pipeline vs bare spider (medians)")
    for column in HEADER:
        table.add_column(column, justify="left" if column in ("source", "run") else "right")
    for row in rows(outcomes):
        table.add_row(*row)
    console.print(table)


def machine() -> str:
    """Facts about this machine and the software versions."""
    import scrapy
    import spacy

    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Scrapy {scrapy.__version__}, spaCy {spacy.__version__}, load average {os.getloadavg()[0]:.1f} at the end"
    )


def markdown(outcomes: list[dict[str, Any]], size: str, seed: int, runs: int) -> str:
    """The body of the ``crawl`` section."""
    verdicts = ", ".join(
        f"{o['source']} {o['ratio']:.2f} ({'meets' if o['ratio'] >= TARGET else 'below'} the {TARGET} target)"
        for o in outcomes
    )
    return "\n".join(
        [
            "### Crawl: full pipeline vs bare spider",
            "",
            f"{date.today().isoformat()}, {machine()}. Fixture sites seed {seed}, size {size}, served from the "
            f"benchmark process; {runs} runs of each mode, interleaved (bare, full, …), each in its own process "
            "with an empty data folder (embedded SQLite store). The bare spider is the same spider with the same "
            "Scrapy settings (delay 0, same concurrency, middlewares, extensions) and `ITEM_PIPELINES` empty. "
            "Rates are medians over Scrapy's `elapsed_time_seconds` (process start and model loading excluded); "
            "peak RSS is the highest of the runs.",
            "",
            markdown_table(HEADER, rows(outcomes)),
            "",
            f"Full/bare pages per second: {verdicts}.",
            "",
            "Run: `.venv/bin/python bench/crawl.py`.",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="3000", help="tiny, small, medium, large or N ads")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="runs of each mode (at least 3 for the doc)")
    parser.add_argument("--source", action="append", choices=sorted(SITE_URLS), help="default: both")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/BENCHMARKS.md")
    args = parser.parse_args()
    console = Console(width=max(Console().width, 110))
    size: Any = int(args.size) if args.size.isdigit() else args.size
    sources = args.source or ["demo-classifieds", "demo-forum"]
    with FixtureSites(seed=args.seed, size=size) as sites, tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sources_dir = write_demo_sources({n: getattr(sites, a) + "/" for n, a in SITE_URLS.items()}, work / "src")
        outcomes = [bench_source(source, args.runs, sources_dir, work, console) for source in sources]
    show(outcomes, console)
    if not args.no_write:
        write_section(ROOT / "docs" / "BENCHMARKS.md", "crawl", markdown(outcomes, args.size, args.seed, args.runs))
        console.print("wrote the crawl section of docs/BENCHMARKS.md")


if __name__ == "__main__":
    main()
