"""``lantern es migrate``: a new versioned index with this release's mappings, the documents copied into it
(re-derived, so new derived fields are filled), then the alias moved in one atomic step.

Stop crawlers while migrating: items written to the old index after the copy started are not carried over
(their pipelines spool nothing, since the writes succeed). Run ``lantern es migrate`` again to catch up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lantern.es import setup as es_setup

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

log = logging.getLogger(__name__)
Transform = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Migration:
    """What a migration did."""

    old_index: str | None
    new_index: str
    documents: int


def next_index(client: Elasticsearch, alias: str) -> str:
    """The next free versioned index name."""
    existing = client.indices.get(index=f"{alias}-v*", allow_no_indices=True, expand_wildcards="all")
    versions = [v for v in (es_setup.index_version(alias, name) for name in existing) if v is not None]
    return es_setup.versioned_name(alias, max(versions, default=0) + 1)


def migrate(client: Elasticsearch, alias: str, transform: Transform, *, batch_size: int = 500) -> Migration:
    """Copy the alias's index into a new versioned index through ``transform`` and move the alias to it."""
    from elasticsearch import helpers

    es_setup.put_templates(client, alias)
    old = es_setup.current_index(client, alias)
    if old is None:
        state = es_setup.setup(client, alias)
        return Migration(None, state.index or "", 0)
    new = next_index(client, alias)
    client.indices.refresh(index=old)
    client.indices.create(index=new)
    actions = (
        {"_index": new, "_id": hit["_id"], "_source": transform(hit["_source"])}
        for hit in helpers.scan(client, index=old, query={"query": {"match_all": {}}}, size=batch_size)
    )
    copied, _errors = helpers.bulk(client, actions, chunk_size=batch_size, max_retries=5, refresh="wait_for")
    client.indices.update_aliases(
        actions=[
            {"remove": {"index": old, "alias": alias}},
            {"add": {"index": new, "alias": alias, "is_write_index": True}},
        ]
    )
    log.info("migrated %d document(s) from %s to %s", copied, old, new)
    return Migration(old, new, copied)
