"""``lantern analyze`` as a user runs it: a real subprocess reading files and standard input."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.cli.conftest import LANTERN, jsonl, records

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "contracts" / "analysis.schema.json").read_text())
ITEMS = [
    {"id": "1", "text": "Ik ben zes-tien jaar en nieuw in de stad."},
    {"id": "2", "text": "The weather in Utrecht was mild today.", "title": "Weather"},
    {"id": "3", "text": "She is 16 yo, call +1 202 555 0143 or mail jane [at] example [dot] org."},
    {"id": "4", "text": "Market opens at nine; bread, cheese and fruit.", "language": "en"},
]


def test_one_valid_record_per_line_in_input_order(lantern_cli, tmp_path):
    source = tmp_path / "items.jsonl"
    source.write_bytes(jsonl(*ITEMS))
    result = lantern_cli("analyze", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 0, result.stderr
    output = records((tmp_path / "out.jsonl").read_bytes())
    assert [r["id"] for r in output] == ["1", "2", "3", "4"]
    validator = Draft202012Validator(SCHEMA)
    for record in output:
        validator.validate(record)
    assert output[2]["analysis"]["contacts"]["phones"] == ["+12025550143"]
    assert b"analysed 4 item(s)" in result.stderr


def test_standard_input_and_output(lantern_cli):
    result = lantern_cli("analyze", "-", "-o", "-", input=jsonl(*ITEMS))
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in records(result.stdout)] == ["1", "2", "3", "4"]


def test_invalid_json_stops_with_the_line_number_after_writing_earlier_records(lantern_cli):
    data = jsonl(*ITEMS[:2]) + b'{"id": "x", "text": \n' + jsonl(ITEMS[2])
    result = lantern_cli("analyze", "-", input=data)
    assert result.returncode == 2
    assert b"line 3" in result.stderr and b"not valid JSON" in result.stderr
    assert b"Traceback" not in result.stderr
    assert [r["id"] for r in records(result.stdout)] == ["1", "2"]


@pytest.mark.parametrize(
    ("line", "message"),
    [({"text": "no id"}, b"missing 'id'"), ({"id": "x"}, b"missing 'text'"), ({"id": 5, "text": "t"}, b"'id' must")],
)
def test_missing_or_wrong_fields_stop_with_exit_2(lantern_cli, line, message):
    result = lantern_cli("analyze", "-", input=jsonl(ITEMS[0], line))
    assert result.returncode == 2
    assert b"line 2" in result.stderr and message in result.stderr


def test_skip_invalid_reports_on_stderr_and_continues(lantern_cli):
    data = jsonl(ITEMS[0]) + b"not json\n" + jsonl({"id": "x"}, ITEMS[1]) + b"[1, 2]\n"
    result = lantern_cli("analyze", "-", "--skip-invalid", input=data)
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in records(result.stdout)] == ["1", "2"]
    for number in (2, 3, 5):
        assert f"skipped line {number}:".encode() in result.stderr
    assert b"3 invalid line(s) skipped" in result.stderr


_MAXRSS = (
    "import atexit, resource, sys;"
    "atexit.register(lambda: sys.stderr.write(f'maxrss={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'));"
    "from lantern.cli.main import cli; cli(prog_name='lantern')"
)


def _peak_kib(tmp_path: Path, source: Path) -> tuple[subprocess.CompletedProcess, int]:
    env = {**os.environ, "LANTERN_DATA_DIR": str(tmp_path / "data")}
    args = [sys.executable, "-c", _MAXRSS, "analyze", str(source), "--skip-invalid"]
    result = subprocess.run(args, capture_output=True, env=env, timeout=300)
    return result, int(result.stderr.decode().rsplit("maxrss=", 1)[1])


@pytest.mark.slow
def test_a_50_mb_line_is_reported_without_reading_it_into_memory(tmp_path):
    small, huge = tmp_path / "small.jsonl", tmp_path / "huge.jsonl"
    small.write_bytes(jsonl(ITEMS[0], ITEMS[1]))
    with huge.open("wb") as out:
        out.write(jsonl(ITEMS[0]) + b'{"id": "big", "text": "')
        for _ in range(50):
            out.write(b"word " * (1 << 18))  # 1.25 MiB a time, 62.5 MiB in all
        out.write(b'"}\n' + jsonl(ITEMS[1]))
    _, baseline_kib = _peak_kib(tmp_path, small)
    result, peak_kib = _peak_kib(tmp_path, huge)
    assert result.returncode == 0, result.stderr[-2000:]
    assert b"skipped line 2: line is longer than" in result.stderr
    assert [r["id"] for r in records(result.stdout)] == ["1", "2"]
    # The line limit (16 MiB by default) is read at most; reading the line whole would add > 60 MiB.
    assert peak_kib - baseline_kib < 40 * 1024, (baseline_kib, peak_kib)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", b"binary file"),
        (b"\x7fELF\x02\x01\x01\x03\x04\x05\xff\xfe\n", b"binary file"),
        (b'{"id": "1", "text": "caf\xe9"}\n', b"not UTF-8"),
    ],
    ids=["png", "elf", "latin-1"],
)
def test_binary_input_gets_a_clear_error(lantern_cli, tmp_path, data, message):
    source = tmp_path / "input.jsonl"
    source.write_bytes(data)
    result = lantern_cli("analyze", str(source))
    assert result.returncode == 2
    assert message in result.stderr and b"line 1" in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.slow
def test_two_workers_give_the_same_output_as_one(lantern_cli, tmp_path):
    items = [{"id": str(i), "text": f"{ITEMS[i % 4]['text']} number {i}"} for i in range(600)]
    source = tmp_path / "items.jsonl"
    source.write_bytes(jsonl(*items))
    env = {"LANTERN_ANALYZE_BATCH_SIZE": "64"}
    one = lantern_cli("analyze", str(source), "--workers", "1", env=env)
    two = lantern_cli("analyze", str(source), "--workers", "2", env=env)
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout
    assert len(records(two.stdout)) == 600


@pytest.mark.parametrize("path", ["missing.jsonl", "."])
def test_missing_input_file_is_a_clear_error(lantern_cli, tmp_path, path):
    result = lantern_cli("analyze", str(tmp_path / path))
    assert result.returncode == 2
    assert b"Error:" in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.slow
def test_progress_shows_only_when_stderr_is_a_terminal(lantern_cli, tmp_path):
    source = tmp_path / "items.jsonl"
    source.write_bytes(jsonl(*ITEMS))
    piped = lantern_cli("analyze", str(source))
    assert piped.stderr.decode().splitlines() == [piped.stderr.decode().strip()]  # the summary line only
    controller, terminal = pty.openpty()
    env = {**os.environ, "LANTERN_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "100"}
    with open(terminal, "wb") as stderr:
        result = subprocess.run(
            [str(LANTERN), "analyze", str(source)],
            stderr=stderr,
            capture_output=False,
            stdout=subprocess.PIPE,
            env=env,
            timeout=300,
        )
    shown = os.read(controller, 65536)
    os.close(controller)
    assert result.returncode == 0
    assert b"analysed" in shown and b"\x1b[" in shown  # rich draws (and then clears) the live line
