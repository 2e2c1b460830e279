"""The tokenizer of every Lantern pipeline: normalise the text, then tokenize it with the language's rules."""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
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
        underscore = doc._
        underscore.source_text = text
        underscore.offsets = mapping
        extensions.reset(doc)
        return doc


@spacy.registry.tokenizers("lantern.normalizing_tokenizer.v1")
def create_normalizing_tokenizer() -> Callable[[Language], NormalizingTokenizer]:
    """Registered in spaCy's config as ``@tokenizers = "lantern.normalizing_tokenizer.v1"``."""

    def make(nlp: Language) -> NormalizingTokenizer:
        base = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        # Abbreviation exceptions keep a final dot on the word ("me." in Dutch, "Co." in English), so a phrase
        # such as "bel me" would not match "bel me." at the end of a sentence. Nothing here needs them.
        base.rules = {text: tokens for text, tokens in base.rules.items() if not text.endswith(".")}
        return NormalizingTokenizer(base, normalizer_for(nlp.lang))

    return make
