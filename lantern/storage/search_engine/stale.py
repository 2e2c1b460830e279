"""Re-analysis on a search engine: the query for items analysed with another lexicon version, and the
document of an item whose analysis was replaced (every crawl field kept, every derived field re-derived)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lantern.storage.search_engine.documents import from_document, to_document
from lantern.storage.search_engine.query import iso


def stale_body(
    lexicon_version: str, sources: tuple[str, ...], since: datetime | None, after_id: str | None
) -> dict[str, Any]:
    """A search body for stale items in ascending id order (for :func:`~.scan.scan`), ids > ``after_id``."""
    filters: list[dict[str, Any]] = []
    if sources:
        filters.append({"terms": {"source": list(sources)}})
    if since is not None:
        filters.append({"range": {"derived.date": {"gte": iso(since)}}})
    if after_id is not None:
        filters.append({"range": {"id": {"gt": after_id}}})
    query = {"bool": {"filter": filters, "must_not": [{"term": {"analysis.lexicon_version": lexicon_version}}]}}
    return {"query": query, "sort": [{"id": "asc"}]}


def updated_document(source: dict[str, Any], language: str, analysis: Any, key: bytes) -> dict[str, Any]:
    """The stored document with ``language`` and ``analysis`` replaced and ``derived`` computed again."""
    item: dict[str, Any] = dict(from_document(source))
    item["language"] = language
    item["analysis"] = analysis
    return to_document(item, key)
