"""The same saved objects for OpenSearch Dashboards, which reads the Kibana 7.10 format.

OpenSearch Dashboards forked Kibana 7.10: it knows ``migrationVersion`` (not ``typeMigrationVersion`` /
``coreMigrationVersion``) and refuses objects from newer Kibana versions, and it has no Kibana Maps ``map`` type.
:func:`convert` turns Lantern's Kibana objects into that format: versions rewritten, the map and its dashboard
panels left out (its "Destinations" dashboard keeps the charts), the data view's Kibana-only ``name`` dropped.
"""

from __future__ import annotations

import copy
import json
from typing import Any

#: The newest migration of each type that OpenSearch Dashboards 2.x ships (the format written here).
MIGRATION_VERSIONS = {"index-pattern": "7.6.0", "search": "7.9.3", "visualization": "7.10.0", "dashboard": "7.9.3"}


def convert(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The objects OpenSearch Dashboards can import, in the same order."""
    return [_convert(o) for o in objects if o["type"] in MIGRATION_VERSIONS]


def _convert(obj: dict[str, Any]) -> dict[str, Any]:
    found = copy.deepcopy(obj)
    found.pop("coreMigrationVersion", None)
    found.pop("typeMigrationVersion", None)
    found["migrationVersion"] = {found["type"]: MIGRATION_VERSIONS[found["type"]]}
    attributes = found["attributes"]
    if found["type"] == "index-pattern":
        attributes.pop("name", None)
    if found["type"] == "dashboard":
        keep = [r for r in found["references"] if r["type"] in MIGRATION_VERSIONS]
        names = {r["name"].split(":", 1)[0] for r in keep}
        panels = [p for p in json.loads(attributes["panelsJSON"]) if p["panelIndex"] in names]
        for panel in panels:
            panel["version"] = "7.10.0"
        attributes["panelsJSON"] = json.dumps(panels)
        found["references"] = keep
    return found
