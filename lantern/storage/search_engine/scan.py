"""Reading every hit of a query page by page with ``search_after`` (no scroll context to keep or clean up).

The sort must end with a unique field (``id``), so pages never overlap. A document changed between two pages
may be seen in its old or its new place; callers that need a stable view (exports) accept that, as a
scroll without a point in time would.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lantern.storage.search_engine.engine import Engine


def scan(engine: Engine, index: str, body: dict[str, Any], size: int = 500) -> Iterator[dict[str, Any]]:
    """Every hit of ``body`` (which must have a ``sort`` ending in a unique field), in sort order."""
    page = {**body, "size": size, "track_total_hits": False}
    while True:
        hits = engine.request("POST", f"/{index}/_search", page)["hits"]["hits"]
        yield from hits
        if len(hits) < size:
            return
        page["search_after"] = hits[-1]["sort"]
