"""The OpenSearch backend: the shared search-engine store on an opensearch-py client."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from lantern.selectors import selector_key
from lantern.storage.opensearch.client import build_client
from lantern.storage.opensearch.engine import OpenSearchEngine
from lantern.storage.search_engine.bulk import BulkPolicy
from lantern.storage.search_engine.store import SearchEngineStore

if TYPE_CHECKING:
    from lantern.settings import Settings


class OpenSearchStore(SearchEngineStore):
    """A :class:`~lantern.storage.base.StorageBackend` on OpenSearch (``LANTERN_OPENSEARCH_URL``)."""

    name = "opensearch"

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenSearchStore:
        """A store on ``settings.opensearch_url`` with the configured credentials (no request is made yet)."""
        return cls(
            OpenSearchEngine(build_client(settings), settings.opensearch_url or ""),
            key=functools.partial(selector_key, settings),
            alias=settings.opensearch_index,
            phone_region=settings.phone_region,
            policy=BulkPolicy(chunk_size=settings.es_bulk_batch_size),
        )
