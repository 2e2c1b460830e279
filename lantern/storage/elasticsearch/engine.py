"""The shared search-engine code's :class:`~lantern.storage.search_engine.engine.Engine` on elasticsearch-py."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from lantern.errors import ConfigError
from lantern.storage.elasticsearch.client import INSTALL_HINT
from lantern.storage.search_engine.engine import http_error, server_major, server_product, unreachable

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

JSON = {"accept": "application/json", "content-type": "application/json"}
NDJSON = {"accept": "application/json", "content-type": "application/x-ndjson"}


class ElasticsearchEngine:
    """REST calls through an :class:`elasticsearch.Elasticsearch` client."""

    product = "Elasticsearch"

    def __init__(self, client: Elasticsearch, url: str) -> None:
        self.client = client
        self.url = url

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
        return self._send(method, path, body, params, ignore, JSON)

    def bulk(self, ndjson: str, *, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """POST ``/_bulk``."""
        return self._send("POST", "/_bulk", ndjson.encode("utf-8"), params, (), NDJSON)

    def check(self, info: dict[str, Any]) -> None:
        """ConfigError unless the server is Elasticsearch of this client's major version."""
        from elasticsearch import __versionstr__

        if server_product(info) != "Elasticsearch":
            raise ConfigError(
                f"{self.url} is {server_product(info)}, not Elasticsearch", hint="set LANTERN_OPENSEARCH_URL instead"
            )
        client_major, major = int(__versionstr__.split(".")[0]), server_major(info)
        if major and client_major != major:
            raise ConfigError(
                f"the Elasticsearch client is {__versionstr__} but the server at {self.url} is "
                f"{info['version']['number']}: their major versions must match",
                hint=INSTALL_HINT,
            )

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
        headers: dict[str, str],
    ) -> dict[str, Any]:
        from elastic_transport import TransportError
        from elasticsearch import ApiError, UnsupportedProductError

        try:
            answer = self.client.perform_request(method, path, params=params, headers=headers, body=body)
        except UnsupportedProductError:
            raise ConfigError(
                f"{self.url} is not Elasticsearch", hint="set LANTERN_OPENSEARCH_URL for OpenSearch"
            ) from None
        except ApiError as exc:
            if exc.meta.status in ignore:
                return exc.body if isinstance(exc.body, dict) else {"status": exc.meta.status}
            raise http_error(self.product, self.url, exc.meta.status, exc.body) from None
        except TransportError as exc:
            raise unreachable(self.product, self.url, exc.message, "LANTERN_ES_URL") from None
        if method == "HEAD":
            return {"status": answer.meta.status}
        body = answer.body
        return body if isinstance(body, dict) else {"value": body}
