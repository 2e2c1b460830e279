"""Running the noida-db Elasticsearch emulator (``.venv/bin/noida-db``) on a free 127.0.0.1 port for tests.

It answers the Elasticsearch 8 API closely enough for wire-level tests; see issue 4 for what it gets wrong
(geo and composite aggregations, date_histogram time zones, scores). Never take a pass here as proof for Kibana.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BINARY = Path(sys.executable).parent / "noida-db"


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def available() -> str | None:
    """The noida-db executable, or ``None``."""
    return str(BINARY) if BINARY.exists() else shutil.which("noida-db")


class Emulator:
    """One emulator process: ``start()``, ``stop()`` and ``start()`` again on the same port and data."""

    def __init__(self, data_dir: Path, port: int | None = None) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> float:
        """Start and wait until it answers; returns the seconds it took."""
        began = time.monotonic()
        command = [available() or "noida-db", "start", "--only", "elasticsearch", "--host", "127.0.0.1"]
        command += ["--elasticsearch-port", str(self.port), "--data-dir", str(self.data_dir)]
        log = open(self.data_dir.parent / f"noida-{self.port}.log", "ab")  # noqa: SIM115 (kept open for the child)
        self.process = subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True)
        while time.monotonic() - began < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"noida-db exited with {self.process.returncode}; see {log.name}")
            if self.answers():
                return time.monotonic() - began
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"noida-db did not answer on {self.url} within {timeout}s")

    def answers(self) -> bool:
        """True when the HTTP endpoint responds."""
        try:
            with urllib.request.urlopen(self.url, timeout=1) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        """Stop the process group (Ctrl-C, as noida-db expects, then harder) and wait until the port is closed."""
        if self.process is None:
            return
        for sig, wait in ((signal.SIGINT, 10), (signal.SIGKILL, 10)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        with contextlib.suppress(ProcessLookupError):  # the server binary, if it outlived its launcher
            os.killpg(self.process.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while self.answers() and time.monotonic() < deadline:
            time.sleep(0.05)
