"""Evidence capture end to end: a real crawl of the fixture sites keeps the page behind every medium or high item
as a WARC record; ``lantern evidence export`` writes them with a manifest that warcio reads back and checks."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from warcio.archiveiterator import ArchiveIterator

from lantern.evidence.capture import capture_of
from lantern.evidence.locker import EvidenceLocker
from lantern.fixtures.server import FixtureSites
from tests.crawler.crawling import SOURCES, CrawlSetup, setup_for

FLAGGED = ("medium", "high")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, fixture_sites: FixtureSites) -> CrawlSetup:
    setup = setup_for(fixture_sites, tmp_path_factory.mktemp("evidence"))
    for name in SOURCES:
        run = setup.crawl(name)
        assert run.returncode == 0, run.stderr[-3000:]
    return setup


def lantern(setup: CrawlSetup, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lantern", *args], env=setup.env, capture_output=True, text=True, timeout=120
    )


def flagged_ids(setup: CrawlSetup) -> set[str]:
    return {item["id"] for item in setup.stored() if item["analysis"]["risk"]["level"] in FLAGGED}


def kept(setup: CrawlSetup):  # type: ignore[no-untyped-def]
    locker = EvidenceLocker.for_data_dir(setup.data_dir)
    try:
        return locker.kept()
    finally:
        locker.close()


def test_every_medium_and_high_item_keeps_its_page_and_no_other_does(crawled: CrawlSetup) -> None:
    flagged = flagged_ids(crawled)
    assert flagged, "the fixture sites hold items rated medium or high"
    assert {k.item_id for k in kept(crawled)} == flagged


def test_the_kept_records_are_html_responses_with_sha256_digests(crawled: CrawlSetup) -> None:
    responses = 0
    for path in sorted((crawled.data_dir / "evidence" / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, check_digests=True):
                body = record.content_stream().read()
                assert not record.digest_checker.problems
                if record.rec_type == "response":
                    responses += 1
                    assert record.http_headers.get_header("Content-Type").startswith("text/html")
                    assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha256:")
                    assert len(body) == int(record.http_headers.get_header("Content-Length"))
    assert responses == len({k.record_id for k in kept(crawled)})


def test_export_reads_back_with_warcio_and_every_hash_matches_the_manifest(crawled: CrawlSetup, tmp_path: Path) -> None:
    ids = sorted(flagged_ids(crawled))[:5]
    out = tmp_path / "case.warc.gz"
    run = lantern(crawled, "evidence", "export", *ids, "-o", str(out))
    assert run.returncode == 0, run.stderr
    manifest = json.loads((tmp_path / "case.warc.gz.manifest.json").read_text())
    assert {entry["item_id"] for entry in manifest["items"]} == set(ids)
    by_record = {entry["warc_record_id"]: entry for entry in manifest["items"]}
    seen, inner = set(), None
    with open(out, "rb") as stream:
        for record in ArchiveIterator(stream, check_digests=True):
            body = record.content_stream().read()
            assert not record.digest_checker.problems
            if record.rec_type == "response":
                entry = by_record[record.rec_headers.get_header("WARC-Record-ID")]
                assert hashlib.sha256(body).hexdigest() == entry["sha256"]
                assert record.rec_headers.get_header("WARC-Target-URI") == entry["url"]
                seen.add(entry["warc_record_id"])
            elif record.rec_type == "resource":
                inner = json.loads(body)
    assert seen == set(by_record)
    assert inner == manifest
    check = subprocess.run(
        [str(Path(sys.executable).with_name("warcio")), "check", "-v", str(out)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_exporting_an_item_without_evidence_is_one_clear_line(crawled: CrawlSetup, tmp_path: Path) -> None:
    unflagged = next(i["id"] for i in crawled.stored() if i["analysis"]["risk"]["level"] not in FLAGGED)
    out = tmp_path / "case.warc.gz"
    run = lantern(crawled, "evidence", "export", unflagged, "-o", str(out))
    assert run.returncode == 2
    assert "no evidence kept for" in run.stderr and "Traceback" not in run.stderr
    assert not out.exists()


def test_a_damaged_record_stops_the_export(crawled: CrawlSetup, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(crawled.data_dir / "evidence", copy / "evidence")
    first = kept(crawled)[0]
    warc = copy / "evidence" / first.warc_file.relative_to(crawled.data_dir / "evidence")
    data = bytearray(warc.read_bytes())
    data[first.offset + first.length // 2] ^= 0xFF
    warc.write_bytes(bytes(data))
    setup = CrawlSetup(copy, crawled.sources_dir)
    run = lantern(setup, "evidence", "export", first.item_id, "-o", str(tmp_path / "case.warc.gz"))
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr[-800:]
    assert "damaged" in run.stderr or "does not match" in run.stderr


def test_only_html_responses_are_ever_captured() -> None:
    request = Request("http://127.0.0.1/page")
    page = HtmlResponse(
        request.url, body=b"<p>text</p>", headers={"Content-Type": "text/html; charset=utf-8"}, request=request
    )
    assert capture_of(page) is not None
    for content_type in ("image/jpeg", "video/mp4", "audio/mpeg", "application/octet-stream", "text/plain"):
        other = Response(request.url, body=b"\xff\xd8\xff", headers={"Content-Type": content_type}, request=request)
        assert capture_of(other) is None, content_type
    assert capture_of(TextResponse(request.url, body=b"x", request=request)) is None
