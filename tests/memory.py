"""Peak memory of a command the tests run as a user runs it (Linux ``/proc``)."""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


def peak_rss_mb(pid: int) -> float:
    """The process's high-water mark of resident memory so far (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Watched:
    """How a watched command ended: exit status, standard error, peak memory and wall time."""

    returncode: int
    stderr: str
    peak_mb: float
    seconds: float


def run_watched(command: list[str], env: dict[str, str]) -> Watched:
    """Run ``command`` to its end, sampling its peak resident memory every 0.1 s."""
    started, peak = time.monotonic(), 0.0
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    while process.poll() is None:
        peak = max(peak, peak_rss_mb(process.pid))
        time.sleep(0.1)
    stderr = process.stderr.read() if process.stderr else ""
    return Watched(process.returncode, stderr, peak, time.monotonic() - started)
