"""The tokenizer of every Lantern pipeline: normalise the text, then tokenize it with the language's rules."""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from nlp import extensions
from nlp.normalize.normalizer import Normalizer, normalizer_for


class NormalizingTokenizer:
    """Wraps a language's default tokenizer; the Doc holds the normalised text and the map back."""

    def __init__(self, base: Callable[[str], Doc], normalizer: Normalizer) -> None:
        self.base = base
        self.normalizer = normalizer

    def __call__(self, text: str) -> Doc:
        mapping = self.normalizer.normalize(text)
        doc = self.base(mapping.text)
        extensions.start(doc, text, mapping)
        return doc


@spacy.registry.tokenizers("lantern.normalizing_tokenizer.v1")
def create_normalizing_tokenizer() -> Callable[[Language], NormalizingTokenizer]:
    """Registered in spaCy's config as ``@tokenizers = "lantern.normalizing_tokenizer.v1"``."""

    def make(nlp: Language) -> NormalizingTokenizer:
        return NormalizingTokenizer(_base_tokenizer(nlp), normalizer_for(nlp.lang))

    return make


def _base_tokenizer(nlp: Language) -> Tokenizer:
    """The language's rule-based tokenizer (as ``spacy.Tokenizer.v1`` builds it), without the abbreviation
    exceptions that keep a final dot on the word ("me." in Dutch, "Co." in English): with them a phrase such as
    "bel me" would not match "bel me." at the end of a sentence, and nothing here needs them."""
    defaults = nlp.Defaults
    prefixes = spacy.util.compile_prefix_regex(defaults.prefixes) if defaults.prefixes else None
    suffixes = spacy.util.compile_suffix_regex(defaults.suffixes) if defaults.suffixes else None
    infixes = spacy.util.compile_infix_regex(defaults.infixes) if defaults.infixes else None
    rules = {text: tokens for text, tokens in defaults.tokenizer_exceptions.items() if not text.endswith(".")}
    return Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=prefixes.search if prefixes else None,
        suffix_search=suffixes.search if suffixes else None,
        infix_finditer=infixes.finditer if infixes else None,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )
