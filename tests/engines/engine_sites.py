"""Real forum engines from PyPI on 127.0.0.1, for the preset tests (marker ``engines``).

Each engine is installed once into its own virtual environment under ``LANTERN_CACHE_DIR/engines/`` (with pip
from PyPI: nothing else is downloaded), set up in a fresh folder per test session with the engine's own
commands, filled through its own models, and served by its own server on a free port.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.engines.django_project import write_project

HERE = Path(__file__).resolve().parent
SPIRIT = "django-spirit==0.14.3"
MACHINA = ("django-machina==1.3.1", "Django>=4.2,<6")
CLASSIFIED = ("django-classified==1.3", "Django>=5.2,<6.1")


def cache_dir() -> Path:
    """Where engine installations are kept between runs."""
    return Path(os.environ.get("LANTERN_CACHE_DIR", Path.home() / ".cache" / "lantern")) / "engines"


def engine_venv(name: str, *requirements: str) -> Path:
    """A virtual environment with the requirements installed (once; a stamp file names what is in it)."""
    venv = cache_dir() / name
    stamp = venv / ".installed"
    wanted = "\n".join(requirements)
    if stamp.is_file() and stamp.read_text() == wanted:
        return venv
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, *requirements], check=True, timeout=900)
    stamp.write_text(wanted)
    return venv


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Until the URL answers (or the server died, or time ran out)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the engine's server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@dataclass
class EngineSite:
    """A running engine: its URL, the ground truth of its posts, its server process."""

    url: str
    truth: list[dict[str, Any]]
    process: subprocess.Popen[bytes]
    folder: Path
    env: dict[str, str] = field(default_factory=dict)

    def run_script(self, script: Path, *args: str) -> str:
        """Run a script with the engine's Python in its project (Django settings selected); its output."""
        python = Path(self.env["PATH"].split(os.pathsep)[0]) / "python"
        done = subprocess.run(
            [str(python), str(script), *args],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return done.stdout

    def stop(self) -> None:
        """Stop the server."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_spirit(folder: Path, timezone: str) -> EngineSite:
    """Spirit: ``spirit startproject``, ``migrate``, filled by ``spirit_fill.py``, ``runserver`` on a free port."""
    venv = engine_venv("spirit-0.14.3", SPIRIT)
    env = _engine_env(venv)
    subprocess.run(
        [str(venv / "bin" / "spirit"), "startproject", "forumsite"],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    project = folder / "forumsite"
    port = free_port()
    (project / "forumsite" / "settings" / "lantern_test.py").write_text(
        "from .dev import *  # noqa: F403\n"
        f"TIME_ZONE = {timezone!r}\n"
        f"ST_SITE_URL = 'http://127.0.0.1:{port}/'\n"
        "HAYSTACK_SIGNAL_PROCESSOR = 'haystack.signals.BaseSignalProcessor'\n"
        "ST_RATELIMIT_ENABLE = False\n"
    )
    env |= {"DJANGO_SETTINGS_MODULE": "forumsite.settings.lantern_test", "PYTHONPATH": str(project)}
    return _django_site(venv, project, env, (HERE / "spirit_fill.py",), port, "")


def start_machina(folder: Path, timezone: str, language: str = "en", size: str = "") -> EngineSite:
    """django-machina: the project of its "Getting started", ``migrate``, ``machina_fill.py``, ``runserver``.

    ``language`` is the site's ``LANGUAGE_CODE`` (``nl-nl`` for machina's Dutch catalogue ``nl_NL``); ``size``
    ``large`` fills a forum of real size (see ``machina_fill.py``).
    """
    from tests.engines import machina_project

    venv = engine_venv("machina-1.3.1", *MACHINA)
    project = folder / "machinasite"
    selected = write_project(
        project, "forumsite", machina_project.SETTINGS, machina_project.URLS, timezone=timezone, language=language
    )
    env = _engine_env(venv) | selected
    return _django_site(venv, project, env, (HERE / "machina_fill.py", size), free_port(), "forum/")


def start_classified(folder: Path, timezone: str) -> EngineSite:
    """django-classified: its README's "Installation", ``migrate``, ``classified_fill.py``, ``runserver``."""
    from tests.engines import classified_project

    venv = engine_venv("classified-1.3", *CLASSIFIED)
    project = folder / "classifiedsite"
    selected = write_project(
        project, "adsite", classified_project.SETTINGS, classified_project.URLS, timezone=timezone, language="en-us"
    )
    env = _engine_env(venv) | selected
    port = free_port()
    return _django_site(venv, project, env, (HERE / "classified_fill.py", f"127.0.0.1:{port}"), port, "")


def _engine_env(venv: Path) -> dict[str, str]:
    """The environment of an engine's commands: its venv first on PATH, none of Lantern's Python path."""
    env = os.environ | {"PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("PYTHONPATH", None)
    return env


def _django_site(
    venv: Path, project: Path, env: dict[str, str], fill: tuple[Path | str, ...], port: int, prefix: str
) -> EngineSite:
    """``migrate``, the fill script and its arguments (its JSON is the ground truth), then ``runserver``."""
    python = str(venv / "bin" / "python")
    run = {"cwd": project, "env": env, "check": True, "capture_output": True, "timeout": 300}
    subprocess.run([python, "manage.py", "migrate", "--noinput"], **run)  # type: ignore[call-overload]
    command = [python, *(str(part) for part in fill if part)]
    filled = subprocess.run(command, text=True, **run)  # type: ignore[call-overload]
    process = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/{prefix}"
    wait_for(url, process)
    return EngineSite(url=url, truth=json.loads(filled.stdout), process=process, folder=project, env=env)
