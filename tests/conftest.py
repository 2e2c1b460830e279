"""Shared fixtures. Tests use real parts: the real analyzer, real files, real processes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# One compiled-gazetteer cache for the whole run (and later runs), shared with CLI subprocesses.
os.environ.setdefault("LANTERN_CACHE_DIR", str(Path(tempfile.gettempdir()) / "lantern-test-cache"))

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def analyzer():
    """The default analyzer, built once per test session."""
    from lantern.settings import get_settings
    from nlp.analyzer import Analyzer

    return Analyzer.from_settings(get_settings())


@pytest.fixture
def analyze(analyzer):
    """Analyse one text: ``analyze("text", title=None, posted_at=None)`` → the record's ``analysis``."""

    def run(text: str, **fields):
        item = {"id": "t", "text": text, **{k: v for k, v in fields.items() if v is not None}}
        return analyzer.analyze(item)["analysis"]

    return run


from lantern.fixtures.testing import fixture_sites, fresh_fixture_sites  # noqa: E402, F401  (shared fixtures)
from tests.opensearch.fixtures import opensearch_node, opensearch_settings, opensearch_store  # noqa: E402, F401
