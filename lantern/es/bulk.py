"""Bulk writes through ``elasticsearch.helpers`` in batches, retrying 429 and 5xx answers with exponential
backoff (per document and for whole requests). What still fails raises :class:`BulkWriteError`, so the caller
(the store pipeline) can spool the batch; connection errors propagate as the client raises them."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

log = logging.getLogger(__name__)

RETRY_STATUSES = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class BulkPolicy:
    """Batching and retry settings of bulk writes."""

    chunk_size: int = 500
    max_retries: int = 5
    initial_backoff: float = 0.5
    max_backoff: float = 30.0


class BulkWriteError(Exception):
    """Some documents were not written after every retry."""

    def __init__(self, written: int, failures: list[dict[str, Any]]) -> None:
        first = failures[0] if failures else {}
        super().__init__(f"{len(failures)} document(s) not written (first: {first})")
        self.written = written
        self.failures = failures


def bulk_write(client: Elasticsearch, actions: Iterable[dict[str, Any]], policy: BulkPolicy, **kwargs: Any) -> int:
    """Run bulk actions; returns how many succeeded, raises :class:`BulkWriteError` when any failed."""
    from elasticsearch import helpers

    written = 0
    failures: list[dict[str, Any]] = []
    for ok, info in helpers.streaming_bulk(
        client,
        actions,
        chunk_size=policy.chunk_size,
        max_retries=policy.max_retries,
        initial_backoff=policy.initial_backoff,
        max_backoff=policy.max_backoff,
        retry_on_status=RETRY_STATUSES,
        raise_on_error=False,
        **kwargs,
    ):
        if ok:
            written += 1
        else:
            failures.append(_failure(info))
    if failures:
        log.error("bulk write: %d written, %d failed", written, len(failures))
        raise BulkWriteError(written, failures)
    return written


def _failure(info: dict[str, Any]) -> dict[str, Any]:
    """The id, status and reason of a failed bulk item (never the document)."""
    _action, detail = next(iter(info.items()))
    error = detail.get("error")
    reason = error.get("reason") if isinstance(error, dict) else error
    return {"id": detail.get("_id"), "status": detail.get("status"), "reason": reason}


def index_actions(index: str, documents: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Index (insert or replace) actions keyed by each document's ``id``."""
    for doc in documents:
        yield {"_op_type": "index", "_index": index, "_id": doc["id"], "_source": doc}


def update_actions(index: str, updates: dict[str, dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Partial-update actions from ``{id: fields}``."""
    for doc_id, fields in updates.items():
        yield {"_op_type": "update", "_index": index, "_id": doc_id, "doc": fields}
