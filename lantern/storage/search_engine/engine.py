"""The one door from the shared search-engine code to a cluster: JSON over REST, errors as storage errors.

A backend implements :class:`Engine` on its client library (elasticsearch-py, opensearch-py), which keeps
connection pooling, TLS and credentials. :func:`http_error` turns an HTTP answer the engine refused into a
:class:`~lantern.storage.errors.StorageError` with a message a person can act on.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, Protocol
from urllib.parse import urlsplit

from lantern.errors import ConfigError
from lantern.storage.errors import StorageError, StorageRejected, StorageUnavailable

#: Answers worth retrying: overloaded, or a node or shard not (yet) there.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class Engine(Protocol):
    """A cluster as the shared code sees it."""

    product: str  # "Elasticsearch" or "OpenSearch", for messages
    url: str

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        params: Mapping[str, Any] | None = None,
        ignore: Collection[int] = (),
    ) -> dict[str, Any]:
        """The JSON answer of one request; a status in ``ignore`` returns its body (``{}`` when empty).

        Raises :class:`StorageUnavailable` when the cluster cannot be reached or answers 429/5xx, and
        :class:`StorageRejected` for any other refusal.
        """
        ...

    def bulk(self, ndjson: str, *, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """POST ``/_bulk`` with an NDJSON body; the per-item answer (errors as for :meth:`request`)."""
        ...

    def check(self, info: dict[str, Any]) -> None:
        """Raise ConfigError unless the server that answered ``GET /`` with ``info`` suits this client."""
        ...

    def close(self) -> None:
        """Close the connections."""
        ...


def reason(body: Any) -> str:
    """The most useful line of an error answer."""
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict):
            cause = (error.get("root_cause") or [error])[0]
            return f"{cause.get('type', 'error')}: {cause.get('reason', '')}".strip()
        return str(error)[:300]
    return str(body)[:300]


def http_error(product: str, url: str, status: int, body: Any) -> StorageError:
    """The storage error for an HTTP status the caller did not expect."""
    if status in (401, 403):
        error: StorageError = StorageRejected(
            f"{product} at {url} refused the credentials ({status}: {reason(body)})",
            hint="check the user name/password or API key settings (see `lantern config`)",
        )
    elif status in RETRY_STATUSES:
        error = StorageUnavailable(
            f"{product} at {url} cannot take the request now ({status}: {reason(body)})",
            hint="the cluster is overloaded or missing nodes: see `lantern es status`",
        )
    else:
        error = StorageRejected(f"{product} at {url} answered {status}: {reason(body)}", hint="see its log")
    error.status = status  # type: ignore[attr-defined]
    return error


def unreachable(product: str, url: str, detail: object, setting: str) -> StorageUnavailable:
    """The error for a cluster that does not answer at all."""
    return StorageUnavailable(f"cannot reach {product} at {url} ({detail})", hint=f"is it running? check {setting}")


def server_product(info: dict[str, Any]) -> str:
    """ "OpenSearch" or "Elasticsearch", from the answer to ``GET /``."""
    return "OpenSearch" if info.get("version", {}).get("distribution") == "opensearch" else "Elasticsearch"


def server_major(info: dict[str, Any]) -> int:
    """The server's major version, from the answer to ``GET /`` (0 when it does not say)."""
    number = str(info.get("version", {}).get("number", "0"))
    return int(number.split(".")[0]) if number.split(".")[0].isdigit() else 0


def check_url(url: str | None, variable: str) -> str:
    """``url`` when it is an http(s) URL with a host, else ConfigError naming ``variable``."""
    if not url:
        raise ConfigError(
            f"{variable} is not set", hint=f"e.g. export {variable}=http://127.0.0.1:9200 (or https://… with TLS)"
        )
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        raise ConfigError(
            f"{variable}={url!r} is not an http(s) URL",
            hint=f"e.g. export {variable}=http://127.0.0.1:9200 (or https://… with TLS)",
        )
    return url
