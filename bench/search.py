"""Search latency over 1,000,000 items, side by side: the embedded store and a real OpenSearch node; and the
storage half of a re-analysis (``iter_stale`` + ``update_analysis``) over the same embedded store.

Run: ``.venv/bin/python bench/search.py [--items 1000000]`` (``make bench-search``; about half an hour on 2 cores).
The OpenSearch node comes from ``tests/opensearch`` (heap ``LANTERN_TEST_OPENSEARCH_HEAP``, default 512m; this
benchmark asks for 1g). Results go to the ``search-engines`` and ``reanalysis-store`` sections of
docs/BENCHMARKS.md. Items are synthetic and clinical (neutral filler, fictional 555-01xx numbers).
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("LANTERN_TEST_OPENSEARCH_HEAP", "1g")

from lantern.docsections import markdown_table, write_section  # noqa: E402
from lantern.settings import get_settings  # noqa: E402
from lantern.storage.base import SearchQuery, StorageBackend  # noqa: E402
from lantern.storage.opensearch.store import OpenSearchStore  # noqa: E402
from lantern.storage.sqlite.store import SQLiteStore  # noqa: E402
from tests.opensearch.node import OpenSearchNode  # noqa: E402
from tests.storage.items import make_item  # noqa: E402

WORDS = (
    "listing hotel quiet bicycle repair shop café garden room booking travel city weekend service lamp table "
    "chair market station river bridge harbour museum bakery library school office tram ferry"
).split()
BATCH = 1000
PROTOTYPES = 2000
REPEAT = 40


def prototypes(seed: int = 7) -> list[dict]:
    """Valid items with varied text, level and country, cloned into the corpus."""
    rng = random.Random(seed)
    found = []
    for n in range(PROTOTYPES):
        level = rng.choices(["none", "low", "medium", "high"], [70, 20, 7, 3])[0]
        country = rng.choice(["PH", "TH", "NL"])
        place = {"PH": "Manila", "TH": "Pattaya", "NL": "Amsterdam"}[country]
        text = " ".join(rng.choices(WORDS, k=40)) + f" near {place}"
        found.append(make_item(f"p{n}", text, level=level, countries=(country,)))
    return found


def corpus(count: int, seed: int = 11) -> Iterator[list[dict]]:
    """``count`` items in batches: prototypes cloned with their own id, title, date, source and phone."""
    rng = random.Random(seed)
    protos = prototypes()
    batch = []
    for n in range(count):
        item = copy.deepcopy(protos[n % PROTOTYPES])
        item["id"] = f"bench-{n:08d}"
        item["title"] = f"Listing {n}"
        item["source"] = rng.choice(["example-ads", "example-forum"])
        item["posted_at"] = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:00:00+00:00"
        item["analysis"]["contacts"]["phones"] = [f"+1202555{100 + n % 100:04d}"] if n % 10 == 0 else []
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def load(store: StorageBackend, count: int) -> float:
    """Upsert the corpus; returns items per second."""
    began = time.perf_counter()
    for batch in corpus(count):
        store.upsert(batch)
    return count / (time.perf_counter() - began)


QUERIES: dict[str, Callable[[random.Random], SearchQuery]] = {
    "one word": lambda r: SearchQuery(text=r.choice(WORDS)),
    "two words": lambda r: SearchQuery(text=" ".join(r.sample(WORDS, 2))),
    "phrase OR prefix": lambda r: SearchQuery(text=f'"{" ".join(r.sample(WORDS, 2))}" OR {r.choice(WORDS)[:4]}*'),
    "level medium+, country": lambda r: SearchQuery(level="medium", countries=(r.choice(["PH", "TH", "NL"]),)),
    "text + level + since": lambda r: SearchQuery(
        text=r.choice(WORDS), level="low", since=datetime(2026, r.randint(1, 12), 1, tzinfo=UTC)
    ),
    "phone": lambda r: SearchQuery(phone=f"+1202555{100 + r.randrange(100):04d}"),
    "newest first, page 50": lambda r: SearchQuery(offset=1000),
}


def latencies(store: StorageBackend, make: Callable[[random.Random], SearchQuery]) -> list[float]:
    rng = random.Random(3)
    store.search(make(rng))  # warm
    times = []
    for _ in range(REPEAT):
        query = make(rng)
        began = time.perf_counter()
        store.search(query)
        times.append((time.perf_counter() - began) * 1000)
    return times


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def reanalysis(store: SQLiteStore, count: int) -> str:
    """The storage half of a re-analysis of every item: stream stale batches, write new analyses."""
    began = time.perf_counter()
    updated = 0
    for batch in store.iter_stale("lex-2", batch_size=1000):
        updates = []
        for item in batch:
            analysis = item["analysis"]
            analysis["lexicon_version"] = "lex-2"
            updates.append((item["id"], item["language"], analysis))
        updated += store.update_analysis(updates)
    seconds = time.perf_counter() - began
    return (
        f"{updated:,} of {count:,} items streamed with `iter_stale` (batches of 1,000, keyset on id) and written "
        f"back with `update_analysis` (one transaction per batch) in {seconds:.0f} s ({updated / seconds:,.0f} "
        "items/s), without the analysis itself. With the analyzer's ~250 s for 1,000,000 items that leaves a "
        f"re-analysis of the whole store at about {seconds + 250:.0f} s on 2 cores (target: under 600 s)."
    )


def run(count: int) -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        sqlite = SQLiteStore(Path(folder) / "lantern.db")
        sqlite_rate = load(sqlite, count)
        node = OpenSearchNode(Path(folder) / "opensearch")
        startup = node.start()
        try:
            settings = get_settings(
                data_dir=Path(folder) / "data", es_url=None, opensearch_url=node.url,
                pseudonym_key="bench-key-0123456789", es_bulk_batch_size=BATCH,
            )  # fmt: skip
            engine = OpenSearchStore.from_settings(settings)
            engine.ensure_setup()  # a bulk load: refresh every 30 s instead of every second, as an operator would
            engine.engine.request("PUT", f"/{engine.alias}/_settings", {"index": {"refresh_interval": "30s"}})
            engine_rate = load(engine, count)
            engine.engine.request("POST", f"/{engine.alias}/_forcemerge", params={"max_num_segments": "5"})
            engine.engine.request("POST", f"/{engine.alias}/_refresh")
            engine._dirty = False
            rss = (node.rss_bytes() or 0) / 2**20
            rows = []
            for name, make in QUERIES.items():
                a, b = latencies(sqlite, make), latencies(engine, make)
                rows.append([name, f"{p(a, 50):.1f}", f"{p(a, 95):.1f}", f"{p(b, 50):.1f}", f"{p(b, 95):.1f}"])
            size = engine.engine.request("GET", f"/{engine.alias}/_stats/store")["_all"]["primaries"]["store"]
            engine.close()
        finally:
            node.stop()
        db_size = sum(f.stat().st_size for f in Path(folder).glob("lantern.db*")) / 1e6
        stale = reanalysis(sqlite, count)
        sqlite.close()
    header = (
        f"{count:,} synthetic items (~300 characters each) in both stores, measured in one run on this machine "
        f"(2 cores). Load: embedded store {sqlite_rate:,.0f} items/s (file {db_size:,.0f} MB); OpenSearch 2.19.6 "
        f"(one node, heap {os.environ['LANTERN_TEST_OPENSEARCH_HEAP']}, started in {startup:.1f} s, "
        f"{rss:,.0f} MB resident after loading) {engine_rate:,.0f} items/s through `upsert` (bulk of {BATCH}, "
        "refresh every 30 s while loading), "
        f"index {size['size_in_bytes'] / 1e6:,.0f} MB. Each query: {REPEAT} searches with varied words after a "
        "warm-up, 20 items per page, milliseconds."
    )
    table = markdown_table(["query", "SQLite p50", "SQLite p95", "OpenSearch p50", "OpenSearch p95"], rows)
    return header + "\n\n" + table, stale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--no-write", action="store_true", help="Print only; leave docs/BENCHMARKS.md alone.")
    args = parser.parse_args()
    search, stale = run(args.items)
    search = "### Search over 1,000,000 items: embedded store and OpenSearch (`bench/search.py`)\n\n" + search
    stale = "### Re-analysis, storage half (embedded store, `bench/search.py`)\n\n" + stale
    print(search + "\n\n" + stale)
    if not args.no_write:
        write_section(ROOT / "docs" / "BENCHMARKS.md", "search-engines", search)
        write_section(ROOT / "docs" / "BENCHMARKS.md", "reanalysis-store", stale)


if __name__ == "__main__":
    main()
