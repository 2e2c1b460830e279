"""The OpenSearch client, built from settings (URL, credentials and TLS checked first)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from lantern.errors import ConfigError
from lantern.storage.search_engine.engine import check_url

if TYPE_CHECKING:
    from opensearchpy import OpenSearch

    from lantern.settings import Settings

AUTH_HINT = "set LANTERN_OPENSEARCH_USERNAME and LANTERN_OPENSEARCH_PASSWORD together"


def client_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for :class:`opensearchpy.OpenSearch` (ConfigError on bad or conflicting settings)."""
    url = check_url(settings.opensearch_url, "LANTERN_OPENSEARCH_URL")
    if bool(settings.opensearch_username) != bool(settings.opensearch_password):
        raise ConfigError(
            "LANTERN_OPENSEARCH_USERNAME and LANTERN_OPENSEARCH_PASSWORD must be set together", hint=AUTH_HINT
        )
    options: dict[str, Any] = {
        "hosts": [url],
        "verify_certs": settings.opensearch_verify_certs,
        "retry_on_timeout": True,
        "max_retries": 3,
        "timeout": 60,
    }
    if settings.opensearch_username:
        options["http_auth"] = (settings.opensearch_username, settings.opensearch_password)
    if settings.opensearch_ca_certs:
        if not Path(settings.opensearch_ca_certs).is_file():
            raise ConfigError(
                f"CA certificate file not found: {settings.opensearch_ca_certs}", hint="fix LANTERN_OPENSEARCH_CA_CERTS"
            )
        options["ca_certs"] = str(settings.opensearch_ca_certs)
    if not settings.opensearch_verify_certs:
        options["ssl_show_warn"] = False
    return options


def build_client(settings: Settings) -> OpenSearch:
    """A client for ``settings.opensearch_url`` with the configured credentials and TLS options."""
    from opensearchpy import OpenSearch

    return OpenSearch(**client_options(settings))
