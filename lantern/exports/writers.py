"""Writing trend rows as CSV, JSON, Parquet or GeoJSON. Every format has the same columns (docs/EXPORTS.md).

Files are written next to the target and renamed into place, so a failed export never leaves half a file.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from lantern.atomic import atomic_output
from lantern.exports.trends import COLUMNS, TrendRow

FORMATS = ("csv", "json", "parquet", "geojson")


def write_trends(rows: list[TrendRow], meta: dict[str, Any], path: Path, fmt: str) -> None:
    """Write ``rows`` with the export's description ``meta`` to ``path`` in format ``fmt``."""
    writer: Callable[[list[dict[str, Any]], dict[str, Any], Path], None] = {
        "csv": write_csv,
        "json": write_json,
        "parquet": write_parquet,
        "geojson": write_geojson,
    }[fmt]
    writer([row.as_dict() for row in rows], meta, path)


@contextmanager
def atomic_path(path: Path):  # type: ignore[no-untyped-def]
    """A temporary path beside ``path`` that replaces it when the block succeeds (:mod:`lantern.atomic`)."""
    with atomic_output(path) as temporary:
        yield temporary


@contextmanager
def _text(path: Path):  # type: ignore[no-untyped-def]
    with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8", newline="") as handle:
        yield handle


def write_csv(rows: list[dict[str, Any]], meta: dict[str, Any], path: Path) -> None:
    """CSV with a header; suppressed cells are empty, booleans are ``true``/``false``."""
    handle: IO[str]
    with _text(path) as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([_csv_cell(row[column]) for column in COLUMNS])


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_json(rows: list[dict[str, Any]], meta: dict[str, Any], path: Path) -> None:
    """One JSON object: ``{"meta": {...}, "rows": [...]}`` (suppressed counts are ``null``)."""
    with _text(path) as handle:
        json.dump({"meta": meta, "rows": rows}, handle, ensure_ascii=False, indent=1)
        handle.write("\n")


def write_parquet(rows: list[dict[str, Any]], meta: dict[str, Any], path: Path) -> None:
    """A Parquet table with typed, nullable columns; ``meta`` is kept as JSON in the schema metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(column, _arrow_type(pa, column)) for column in COLUMNS])
    schema = schema.with_metadata({"lantern": json.dumps(meta)})
    table = pa.Table.from_pylist(rows, schema=schema)
    with atomic_path(path) as temporary:
        pq.write_table(table, temporary)


def _arrow_type(pa: Any, column: str) -> Any:
    if column in ("key", "country", "bucket", "bucket_start", "bucket_end"):
        return pa.string()
    if column in ("lat", "lon"):
        return pa.float64()
    if column.endswith("_suppressed") or column == "rising":
        return pa.bool_()
    return pa.int64()


def write_geojson(rows: list[dict[str, Any]], meta: dict[str, Any], path: Path) -> None:
    """A GeoJSON FeatureCollection: one Point feature per row at the place's centroid (null geometry if none)."""
    features = []
    for row in rows:
        properties = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        geometry = None
        if row["lat"] is not None and row["lon"] is not None:
            geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    with _text(path) as handle:
        json.dump({"type": "FeatureCollection", "features": features, "lantern": meta}, handle, ensure_ascii=False)
        handle.write("\n")
