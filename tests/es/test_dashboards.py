"""Every saved object parses, every reference resolves, every field used exists in the mapping and fits, and the
objects say which Kibana format they are in (checked against what Kibana's migrations expect)."""

from __future__ import annotations

import json

import pytest

from lantern.dashboards import objects as built
from lantern.dashboards.kibana import FOLDER, OPENSEARCH_FOLDER, bundle
from lantern.dashboards.opensearch import MIGRATION_VERSIONS
from lantern.storage.search_engine import template

TYPES = template.field_types()
AGGREGATABLE = {"keyword", "date", "integer", "long", "float", "byte", "boolean", "geo_point"}
OBJECTS = [json.loads(line) for line in bundle().decode().splitlines() if line.strip()]
BY_KEY = {(o["type"], o["id"]): o for o in OBJECTS}
OSD = [json.loads(line) for line in bundle(OPENSEARCH_FOLDER).decode().splitlines() if line.strip()]


def state(vis):
    return json.loads(vis["attributes"]["visState"])


def test_files_are_what_the_builder_writes():
    for name, objects in built.files().items():
        assert (FOLDER / name).read_text(encoding="utf-8") == built.ndjson(objects), (
            "run python -m lantern.dashboards.objects"
        )


def test_all_files_parse_and_ids_are_unique():
    assert len(BY_KEY) == len(OBJECTS) and {p.name for p in FOLDER.glob("*.ndjson")} >= {"dashboards.ndjson"}


def test_every_object_says_its_format():
    for obj in OBJECTS:
        assert obj["coreMigrationVersion"] == built.CORE
        assert obj["typeMigrationVersion"] == built.VERSIONS[obj["type"]], obj["id"]


def test_references_resolve():
    for obj in OBJECTS:
        for ref in obj["references"]:
            assert (ref["type"], ref["id"]) in BY_KEY, f"{obj['id']} → {ref}"


def test_three_dashboards_open_on_the_last_year_with_filter_controls():
    titles = {o["attributes"]["title"]: o for o in OBJECTS if o["type"] == "dashboard"}
    assert set(titles) == {"Lantern overview", "Lantern review", "Destinations"}
    assert any(r["type"] == "map" for r in titles["Destinations"]["references"])
    for dash in titles.values():
        assert dash["attributes"]["timeRestore"] is True and dash["attributes"]["timeFrom"] == "now-1y"
        assert {"type": "visualization", "id": "lantern-vis-filters"} in [
            {"type": r["type"], "id": r["id"]} for r in dash["references"]
        ]
        names = {r["name"] for r in dash["references"]}
        for panel in json.loads(dash["attributes"]["panelsJSON"]):
            assert f"{panel['panelIndex']}:{panel['panelRefName']}" in names


def test_controls_filter_level_flag_country_destination_source():
    controls = state(BY_KEY[("visualization", "lantern-vis-filters")])["params"]["controls"]
    fields = [c["fieldName"] for c in controls]
    assert fields[:5] == ["analysis.risk.level", "analysis.flags", "analysis.countries",
                          "derived.destination_countries", "source"]  # fmt: skip
    assert all(TYPES[f] == "keyword" for f in fields)


def test_medium_items_are_surfaced_with_their_evidence_and_text():
    review = BY_KEY[("search", "lantern-search-review")]["attributes"]
    assert "medium" in review["kibanaSavedObjectMeta"]["searchSourceJSON"]
    assert {"text", "derived.evidence"} <= set(review["columns"])


def test_pie_legends_survive_the_8_1_migration():
    for vis in (o for o in OBJECTS if o["type"] == "visualization" and state(o)["type"] == "pie"):
        assert state(vis)["params"]["addLegend"] is True  # Kibana 8.1: legendDisplay = addLegend ? show : hide


def test_level_charts_leave_out_level_none():
    for ident in ("lantern-vis-items-by-level", "lantern-vis-levels"):
        source = BY_KEY[("visualization", ident)]["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"]
        assert json.loads(source)["query"]["query"] == built.NOT_NONE


def test_top_values_over_time_are_the_top_overall():
    for ident in ("lantern-vis-countries-over-time", "lantern-vis-destination-cities-over-time"):
        kinds = [agg["type"] for agg in state(BY_KEY[("visualization", ident)])["aggs"]]
        assert kinds.index("terms") < kinds.index("date_histogram")  # outer terms: top N of the whole period


def test_shared_view_hides_raw_selectors_and_text():
    view = BY_KEY[("index-pattern", built.SHARED)]["attributes"]
    hidden = {f["value"] for f in json.loads(view["sourceFilters"])}
    assert {"text", "url", "analysis.contacts.*", "derived.evidence"} <= hidden
    for obj in OBJECTS:
        if any(r["id"] == built.SHARED for r in obj["references"]) and obj["type"] == "search":
            assert not {"text", "url", "derived.evidence"} & set(obj["attributes"]["columns"])


def test_data_view_time_field_is_a_date():
    for view in (o for o in OBJECTS if o["type"] == "index-pattern"):
        assert TYPES[view["attributes"]["timeFieldName"]] == "date"


@pytest.mark.parametrize("vis", [o for o in OBJECTS if o["type"] == "visualization"], ids=lambda o: o["id"])
def test_visualisation_fields_are_aggregatable(vis):
    for agg in state(vis)["aggs"]:
        if "field" in agg["params"]:
            assert TYPES.get(agg["params"]["field"]) in AGGREGATABLE, agg


def test_saved_search_columns_and_sort_exist():
    for search in (o for o in OBJECTS if o["type"] == "search"):
        for column in search["attributes"]["columns"]:
            assert column in TYPES
        for field, _order in search["attributes"]["sort"]:
            assert TYPES[field] in AGGREGATABLE


def test_map_layers_use_flat_geo_points_coloured_by_level():
    [map_obj] = [o for o in OBJECTS if o["type"] == "map"]
    for layer in json.loads(map_obj["attributes"]["layerListJSON"]):
        source = layer["sourceDescriptor"]
        if "geoField" in source:
            assert TYPES[source["geoField"]] == "geo_point"
            assert not source["geoField"].startswith("analysis.locations")  # Maps cannot use nested fields
            assert source["indexPatternRefName"] in {r["name"] for r in map_obj["references"]}
            assert layer["style"]["properties"]["fillColor"]["options"]["field"]["name"] == "derived.level_rank"


def test_opensearch_dashboards_objects_are_in_the_7_10_format():
    assert {p.name for p in OPENSEARCH_FOLDER.glob("*.ndjson")} == {p.name for p in FOLDER.glob("*.ndjson")}
    keys = {(o["type"], o["id"]) for o in OSD}
    for obj in OSD:
        assert "typeMigrationVersion" not in obj and "coreMigrationVersion" not in obj
        assert obj["migrationVersion"] == {obj["type"]: MIGRATION_VERSIONS[obj["type"]]}
        for ref in obj["references"]:
            assert (ref["type"], ref["id"]) in keys
    assert "map" not in {o["type"] for o in OSD}
