"""The Elasticsearch backend: items in a versioned index behind an alias (``lantern-items``).

Writes go through bulk requests (retrying 429/5xx); reads through the alias. Setup (templates, first index,
alias) runs once per store before its first request, so a store can be created while Elasticsearch is down
(the crawler then spools). Reads that follow writes by the same store refresh the index first, so a search
sees what this store wrote, as on the embedded store.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from lantern.es import query as es_query
from lantern.es.bulk import BulkPolicy, bulk_write, index_actions, update_actions
from lantern.es.client import build_client, describe_errors
from lantern.es.documents import from_document, to_document
from lantern.es.selectors import selector_key
from lantern.es.setup import setup
from lantern.storage.base import LEVELS, ItemVersion, SearchQuery, SearchResult, StoreCounts, StoredItem

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from lantern.settings import Settings

_VERSION_FIELDS = ["content_hash", "analysis.lexicon_version", "first_seen", "times_seen"]
_AGG_SIZE = 1000


class ElasticsearchStore:
    """A :class:`~lantern.storage.base.StorageBackend` on Elasticsearch."""

    name = "elasticsearch"

    def __init__(
        self,
        client: Elasticsearch,
        *,
        key: bytes | Callable[[], bytes],
        alias: str = "lantern-items",
        phone_region: str = "NL",
        policy: BulkPolicy | None = None,
        url: str = "",
    ) -> None:
        self.client = client
        self._key = key
        self.alias = alias
        self.phone_region = phone_region
        self.policy = policy or BulkPolicy()
        self.url = url
        self._ready = False
        self._dirty = False

    @classmethod
    def from_settings(cls, settings: Settings) -> ElasticsearchStore:
        """A store on ``settings.es_url`` with the configured credentials (no request is made yet)."""
        return cls(
            build_client(settings),
            key=functools.partial(selector_key, settings),
            alias=settings.es_index,
            phone_region=settings.phone_region,
            policy=BulkPolicy(chunk_size=settings.es_bulk_batch_size),
            url=settings.es_url or "",
        )

    @property
    def key(self) -> bytes:
        """The pseudonym key of the hashed selector twins (loaded, or created, on first use)."""
        if callable(self._key):
            self._key = self._key()
        return self._key

    def ensure_setup(self) -> None:
        """Templates, index and alias (idempotent), once per store."""
        if not self._ready:
            setup(self.client, self.alias)
            self._ready = True

    def upsert(self, items: Iterable[StoredItem]) -> int:
        """Index items by id in bulk; returns how many were written. Raises when any could not be written."""
        documents = [to_document(item, self.key) for item in items]
        if not documents:
            return 0
        self.ensure_setup()
        self._dirty = True
        return bulk_write(self.client, index_actions(self.alias, documents), self.policy)

    def versions(self, ids: Iterable[str]) -> dict[str, ItemVersion]:
        """The stored version of each known id."""
        found: dict[str, ItemVersion] = {}
        for doc_id, source in self._mget(ids, _VERSION_FIELDS).items():
            found[doc_id] = ItemVersion(
                source["content_hash"],
                source.get("analysis", {}).get("lexicon_version", ""),
                source["first_seen"],
                source["times_seen"],
            )
        return found

    def mark_seen(self, ids: Iterable[str], seen_at: str) -> int:
        """Set ``last_seen`` and increment ``times_seen`` of known ids; returns how many were updated."""
        current = self._mget(ids, ["times_seen"])
        if not current:
            return 0
        updates = {i: {"last_seen": seen_at, "times_seen": s["times_seen"] + 1} for i, s in current.items()}
        self._dirty = True
        return bulk_write(self.client, update_actions(self.alias, updates), self.policy)

    def get(self, item_id: str) -> StoredItem | None:
        """One item by id, or ``None``."""
        self.ensure_setup()
        with describe_errors(self.url):
            found = self.client.options(ignore_status=404).get(index=self.alias, id=item_id)
        return from_document(found["_source"]) if found.get("found") else None

    def find_ids(self, prefix: str, limit: int = 2) -> list[str]:
        """Ids starting with ``prefix`` (for ``lantern show`` with a short id)."""
        body = {"query": {"prefix": {"id": prefix}}, "sort": [{"id": "asc"}], "size": limit, "_source": False}
        return [hit["_id"] for hit in self._search(body)["hits"]["hits"]]

    def search(self, query: SearchQuery) -> SearchResult:
        """One page of matching items and the total number of matches."""
        body = es_query.search_body(query, self.phone_region)
        body["from"], body["size"] = max(query.offset, 0), max(query.limit, 0)
        hits = self._search(body)["hits"]
        return SearchResult(total=hits["total"]["value"], items=[from_document(h["_source"]) for h in hits["hits"]])

    def iter_items(self, query: SearchQuery) -> Iterator[StoredItem]:
        """Every matching item, newest first (or best match first), streamed with a scroll."""
        from elasticsearch import helpers

        body = {"query": es_query.es_query(query, self.phone_region), "sort": es_query.sort(query)}
        self._before_read()
        with describe_errors(self.url):
            for hit in helpers.scan(self.client, index=self.alias, query=body, preserve_order=True, size=500):
                yield from_document(hit["_source"])

    def counts(self) -> StoreCounts:
        """Totals by level, source, flag and country."""
        fields = {"level": "analysis.risk.level", "source": "source", "flag": "analysis.flags"}
        fields["country"] = "analysis.countries"
        aggs = {name: {"terms": {"field": field, "size": _AGG_SIZE}} for name, field in fields.items()}
        found = self._search({"size": 0, "track_total_hits": True, "aggs": aggs})
        buckets = {name: _buckets(found["aggregations"][name]) for name in fields}
        by_level = dict.fromkeys(reversed(LEVELS), 0) | buckets["level"]
        return StoreCounts(
            items=found["hits"]["total"]["value"],
            by_level=by_level,
            by_source=buckets["source"],
            by_flag=buckets["flag"],
            by_country=buckets["country"],
        )

    def close(self) -> None:
        """Close the client's connections."""
        with contextlib.suppress(Exception):
            self.client.close()

    def __enter__(self) -> ElasticsearchStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _before_read(self) -> None:
        self.ensure_setup()
        if self._dirty:
            self.client.indices.refresh(index=self.alias)
            self._dirty = False

    def _search(self, body: dict[str, Any]) -> dict[str, Any]:
        self._before_read()
        with describe_errors(self.url):
            return self.client.search(index=self.alias, **body).body

    def _mget(self, ids: Iterable[str], fields: list[str]) -> dict[str, dict[str, Any]]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        self.ensure_setup()
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(wanted), self.policy.chunk_size):
            chunk = wanted[start : start + self.policy.chunk_size]
            answer = self.client.mget(index=self.alias, ids=chunk, source_includes=fields)
            found.update({d["_id"]: d["_source"] for d in answer["docs"] if d.get("found")})
        return found


def _buckets(aggregation: dict[str, Any]) -> dict[str, int]:
    return {bucket["key"]: bucket["doc_count"] for bucket in aggregation["buckets"]}
