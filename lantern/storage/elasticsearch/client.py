"""The Elasticsearch client, built from settings (credentials and TLS checked first, ConfigError when they conflict)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from lantern.errors import ConfigError
from lantern.storage.search_engine.engine import check_url

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from lantern.settings import Settings

AUTH_HINT = "set LANTERN_ES_API_KEY, or LANTERN_ES_USERNAME and LANTERN_ES_PASSWORD"
INSTALL_HINT = "pip install 'lantern-monitor[es8]' (or [es9]), matching the server's major version"


def client_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for :class:`elasticsearch.Elasticsearch` (ConfigError on conflicting settings)."""
    check_url(settings.es_url, "LANTERN_ES_URL")
    if settings.es_api_key and (settings.es_username or settings.es_password):
        raise ConfigError("both an API key and a user name/password are set for Elasticsearch", hint=AUTH_HINT)
    if bool(settings.es_username) != bool(settings.es_password):
        raise ConfigError("LANTERN_ES_USERNAME and LANTERN_ES_PASSWORD must be set together", hint=AUTH_HINT)
    options: dict[str, Any] = {
        "hosts": [settings.es_url],
        "verify_certs": settings.es_verify_certs,
        "retry_on_timeout": True,
        "max_retries": 3,
        "request_timeout": 60,
    }
    if settings.es_api_key:
        options["api_key"] = settings.es_api_key
    elif settings.es_username:
        options["basic_auth"] = (settings.es_username, settings.es_password)
    if settings.es_ca_certs:
        if not Path(settings.es_ca_certs).is_file():
            raise ConfigError(f"CA certificate file not found: {settings.es_ca_certs}", hint="fix LANTERN_ES_CA_CERTS")
        options["ca_certs"] = str(settings.es_ca_certs)
    if not settings.es_verify_certs:
        options["ssl_show_warn"] = False
    return options


def build_client(settings: Settings) -> Elasticsearch:
    """A client for ``settings.es_url`` with the configured credentials and TLS options."""
    try:
        from elasticsearch import Elasticsearch
    except ImportError:
        raise ConfigError("the Elasticsearch client is not installed", hint=INSTALL_HINT) from None
    try:
        return Elasticsearch(**client_options(settings))
    except ValueError as exc:  # e.g. a URL without scheme or port
        raise ConfigError(
            f"LANTERN_ES_URL={settings.es_url!r} is not usable: {exc}", hint="e.g. http://127.0.0.1:9200"
        ) from None
