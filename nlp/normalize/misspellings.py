"""Misspelt key words read as spelt: ``yong grl 14 avalable, hottel ok`` reads as ``young girl 14 available, hotel
ok``, ``15yrz`` as ``15yrs``.

Advertisements misspell the words the rules look for, by haste or on purpose (a filter that knows "hotel" does
not know "hottel"). The table (``misspellings`` in ``nlp/rules/normalize.yml``) maps such spellings to the word;
one pass of an Aho-Corasick automaton over the lower-cased text finds them, and a spelling counts only as a whole
word (a number may stand glued before it, as in "15yrz"). A capitalised spelling gives a capitalised word.
"""

from __future__ import annotations

from collections.abc import Mapping

import ahocorasick

from nlp.normalize.offsets import Edit


class MisspellingReader:
    """Replaces the table's misspellings by the words they stand for."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self.table = {str(wrong).lower(): str(right) for wrong, right in table.items()}
        self._automaton = ahocorasick.Automaton()
        for wrong in self.table:
            self._automaton.add_word(wrong, len(wrong))
        if self.table:
            self._automaton.make_automaton()

    def edits(self, text: str) -> list[Edit]:
        """Edits for every misspelling of ``text`` that stands as a word of its own."""
        if not self.table:
            return []
        lower = text.lower()
        if len(lower) != len(text):  # a letter whose lower case is longer ("İ"): offsets would not line up
            return []
        edits: list[Edit] = []
        taken = 0
        for end, length in self._automaton.iter_long(lower):
            start = end - length + 1
            if start < taken or (start > 0 and lower[start - 1].isalpha()):
                continue
            if end + 1 < len(lower) and lower[end + 1].isalpha():
                continue
            right = self.table[lower[start : end + 1]]
            if text[start].isupper():
                right = right[:1].upper() + right[1:]
            edits.append(Edit(start, end + 1, right))
            taken = end + 1
        return edits
