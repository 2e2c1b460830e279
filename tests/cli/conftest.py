"""Running the real ``lantern`` command in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

LANTERN = Path(sys.executable).with_name("lantern")


@pytest.fixture
def lantern_cli(tmp_path):
    """``lantern_cli("analyze", "-", input=b"...")`` → CompletedProcess with bytes stdout/stderr."""

    def run(*args: str, input: bytes | None = None, env: dict[str, str] | None = None, **kwargs):
        environment = {**os.environ, "LANTERN_DATA_DIR": str(tmp_path / "data"), **(env or {})}
        return subprocess.run(
            [str(LANTERN), *args], input=input, capture_output=True, env=environment, timeout=300, **kwargs
        )

    return run


def jsonl(*objects: object) -> bytes:
    """JSON Lines bytes of ``objects``."""
    return b"".join(json.dumps(o).encode() + b"\n" for o in objects)


def records(stdout: bytes) -> list[dict]:
    """The records of ``lantern analyze`` output, one per line."""
    return [json.loads(line) for line in stdout.decode().splitlines()]
