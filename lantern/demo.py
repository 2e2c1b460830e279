"""``lantern demo``: serve the fixture sites, crawl both demo sources into the embedded store, show the flags.

The demo writes its source files (the bundled ones with the fixture sites' actual ports) to
``data_dir/demo-sources`` and crawls each source in its own process, as the scheduler does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table

from lantern.settings import Settings
from lantern.sources import BUNDLED_SOURCES
from lantern.storage.base import SearchQuery
from nlp.types import CORE_FLAGS

DEMO_SOURCES = {"demo-classifieds": "classifieds_url", "demo-forum": "forum_url"}
DEMO_PORTS = (8471, 8472)  # the bundled source files' ports; free ports when these are taken


def write_demo_sources(urls: dict[str, str], folder: Path) -> Path:
    """Copies of the bundled demo sources pointing at ``urls`` (source name → base URL)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, url in urls.items():
        data = yaml.safe_load((BUNDLED_SOURCES / f"{name}.yml").read_text(encoding="utf-8"))
        data["start_urls"] = [url]
        (folder / f"{name}.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def crawl_in_subprocess(name: str, settings: Settings, sources: Path, extra: tuple[str, ...] = ()) -> int:
    """Run ``lantern crawl NAME`` in its own process (Scrapy's reactor runs once per process)."""
    env = os.environ | {"LANTERN_SOURCES_DIR": str(sources), "LANTERN_DATA_DIR": str(settings.data_dir)}
    return subprocess.run([sys.executable, "-m", "lantern", "crawl", name, *extra], env=env, check=False).returncode


def run_demo(settings: Settings, *, seed: int = 7, size: str = "small", console: Console | None = None) -> int:
    """The whole demo; returns the exit status."""
    from lantern.fixtures.server import FixtureSites

    console = console or Console()
    try:
        sites = FixtureSites(seed=seed, size=size, ports=DEMO_PORTS).start()
    except OSError:
        sites = FixtureSites(seed=seed, size=size).start()
    try:
        urls = {name: getattr(sites, attribute) for name, attribute in DEMO_SOURCES.items()}
        console.print(f"[bold]Fixture sites[/] (synthetic, local): {', '.join(urls.values())}")
        folder = write_demo_sources(urls, Path(settings.data_dir) / "demo-sources")
        for name in urls:
            if crawl_in_subprocess(name, settings, folder) != 0:
                console.print(f"[red]the crawl of {name} failed[/]")
                return 1
    finally:
        sites.stop()
    show_results(settings, console)
    return 0


def show_results(settings: Settings, console: Console) -> None:
    """The flagged items as a table, a summary, and how to search further."""
    from lantern.storage import open_store

    store = open_store(settings)
    try:
        flagged = store.search(SearchQuery(level="low", sources=tuple(DEMO_SOURCES), limit=40))
        counts = store.counts()
        destinations = Counter(
            loc["name"]
            for item in store.iter_items(SearchQuery(sources=tuple(DEMO_SOURCES)))
            for loc in item["analysis"]["locations"]
            if loc.get("destination")
        )
    finally:
        store.close()
    console.print(flagged_table(flagged.items, flagged.total))
    levels = ", ".join(f"{level} {counts.by_level.get(level, 0)}" for level in ("high", "medium", "low"))
    top = ", ".join(f"{name} ({n})" for name, n in destinations.most_common(5)) or "none"
    console.print(f"[bold]{counts.items}[/] items stored · flagged: {levels} · top destinations: {top}")
    console.print(f"Database: {settings.store_path.resolve()}")
    console.print('Search it:  lantern search "pattaya" --level medium   ·   lantern show ID   ·   lantern stats')


def flagged_table(items: list[Any], total: int) -> Table:
    """Level, flags, evidence and place of each flagged item."""
    table = Table(title=f"Flagged items ({total}, showing {len(items)})", show_lines=False)
    for column in ("level", "score", "flags", "evidence", "place", "source", "id"):
        table.add_column(column, overflow="fold")
    styles = {"high": "bold red", "medium": "yellow", "low": "cyan"}
    for item in items:
        analysis = item["analysis"]
        level = analysis["risk"]["level"]
        evidence = "; ".join(dict.fromkeys(f"“{s['text']}”" for s in analysis["signals"] if s.get("weight", 0) > 0))
        places = ", ".join(dict.fromkeys(loc["name"] for loc in analysis["locations"]))
        table.add_row(
            f"[{styles.get(level, '')}]{level}[/]",
            f"{analysis['risk']['score']:.2f}",
            ", ".join(f for f in analysis["flags"] if f in CORE_FLAGS),
            evidence[:120],
            places,
            item["source"],
            item["id"][:10],
        )
    return table
