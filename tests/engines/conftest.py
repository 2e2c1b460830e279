"""Fixtures of the real-engine tests: one installation and one filled site per engine and session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.engines.engine_sites import EngineSite, start_classified, start_machina, start_spirit

SPIRIT_TIMEZONE = "Asia/Manila"
MACHINA_TIMEZONE = "Europe/Amsterdam"
CLASSIFIED_TIMEZONE = "Europe/Berlin"


def _served(start: Callable[[Path, str], EngineSite], folder: Path, timezone: str) -> Iterator[EngineSite]:
    site = start(folder, timezone)
    yield site
    site.stop()


@pytest.fixture(scope="session")
def spirit_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineSite]:
    """Spirit 0.14.3 from PyPI, filled with synthetic posts, serving on 127.0.0.1 in the Manila time zone."""
    yield from _served(start_spirit, tmp_path_factory.mktemp("spirit"), SPIRIT_TIMEZONE)


@pytest.fixture(scope="session")
def machina_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineSite]:
    """django-machina 1.3.1 from PyPI, filled with synthetic posts, serving on 127.0.0.1 in Amsterdam time."""
    yield from _served(start_machina, tmp_path_factory.mktemp("machina"), MACHINA_TIMEZONE)


@pytest.fixture(scope="session")
def machina_site_nl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineSite]:
    """The same machina forum in Dutch (``LANGUAGE_CODE = "nl-nl"``): "Door: … op 8 januari 2024 09:24"."""
    site = start_machina(tmp_path_factory.mktemp("machina-nl"), MACHINA_TIMEZONE, "nl-nl")
    yield site
    site.stop()


@pytest.fixture(scope="session")
def machina_site_large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineSite]:
    """A machina forum of real size: 75 topics, 25 in each of two boards and a sub-forum, two listing pages each."""
    site = start_machina(tmp_path_factory.mktemp("machina-large"), MACHINA_TIMEZONE, "en", "large")
    yield site
    site.stop()


@pytest.fixture(scope="session")
def classified_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineSite]:
    """django-classified 1.3 from PyPI, filled with synthetic ads, serving on 127.0.0.1 in Berlin time."""
    yield from _served(start_classified, tmp_path_factory.mktemp("classified"), CLASSIFIED_TIMEZONE)
