"""Benchmark ``lantern analyze``: throughput with 1 and 2 worker processes, peak memory, start-up times.

Generates 20,000 synthetic, clinical documents (20–150 words of neutral English or Dutch filler; about 5% carry
an indicator phrase taken from the lexicons, some a NANP 555-01xx number or an example.org address), runs the
real CLI on them in subprocesses side by side, prints a table and writes the "analyze" section of
docs/BENCHMARKS.md.

    .venv/bin/python bench/analyze.py [--docs 20000] [--repeat 1] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml
from rich.console import Console
from rich.table import Table

# This checkout, ahead of the checkout a shared .venv was installed from (its editable install maps lantern
# and nlp there): the CLI runs in it, so the code measured is this checkout's.
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lantern.docsections import markdown_table, write_section  # noqa: E402

# The CLI of this checkout: ``python -m lantern`` run in the checkout imports its code, where the installed
# ``lantern`` script imports whatever checkout the environment was installed from (a shared .venv's).
LANTERN = [sys.executable, "-m", "lantern"]
BENCHMARKS = ROOT / "docs" / "BENCHMARKS.md"
SEED = 20260301
TARGET_DOCS_PER_SECOND = 2500

FILLER = {
    "en": (
        "the a and of to in for on with at from by about market weather morning evening city street shop "
        "coffee bread train bus station office meeting friend family weekend holiday garden house kitchen "
        "music film book school work week today tomorrow yesterday nice quiet busy open closed price fair "
        "clean room apartment bike car parking near center north south east west river park lake walk"
    ).split(),
    "nl": (
        "de het een en van in op met voor aan bij uit over markt weer ochtend avond stad straat winkel koffie "
        "brood trein bus station kantoor afspraak vriend familie weekend vakantie tuin huis keuken muziek "
        "film boek werk week vandaag morgen gisteren mooi rustig druk open dicht prijs eerlijk schoon kamer "
        "appartement fiets auto parkeren centrum noord zuid oost west rivier park meer wandelen"
    ).split(),
}
PLACES = ["Utrecht", "Amsterdam", "Rotterdam", "Chicago", "Berlin", "Madrid"]
SELECTORS = ["+1 202 555 0143", "(202) 555-0171", "info@example.org", "desk [at] example [dot] net"]


def indicator_phrases() -> list[str]:
    """Phrases of the built-in English and Dutch lexicons (the words analysts actually look for)."""
    phrases: list[str] = []
    for name in ("en.yml", "nl.yml"):
        data = yaml.safe_load((ROOT / "nlp" / "lexicons" / name).read_text(encoding="utf-8"))
        for entry in data.get("entries", []):
            phrases.extend(entry.get("phrases", []))
    return phrases


def documents(count: int, seed: int = SEED) -> list[dict[str, str]]:
    """``count`` deterministic synthetic documents."""
    rng = random.Random(seed)
    phrases = indicator_phrases()
    docs = []
    for index in range(count):
        lang = "en" if rng.random() < 0.6 else "nl"
        words = rng.choices(FILLER[lang], k=rng.randint(20, 150))
        if rng.random() < 0.05:
            words.insert(rng.randrange(len(words)), rng.choice(phrases))
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words)), rng.choice(PLACES))
        if rng.random() < 0.05:
            words.append(rng.choice(SELECTORS))
        docs.append({"id": f"d{index}", "text": " ".join(words).capitalize() + "."})
    return docs


def run_cli(source: Path, workers: int) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB, largest process of the run) of one ``lantern analyze``."""
    args = [*LANTERN, "analyze", str(source), "-o", os.devnull, "--workers", str(workers)]
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"lantern analyze failed: {process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss


_TOKENIZE = """
import json, sys, time
t = time.perf_counter()
import spacy
tokenizer = spacy.blank("en").tokenizer
for line in open(sys.argv[1], encoding="utf-8"):
    tokenizer(json.loads(line)["text"])
print(json.dumps(time.perf_counter() - t))
"""


def tokenizer_seconds(source: Path) -> float:
    """Seconds for spaCy's bare English tokenizer on the same texts, in a fresh process (imports included, no
    normalisation, no components, no output): the floor any spaCy pipeline stands on."""
    command = [sys.executable, "-c", _TOKENIZE, str(source)]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, check=True, text=True)
    return float(json.loads(output.stdout.strip().splitlines()[-1]))


_START = """
import time, json
t = time.perf_counter()
from lantern.settings import get_settings
from nlp.analyzer import Analyzer
analyzer = Analyzer.from_settings(get_settings())
analyzer.warm_up()
analyzer.analyze({"id": "x", "text": "warm up"})
print(json.dumps(time.perf_counter() - t))
"""


def start_time(cache_dir: Path) -> float:
    """Seconds from a fresh interpreter to a first analysed text (imports, pipelines, gazetteer)."""
    env = {**os.environ, "LANTERN_CACHE_DIR": str(cache_dir)}
    command = [sys.executable, "-c", _START]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, env=env, check=True, text=True)
    return float(json.loads(output.stdout.strip().splitlines()[-1]))


def measure(count: int, repeat: int = 1) -> dict[str, float]:
    """All measurements, in one run; with ``repeat`` > 1 the tokenizer and the CLI runs take turns that many
    times and the fastest of each counts (other work on a shared machine only ever slows a run down)."""
    results: dict[str, float] = {"load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="lantern-bench-") as folder:
        cache = Path(folder) / "cache"
        results["cold_start_s"] = start_time(cache)
        results["warm_start_s"] = min(start_time(cache) for _ in range(repeat))
        source = Path(folder) / "docs.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for doc in documents(count):
                out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        os.environ["LANTERN_CACHE_DIR"] = str(cache)
        runs: dict[str, list[tuple[float, int]]] = {"tokenizer": [], "w1": [], "w2": []}
        for _ in range(repeat):
            runs["tokenizer"].append((tokenizer_seconds(source), 0))
            for workers in (1, 2):
                runs[f"w{workers}"].append(run_cli(source, workers))
        results["tokenizer_s"] = min(seconds for seconds, _ in runs["tokenizer"])
        results["tokenizer_docs_per_s"] = count / results["tokenizer_s"]
        for workers in (1, 2):
            seconds = min(seconds for seconds, _ in runs[f"w{workers}"])
            results[f"w{workers}_s"] = seconds
            results[f"w{workers}_docs_per_s"] = count / seconds
            results[f"w{workers}_peak_mib"] = max(peak for _, peak in runs[f"w{workers}"]) / 1024
    results["repeat"] = repeat
    return results


def report(count: int, results: dict[str, float]) -> tuple[Table, str]:
    """The rich table for the terminal and the Markdown section for docs/BENCHMARKS.md."""
    rows = [
        [
            f"`lantern analyze`, {w} worker{'s' if w > 1 else ''}",
            f"{results[f'w{w}_s']:.1f} s",
            f"{results[f'w{w}_docs_per_s']:,.0f}",
            f"{results[f'w{w}_peak_mib']:,.0f} MiB",
        ]
        for w in (1, 2)
    ]
    rows.append(
        [
            "spaCy's bare tokenizer on the same texts (fresh process)",
            f"{results['tokenizer_s']:.1f} s",
            f"{results['tokenizer_docs_per_s']:,.0f}",
            "",
        ]
    )
    rows.append(["analyzer cold start (fresh process, empty cache)", f"{results['cold_start_s']:.2f} s", "", ""])
    rows.append(["analyzer warm start (fresh process, built cache)", f"{results['warm_start_s']:.2f} s", "", ""])
    header = ["measurement", "time", "docs/s", "peak RSS (largest process)"]
    table = Table(*header, title=f"lantern analyze, {count:,} synthetic documents")
    for row in rows:
        table.add_row(*row)
    met = "met" if results["w1_docs_per_s"] >= TARGET_DOCS_PER_SECOND else "NOT met"
    body = "\n".join(
        [
            "### Analyzer (`lantern analyze`)",
            "",
            f"Measured {date.today().isoformat()} on {platform.machine()} with {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, by `bench/analyze.py`: {count:,} synthetic clinical documents of "
            "20–150 words (60% English, 40% Dutch filler; ~5% with a lexicon indicator phrase, ~20% a city, "
            "~5% a NANP 555-01xx number or example.org address), seed "
            f"{SEED}. Times are wall-clock for the whole CLI run, start-up included; load average before the run "
            f"{results['load_before']:.1f} (other work on the machine slows both runs)"
            + (f"; the fastest of {results['repeat']:.0f} turns of each." if results["repeat"] > 1 else "."),
            "",
            markdown_table(header, rows),
            "",
            f"Target: ≥ {TARGET_DOCS_PER_SECOND:,} docs/s in one process, start-up included ({met}). The analyzer "
            f"runs at {results['w1_docs_per_s'] / results['tokenizer_docs_per_s']:.0%} of the speed of spaCy's bare "
            "tokenizer on the same texts; both were measured in this run, so the ratio holds on a busy machine too.",
        ]
    )
    return table, body


def main() -> None:
    """Run the benchmark, print the table, and (unless --no-write) update docs/BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000, help="number of documents (default 20000)")
    parser.add_argument("--repeat", type=int, default=1, help="turns of each run, the fastest counts (default 1)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    options = parser.parse_args()
    results = measure(options.docs, options.repeat)
    table, body = report(options.docs, results)
    Console().print(table)
    if not options.no_write:
        BENCHMARKS.parent.mkdir(exist_ok=True)
        write_section(BENCHMARKS, "analyze", body)
        Console().print(f"wrote the analyze section of {BENCHMARKS}")


if __name__ == "__main__":
    main()
