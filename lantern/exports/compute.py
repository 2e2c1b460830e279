"""The trend export from whichever store is configured: counts from the backend, publishing rules from trends."""

from __future__ import annotations

from lantern.exports.trends import TrendRow, TrendSpec, build_rows
from lantern.storage.base import StorageBackend


def trend_rows(store: StorageBackend, spec: TrendSpec) -> list[TrendRow]:
    """Published trend rows for ``spec`` from an open store (any backend: each counts in its own way)."""
    counts, buckets, places = store.trend_counts(spec)
    return build_rows(counts, buckets, places, spec)
