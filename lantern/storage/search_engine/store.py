"""The store on a search engine (Elasticsearch or OpenSearch): items in a versioned index behind an alias.

Writes go through bulk requests (retrying 429/5xx); reads through the alias. Setup (server check, templates,
first index, alias) runs once per store before its first request, so a store can be created while the cluster
is down (the crawler then spools). Reads that follow writes by the same store refresh the index first, so a
search sees what this store wrote, as on the embedded store. Backends subclass :class:`SearchEngineStore`
with their own name and engine.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from lantern.errors import InputError
from lantern.exports.buckets import Bucket
from lantern.exports.trends import BucketCount, Place, TrendSpec
from lantern.storage.base import LEVELS, ItemVersion, SearchQuery, SearchResult, StoreCounts, StoredItem
from lantern.storage.errors import StorageRejected
from lantern.storage.search_engine import query as engine_query
from lantern.storage.search_engine import trends
from lantern.storage.search_engine.bulk import BulkPolicy, bulk_items, bulk_write, index_actions, update_actions
from lantern.storage.search_engine.documents import from_document, to_document
from lantern.storage.search_engine.engine import Engine
from lantern.storage.search_engine.scan import scan
from lantern.storage.search_engine.server import check_server
from lantern.storage.search_engine.setup import setup
from lantern.storage.search_engine.stale import stale_body, updated_document

_VERSION_FIELDS = ["content_hash", "analysis.lexicon_version", "first_seen", "times_seen", "posted_at"]
_AGG_SIZE = 1000
_CONFLICT_RETRIES = 5


class SearchEngineStore:
    """A :class:`~lantern.storage.base.StorageBackend` on a search engine; see the module docstring."""

    name = "search-engine"

    def __init__(
        self,
        engine: Engine,
        *,
        key: bytes | Callable[[], bytes],
        alias: str = "lantern-items",
        phone_region: str = "NL",
        policy: BulkPolicy | None = None,
    ) -> None:
        self.engine = engine
        self._key = key
        self.alias = alias
        self.phone_region = phone_region
        self.policy = policy or BulkPolicy()
        self._ready = False
        self._dirty = False

    @property
    def url(self) -> str:
        """The cluster's URL (for messages)."""
        return self.engine.url

    @property
    def key(self) -> bytes:
        """The pseudonym key of the hashed selector twins (loaded, or created, on first use)."""
        if callable(self._key):
            self._key = self._key()
        return self._key

    def ensure_setup(self) -> None:
        """Server check, templates, index and alias (idempotent), once per store."""
        if not self._ready:
            check_server(self.engine)
            setup(self.engine, self.alias)
            self._ready = True

    def upsert(self, items: Iterable[StoredItem]) -> int:
        """Index items by id in bulk; returns how many were written. Raises when any could not be written."""
        documents = [to_document(item, self.key) for item in items]
        if not documents:
            return 0
        self.ensure_setup()
        self._dirty = True
        return bulk_write(self.engine, index_actions(self.alias, documents), self.policy)

    def versions(self, ids: Iterable[str]) -> dict[str, ItemVersion]:
        """The stored version of each known id."""
        found: dict[str, ItemVersion] = {}
        for doc_id, hit in self._mget(ids, _VERSION_FIELDS).items():
            source = hit["_source"]
            lexicon = source.get("analysis", {}).get("lexicon_version", "")
            found[doc_id] = ItemVersion(
                source["content_hash"], lexicon, source["first_seen"], source["times_seen"], source.get("posted_at")
            )
        return found

    def mark_seen(self, ids: Iterable[str], seen_at: str) -> int:
        """Set ``last_seen`` and increment ``times_seen`` of known ids; returns how many were updated."""
        current = self._mget(ids, ["times_seen"])
        if not current:
            return 0
        updates = {i: {"last_seen": seen_at, "times_seen": h["_source"]["times_seen"] + 1} for i, h in current.items()}
        self._dirty = True
        return bulk_write(self.engine, update_actions(self.alias, updates), self.policy)

    def get(self, item_id: str) -> StoredItem | None:
        """One item by id, or ``None``."""
        self.ensure_setup()
        found = self.engine.request("GET", f"/{self.alias}/_doc/{item_id}", ignore=(404,))
        return from_document(found["_source"]) if found.get("found") else None

    def find_ids(self, prefix: str, limit: int = 2) -> list[str]:
        """Ids starting with ``prefix`` (for ``lantern show`` with a short id)."""
        body = {"query": {"prefix": {"id": prefix}}, "sort": [{"id": "asc"}], "size": limit, "_source": False}
        return [hit["_id"] for hit in self._search(body)["hits"]["hits"]]

    def search(self, query: SearchQuery) -> SearchResult:
        """One page of matching items (best match first for text, else newest first) and the total."""
        body = engine_query.search_body(query, self.phone_region)
        body["from"], body["size"] = max(query.offset, 0), max(query.limit, 0)
        hits = self._search(body)["hits"]
        return SearchResult(total=hits["total"]["value"], items=[from_document(h["_source"]) for h in hits["hits"]])

    def iter_items(self, query: SearchQuery) -> Iterator[StoredItem]:
        """Every matching item in the order of :meth:`search`, streamed page by page."""
        body = {"query": engine_query.es_query(query, self.phone_region), "sort": engine_query.sort(query)}
        self._before_read()
        with _query_errors():
            for hit in scan(self.engine, self.alias, body):
                yield from_document(hit["_source"])

    def iter_stale(
        self,
        lexicon_version: str,
        *,
        sources: tuple[str, ...] = (),
        since: datetime | None = None,
        after_id: str | None = None,
        batch_size: int = 1000,
    ) -> Iterator[list[StoredItem]]:
        """Batches of items analysed with another lexicon version, in ascending id order, ids > ``after_id``."""
        body = stale_body(lexicon_version, sources, since, after_id)
        self._before_read()
        batch: list[StoredItem] = []
        for hit in scan(self.engine, self.alias, body, size=batch_size):
            batch.append(from_document(hit["_source"]))
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def update_analysis(self, updates: Iterable[tuple[str, str, Any]]) -> int:
        """Replace ``language`` and ``analysis`` (and every derived field) of known ids; returns how many."""
        pending = {item_id: (language, analysis) for item_id, language, analysis in updates}
        updated = 0
        for _attempt in range(_CONFLICT_RETRIES):
            current = self._mget(pending, None)
            if not current:
                break
            actions = [
                (_guarded(self.alias, item_id, hit), updated_document(hit["_source"], *pending[item_id], self.key))
                for item_id, hit in current.items()
            ]
            self._dirty = True
            written, failures = bulk_items(self.engine, actions, self.policy)
            updated += written
            conflicts = {f["id"] for f in failures if f.get("status") == 409}
            if failures and len(conflicts) < len(failures):
                raise StorageRejected(f"{len(failures) - len(conflicts)} analysis update(s) refused: {failures[0]}")
            pending = {item_id: pending[item_id] for item_id in conflicts}  # changed meanwhile: read again
            if not pending:
                break
        return updated

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

    def trend_counts(self, spec: TrendSpec) -> tuple[list[BucketCount], list[Bucket], dict[tuple[str, str], Place]]:
        """Raw trend counts per (place, bucket), with aggregations only (no document leaves the cluster)."""
        self._before_read(force_refresh=True)
        return trends.engine_counts(self.engine, self.alias, spec)

    def refresh(self) -> None:
        """Make every write so far visible to searches from any process at once (the index refreshes itself only
        every second, so a search started right after a bulk copy could miss the last items)."""
        self._before_read(force_refresh=True)

    def close(self) -> None:
        """Close the client's connections."""
        with contextlib.suppress(Exception):
            self.engine.close()

    def __enter__(self) -> SearchEngineStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _before_read(self, *, force_refresh: bool = False) -> None:
        self.ensure_setup()
        if self._dirty or force_refresh:
            self.engine.request("POST", f"/{self.alias}/_refresh")
            self._dirty = False

    def _search(self, body: dict[str, Any]) -> dict[str, Any]:
        self._before_read()
        with _query_errors():
            return self.engine.request("POST", f"/{self.alias}/_search", body)

    def _mget(self, ids: Iterable[str], fields: list[str] | None) -> dict[str, dict[str, Any]]:
        """Found documents by id: each hit with ``_source`` (only ``fields`` unless None) and its sequence number."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        self.ensure_setup()
        found: dict[str, dict[str, Any]] = {}
        params = {"_source_includes": ",".join(fields)} if fields else None
        for start in range(0, len(wanted), self.policy.chunk_size):
            chunk = wanted[start : start + self.policy.chunk_size]
            answer = self.engine.request("POST", f"/{self.alias}/_mget", {"ids": chunk}, params=params)
            found.update({d["_id"]: d for d in answer["docs"] if d.get("found")})
        return found


def _guarded(alias: str, item_id: str, hit: dict[str, Any]) -> dict[str, Any]:
    """An index action that fails (409) when the document changed since it was read."""
    meta: dict[str, Any] = {"_index": alias, "_id": item_id}
    if "_seq_no" in hit and "_primary_term" in hit:
        meta |= {"if_seq_no": hit["_seq_no"], "if_primary_term": hit["_primary_term"]}
    return {"index": meta}


@contextmanager
def _query_errors() -> Iterator[None]:
    """A query the engine refused (400) is the searcher's to fix: an InputError."""
    try:
        yield
    except StorageRejected as exc:
        if getattr(exc, "status", None) == 400:
            raise InputError(
                f"the search engine rejected the query: {exc.message}", hint="simplify the search"
            ) from None
        raise


def _buckets(aggregation: dict[str, Any]) -> dict[str, int]:
    return {bucket["key"]: bucket["doc_count"] for bucket in aggregation["buckets"]}
