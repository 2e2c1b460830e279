"""Storage backends behind one interface (:mod:`lantern.storage.base`), one folder each: the embedded SQLite
store by default (``sqlite/``), Elasticsearch when ``LANTERN_ES_URL`` is set (``elasticsearch/``), OpenSearch
when ``LANTERN_OPENSEARCH_URL`` is set (``opensearch/``). The two engines share ``search_engine/``."""

from __future__ import annotations

from lantern.errors import ConfigError
from lantern.settings import Settings
from lantern.storage.base import SearchQuery, SearchResult, StorageBackend, StoredItem
from lantern.storage.errors import StorageError, StorageRejected, StorageUnavailable

__all__ = [
    "SearchQuery",
    "SearchResult",
    "StorageBackend",
    "StorageError",
    "StorageRejected",
    "StorageUnavailable",
    "StoredItem",
    "backend_name",
    "open_store",
]


def backend_name(settings: Settings) -> str:
    """The name of the configured backend (``sqlite``, ``elasticsearch``, ``opensearch``), without connecting."""
    if settings.opensearch_url:
        return "opensearch"
    return "elasticsearch" if settings.es_url else "sqlite"


def open_store(settings: Settings) -> StorageBackend:
    """The configured backend: OpenSearch or Elasticsearch when its URL is set, else the embedded store."""
    if settings.es_url and settings.opensearch_url:
        raise ConfigError(
            "both LANTERN_ES_URL and LANTERN_OPENSEARCH_URL are set", hint="set the one of the engine you run"
        )
    if settings.opensearch_url:
        from lantern.storage.opensearch.store import OpenSearchStore

        return OpenSearchStore.from_settings(settings)
    if settings.es_url:
        from lantern.storage.elasticsearch.store import ElasticsearchStore

        return ElasticsearchStore.from_settings(settings)
    from lantern.storage.sqlite.store import SQLiteStore

    return SQLiteStore.from_settings(settings)
