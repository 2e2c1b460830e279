"""Idempotent setup of the items index: component templates, the composable index template, the first
versioned index (``<alias>-v1``) and the alias over it. Safe to run on every start (``lantern es setup``)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from lantern.storage.search_engine import template
from lantern.storage.search_engine.engine import Engine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexState:
    """Where the alias points, how its index's mapping compares with this release's, and the cluster health."""

    alias: str
    index: str | None
    version: int | None
    mapping_version: int | None
    documents: int | None
    health: str | None = None  # green, yellow (a replica missing: degraded) or red (a primary missing)
    nodes: int | None = None
    unassigned_shards: int | None = None

    @property
    def needs_migration(self) -> bool:
        """True when the live index was built from older mappings than this release's."""
        return self.mapping_version is not None and self.mapping_version < template.mapping_version()

    @property
    def degraded(self) -> bool:
        """True when some shard copy of the cluster is not assigned (yellow or red)."""
        return self.health not in (None, "green")


def versioned_name(alias: str, version: int) -> str:
    """``lantern-items`` and 2 → ``lantern-items-v2``."""
    return f"{alias}-v{version}"


def index_version(alias: str, index: str) -> int | None:
    """The version number in a versioned index name, or ``None``."""
    match = re.fullmatch(re.escape(alias) + r"-v(\d+)", index)
    return int(match.group(1)) if match else None


def put_templates(engine: Engine, alias: str) -> None:
    """Create or replace the component templates and the index template (each validated on its own)."""
    for name, body in template.component_templates(alias).items():
        engine.request("PUT", f"/_component_template/{name}", body)
    engine.request("PUT", f"/_index_template/{alias}", template.index_template(alias))


def current_index(engine: Engine, alias: str) -> str | None:
    """The index the alias writes to, or ``None`` when the alias does not exist."""
    found = engine.request("GET", f"/_alias/{alias}", ignore=(404,))
    found = {k: v for k, v in found.items() if isinstance(v, dict) and "aliases" in v}
    if not found:
        return None
    for index, body in found.items():
        if body.get("aliases", {}).get(alias, {}).get("is_write_index"):
            return index
    return sorted(found)[-1]


def setup(engine: Engine, alias: str) -> IndexState:
    """Templates, first index and alias; leaves an existing alias and its data alone. Returns the state."""
    put_templates(engine, alias)
    if current_index(engine, alias) is None:
        index = versioned_name(alias, 1)
        if index not in engine.request("GET", f"/{index}", ignore=(404,)):
            engine.request("PUT", f"/{index}", {"aliases": {alias: {"is_write_index": True}}})
        else:
            engine.request("PUT", f"/{index}/_alias/{alias}", {"is_write_index": True})
        log.info("created index %s behind alias %s", index, alias)
    state = status(engine, alias)
    if state.needs_migration:
        log.warning("index %s has mapping version %s; run `lantern es migrate`", state.index, state.mapping_version)
    return state


def status(engine: Engine, alias: str) -> IndexState:
    """Where the alias points, that index's mapping version and document count, and the cluster's health."""
    health = cluster_health(engine)
    index = current_index(engine, alias)
    if index is None:
        return IndexState(alias, None, None, None, None, *health)
    mapping = engine.request("GET", f"/{index}/_mapping")[index]["mappings"]
    meta_version = mapping.get("_meta", {}).get("lantern_mapping_version")
    documents = engine.request("GET", f"/{index}/_count")["count"]
    return IndexState(alias, index, index_version(alias, index), meta_version, documents, *health)


def cluster_health(engine: Engine) -> tuple[str | None, int | None, int | None]:
    """(status, number of nodes, unassigned shards), without waiting."""
    found: dict[str, Any] = engine.request("GET", "/_cluster/health", params={"timeout": "5s"}, ignore=(408,))
    return found.get("status"), found.get("number_of_nodes"), found.get("unassigned_shards")
