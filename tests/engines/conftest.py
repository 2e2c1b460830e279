"""Fixtures of the real-engine tests: one installation and one filled site per engine and session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.engines.engine_sites import EngineSite, start_spirit

SPIRIT_TIMEZONE = "Asia/Manila"


@pytest.fixture(scope="session")
def spirit_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineSite]:
    """Spirit 0.14.3 from PyPI, filled with synthetic posts, serving on 127.0.0.1 in the Manila time zone."""
    site = start_spirit(tmp_path_factory.mktemp("spirit"), SPIRIT_TIMEZONE)
    yield site
    site.stop()
