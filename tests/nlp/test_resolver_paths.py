"""The resolver's fast paths cut and match texts exactly as the general ones do."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nlp.gazetteer.build import CAPMID, FLAG_BITS, LOWER, any_flag, options
from nlp.gazetteer.resolver import _SPLIT, _SPLIT_ASCII, _SPLIT_PLAIN, _prefixes, _writing_fits

ASCII_TEXT = st.text(alphabet=st.characters(max_codepoint=127), max_size=80) | st.lists(
    st.sampled_from(["Rio", "de", "Janeiro", "it's", "O'Hara", "_x", "U.S.", "St. Louis", "4x4", "'s", " ", "\n"]),
    max_size=20,
).map("".join)


@given(ASCII_TEXT)
def test_ascii_pattern_cuts_an_ascii_text_as_the_unicode_one(text):
    assert _SPLIT_ASCII.split(text) == _SPLIT.split(text)


@given(ASCII_TEXT)
def test_an_ascii_text_in_lower_case_cuts_into_its_pieces_in_lower_case(text):
    """What lets the resolver cut an ASCII text's lower-case form and take its words as the keys (``_words``)."""
    assert _SPLIT_ASCII.split(text.lower()) == [piece.lower() for piece in _SPLIT_ASCII.split(text)]
    if "'" not in text:
        assert _SPLIT_PLAIN.split(text.lower()) == [piece.lower() for piece in _SPLIT_PLAIN.split(text)]


def test_prefixes_are_the_beginnings_of_longer_names():
    names = {"rio de janeiro": 1, "rio": 2, "los angeles": 3, "a b c d": 4}
    assert _prefixes(names) == {"rio de", "a b", "a b c"}


FLAGS = st.integers(min_value=0, max_value=(1 << FLAG_BITS) - 1)
ENCODED = st.tuples(st.integers(0, 10**6), FLAGS).map(lambda pair: pair[0] << FLAG_BITS | pair[1])


@given(st.one_of(ENCODED, st.lists(ENCODED, min_size=1, max_size=4).map(tuple)), FLAGS)
def test_any_flag_tells_what_the_decoded_options_tell(encoded, flag):
    assert any_flag(encoded, flag) == any(flags & flag for _, flags in options(encoded))


@given(
    st.text(alphabet="abcxyzABCXYZ.-' \n", max_size=12),
    st.text(alphabet="abcxyzABCXYZ'- ", min_size=1, max_size=12),
    st.text(alphabet="abcxyzABCXYZ. ", max_size=12),
    FLAGS,
)
def test_a_name_written_with_a_lower_case_first_letter_fits_only_a_lower_case_reading(before, name, after, flags):
    """What lets the resolver pass over the names without a LOWER reading at such a word (``_longest``)."""
    text = before + name + after
    start, end = len(before), len(before) + len(name)
    if text[start].islower() and text[start].isalpha() and not flags & LOWER:
        assert not _writing_fits(text, start, end, flags)
        assert not _writing_fits(text, start, end, flags & ~CAPMID)
