"""``lantern analyze INPUT [-o OUTPUT]``: JSON Lines in, one analysis record per line out (the contract)."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any

import click

from lantern.atomic import atomic_output
from lantern.errors import InputError
from lantern.jsonl import InvalidLine, read_objects
from lantern.settings import Settings
from nlp.analyzer import input_problem
from nlp.parallel import analyze_chunks


def _record_encoder() -> Callable[[Any], str]:
    """``json.dumps(record, ensure_ascii=False)``, the same text, without its per-call work: ``JSONEncoder``
    builds a new C encoder for every object it encodes; this one is built once (records hold no cycles, so
    it need not look for them). Python's own encoder where the C one is missing."""
    make_encoder = getattr(json.encoder, "c_make_encoder", None)
    if make_encoder is None:
        return json.JSONEncoder(ensure_ascii=False).encode

    def default(value: Any) -> Any:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    chunks = make_encoder(None, default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)

    def encode(record: Any) -> str:
        return "".join(chunks(record, 0))

    return encode


_encode = _record_encoder()


def read_chunks(
    stream: IO[bytes],
    *,
    size: int,
    max_line_bytes: int,
    skip_invalid: bool,
    on_skip: Callable[[InvalidLine], None],
) -> Iterator[list[dict[str, Any]]]:
    """Valid input objects in chunks. An invalid line stops with :class:`InputError` unless skipped."""
    chunk: list[dict[str, Any]] = []
    for number, value in read_objects(stream, max_line_bytes):
        if not isinstance(value, InvalidLine) and (problem := input_problem(value)):
            value = InvalidLine(number, problem)
        if isinstance(value, InvalidLine):
            if skip_invalid:
                on_skip(value)
                continue
            if chunk:
                yield chunk
            raise InputError(str(value), hint="fix the line, or pass --skip-invalid to report and skip it")
        chunk.append(value)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _open_input(stack: ExitStack, path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    source = Path(path)
    if source.is_dir():
        raise InputError(f"{path} is a folder, expected a JSON Lines file")
    try:
        return stack.enter_context(source.open("rb"))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None


def _open_output(stack: ExitStack, path: str | None, input_path: str) -> IO[str]:
    """Standard output, or a temporary file renamed to ``path`` when every line was analysed (never the input)."""
    if path is None or path == "-":
        return sys.stdout
    inputs = [Path(input_path)] if input_path != "-" else []
    temporary = stack.enter_context(atomic_output(Path(path), inputs=inputs))
    try:
        return stack.enter_context(temporary.open("w", encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None


def _reading(chunks: Iterator[list[dict[str, Any]]], path: str) -> Iterator[list[dict[str, Any]]]:
    """The chunks; an error of the operating system while reading becomes an :class:`InputError`."""
    try:
        yield from chunks
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


@click.command("analyze")
@click.argument("input_path", metavar="INPUT")
@click.option("-o", "--output", "output_path", metavar="OUTPUT", help="Output file (default: standard output).")
@click.option("--workers", type=click.IntRange(min=1), help="Processes to use (default LANTERN_ANALYZE_WORKERS).")
@click.option("--skip-invalid", is_flag=True, help="Report invalid lines on standard error and skip them.")
@click.pass_obj
def analyze_command(
    settings: Settings, input_path: str, output_path: str | None, workers: int | None, skip_invalid: bool
) -> None:
    """Analyse a JSON Lines file of texts; write one analysis record per line, in input order.

    Each input line is an object with "id" and "text", and optionally "title", "url", "language" (a hint)
    and "posted_at" (ISO 8601, the reference date for birth years). INPUT may be - for standard input.
    OUTPUT is written under a temporary name and renamed when every line was analysed; it is never INPUT.

    Example: lantern analyze items.jsonl -o analysis.jsonl --workers 2
    """
    skipped: list[InvalidLine] = []
    levels: Counter[str] = Counter()
    started = time.perf_counter()

    def on_skip(line: InvalidLine) -> None:
        skipped.append(line)
        click.echo(f"skipped {line}", err=True)

    with ExitStack() as stack:
        sink = _open_output(stack, output_path, input_path)
        source = _open_input(stack, input_path)
        chunks = _reading(
            read_chunks(
                source,
                size=settings.analyze_batch_size,
                max_line_bytes=settings.analyze_max_line_bytes,
                skip_invalid=skip_invalid,
                on_skip=on_skip,
            ),
            input_path,
        )
        options = analyzer_options(settings)
        advance = stack.enter_context(progress_line("analysed"))
        for records in analyze_chunks(chunks, workers=workers or settings.analyze_workers, options=options):
            for record in records:
                sink.write(_encode(record) + "\n")
                levels[record["analysis"]["risk"]["level"]] += 1
            sink.flush()
            advance(len(records))
    _summary(levels, skipped, time.perf_counter() - started)


@contextmanager
def progress_line(verb: str) -> Iterator[Callable[[int], None]]:
    """A live count of items ("analysed 1,200 item(s)") on standard error when it is a terminal; a no-op
    otherwise."""
    if not sys.stderr.isatty():
        yield lambda _count: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn(f"{verb} {{task.completed:,.0f}} item(s)"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("analyse", total=None)
        yield lambda count: progress.advance(task, count)


def analyzer_options(settings: Settings) -> dict[str, Any]:
    """The analyzer's keyword arguments from Lantern's settings (for worker processes)."""
    return {
        "lexicon_dir": settings.lexicon_dir,
        "watchlist_file": settings.watchlist_file,
        "cache_dir": settings.cache_dir,
        "phone_region": settings.phone_region,
        "batch_size": settings.analyze_batch_size,
    }


def _summary(levels: Counter[str], skipped: list[InvalidLine], seconds: float) -> None:
    total = sum(levels.values())
    by_level = ", ".join(f"{level} {levels[level]}" for level in ("high", "medium", "low", "none"))
    note = f", {len(skipped)} invalid line(s) skipped" if skipped else ""
    click.echo(f"analysed {total} item(s) in {seconds:.1f} s ({by_level}){note}", err=True)


COMMANDS = [analyze_command]
