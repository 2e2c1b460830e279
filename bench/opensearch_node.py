"""Start-up time and memory of the tests' OpenSearch node (``tests/opensearch``): one node, and the two-node
cluster of the fault tests, each started and stopped a few times.

Run: ``.venv/bin/python bench/opensearch_node.py [--runs 3]``. Results go to the ``opensearch-node`` section of
docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lantern.docsections import markdown_table, write_section  # noqa: E402
from tests.opensearch.node import HEAP, OpenSearchNode, cluster  # noqa: E402


def single(root: Path) -> tuple[float, float, float]:
    """(seconds to green, resident MB when up, seconds to stop) of one single-node cluster."""
    node = OpenSearchNode(root)
    started = node.start(wait_for="green")
    rss = (node.rss_bytes() or 0) / 2**20
    began = time.monotonic()
    node.stop()
    return started, rss, time.monotonic() - began


def pair(root: Path) -> tuple[float, float, float]:
    """The same for the two-node cluster (both JVMs started at once; resident MB of both)."""
    nodes = cluster(root)
    began = time.monotonic()
    try:
        for node in nodes:
            node.start(wait_for="")
        assert nodes[0].health("green", "120s")
        started = time.monotonic() - began
        rss = sum((n.rss_bytes() or 0) for n in nodes) / 2**20
    finally:
        stop_began = time.monotonic()
        for node in nodes:
            node.stop()
    return started, rss, time.monotonic() - stop_began


def run(runs: int) -> str:
    rows = []
    for name, function in (("one node", single), ("two-node cluster", pair)):
        results = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as folder:
                results.append(function(Path(folder)))
        start, rss, stop = (statistics.median(values) for values in zip(*results, strict=True))
        rows.append([name, f"{start:.1f}", f"{rss:,.0f}", f"{stop:.1f}"])
    header = (
        f"OpenSearch 2.19.6 from Maven Central, started by `tests/opensearch` (Java 17, heap {HEAP} per node, "
        f"serial GC), data in a new temporary folder each time; medians of {runs} runs on this machine (2 cores). "
        "Start: from launching the JVM(s) to a green cluster. Memory: resident set of the JVM(s) when green."
    )
    return header + "\n\n" + markdown_table(["cluster", "start (s)", "memory (MB)", "stop (s)"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="Print only; leave docs/BENCHMARKS.md alone.")
    args = parser.parse_args()
    body = "### The tests' OpenSearch node (`bench/opensearch_node.py`)\n\n" + run(args.runs)
    print(body)
    if not args.no_write:
        write_section(ROOT / "docs" / "BENCHMARKS.md", "opensearch-node", body)


if __name__ == "__main__":
    main()
