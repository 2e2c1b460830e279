"""Watch-list names written in lower case by a writer who capitalises nothing.

Terse listings and chat are often written all in lower case ("girl 15 manila hotel"). A watch-list name that
otherwise needs a capital (an everyday word somewhere: Tagalog "bali", Portuguese "natal", "manila" paper) may
then match in lower case, when

- its line is *uncased*: ``min_letters`` letters or more and no capital except at the start of a sentence and in
  words written all in capitals ("I", "WA"); one capitalised word mid-sentence shows a writer who capitalises
  names, and the name's capital is then required as before;
- and, for a name that is an everyday word (``common_zipf`` in some common-word language), something nearby says
  place: a locative word right before it ("in natal"), a listing word of ``listing_words`` within ``window``
  words ("bali hotel"), or another place or place adjective in the text ("from manila to pattaya").

Such a mention carries the reason ``lower case, <support>`` and its confidence times ``confidence``. Settings:
``resolution.lowercase_texts`` of rules.yml.
"""

from __future__ import annotations

import re
from typing import Any

# A capital that shows a writer who capitalises: one after a letter, digit or comma and spaces on the same line
# (not at the start of a sentence or line), in a word not written all in capitals ("I", "WA", "OK").
_MID_CAPITAL = re.compile(r"[^\s.!?…][ \t]*(?![A-ZÀ-ÖØ-Þ]+\b)[A-ZÀ-ÖØ-Þ]")
PENDING = "pending"  # an everyday word with no support yet: kept only if the text names another place

Word = tuple[int, int, str]


class LowercaseRule:
    """Decides whether a lower-case watch-list name that needs a capital may match where it is written."""

    def __init__(self, settings: dict[str, Any], names: dict[str, bool], locative_cues: frozenset[str]) -> None:
        self.names = names  # key → whether the name is an everyday word and needs support
        self.starts = frozenset(key.split(" ", 1)[0] for key in names)
        self._cues = locative_cues
        self._listing = frozenset(settings.get("listing_words", ()))
        self._window = int(settings.get("window", 3))
        self._min_letters = int(settings.get("min_letters", 12))
        self.confidence = float(settings.get("confidence", 0.6))

    def support(self, text: str, words: list[Word], i: int, count: int, key: str) -> str:
        """Why the name ``key`` of ``count`` words at word ``i`` may match in lower case: ``rare word``,
        ``locative word``, ``listing word`` or :data:`PENDING`; empty when it may not."""
        start, end = words[i][0], words[i + count - 1][1]
        if key not in self.names or not text[start:end].islower() or not self.uncased(text, start):
            return ""
        if not self.names[key]:
            return "rare word"
        if i > 0 and words[i - 1][2] in self._cues:
            return "locative word"
        near = words[max(0, i - self._window) : i] + words[i + count : i + count + self._window]
        return "listing word" if any(word[2] in self._listing for word in near) else PENDING

    def uncased(self, text: str, position: int) -> bool:
        """Whether the line of ``text`` around ``position`` is written without capitals (see the module)."""
        low = text.rfind("\n", 0, position) + 1
        high = text.find("\n", position)
        line = text[low : high if high >= 0 else len(text)]
        return _MID_CAPITAL.search(line) is None and sum(map(str.isalpha, line)) >= self._min_letters
