"""A thread's row on a forum board page, and its signature: what the row says about the thread's activity.

A board lists each thread in a row that shows its reply count and the time of its last post. When a new post
arrives, the row changes; when it has not changed since the thread was last fetched in a finished crawl, the
thread need not be fetched again (:mod:`crawler.seen_pages`).

The row of a thread link is the nearest ancestor matching ``links.thread_row``; without that selector it is the
largest ancestor that holds no other thread's link (so it always holds the whole row, and a larger region only
makes more threads look changed, never fewer). The signature is the row's text, or, with
``links.thread_activity``, the text of what those selectors pick inside the row (so that a view count, which
the crawler's own visit raises, or a relative "5 minutes ago" do not make every thread look changed).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crawler.seen_pages import row_signature


def row_signatures(
    page: Any, links: Sequence[tuple[Any, str]], row: str | None, activity: Sequence[str] = ()
) -> list[str | None]:
    """The signature of each ``(link element, thread key)`` of a board page (``None``: no row found)."""
    from parsel import Selector

    rows = _rows(page, links, row)
    signatures: list[str | None] = []
    for found in rows:
        if found is None:
            signatures.append(None)
            continue
        node = Selector(root=found)
        signatures.append(_signature(node, activity))
    return signatures


def _rows(page: Any, links: Sequence[tuple[Any, str]], row: str | None) -> list[Any]:
    """The row element of each link, or ``None``."""
    if row:
        from crawler.spiders.base import select

        matching = {node.root for node in select(page, row) if not isinstance(node.root, str)}
        return [next((a for a in _ancestors(link) if a in matching), None) for link, _ in links]
    keys: dict[Any, set[str]] = {}
    for link, key in links:
        for ancestor in _ancestors(link):
            keys.setdefault(ancestor, set()).add(key)
    found = []
    for link, _ in links:
        largest = None
        for ancestor in _ancestors(link):
            if len(keys[ancestor]) > 1:
                break
            largest = ancestor
        found.append(largest)
    return found


def _ancestors(link: Any) -> list[Any]:
    root = link.root
    return list(root.iterancestors()) if hasattr(root, "iterancestors") else []


def _signature(node: Any, activity: Sequence[str]) -> str | None:
    from crawler.spiders.base import first_text

    if not activity:
        return row_signature(" ".join(node.xpath(".//text()").getall())) or None
    parts = [first_text(node, selector) or "" for selector in activity]
    return row_signature(" | ".join(parts)) if any(parts) else None
