"""``lantern_lexicon``: lexicon signals (youth terms, code words, travel intent, third party, movement, webcam,
awareness context, offer language…) matched with spaCy's ``PhraseMatcher`` and ``Matcher``.

Phrases are matched on lower-cased tokens of the normalised text, so a lexicon phrase like ``sweet 16`` also
finds ``Sweet Sixteen`` and ``sw33t 1 6``. Entries may require or forbid words near the match (``context``).

Token patterns run through spaCy's ``Matcher``, whose ``IN`` predicates are evaluated in Python for every token.
Most texts contain none of the words a pattern needs, so the ``Matcher`` only runs when a document has, for
some pattern, one of the lower-case forms that pattern cannot match without (see :func:`required_lowers`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

from lantern.errors import ConfigError
from nlp.lexicon_files import Context, LexiconEntry, entries_for, lexicon_paths
from nlp.types import Signal

# Token operators under which a pattern token must occur at least once.
_MANDATORY_OPS = (None, "1", "+")


class LexiconMatcher:
    """Matches every lexicon entry of one pipeline language and reports signals with source offsets."""

    def __init__(self, nlp: Language, entries: list[LexiconEntry]) -> None:
        self.entries = {entry.id: entry for entry in entries}
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns = Matcher(nlp.vocab)
        # Hashes of LOWER values of which each pattern needs one; None when some pattern needs none of them.
        self.pattern_lowers: frozenset[int] | None = frozenset()
        for entry in entries:
            if entry.phrases:
                self.phrases.add(entry.id, [nlp.make_doc(phrase) for phrase in entry.phrases])
            else:
                self._add_pattern(entry)
                self._add_required(entry.pattern or [])

    def _add_required(self, pattern: list[dict[str, Any]]) -> None:
        required = required_lowers(pattern)
        if required is None or self.pattern_lowers is None:
            self.pattern_lowers = None
        else:
            self.pattern_lowers = self.pattern_lowers | {get_string_id(word) for word in required}

    def _pattern_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The ``Matcher``'s matches, without running it when no pattern can match."""
        if len(self.patterns) == 0:
            return []
        if self.pattern_lowers is not None and self.pattern_lowers.isdisjoint(doc.to_array("LOWER").tolist()):
            return []
        return list(self.patterns(doc))

    def _add_pattern(self, entry: LexiconEntry) -> None:
        try:
            self.patterns.add(entry.id, [entry.pattern])
        except (ValueError, KeyError, TypeError) as exc:
            message = str(exc).strip().splitlines()[0]
            raise ConfigError(f"lexicon entry {entry.id!r}: invalid token pattern", hint=message) from None

    def __call__(self, doc: Doc) -> Doc:
        doc._.signals.extend(self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Signal]:
        """Every entry that matches ``doc``, as signals in source offsets (each entry once per span)."""
        matches = [*self.phrases(doc), *self._pattern_matches(doc)]
        if not matches:
            return []
        seen: set[tuple[str, int, int]] = set()
        strings = doc.vocab.strings
        underscore = doc._  # fetched once: every ``doc._`` builds a new accessor
        offsets, source = underscore.offsets, underscore.source_text
        found: list[Signal] = []
        for match_id, start, end in matches:
            entry = self.entries[strings[match_id]]
            if entry.context is not None and not _context_allows(doc, start, end, entry.context):
                continue
            span = doc[start:end]
            source_start, source_end = offsets.to_original(span.start_char, span.end_char)
            key = (entry.id, source_start, source_end)
            if key in seen:
                continue
            seen.add(key)
            found.append(
                {
                    "category": entry.category,
                    "rule": entry.id,
                    "text": source[source_start:source_end],
                    "start": source_start,
                    "end": source_end,
                    "weight": entry.weight,
                }
            )
        return found


def required_lowers(pattern: list[dict[str, Any]]) -> frozenset[str] | None:
    """Lower-case forms of which every match of a token pattern has one, or ``None`` when that is unknown.

    That is the ``LOWER`` value (a string or ``{IN: [strings]}``) of the first token the pattern cannot skip.
    """
    for raw in pattern:
        spec = {key.upper(): value for key, value in raw.items() if isinstance(key, str)}
        if spec.get("OP") not in _MANDATORY_OPS:
            continue
        value = spec.get("LOWER")
        if isinstance(value, str):
            return frozenset({value})
        words = value.get("IN") if isinstance(value, dict) and list(value) == ["IN"] else None
        if isinstance(words, list) and all(isinstance(word, str) for word in words):
            return frozenset(words)
    return None


def _context_allows(doc: Doc, start: int, end: int, context: Context) -> bool:
    """Whether the words around ``doc[start:end]`` allow the match."""
    left = doc[max(0, start - context.window) : start]
    right = doc[end : min(len(doc), end + context.window)]
    nearby = f" {' '.join(t.lower_ for t in left)} | {' '.join(t.lower_ for t in right)} "
    if any(f" {word} " in nearby for word in context.unless):
        return False
    return not context.requires or any(f" {word} " in nearby for word in context.requires)


@Language.factory(
    "lantern_lexicon",
    requires=["doc._.offsets"],
    assigns=["doc._.signals"],
    default_config={"extra_dir": None},
)
def make_lexicon_matcher(nlp: Language, name: str, extra_dir: str | None) -> LexiconMatcher:
    """Registered factory: built-in lexicons plus the operator's folder (``LANTERN_LEXICON_DIR``)."""
    paths = lexicon_paths(Path(extra_dir) if extra_dir else None)
    return LexiconMatcher(nlp, entries_for(nlp.lang, paths))
