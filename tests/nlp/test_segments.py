"""Signals combine only inside one segment: short items are one, long ones overlapping sentence windows."""

from __future__ import annotations

from itertools import pairwise

from nlp.components.segments import SegmentSizes, cut, sentences

SIZES = SegmentSizes(whole_item_chars=60, window_sentences=3, window_chars=200)


def test_a_short_item_is_one_segment():
    segments = cut("Anna, 16. New in town. Call me.", SIZES)
    assert [(s["start"], s["end"]) for s in segments] == [(0, 31)]


def test_sentences_end_at_punctuation_line_breaks_and_list_bars():
    text = "One here. Two there!\nThree | Four? Five…"
    assert [text[a:b] for a, b in sentences(text)] == ["One here.", "Two there!", "Three", "Four?", "Five…"]


def test_a_long_item_is_cut_into_windows_that_share_a_sentence():
    text = " ".join(f"Sentence number {n} is here." for n in range(10))
    segments = cut(text, SIZES)
    spans = [text[s["start"] : s["end"]] for s in segments]
    assert len(spans) > 3
    for first, second in pairwise(spans):
        assert first.split(". ")[-1].rstrip(".") in second  # the last sentence opens the next window
    assert all(s.count("Sentence") <= 3 for s in spans)


def test_cutting_is_linear_in_the_length():
    text = "Word. " * 200_000
    segments = cut(text, SIZES)
    assert segments[-1]["end"] == len(text.rstrip())


def test_signals_far_apart_in_a_policy_text_do_not_combine(analyze):
    filler = " ".join(["The programme continues to work with partners in the region on prevention."] * 20)
    text = (
        f"A 14-year-old girl was among those helped this year. {filler} "
        "Families can book a consultation and contact the helpline for details."
    )
    analysis = analyze(text)
    assert analysis["risk"]["level"] in ("none", "low")
    segment = analysis["risk"]["segment"]
    assert segment["end"] - segment["start"] < len(text)
