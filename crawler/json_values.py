"""Values from a JSON document embedded in a page: the ``::json(EXPRESSION)`` ending of a CSS selector.

Engines whose pages are built by JavaScript often print the data a page was built from in a
``<script type="application/json">`` (Flarum's ``#flarum-json-payload``: the JSON:API document of the page's
discussions or posts, with their dates and ids). ``CSS::json(EXPRESSION)`` selects script elements with CSS, reads
each one's text as JSON and gives what the `JMESPath <https://jmespath.org>`_ EXPRESSION selects in it: a list's
items one by one, a single value as one. Strings are taken as they are, numbers and truth values as JSON writes them,
a list of such values as its items joined by spaces, anything else as compact JSON.

In a forum post's fields and in a listing row's activity the values are read on the whole page and paired with the
page's posts (or thread and board links) in order (:func:`paired`): the expression gives one value per post. A
JSON text that cannot be read, or an expression that finds nothing, gives no value; it never raises.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

import jmespath
from jmespath.exceptions import (
    ArityError,
    EmptyExpressionError,
    IncompleteExpressionError,
    JMESPathError,
    ParseError,
    UnknownFunctionError,
)

_JSON = re.compile(r"(?P<css>.*?)::json\((?P<expression>.*)\)\s*", re.DOTALL)
_PROBE_HTML = "<html><body><p>probe</p></body></html>"


def split(selector: str) -> tuple[str, str] | None:
    """``(css, expression)`` of a ``CSS::json(EXPRESSION)`` selector, else ``None``."""
    found = _JSON.fullmatch(selector)
    return (found["css"].strip(), found["expression"].strip()) if found else None


def check(selector: str) -> str:
    """Validate a ``::json(…)`` selector (its CSS and its JMESPath expression); ``ValueError`` says what is wrong."""
    from parsel import Selector

    parts = split(selector)
    if parts is None or selector.startswith("xpath:"):
        raise ValueError(f"invalid selector {selector!r}: write ::json(EXPRESSION) after a CSS selector")
    css, expression = parts
    if not css:
        raise ValueError(f"invalid selector {selector!r}: give the script element's CSS selector before ::json(…)")
    try:
        Selector(text=_PROBE_HTML).css(css)
    except Exception as exc:  # parsel raises several types for bad expressions
        raise ValueError(f"invalid selector {selector!r}: {exc}") from None
    try:
        compiled = _compiled(expression)
    except JMESPathError as exc:
        raise ValueError(f"invalid JMESPath expression {expression!r} in ::json(…): {_problem(exc)}") from None
    try:
        compiled.search({})  # names an unknown function or a wrong count of arguments
    except (UnknownFunctionError, ArityError) as exc:
        raise ValueError(f"invalid JMESPath expression {expression!r} in ::json(…): {exc}") from None
    except JMESPathError:  # a type error on an empty document says nothing of the page's
        pass
    return selector


def _problem(exc: JMESPathError) -> str:
    if isinstance(exc, EmptyExpressionError):
        return "it is empty"
    if isinstance(exc, IncompleteExpressionError):
        return "it ends too early"
    if isinstance(exc, ParseError):
        return f"{exc.msg.lower()} at column {exc.lex_position + 1}"
    return str(exc).splitlines()[0]


def values(node: Any, selector: str) -> list[Any]:
    """The values the selector gives under ``node`` (a page or an element), in document order."""
    css, expression = split(selector) or ("", "")
    found: list[Any] = []
    for text in (element.xpath("string()").get() or "" for element in node.css(css)) if css else ():
        try:
            document = json.loads(text)
            result = _compiled(expression).search(document)
        except (ValueError, RecursionError, JMESPathError):  # not JSON, nested too deep, a type error in a function
            continue
        if isinstance(result, list):
            found.extend(result)
        elif result is not None:
            found.append(result)
    return found


def text(node: Any, selector: str) -> str | None:
    """The selector's values under ``node`` as one line of text, or ``None``."""
    parts = [shown for value in values(node, selector) if (shown := as_text(value))]
    return " ".join(parts) or None


def paired(page: Any, selector: str, count: int) -> list[str | None] | None:
    """One text per post (or link) of the page: the selector's values in order when it gives exactly ``count``
    of them, else ``None`` (values that cannot be paired are not guessed at; the spiders count them)."""
    found = values(page, selector)
    if len(found) != count:
        return None
    return [as_text(value) for value in found]


def as_text(value: Any) -> str | None:
    """A JSON value as text: a string as it is, a list of plain values joined by spaces, else compact JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return " ".join(filter(None, (as_text(v) for v in value))) or None
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


@lru_cache(maxsize=256)
def _compiled(expression: str) -> Any:
    return jmespath.compile(expression)
