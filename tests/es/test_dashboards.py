"""Every saved object parses, every reference resolves, every field used exists in the mapping and fits."""

from __future__ import annotations

import json

import pytest

from lantern.dashboards.kibana import FOLDER, bundle
from lantern.storage.search_engine import template

TYPES = template.field_types()
AGGREGATABLE = {"keyword", "date", "integer", "long", "float", "byte", "boolean", "geo_point"}
OBJECTS = [json.loads(line) for line in bundle().decode().splitlines() if line.strip()]
BY_KEY = {(o["type"], o["id"]): o for o in OBJECTS}


def test_all_files_parse_and_ids_are_unique():
    assert len(BY_KEY) == len(OBJECTS) and {p.name for p in FOLDER.glob("*.ndjson")} >= {"dashboards.ndjson"}


def test_references_resolve():
    for obj in OBJECTS:
        for ref in obj["references"]:
            assert (ref["type"], ref["id"]) in BY_KEY, f"{obj['id']} → {ref}"


def test_two_dashboards_with_a_map():
    titles = {o["attributes"]["title"]: o for o in OBJECTS if o["type"] == "dashboard"}
    assert set(titles) == {"Lantern overview", "Destinations"}
    assert any(r["type"] == "map" for r in titles["Destinations"]["references"])
    for dash in titles.values():
        names = {r["name"] for r in dash["references"]}
        for panel in json.loads(dash["attributes"]["panelsJSON"]):
            assert f"{panel['panelIndex']}:{panel['panelRefName']}" in names


def test_data_view_time_field_is_a_date():
    [view] = [o for o in OBJECTS if o["type"] == "index-pattern"]
    assert TYPES[view["attributes"]["timeFieldName"]] == "date"


@pytest.mark.parametrize("vis", [o for o in OBJECTS if o["type"] == "visualization"], ids=lambda o: o["id"])
def test_visualisation_fields_are_aggregatable(vis):
    state = json.loads(vis["attributes"]["visState"])
    for agg in state["aggs"]:
        if "field" in agg["params"]:
            assert TYPES.get(agg["params"]["field"]) in AGGREGATABLE, agg


def test_saved_search_columns_and_sort_exist():
    for search in (o for o in OBJECTS if o["type"] == "search"):
        for column in search["attributes"]["columns"]:
            assert column in TYPES
        for field, _order in search["attributes"]["sort"]:
            assert TYPES[field] in AGGREGATABLE


def test_map_layers_use_flat_geo_points():
    [map_obj] = [o for o in OBJECTS if o["type"] == "map"]
    for layer in json.loads(map_obj["attributes"]["layerListJSON"]):
        source = layer["sourceDescriptor"]
        if "geoField" in source:
            assert TYPES[source["geoField"]] == "geo_point"
            assert not source["geoField"].startswith("analysis.locations")  # Maps cannot use nested fields
            assert source["indexPatternRefName"] in {r["name"] for r in map_obj["references"]}
