"""A lease per source in the scheduler database, so a source is never crawled twice at once.

The lease is a row ``(source, owner, run_id, expires_at)``. Acquiring is one atomic statement: an INSERT when no
row exists, otherwise an UPDATE that only matches an expired row (or one we already own). The holder renews the
lease while the crawl runs; if the holder dies, the lease expires and another process may take it. This works
across scheduler processes and `lantern schedule run` because they all share the database.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, and_, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from lantern.scheduling.db import locks, now_utc, stamp

LEASE_SECONDS = 60
RENEW_EVERY_SECONDS = 15


class SourceLock:
    """The lease on one source for one owner (an id unique to a process and run)."""

    def __init__(self, engine: Engine, source: str, owner: str, lease_seconds: int = LEASE_SECONDS) -> None:
        self.engine = engine
        self.source = source
        self.owner = owner
        self.lease_seconds = lease_seconds

    def _expiry(self) -> str:
        return stamp(now_utc() + timedelta(seconds=self.lease_seconds))

    def acquire(self, run_id: str) -> bool:
        """Take the lease if it is free or expired; True when this owner now holds it."""
        row = {"source": self.source, "owner": self.owner, "run_id": run_id, "expires_at": self._expiry()}
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(locks).values(**row))
            return True
        except IntegrityError:
            pass
        free = or_(locks.c.expires_at < stamp(), locks.c.owner == self.owner)
        with self.engine.begin() as conn:
            result = conn.execute(update(locks).where(and_(locks.c.source == self.source, free)).values(**row))
            return result.rowcount == 1

    def renew(self) -> bool:
        """Extend the lease; False if it was lost (expired and taken by someone else)."""
        mine = and_(locks.c.source == self.source, locks.c.owner == self.owner)
        with self.engine.begin() as conn:
            return conn.execute(update(locks).where(mine).values(expires_at=self._expiry())).rowcount == 1

    def release(self) -> None:
        """Give the lease back (only if this owner still holds it)."""
        with self.engine.begin() as conn:
            conn.execute(delete(locks).where(and_(locks.c.source == self.source, locks.c.owner == self.owner)))


def holder(engine: Engine, source: str) -> dict | None:
    """The current unexpired lease on ``source`` as a dict, or None."""
    query = select(locks).where(and_(locks.c.source == source, locks.c.expires_at >= stamp()))
    with engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    return dict(row) if row else None
