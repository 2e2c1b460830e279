"""Spider middleware: items yielded from a page carry that page's capture to the evidence stage.

The capture (``item["_evidence"]``, see lantern.evidence.capture) holds the HTML response as received; the
evidence stage (pipelines/evidence.py) keeps it for items rated medium or high and drops it for all others, so
it never reaches the store or the spool. Responses that are not HTML are never captured.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from lantern.evidence.capture import Capture, capture_of
from pipelines.shared import settings_for

EVIDENCE_KEY = "_evidence"


class EvidenceMiddleware:
    """Attach the response's capture to every item the spider yields from it."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    @classmethod
    def from_crawler(cls, crawler: Any) -> EvidenceMiddleware:
        return cls(settings_for(crawler).evidence_capture)

    def process_spider_output(self, response: Any, result: Iterable[Any], spider: Any = None) -> Iterator[Any]:
        """The spider's output, items carrying the capture."""
        holder = _CaptureOnce(response)
        for element in result:
            yield self._attach(element, holder)

    async def process_spider_output_async(
        self, response: Any, result: AsyncIterator[Any], spider: Any = None
    ) -> AsyncIterator[Any]:
        """The same for asynchronous callbacks."""
        holder = _CaptureOnce(response)
        async for element in result:
            yield self._attach(element, holder)

    def _attach(self, element: Any, holder: _CaptureOnce) -> Any:
        if self.enabled and isinstance(element, dict) and "id" in element:
            capture = holder.get()
            if capture is not None:
                element[EVIDENCE_KEY] = capture
        return element


class _CaptureOnce:
    """One capture per response, however many items it carries (made only when an item asks)."""

    def __init__(self, response: Any) -> None:
        self.response = response
        self.done = False
        self.capture: Capture | None = None

    def get(self) -> Capture | None:
        if not self.done:
            self.capture = capture_of(self.response)
            self.done = True
        return self.capture
