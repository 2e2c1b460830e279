"""The age grammar's word alternations, written as trees of shared beginnings, match exactly what the flat
lists of words (longest first) matched; the look-aheads on a match's first character lose no match."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.ages.patterns import NUM, alternation, first_of
from nlp.data import load_yaml, rules_file

# What can follow a word in the grammar's patterns: nothing, a word end, a number, more letters, spaces.
TAILS = ["", r"(?![\w])", r"\s{0,3}[:=]?\s{0,3}\d", r"s?\s{1,2}\d", r"\w{0,3}", r"\s{0,3},?\s{0,3}$"]
ODD = ["ſ", "K", "ı", "İ", "ß", "é", "É", "  ", "\t", "\n", "-", "/", "1 6", "15", ",", "."]


def word_lists() -> Iterator[list[str]]:
    """Every word list of ``nlp/rules/ages.yml``, the bounds' too."""
    rules = load_yaml(rules_file("ages.yml"))
    for value in (*rules.values(), *rules["bounds"].values()):
        if isinstance(value, list) and all(isinstance(word, str) for word in value):
            yield value


WORDS = [word for words in word_lists() for word in words]


def flat(words: list[str]) -> str:
    """The alternation as it was written before the tree: every word in turn, longest first."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s{1,3}") for w in ordered)


def spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE | re.MULTILINE)]


def variants(word: str) -> list[str]:
    return [word, word.upper(), word.title(), word.replace(" ", "  "), word[:-1], word + "s 16", f"x{word} 15"]


def test_every_word_list_matches_its_own_words_as_before():
    for words in word_lists():
        text = " | ".join(v for word in words for v in variants(word)) + " " + " ".join(ODD)
        for tail in TAILS:
            before, after = f"(?<![\\w])(?:{flat(words)}){tail}", f"(?<![\\w])(?:{alternation(words)}){tail}"
            assert spans(after, text) == spans(before, text), (words[:3], tail)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=30),
    st.lists(st.sampled_from(WORDS + ODD) | st.text(max_size=3), max_size=10).map(" ".join),
    st.sampled_from(TAILS),
)
def test_any_words_match_any_text_as_before(words, text, tail):
    before, after = f"(?:{flat(words)}){tail}", f"(?:{alternation(words)}){tail}"
    assert spans(after, text) == spans(before, text)


def test_shared_beginnings_are_written_once_and_odd_white_space_stays_a_flat_list():
    assert alternation(["girl", "girls", "girlfriend", "ik ben", "ik"]) == r"girl(?:friend|s|)|ik(?:\s{1,3}ben|)"
    assert alternation(["a\tb", "ab"]) == flat(["a\tb", "ab"])
    assert alternation(["a  b", "ab"]) == flat(["a  b", "ab"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=30),
    st.lists(st.sampled_from(WORDS + ODD) | st.text(max_size=3), max_size=10).map(" ".join),
)
def test_a_first_character_look_ahead_loses_no_match(words, text):
    body = rf"(?:(?:{alternation(words)})\s{{1,3}})?{NUM}"
    assert spans(first_of(words, r"\d") + body, text) == spans(body, text)


def test_no_look_ahead_when_a_word_is_empty():
    assert first_of([]) == first_of(["", "about"]) == ""
    assert first_of(["about", "Around"], r"\d") == r"(?=[Aa\d])"
