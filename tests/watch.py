"""Watch a command the tests run as a user runs it: its peak memory and any port it listens on (Linux ``/proc``)."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

LISTEN = "0A"  # the TCP state LISTEN in /proc/net/tcp


def peak_rss_mb(pid: int) -> float:
    """The process's high-water mark of resident memory so far (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def listening_ports(pid: int) -> set[int]:
    """TCP ports the process holds a listening socket on (an empty set once it is gone)."""
    try:
        sockets = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
        inodes = {link[len("socket:[") : -1] for link in sockets if link.startswith("socket:[")}
        ports = set()
        for table in ("tcp", "tcp6"):
            for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
                columns = line.split()
                if columns[3] == LISTEN and columns[9] in inodes:
                    ports.add(int(columns[1].rsplit(":", 1)[1], 16))
    except OSError:  # the process ended while we looked
        return set()
    return ports


@dataclass
class Watched:
    """How a watched command ended: exit status, standard error, peak memory, wall time, ports it listened on."""

    returncode: int
    stderr: str
    peak_mb: float
    seconds: float
    listened: set[int] = field(default_factory=set)


def run_watched(command: list[str], env: dict[str, str]) -> Watched:
    """Run ``command`` to its end, sampling its peak memory and listening sockets every 0.1 s."""
    started, peak, listened = time.monotonic(), 0.0, set()
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    while process.poll() is None:
        peak = max(peak, peak_rss_mb(process.pid))
        listened |= listening_ports(process.pid)
        time.sleep(0.1)
    stderr = process.stderr.read() if process.stderr else ""
    return Watched(process.returncode, stderr, peak, time.monotonic() - started, listened)
