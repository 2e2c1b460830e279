"""The check made once per store before its first request: the server is the product the backend expects and
a version its client library can talk to."""

from __future__ import annotations

from lantern.storage.search_engine.engine import Engine


def check_server(engine: Engine) -> dict[str, object]:
    """The answer to ``GET /``, after the engine checked it (ConfigError on a mismatch)."""
    info = engine.request("GET", "/")
    engine.check(info)
    return info
