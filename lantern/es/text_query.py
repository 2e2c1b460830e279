"""Search text as query DSL, with the embedded store's syntax and meaning: words (all must match, in the title
or the text), ``"quoted phrases"``, ``OR`` between terms, ``-term`` to exclude, ``prefix*``. Every term is a
phrase query on the analysed fields, so no user text reaches Lucene's query parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lantern.errors import InputError

QUERY_HINT = 'use words, "quoted phrases", OR, -word to exclude and word* for prefixes, e.g. "new in town" -news'
FIELDS = ("title", "text")

_TOKEN = re.compile(r'(-?)"([^"]*)"(\*?)|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass
class _Group:
    """Terms that must all match (AND), minus excluded terms."""

    include: list[dict[str, Any]] = field(default_factory=list)
    exclude: list[dict[str, Any]] = field(default_factory=list)


def text_query(text: str) -> dict[str, Any] | None:
    """The query for search text, or ``None`` when it has no searchable words; InputError when it is malformed."""
    if text.count('"') % 2:
        raise InputError(f"unbalanced quote in search text: {text!r}", hint=QUERY_HINT)
    groups = [_Group()]
    for match in _TOKEN.finditer(text):
        if match.group(4) == "OR":
            if not groups[-1].include:
                raise InputError(f"OR needs a term on both sides: {text!r}", hint=QUERY_HINT)
            groups.append(_Group())
            continue
        negated, term, prefix = _parse_token(match)
        if term is not None:
            (groups[-1].exclude if negated else groups[-1].include).append(term_query(term, prefix))
    if len(groups) > 1 and not groups[-1].include:
        raise InputError(f"OR needs a term on both sides: {text!r}", hint=QUERY_HINT)
    if not any(g.include or g.exclude for g in groups):
        return None
    if any(g.exclude and not g.include for g in groups):
        raise InputError("a search cannot only exclude words", hint="add a word that must match, e.g. hotel -news")
    clauses = [_group_query(g) for g in groups]
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses, "minimum_should_match": 1}}


def term_query(term: str, prefix: bool) -> dict[str, Any]:
    """One word or phrase (optionally a prefix) in the title or the text."""
    kind = "phrase_prefix" if prefix else "phrase"
    return {"multi_match": {"query": term, "fields": list(FIELDS), "type": kind}}


def _group_query(group: _Group) -> dict[str, Any]:
    query: dict[str, Any] = {"bool": {"must": group.include}}
    if group.exclude:
        query["bool"]["must_not"] = group.exclude
    return query


def _parse_token(match: re.Match[str]) -> tuple[bool, str | None, bool]:
    """(negated, term or None when it has no word characters, prefix) for one token of user text."""
    if match.group(4) is None:
        negated, term, prefix = bool(match.group(1)), match.group(2), bool(match.group(3))
    else:
        raw = match.group(4)
        negated = raw.startswith("-") and len(raw) > 1
        term = raw[1:] if negated else raw
        prefix = term.endswith("*")
        term = term.rstrip("*")
    if not _WORD.search(term):
        return negated, None, prefix
    return negated, term.strip(), prefix
