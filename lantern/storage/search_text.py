"""The search-text syntax both backends share, parsed once: words (all must match), ``"quoted phrases"``,
``OR`` between terms, ``-term`` to exclude, ``prefix*``.

Backends render the parsed groups in their own query language (FTS5 in :mod:`lantern.storage.sqlite.query`,
query DSL in :mod:`lantern.storage.search_engine.text_query`), so the same text means the same search on either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lantern.errors import InputError

QUERY_HINT = 'use words, "quoted phrases", OR, -word to exclude and word* for prefixes, e.g. "new in town" -news'

_TOKEN = re.compile(r'(-?)"([^"]*)"(\*?)|(\S+)')
MAX_TERMS = 64  # words and phrases in one search; more is a pasted text, and slow to match
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Term:
    """A word or phrase, optionally a prefix."""

    text: str
    prefix: bool = False


@dataclass
class TermGroup:
    """Terms that must all match (AND), minus excluded terms; groups are joined with OR."""

    include: list[Term] = field(default_factory=list)
    exclude: list[Term] = field(default_factory=list)


def parse_search_text(text: str) -> list[TermGroup] | None:
    """The OR-groups of search text, or ``None`` when it has no searchable words.

    Raises :class:`InputError` for a query that cannot be run (only excluded terms, a dangling OR, an
    unbalanced quote).
    """
    if text.count('"') % 2:
        raise InputError(f"unbalanced quote in search text: {text!r}", hint=QUERY_HINT)
    groups = [TermGroup()]
    for match in _TOKEN.finditer(text):
        if match.group(4) == "OR":
            if not groups[-1].include:
                raise InputError(f"OR needs a term on both sides: {text!r}", hint=QUERY_HINT)
            groups.append(TermGroup())
            continue
        negated, term = _parse_token(match)
        if term is not None:
            (groups[-1].exclude if negated else groups[-1].include).append(term)
    if len(groups) > 1 and not groups[-1].include:
        raise InputError(f"OR needs a term on both sides: {text!r}", hint=QUERY_HINT)
    if not any(g.include or g.exclude for g in groups):
        return None
    if any(g.exclude and not g.include for g in groups):
        raise InputError("a search cannot only exclude words", hint="add a word that must match, e.g. hotel -news")
    terms = sum(len(g.include) + len(g.exclude) for g in groups)
    if terms > MAX_TERMS:
        raise InputError(f"a search takes at most {MAX_TERMS} words and phrases ({terms} given)", hint=QUERY_HINT)
    return [TermGroup(list(dict.fromkeys(g.include)), list(dict.fromkeys(g.exclude))) for g in groups]


def _parse_token(match: re.Match[str]) -> tuple[bool, Term | None]:
    """(negated, term or None when it has no word characters) for one token of user text."""
    if match.group(4) is None:
        negated, term, prefix = bool(match.group(1)), match.group(2), bool(match.group(3))
    else:
        raw = match.group(4)
        negated = raw.startswith("-") and len(raw) > 1
        term = raw[1:] if negated else raw
        prefix = term.endswith("*")
        term = term.rstrip("*")
    if not _WORD.search(term):
        return negated, None
    return negated, Term(term.strip(), prefix)
