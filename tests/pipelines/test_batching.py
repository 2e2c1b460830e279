"""The batcher the analyze and store stages share: full batches at once, partial ones after a short wait."""

from __future__ import annotations

import asyncio

import pytest

from pipelines.batching import Batcher


def test_a_full_batch_is_handled_at_once_and_a_partial_one_after_the_wait() -> None:
    batches: list[list[int]] = []

    def handle(batch):
        batches.append([item["n"] for item in batch])
        for item in batch:
            item["done"] = True

    async def main():
        batcher = Batcher(3, 0.05, handle)
        return await asyncio.gather(*(batcher.add({"n": n}) for n in range(5)))

    results = asyncio.run(main())
    assert batches == [[0, 1, 2], [3, 4]]
    assert all(item["done"] for item in results)


def test_an_error_reaches_every_item_of_the_batch() -> None:
    def handle(batch):
        raise RuntimeError("backend down")

    async def main():
        batcher = Batcher(2, 0.05, handle)
        return await asyncio.gather(batcher.add({}), batcher.add({}), return_exceptions=True)

    assert [type(r) for r in asyncio.run(main())] == [RuntimeError, RuntimeError]


def test_flush_with_nothing_waiting_does_nothing() -> None:
    Batcher(2, 0.05, lambda batch: pytest.fail("nothing to handle")).flush()
