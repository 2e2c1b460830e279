"""Helpers for tests that crawl the fixture sites with the real ``lantern crawl`` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from crawler.items import item_id
from crawler.spiders.forum import unpaged_url
from lantern.demo import write_demo_sources
from lantern.fixtures.server import FixtureSites
from lantern.runs import RunLog
from lantern.storage.base import SearchQuery, StoredItem
from lantern.storage.sqlite.store import SQLiteStore

SOURCES = ("demo-classifieds", "demo-forum")


@dataclass
class CrawlSetup:
    """A data folder and source files pointing at running fixture sites."""

    data_dir: Path
    sources_dir: Path

    @property
    def env(self) -> dict[str, str]:
        return os.environ | {"LANTERN_DATA_DIR": str(self.data_dir), "LANTERN_SOURCES_DIR": str(self.sources_dir)}

    def command(self, name: str, *extra: str) -> list[str]:
        return [sys.executable, "-m", "lantern", "crawl", name, "--no-progress", *extra]

    def crawl(self, name: str, *extra: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        """Run one crawl to its end."""
        return subprocess.run(
            self.command(name, *extra), env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )

    def start(self, name: str, *extra: str) -> subprocess.Popen[str]:
        """Start a crawl in the background."""
        return subprocess.Popen(
            self.command(name, *extra), env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def stored(self) -> list[StoredItem]:
        with SQLiteStore(self.data_dir / "lantern.db") as store:
            return list(store.iter_items(SearchQuery()))

    def runs(self, source: str | None = None) -> list[Any]:
        log = RunLog(self.data_dir / "lantern.db")
        try:
            return log.recent(source)
        finally:
            log.close()

    def edit_source(self, name: str, **changes: Any) -> None:
        """Change top-level sections of a source file (e.g. ``politeness={...}``)."""
        path = self.sources_dir / f"{name}.yml"
        data = yaml.safe_load(path.read_text())
        data.update(changes)
        path.write_text(yaml.safe_dump(data))


def setup_for(sites: FixtureSites, tmp_path: Path) -> CrawlSetup:
    """Source files for both fixture sites and an empty data folder."""
    urls = {"demo-classifieds": sites.classifieds_url + "/", "demo-forum": sites.forum_url + "/"}
    folder = write_demo_sources(urls, tmp_path / "sources")
    return CrawlSetup(tmp_path / "data", folder)


def truth_id(entry: dict[str, Any]) -> str:
    """The id Lantern must give a ground-truth item (a post's id does not depend on its thread page)."""
    url, _, anchor = entry["id_hint"].partition("#")
    return item_id(unpaged_url(url) if anchor else url, anchor or None)


def same_text(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())
