"""Text from deep nesting is kept: a page nested deeper than the HTML parser goes is flattened first.

libxml2 (behind lxml, parsel and trafilatura) stops at a nesting depth of 256 (2,048 with its huge-tree
option) and drops everything after that point: a page of 20,000 nested elements lost its text without a word.
Every HTML response is parsed once here; when the parser reports that depth error, the page is rewritten with
the tags below :data:`KEEP_DEPTH` removed (their text stays where it was, block tags become line breaks) and
counted as ``repaired/deep_nesting``. The rewrite is a single pass over the tags with an explicit stack: no
recursion, linear time. Were the page still too deep, its tags are all removed and its text kept.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter

from lxml import etree
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response

KEEP_DEPTH = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)([^<>]*)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BLOCK = frozenset("p div li tr td th table section article blockquote pre h1 h2 h3 h4 h5 h6 ul ol dl dd dt".split())


def too_deep(body: bytes) -> bool:
    """True when libxml2 gives up on the page for its nesting depth."""
    parser = etree.HTMLParser(recover=True, huge_tree=False)
    with contextlib.suppress(etree.XMLSyntaxError, ValueError):
        etree.fromstring(body, parser)
    return any("Excessive depth" in entry.message for entry in parser.error_log)


def flatten(html: str, keep: int = KEEP_DEPTH) -> str:
    """The HTML with tags deeper than ``keep`` removed and their text kept (stray end tags dropped)."""
    parts: list[str] = []
    stack: list[tuple[str, bool]] = []
    open_names: Counter[str] = Counter()
    position = 0
    for match in _TAG.finditer(html):
        parts.append(html[position : match.start()])
        position = match.end()
        closing, name = match.group(1) == "/", match.group(2).lower()
        if not closing:
            if name in _VOID or match.group(3).rstrip().endswith("/"):
                parts.append(match.group(0))
                continue
            kept = len(stack) < keep
            stack.append((name, kept))
            open_names[name] += 1
            parts.append(match.group(0) if kept else ("\n" if name in _BLOCK else " "))
        elif open_names[name]:
            while stack:
                top, kept = stack.pop()
                open_names[top] -= 1
                if top == name:
                    parts.append(match.group(0) if kept else ("\n" if name in _BLOCK else " "))
                    break
    parts.append(html[position:])
    return "".join(parts)


def text_only(html: str) -> str:
    """The page's text with every tag removed, as a minimal page."""
    return "<html><body><div>" + _TAG.sub(" ", html) + "</div></body></html>"


class DeepNestingMiddleware:
    """Flatten HTML responses the parser would cut short (see the module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DeepNestingMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """The response, or a flattened copy of it (UTF-8) when it is nested too deeply to parse."""
        if not isinstance(response, HtmlResponse) or not response.body or not too_deep(response.body):
            return response
        html = flatten(response.text)
        if too_deep(html.encode("utf-8")):
            html = text_only(html)
        self.stats.inc_value("repaired/deep_nesting")
        return response.replace(body=html.encode("utf-8"), encoding="utf-8")
