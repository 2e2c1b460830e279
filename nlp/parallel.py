"""Analysing with several processes: chunks go to worker processes, records come back in input order."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from nlp.analyzer import Analyzer
from nlp.types import AnalysisRecord

_worker_analyzer: Analyzer | None = None


def _init_worker(options: dict[str, Any]) -> None:
    global _worker_analyzer
    _worker_analyzer = Analyzer(**options)


def _analyze_chunk(chunk: list[dict[str, Any]]) -> list[AnalysisRecord]:
    assert _worker_analyzer is not None
    return list(_worker_analyzer.analyze_many(chunk))


def analyze_chunks(
    chunks: Iterable[list[dict[str, Any]]], *, workers: int, options: Mapping[str, Any]
) -> Iterator[list[AnalysisRecord]]:
    """Analyse chunks of items, in order. With ``workers`` > 1 each worker process has its own analyzer.

    If ``chunks`` raises, the records of every chunk read before are yielded first, then the error.
    """
    if workers <= 1:
        analyzer = Analyzer(**options)
        for chunk in chunks:
            yield list(analyzer.analyze_many(chunk))
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(dict(options),)) as pool:
        pending: deque[Any] = deque()
        try:
            for chunk in chunks:
                pending.append(pool.apply_async(_analyze_chunk, (chunk,)))
                while len(pending) > workers * 2 or (pending and pending[0].ready()):
                    yield pending.popleft().get()
        except Exception:
            while pending:
                yield pending.popleft().get()
            raise
        while pending:
            yield pending.popleft().get()
