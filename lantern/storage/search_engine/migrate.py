"""``lantern es migrate``: a new versioned index with this release's mappings, the documents copied into it
(re-derived, so new derived fields are filled), then the alias moved in one atomic step.

Stop crawlers while migrating: items written to the old index after the copy started are not carried over
(their pipelines spool nothing, since the writes succeed). Run ``lantern es migrate`` again to catch up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lantern.storage.search_engine import setup as engine_setup
from lantern.storage.search_engine.bulk import BulkPolicy, bulk_write
from lantern.storage.search_engine.engine import Engine
from lantern.storage.search_engine.scan import scan

log = logging.getLogger(__name__)
Transform = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Migration:
    """What a migration did."""

    old_index: str | None
    new_index: str
    documents: int


def next_index(engine: Engine, alias: str) -> str:
    """The next free versioned index name."""
    existing = engine.request("GET", f"/{alias}-v*", params={"allow_no_indices": "true", "expand_wildcards": "all"})
    versions = [v for v in (engine_setup.index_version(alias, name) for name in existing) if v is not None]
    return engine_setup.versioned_name(alias, max(versions, default=0) + 1)


def migrate(engine: Engine, alias: str, transform: Transform, *, batch_size: int = 500) -> Migration:
    """Copy the alias's index into a new versioned index through ``transform`` and move the alias to it."""
    engine_setup.put_templates(engine, alias)
    old = engine_setup.current_index(engine, alias)
    if old is None:
        state = engine_setup.setup(engine, alias)
        return Migration(None, state.index or "", 0)
    new = next_index(engine, alias)
    engine.request("POST", f"/{old}/_refresh")
    engine.request("PUT", f"/{new}")
    actions = (
        ({"index": {"_index": new, "_id": hit["_id"]}}, transform(hit["_source"]))
        for hit in scan(engine, old, {"query": {"match_all": {}}, "sort": [{"id": "asc"}]}, batch_size)
    )
    copied = bulk_write(engine, actions, BulkPolicy(chunk_size=batch_size), refresh="wait_for")
    engine.request(
        "POST",
        "/_aliases",
        {
            "actions": [
                {"remove": {"index": old, "alias": alias}},
                {"add": {"index": new, "alias": alias, "is_write_index": True}},
            ]
        },
    )
    log.info("migrated %d document(s) from %s to %s", copied, old, new)
    return Migration(old, new, copied)
