"""The normaliser: unicode clean-up, letter/digit swaps, number words and bounded runs, in that order, with an
offset map."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from nlp.data import load_yaml, rules_file
from nlp.normalize.leet import LeetReader
from nlp.normalize.numbers import NumberWordReader
from nlp.normalize.offsets import OffsetMap
from nlp.normalize.runs import RunBreaker
from nlp.normalize.unicode import UnicodeCleaner

# Bump when the normalisation code changes what it produces (the data file is fingerprinted separately).
NORMALIZER_VERSION = "2"


class Normalizer:
    """Turns obfuscated text into plain text for the rules, remembering where each character came from."""

    def __init__(self, number_languages: Iterable[str] = ("en",), rules_path: Path | None = None) -> None:
        self.rules_path = rules_path or rules_file("normalize.yml")
        rules = load_yaml(self.rules_path)
        self.unicode = UnicodeCleaner(rules["invisible"], rules["emoji"], rules["confusables"])
        self.leet = LeetReader(rules["leet"]["letters_to_digits"], rules["leet"]["digits_to_letters"])
        self.numbers = [NumberWordReader(lang, rules["number_words"][lang]) for lang in number_languages]
        self.runs = RunBreaker()

    def normalize(self, text: str) -> OffsetMap:
        """The normalised text of ``text`` and the map of its offsets back to ``text``."""
        mapping = OffsetMap(text)
        mapping.push(self.unicode.char_edits(mapping.text))
        mapping.push(self.unicode.confusable_edits(mapping.text))
        mapping.push(self.leet.edits(mapping.text))
        for reader in self.numbers:
            mapping.push(reader.edits(mapping.text))
        mapping.push(self.runs.edits(mapping.text))  # last: keeps tokenizing linear in the text's length
        return mapping


@lru_cache(maxsize=8)
def normalizer_for(language: str) -> Normalizer:
    """The shared normaliser of a pipeline language.

    Dutch reads Dutch and English number words; every other language reads English ones, the lingua franca
    of the advertisements Lantern watches.
    """
    number_languages = {"nl": ("nl", "en")}.get(language, ("en",))
    return Normalizer(number_languages)
