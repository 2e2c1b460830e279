"""Bulk writes in chunks, retrying what the cluster could not take yet.

Each chunk is one ``_bulk`` request. Items answered 429/5xx (a node gone, a primary moving, a full queue) and
whole requests that fail to reach the cluster are sent again with exponential backoff; items are indexed by id,
so a retried item is stored once. What still fails after every retry raises a storage error carrying the
failures (id, status, reason; never the document): :class:`StorageUnavailable` when only retryable failures
remain, :class:`StorageRejected` when the cluster refused some items for good (e.g. a mapping conflict).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from lantern.storage.errors import StorageError, StorageRejected, StorageUnavailable
from lantern.storage.search_engine.engine import RETRY_STATUSES, Engine

log = logging.getLogger(__name__)

Action = tuple[dict[str, Any], dict[str, Any] | None]  # (action line, source line or None for delete)


@dataclass(frozen=True)
class BulkPolicy:
    """Batching and retry settings of bulk writes."""

    chunk_size: int = 500
    max_retries: int = 5
    initial_backoff: float = 0.5
    max_backoff: float = 30.0
    shard_timeout: str = "30s"  # how long a bulk request waits for an unavailable primary


def index_actions(index: str, documents: Iterable[dict[str, Any]]) -> Iterator[Action]:
    """Index (insert or replace) actions keyed by each document's ``id``."""
    for doc in documents:
        yield {"index": {"_index": index, "_id": doc["id"]}}, doc


def update_actions(index: str, updates: dict[str, dict[str, Any]]) -> Iterator[Action]:
    """Partial-update actions from ``{id: fields}``."""
    for doc_id, fields in updates.items():
        yield {"update": {"_index": index, "_id": doc_id}}, {"doc": fields}


def bulk_write(engine: Engine, actions: Iterable[Action], policy: BulkPolicy, *, refresh: str | None = None) -> int:
    """Run the actions; returns how many succeeded. Raises a storage error when any could not be written."""
    written, failures = bulk_items(engine, actions, policy, refresh=refresh)
    if failures:
        raise bulk_error(written, failures)
    return written


def bulk_items(
    engine: Engine, actions: Iterable[Action], policy: BulkPolicy, *, refresh: str | None = None
) -> tuple[int, list[dict[str, Any]]]:
    """Run the actions; returns (written, failures) without raising for failed items."""
    written, failures = 0, []
    iterator = iter(actions)
    while chunk := list(islice(iterator, policy.chunk_size)):
        ok, failed = _write_chunk(engine, chunk, policy, refresh)
        written += ok
        failures += failed
    return written, failures


def _write_chunk(
    engine: Engine, chunk: list[Action], policy: BulkPolicy, refresh: str | None
) -> tuple[int, list[dict[str, Any]]]:
    """Send one chunk, resending retryable items; returns (written, failures)."""
    written, failures, pending = 0, [], chunk
    params = {"timeout": policy.shard_timeout, **({"refresh": refresh} if refresh else {})}
    for attempt in range(policy.max_retries + 1):
        try:
            answer = engine.bulk(_ndjson(pending), params=params)
        except StorageUnavailable as exc:
            if attempt == policy.max_retries:
                raise
            log.warning("bulk request failed (%s); retrying %d item(s)", exc.message, len(pending))
        else:
            retry = []
            for action, item in zip(pending, answer["items"], strict=True):
                detail = next(iter(item.values()))
                status = int(detail.get("status", 500))
                if status < 300:
                    written += 1
                elif status in RETRY_STATUSES and attempt < policy.max_retries:
                    retry.append(action)
                else:
                    failures.append(_failure(detail))
            if not retry:
                return written, failures
            log.warning("bulk: %d item(s) answered 429/5xx; retrying", len(retry))
            pending = retry
        time.sleep(min(policy.max_backoff, policy.initial_backoff * 2**attempt))
    return written, failures


def _ndjson(actions: list[Action]) -> str:
    lines = []
    for action, source in actions:
        lines.append(json.dumps(action, separators=(",", ":")))
        if source is not None:
            lines.append(json.dumps(source, ensure_ascii=False, separators=(",", ":")))
    return "\n".join(lines) + "\n"


def _failure(detail: dict[str, Any]) -> dict[str, Any]:
    """The id, status and reason of a failed bulk item (never the document)."""
    error = detail.get("error")
    reason = error.get("reason") if isinstance(error, dict) else error
    return {"id": detail.get("_id"), "status": detail.get("status"), "reason": reason}


def bulk_error(written: int, failures: list[dict[str, Any]]) -> StorageError:
    """The error for items not written: unavailable when every failure was retryable, else rejected."""
    retryable = all(int(f.get("status") or 500) in RETRY_STATUSES for f in failures)
    kind: type[StorageError] = StorageUnavailable if retryable else StorageRejected
    log.error("bulk write: %d written, %d failed (first: %s)", written, len(failures), failures[0])
    error = kind(
        f"{len(failures)} item(s) not written (first: {failures[0]})",
        hint="see `lantern es status`; the store stage spools them for a later replay",
    )
    error.written, error.failures = written, failures  # type: ignore[attr-defined]
    return error
