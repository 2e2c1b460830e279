"""The resolver's fast paths cut and match texts exactly as the general ones do."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nlp.gazetteer.resolver import _SPLIT, _SPLIT_ASCII, _prefixes

ASCII_TEXT = st.text(alphabet=st.characters(max_codepoint=127), max_size=80) | st.lists(
    st.sampled_from(["Rio", "de", "Janeiro", "it's", "O'Hara", "_x", "U.S.", "St. Louis", "4x4", "'s", " ", "\n"]),
    max_size=20,
).map("".join)


@given(ASCII_TEXT)
def test_ascii_pattern_cuts_an_ascii_text_as_the_unicode_one(text):
    assert _SPLIT_ASCII.split(text) == _SPLIT.split(text)


def test_prefixes_are_the_beginnings_of_longer_names():
    names = {"rio de janeiro": 1, "rio": 2, "los angeles": 3, "a b c d": 4}
    assert _prefixes(names) == {"rio de", "a b", "a b c"}
