"""Unicode clean-up: invisible characters, compatibility forms, emoji used as words, look-alike letters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from nlp.normalize.offsets import Edit

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# Pictographs (symbols, dingbats, emoji) without a word of their own: in listings they set fields apart like
# bullets ("🌸 Mila 🌸 15 🏙️ Rotterdam"), so they read as "•".
_PICTOGRAPHS = ((0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x1F000, 0x1FAFF))
_BULLET = " • "
_WORD = re.compile(r"\w+")


class UnicodeCleaner:
    """Rewrites non-ASCII characters; pure ASCII text passes through untouched (and fast)."""

    def __init__(self, invisible: list[str], emoji: Mapping[str, str], confusables: Mapping[str, str]) -> None:
        self.invisible = frozenset(invisible)
        self.emoji = dict(emoji)
        self.confusables = dict(confusables)
        self._confusable_chars = frozenset(confusables)

    def char_edits(self, text: str) -> list[Edit]:
        """Edits for invisible characters, emoji words and NFKC compatibility forms (ligatures, fullwidth)."""
        edits: list[Edit] = []
        if text.isascii():
            return edits
        for run in _NON_ASCII.finditer(text):
            for offset, char in enumerate(run.group()):
                replacement = self._replace_char(char)
                if replacement is None:
                    continue
                position = run.start() + offset
                previous = edits[-1] if edits else None
                joins = replacement in (_BULLET, "") and previous is not None and previous.replacement == _BULLET
                if joins and previous is not None and previous.end == position:
                    # a row of pictographs (and their variation selectors) is one bullet: "🌸🌸🌸", "🏙️"
                    edits[-1] = Edit(previous.start, position + 1, _BULLET)
                    continue
                edits.append(Edit(position, position + 1, replacement))
        return edits

    def _replace_char(self, char: str) -> str | None:
        if char in self.invisible:
            return ""
        if char in self.emoji:
            return self.emoji[char]
        if char in self._confusable_chars:
            return None  # handled word by word
        if any(low <= ord(char) <= high for low, high in _PICTOGRAPHS):
            return _BULLET
        digit = unicodedata.decimal(char, None)  # Thai, Arabic-Indic, Devanagari … digits: "๑๕" → "15"
        if digit is not None:
            return str(digit)
        folded = unicodedata.normalize("NFKC", char)
        return folded if folded != char else None

    def confusable_edits(self, text: str) -> list[Edit]:
        """Edits for look-alike letters inside words that mix them with Latin letters or digits."""
        if text.isascii():
            return []
        edits: list[Edit] = []
        for word in _WORD.finditer(text):
            token = word.group()
            if token.isascii() or not any(c in self._confusable_chars for c in token):
                continue
            if not any(c.isascii() for c in token):
                continue
            for offset, char in enumerate(token):
                if char in self._confusable_chars:
                    position = word.start() + offset
                    edits.append(Edit(position, position + 1, self.confusables[char]))
        return edits
