"""The storage interface every backend implements (the embedded SQLite store, Elasticsearch and OpenSearch).

A stored item is the crawl fields plus the analysis record's ``language`` and ``analysis`` (see
``contracts/README.md``, "Stored items"). Backends are selected by :func:`lantern.storage.open_store`; one
contract test suite (``tests/storage/contract.py``) runs against every backend. A backend that fails raises a
:class:`~lantern.storage.errors.StorageError` (unavailable or rejected); anything else it raises is a bug.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, NotRequired, Protocol, TypedDict

from nlp.types import Analysis

if TYPE_CHECKING:
    from lantern.exports.buckets import Bucket
    from lantern.exports.trends import BucketCount, Place, TrendSpec

RiskLevel = Literal["none", "low", "medium", "high"]
LEVELS: tuple[RiskLevel, ...] = ("none", "low", "medium", "high")


class ThreadInfo(TypedDict):
    """Where a forum post sits: its thread, board and position."""

    id: str
    title: str
    url: str
    board: NotRequired[str]
    post_no: NotRequired[int]


class StoredItem(TypedDict):
    """One stored item. Dates are ISO 8601 strings with a time zone (UTC when written by Lantern)."""

    id: str
    url: str
    source: str
    kind: str
    site: str
    title: str
    text: str
    author: str | None
    posted_at: str | None
    fetched_at: str
    first_seen: str
    last_seen: str
    times_seen: int
    content_hash: str
    language: str
    analysis: Analysis
    thread: NotRequired[ThreadInfo | None]
    location_hint: NotRequired[str | None]
    price: NotRequired[str | None]
    contact: NotRequired[str | None]


@dataclass(frozen=True)
class ItemVersion:
    """What deduplication needs to know about a stored item."""

    content_hash: str
    lexicon_version: str
    first_seen: str
    times_seen: int
    posted_at: str | None = None


@dataclass(frozen=True)
class SearchQuery:
    """A search with filters, as given to ``lantern search`` and ``lantern export``.

    ``level`` is a minimum: ``medium`` matches medium and high. Every tuple filter matches any of its values;
    different filters combine with AND. ``since``/``until`` filter ``posted_at`` (falling back to
    ``first_seen`` when an item has no date), ``until`` exclusive.
    """

    text: str = ""
    level: RiskLevel | None = None
    flags: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    phone: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 20
    offset: int = 0


@dataclass
class SearchResult:
    """A page of hits (newest first, or best match first for a text query) and the total number of matches."""

    total: int
    items: list[StoredItem] = field(default_factory=list)


@dataclass
class StoreCounts:
    """Summary numbers for ``lantern stats``."""

    items: int
    by_level: dict[str, int]
    by_source: dict[str, int]
    by_flag: dict[str, int]
    by_country: dict[str, int]


class StorageBackend(Protocol):
    """What the pipelines, the CLI and the exports need from a store."""

    name: str

    def upsert(self, items: Iterable[StoredItem]) -> int:
        """Insert or replace items by ``id``; returns how many were written. Durable when it returns."""
        ...

    def versions(self, ids: Iterable[str]) -> dict[str, ItemVersion]:
        """The stored version of each known id (unknown ids are absent)."""
        ...

    def mark_seen(self, ids: Iterable[str], seen_at: str) -> int:
        """Set ``last_seen`` and increment ``times_seen`` of unchanged items; returns how many were updated."""
        ...

    def get(self, item_id: str) -> StoredItem | None:
        """One item by id, or ``None``."""
        ...

    def find_ids(self, prefix: str, limit: int = 2) -> list[str]:
        """Ids starting with ``prefix`` (for ``lantern show`` with a short id)."""
        ...

    def search(self, query: SearchQuery) -> SearchResult:
        """Items matching the query (full text and filters), one page."""
        ...

    def iter_items(self, query: SearchQuery) -> Iterator[StoredItem]:
        """Every item matching the query's filters, ignoring limit and offset (for exports and reindexing)."""
        ...

    def counts(self) -> StoreCounts:
        """Totals by level, source, flag and country."""
        ...

    def trend_counts(self, spec: TrendSpec) -> tuple[list[BucketCount], list[Bucket], dict[tuple[str, str], Place]]:
        """Raw trend counts per (place, bucket) for ``spec``, the buckets, and the places (for the trend export)."""
        ...

    def iter_stale(
        self,
        lexicon_version: str,
        *,
        sources: tuple[str, ...] = (),
        since: datetime | None = None,
        after_id: str | None = None,
        batch_size: int = 1000,
    ) -> Iterator[list[StoredItem]]:
        """Batches of items whose ``analysis.lexicon_version`` differs from ``lexicon_version``.

        Optionally only these sources, only items dated (``posted_at``, else ``first_seen``) on/after ``since``;
        in ascending id order, ids > ``after_id``. Cheap to resume: a caller that stopped after id X calls
        again with ``after_id=X``.
        """
        ...

    def update_analysis(self, updates: Iterable[tuple[str, str, Analysis]]) -> int:
        """Replace ``language`` and ``analysis`` of stored items ``(id, language, analysis)``, keeping every crawl
        field; every derived column, side table and index field follows. Returns how many were updated;
        durable when it returns; unknown ids are ignored."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


def item_date(item: StoredItem | dict[str, Any]) -> str:
    """The date an item counts under: ``posted_at`` or, when missing, ``first_seen``."""
    return item.get("posted_at") or item["first_seen"]
