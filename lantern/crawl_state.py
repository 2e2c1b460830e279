"""Per-source crawl state: Scrapy's job folder (for resuming) and a marker saying how the last crawl ended.

- A crawl stopped with SIGTERM or Ctrl-C (Scrapy's graceful shutdown) keeps its job folder: the next crawl
  resumes where it stopped, and the pages it fetched count against the source's page budget (so stopping and
  resuming never makes a crawler trap endless).
- A crawl that finished removes it: the next crawl starts over (and finds unchanged pages unchanged).
- A crawl killed hard (``kill -9``, power loss) leaves the ``running`` marker of a dead process: its job folder
  may have lost requests that were in flight, so the next crawl starts over. Items are stored by id, so
  starting over stores every item exactly once.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from lantern.errors import ConfigError


class CrawlState:
    """The state folder of one source under ``data_dir/state/<source>``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.jobdir = folder / "job"
        self.marker = folder / "marker.json"

    def pages_done(self) -> tuple[int, int]:
        """(pages, pages that answered 2xx) of the stopped crawl the next one resumes ((0, 0) when it starts over)."""
        marker = self._read_marker()
        pages, ok = marker.get("pages", 0), marker.get("pages_ok", 0)
        if not (isinstance(pages, int) and isinstance(ok, int) and self.jobdir.is_dir()):
            return 0, 0
        return pages, ok

    def prepare(self, *, fresh: bool = False) -> tuple[bool, str | None]:
        """Get ready for a crawl: (resuming?, run id of a hard-killed previous run to mark failed)."""
        previous = self._read_marker()
        crashed_run: str | None = None
        if previous.get("state") == "running":
            if process_alive(previous.get("pid")):
                raise ConfigError(
                    f"a crawl of this source is already running (pid {previous['pid']})",
                    hint="wait for it, or stop it with SIGTERM; two crawls of one source never run at once",
                )
            crashed_run = str(previous["run_id"]) if previous.get("run_id") else None
            fresh = True
        resume = not fresh and previous.get("state") == "stopped" and self.jobdir.is_dir()
        if not resume and self.jobdir.exists():
            shutil.rmtree(self.jobdir)
        self.folder.mkdir(parents=True, exist_ok=True)
        return resume, crashed_run

    def running(self, run_id: str | None) -> None:
        """Mark the crawl as running in this process."""
        self._write_marker({"state": "running", "pid": os.getpid(), "run_id": run_id})

    def ended(self, status: str, pages: int = 0, pages_ok: int = 0) -> None:
        """Record how the crawl ended (``pages``, ``pages_ok``: fetched so far, for a stopped one); the job folder
        of any other ending is removed, so the next crawl starts over."""
        if status == "stopped":
            self._write_marker({"state": "stopped", "pages": pages, "pages_ok": pages_ok})
            return
        if self.jobdir.exists():
            shutil.rmtree(self.jobdir)
        self._write_marker({"state": status})

    def _read_marker(self) -> dict[str, object]:
        try:
            return json.loads(self.marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _write_marker(self, data: dict[str, object]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.marker.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, self.marker)


def process_alive(pid: object) -> bool:
    """True when ``pid`` is a live process other than this one (a zombie is not alive)."""
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (killed, not yet reaped) is not running
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except (OSError, IndexError):
        return True
