"""Clean stage: HTML to text with block separators, unicode normalisation, dates to ISO 8601."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, CData, NavigableString, Tag

BLOCK_TAGS = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "header",
    "footer",
    "aside",
    "dd",
    "dt",
    "dl",
    "hr",
]
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "img", "video", "audio")
_BLOCK = frozenset(BLOCK_TAGS)
_DROP = frozenset(DROP_TAGS)
_TEXT_TYPES = (NavigableString, CData)
DATE_FORMATS = ("%d-%m-%Y %H:%M", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y", "%d %B %Y", "%B %d, %Y")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # category Cc except tab and line feed
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(html: str) -> str:
    """Readable text of an HTML fragment: blocks on their own lines, spaces collapsed, NFC normalised.

    One walk over the parsed tree (an explicit stack, so hostile nesting cannot exhaust the recursion limit):
    text of dropped elements (scripts, media, …) and comments is left out, block elements end lines.
    """
    if not html:
        return ""
    parts: list[str] = []
    stack: list[Any] = [iter(BeautifulSoup(html, "lxml").children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if isinstance(child, Tag):
            if child.name in _DROP:
                continue
            if child.name in _BLOCK:
                parts.append("\n")
                stack.append(_closing(child.children))
            else:
                stack.append(iter(child.children))
        elif type(child) in _TEXT_TYPES:
            parts.append(child)
    return normalise_text("".join(parts))


def _closing(children: Any) -> Any:
    """The children of a block element, then the line break that ends it."""
    yield from children
    yield NavigableString("\n")


def normalise_text(text: str) -> str:
    """NFC, no control characters, single spaces, one block per line, no blank lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def parse_date(value: str | None, timezone: str = "UTC") -> str | None:
    """ISO 8601 (UTC) of a date as sites write it, or ``None`` when it cannot be read."""
    if not value:
        return None
    value = value.strip()
    parsed = _parse_any(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(timezone))
    return parsed.astimezone(UTC).isoformat(timespec="seconds")


def _parse_any(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


class CleanPipeline:
    """Turn ``body_html`` into ``text``; clean the title, author and dates."""

    def __init__(self, timezone: str) -> None:
        self.timezone = timezone

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanPipeline:
        from lantern.settings import get_settings

        return cls(get_settings().timezone)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        """The cleaned item (``body_html`` is replaced by ``text``)."""
        item["text"] = html_to_text(item.pop("body_html", "") or "")
        item["title"] = normalise_text(item.get("title") or "")
        item["author"] = normalise_text(item["author"]) if item.get("author") else None
        item["posted_at"] = parse_date(item.get("posted_at"), self.timezone)
        if item.get("location_hint"):
            item["location_hint"] = normalise_text(item["location_hint"])
        return item
