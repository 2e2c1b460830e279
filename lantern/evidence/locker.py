"""The evidence locker: WARC files of captured responses under ``data_dir/evidence`` and their SQLite index.

Each process appends to a WARC file of its own (``warc/lantern-<UTC time>-<pid>.warc.gz``), one gzip member per
record, so a record can be read back by offset and copied byte for byte. A capture is written as a ``request``
and a ``response`` record (SHA-256 block and payload digests, ``WARC-Concurrent-To`` linking the two); the index
(``index.sqlite``) keeps for every capture its URL, capture time, body SHA-256, file, offset and length, and which
items it is the evidence of. The same body of the same URL is written once, however many items it carries.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from lantern import __version__
from lantern.evidence.capture import Capture

SCHEMA = """
CREATE TABLE IF NOT EXISTS captures (
    record_id   TEXT PRIMARY KEY,
    url         TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    captured_at TEXT NOT NULL,
    warc_file   TEXT NOT NULL,
    offset      INTEGER NOT NULL,
    length      INTEGER NOT NULL,
    status      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS captures_by_body ON captures (url, sha256);
CREATE TABLE IF NOT EXISTS item_captures (
    item_id   TEXT NOT NULL,
    record_id TEXT NOT NULL REFERENCES captures (record_id),
    level     TEXT NOT NULL,
    kept_at   TEXT NOT NULL,
    PRIMARY KEY (item_id, record_id)
);
"""
NOTE = "body as received after content decoding; Content-Encoding removed, Content-Length is the body's"


class SHA256WARCWriter(WARCWriter):
    """warcio's writer with SHA-256 block and payload digests (``sha256:<base32>``) instead of SHA-1."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


@dataclass(frozen=True)
class KeptCapture:
    """One indexed capture, as the export reads it."""

    item_id: str
    record_id: str
    url: str
    sha256: str
    captured_at: str
    warc_file: Path
    offset: int
    length: int
    level: str


class EvidenceLocker:
    """Append-only WARC files with an index; opened per crawl, closed at its end."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        (self.directory / "warc").mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.directory / "index.sqlite", timeout=30)
        self.db.executescript(SCHEMA)
        self._file: BinaryIO | None = None
        self._path: Path | None = None

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> EvidenceLocker:
        """The locker of a data folder (``data_dir/evidence``)."""
        return cls(Path(data_dir) / "evidence")

    def keep(self, item_id: str, level: str, capture: Capture) -> str:
        """Keep ``capture`` as the evidence of ``item_id`` (rated ``level``); the WARC-Record-ID of its response."""
        row = self.db.execute(
            "SELECT record_id FROM captures WHERE url = ? AND sha256 = ?", (capture.url, capture.sha256)
        ).fetchone()
        record_id = row[0] if row else self._write(capture)
        self.db.execute(
            "INSERT OR IGNORE INTO item_captures VALUES (?, ?, ?, ?)",
            (item_id, record_id, level, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        self.db.commit()
        return str(record_id)

    def kept(self, item_ids: Iterable[str] | None = None) -> list[KeptCapture]:
        """The captures of the given items (all items when None), oldest first."""
        sql = (
            "SELECT i.item_id, c.record_id, c.url, c.sha256, c.captured_at, c.warc_file, c.offset, c.length, i.level"
            " FROM item_captures i JOIN captures c USING (record_id)"
        )
        if item_ids is None:
            rows = self.db.execute(sql + " ORDER BY c.captured_at, i.item_id").fetchall()
        else:
            ids = list(dict.fromkeys(item_ids))
            rows = []
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows += self.db.execute(sql + f" WHERE i.item_id IN ({marks})", chunk).fetchall()
            rows.sort(key=lambda r: (r[4], r[0]))
        return [KeptCapture(r[0], r[1], r[2], r[3], r[4], self.directory / r[5], r[6], r[7], r[8]) for r in rows]

    def close(self) -> None:
        """Close the WARC file and the index."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self.db.close()

    def _write(self, capture: Capture) -> str:
        out = self._open()
        writer = SHA256WARCWriter(out, gzip=True)
        offset = out.tell()
        date = capture.captured_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        response = writer.create_warc_record(
            capture.url,
            "response",
            payload=BytesIO(capture.body),
            length=len(capture.body),
            http_headers=StatusAndHeaders(
                f"{capture.status} {_reason(capture.status)}", list(capture.headers), protocol="HTTP/1.1"
            ),
            warc_headers_dict={"WARC-Date": date, "WARC-Lantern-Note": NOTE},
        )
        request = writer.create_warc_record(
            capture.url,
            "request",
            http_headers=StatusAndHeaders(
                f"{capture.method} {_path_of(capture.url)} HTTP/1.1",
                list(capture.request_headers),
                is_http_request=True,
            ),
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_request_response_pair(request, response)
        out.flush()
        os.fsync(out.fileno())
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        assert self._path is not None
        self.db.execute(
            "INSERT INTO captures VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record_id,
                capture.url,
                capture.sha256,
                capture.captured_at.astimezone(UTC).isoformat(timespec="seconds"),
                str(self._path.relative_to(self.directory)),
                offset,
                out.tell() - offset,
                capture.status,
            ),
        )
        return str(record_id)

    def _open(self) -> BinaryIO:
        if self._file is None:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            self._path = self.directory / "warc" / f"lantern-{stamp}-{os.getpid()}.warc.gz"
            self._file = open(self._path, "ab")  # noqa: SIM115  (kept open for the crawl)
            if self._file.tell() == 0:
                SHA256WARCWriter(self._file, gzip=True).write_record(_warcinfo(self._path.name))
        return self._file


def _warcinfo(filename: str) -> Any:
    writer = SHA256WARCWriter(BytesIO(), gzip=True)
    return writer.create_warcinfo_record(filename, {"software": f"Lantern {__version__}", "note": NOTE})


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
