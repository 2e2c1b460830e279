"""Benchmark the compiled place gazetteer: compile time, cache size, load time and memory, against its budget.

Each measurement runs in a fresh process: one compiles into an empty cache folder, three load the built cache
(the median is reported). Memory is the growth of the resident set from loading the gazetteer and building
its resolver. Prints a table and writes the "gazetteer" section of docs/BENCHMARKS.md.

    .venv/bin/python bench/gazetteer.py [--no-write]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from lantern.docsections import ROOT, markdown_table, write_section

BENCHMARKS = ROOT / "docs" / "BENCHMARKS.md"
# The budget: loading the gazetteer adds at most this much resident memory to an analyzer process, and loads in
# at most this many seconds (the analyzer's whole warm start must stay under 3 s).
BUDGET_MIB = 80
BUDGET_LOAD_S = 0.6

_MEASURE = """
import json, resource, sys, time
from pathlib import Path
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import nlp.gazetteer.build, nlp.gazetteer.resolver
from nlp.gazetteer.cache import load_gazetteer
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
gazetteer = load_gazetteer(Path(sys.argv[1]))
resolver = nlp.gazetteer.resolver.Resolver(gazetteer)
seconds = time.perf_counter() - t
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
print(json.dumps({"seconds": seconds, "mib": grown / 1024, "places": len(gazetteer.places),
                  "names": len(gazetteer.names), "demonyms": len(gazetteer.demonyms)}))
"""


def run(cache: Path) -> dict[str, float]:
    output = subprocess.run([sys.executable, "-c", _MEASURE, str(cache)], capture_output=True, check=True, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def measure() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="lantern-gazetteer-") as folder:
        cache = Path(folder)
        cold = run(cache)
        warm = [run(cache) for _ in range(3)]
        size = sum(path.stat().st_size for path in cache.glob("gazetteer-*.pickle")) / 2**20
    return {
        "compile_s": cold["seconds"],
        "load_s": statistics.median(w["seconds"] for w in warm),
        "mib": statistics.median(w["mib"] for w in warm),
        "file_mib": size,
        "places": warm[0]["places"],
        "names": warm[0]["names"],
        "demonyms": warm[0]["demonyms"],
    }


def report(results: dict[str, float]) -> tuple[Table, str]:
    met = results["mib"] <= BUDGET_MIB and results["load_s"] <= BUDGET_LOAD_S
    rows = [
        ["compile (fresh process, empty cache)", f"{results['compile_s']:.1f} s"],
        ["load the built cache and build the resolver (median of 3 fresh processes)", f"{results['load_s']:.2f} s"],
        ["resident memory added by the loaded gazetteer", f"{results['mib']:.0f} MiB"],
        ["cache file", f"{results['file_mib']:.0f} MiB"],
        ["places / lookup keys / demonyms", f"{results['places']:,} / {results['names']:,} / {results['demonyms']:,}"],
    ]
    table = Table("measurement", "value", title="Place gazetteer")
    for row in rows:
        table.add_row(*row)
    body = "\n".join(
        [
            "### Place gazetteer (`bench/gazetteer.py`)",
            "",
            f"Measured {date.today().isoformat()} by `bench/gazetteer.py`, each step in a fresh process: GeoNames "
            "places down to 500 inhabitants, first-level regions and municipalities, areas, demonyms (see "
            "`nlp/gazetteer/README.md`).",
            "",
            markdown_table(["measurement", "value"], rows),
            "",
            f"Budget: loading adds at most {BUDGET_MIB} MiB to an analyzer process and takes at most "
            f"{BUDGET_LOAD_S} s, so the analyzer's warm start stays under 3 s ({'met' if met else 'NOT met'}). The "
            "compile runs once per change of the data packages, the gazetteer files or the compiler.",
        ]
    )
    return table, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    options = parser.parse_args()
    table, body = report(measure())
    Console().print(table)
    if not options.no_write:
        write_section(BENCHMARKS, "gazetteer", body)
        Console().print(f"wrote the gazetteer section of {BENCHMARKS}")


if __name__ == "__main__":
    main()
