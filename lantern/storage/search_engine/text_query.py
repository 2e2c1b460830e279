"""Search text as query DSL, with the embedded store's syntax and meaning: words (all must match, in the title
or the text), ``"quoted phrases"``, ``OR`` between terms, ``-term`` to exclude, ``prefix*``. Every term is a
phrase query on the analysed fields, so no user text reaches Lucene's query parser."""

from __future__ import annotations

from typing import Any

from lantern.storage.search_text import QUERY_HINT, TermGroup, parse_search_text

__all__ = ["QUERY_HINT", "term_query", "text_query"]

FIELDS = ("title", "text")


def text_query(text: str) -> dict[str, Any] | None:
    """The query for search text, or ``None`` when it has no searchable words; InputError when it is malformed."""
    groups = parse_search_text(text)
    if groups is None:
        return None
    clauses = [_group_query(g) for g in groups]
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses, "minimum_should_match": 1}}


def term_query(term: str, prefix: bool) -> dict[str, Any]:
    """One word or phrase (optionally a prefix) in the title or the text."""
    kind = "phrase_prefix" if prefix else "phrase"
    return {"multi_match": {"query": term, "fields": list(FIELDS), "type": kind}}


def _group_query(group: TermGroup) -> dict[str, Any]:
    query: dict[str, Any] = {"bool": {"must": [term_query(t.text, t.prefix) for t in group.include]}}
    if group.exclude:
        query["bool"]["must_not"] = [term_query(t.text, t.prefix) for t in group.exclude]
    return query
