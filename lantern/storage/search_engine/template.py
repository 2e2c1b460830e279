"""The index template as data: JSON files under ``templates/`` beside this module, named after the alias."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

COMPONENTS = ("settings", "mappings")


@cache
def _load(name: str) -> str:
    return (
        resources.files("lantern.storage.search_engine")
        .joinpath("templates", f"{name}.json")
        .read_text(encoding="utf-8")
    )


def load(name: str, alias: str) -> dict[str, Any]:
    """One template file with ``{alias}`` replaced, as a dict."""
    return json.loads(_load(name).replace("{alias}", alias))


def component_name(alias: str, component: str) -> str:
    """Name of a component template, e.g. ``lantern-items-mappings``."""
    return f"{alias}-{component}"


def component_templates(alias: str) -> dict[str, dict[str, Any]]:
    """Every component template body by name."""
    return {component_name(alias, c): load(c, alias) for c in COMPONENTS}


def index_template(alias: str) -> dict[str, Any]:
    """The composable index template body."""
    return load("index-template", alias)


def mappings() -> dict[str, Any]:
    """The ``mappings`` object of the items index."""
    return load("mappings", "lantern-items")["template"]["mappings"]


def mapping_version() -> int:
    """The version of the mappings in this release (``_meta.lantern_mapping_version``)."""
    return int(mappings()["_meta"]["lantern_mapping_version"])


def field_types(properties: dict[str, Any] | None = None, prefix: str = "") -> dict[str, str]:
    """Every mapped field path (multi-fields included) and its type, e.g. ``{"analysis.flags": "keyword"}``."""
    result: dict[str, str] = {}
    for name, spec in (properties if properties is not None else mappings()["properties"]).items():
        path = f"{prefix}{name}"
        result[path] = spec.get("type", "object")
        for sub, sub_spec in spec.get("fields", {}).items():
            result[f"{path}.{sub}"] = sub_spec["type"]
        if "properties" in spec:
            result.update(field_types(spec["properties"], f"{path}."))
    return result
