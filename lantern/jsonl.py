"""Reading JSON Lines safely: bounded line length, strict UTF-8, and problems reported by line number.

Never raises on bad content: every line comes out either as a parsed object or as an :class:`InvalidLine` that
says what is wrong, so callers decide whether to stop or skip.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

_PREVIEW = 60
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
# Every byte but the odd ones: deleting these leaves the odd control bytes of a line (bytes.translate).
_NOT_ODD = bytes(byte for byte in range(256) if byte >= 0x20 or byte in _TEXT_CONTROLS)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]", re.ASCII)


@dataclass(frozen=True, slots=True)
class InvalidLine:
    """A line that cannot be used, and why."""

    number: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.number}: {self.reason}"


def read_objects(stream: IO[bytes], max_line_bytes: int) -> Iterator[tuple[int, dict[str, Any] | InvalidLine]]:
    """Yield ``(line number, object or InvalidLine)`` for every non-blank line of a binary stream."""
    number = 0
    while True:
        raw, too_long = _read_line(stream, max_line_bytes)
        if raw is None:
            return
        number += 1
        if too_long:
            yield (
                number,
                InvalidLine(
                    number,
                    f"line is longer than {max_line_bytes:,} bytes (the limit, LANTERN_ANALYZE_MAX_LINE_BYTES)",
                ),
            )
            continue
        if not raw.strip():
            continue
        yield number, _parse(number, raw)


def _read_line(stream: IO[bytes], limit: int) -> tuple[bytes | None, bool]:
    """One line (without reading more than ``limit`` bytes of it into memory) and whether it was too long."""
    line = stream.readline(limit + 1)
    if not line:
        return None, False
    if len(line) <= limit or line.endswith(b"\n"):
        return line, False
    while True:  # discard the rest of an over-long line, a block at a time
        rest = stream.readline(1 << 20)
        if not rest or rest.endswith(b"\n"):
            return b"", True


def _looks_binary(raw: bytes) -> bool:
    """NUL bytes, or a line that starts with bytes no text file has (control bytes, undecodable bytes)."""
    if b"\x00" in raw:
        return True
    head = raw[:512].rstrip(b"\r\n")
    odd = len(head.translate(None, _NOT_ODD))  # the control bytes other than _TEXT_CONTROLS
    odd += len(head) - len(head.decode("utf-8", errors="ignore").encode())
    return bool(head) and odd * 10 > len(head)


def _parse(number: int, raw: bytes) -> dict[str, Any] | InvalidLine:
    if _looks_binary(raw):
        return InvalidLine(number, "looks like a binary file (control bytes or NULs), not JSON Lines text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InvalidLine(number, f"is not UTF-8 text (byte {exc.start + 1} cannot be decoded); save it as UTF-8")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        preview = text.strip()[:_PREVIEW]
        return InvalidLine(number, f"is not valid JSON ({exc.msg} at column {exc.colno}): {preview!r}")
    except RecursionError:
        return InvalidLine(number, "is JSON nested too deeply to read")
    if not isinstance(value, dict):
        return InvalidLine(number, f"is a JSON {type(value).__name__}, expected an object with 'id' and 'text'")
    if _SURROGATE_ESCAPE.search(text) and (where := _lone_surrogate(value)):
        return InvalidLine(number, f"has a lone surrogate escape in {where} (not a character; UTF-8 cannot hold it)")
    return value


def _lone_surrogate(value: object) -> str | None:
    """Where a string of a parsed value holds half of a surrogate pair (``"\\ud800"``), or ``None``."""
    stack: list[tuple[str, object]] = [("the line", value)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                return where
        elif isinstance(node, dict):
            stack.extend((f"a key of {where}", key) for key in node)
            stack.extend((repr(key), item) for key, item in node.items())
        elif isinstance(node, list):
            stack.extend((where, item) for item in node)
    return None
