"""``lantern export trends`` and ``lantern export items`` through the real CLI on a real embedded store."""

from __future__ import annotations

import csv
import json
import struct

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from lantern.cli.main import cli
from tests.exports import dataset


@pytest.fixture
def run(settings, sqlite_store):
    """Invoke ``lantern`` with the test data folder; the data set is already stored."""
    sqlite_store.upsert(dataset.items())

    def invoke(*args: str, key: str | None = "test-key-0123456789"):
        env = {"LANTERN_DATA_DIR": str(settings.data_dir), "LANTERN_TIMEZONE": "UTC", "LANTERN_ES_URL": ""}
        env["LANTERN_PSEUDONYM_KEY"] = key or ""
        return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)

    return invoke


RAW = [dataset.P1, dataset.P2, dataset.P3, "202 555", dataset.MAIL, "example.org", "127.0.0.1", "http", "Notice",
       "neutral filler", "desk_one", "board-a"]  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "geojson"])
def test_no_selector_url_or_text_in_any_trend_format(run, tmp_path, fmt):
    out = tmp_path / f"trends.{fmt}"
    result = run("export", "trends", "--by", "destination", "--interval", "week", "--min-count", "2", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    for raw in RAW:
        assert raw.encode() not in data, raw


def test_csv_marks_suppressed_cells_empty_with_a_flag(run, tmp_path):
    out = tmp_path / "t.csv"
    assert run("export", "trends", "--by", "country", "--min-count", "2", "-o", str(out)).exit_code == 0
    rows = {(r["key"], r["bucket"]): r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows[("PH", "2026-01-05")]["items"] == "3" and rows[("PH", "2026-01-05")]["low"] == ""
    assert rows[("PH", "2026-01-05")]["low_suppressed"] == "true"
    assert rows[("NL", "2026-01-05")]["items"] == "" and rows[("NL", "2026-01-05")]["items_suppressed"] == "true"


def test_json_and_parquet_carry_the_same_rows(run, tmp_path):
    run("export", "trends", "--by", "country", "--min-count", "2", "-o", str(tmp_path / "t.json"))
    run("export", "trends", "--by", "country", "--min-count", "2", "-o", str(tmp_path / "t.parquet"))
    document = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert document["meta"]["min_count"] == 2 and document["meta"]["by"] == "country"
    assert dataset.published(document["rows"]) == dataset.BY_COUNTRY
    table = pq.read_table(tmp_path / "t.parquet")
    assert dataset.published(table.to_pylist()) == dataset.BY_COUNTRY
    assert str(table.schema.field("items").type) == "int64"


def test_geojson_is_a_feature_collection_of_place_centroids(run, tmp_path):
    out = tmp_path / "t.geojson"
    run("export", "trends", "--by", "city", "--min-count", "2", "-o", str(out))
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection" and document["features"]
    for feature in document["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    manila = next(f for f in document["features"] if f["properties"]["key"] == "Manila")
    assert manila["geometry"]["coordinates"] == [120.9822, 14.6042]


def test_plot_is_a_png_of_the_documented_size(run, tmp_path):
    from lantern.exports.plot import SIZE

    png = tmp_path / "top.png"
    result = run("export", "trends", "--by", "destination", "--interval", "day", "--min-count", "2",
                 "-o", str(tmp_path / "t.csv"), "--plot", str(png))  # fmt: skip
    assert result.exit_code == 0, result.output
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == SIZE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "country", "-o", "t.xlsx"], "cannot tell the export format"),
        (["--by", "country", "-o", "t.csv", "--timezone", "Mars/Olympus"], "unknown time zone"),
        (["--by", "country", "-o", "t.csv", "--since", "yesterday"], "is not a date"),
        (["--by", "country", "-o", "t.csv", "--min-count", "1"], "too small"),
    ],
)
def test_bad_trend_options_give_a_clear_error(run, tmp_path, args, message):
    args = [str(tmp_path / a) if a.startswith("t.") else a for a in args]
    result = run("export", "trends", *args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_items_export_pseudonymises_deterministically(run, tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert run("export", "items", "--pseudonymise", "-o", str(first)).exit_code == 0
    assert run("export", "items", "--pseudonymise", "-o", str(second)).exit_code == 0
    data = first.read_bytes()
    assert data == second.read_bytes()
    for raw in (dataset.P1, dataset.P2, "202 555", dataset.MAIL, "desk_one"):
        assert raw.encode() not in data, raw
    items = {item["id"]: item for item in map(json.loads, data.splitlines())}
    assert len(items) == 10
    phones = items["a1"]["analysis"]["contacts"]["phones"]
    assert phones[0].startswith("phone:") and phones == items["a2"]["analysis"]["contacts"]["phones"]
    assert "[phone:" in items["a1"]["text"]
    other_key = tmp_path / "c.jsonl"
    run("export", "items", "--pseudonymise", "-o", str(other_key), key="another-key-0123456789")
    assert other_key.read_bytes() != data


def test_items_export_without_key_is_a_clear_error(run, tmp_path):
    result = run("export", "items", "--pseudonymise", "-o", str(tmp_path / "a.jsonl"), key=None)
    assert result.exit_code == 2 and "LANTERN_PSEUDONYM_KEY is not set" in result.output
    assert not (tmp_path / "a.jsonl").exists()


def test_items_csv_uses_the_search_filters(run, tmp_path):
    out = tmp_path / "items.csv"
    assert run("export", "items", "--level", "high", "--country", "TH", "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["b2"]
    assert rows[0]["phones"] == "'" + dataset.P2  # a leading + would start a spreadsheet formula
