"""Crawl a real engine with a source file of a preset, and compare what was stored with the engine's ground truth."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.crawler.crawling import CrawlSetup, same_text
from tests.engines.engine_sites import EngineSite

SOURCE = """\
preset: {preset}
start_urls: ["{url}"]
timezone: {timezone}
allow_private_network: [127.0.0.1]
politeness: {{delay: 0, concurrency: 4, autothrottle: false}}
"""


def crawl_with_preset(site: EngineSite, preset: str, timezone: str, folder: Path, extra: str = "") -> CrawlSetup:
    """``lantern crawl`` of a source file that is only a preset, the site's URL and its time zone (and ``extra``).

    The source is named ``PRESET-forum`` (also for an ads engine: the name is only a label).
    """
    sources = folder / "sources"
    sources.mkdir()
    text = SOURCE.format(preset=preset, url=site.url, timezone=timezone) + extra
    (sources / f"{preset}-forum.yml").write_text(text, encoding="utf-8")
    setup = CrawlSetup(data_dir=folder / "data", sources_dir=sources)
    run = setup.crawl(f"{preset}-forum", timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    return setup


def recrawl(crawled: CrawlSetup, name: str) -> dict[str, int]:
    """Crawl the source again; the run's counters (it must have finished)."""
    run = crawled.crawl(name, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    last = crawled.runs(name)[0]
    assert last.status == "finished", last.reasons
    return dict(last.stats)


def differences(
    stored: list[Any],
    truth: dict[Hashable, dict[str, Any]],
    key_of: Callable[[str], Hashable | None],
    same: Callable[[Any, dict[str, Any]], bool] | None = None,
) -> tuple[set[Hashable], set[Hashable], list[tuple[Hashable, dict[str, Any]]]]:
    """Items missing, items extra, and items that differ from the truth (by ``same``; for forums by default:
    author, UTC date, text and thread)."""
    same = same or same_post
    by_key = {key_of(item["url"]): item for item in stored}
    wrong = [(key, want) for key, want in truth.items() if key in by_key and not same(by_key[key], want)]
    return set(truth) - set(by_key), set(by_key) - set(truth), wrong


def same_post(item: Any, want: dict[str, Any]) -> bool:
    """A stored post is the truth's: author, UTC instant, text and thread."""
    return (
        item["author"] == want["author"]
        and item["posted_at"] is not None
        and datetime.fromisoformat(item["posted_at"]) == datetime.fromisoformat(want["posted_at"])
        and same_text(item["text"], want["text"])
        and item["title"] == want["thread"]
        and item["thread"] is not None
        and item["thread"]["title"] == want["thread"]
    )
