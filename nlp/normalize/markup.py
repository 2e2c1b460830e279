"""Markup left in text: ``<b>Age:</b> 15`` reads as ``Age: 15``.

Crawled pages reach the analyzer as text, but posts and ads often carry markup their writers pasted or typed
(escaped tags shown as text, BBCode-like HTML in a classified). A tag between a cue and a number would hide an
age from every rule, so each tag becomes one space.
"""

from __future__ import annotations

import re

from nlp.normalize.offsets import Edit

# An HTML tag of a known shape: a name of letters and digits, optional attributes on one line, "/" to close.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,9}(?:\s[^<>\n]{0,80})?/?>")
_NBSP = re.compile(r"&nbsp;", re.IGNORECASE)


class MarkupStripper:
    """Replaces HTML tags and non-breaking-space entities by a space."""

    def edits(self, text: str) -> list[Edit]:
        """Edits for every tag and ``&nbsp;`` in ``text`` (none, and fast, when it has no ``<`` or ``&``)."""
        if "<" not in text and "&" not in text:
            return []
        found = [*_TAG.finditer(text), *_NBSP.finditer(text)] if "&" in text else list(_TAG.finditer(text))
        return [Edit(m.start(), m.end(), " ") for m in sorted(found, key=lambda m: m.start())]
