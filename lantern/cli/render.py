"""Showing stored items to people with rich: hit tables, evidence snippets and texts with every span highlighted.

Offsets in an analysis index the analysed text: ``title + "\\n\\n" + text`` when there is a title, else ``text``
(contracts/README.md). Text only: nothing here fetches or shows media.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from rich.table import Table
from rich.text import Text

from lantern.storage.base import StoredItem, item_date

LEVEL_STYLES = {"high": "bold white on red", "medium": "bold black on yellow", "low": "cyan", "none": "dim"}
SIGNAL_STYLE = "bold black on yellow"
AGE_STYLE = "bold white on red"
LOCATION_STYLE = "bold white on blue"
SNIPPET_CONTEXT = 45


def analysed_text(item: StoredItem | dict[str, Any]) -> str:
    """The text the analysis offsets refer to."""
    title, text = item.get("title") or "", item.get("text") or ""
    return f"{title}\n\n{text}" if title else text


def spans(item: StoredItem | dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, style) of every signal, age and location, valid for the analysed text."""
    analysis = item["analysis"]
    length = len(analysed_text(item))
    found = [(s["start"], s["end"], SIGNAL_STYLE) for s in analysis.get("signals", [])]
    found += [(a["start"], a["end"], AGE_STYLE) for a in analysis.get("ages", [])]
    found += [(loc["start"], loc["end"], LOCATION_STYLE) for loc in analysis.get("locations", [])]
    return [(start, end, style) for start, end, style in found if 0 <= start < end <= length]


def highlighted(item: StoredItem | dict[str, Any]) -> Text:
    """The analysed text with every span styled."""
    text = Text(analysed_text(item))
    for start, end, style in spans(item):
        text.stylize(style, start, end)
    return text


def _evidence(item: StoredItem | dict[str, Any]) -> tuple[int, int] | None:
    """The strongest piece of evidence: the heaviest signal, else the youngest age, else the first location."""
    analysis = item["analysis"]
    if analysis.get("signals"):
        best = max(analysis["signals"], key=lambda s: s.get("weight", 0))
        return best["start"], best["end"]
    if analysis.get("ages"):
        young = min(analysis["ages"], key=lambda a: a["value"])
        return young["start"], young["end"]
    if analysis.get("locations"):
        return analysis["locations"][0]["start"], analysis["locations"][0]["end"]
    return None


def snippet(item: StoredItem | dict[str, Any], context: int = SNIPPET_CONTEXT) -> Text:
    """A line of text around the strongest evidence, with the spans inside it highlighted."""
    full = highlighted(item)
    evidence = _evidence(item)
    if evidence is None:
        start, end = 0, min(len(full), 2 * context)
    else:
        start, end = max(0, evidence[0] - context), min(len(full), evidence[1] + context)
    piece = full[start:end]
    piece.plain = piece.plain.replace("\n", " ")  # keeps the length, so the styles stay in place
    return Text("…" if start else "") + piece + Text("…" if end < len(full) else "")


def local_date(value: str | None, timezone: str, with_time: bool = False) -> str:
    """An ISO date shown in the configured time zone (``-`` when missing)."""
    if not value:
        return "-"
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if when.tzinfo:
        when = when.astimezone(ZoneInfo(timezone))
    return when.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def level_text(level: str) -> Text:
    """A risk level, coloured."""
    return Text(level, style=LEVEL_STYLES.get(level, ""))


def hits_table(items: list[StoredItem], *, total: int, offset: int, timezone: str) -> Table:
    """The search results as a table with one evidence snippet per item."""
    shown = f"{offset + 1}–{offset + len(items)}" if items else "none"
    table = Table(title=f"{total} match(es), showing {shown}", show_lines=True, expand=True)
    for column, options in (
        ("level", {"no_wrap": True}),
        ("score", {"justify": "right"}),
        ("flags", {"max_width": 24}),
        ("date", {"no_wrap": True}),
        ("source", {}),
        ("title", {"max_width": 30}),
        ("id", {"no_wrap": True}),
        ("evidence", {"ratio": 1}),
    ):
        table.add_column(column, **options)
    for item in items:
        risk = item["analysis"]["risk"]
        table.add_row(
            level_text(risk["level"]),
            f"{risk['score']:.2f}",
            ", ".join(item["analysis"].get("flags", [])),
            local_date(item_date(item), timezone),
            item["source"],
            item.get("title") or "",
            item["id"][:12],
            snippet(item),
        )
    return table
