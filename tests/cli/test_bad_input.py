"""Every bad command line of issue 13, and its kind: one line (``Error: …``, maybe a hint), exit status 2.

Each row of :data:`CASES` is a command, the environment it runs in and the words its error must contain. Files a
case needs are made in a fresh folder (``{tmp}`` in arguments and variables is that folder). Most cases run in
this process through click's runner; those that could hang, need bytes that are not UTF-8 in ``argv`` or start
a crawl run the real ``lantern`` command in a subprocess with a timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from lantern.cli.main import cli

DEEP_YAML = "name: deep\nkind: pages\nstart_urls: ['http://example.org/']\nextra: " + "[" * 5000 + "]" * 5000 + "\n"


@dataclass(frozen=True)
class Case:
    """One bad command line and what its error says."""

    args: tuple[str | bytes, ...]
    says: str
    env: dict[str, str] = field(default_factory=dict)
    subprocess: bool = False
    starts: str = "Error:"  # `sources validate` reports each file by its name instead


def _env(**values: str) -> dict[str, str]:
    return {f"LANTERN_{name.upper()}": value for name, value in values.items()}


CASES: dict[str, Case] = {
    # settings, validated when they are loaded (ranges, types, URLs, folders, files)
    "crawl-timeout-negative": Case(("runs",), "LANTERN_CRAWL_TIMEOUT", _env(crawl_timeout="-5")),
    "crawl-timeout-not-a-number": Case(("runs",), "LANTERN_CRAWL_TIMEOUT", _env(crawl_timeout="soon")),
    "batch-size-zero": Case(("analyze", "{tmp}/in.jsonl"), "LANTERN_ANALYZE_BATCH_SIZE", _env(analyze_batch_size="0")),
    "batch-size-negative": Case(
        ("analyze", "{tmp}/in.jsonl"), "LANTERN_ANALYZE_BATCH_SIZE", _env(analyze_batch_size="-3")
    ),
    "max-line-bytes-negative": Case(
        ("analyze", "{tmp}/in.jsonl"), "LANTERN_ANALYZE_MAX_LINE_BYTES", _env(analyze_max_line_bytes="-1")
    ),
    "workers-zero": Case(("analyze", "{tmp}/in.jsonl"), "LANTERN_ANALYZE_WORKERS", _env(analyze_workers="0")),
    "lexicon-dir-missing": Case(("analyze", "{tmp}/in.jsonl"), "does not exist", _env(lexicon_dir="{tmp}/nope")),
    "lexicon-dir-is-a-file": Case(("analyze", "{tmp}/in.jsonl"), "not a folder", _env(lexicon_dir="{tmp}/in.jsonl")),
    "watchlist-missing": Case(("runs",), "LANTERN_WATCHLIST_FILE", _env(watchlist_file="{tmp}/nope.yml")),
    "sources-dir-missing": Case(("sources", "list"), "LANTERN_SOURCES_DIR", _env(sources_dir="{tmp}/nope")),
    "ca-certs-missing": Case(("runs",), "LANTERN_ES_CA_CERTS", _env(es_ca_certs="{tmp}/nope.pem")),
    "pseudonym-key-one-character": Case(("runs",), "LANTERN_PSEUDONYM_KEY", _env(pseudonym_key="k")),
    "data-dir-is-a-file": Case(("search", "hotel"), "LANTERN_DATA_DIR", _env(data_dir="{tmp}/in.jsonl")),
    "data-dir-is-a-file-runs": Case(("runs",), "LANTERN_DATA_DIR", _env(data_dir="{tmp}/in.jsonl")),
    "scheduler-url-garbage": Case(("schedule", "list"), "LANTERN_SCHEDULER_DB_URL", _env(scheduler_db_url="::junk")),
    "scheduler-url-unwritable": Case(
        ("schedule", "list"), "scheduler database", _env(scheduler_db_url="sqlite:////proc/lantern/scheduler.db")
    ),
    "scheduler-url-unknown-driver": Case(
        ("schedule", "list"), "scheduler database", _env(scheduler_db_url="nosuchdb://host/db")
    ),
    "es-url-not-a-url": Case(("search", "hotel"), "LANTERN_ES_URL", _env(es_url="notaurl")),
    "opensearch-url-wrong-scheme": Case(("search", "hotel"), "LANTERN_OPENSEARCH_URL", _env(opensearch_url="ftp://x")),
    "kibana-url-env-not-a-url": Case(("runs",), "LANTERN_KIBANA_URL", _env(kibana_url="kibana")),
    "timezone-unknown": Case(("runs",), "LANTERN_TIMEZONE", _env(timezone="Mars/Olympus")),
    "verify-certs-not-a-bool": Case(("runs",), "LANTERN_ES_VERIFY_CERTS", _env(es_verify_certs="maybe")),
    "phone-region-unknown": Case(("runs",), "LANTERN_PHONE_REGION", _env(phone_region="QQ")),
    # command-line options and arguments
    "kibana-url-not-a-url": Case(("dashboards", "import", "--kibana-url", "notaurl"), "notaurl"),
    "cron-never-fires": Case(
        ("schedule", "add", "never", "--source", "demo-forum", "--cron", "0 0 31 2 *"), "never fires"
    ),
    "every-too-long": Case(("schedule", "add", "x", "--source", "demo-forum", "--every", "99999999999d"), "--every"),
    "timeout-too-long": Case(
        ("schedule", "add", "x", "--source", "demo-forum", "--every", "1h", "--timeout", "99999999999d"), "--timeout"
    ),
    "jitter-too-long": Case(
        ("schedule", "add", "x", "--source", "demo-forum", "--every", "1h", "--jitter", "99999999999d"), "--jitter"
    ),
    "offset-huge": Case(("search", "hotel", "--offset", str(10**30)), "--offset"),
    "offset-float": Case(("search", "hotel", "--offset", "1e30"), "--offset"),
    "search-20000-words": Case(("search", " ".join(["hotel"] * 20_000)), "words", subprocess=True),
    "fixtures-size-unbounded": Case(("fixtures", "generate", "--out", "{tmp}/fx", "--size", "100000000"), "--size"),
    "analyze-proc-mem": Case(("analyze", "/proc/self/mem"), "/proc/self/mem"),
    "analyze-output-is-input": Case(("analyze", "{tmp}/in.jsonl", "-o", "{tmp}/in.jsonl"), "input"),
    "analyze-lone-surrogate": Case(("analyze", "{tmp}/surrogate.jsonl"), "surrogate"),
    "export-over-the-store": Case(
        ("export", "trends", "--by", "country", "-o", "{tmp}/data/lantern.db", "--format", "csv"), "store"
    ),
    "source-deeply-nested": Case(("sources", "validate", "{tmp}/deep.yml"), "nested", starts="{tmp}/deep.yml"),
    "source-xpath-number": Case(("sources", "validate", "{tmp}/count.yml"), "number", starts="{tmp}/count.yml"),
    "source-allow-private-true": Case(
        ("sources", "validate", "{tmp}/private.yml"), "allow_private_network", starts="{tmp}/private.yml"
    ),
    "source-is-a-fifo": Case(
        ("sources", "validate", "{tmp}/fifo.yml"), "regular file", subprocess=True, starts="{tmp}/fifo.yml"
    ),
    "search-not-utf8": Case(("search", b"caf\xe9"), "UTF-8", subprocess=True),
    "show-not-utf8": Case(("show", b"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"), "UTF-8", subprocess=True),
    "crawl-log-file-missing-folder": Case(
        ("crawl", "demo-forum", "--no-progress", "--log-file", "{tmp}/nope/crawl.log"), "nope", subprocess=True
    ),
    "crawl-bad-lexicon-folder": Case(
        ("crawl", "demo-forum", "--no-progress"), "extra.yml", _env(lexicon_dir="{tmp}/badlex"), subprocess=True
    ),
}


def make_files(folder: Path) -> None:
    """The inputs the cases name."""
    (folder / "in.jsonl").write_text(json.dumps({"id": "1", "text": "hello"}) + "\n", encoding="utf-8")
    (folder / "surrogate.jsonl").write_text('{"id": "1", "text": "caf\\ud800 au lait"}\n', encoding="utf-8")
    (folder / "deep.yml").write_text(DEEP_YAML, encoding="utf-8")
    ads = "name: {name}\nkind: ads\nstart_urls: ['http://example.org/']\nlinks: {{detail: a}}\n"
    (folder / "count.yml").write_text(ads.format(name="count") + "fields: {body: 'xpath:count(//p)'}\n")
    (folder / "private.yml").write_text(ads.format(name="private") + "fields: {body: p}\nallow_private_network: true\n")
    os.mkfifo(folder / "fifo.yml")
    (folder / "badlex").mkdir()
    (folder / "badlex" / "extra.yml").write_text("language: en\nentries: [[[\n", encoding="utf-8")
    (folder / "data").mkdir()
    from lantern.storage.sqlite.store import SQLiteStore

    SQLiteStore(folder / "data" / "lantern.db").close()


def expand(value: str | bytes, folder: Path) -> str | bytes:
    return value.replace("{tmp}", str(folder)) if isinstance(value, str) else value


def run(case: Case, folder: Path) -> tuple[int, str]:
    """(exit status, standard error) of the case."""
    env = {"LANTERN_DATA_DIR": str(folder / "data")} | {k: str(expand(v, folder)) for k, v in case.env.items()}
    args = [expand(a, folder) for a in case.args]
    if case.subprocess:
        command = [sys.executable, "-m", "lantern", *args]
        done = subprocess.run(command, env=os.environ | env, capture_output=True, timeout=60, cwd=folder)
        return done.returncode, done.stderr.decode("utf-8", "replace")
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return 1, f"Traceback: {result.exception!r}"
    return result.exit_code, result.stderr


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gets_one_line_and_exit_2(name: str, tmp_path: Path) -> None:
    make_files(tmp_path)
    case = CASES[name]
    started = time.monotonic()
    code, stderr = run(case, tmp_path)
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert code == 2, stderr[-2000:]
    assert "Traceback" not in stderr
    assert lines and lines[0].startswith(str(expand(case.starts, tmp_path))), stderr[-2000:]
    assert len(lines) <= 2 and all(line.startswith(("  hint:", "  - ")) for line in lines[1:]), stderr[-2000:]
    assert case.says.lower() in stderr.lower(), stderr
    assert time.monotonic() - started < 30


def test_the_input_survives_an_output_named_like_it(tmp_path: Path) -> None:
    make_files(tmp_path)
    before = (tmp_path / "in.jsonl").read_bytes()
    run(CASES["analyze-output-is-input"], tmp_path)
    assert (tmp_path / "in.jsonl").read_bytes() == before


def test_a_lone_surrogate_is_skipped_with_skip_invalid(tmp_path: Path) -> None:
    make_files(tmp_path)
    good = json.dumps({"id": "2", "text": "the market opens at nine"})
    (tmp_path / "mixed.jsonl").write_text((tmp_path / "surrogate.jsonl").read_text() + good + "\n")
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "mixed.jsonl"), "-o", str(output), "--skip-invalid"])
    assert result.exit_code == 0, result.output
    assert "line 1" in result.stderr and "surrogate" in result.stderr
    assert [json.loads(line)["id"] for line in output.read_text().splitlines()] == ["2"]


def test_one_deeply_nested_source_file_does_not_break_the_list(tmp_path: Path) -> None:
    make_files(tmp_path)
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "deep.yml").write_text(DEEP_YAML, encoding="utf-8")
    (folder / "fine.yml").write_text("name: fine\nkind: pages\nstart_urls: ['http://example.org/']\n")
    result = CliRunner().invoke(cli, ["sources", "list"], env={"LANTERN_SOURCES_DIR": str(folder)})
    assert result.exit_code == 0, result.output
    assert "fine" in result.stdout and "pages" in result.stdout
    assert "deep" in result.stdout and "INVALID" in result.stdout
