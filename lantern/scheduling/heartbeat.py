"""Heartbeats: each scheduler process updates its row every few seconds; `lantern scheduler status` reads them."""

from __future__ import annotations

import json
import os
import socket
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, and_, delete, insert, select, update

from lantern.scheduling.db import heartbeats, now_utc, parse_stamp, stamp

HEARTBEAT_SECONDS = 2
ALIVE_WITHIN_SECONDS = 15


def register(engine: Engine, instance: str) -> None:
    """Add this process's row (and forget rows of processes that stopped more than a day ago)."""
    now = stamp()
    row = {"instance": instance, "host": socket.gethostname(), "pid": os.getpid(), "started_at": now, "beat_at": now}
    old = stamp(now_utc() - timedelta(days=1))
    with engine.begin() as conn:
        conn.execute(delete(heartbeats).where(heartbeats.c.beat_at < old))
        conn.execute(insert(heartbeats).values(**row, activity="starting"))


def beat(engine: Engine, instance: str, running: list[dict[str, Any]]) -> None:
    """Record that this process is alive and what it is running."""
    with engine.begin() as conn:
        values = {"beat_at": stamp(), "activity": json.dumps(running)}
        conn.execute(update(heartbeats).where(heartbeats.c.instance == instance).values(**values))


def stopped(engine: Engine, instance: str) -> None:
    """Record a clean stop."""
    with engine.begin() as conn:
        values = {"stopped_at": stamp(), "activity": "[]"}
        conn.execute(update(heartbeats).where(heartbeats.c.instance == instance).values(**values))


def alive(engine: Engine, within: int = ALIVE_WITHIN_SECONDS) -> list[dict[str, Any]]:
    """Scheduler processes that beat within ``within`` seconds and did not stop, with their running crawls."""
    since = stamp(now_utc() - timedelta(seconds=within))
    query = select(heartbeats).where(and_(heartbeats.c.beat_at >= since, heartbeats.c.stopped_at.is_(None)))
    with engine.connect() as conn:
        rows = [dict(row) for row in conn.execute(query).mappings()]
    for row in rows:
        row["running"] = json.loads(row["activity"]) if row["activity"].startswith("[") else []
        row["beat_at"] = parse_stamp(row["beat_at"])
    return rows
