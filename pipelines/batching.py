"""Batching for pipeline stages: items wait (each in its own ``process_item``) until a batch is full or a short
time has passed, then the batch is handled at once and every waiting item carries on."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

Item = dict[str, Any]


class Batcher:
    """Run ``handle(batch)`` on up to ``size`` items, or on fewer after ``max_wait`` seconds."""

    def __init__(self, size: int, max_wait: float, handle: Callable[[list[Item]], None]) -> None:
        self.size = size
        self.max_wait = max_wait
        self.handle = handle
        self.pending: list[tuple[Item, asyncio.Future[Item]]] = []
        self.timer: asyncio.TimerHandle | None = None

    async def add(self, item: Item) -> Item:
        """The item, once its batch has been handled (or the batch's error)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Item] = loop.create_future()
        self.pending.append((item, future))
        if len(self.pending) >= self.size:
            self.flush()
        elif self.timer is None:
            self.timer = loop.call_later(self.max_wait, self.flush)
        return await future

    def flush(self) -> None:
        """Handle every waiting item now."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            self.handle([item for item, _ in batch])
        except Exception as exc:
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for item, future in batch:
            if not future.done():
                future.set_result(item)
