"""Fixtures for storage tests: a store file and settings pointing at a temporary data folder."""

from __future__ import annotations

import pytest

from lantern.settings import get_settings


@pytest.fixture
def settings(tmp_path):
    """Settings with the data folder in a temporary directory and no Elasticsearch."""
    return get_settings(data_dir=tmp_path / "data", es_url=None)


@pytest.fixture
def store_file(tmp_path):
    """Where a test's store lives."""
    return tmp_path / "lantern.db"
