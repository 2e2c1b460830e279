"""Re-analysis on the embedded store: stale items streamed in id order, analyses replaced in place.

:func:`stale_batches` walks the unique index on ``id`` (keyset pagination: ``id > last id``, no OFFSET), so each
batch costs the same however far the walk is. :func:`replace_analyses` rewrites only the analysis columns, the
``analysis`` key inside ``doc`` (``json_set``, every other key kept) and the side tables of the given ids, in the
caller's transaction; ``title`` and ``text`` are not touched, so the full-text index is not rewritten.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from lantern.storage.base import LEVELS, StoredItem
from lantern.storage.sqlite.query import to_epoch
from lantern.storage.sqlite.rows import READ_COLUMNS, SIDE_INSERTS, row_item, side_rows

_UPDATE_SQL = (
    "UPDATE items SET language = ?, lexicon_version = ?, analyzer_version = ?, risk_rank = ?, risk_level = ?, "
    "risk_score = ?, min_age = ?, doc = json_set(doc, '$.analysis', json(?)) WHERE id = ?"
)


def stale_batches(
    conn: sqlite3.Connection,
    lexicon_version: str,
    *,
    sources: tuple[str, ...],
    since: datetime | None,
    after_id: str | None,
    batch_size: int,
) -> Iterator[list[StoredItem]]:
    """Batches of items with another lexicon version, ids ascending and > ``after_id``."""
    clauses: list[str] = ["items.lexicon_version != ?"]
    params: list[Any] = [lexicon_version]
    if sources:
        clauses.append(f"items.source IN ({', '.join('?' for _ in sources)})")
        params += list(sources)
    if since is not None:
        clauses.append("items.date_epoch >= ?")
        params.append(to_epoch(since))
    sql = f"SELECT {READ_COLUMNS} FROM items WHERE items.id > ? AND {' AND '.join(clauses)} ORDER BY items.id LIMIT ?"
    last = after_id if after_id is not None else ""
    while True:
        rows = conn.execute(sql, [last, *params, batch_size]).fetchall()
        if not rows:
            return
        yield [row_item(row) for row in rows]
        last = rows[-1]["id"]
        if len(rows) < batch_size:
            return


def replace_analyses(conn: sqlite3.Connection, updates: Iterable[tuple[str, str, Any]]) -> int:
    """Rewrite the analysis of each (id, language, analysis) inside the open transaction; returns how many.

    Unknown ids are left out; when an id comes twice, the last analysis wins.
    """
    latest = {item_id: (language, analysis) for item_id, language, analysis in updates}
    known = [item_id for chunk in _chunks(list(latest)) for item_id in _existing(conn, chunk)]
    conn.executemany(_UPDATE_SQL, [_row(item_id, *latest[item_id]) for item_id in known])
    for chunk in _chunks(known):
        marks = ", ".join("?" for _ in chunk)
        for table in SIDE_INSERTS:
            conn.execute(f"DELETE FROM {table} WHERE item_id IN ({marks})", chunk)
    sides = [side_rows({"id": item_id, "analysis": latest[item_id][1]}) for item_id in known]  # type: ignore[typeddict-item]
    for table, sql in SIDE_INSERTS.items():
        conn.executemany(sql, [row for side in sides for row in side[table]])
    return len(known)


def _row(item_id: str, language: str, analysis: Any) -> tuple[Any, ...]:
    risk = analysis["risk"]
    return (
        language,
        analysis["lexicon_version"],
        analysis["analyzer_version"],
        LEVELS.index(risk["level"]),
        risk["level"],
        float(risk["score"]),
        analysis.get("min_age"),
        json.dumps(analysis, ensure_ascii=False, separators=(",", ":")),
        item_id,
    )


def _existing(conn: sqlite3.Connection, ids: list[str]) -> list[str]:
    marks = ", ".join("?" for _ in ids)
    return [row[0] for row in conn.execute(f"SELECT id FROM items WHERE id IN ({marks})", ids)]


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
