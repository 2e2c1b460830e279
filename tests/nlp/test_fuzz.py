"""The analyzer and its input reader under fuzzing: lone surrogates, control characters, mixed scripts and any
bytes at all never crash, every record is valid and writable as UTF-8, and a 15 MB line fits in bounded memory."""

from __future__ import annotations

import io
import json
import os
import random
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantern.jsonl import InvalidLine, read_objects
from tests.nlp.test_long_inputs import check_record
from tests.watch import run_watched

SCRIPTS = st.sampled_from(
    [
        "she is 16 yo, new in town",
        "ik ben zestien jaar",
        "Привет, мне 15 лет",
        "مرحبا عمري ١٥ سنة",
        "我今年十五岁",
        "मेरी उम्र 15 साल है",
        "สวัสดี อายุ 15 ปี",
        "👧🏻 15 🍕",
        "\u202e\u200b\u200d\ufeff",
        "call +31 6 1234 5678",
    ]
)
HOSTILE_CHARS = st.characters(categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zs", "Mn", "L", "N", "P", "So"))
TEXT = st.lists(st.one_of(st.text(HOSTILE_CHARS, max_size=30), SCRIPTS), max_size=10).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, title=st.one_of(st.none(), TEXT), language=st.sampled_from([None, "en", "nl", "ru", "zz"]))
def test_any_characters_give_a_valid_record_that_utf8_can_hold(analyzer, text, title, language):
    item = {"id": "fuzz", "text": text, "title": title, "language": language}
    record = analyzer.analyze(item)
    check_record(item, record)
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # no lone surrogate reaches the record


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "\udbff\udc00\ud800", "16 yo \ud83d new in town"])
def test_lone_surrogates_are_read_as_replacement_characters(analyzer, text):
    record = analyzer.analyze({"id": "s", "text": text})
    check_record({"id": "s", "text": text}, record)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400))
def test_the_reader_never_raises_on_any_bytes(data):
    for _number, value in read_objects(io.BytesIO(data), 256):
        assert isinstance(value, dict | InvalidLine)
        if isinstance(value, dict):
            json.dumps(value, ensure_ascii=False).encode("utf-8")


LINE_BYTES = 15_000_000
PEAK_MB = 2_500  # measured: about 1,450 MB for this line (analyzer ~250 MB plus ~80 bytes per character)


@pytest.mark.slow
def test_a_15_mb_line_is_analysed_in_bounded_memory(tmp_path):
    words = "the market opened at nine hotel pattaya new in town call me later she is 16 yo".split()
    rng = random.Random(13)
    text = " ".join(rng.choice(words) for _ in range(LINE_BYTES // 4))[:LINE_BYTES]
    source = tmp_path / "big.jsonl"
    source.write_text(json.dumps({"id": "big", "text": text}) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "lantern", "analyze", str(source), "-o", str(output)]
    result = run_watched(command, dict(os.environ))
    assert result.returncode == 0, result.stderr[-2000:]
    [record] = [json.loads(line) for line in output.read_text().splitlines()]
    assert record["id"] == "big" and record["analysis"]["risk"]["level"] in ("low", "medium", "high")
    assert result.peak_mb < PEAK_MB, (result.peak_mb, result.seconds)
