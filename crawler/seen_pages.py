"""What a recrawl may skip: for each page, the signature it had when it was last fetched in a finished crawl.

A signature is what a listing says about a page without fetching it: a sitemap's ``lastmod``, a feed entry's
date, or the text of a forum board's row for a thread (its reply count and last-post time). A page whose listing
shows the same signature as at its last fetch has not changed and is skipped (counted as
``skipped/unchanged``); a new page, or one whose row changed (a new post), is fetched.

Signatures of the pages fetched in a run are held back until the run ends: they are written only when the
crawl finished without losing items (``commit``), so a crawl that was killed, stopped or failed never makes the
next one skip pages whose items might not have been stored. The file is ``data_dir/state/<source>/seen.sqlite``.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

SCHEMA = "CREATE TABLE IF NOT EXISTS seen (url TEXT PRIMARY KEY, signature TEXT NOT NULL, fetched_at TEXT NOT NULL)"


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
        self.pending: dict[str, str] = {}
        self.failed: set[str] = set()

    def unchanged(self, url: str, signature: str | None) -> bool:
        """Whether ``url`` was last fetched with this same signature (no signature: never unchanged)."""
        if not signature:
            return False
        row = self.db.execute("SELECT signature FROM seen WHERE url = ?", (url,)).fetchone()
        return row is not None and row[0] == signature

    def fetched(self, url: str, signature: str | None) -> None:
        """Note that ``url`` was fetched while its listing showed ``signature`` (kept until :meth:`commit`)."""
        if signature and url not in self.failed:
            self.pending[url] = signature

    def forget(self, url: str) -> None:
        """Drop the signature noted for ``url`` in this run (one of its pages could not be fetched)."""
        self.pending.pop(url, None)
        self.failed.add(url)

    def commit(self) -> int:
        """Write the signatures noted in this run (call only when the run finished without losing items)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db:
            self.db.executemany(
                "INSERT INTO seen VALUES (?, ?, ?) ON CONFLICT (url) DO UPDATE SET signature = excluded.signature,"
                " fetched_at = excluded.fetched_at",
                [(url, signature, now) for url, signature in self.pending.items()],
            )
        written = len(self.pending)
        self.pending.clear()
        return written

    def close(self) -> None:
        """Close the file (signatures not committed are forgotten)."""
        self.db.close()
