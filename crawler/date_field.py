"""The date of a post or page as the site wrote it: a ``<time datetime>`` when there is one, else the text.

Sites often print a friendly date ("2 hours ago", "8 Jan") and keep the exact one in an attribute. The date
field's selector may point at an attribute itself (``.post-date::attr(title)``); when it picks elements, a
``datetime`` attribute on them or on a ``<time>`` inside them is preferred over their text. Reading the string
into an instant is the clean stage's work (``pipelines/dates.py``).
"""

from __future__ import annotations

from typing import Any

_TIME_IN = "descendant-or-self::time[@datetime]/@datetime"


def date_text(node: Any, selector: str | None) -> str | None:
    """The date string of ``node``: the selected attribute or text, a ``<time datetime>`` preferred.

    Without a selector, the first ``<time datetime>`` inside the node, else ``None``.
    """
    from crawler.spiders.base import first_text, select

    if not selector:
        return _first(node.xpath(_TIME_IN).getall())
    if "::" in selector:
        return first_text(node, selector)
    elements = select(node, selector)
    for element in elements:
        if isinstance(element.root, str):  # the selector picked text or attribute values itself
            return first_text(node, selector)
        value = element.attrib.get("datetime") or _first(element.xpath(_TIME_IN).getall())
        if value:
            return value
    return first_text(node, selector)


def _first(values: list[str]) -> str | None:
    for value in values:
        if value and value.strip():
            return value.strip()
    return None
