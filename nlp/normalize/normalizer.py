"""The normaliser: markup, unicode clean-up, the glossary of other scripts, hashtags, spelled-out words,
letter/digit and letter/symbol swaps, misspelt key words, teen Roman numerals before a word for years, number
words, sums that make an age and bounded runs, in that order, with an offset map."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp.data import load_yaml, rules_file
from nlp.normalize.arithmetic import ArithmeticAgeReader
from nlp.normalize.glossary import ScriptGlossary
from nlp.normalize.hashtags import HashtagSplitter
from nlp.normalize.leet import LeetReader
from nlp.normalize.markup import MarkupStripper
from nlp.normalize.misspellings import MisspellingReader
from nlp.normalize.numbers import NumberWordReader
from nlp.normalize.offsets import OffsetMap
from nlp.normalize.roman import RomanAgeReader
from nlp.normalize.runs import RunBreaker
from nlp.normalize.spaced import SpacedLetterReader
from nlp.normalize.unicode import UnicodeCleaner

# Bump when the normalisation code changes what it produces (the data file is fingerprinted separately).
NORMALIZER_VERSION = "11"


class Normalizer:
    """Turns obfuscated text into plain text for the rules, remembering where each character came from."""

    def __init__(self, number_languages: Iterable[str] = ("en",), rules_path: Path | None = None) -> None:
        self.rules_path = rules_path or rules_file("normalize.yml")
        rules = load_yaml(self.rules_path)
        self.markup = MarkupStripper()
        self.unicode = UnicodeCleaner(rules["invisible"], rules["emoji"], rules["confusables"])
        glossary = load_yaml(rules_file("glossary.yml"))
        self.glossary = ScriptGlossary(glossary["words"], glossary["units"], glossary["anywhere"])
        words = spelled_words(rules, number_languages)
        self.hashtags = HashtagSplitter([*words, *rules["hashtag_words"]])
        self.spaced = SpacedLetterReader(words)
        self.leet = LeetReader(
            rules["leet"]["letters_to_digits"], rules["leet"]["digits_to_letters"], words, rules["short_words"]
        )
        self.misspellings = MisspellingReader(rules.get("misspellings") or {})
        self.numbers = [NumberWordReader(lang, rules["number_words"][lang]) for lang in number_languages]
        self.roman = RomanAgeReader()
        self.arithmetic = ArithmeticAgeReader()
        self.runs = RunBreaker()

    def normalize(self, text: str) -> OffsetMap:
        """The normalised text of ``text`` and the map of its offsets back to ``text``."""
        mapping = OffsetMap(text)
        mapping.push(self.markup.edits(mapping.text))
        mapping.push(self.unicode.char_edits(mapping.text))
        mapping.push(self.unicode.confusable_edits(mapping.text))
        if self.glossary.applies(mapping.text):  # after the digits of every script became ASCII
            mapping.push(self.glossary.number_edits(mapping.text))
            mapping.push(self.glossary.edits(mapping.text))
        mapping.push(self.hashtags.edits(mapping.text))
        mapping.push(self.spaced.edits(mapping.text))
        mapping.push(self.leet.edits(mapping.text))
        mapping.push(self.misspellings.edits(mapping.text))  # after the leet digits: "h0ttel" is "hottel" now
        mapping.push(self.roman.edits(mapping.text))
        for reader in self.numbers:
            mapping.push(reader.edits(mapping.text))
        mapping.push(self.arithmetic.edits(mapping.text))  # after the number words: "twenty minus six"
        mapping.push(self.runs.edits(mapping.text))  # last: keeps tokenizing linear in the text's length
        return mapping


def spelled_words(rules: dict[str, Any], number_languages: Iterable[str]) -> list[str]:
    """The words read back when spelled out or written with digits for letters: the ``spelled_words`` of the
    rules and every number word of the languages."""
    words = list(rules["spelled_words"])
    for language in number_languages:
        for group in ("units", "teens", "tens"):
            words += rules["number_words"][language][group]
    return words


@lru_cache(maxsize=8)
def normalizer_for(language: str) -> Normalizer:
    """The shared normaliser of a pipeline language.

    Dutch reads Dutch and English number words; the language-independent pipeline (``xx``) reads English ones
    and the teens of the other languages it sees; English reads English ones, the lingua franca of the
    advertisements Lantern watches.
    """
    number_languages = {"nl": ("nl", "en"), "xx": ("en", "xx")}.get(language, ("en",))
    return Normalizer(number_languages)
