"""A thread's row on a forum board page, and its signature: what the row says about the thread's activity.

A board lists each thread in a row that shows its reply count and the time of its last post. When a new post
arrives, the row changes; when it has not changed since the thread was last fetched in a finished crawl, the
thread need not be fetched again (:mod:`crawler.seen_pages`).

The row of a thread link is the nearest ancestor matching ``links.thread_row``; without that selector it is the
largest ancestor that holds no other thread's link (so it always holds the whole row, and a larger region only
makes more threads look changed, never fewer). The signature is the row's text, or, with
``links.thread_activity``, the text of what those selectors pick inside the row (so that a view count, which
the crawler's own visit raises, or a relative "5 minutes ago" do not make every thread look changed). An activity
selector ending in ``::json(EXPRESSION)`` is read on the whole page and paired with the links in order
(:mod:`crawler.json_values`): Flarum's rows are only titles, its page's JSON has each discussion's last post.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crawler import json_values
from crawler.seen_pages import row_signature


def row_signatures(
    page: Any, links: Sequence[tuple[Any, str]], row: str | None, activity: Sequence[str] = ()
) -> list[str | None]:
    """The signature of each ``(link element, thread key)`` of a board page (``None``: no row found, or a
    ``::json(…)`` activity whose values cannot be paired with the links)."""
    from parsel import Selector

    rows = _rows(page, links, row)
    paired = {s: json_values.paired(page, s, len(links)) for s in activity if json_values.split(s) is not None}
    signatures: list[str | None] = []
    for index, found in enumerate(rows):
        if found is None or any(values is None for values in paired.values()):
            signatures.append(None)
            continue
        node = Selector(root=found)
        page_values = {s: values[index] for s, values in paired.items() if values is not None}
        signatures.append(_signature(node, activity, page_values))
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


def _signature(node: Any, activity: Sequence[str], page_values: dict[str, str | None]) -> str | None:
    from crawler.spiders.base import first_text

    if not activity:
        return row_signature(" ".join(node.xpath(".//text()").getall())) or None
    parts = [(page_values[s] if s in page_values else first_text(node, s)) or "" for s in activity]
    return row_signature(" | ".join(parts)) if any(parts) else None
