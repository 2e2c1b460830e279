"""The trend export from whichever store is configured: counts from the backend, publishing rules from trends."""

from __future__ import annotations

from typing import Any

from lantern.errors import ConfigError
from lantern.exports.trends import TrendRow, TrendSpec, build_rows


def trend_rows(store: Any, spec: TrendSpec) -> list[TrendRow]:
    """Published trend rows for ``spec`` from an open store (the embedded store or Elasticsearch)."""
    if store.name == "sqlite":
        from lantern.exports.trends_sqlite import sqlite_counts

        counts, buckets, places = sqlite_counts(store.path, spec)
    elif store.name == "elasticsearch":
        from lantern.es.client import describe_errors
        from lantern.exports.trends_es import es_counts

        with describe_errors(store.url):
            store.ensure_setup()
            store.client.indices.refresh(index=store.alias)  # counts include what was just written
            counts, buckets, places = es_counts(store.client, store.alias, spec)
    else:
        raise ConfigError(f"trend exports do not support the {store.name!r} store")
    return build_rows(counts, buckets, places, spec)
