"""Letter/digit swaps: ``l6`` → ``16`` and ``sixt33n`` → ``sixteen``; symbols for letters: ``@ge`` → ``age``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from nlp.normalize.offsets import Edit
from nlp.normalize.prefilter import has_ascii_digit

# A token of letters and digits that contains at least one of each (checked in code); an apostrophe may join
# its parts ("1'm").
_MIXED = re.compile(r"(?<![\w|'’])[A-Za-z0-9|]*[0-9][A-Za-z0-9|]*(?:['’][A-Za-z]{1,2})?(?![\w|'’])")
_DIGIT_BETWEEN_LETTERS = re.compile(r"[A-Za-z][0-9]+[A-Za-z]")
# A word with "@" or "$" for a letter ("@ge", "g!rl" is not read): no e-mail address or handle, which a dot or
# a word character joins.
_SYMBOLIC = re.compile(r"(?<![\w@$.])[A-Za-z]*[@$][A-Za-z@$]*(?![\w@$]|\.\w)")
_SYMBOL_LETTERS = {"@": "a", "$": "s"}


class LeetReader:
    """Reads digit-like letters as digits in short numeric tokens, and digits as letters inside words."""

    def __init__(
        self,
        letters_to_digits: Mapping[str, str],
        digits_to_letters: Mapping[str, str],
        words: Iterable[str] = (),
        short_words: Iterable[str] = (),
    ) -> None:
        self.letters_to_digits = dict(letters_to_digits)
        self.digits_to_letters = dict(digits_to_letters)
        self.words = frozenset(word.lower() for word in words)
        self.short_words = frozenset(word.lower() for word in short_words)

    def edits(self, text: str) -> list[Edit]:
        """Edits for every obfuscated token in ``text``."""
        edits = self._symbol_edits(text) if "@" in text or "$" in text else []
        if not has_ascii_digit(text):  # every other obfuscated token has a digit
            return edits
        for match in _MIXED.finditer(text):
            token = match.group()
            if token.isdigit():
                continue
            replacement = self.read(token)
            if replacement != token:
                edits.append(Edit(match.start(), match.end(), replacement))
        return sorted(edits, key=lambda e: e.start)

    def _symbol_edits(self, text: str) -> list[Edit]:
        """Edits for known words written with a symbol for a letter ("@ge" is "age", "ye@rs" is "years")."""
        edits = []
        for match in _SYMBOLIC.finditer(text):
            token = match.group()
            if sum(c.isalpha() for c in token) < 2:
                continue
            spelled = "".join(_SYMBOL_LETTERS.get(c, c) for c in token)
            if spelled.lower() in self.words:
                edits.append(Edit(match.start(), match.end(), spelled))
        return edits

    def read(self, token: str) -> str:
        """The plain reading of one token (unchanged when it does not look obfuscated)."""
        if "'" in token or "’" in token:  # only a short word reads so: "1'm"
            spelled = "".join(self.digits_to_letters.get(c, c) for c in token)
            return spelled if spelled.lower().replace("’", "'") in self.short_words else token
        letters = [c for c in token if not c.isdigit()]
        if len(token) == 3 and token[1] == "|" and token[0].isdigit() and token[2].isdigit():
            return token[0] + token[2]  # "1|4": a bar splitting a number, not a digit
        if len(token) <= 3 and letters and all(c in self.letters_to_digits for c in letters):
            return "".join(self.letters_to_digits.get(c, c) for c in token)
        digits = [c for c in token if c.isdigit()]
        if not all(d in self.digits_to_letters for d in digits):
            return token
        spelled = "".join(self.digits_to_letters.get(c, c) for c in token)
        if sum(c.isalpha() for c in token) >= 3 and _DIGIT_BETWEEN_LETTERS.search(token):
            return spelled
        # A known word with a digit at its edge: "ag3" is "age", "3ighteen" "eighteen".
        if sum(c.isalpha() for c in token) >= 2 and spelled.lower() in self.words:
            return spelled
        if spelled.lower() in self.short_words:  # "b3n", "f0r", "1n"
            return spelled
        return token
