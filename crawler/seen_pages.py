"""What a recrawl may skip: for each page, the signature it had when it was last fetched in a finished crawl.

A signature is what a listing says about a page without fetching it: a sitemap's ``lastmod``, a feed entry's
date, the text of a forum board's row for a thread (its reply count and last-post time), or the row of a board on
the index (its post count and last post). A page whose listing shows the same signature as at its last fetch has
not changed and is skipped (counted as ``skipped/unchanged``, boards as ``skipped/unchanged_board``); a new page,
or one whose row changed (a new post), is fetched.

A signature that is a day without a time (a sitemap's ``lastmod`` of "2026-12-01", as Django's sitemaps print
it) cannot tell an edit later that day from none: such a page counts as unchanged only when it was last fetched
after that day had ended in every time zone (36 hours after its midnight in UTC). The day is the signature's
last word: the spiders put the extraction digest before it (``"<digest> 2026-12-01"``).

Signatures of the pages fetched in a run are held back until the run ends: they are written only when the
crawl finished without losing items (``commit``), so a crawl that was killed, stopped or failed never makes the
next one skip pages whose items might not have been stored. The file is ``data_dir/state/<source>/seen.sqlite``.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

SCHEMA = "CREATE TABLE IF NOT EXISTS seen (url TEXT PRIMARY KEY, signature TEXT NOT NULL, fetched_at TEXT NOT NULL)"
#: Per forum board, the pages its last whole walk covered (fetched, or skipped as unchanged): what a skipped
#: board stands for in the run's coverage (``skipped/unchanged_covered``, lantern/run_health.py).
SIZES = "CREATE TABLE IF NOT EXISTS sizes (url TEXT PRIMARY KEY, pages INTEGER NOT NULL)"
_DAY_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: How long after a day's midnight in UTC that day has ended everywhere (UTC-12 ends it at noon the next day).
_DAY_ENDED = timedelta(hours=36)


def row_signature(text: str) -> str:
    """A listing row's text as a signature (whitespace collapsed)."""
    return " ".join(text.split())


class SeenPages:
    """The signatures of one source's pages."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute(SCHEMA)
        self.db.execute(SIZES)
        self.pending: dict[str, str] = {}
        self.fetch_times: dict[str, str] = {}
        self.failed: set[str] = set()
        self.counted: dict[str, int] = {}
        self.partial: set[str] = set()

    def unchanged(self, url: str, signature: str | None) -> bool:
        """Whether ``url`` was last fetched with this same signature (no signature: never unchanged)."""
        if not signature:
            return False
        row = self.db.execute("SELECT signature, fetched_at FROM seen WHERE url = ?", (url,)).fetchone()
        if row is None or row[0] != signature:
            return False
        day = signature.rsplit(" ", 1)[-1]  # after the extraction digest the spiders put first
        return not _DAY_ONLY.fullmatch(day) or _after_day(row[1], day)

    def known(self, url: str) -> bool:
        """Whether ``url`` has a signature from a finished run (a board: it was walked whole, nothing failed)."""
        return self.db.execute("SELECT 1 FROM seen WHERE url = ?", (url,)).fetchone() is not None

    def size(self, url: str) -> int:
        """The pages a board's last whole walk covered (0: not known)."""
        row = self.db.execute("SELECT pages FROM sizes WHERE url = ?", (url,)).fetchone()
        return int(row[0]) if row else 0

    def count(self, boards: tuple[str, ...], pages: int = 1) -> None:
        """Count ``pages`` covered under each of these boards in this run."""
        for board in boards:
            self.counted[board] = self.counted.get(board, 0) + pages

    def walked_in_part(self, board: str) -> None:
        """The walk of this board stopped early: its size stays as its last whole walk counted it."""
        self.partial.add(board)

    def fetched(self, url: str, signature: str | None) -> None:
        """Note that ``url`` was fetched while its listing showed ``signature`` (kept until :meth:`commit`)."""
        if signature and url not in self.failed:
            self.pending[url] = signature
            self.fetch_times[url] = _now()

    def forget(self, url: str) -> None:
        """Drop the signature noted for ``url`` in this run (one of its pages could not be fetched)."""
        self.pending.pop(url, None)
        self.failed.add(url)

    def commit(self) -> int:
        """Write the signatures noted in this run (call only when the run finished without losing items), and
        drop those of pages that failed in it (a board with a failed page or thread is walked whole next time)."""
        now = _now()
        with self.db:
            self.db.executemany("DELETE FROM seen WHERE url = ?", [(url,) for url in self.failed])
            self.db.executemany(
                "INSERT INTO seen VALUES (?, ?, ?) ON CONFLICT (url) DO UPDATE SET signature = excluded.signature,"
                " fetched_at = excluded.fetched_at",
                [(url, signature, self.fetch_times.get(url, now)) for url, signature in self.pending.items()],
            )
            self.db.executemany("DELETE FROM sizes WHERE url = ?", [(url,) for url in self.failed])
            self.db.executemany(
                "INSERT OR REPLACE INTO sizes VALUES (?, ?)",
                [(url, n) for url, n in self.counted.items() if url in self.pending and url not in self.partial],
            )
        written = len(self.pending)
        self.pending.clear()
        self.fetch_times.clear()
        return written

    def close(self) -> None:
        """Close the file (signatures not committed are forgotten)."""
        self.db.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _after_day(fetched_at: str, day: str) -> bool:
    """Whether a fetch at ``fetched_at`` came after ``day`` (YYYY-MM-DD) had ended in every time zone."""
    try:
        fetched = datetime.fromisoformat(fetched_at)
        midnight = datetime.fromisoformat(day).replace(tzinfo=UTC)
    except ValueError:
        return False
    if fetched.tzinfo is None:
        fetched = fetched.replace(tzinfo=UTC)
    return fetched >= midnight + _DAY_ENDED
