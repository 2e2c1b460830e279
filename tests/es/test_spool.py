"""The on-disk spool, replayed into a real embedded store."""

from __future__ import annotations

import os

import pytest

from lantern.spool import Spool
from lantern.storage.base import SearchQuery
from lantern.storage.sqlite.store import SQLiteStore
from tests.storage.contract import corpus


class RefusingStore:
    """A store whose backend is down (stands in for any backend; not one of Lantern's components)."""

    name = "down"

    def upsert(self, items):
        raise ConnectionError("backend down")


@pytest.fixture
def store(tmp_path):
    store = SQLiteStore(tmp_path / "lantern.db")
    yield store
    store.close()


def test_append_writes_a_private_segment_and_replay_deletes_it(tmp_path, store):
    spool = Spool(tmp_path / "spool" / "sqlite")
    assert spool.append(corpus()) == 6
    assert spool.append([]) == 0
    [segment] = spool.segments()
    assert spool.status().items == 6
    assert spool.replay(store) == 6
    assert not segment.exists() and spool.replay(store) == 0
    assert store.counts().items == 6


def test_failed_replay_keeps_every_segment_then_replays_exactly_once(tmp_path, store):
    spool = Spool(tmp_path / "spool", batch_size=2)
    items = corpus()
    spool.append(items[:3])
    spool.append(items[3:])
    with pytest.raises(ConnectionError):
        spool.replay(RefusingStore())
    assert len(spool.segments()) == 2
    assert spool.replay(store) == 6
    assert spool.replay(store) == 0
    assert store.search(SearchQuery(limit=100)).total == 6


def test_damaged_lines_are_kept_for_inspection(tmp_path, store):
    spool = Spool(tmp_path / "spool")
    spool.append(corpus()[:2])
    [segment] = spool.segments()
    with open(segment, "a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    assert spool.replay(store) == 2
    assert spool.status().bad_segments == 1 and spool.segments() == []


def test_for_backend_uses_data_dir(settings):
    spool = Spool.for_backend(settings, "elasticsearch")
    assert spool.directory == settings.data_dir / "spool" / "elasticsearch"
    spool.append(corpus()[:1])
    assert not any(p.name.endswith(".tmp") for p in spool.directory.iterdir())
    assert os.stat(spool.segments()[0]).st_size > 0
