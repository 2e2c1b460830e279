"""Idempotent setup of the items index: component templates, the composable index template, the first
versioned index (``<alias>-v1``) and the alias over it. Safe to run on every start (``lantern es setup``)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lantern.es import template

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexState:
    """Where the alias points and how its index's mapping compares with this release's."""

    alias: str
    index: str | None
    version: int | None
    mapping_version: int | None
    documents: int | None

    @property
    def needs_migration(self) -> bool:
        """True when the live index was built from older mappings than this release's."""
        return self.mapping_version is not None and self.mapping_version < template.mapping_version()


def versioned_name(alias: str, version: int) -> str:
    """``lantern-items`` and 2 → ``lantern-items-v2``."""
    return f"{alias}-v{version}"


def index_version(alias: str, index: str) -> int | None:
    """The version number in a versioned index name, or ``None``."""
    match = re.fullmatch(re.escape(alias) + r"-v(\d+)", index)
    return int(match.group(1)) if match else None


def put_templates(client: Elasticsearch, alias: str) -> None:
    """Create or replace the component templates and the index template."""
    for name, body in template.component_templates(alias).items():
        client.cluster.put_component_template(name=name, template=body["template"], meta=body.get("_meta"))
    body = template.index_template(alias)
    client.indices.put_index_template(
        name=alias,
        index_patterns=body["index_patterns"],
        composed_of=body["composed_of"],
        priority=body["priority"],
        meta=body.get("_meta"),
    )


def current_index(client: Elasticsearch, alias: str) -> str | None:
    """The index the alias writes to, or ``None`` when the alias does not exist."""
    if not client.indices.exists_alias(name=alias):
        return None
    found = client.indices.get_alias(name=alias)
    for index, body in found.items():
        if body.get("aliases", {}).get(alias, {}).get("is_write_index"):
            return index
    return sorted(found)[-1]


def setup(client: Elasticsearch, alias: str) -> IndexState:
    """Templates, first index and alias; leaves an existing alias and its data alone. Returns the state."""
    put_templates(client, alias)
    if current_index(client, alias) is None:
        index = versioned_name(alias, 1)
        if client.indices.exists(index=index):
            client.indices.put_alias(index=index, name=alias, is_write_index=True)
        else:
            client.indices.create(index=index, aliases={alias: {"is_write_index": True}})
        log.info("created index %s behind alias %s", index, alias)
    state = status(client, alias)
    if state.needs_migration:
        log.warning("index %s has mapping version %s; run `lantern es migrate`", state.index, state.mapping_version)
    return state


def status(client: Elasticsearch, alias: str) -> IndexState:
    """Where the alias points, that index's mapping version and document count."""
    index = current_index(client, alias)
    if index is None:
        return IndexState(alias, None, None, None, None)
    mapping = client.indices.get_mapping(index=index)[index]["mappings"]
    meta_version = mapping.get("_meta", {}).get("lantern_mapping_version")
    documents = client.count(index=index)["count"]
    return IndexState(alias, index, index_version(alias, index), meta_version, documents)
