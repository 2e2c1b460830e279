"""Field-coverage alerts with real crawls: a source whose date selector stops matching (a site redesign) ends
``degraded`` with the fall named, shows its field shares, and exits 4 when the source asks for it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lantern.fixtures.server import FixtureSites
from tests.crawler.crawling import CrawlSetup, setup_for

pytestmark = pytest.mark.slow
SOURCE = "demo-forum"


def runs(setup: CrawlSetup) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-m", "lantern", "runs", "--json"], env=setup.env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def break_dates(setup: CrawlSetup, *, alert: bool) -> None:
    path = setup.sources_dir / f"{SOURCE}.yml"
    data = yaml.safe_load(path.read_text())
    data["fields"]["posted_at"] = "time.no-such-class::attr(datetime)"
    data["coverage_alert"] = alert
    path.write_text(yaml.safe_dump(data))


def test_a_field_that_vanishes_is_named_and_exits_4_when_the_source_asks(
    tmp_path: Path, fixture_sites: FixtureSites
) -> None:
    setup = setup_for(fixture_sites, tmp_path)
    first = setup.crawl(SOURCE)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "fields: title 100% · body 100%" in first.stderr
    break_dates(setup, alert=False)
    warned = setup.crawl(SOURCE, "--fresh")
    assert warned.returncode == 0, warned.stderr[-2000:]
    assert "field coverage fell against the recent runs: date 100% → 0%" in warned.stderr
    latest = runs(setup)[0]
    assert latest["status"] == "degraded" and "date 100% → 0%" in " ".join(latest["reasons"])  # type: ignore[arg-type]
    break_dates(setup, alert=True)
    alerted = setup.crawl(SOURCE, "--fresh")
    assert alerted.returncode == 4, alerted.stderr[-2000:]
