"""The Elasticsearch backend: the shared search-engine store on an elasticsearch-py client."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from lantern.selectors import selector_key
from lantern.storage.elasticsearch.client import build_client
from lantern.storage.elasticsearch.engine import ElasticsearchEngine
from lantern.storage.search_engine.bulk import BulkPolicy
from lantern.storage.search_engine.store import SearchEngineStore

if TYPE_CHECKING:
    from lantern.settings import Settings


class ElasticsearchStore(SearchEngineStore):
    """A :class:`~lantern.storage.base.StorageBackend` on Elasticsearch (``LANTERN_ES_URL``)."""

    name = "elasticsearch"

    @classmethod
    def from_settings(cls, settings: Settings) -> ElasticsearchStore:
        """A store on ``settings.es_url`` with the configured credentials (no request is made yet)."""
        return cls(
            ElasticsearchEngine(build_client(settings), settings.es_url or ""),
            key=functools.partial(selector_key, settings),
            alias=settings.es_index,
            phone_region=settings.phone_region,
            policy=BulkPolicy(chunk_size=settings.es_bulk_batch_size),
        )
