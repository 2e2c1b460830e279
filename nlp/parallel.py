"""Analysing with several processes: chunks go to worker processes, records come back in input order."""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from nlp.analyzer import Analyzer
from nlp.types import AnalysisRecord

_worker_analyzer: Analyzer | None = None
# Collect the youngest generation after this many new container objects rather than Python's 700: a batch of
# texts makes tens of thousands of short-lived dicts and lists (evidence, records) that outlive many collections
# of 700 and are walked again by each of them. With this, a tenth as many collections, a little more memory.
_YOUNG_THRESHOLD = 7000


def tune_collector() -> None:
    """Set the garbage collector for analysing many texts in this process (see ``_YOUNG_THRESHOLD``)."""
    young, older, oldest = gc.get_threshold()
    gc.set_threshold(max(young, _YOUNG_THRESHOLD), older, oldest)


def _init_worker(options: dict[str, Any]) -> None:
    global _worker_analyzer
    tune_collector()
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
        tune_collector()
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
