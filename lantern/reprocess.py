"""Re-analysing stored items whose ``lexicon_version`` is not the analyzer's: after a lexicon, rule or
weight changed, so that every item in the store reads as the analyzer reads today.

The walk is in id order through the storage interface (``iter_stale``, ``update_analysis``), so it works on
every backend and resumes cheaply: after each batch is stored, the last id goes to a checkpoint file
(``data_dir/state/reprocess.json``, written atomically). A run that was stopped (Ctrl-C, SIGTERM, a crash)
picks up after that id when it is started again with the same target version and filters; items that
changed meanwhile are simply stale again and are read again. Analysis runs in worker processes
(``nlp.parallel``); records come back in order, and each batch is stored in one call.
"""

from __future__ import annotations

import json
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Any

from lantern.storage.base import StorageBackend, StoredItem
from nlp.parallel import analyze_chunks
from nlp.version import lexicon_version

CHECKPOINT = "reprocess.json"


@dataclass(frozen=True)
class Target:
    """What a run re-analyses: items of another lexicon version than ``version``, optionally of these sources and
    dated on or after ``since``."""

    version: str
    sources: tuple[str, ...] = ()
    since: datetime | None = None

    def key(self) -> dict[str, Any]:
        """What a checkpoint must match to be resumed."""
        return {
            "version": self.version,
            "sources": sorted(self.sources),
            "since": self.since.isoformat() if self.since else None,
        }


@dataclass
class Progress:
    """What a run did: items re-analysed, and how their levels moved (old level → new level)."""

    items: int = 0
    resumed_after: str | None = None
    moves: Counter[tuple[str, str]] = field(default_factory=Counter)
    stopped: bool = False


class Checkpoint:
    """The last id stored by a run, per target, in a small JSON file replaced atomically."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CHECKPOINT

    def resume_after(self, target: Target) -> str | None:
        """The id to continue after, when the checkpoint belongs to this target."""
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(saved, dict) or saved.get("target") != target.key():
            return None
        last = saved.get("after_id")
        return last if isinstance(last, str) else None

    def save(self, target: Target, after_id: str) -> None:
        """Record that every stale item up to ``after_id`` is stored."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8") as out:
            json.dump({"target": target.key(), "after_id": after_id}, out)
            out.flush()
            os.fsync(out.fileno())
        temporary.replace(self.path)

    def clear(self) -> None:
        """Forget the checkpoint (the run finished)."""
        self.path.unlink(missing_ok=True)


def current_target(settings: Any, sources: tuple[str, ...], since: datetime | None) -> Target:
    """The target of a run with Lantern's settings: the version today's analyzer stamps."""
    return Target(lexicon_version(settings.lexicon_dir, settings.watchlist_file), tuple(sources), since)


def analyzer_input(item: StoredItem) -> dict[str, Any]:
    """What the analyzer reads of a stored item: the same fields the crawl gave it."""
    record: dict[str, Any] = {"id": item["id"], "text": item["text"], "language": item.get("language")}
    if item.get("title"):
        record["title"] = item["title"]
    if item.get("posted_at"):
        record["posted_at"] = item["posted_at"]
    return record


class StopRequest:
    """SIGINT/SIGTERM ask the run to stop after the batch in hand (that batch is stored first)."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> StopRequest:
        for number in (signal.SIGINT, signal.SIGTERM):
            self._previous[number] = signal.signal(number, self._request)
        return self

    def __exit__(self, *exc: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)

    def _request(self, number: int, frame: FrameType | None) -> None:
        self.requested = True


def reprocess(
    store: StorageBackend,
    target: Target,
    *,
    analyzer_options: dict[str, Any],
    checkpoint: Checkpoint,
    workers: int = 1,
    batch_size: int = 1000,
    on_batch: Callable[[int], None] = lambda n: None,
    stop: StopRequest | None = None,
) -> Progress:
    """Re-analyse every stale item of ``target``, batch by batch, resuming after the checkpoint."""
    progress = Progress(resumed_after=checkpoint.resume_after(target))
    batches = store.iter_stale(
        target.version,
        sources=target.sources,
        since=target.since,
        after_id=progress.resumed_after,
        batch_size=batch_size,
    )
    held: list[list[StoredItem]] = []

    def chunks() -> Iterator[list[dict[str, Any]]]:
        for batch in batches:
            if stop is not None and stop.requested:
                return
            held.append(batch)
            yield [analyzer_input(item) for item in batch]

    for records in analyze_chunks(chunks(), workers=workers, options=analyzer_options):
        batch = held.pop(0)
        updates = [(r["id"], r["language"], r["analysis"]) for r in records]
        store.update_analysis(updates)
        for item, record in zip(batch, records, strict=True):
            progress.moves[(item["analysis"]["risk"]["level"], record["analysis"]["risk"]["level"])] += 1
        progress.items += len(batch)
        checkpoint.save(target, batch[-1]["id"])
        on_batch(len(batch))
    progress.stopped = stop is not None and stop.requested
    if not progress.stopped:
        checkpoint.clear()
    return progress
