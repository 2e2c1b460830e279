"""The scheduler database: one SQLAlchemy engine per URL, and Lantern's tables next to APScheduler's job table.

Locks, run history and heartbeats live in the same database as the job store so that every scheduler process
pointed at that store (SQLite file or PostgreSQL) sees the same leases and records.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, Text, UniqueConstraint, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from lantern.errors import ConfigError
from lantern.settings import Settings

JOBS_TABLE = "lantern_schedule_jobs"

metadata = MetaData()

locks = Table(
    "lantern_source_locks",
    metadata,
    Column("source", String(200), primary_key=True),
    Column("owner", String(200), nullable=False),
    Column("run_id", String(100)),
    Column("expires_at", String(40), nullable=False),
)

schedule_runs = Table(
    "lantern_schedule_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("schedule", String(100), nullable=False, index=True),
    Column("source", String(200), nullable=False),
    Column("run_id", String(100), nullable=False),
    Column("trigger", String(20), nullable=False),
    Column("started_at", String(40), nullable=False),
    Column("ended_at", String(40)),
    Column("status", String(20), nullable=False),
    Column("exit_code", Integer),
    Column("log_file", Text),
    Column("error", Text),
    Column("owner", String(200)),
    UniqueConstraint("run_id", name="uq_schedule_runs_run_id"),
)

heartbeats = Table(
    "lantern_scheduler_heartbeats",
    metadata,
    Column("instance", String(200), primary_key=True),
    Column("host", String(200), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("started_at", String(40), nullable=False),
    Column("beat_at", String(40), nullable=False),
    Column("stopped_at", String(40)),
    Column("activity", Text, nullable=False),
)


def database_url(settings: Settings) -> str:
    """``LANTERN_SCHEDULER_DB_URL``, or a SQLite file ``scheduler.db`` in the data folder."""
    if settings.scheduler_db_url:
        return settings.scheduler_db_url
    return f"sqlite:///{Path(settings.data_dir).resolve() / 'scheduler.db'}"


def engine_for(settings: Settings) -> Engine:
    """The engine for the scheduler database, with Lantern's tables created; :class:`ConfigError` when the
    database cannot be reached or written (a bad URL, a missing driver, a folder that cannot hold the file)."""
    url = database_url(settings)
    try:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        return _engine(url)
    except (OSError, SQLAlchemyError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise ConfigError(
            f"cannot use the scheduler database {_shown(url)}: {reason}", hint="check LANTERN_SCHEDULER_DB_URL"
        ) from None


def _shown(url: str) -> str:
    """The URL without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return "(unreadable URL)"


@lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    metadata.create_all(engine)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def now_utc() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def stamp(moment: datetime | None = None) -> str:
    """A sortable UTC timestamp string (ISO 8601, microseconds) for the tables."""
    return (moment or now_utc()).astimezone(UTC).isoformat(timespec="microseconds")


def parse_stamp(text: str | None) -> datetime | None:
    """The datetime of a :func:`stamp` string (None stays None)."""
    return datetime.fromisoformat(text) if text else None
