"""``lantern evidence export``: the kept records of chosen items in one WARC file, with a manifest.

The records are copied byte for byte from the locker's WARC files (their digests stay what they were at capture
time) after each body's SHA-256 has been recomputed and compared with the index: a record that does not match
stops the export. The output starts with a ``warcinfo`` record and ends with a ``resource`` record holding the
manifest (``urn:lantern:manifest``, JSON: item id, URL, capture time, SHA-256, WARC-Record-ID); the same manifest
is written beside the file as ``<output>.manifest.json``. Both are written under a temporary name and renamed.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from lantern import __version__
from lantern.errors import LanternError
from lantern.evidence.locker import EvidenceLocker, KeptCapture, SHA256WARCWriter


class EvidenceError(LanternError):
    """Evidence that cannot be exported: unknown items, a damaged record, an unwritable output."""

    exit_code = 2


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    manifest_path: Path
    entries: list[dict[str, Any]]


def export_evidence(locker: EvidenceLocker, item_ids: Sequence[str], output: Path) -> ExportResult:
    """Write the evidence of ``item_ids`` to ``output`` (a ``.warc.gz``) and its manifest beside it."""
    kept = locker.kept(item_ids)
    missing = sorted(set(item_ids) - {k.item_id for k in kept})
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise EvidenceError(f"no evidence kept for {shown} (only items rated medium or high keep their page)")
    entries = [_entry(k) for k in kept]
    manifest = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "software": f"Lantern {__version__}",
        "items": entries,
    }
    output = Path(output)
    manifest_path = output.with_name(output.name + ".manifest.json")
    temporary = output.with_name(f".{output.name}.{os.getpid()}.part")
    try:
        with open(temporary, "wb") as out:
            writer = SHA256WARCWriter(out, gzip=True)
            writer.write_record(writer.create_warcinfo_record(output.name, {"software": manifest["software"]}))
            copied: set[str] = set()
            for capture in kept:
                if capture.record_id not in copied:
                    out.write(_verified_span(capture))
                    copied.add(capture.record_id)
            body = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
            writer.write_record(
                writer.create_warc_record(
                    "urn:lantern:manifest",
                    "resource",
                    payload=BytesIO(body),
                    length=len(body),
                    warc_content_type="application/json",
                )
            )
        _write_text(manifest_path, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        os.replace(temporary, output)
    except OSError as exc:
        raise EvidenceError(f"cannot write {output}: {exc.strerror or exc}") from exc
    finally:
        temporary.unlink(missing_ok=True)
    return ExportResult(output, manifest_path, entries)


def _entry(capture: KeptCapture) -> dict[str, Any]:
    return {
        "item_id": capture.item_id,
        "url": capture.url,
        "captured_at": capture.captured_at,
        "sha256": capture.sha256,
        "warc_record_id": capture.record_id,
        "level": capture.level,
    }


def _verified_span(capture: KeptCapture) -> bytes:
    """The bytes of a kept response and request pair, after checking the body's SHA-256 against the index."""
    try:
        with open(capture.warc_file, "rb") as source:
            source.seek(capture.offset)
            span = source.read(capture.length)
    except OSError as exc:
        raise EvidenceError(f"cannot read the evidence file {capture.warc_file}: {exc.strerror or exc}") from exc
    try:
        for record in ArchiveIterator(BytesIO(span)):
            if record.rec_type == "response":
                digest = hashlib.sha256(record.content_stream().read()).hexdigest()
                if digest == capture.sha256:
                    return span
                break
    except (OSError, ValueError, EOFError, ArchiveLoadFailed, zlib.error) as exc:
        kind = type(exc).__name__
        raise EvidenceError(
            f"the evidence record of {capture.url} is damaged ({kind}) in {capture.warc_file}"
        ) from None
    raise EvidenceError(f"the evidence record of {capture.url} does not match its SHA-256 ({capture.sha256})")


def _write_text(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
