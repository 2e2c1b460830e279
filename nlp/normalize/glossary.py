"""Words of languages in scripts the rules do not read, read as English words: Khmer ``ក្មេងស្រីអាយុ 14 ឆ្នាំ``
reads as ``young girl age 14 years``, Nepali ``15 वर्षकी केटी`` as ``15 year-old girl``, Chinese ``14岁小妹妹`` as
``14 years old young girl``, Russian ``Девочка 14 лет`` as ``girl 14 years``.

These are the languages of the destinations (Khmer, Lao, Burmese, Thai, Nepali, Sinhala) and of the visitors who
write about them (Chinese, Japanese, Korean, Russian, Arabic, Urdu). Khmer, Lao, Burmese, Thai, Chinese and
Japanese write a sentence's words without spaces between them, so a word of their tables is found anywhere (the
longest first); the other scripts space their words and glue endings, postpositions and particles to them, so a
word of theirs is found where a word starts. The English words take its place, set apart from their neighbours by
a space. A unit word (Khmer ``ឆ្នាំ``, Burmese ``နှစ်``, which is also "two", Chinese ``岁``) is read only straight
after a number; a number glued to a letter of these scripts (Sinhala ``14ක``) and a comma glued to the next word
(Chinese ``学生妹，15岁``) are set apart from it. The word lists are ``nlp/rules/glossary.yml``; text without a
letter of these scripts is not looked at.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from nlp.normalize.offsets import Edit

# Cyrillic, Arabic, Devanagari, Sinhala, Thai, Lao, Myanmar, Khmer, kana, Han and Hangul: the glossary's scripts.
SCRIPT_LETTER = (
    "\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u0d80-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u4e00-\u9fff"
    "\uac00-\ud7af"
)
_ANY_LETTER = re.compile(f"[{SCRIPT_LETTER}]")
_NUMBER = re.compile(r"\d+(?: or \d+)?")


class ScriptGlossary:
    """Reads the glossary's words of text in the scripts above as English."""

    def __init__(
        self, words: Mapping[str, Mapping[str, str]], units: Mapping[str, str], anywhere: Iterable[str] = ()
    ) -> None:
        # Keys lower case and in the writing the unicode clean-up leaves (NFKC: Thai "ำ" becomes "ํา").
        unspaced = set(anywhere)
        self.english: dict[str, str] = {}
        inside: dict[str, str] = {}
        starting: dict[str, str] = {}
        numbers: dict[str, str] = {}
        for table, entries in words.items():
            readings = {_key(k): str(v) for k, v in entries.items()}
            self.english.update(readings)
            for word, english in readings.items():
                if _NUMBER.fullmatch(english):  # read first, so that a unit may follow: "十五岁" → "15岁"
                    numbers[word] = english
                else:
                    (inside if table in unspaced else starting)[word] = english
        self.units = {_key(k): str(v) for k, v in units.items()}
        self._numbers = re.compile(_alternation(numbers), re.IGNORECASE) if numbers else None
        alternatives = []
        if self.units:
            alternatives.append(rf"(?<=\d) ?(?P<unit>{_alternation(self.units)})")
        if inside:
            alternatives.append(f"(?P<word>{_alternation(inside)})")
        if starting:
            alternatives.append(rf"(?<!\w)(?P<start>{_alternation(starting)})")
        alternatives.append(rf"(?<=\d)(?P<glued>[{SCRIPT_LETTER}])")
        alternatives.append(rf"(?<=[{SCRIPT_LETTER}])(?P<gap>[,、。:;!?])(?=[\d{SCRIPT_LETTER}])")
        self._pattern = re.compile("|".join(alternatives), re.IGNORECASE)

    @staticmethod
    def applies(text: str) -> bool:
        """Whether ``text`` has a letter of these scripts (else neither kind of edit finds anything)."""
        return _ANY_LETTER.search(text) is not None

    def number_edits(self, text: str) -> list[Edit]:
        """Edits for the number words of ``text`` (Chinese "十五", Korean "열네", Russian "четырнадцать"), to be
        applied before :meth:`edits`."""
        if self._numbers is None:
            return []
        return [Edit(m.start(), m.end(), self.english[m.group().lower()]) for m in self._numbers.finditer(text)]

    def edits(self, text: str) -> list[Edit]:
        """Edits for every other glossary word of ``text``."""
        edits: list[Edit] = []
        for m in self._pattern.finditer(text):
            kind, found = m.lastgroup, m.group(m.lastgroup or 0)
            # One space between two words read next to each other ("พัทยาช่วย" → "Pattaya helped").
            after_edit = bool(edits) and edits[-1].end == m.start() and edits[-1].replacement.endswith(" ")
            before = "" if after_edit or m.start() == 0 or text[m.start() - 1].isspace() else " "
            after = "" if m.end() >= len(text) or text[m.end()].isspace() else " "
            if kind == "glued":
                replacement = " " + found
            elif kind == "gap":  # Chinese and Japanese put no space after a comma: "学生妹，15岁"
                replacement = found + " "
            elif kind == "unit":
                replacement = " " + self.units[found.lower()] + after
            else:
                replacement = before + self.english[found.lower()] + after
            edits.append(Edit(m.start(), m.end(), replacement))
        return edits


def _alternation(words: Mapping[str, str]) -> str:
    """A regular expression for any of the words, the longest tried first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _key(word: object) -> str:
    return unicodedata.normalize("NFKC", str(word)).lower()
