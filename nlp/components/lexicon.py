"""``lantern_lexicon``: lexicon signals (youth terms, code words, travel intent, third party, movement, webcam,
awareness context, offer language…) matched with spaCy's ``PhraseMatcher`` and ``Matcher``.

Phrases are matched on lower-cased tokens of the normalised text, so a lexicon phrase like ``sweet 16`` also
finds ``Sweet Sixteen`` and ``sw33t 1 6``. Entries may require or forbid words near the match (``context``).

Token patterns run through spaCy's ``Matcher``, whose ``IN`` predicates are evaluated in Python for every token.
Most texts contain none of the words a pattern needs, so each pattern has a ``Matcher`` of its own that only
runs when a document has, for every token the pattern cannot skip, one of the lower-case forms that token allows
(see :func:`required_lowers`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

from lantern.errors import ConfigError
from nlp.extensions import state
from nlp.lexicon_files import Context, LexiconEntry, entries_for, lexicon_paths
from nlp.types import Signal

# Token operators under which a pattern token must occur at least once.
_MANDATORY_OPS = (None, "1", "+")
# Words in nearly every text: a poor gate for a pattern (see required_lowers).
_COMMON_WORDS = frozenset(
    "a an the to of in on for with and or my our your his her their is are was i we you it "
    "de het een van voor met en of in op mijn onze ons zijn haar hun is ik we je naar uit bij aan door om te als "
    "from at by as than over "
    "der die das und mit für von zu el la los las y de con para mi le les et pour avec".split()
)


class LexiconMatcher:
    """Matches every lexicon entry of one pipeline language and reports signals with source offsets."""

    def __init__(self, nlp: Language, entries: list[LexiconEntry]) -> None:
        self.entries = {entry.id: entry for entry in entries}
        # The entries by the hash of their id, the match id the matchers report.
        self._by_match_id = {get_string_id(entry.id): entry for entry in entries}
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        # One Matcher per token pattern, with the hashes of the LOWER values it needs, one of each group (None:
        # unknown).
        self.patterns: list[tuple[Matcher, tuple[frozenset[int], ...] | None]] = []
        # Patterns no such word gates, with the strings a document's lower-case text must contain one of for
        # them to match (see required_substrings); a pattern with neither runs on every document.
        self._text_gated: dict[int, tuple[str, ...]] = {}
        # Every word a pattern needs one of, each a phrase of its own (its key is the hash of its LOWER value):
        # one pass of this matcher in C tells which of them a document has (see _pattern_matches).
        self._gate = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._gate_words: list[str] = []
        # Gate words by the hash of their lower-case form, where a one-token phrase matches that (_merge_gate).
        self._shared: dict[int, list[int]] = {}
        self._sharing: set[int] = set()  # the entries with such a phrase
        one_token: dict[str, set[int]] = {}  # the entries of each lower-case form of a one-token phrase
        for entry in entries:
            if entry.phrases:
                phrases = [nlp.make_doc(phrase) for phrase in entry.phrases]
                self.phrases.add(entry.id, phrases)
                for phrase in phrases:
                    if len(phrase) == 1:
                        one_token.setdefault(phrase[0].lower_, set()).add(get_string_id(entry.id))
            else:
                groups = required_lowers(entry.pattern or [])
                if groups is None and (substrings := required_substrings(entry.pattern or [])):
                    self._text_gated[len(self.patterns)] = substrings
                self.patterns.append((self._matcher(nlp, entry), _hashes(groups)))
                for word in sorted(set().union(*groups) if groups else ()):
                    if word and word not in self._gate:
                        self._gate.add(word, [Doc(nlp.vocab, words=[word])])
                        self._gate_words.append(word)
        self._gate_merged = self._merge_gate(nlp, one_token)
        # Every word some pattern needs, and the patterns no word gates: a document with none of those words
        # runs only these (most documents, see _pattern_matches).
        self._any_required = frozenset().union(*(group for _, groups in self.patterns for group in groups or ()))
        self._ungated = [index for index, (_, required) in enumerate(self.patterns) if required is None]

    def _merge_gate(self, nlp: Language, one_token: dict[str, set[int]]) -> bool:
        """Let the phrase matcher find the gate's words too, so that one pass over a document finds both (a
        pass costs much the same, whatever it finds). A word that is the lower-case form of a one-token phrase
        is not added, since the two would end at one node of the matcher's trie and could change the order in
        which it reports the entries' matches: a match of that phrase tells that the document has the word
        (``_shared``). Not at all when a word is an entry's id."""
        words = self._gate_words
        if not words or any(get_string_id(word) in self._by_match_id for word in words):
            return False
        for word in words:
            lower = nlp.vocab[word].lower_
            if lower in one_token:
                self._shared.setdefault(get_string_id(lower), []).append(get_string_id(word))
                self._sharing.update(one_token[lower])
            else:
                self.phrases.add(word, [Doc(nlp.vocab, words=[word])])
        return True

    def _present(self, doc: Doc, matches: list[tuple[int, int, int]]) -> tuple[set[int], list[tuple[int, int, int]]]:
        """The gate's words the document has, from the phrase matcher's matches, and the entries' matches."""
        by_match_id, shared, sharing = self._by_match_id, self._shared, self._sharing
        present = {match_id for match_id, _, _ in matches if match_id not in by_match_id}
        if present:
            matches = [match for match in matches if match[0] in by_match_id]
        if shared:
            for match_id, start, end in matches:
                if match_id in sharing and end - start == 1 and (words := shared.get(doc[start].lower)):
                    present.update(words)
        return present, matches

    def _pattern_matches(self, doc: Doc, present: set[int] | None = None) -> list[tuple[int, int, int]]:
        """The matches of every pattern whose required words the document has (``present``: their hashes, when
        the phrase matcher found them)."""
        if not self.patterns:
            return []
        # The required words the document has: a token's LOWER equals the word's only where the gate's phrase
        # (the word as one token) matches it; for a word that is not lower case, the gate may say yes where the
        # pattern cannot match, never the other way round.
        if present is None:
            present = {match_id for match_id, _, _ in self._gate(doc)}
        matches: list[tuple[int, int, int]] = []
        lower_text: str | None = None
        indices = range(len(self.patterns)) if not self._any_required.isdisjoint(present) else self._ungated
        for index in indices:
            matcher, required = self.patterns[index]
            if required is None:
                if (substrings := self._text_gated.get(index)) is not None:
                    lower_text = lower_text if lower_text is not None else state(doc).offsets.text.lower()
                    if not any(substring in lower_text for substring in substrings):
                        continue
            elif any(group.isdisjoint(present) for group in required):
                continue
            matches.extend(matcher(doc))
        return matches

    @staticmethod
    def _matcher(nlp: Language, entry: LexiconEntry) -> Matcher:
        matcher = Matcher(nlp.vocab)
        try:
            matcher.add(entry.id, [entry.pattern or []])
        except (ValueError, KeyError, TypeError) as exc:
            message = str(exc).strip().splitlines()[0]
            raise ConfigError(f"lexicon entry {entry.id!r}: invalid token pattern", hint=message) from None
        return matcher

    def __call__(self, doc: Doc) -> Doc:
        state(doc).signals.extend(self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Signal]:
        """Every entry that matches ``doc``, as signals in source offsets (each entry once per span)."""
        source = state(doc).source_text
        return [
            {
                "category": entry.category,
                "rule": entry.id,
                "text": source[start:end],
                "start": start,
                "end": end,
                "weight": entry.weight,
            }
            for entry, start, end in self.spans(doc)
        ]

    def spans(self, doc: Doc) -> list[tuple[LexiconEntry, int, int]]:
        """Every entry that matches ``doc`` with its source offsets, each entry once per span."""
        by_match_id = self._by_match_id
        phrase_matches = self.phrases(doc)
        present: set[int] | None = None
        if self._gate_merged:
            present, phrase_matches = self._present(doc, phrase_matches)
        matches = [*phrase_matches, *self._pattern_matches(doc, present)]
        if not matches:
            return []
        seen: set[tuple[int, int, int]] = set()  # an entry's match id stands for its id
        offsets = state(doc).offsets
        mapped = bool(offsets.layers)  # else the normalised text is the source text
        lowers: list[str] | None = None  # the lower-case forms, read once per document when a context needs them
        found: list[tuple[LexiconEntry, int, int]] = []
        for match_id, start, end in matches:
            entry = by_match_id[match_id]
            if entry.context is not None:
                lowers = lowers if lowers is not None else [t.lower_ for t in doc]
                if not _context_allows(lowers, start, end, entry.context):
                    continue
            last = doc[end - 1]
            source_start, source_end = doc[start].idx, last.idx + len(last)
            if mapped:
                source_start, source_end = offsets.to_original(source_start, source_end)
            key = (match_id, source_start, source_end)
            if key not in seen:
                seen.add(key)
                found.append((entry, source_start, source_end))
        return found


def required_lowers(pattern: list[dict[str, Any]]) -> tuple[frozenset[str], ...] | None:
    """Groups of lower-case forms of which every match of a token pattern has one of each, or ``None`` when that
    is unknown.

    Every token the pattern cannot skip with a ``LOWER`` value (a string or ``{IN: [strings]}``) gives such a
    group. A group with a very common word ("for", "my", "de") gates nearly nothing and is left out, unless all
    are such; then the smallest is kept. A document must have a word of each group (bring … girl … room: "room"
    alone is in every hotel review).
    """
    candidates: list[frozenset[str]] = []
    for raw in pattern:
        spec = {key.upper(): value for key, value in raw.items() if isinstance(key, str)}
        if spec.get("OP") not in _MANDATORY_OPS:
            continue
        value = spec.get("LOWER")
        if isinstance(value, str):
            candidates.append(frozenset({value}))
            continue
        words = value.get("IN") if isinstance(value, dict) and list(value) == ["IN"] else None
        if isinstance(words, list) and all(isinstance(word, str) for word in words):
            candidates.append(frozenset(words))
    if not candidates:
        return None
    rare = tuple(dict.fromkeys(words for words in candidates if not words & _COMMON_WORDS))
    return rare or (min(candidates, key=len),)


# A regular expression that starts with literal alternatives: ``^(loli|lolita)…`` or ``^lolicon…``.
_LITERAL_PREFIX = re.compile(r"\^(?:\((?:\?:)?([\w'’-]+(?:\|[\w'’-]+)*)\)|([\w'’-]+))(?=[^*?+{|]|$)")


def required_substrings(pattern: list[dict[str, Any]]) -> tuple[str, ...] | None:
    """Strings of which a document's lower-case text contains one wherever a token pattern matches, or ``None``.

    For a pattern that no required word gates (:func:`required_lowers`): a token it cannot skip whose ``LOWER``
    is a ``REGEX`` starting with literal alternatives (``^(loli|lolita)…``) is a substring of the text, so a
    document without any of those strings cannot match.
    """
    for raw in pattern:
        spec = {key.upper(): value for key, value in raw.items() if isinstance(key, str)}
        if spec.get("OP") not in _MANDATORY_OPS:
            continue
        value = spec.get("LOWER")
        regex = value.get("REGEX") if isinstance(value, dict) and list(value) == ["REGEX"] else None
        if isinstance(regex, str) and (prefix := _LITERAL_PREFIX.match(regex)):
            alternatives = (prefix.group(1) or prefix.group(2)).split("|")
            if all(word and word == word.lower() for word in alternatives):
                return tuple(alternatives)
    return None


def _hashes(groups: tuple[frozenset[str], ...] | None) -> tuple[frozenset[int], ...] | None:
    return None if groups is None else tuple(frozenset(get_string_id(word) for word in words) for words in groups)


def _context_allows(lowers: list[str], start: int, end: int, context: Context) -> bool:
    """Whether the words around tokens ``start:end`` (of a document's lower-case forms) allow the match."""
    left = lowers[max(0, start - context.window) : start]
    right = lowers[end : end + context.window]
    nearby = f" {' '.join(left)} | {' '.join(right)} "
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
    return LexiconMatcher(nlp, entries_for(str(nlp.lang), paths))
