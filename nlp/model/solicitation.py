"""The trained solicitation model: how likely a text offers or seeks a minor, read from its words.

A logistic regression over two blocks of binary features, each scaled to unit length: the character n-grams
(2-5) inside the words of the lower-cased text, with a space at each word's edges, and its words and word pairs
(scikit-learn's ``char_wb`` and ``word`` analyzers, ``binary=True``, ``use_idf=False``). The text is masked
first (:func:`masked`): the places the gazetteer found become one placeholder word, contact selectors another,
and every digit a zero, so the model learns the wording around a place, a number or a contact and not which
places, ages or example addresses its training texts happen to name. It is trained by
``tools/train_solicitation.py`` on the development sets only (``tests/data/devset*.jsonl`` and the hold-outs
retired to development, never a sealed one), which writes ``solicitation.json`` beside this module; this module
scores with those weights in plain Python and needs no scikit-learn at run time.

The rules stay the analyzer's first reader. The risk stage asks the model only about a segment that has a
minor-related signal of its own but reads as neither an offer nor a request (``nlp/rules/risk.yml``,
``learned``): rules fit the voices they were written from, and the model carries a little further into the
next one. Its signal quotes the words that weighed most for its reading.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_FILE = Path(__file__).resolve().parent / "solicitation.json"
_WORD = re.compile(r"(?u)\b\w+\b")
_WORDS_KEPT = 50_000  # words whose known character n-grams a model remembers


PLACE = " xplacex "
CONTACT = " xcontactx "
# E-mail addresses, URLs, @handles and phone-like runs of digits (with separators): contact selectors.
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|(?<!\w)@\w[\w.]*|\+?\d[\d\s().-]{6,}\d"
)
_DIGIT = re.compile(r"\d")


def masked(text: str, places: Iterable[tuple[int, int]] = ()) -> str:
    """``text`` with the place spans ``places`` (offsets into ``text``, not overlapping) replaced by a placeholder
    word, contact selectors by another, and every digit by 0."""
    pieces, last = [], 0
    for start, end in sorted(places):
        if start >= last:
            pieces += [text[last:start], PLACE]
            last = end
    pieces.append(text[last:])
    return _DIGIT.sub("0", _CONTACT.sub(CONTACT, "".join(pieces)))


@dataclass(frozen=True, slots=True)
class Reading:
    """The model's reading of a text: the probability that it offers or seeks a minor, and the word features
    that weighed most for it (strongest first)."""

    probability: float
    words: tuple[str, ...]


def char_ngrams(text: str, low: int, high: int) -> set[str]:
    """The distinct character n-grams inside the words of ``text`` (already lower-cased), as scikit-learn's
    ``char_wb`` analyzer cuts them."""
    grams: set[str] = set()
    for word in text.split():
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            offset = 0
            grams.add(padded[:n])
            while offset + n < length:
                offset += 1
                grams.add(padded[offset : offset + n])
            if offset == 0:  # a word shorter than n: counted once
                break
    return grams


def word_ngrams(text: str, low: int, high: int) -> set[str]:
    """The distinct words and word n-grams of ``text`` (already lower-cased), as the ``word`` analyzer cuts them."""
    tokens = _WORD.findall(text)
    grams = set(tokens) if low == 1 else set()
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        grams.update(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


class SolicitationModel:
    """Scores texts with the weights of a trained model file."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.threshold = float(data["threshold"])
        self.bias = float(data["bias"])
        self.char_range = tuple(data["char"]["ngram_range"])
        self.word_range = tuple(data["word"]["ngram_range"])
        self.char_weights: dict[str, float] = data["char"]["weights"]
        self.word_weights: dict[str, float] = data["word"]["weights"]
        self._word_cache: dict[str, dict[str, float]] = {}

    def _known_grams(self, word: str) -> dict[str, float]:
        """The known character n-grams of one lower-cased word with their weights (remembered: words repeat)."""
        known = self._word_cache.get(word)
        if known is None:
            if len(self._word_cache) >= _WORDS_KEPT:
                self._word_cache.clear()
            low, high = self.char_range
            weights = self.char_weights
            known = self._word_cache[word] = {g: weights[g] for g in char_ngrams(word, low, high) if g in weights}
        return known

    def decision(self, text: str) -> tuple[float, list[tuple[float, str]]]:
        """The model's log-odds for ``text`` and the weighted word features it found (weight, feature)."""
        lowered = text.lower()
        grams: dict[str, float] = {}
        for word in set(lowered.split()):  # an n-gram of two words counts once: the union of the words' n-grams
            grams.update(self._known_grams(word))
        chars = list(grams.values())
        low, high = self.word_range
        words = [(w, g) for g in word_ngrams(lowered, low, high) if (w := self.word_weights.get(g)) is not None]
        score = self.bias
        if chars:
            score += math.fsum(chars) / math.sqrt(len(chars))
        if words:
            score += math.fsum(w for w, _ in words) / math.sqrt(len(words))
        return score, words

    def read(self, text: str, places: Iterable[tuple[int, int]] = (), shown: int = 3) -> Reading:
        """The probability for ``text`` (with the place spans ``places``) and its ``shown`` strongest word features
        for that reading, placeholders and numbers left out."""
        score, words = self.decision(masked(text, places))
        probability = 1.0 / (1.0 + math.exp(-score))
        telling = (item for item in words if item[0] > 0 and _tells(item[1]))
        strongest = sorted(telling, reverse=True)[:shown]
        return Reading(probability, tuple(feature for _, feature in strongest))


def _tells(feature: str) -> bool:
    """Whether a word feature can be quoted from the text: not a placeholder and not only zeros."""
    return not any(word in ("xplacex", "xcontactx") or not word.strip("0") for word in feature.split())


@lru_cache(maxsize=2)
def load(path: Path = MODEL_FILE) -> SolicitationModel:
    """The model of a model file (read once)."""
    return SolicitationModel(json.loads(path.read_text(encoding="utf-8")))


def feature_span(text: str, feature: str) -> tuple[int, int] | None:
    """Where a word feature ("foreign guests") stands in ``text``: its first occurrence, words apart by anything
    that is not a word character, case ignored."""
    pattern = r"\W+".join(re.escape(word) for word in feature.split())
    match = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE)
    return (match.start(), match.end()) if match else None
