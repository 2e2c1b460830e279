"""``lantern_lexicon``: lexicon signals (youth terms, code words, travel intent, third party, movement, webcam,
awareness context, offer language…) matched with spaCy's ``PhraseMatcher`` and ``Matcher``.

Phrases are matched on lower-cased tokens of the normalised text, so a lexicon phrase like ``sweet 16`` also
finds ``Sweet Sixteen`` and ``sw33t 1 6``. Entries may require or forbid words near the match (``context``).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from lantern.errors import ConfigError
from nlp.extensions import span_source
from nlp.lexicon_files import Context, LexiconEntry, entries_for, lexicon_paths
from nlp.types import Signal


class LexiconMatcher:
    """Matches every lexicon entry of one pipeline language and reports signals with source offsets."""

    def __init__(self, nlp: Language, entries: list[LexiconEntry]) -> None:
        self.entries = {entry.id: entry for entry in entries}
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns = Matcher(nlp.vocab)
        for entry in entries:
            if entry.phrases:
                self.phrases.add(entry.id, [nlp.make_doc(phrase) for phrase in entry.phrases])
            else:
                self._add_pattern(entry)

    def _add_pattern(self, entry: LexiconEntry) -> None:
        try:
            self.patterns.add(entry.id, [entry.pattern])
        except (ValueError, KeyError, TypeError) as exc:
            message = str(exc).strip().splitlines()[0]
            raise ConfigError(f"lexicon entry {entry.id!r}: invalid token pattern", hint=message) from None

    def __call__(self, doc: Doc) -> Doc:
        seen: set[tuple[str, int, int]] = set()
        strings = doc.vocab.strings
        for match_id, start, end in [*self.phrases(doc), *self.patterns(doc)]:
            entry = self.entries[strings[match_id]]
            if entry.context is not None and not _context_allows(doc, start, end, entry.context):
                continue
            text, source_start, source_end = span_source(doc[start:end])
            key = (entry.id, source_start, source_end)
            if key in seen:
                continue
            seen.add(key)
            signal: Signal = {
                "category": entry.category,
                "rule": entry.id,
                "text": text,
                "start": source_start,
                "end": source_end,
                "weight": entry.weight,
            }
            doc._.signals.append(signal)
        return doc


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
