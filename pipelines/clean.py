"""Clean stage: HTML to text with block separators, unicode normalisation, dates to UTC ISO 8601 (``dates.py``)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from bs4 import BeautifulSoup, CData, NavigableString, Tag

from pipelines.dates import DateHints, DateReader, hints_of, parse_date, reader_for

__all__ = ["CleanPipeline", "html_to_text", "normalise_text", "parse_date"]

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


class CleanPipeline:
    """Turn ``body_html`` into ``text``; clean the title, author and dates."""

    def __init__(self, timezone: str, crawler: Any = None) -> None:
        self.timezone = timezone
        self.crawler = crawler
        self._readers: dict[str, DateReader] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanPipeline:
        from pipelines.shared import settings_for

        return cls(settings_for(crawler).timezone, crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        """The cleaned item (``body_html`` is replaced by ``text``)."""
        item["text"] = html_to_text(item.pop("body_html", "") or "")
        item["title"] = normalise_text(item.get("title") or "")
        item["author"] = normalise_text(item["author"]) if item.get("author") else None
        item["posted_at"], item["_date_precision"] = self.date_reader(item).read_precise(
            item.get("posted_at"), item.get("fetched_at")
        )
        if item.get("location_hint"):
            item["location_hint"] = normalise_text(item["location_hint"])
        return item

    def date_reader(self, item: dict[str, Any]) -> DateReader:
        """The date reader of the item's source (its time zone, languages and order; cached per source)."""
        name = item.get("source") or ""
        reader = self._readers.get(name)
        if reader is None:
            source = getattr(getattr(self.crawler, "spider", None), "source", None)
            if source is not None and getattr(source, "name", None) == name:
                reader = reader_for(hints_of(source, self.timezone))
            else:
                reader = reader_for(DateHints(timezone=self.timezone))
            self._readers[name] = reader
        return reader
