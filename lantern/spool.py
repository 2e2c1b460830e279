"""A durable on-disk spool for items a store could not accept, replayed when the store is back.

Used by the crawler's store pipeline for any backend failure, so that an item accepted by a pipeline is
always either stored or on disk. Layout: ``data_dir/spool/<backend>/`` holds segment files
``<time_ns>-<pid>-<n>.jsonl``, one JSON item per line. Each :meth:`Spool.append` writes one new segment to a
temporary name, fsyncs it, renames it into place and fsyncs the folder, so a segment is either complete or
absent after a crash. :meth:`Spool.replay` upserts segments oldest first and deletes a segment only after the
store accepted all of it. Upserts are idempotent by ``id``, so a replay interrupted between the upsert and the
delete stores each item once when it runs again.

Replay before writing new items: a spooled item replayed after a fresher copy was stored replaces it.
A segment with unreadable lines (hand-edited or damaged) is replayed for the lines that parse and then kept as
``*.jsonl.bad`` for inspection; :meth:`Spool.status` counts those files.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lantern.jsonl import InvalidLine, read_objects

if TYPE_CHECKING:
    from lantern.settings import Settings
    from lantern.storage.base import StorageBackend, StoredItem

log = logging.getLogger(__name__)

SEGMENT_SUFFIX = ".jsonl"
BAD_SUFFIX = ".jsonl.bad"
_MAX_LINE_BYTES = 64 << 20
_counter = itertools.count()


@dataclass(frozen=True)
class SpoolStatus:
    """What is waiting in a spool."""

    directory: Path
    segments: int
    items: int
    bytes: int
    bad_segments: int
    oldest: float | None  # modification time of the oldest segment (seconds since the epoch)


class Spool:
    """Append-only JSONL segments of items waiting for one backend."""

    def __init__(self, directory: Path, *, batch_size: int = 500) -> None:
        self.directory = Path(directory)
        self.batch_size = batch_size

    @classmethod
    def for_backend(cls, settings: Settings, backend: str) -> Spool:
        """The spool of one backend (``name`` of a :class:`StorageBackend`) under ``data_dir/spool/``."""
        return cls(Path(settings.data_dir) / "spool" / backend, batch_size=settings.es_bulk_batch_size)

    def append(self, items: Iterable[StoredItem | dict[str, Any]]) -> int:
        """Write items to a new fsync'd segment; returns how many. Durable when it returns."""
        lines = [json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n" for item in items]
        if not lines:
            return 0
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns():020d}-{os.getpid()}-{next(_counter):06d}"
        tmp = self.directory / f".{name}.tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.writelines(lines)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.directory / f"{name}{SEGMENT_SUFFIX}")
        _fsync_dir(self.directory)
        log.warning("spooled %d item(s) to %s", len(lines), self.directory)
        return len(lines)

    def check(self) -> None:
        """Make sure a segment could be written now: :class:`ConfigError` naming the folder when not."""
        from lantern.errors import ConfigError

        probe = self.directory / f".probe-{os.getpid()}.tmp"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with open(probe, "wb") as handle:
                handle.write(b"{}\n")
                handle.flush()
                os.fsync(handle.fileno())
            probe.unlink()
        except OSError as exc:
            raise ConfigError(
                f"the spool {self.directory} cannot be written ({exc.strerror or exc})",
                hint="the spool keeps items the store cannot take; fix the folder (or LANTERN_DATA_DIR) first",
            ) from None

    def segments(self) -> list[Path]:
        """Complete segments, oldest first."""
        if not self.directory.is_dir():
            return []
        return sorted(p for p in self.directory.iterdir() if p.name.endswith(SEGMENT_SUFFIX) and p.is_file())

    def pending(self) -> int:
        """How many items are waiting."""
        return sum(_count_lines(p) for p in self.segments())

    def replay(self, store: StorageBackend) -> int:
        """Upsert every spooled item into ``store``, oldest segment first; returns how many were replayed.

        A segment is deleted only after the store accepted all of it. When the store fails, the exception
        propagates and the failed segment and all later ones stay for the next replay.
        """
        total = 0
        for segment in self.segments():
            total += self._replay_segment(segment, store)
        return total

    def status(self) -> SpoolStatus:
        """Counts of waiting segments, items and bytes."""
        segments = self.segments()
        bad = [p for p in self.directory.iterdir() if p.name.endswith(BAD_SUFFIX)] if self.directory.is_dir() else []
        return SpoolStatus(
            directory=self.directory,
            segments=len(segments),
            items=sum(_count_lines(p) for p in segments),
            bytes=sum(p.stat().st_size for p in segments),
            bad_segments=len(bad),
            oldest=segments[0].stat().st_mtime if segments else None,
        )

    def _replay_segment(self, segment: Path, store: StorageBackend) -> int:
        problems: list[InvalidLine] = []
        written = 0
        for batch in _batches(_read_segment(segment, problems), self.batch_size):
            store.upsert(batch)
            written += len(batch)
        if problems:
            kept = segment.with_name(segment.name[: -len(SEGMENT_SUFFIX)] + BAD_SUFFIX)
            os.replace(segment, kept)
            log.error("spool segment %s has unreadable lines (%s); kept as %s", segment, problems[0], kept)
        else:
            segment.unlink()
        _fsync_dir(self.directory)
        return written


def _read_segment(segment: Path, problems: list[InvalidLine]) -> Iterator[dict[str, Any]]:
    with open(segment, "rb") as stream:
        for _number, value in read_objects(stream, _MAX_LINE_BYTES):
            if isinstance(value, InvalidLine):
                problems.append(value)
            else:
                yield value


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _count_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def _fsync_dir(directory: Path) -> None:
    """Make a rename or delete in ``directory`` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
