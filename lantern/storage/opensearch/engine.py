"""The shared search-engine code's :class:`~lantern.storage.search_engine.engine.Engine` on opensearch-py."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from lantern.errors import ConfigError
from lantern.storage.search_engine.engine import http_error, server_product, unreachable

if TYPE_CHECKING:
    from opensearchpy import OpenSearch

NDJSON = {"content-type": "application/x-ndjson"}


class OpenSearchEngine:
    """REST calls through an :class:`opensearchpy.OpenSearch` client."""

    product = "OpenSearch"

    def __init__(self, client: OpenSearch, url: str, *, timeout: float = 60.0) -> None:
        self.client = client
        self.url = url
        self.timeout = timeout  # passed on every request, so a ``timeout`` parameter stays a parameter

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        params: Mapping[str, Any] | None = None,
        ignore: Collection[int] = (),
    ) -> dict[str, Any]:
        """The JSON answer of one request (see the Engine protocol)."""
        return self._send(method, path, body, params, ignore, None)

    def bulk(self, ndjson: str, *, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """POST ``/_bulk``."""
        return self._send("POST", "/_bulk", ndjson, params, (), NDJSON)

    def check(self, info: dict[str, Any]) -> None:
        """ConfigError unless the server is OpenSearch (opensearch-py talks to OpenSearch 1.x to 3.x)."""
        if server_product(info) != "OpenSearch":
            raise ConfigError(f"{self.url} is not OpenSearch", hint="set LANTERN_ES_URL for Elasticsearch instead")

    def close(self) -> None:
        """Close the client's connections."""
        self.client.close()

    def _send(
        self,
        method: str,
        path: str,
        body: Any,
        params: Mapping[str, Any] | None,
        ignore: Collection[int],
        headers: dict[str, str] | None,
    ) -> dict[str, Any]:
        from opensearchpy import ConnectionError as OSConnectionError
        from opensearchpy import TransportError

        try:
            answer = self.client.transport.perform_request(
                method, path, params=dict(params or {}), body=body, headers=headers, timeout=self.timeout
            )
        except OSConnectionError as exc:
            raise unreachable(self.product, self.url, exc.info or exc.error, "LANTERN_OPENSEARCH_URL") from None
        except TransportError as exc:
            status = exc.status_code if isinstance(exc.status_code, int) else 503
            if status in ignore:
                return exc.info if isinstance(exc.info, dict) else {"status": status}
            raise http_error(self.product, self.url, status, exc.info) from None
        if method == "HEAD":
            return {"status": 200 if answer else 404}
        return answer if isinstance(answer, dict) else {"value": answer}
