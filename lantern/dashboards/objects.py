"""Lantern's Kibana saved objects, built in one place and written to ``dashboards/*.ndjson``
(``python -m lantern.dashboards.objects``; a test keeps the files in step).

Formats follow Kibana's own saved-object migrations: every object says which format it is in
(``typeMigrationVersion``, with ``coreMigrationVersion``), so Kibana runs only the migrations after it. The
legacy visualisations are in the 8.0 format, so Kibana's 8.1 pie migration (``addLegend`` → ``legendDisplay``)
shows the legends. Dashboards restore their time range (the last year). Two data views: ``lantern-items`` for
analysts (everything), and ``lantern-items-shared`` whose source filters hide raw selectors, URLs, authors and
text (a display rule, not access control: see docs/ELASTICSEARCH.md for the field-level security to add).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORE = "8.8.0"
VERSIONS = {"index-pattern": "8.0.0", "search": "8.0.0", "visualization": "8.0.0", "dashboard": "8.7.0", "map": "8.4.0"}
FULL, SHARED = "lantern-items", "lantern-items-shared"
#: What the shared data view never shows (Discover, saved searches, document tables on it).
SHARED_HIDDEN = (
    "text", "title", "url", "author", "thread.url", "location_hint", "contact", "analysis.contacts.*",
    "analysis.signals.text",
    "analysis.ages.text", "analysis.locations.text", "analysis.genre.evidence", "derived.signal_texts",
    "derived.evidence",
)  # fmt: skip
NOT_NONE = "analysis.risk.level : (low or medium or high)"
INDEX_REF = "kibanaSavedObjectMeta.searchSourceJSON.index"


def _object(kind: str, ident: str, attributes: dict[str, Any], references: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "type": kind,
        "id": ident,
        "coreMigrationVersion": CORE,
        "typeMigrationVersion": VERSIONS[kind],
        "attributes": attributes,
        "references": references,
    }


def _source(query: str = "", view: str = FULL) -> tuple[dict[str, str], list[dict[str, str]]]:
    meta = {"query": {"query": query, "language": "kuery"}, "filter": [], "indexRefName": INDEX_REF}
    return {"searchSourceJSON": json.dumps(meta)}, [{"name": INDEX_REF, "type": "index-pattern", "id": view}]


def data_view(ident: str, name: str, hidden: tuple[str, ...] = ()) -> dict[str, Any]:
    """A data view over the alias with ``derived.date`` as its time field."""
    attributes: dict[str, Any] = {"title": "lantern-items", "name": name, "timeFieldName": "derived.date"}
    if hidden:
        attributes["sourceFilters"] = json.dumps([{"value": field} for field in hidden])
    return _object("index-pattern", ident, attributes, [])


def search(ident: str, title: str, query: str, columns: list[str], view: str = FULL) -> dict[str, Any]:
    """A saved search (Discover), newest first."""
    meta, refs = _source(query, view)
    attributes = {
        "title": title,
        "description": "",
        "columns": columns,
        "sort": [["derived.date", "desc"]],
        "kibanaSavedObjectMeta": meta,
    }
    return _object("search", ident, attributes, refs)


def terms(ident: str, field: str, size: int, schema: str) -> dict[str, Any]:
    params = {"field": field, "size": size, "order": "desc", "orderBy": "1", "otherBucket": False}
    return {
        "id": ident,
        "enabled": True,
        "type": "terms",
        "schema": schema,
        "params": params | {"missingBucket": False},
    }


def over_time(ident: str, schema: str = "segment") -> dict[str, Any]:
    params = {"field": "derived.date", "interval": "auto", "min_doc_count": 1, "extended_bounds": {}}
    return {"id": ident, "enabled": True, "type": "date_histogram", "schema": schema, "params": params}


COUNT = {"id": "1", "enabled": True, "type": "count", "schema": "metric", "params": {}}


def visualization(
    ident: str, title: str, kind: str, aggs: list[dict[str, Any]], *, query: str = "", view: str = FULL, **params: Any
) -> dict[str, Any]:
    """A legacy (aggregation-based) visualisation in the 8.0 format."""
    state = {"title": title, "type": kind, "aggs": aggs, "params": {"type": kind, **params}}
    meta, refs = _source(query, view)
    attributes = {
        "title": title,
        "description": "",
        "visState": json.dumps(state),
        "uiStateJSON": "{}",
        "kibanaSavedObjectMeta": meta,
    }
    return _object("visualization", ident, attributes, refs)


def pie(ident: str, title: str, field: str, **kw: Any) -> dict[str, Any]:
    """A donut with its legend shown (``addLegend``: what the 8.1 migration turns into ``legendDisplay``)."""
    aggs = [COUNT, terms("2", field, 10, "segment")]
    return visualization(ident, title, "pie", aggs, addLegend=True, legendPosition="right", isDonut=True, **kw)


def top_over_time(ident: str, title: str, field: str, size: int = 10, **kw: Any) -> dict[str, Any]:
    """The top ``size`` values over the whole period (terms first), each counted per interval."""
    aggs = [COUNT, terms("3", field, size, "group"), over_time("2")]
    return visualization(ident, title, "line", aggs, addLegend=True, legendPosition="right", **kw)


def controls(ident: str, title: str, fields: list[tuple[str, str]]) -> tuple[dict[str, Any], list[str]]:
    """An options-list control per field (legacy input controls; they filter every panel of the dashboard)."""
    items, refs = [], []
    for n, (field, label) in enumerate(fields):
        ref = f"control_{n}_index_pattern"
        options = {"type": "terms", "multiselect": True, "dynamicOptions": True, "size": 50, "order": "desc"}
        items.append({"id": str(n), "fieldName": field, "label": label, "type": "list", "parent": "",
                      "indexPatternRefName": ref, "options": options})  # fmt: skip
        refs.append(ref)
    params = {"type": "input_control_vis", "controls": items, "updateFiltersOnChange": True, "pinFilters": False,
              "useTimeFilter": True}  # fmt: skip
    state = {"title": title, "type": "input_control_vis", "aggs": [], "params": params}
    meta = {"searchSourceJSON": json.dumps({"query": {"query": "", "language": "kuery"}, "filter": []})}
    attributes = {"title": title, "description": "", "visState": json.dumps(state), "uiStateJSON": "{}",
                  "kibanaSavedObjectMeta": meta}  # fmt: skip
    obj = _object("visualization", ident, attributes, [{"name": r, "type": "index-pattern", "id": FULL} for r in refs])
    return obj, refs


def destination_map() -> dict[str, Any]:
    """Destination points coloured by risk level (ordinal colour ramp on ``derived.level_rank``)."""
    color = {"type": "DYNAMIC", "options": {"field": {"name": "derived.level_rank", "origin": "source"},
             "color": "Yellow to Red", "type": "ORDINAL", "fieldMetaOptions": {"isEnabled": False}}}  # fmt: skip
    layers = [
        {"id": "base", "type": "EMS_VECTOR_TILE", "label": None, "visible": True, "alpha": 1, "minZoom": 0,
         "maxZoom": 24, "sourceDescriptor": {"type": "EMS_TMS", "isAutoSelect": True},
         "style": {"type": "EMS_VECTOR_TILE"}},
        {"id": "destinations", "type": "GEOJSON_VECTOR", "label": "Destinations by risk level", "visible": True,
         "alpha": 0.8, "minZoom": 0, "maxZoom": 24,
         "sourceDescriptor": {"type": "ES_SEARCH", "id": "destinations-source",
                              "geoField": "derived.destination_points",
                              "indexPatternRefName": "layer_1_source_index_pattern", "scalingType": "CLUSTERS",
                              "tooltipProperties": ["title", "analysis.risk.level", "derived.destination_cities"],
                              "sortField": "derived.date", "sortOrder": "desc"},
         "style": {"type": "VECTOR", "properties": {"fillColor": color, "lineColor": color}}},
    ]  # fmt: skip
    state = {"zoom": 1.5, "center": {"lon": 60, "lat": 20}, "query": {"query": NOT_NONE, "language": "kuery"},
             "filters": []}  # fmt: skip
    attributes = {"title": "Destination locations", "description": "Destinations named by items, coloured by level.",
                  "layerListJSON": json.dumps(layers), "mapStateJSON": json.dumps(state),
                  "uiStateJSON": json.dumps({"isLayerTOCOpen": True})}  # fmt: skip
    return _object("map", "lantern-map-destinations", attributes,
                   [{"name": "layer_1_source_index_pattern", "type": "index-pattern", "id": FULL}])  # fmt: skip


def dashboard(ident: str, title: str, panels: list[tuple[str, str, int, int, int, int]]) -> dict[str, Any]:
    """A dashboard of (type, id, x, y, w, h) panels that opens on the last year."""
    entries, refs = [], []
    for n, (kind, target, x, y, w, h) in enumerate(panels, start=1):
        grid = {"x": x, "y": y, "w": w, "h": h, "i": str(n)}
        entries.append({"panelIndex": str(n), "gridData": grid, "embeddableConfig": {}, "panelRefName": f"panel_{n}",
                        "type": kind, "version": "8.0.0"})  # fmt: skip
        refs.append({"name": f"{n}:panel_{n}", "type": kind, "id": target})
    meta = {"searchSourceJSON": json.dumps({"query": {"query": "", "language": "kuery"}, "filter": []})}
    attributes = {"title": title, "description": "", "panelsJSON": json.dumps(entries), "timeRestore": True,
                  "timeFrom": "now-1y", "timeTo": "now", "refreshInterval": {"pause": True, "value": 0},
                  "optionsJSON": json.dumps({"useMargins": True, "hidePanelTitles": False}),
                  "kibanaSavedObjectMeta": meta}  # fmt: skip
    return _object("dashboard", ident, attributes, refs)


EVIDENCE_COLUMNS = ["title", "text", "derived.evidence", "analysis.risk.level", "analysis.flags",
                    "derived.destination_countries", "source"]  # fmt: skip
SHARED_COLUMNS = ["analysis.risk.level", "derived.signal_categories", "analysis.countries", "source"]
FILTERS = [("analysis.risk.level", "Level"), ("analysis.flags", "Flag"), ("analysis.countries", "Country"),
           ("derived.destination_countries", "Destination"), ("source", "Source"),
           ("derived.genre", "Genre")]  # fmt: skip


def files() -> dict[str, list[dict[str, Any]]]:
    """Every saved object, by the NDJSON file it lives in."""
    control, _refs = controls("lantern-vis-filters", "Filters", FILTERS)
    searches = [
        search("lantern-search-review", "Review queue: medium and high", "analysis.risk.level : (medium or high)",
               EVIDENCE_COLUMNS),
        search("lantern-search-high-risk", "High-risk items", 'analysis.risk.level : "high"', EVIDENCE_COLUMNS),
        search("lantern-search-minor-ages", "Stated minor ages", 'analysis.flags : "minor_age"', EVIDENCE_COLUMNS),
        search("lantern-search-destination-travel", "Destinations with travel intent",
               'analysis.flags : "destination" and analysis.flags : "travel_intent"', EVIDENCE_COLUMNS),
        search("lantern-search-shared", "Flagged items (shared view: no selectors, URLs, titles or text)", NOT_NONE,
               SHARED_COLUMNS, SHARED),
    ]  # fmt: skip
    visualizations = [
        control,
        visualization("lantern-vis-items-by-level", "Flagged items over time by level", "histogram",
                      [COUNT, over_time("2"), terms("3", "analysis.risk.level", 3, "group")], query=NOT_NONE,
                      addLegend=True, legendPosition="right"),
        visualization("lantern-vis-flags", "Flags", "horizontal_bar",
                      [COUNT, terms("2", "analysis.flags", 15, "segment")], query=NOT_NONE),
        visualization("lantern-vis-evidence", "Evidence categories", "horizontal_bar",
                      [COUNT, terms("2", "derived.signal_categories", 15, "segment")], query=NOT_NONE),
        pie("lantern-vis-sources", "Sources", "source"),
        pie("lantern-vis-languages", "Languages", "language"),
        pie("lantern-vis-levels", "Flagged items by level", "analysis.risk.level", query=NOT_NONE),
        top_over_time("lantern-vis-countries-over-time", "Top countries over time", "analysis.countries",
                      query=NOT_NONE),
        visualization("lantern-vis-destination-countries", "Top destination countries", "horizontal_bar",
                      [COUNT, terms("2", "derived.destination_countries", 15, "segment")]),
        top_over_time("lantern-vis-destination-cities-over-time", "Top destination cities over time",
                      "derived.destination_cities"),
        visualization("lantern-vis-shared-phones", "Phone numbers in several items (hashed twins)", "table",
                      [COUNT, terms("2", "derived.phone_hashes", 50, "bucket"),
                       {"id": "3", "enabled": True, "type": "cardinality", "schema": "metric",
                        "params": {"field": "source"}}], view=SHARED, perPage=20),
        destination_map(),
    ]  # fmt: skip
    dashboards = [
        dashboard("lantern-dashboard-overview", "Lantern overview", [
            ("visualization", "lantern-vis-filters", 0, 0, 48, 6),
            ("visualization", "lantern-vis-items-by-level", 0, 6, 32, 14),
            ("visualization", "lantern-vis-levels", 32, 6, 16, 14),
            ("visualization", "lantern-vis-flags", 0, 20, 16, 14),
            ("visualization", "lantern-vis-sources", 16, 20, 16, 14),
            ("visualization", "lantern-vis-languages", 32, 20, 16, 14),
            ("visualization", "lantern-vis-countries-over-time", 0, 34, 48, 14),
            ("search", "lantern-search-high-risk", 0, 48, 48, 16),
        ]),
        dashboard("lantern-dashboard-review", "Lantern review", [
            ("visualization", "lantern-vis-filters", 0, 0, 48, 6),
            ("visualization", "lantern-vis-evidence", 0, 6, 24, 14),
            ("visualization", "lantern-vis-shared-phones", 24, 6, 24, 14),
            ("search", "lantern-search-review", 0, 20, 48, 24),
        ]),
        dashboard("lantern-dashboard-destinations", "Destinations", [
            ("visualization", "lantern-vis-filters", 0, 0, 48, 6),
            ("map", "lantern-map-destinations", 0, 6, 48, 20),
            ("visualization", "lantern-vis-destination-countries", 0, 26, 20, 14),
            ("visualization", "lantern-vis-destination-cities-over-time", 20, 26, 28, 14),
        ]),
    ]  # fmt: skip
    views = [data_view(FULL, "Lantern items"), data_view(SHARED, "Lantern items (shared)", SHARED_HIDDEN)]
    return {"data-view.ndjson": views, "searches.ndjson": searches, "visualizations.ndjson": visualizations,
            "dashboards.ndjson": dashboards}  # fmt: skip


def ndjson(objects: list[dict[str, Any]]) -> str:
    """One object per line."""
    return "".join(json.dumps(o, ensure_ascii=False, sort_keys=True) + "\n" for o in objects)


def write(folder: Path) -> None:
    """Write every NDJSON file into ``folder``, and the OpenSearch Dashboards ones into ``folder/opensearch``."""
    from lantern.dashboards.opensearch import convert

    (folder / "opensearch").mkdir(exist_ok=True)
    for name, objects in files().items():
        (folder / name).write_text(ndjson(objects), encoding="utf-8")
        (folder / "opensearch" / name).write_text(ndjson(convert(objects)), encoding="utf-8")


if __name__ == "__main__":
    write(Path(__file__).resolve().parents[2] / "dashboards")
