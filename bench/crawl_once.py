"""One measured crawl, in its own process (Scrapy's reactor runs once per process); used by bench/crawl.py.

Run: ``.venv/bin/python bench/crawl_once.py SOURCE [--bare]`` with ``LANTERN_DATA_DIR`` and
``LANTERN_SOURCES_DIR`` set. The crawl goes through :func:`lantern.crawl.run_crawl`, exactly as
``lantern crawl SOURCE --no-progress`` does. With ``--bare`` the crawler's ``ITEM_PIPELINES`` are emptied (the
"bare spider": same spider class, settings, politeness, middlewares and extensions; no clean, validate,
deduplicate, analyze or store). Prints one JSON line: pages, items, Scrapy's elapsed seconds and peak RSS.
``--profile FILE`` writes cProfile statistics of the crawl (read them with ``python -m pstats FILE``).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def capture_crawler(bare: bool) -> dict[str, Any]:
    """Keep the crawler ``run_crawl`` creates (for its stats); in bare mode, empty its item pipelines."""
    from scrapy.crawler import CrawlerProcess

    captured: dict[str, Any] = {}
    create = CrawlerProcess.create_crawler

    def create_crawler(self: CrawlerProcess, crawler_or_spidercls: Any) -> Any:
        crawler = create(self, crawler_or_spidercls)
        if bare:
            crawler.settings.set("ITEM_PIPELINES", {}, priority="cmdline")
        captured["crawler"] = crawler
        return crawler

    CrawlerProcess.create_crawler = create_crawler  # type: ignore[method-assign]
    return captured


def measure(source: str, bare: bool) -> dict[str, Any]:
    """Crawl ``source`` once; its counters and timings."""
    from lantern.crawl import run_crawl
    from lantern.settings import get_settings

    captured = capture_crawler(bare)
    start = time.perf_counter()
    outcome = run_crawl(source, get_settings(), fresh=True, progress=False, log_level="ERROR")
    wall = time.perf_counter() - start
    stats = captured["crawler"].stats.get_stats()
    return {
        "mode": "bare" if bare else "full",
        "status": outcome.status,
        "pages": int(stats.get("response_received_count", 0)),
        "items": int(stats.get("item_scraped_count", 0)),
        "dropped": int(stats.get("item_dropped_count", 0)),
        "elapsed": float(stats.get("elapsed_time_seconds", 0.0)),
        "wall": wall,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "pipelines": sorted(captured["crawler"].settings.getdict("ITEM_PIPELINES")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("--bare", action="store_true", help="no item pipelines (fetch and parse only)")
    parser.add_argument("--profile", type=Path, help="write cProfile statistics of the crawl to this file")
    args = parser.parse_args()
    if args.profile:
        import cProfile

        with cProfile.Profile() as profile:
            result = measure(args.source, args.bare)
        profile.dump_stats(args.profile)
    else:
        result = measure(args.source, args.bare)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
