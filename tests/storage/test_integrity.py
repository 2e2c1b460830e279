"""The embedded store refuses a damaged, emptied, foreign or newer file with one line, and leaves it as it was;
``lantern store check`` finds damage at any size and ``lantern store backup`` copies a store in use."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from lantern.cli.main import cli
from lantern.storage.base import SearchQuery
from lantern.storage.sqlite.integrity import StoreDamaged, forget
from lantern.storage.sqlite.store import SQLiteStore
from tests.storage.contract import corpus

ITEMS = 1000


def many_items(count: int = ITEMS) -> list[dict]:
    """``count`` valid items (the contract corpus under new ids)."""
    base = corpus()
    return [{**base[n % len(base)], "id": f"item-{n:05d}", "url": f"http://example.org/{n}"} for n in range(count)]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder whose store holds 1,000 items."""
    folder = tmp_path / "data"
    with SQLiteStore(folder / "lantern.db") as store:
        store.upsert(many_items())
    forget(folder / "lantern.db")
    return folder


def truncate(path: Path) -> None:
    path.write_bytes(b"")


def garbage_mid_file(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(bytes((n * 7 + 3) % 256 for n in range(64 * 1024)))


def cut_in_half(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 2 // 4096 * 4096)


def not_sqlite(path: Path) -> None:
    path.write_text("these are my notes, not a database\n" * 200)


def newer_schema(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO schema_version(version) VALUES (99)")
        conn.commit()


def foreign(path: Path) -> None:
    path.unlink()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.commit()


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated-to-0-bytes": (truncate, "empty"),
    "64-KiB-garbage-mid-file": (garbage_mid_file, "damaged"),
    "cut-in-half": (cut_in_half, "cut short"),
    "not-an-sqlite-file": (not_sqlite, "not an SQLite database"),
    "newer-schema": (newer_schema, "schema version 99"),
    "another-database": (foreign, "not a Lantern store"),
}
COMMANDS = {
    "search": ["search", "hotel"],
    "stats": ["stats"],
    "runs": ["runs"],
    "export": ["export", "trends", "--by", "country", "-o", "{tmp}/trends.csv"],
    "show": ["show", "item-00001"],
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_damaged_store_is_refused_in_one_line_and_left_untouched(
    data_dir: Path, tmp_path: Path, damage: str, command: str
) -> None:
    store = data_dir / "lantern.db"
    harm, words = DAMAGE[damage]
    harm(store)
    before = digest(store)
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in COMMANDS[command]]
    result = CliRunner().invoke(cli, args, env={"LANTERN_DATA_DIR": str(data_dir), "LANTERN_TIMEZONE": "UTC"})
    assert result.exit_code == 2, (result.output, result.exception)
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error:") and words in lines[0], result.stderr
    assert len(lines) == 2 and lines[1].startswith("  hint:"), result.stderr
    assert digest(store) == before, "the damaged file was changed"
    assert not (tmp_path / "trends.csv").exists()


@pytest.mark.parametrize("damage", ["truncated-to-0-bytes", "64-KiB-garbage-mid-file"])
def test_a_crawl_on_a_damaged_store_does_not_start(data_dir: Path, damage: str) -> None:
    store = data_dir / "lantern.db"
    DAMAGE[damage][0](store)
    before = digest(store)
    command = [sys.executable, "-m", "lantern", "crawl", "demo-forum", "--no-progress"]
    env = os.environ | {"LANTERN_DATA_DIR": str(data_dir)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr.startswith("Error:") and len(result.stderr.splitlines()) == 2, result.stderr
    assert digest(store) == before, "the damaged file was changed"
    assert not (data_dir / "spool").exists() and not (data_dir / "state").exists()


def test_an_empty_file_is_not_replaced_by_a_new_store(data_dir: Path) -> None:
    store = data_dir / "lantern.db"
    truncate(store)
    with pytest.raises(StoreDamaged, match="empty"):
        SQLiteStore(store)
    assert store.stat().st_size == 0


def test_a_missing_file_is_a_new_store(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "new" / "lantern.db") as store:
        assert store.counts().items == 0


def test_a_sound_store_opens(data_dir: Path) -> None:
    with SQLiteStore(data_dir / "lantern.db", check_max_bytes=0) as store:  # header and schema only
        assert store.search(SearchQuery(limit=1)).total == ITEMS


def test_store_check_says_ok_or_lists_the_damage(data_dir: Path) -> None:
    env = {"LANTERN_DATA_DIR": str(data_dir)}
    sound = CliRunner().invoke(cli, ["store", "check"], env=env)
    assert sound.exit_code == 0 and "ok" in sound.stdout, sound.output
    garbage_mid_file(data_dir / "lantern.db")
    damaged = CliRunner().invoke(cli, ["store", "check"], env=env)
    assert damaged.exit_code == 1 and "damaged" in damaged.stderr, damaged.output


def test_a_backup_is_whole_and_checked_while_a_writer_holds_the_store(data_dir: Path, tmp_path: Path) -> None:
    store = data_dir / "lantern.db"
    writer = sqlite3.connect(store, timeout=1, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE items SET title = 'uncommitted' WHERE id = 'item-00001'")
    target = tmp_path / "backups" / "copy.db"
    target.parent.mkdir()
    try:
        done: list[object] = []
        thread = threading.Thread(
            target=lambda: done.append(CliRunner().invoke(cli, ["store", "backup", str(target)], env={
                "LANTERN_DATA_DIR": str(data_dir)
            }))
        )  # fmt: skip
        thread.start()
        thread.join(60)
        result = done[0]
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    with SQLiteStore(target) as copy:
        assert copy.counts().items == ITEMS
        assert copy.get("item-00001")["title"] != "uncommitted"  # type: ignore[index]
    assert not list(target.parent.glob(".*part"))


def test_a_backup_never_overwrites_the_store(data_dir: Path) -> None:
    store = data_dir / "lantern.db"
    before = digest(store)
    result = CliRunner().invoke(cli, ["store", "backup", str(store)], env={"LANTERN_DATA_DIR": str(data_dir)})
    assert result.exit_code == 2 and "the store itself" in result.stderr, result.output
    assert digest(store) == before
