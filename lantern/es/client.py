"""The Elasticsearch client, built from settings, and errors turned into messages a person can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from lantern.errors import ConfigError, InputError

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from lantern.settings import Settings

AUTH_HINT = "set LANTERN_ES_API_KEY, or LANTERN_ES_USERNAME and LANTERN_ES_PASSWORD"


def client_options(settings: Settings) -> dict[str, object]:
    """Keyword arguments for :class:`elasticsearch.Elasticsearch` (ConfigError on conflicting settings)."""
    if not settings.es_url:
        raise ConfigError("LANTERN_ES_URL is not set", hint="e.g. export LANTERN_ES_URL=http://127.0.0.1:9200")
    if settings.es_api_key and (settings.es_username or settings.es_password):
        raise ConfigError("both an API key and a user name/password are set for Elasticsearch", hint=AUTH_HINT)
    if bool(settings.es_username) != bool(settings.es_password):
        raise ConfigError("LANTERN_ES_USERNAME and LANTERN_ES_PASSWORD must be set together", hint=AUTH_HINT)
    options: dict[str, object] = {
        "hosts": [settings.es_url],
        "verify_certs": settings.es_verify_certs,
        "retry_on_timeout": True,
        "max_retries": 3,
        "request_timeout": 30,
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
    from elasticsearch import Elasticsearch

    return Elasticsearch(**client_options(settings))  # type: ignore[arg-type]


@contextmanager
def describe_errors(url: str) -> Iterator[None]:
    """Turn unreachable servers, refused credentials and rejected queries into ConfigError/InputError."""
    from elastic_transport import ConnectionError as TransportConnectionError
    from elasticsearch import ApiError, AuthenticationException, AuthorizationException, BadRequestError

    try:
        yield
    except TransportConnectionError as exc:
        raise ConfigError(
            f"cannot reach Elasticsearch at {url or 'the configured URL'} ({exc.message})",
            hint="is it running? `docker compose up -d elasticsearch`, or check LANTERN_ES_URL",
        ) from None
    except (AuthenticationException, AuthorizationException) as exc:
        raise ConfigError(f"Elasticsearch refused the credentials ({exc.status_code})", hint=AUTH_HINT) from None
    except BadRequestError as exc:
        raise InputError(f"Elasticsearch rejected the query: {exc.message}", hint="simplify the search") from None
    except ApiError as exc:
        raise ConfigError(f"Elasticsearch answered {exc.status_code}: {exc.message}", hint="see its logs") from None
