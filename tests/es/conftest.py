"""Fixtures for the offline Elasticsearch tests."""

from __future__ import annotations

import pytest

from lantern.settings import get_settings


@pytest.fixture
def settings(tmp_path):
    """Settings with a temporary data folder."""
    return get_settings(data_dir=tmp_path / "data", es_url=None)
