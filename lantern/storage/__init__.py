"""Storage backends behind one interface (:mod:`lantern.storage.base`): the embedded SQLite store by default,
Elasticsearch when ``LANTERN_ES_URL`` is set."""

from __future__ import annotations

from lantern.settings import Settings
from lantern.storage.base import SearchQuery, SearchResult, StorageBackend, StoredItem

__all__ = ["SearchQuery", "SearchResult", "StorageBackend", "StoredItem", "open_store"]


def open_store(settings: Settings) -> StorageBackend:
    """The configured backend: Elasticsearch when ``es_url`` is set, else the embedded store."""
    if settings.es_url:
        from lantern.storage.elasticsearch import ElasticsearchStore

        return ElasticsearchStore.from_settings(settings)
    from lantern.storage.sqlite import SQLiteStore

    return SQLiteStore.from_settings(settings)
