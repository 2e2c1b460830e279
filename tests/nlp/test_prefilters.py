"""The cheap pre-tests that let the analyzer skip a pattern never change what the pattern would have found."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.components.lexicon import required_lowers
from nlp.normalize.leet import _MIXED
from nlp.normalize.normalizer import normalizer_for
from nlp.normalize.offsets import Edit
from nlp.normalize.prefilter import WordTest, has_ascii_digit, has_digit, has_long_run, needles

# Fragments that make matches likely: number words in several spellings, separators, look-alikes.
FRAGMENTS = [
    "six",
    "Sixteen",
    "SIX TEEN",
    "six-teen",
    "seven teen",
    "twenty",
    "TwentyOne",
    "twenty-one",
    "ten",
    "often",
    "ochtend",
    "zes",
    "zes-tien",
    "zestienjarig",
    "tweeëntwintig",
    "eenentwintig",
    "een-en-twintig",
    "één",
    "elf",
    "zelf",
    "vier",
    "rivier",
    "ſix",
    "sıx",
    "SİX",
    "Kelvin",
    "s1xt33n",
    "l6",
    "16",
    "_",
    "-",
    ".",
    " ",
    "  ",
    "\n",
    "\t",
    "é",
    "jarig",
    "x",
    "9",
    "teen",
    "tien",
    "thir",
    "fif",
    "eigh",
]
texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=12).map("".join)


def regex_only(reader, text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), str(reader.value(m))) for m in reader.pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_number_words_are_found_as_without_the_pretest(text):
    for language in ("en", "nl"):
        for reader in normalizer_for(language).numbers:
            assert reader.edits(text) == regex_only(reader, text)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(min_value=0, max_value=6))
def test_long_runs_and_digits_are_never_missed(text, limit):
    runs = [len(run) for run in text.split()] + [0]
    spaces = max((len(m) for m in __import__("re").findall(r"\s+", text)), default=0)
    assert has_long_run(text, limit) >= (max(runs) > limit or spaces > limit)
    assert has_ascii_digit(text) == any(c in "0123456789" for c in text)
    assert has_ascii_digit(text) >= bool(_MIXED.search(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab 7\u0663\u096b\uff15\u00b2\u00e9"), max_size=12) | st.text(max_size=12))
def test_digit_test_says_what_backslash_d_says(text):
    """ASCII 0-9, Arabic-Indic and Devanagari digits, full-width ones; a superscript two is no decimal digit."""
    assert has_digit(text) == bool(re.search(r"\d", text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\u00a0\u2003\x1cab", max_size=20), st.integers(min_value=0, max_value=6))
def test_long_run_test_says_what_the_regular_expression_said(text, limit):
    """Never misses a run longer than the limit. Printable ASCII is answered exactly; other text as the
    two-spaces pattern and the longest word did (a space run of two may say yes: the run breaker then looks)."""
    exact = len(text) > limit and re.search(rf"\S{{{limit + 1},}}|\s{{{limit + 1},}}", text) is not None
    said = len(text) > limit and (
        limit < 1 or bool(re.search(r"\s\s", text)) or max(map(len, text.split()), default=0) > limit
    )
    answer = has_long_run(text, limit)
    assert answer or not exact
    assert answer == (exact if limit >= 1 and text.isascii() and text.isprintable() else said)


def test_whole_normaliser_output_is_unchanged_for_long_runs():
    text = "a" * 70 + " " + "\n" * 3 + " " * 80 + "b"
    assert normalizer_for("en").normalize(text).text == "a" * 64 + " " + "a" * 6 + "\n\nb"


def test_needles_and_word_starts():
    assert needles(["sixteen", "six", "teen"]) == ("six", "teen")
    assert needles(["veertien", "tien"], starting=True) == ("tien", "veertien")
    assert not WordTest(["twintig"], starting=["ten"]).may_occur("De ochtend is rustig")
    assert WordTest([], starting=["ten"]).may_occur("Ten o'clock")
    assert WordTest([], starting=["ten"]).may_occur("(ten)")
    assert WordTest(["six"]).may_occur("ſix")  # non-ASCII text: always maybe
    assert WordTest(["één"]).may_occur("een")  # non-ASCII words: always maybe


def test_number_words_with_odd_case_forms_are_read():
    assert normalizer_for("en").normalize("sıx years, SİX").text == "6 years, 6"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ([{"LOWER": {"IN": ["a", "b"]}}], [{"a", "b"}]),
        ([{"LOWER": "naar"}, {"IS_TITLE": True}], [{"naar"}]),
        ([{"LOWER": "x", "OP": "?"}, {"lower": "y"}], [{"y"}]),
        ([{"IS_TITLE": True}], None),
        ([{"LOWER": {"NOT_IN": ["a"]}}], None),
        ([{"LOWER": "x", "OP": "*"}], None),
        # every token it cannot skip gates the pattern, but for groups with a very common word
        ([{"LOWER": {"IN": ["bring", "take"]}}, {"LOWER": "to"}, {"LOWER": {"IN": ["room", "kamer"]}}],
         [{"bring", "take"}, {"room", "kamer"}]),
        ([{"LOWER": {"IN": ["to", "in", "x"]}}, {"LOWER": "the"}], [{"the"}]),
    ],
)
def test_required_lowers(pattern, expected):
    assert required_lowers(pattern) == (None if expected is None else tuple(frozenset(e) for e in expected))
