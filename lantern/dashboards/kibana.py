"""A small client for the saved objects API of Kibana and OpenSearch Dashboards (import with overwrite,
export), with clear errors.

Every request carries the ``kbn-xsrf`` header Kibana requires and the ``osd-xsrf`` header of OpenSearch
Dashboards. Authentication reuses Lantern's Elasticsearch (or OpenSearch) credentials.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lantern.errors import ConfigError

if TYPE_CHECKING:
    from lantern.settings import Settings

FOLDER = Path(__file__).resolve().parents[2] / "dashboards"
OPENSEARCH_FOLDER = FOLDER / "opensearch"
ORDER = ("data-view.ndjson", "searches.ndjson", "visualizations.ndjson", "dashboards.ndjson")
DASHBOARD_IDS = ("lantern-dashboard-overview", "lantern-dashboard-review", "lantern-dashboard-destinations")
TIMEOUT = 60


def bundle(folder: Path | None = None) -> bytes:
    """Every NDJSON file of the folder, data view first, as one import file."""
    folder = folder or FOLDER
    names = [n for n in ORDER if (folder / n).exists()]
    names += sorted(p.name for p in folder.glob("*.ndjson") if p.name not in ORDER and p.name != "exported.ndjson")
    if not names:
        raise ConfigError(f"no .ndjson files in {folder}", hint="give the dashboards folder with --folder")
    return b"".join(_with_newline((folder / n).read_bytes()) for n in names)


def _with_newline(data: bytes) -> bytes:
    return data if data.endswith(b"\n") else data + b"\n"


@dataclass(frozen=True)
class Kibana:
    """Kibana at ``url`` with an optional Authorization header."""

    url: str
    authorization: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings, url: str) -> Kibana:
        """Credentials from LANTERN_ES_API_KEY or LANTERN_ES_USERNAME/PASSWORD (or LANTERN_OPENSEARCH_USERNAME/…)."""
        if settings.opensearch_username and settings.opensearch_password:
            user = f"{settings.opensearch_username}:{settings.opensearch_password}"
            return cls(url, f"Basic {base64.b64encode(user.encode()).decode()}")
        if settings.es_api_key:
            return cls(url, f"ApiKey {settings.es_api_key}")
        if settings.es_username and settings.es_password:
            token = base64.b64encode(f"{settings.es_username}:{settings.es_password}".encode()).decode()
            return cls(url, f"Basic {token}")
        return cls(url)

    def import_objects(self, ndjson: bytes) -> dict[str, Any]:
        """POST ``/api/saved_objects/_import?overwrite=true``; ConfigError unless every object was imported."""
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="lantern.ndjson"\r\n'
                "Content-Type: application/ndjson\r\n\r\n"
            ).encode()
            + ndjson
            + f"\r\n--{boundary}--\r\n".encode()
        )
        answer = self._request(
            "/api/saved_objects/_import?overwrite=true", body, f"multipart/form-data; boundary={boundary}"
        )
        result = _json(answer, self.url)
        if not result.get("success"):
            errors = result.get("errors") or [result]
            raise ConfigError(f"Kibana rejected {len(errors)} saved object(s): {errors[0]}", hint="see Kibana's log")
        return result

    def export_objects(self, dashboard_ids: tuple[str, ...]) -> bytes:
        """POST ``/api/saved_objects/_export`` for the dashboards and everything they reference."""
        payload = {"objects": [{"type": "dashboard", "id": i} for i in dashboard_ids], "includeReferencesDeep": True}
        return self._request("/api/saved_objects/_export", json.dumps(payload).encode(), "application/json")

    def _request(self, path: str, body: bytes, content_type: str) -> bytes:
        headers = {"kbn-xsrf": "lantern", "osd-xsrf": "lantern", "Content-Type": content_type}
        if self.authorization:
            headers["Authorization"] = self.authorization
        request = urllib.request.Request(self.url + path, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            raise _http_error(exc, self.url) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ConfigError(
                f"cannot reach Kibana at {self.url} ({reason})",
                hint="is it running? `docker compose up -d kibana`, or check --kibana-url",
            ) from None


def _http_error(exc: urllib.error.HTTPError, url: str) -> ConfigError:
    if exc.code == 401:
        return ConfigError(f"Kibana at {url} refused the credentials (401)", hint="set LANTERN_ES_API_KEY or user")
    if exc.code == 403:
        return ConfigError(f"Kibana at {url}: not allowed (403)", hint="the user needs saved objects privileges")
    detail = exc.read()[:300].decode("utf-8", "replace")
    return ConfigError(f"Kibana at {url} answered {exc.code}: {detail}", hint="is this URL Kibana (port 5601)?")


def _json(answer: bytes, url: str) -> dict[str, Any]:
    try:
        value = json.loads(answer)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ConfigError(f"{url} did not answer with JSON", hint="is this URL Kibana (port 5601)?") from None
    if not isinstance(value, dict):
        raise ConfigError(f"{url} gave an unexpected answer: {str(value)[:200]}", hint="is this URL Kibana?")
    return value
