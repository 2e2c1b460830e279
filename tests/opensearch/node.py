"""Real OpenSearch nodes for tests and benchmarks, from the Maven project beside this file.

``mvn -q -f tests/opensearch/pom.xml package`` (run by ``make test``) compiles the launcher and copies the
server's jars from Maven Central into ``target/lib``. :class:`OpenSearchNode` starts one JVM per node on
127.0.0.1 with its data in a folder of its own, waits until the node answers, and stops it by PID.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent
TARGET = PROJECT / "target"
MAIN = "lantern.testnode.LanternNode"
HEAP = os.environ.get("LANTERN_TEST_OPENSEARCH_HEAP", "512m")


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def java() -> str | None:
    """The ``java`` to run nodes with: ``$JAVA_HOME/bin/java`` or the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def built() -> bool:
    """True when the launcher and the server's jars are in ``target/``."""
    return (TARGET / "classes" / "lantern" / "testnode" / "LanternNode.class").exists() and (TARGET / "lib").is_dir()


def build() -> None:
    """Compile the launcher and fetch the jars (Maven)."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise RuntimeError("Maven (mvn) is not installed: it fetches OpenSearch for the tests")
    subprocess.run([mvn, "-q", "-f", str(PROJECT / "pom.xml"), "package"], check=True)


def missing_tools() -> str | None:
    """Why nodes cannot be started here (no JVM, or no build and no Maven), or ``None``."""
    if java() is None:
        return "no Java runtime (java) found"
    if not built() and shutil.which("mvn") is None:
        return "the OpenSearch launcher is not built and Maven (mvn) is not installed"
    return None


@dataclass
class OpenSearchNode:
    """One node: ``start()``, ``stop()``, and ``start()`` again with the same ports and data."""

    home: Path
    name: str = "node-1"
    cluster: str = "lantern-test"
    http_port: int = field(default_factory=free_port)
    transport_port: int = field(default_factory=free_port)
    seeds: tuple[int, ...] = ()  # transport ports of the cluster's nodes; empty: a single-node cluster
    masters: tuple[str, ...] = ()  # names of the cluster-manager-eligible nodes of a new cluster
    roles: str | None = None  # e.g. "data,ingest" for a node that cannot become cluster manager
    process: subprocess.Popen[bytes] | None = None
    started_in: float | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def settings(self) -> list[str]:
        """The node's settings as key=value arguments of the launcher."""
        values = {
            "path.home": self.home,
            "path.data": self.home / "data",
            "path.logs": self.home / "logs",
            "cluster.name": self.cluster,
            "node.name": self.name,
            "network.host": "127.0.0.1",
            "http.port": self.http_port,
            "transport.port": self.transport_port,
            "cluster.routing.allocation.disk.threshold_enabled": "false",
            "action.auto_create_index": "false",
        }
        if self.roles:
            values["node.roles"] = self.roles
        if self.seeds:
            values["discovery.seed_hosts"] = ",".join(f"127.0.0.1:{port}" for port in self.seeds)
            values["cluster.initial_cluster_manager_nodes"] = ",".join(self.masters)
        else:
            values["discovery.type"] = "single-node"
        return [f"{key}={value}" for key, value in values.items()]

    def command(self) -> list[str]:
        """The java command line of this node."""
        classpath = f"{TARGET / 'classes'}{os.pathsep}{TARGET / 'lib' / '*'}"
        memory = [f"-Xms{HEAP}", f"-Xmx{HEAP}", "-XX:+UseSerialGC", "-Xss1m"]
        flags = ["-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-Dlog4j2.disable.jmx=true"]
        return [java() or "java", *memory, *flags, "-cp", classpath, MAIN, *self.settings()]

    def start(self, timeout: float = 120.0, *, wait_for: str = "yellow") -> float:
        """Start the JVM and wait until the node answers (and the cluster is ``wait_for``); returns seconds."""
        if not built():
            build()
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "config").mkdir(exist_ok=True)
        began = time.monotonic()
        log = open(self.home / "node.log", "ab")  # noqa: SIM115 (kept open for the child)
        self.process = subprocess.Popen(self.command(), stdout=log, stderr=log, start_new_session=True)
        while time.monotonic() - began < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"OpenSearch node {self.name} exited with {self.process.returncode}; see {log.name}")
            if self.answers() and (not wait_for or self.health(wait_for)):
                self.started_in = time.monotonic() - began
                return self.started_in
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"OpenSearch node {self.name} did not answer on {self.url} within {timeout}s")

    def answers(self) -> bool:
        """True when the HTTP endpoint responds."""
        try:
            with urllib.request.urlopen(self.url, timeout=2) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def health(self, status: str = "yellow", timeout: str = "1s") -> dict[str, object] | None:
        """The cluster health once it is at least ``status``, or ``None`` when it is not (yet)."""
        url = f"{self.url}/_cluster/health?wait_for_status={status}&timeout={timeout}"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                found = json.loads(response.read())
        except (urllib.error.URLError, OSError):
            return None
        return None if found.get("timed_out") else found

    def rss_bytes(self) -> int | None:
        """The resident memory of the node's JVM."""
        if self.process is None:
            return None
        with contextlib.suppress(OSError), open(f"/proc/{self.process.pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return None

    def stop(self, *, hard: bool = False) -> None:
        """Stop the JVM by PID (SIGTERM closes the node cleanly; SIGKILL when ``hard`` or after 30 s)."""
        if self.process is None:
            return
        first = signal.SIGKILL if hard else signal.SIGTERM
        for sig, wait in ((first, 30), (signal.SIGKILL, 10)):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, sig)
            try:
                self.process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        self.process = None


def cluster(root: Path, size: int = 2, cluster_name: str = "lantern-faults") -> list[OpenSearchNode]:
    """``size`` nodes (not started) that form one cluster: the first is the cluster manager (and holds data),
    the others hold data only, so any of them can be stopped without losing the cluster manager."""
    names = [f"node-{i + 1}" for i in range(size)]
    ports = tuple(free_port() for _ in names)
    return [
        OpenSearchNode(
            root / name,
            name=name,
            cluster=cluster_name,
            transport_port=port,
            seeds=ports,
            masters=(names[0],),
            roles=None if i == 0 else "data,ingest",
        )
        for i, (name, port) in enumerate(zip(names, ports, strict=True))
    ]
