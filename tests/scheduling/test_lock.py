"""The per-source lease in the scheduler database (real SQLite, real threads)."""

from __future__ import annotations

import threading
import time

from lantern.scheduling.db import engine_for
from lantern.scheduling.lock import SourceLock, holder
from lantern.settings import Settings


def engine(tmp_path):
    return engine_for(Settings(data_dir=tmp_path))


def test_one_owner_at_a_time(tmp_path):
    db = engine(tmp_path)
    first, second = SourceLock(db, "forum", "a"), SourceLock(db, "forum", "b")
    assert first.acquire("run-a")
    assert not second.acquire("run-b")
    assert holder(db, "forum")["run_id"] == "run-a"
    assert SourceLock(db, "classifieds", "b").acquire("run-c")  # other sources are independent
    first.release()
    assert holder(db, "forum") is None
    assert second.acquire("run-b")


def test_expired_lease_can_be_taken_and_the_old_owner_notices(tmp_path):
    db = engine(tmp_path)
    short = SourceLock(db, "forum", "a", lease_seconds=1)
    assert short.acquire("run-a")
    time.sleep(1.1)
    taker = SourceLock(db, "forum", "b")
    assert taker.acquire("run-b")
    assert not short.renew()
    short.release()  # must not release someone else's lease
    assert holder(db, "forum")["owner"] == "b"


def test_renewal_keeps_the_lease(tmp_path):
    db = engine(tmp_path)
    lease = SourceLock(db, "forum", "a", lease_seconds=1)
    assert lease.acquire("run-a")
    for _ in range(3):
        time.sleep(0.5)
        assert lease.renew()
    assert not SourceLock(db, "forum", "b").acquire("run-b")


def test_racing_owners_get_exactly_one_lease(tmp_path):
    db = engine(tmp_path)
    barrier = threading.Barrier(8)
    winners = []

    def contend(n: int) -> None:
        lease = SourceLock(db, "forum", f"owner-{n}")
        barrier.wait()
        if lease.acquire(f"run-{n}"):
            winners.append(n)

    threads = [threading.Thread(target=contend, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(winners) == 1
