"""Every Lantern setting in one place: name, default, and one line of documentation.

Each field of :class:`Settings` can be set with an environment variable named ``LANTERN_`` plus the field name
in upper case (``data_dir`` → ``LANTERN_DATA_DIR``). This module is the only place that reads the environment;
everything else receives a :class:`Settings` object. Secrets (API keys, passwords, keys for hashing) are only
ever taken from the environment and are masked when settings are printed.

``docs/CONFIGURATION.md`` is generated from this module (``lantern config --markdown``) and a test keeps the two
in step.
"""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from lantern import setting_checks as checks
from lantern.errors import ConfigError

ENV_PREFIX = "LANTERN_"
MIB = 1024 * 1024


def setting(default: Any, doc: str, *, secret: bool = False, check: checks.Check | None = None) -> Any:
    """Declare one setting: its default, the sentence that documents it, and the check its values must pass."""
    return field(default=default, metadata={"doc": doc, "secret": secret, "check": check})


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lantern"


@dataclass(frozen=True)
class Settings:
    """Lantern's configuration. Fields are alphabetised; every one is documented."""

    analyze_batch_size: int = setting(
        256, "Documents handed to spaCy's `nlp.pipe` per batch.", check=checks.between(1, 100_000)
    )
    analyze_max_line_bytes: int = setting(
        16 * MIB,
        "Longest input line `lantern analyze` accepts (bytes); longer lines are reported as invalid.",
        check=checks.between(1024, 1024 * MIB),
    )
    analyze_workers: int = setting(
        1, "Default number of processes for `lantern analyze` (`--workers`).", check=checks.between(1, 256)
    )
    cache_dir: Path = setting(
        _default_cache_dir(),
        "Folder for rebuildable caches (the compiled gazetteer). Safe to delete.",
        check=checks.folder_or_absent,
    )
    contact_url: str = setting(
        "https://github.com/lantern-monitor/lantern",
        "Contact URL sent in the crawler's User-Agent so site owners can reach the operator.",
        check=checks.http_url,
    )
    crawl_max_item_chars: int = setting(
        200_000, "Items with a longer text are dropped (counted as `oversized`).", check=checks.between(100, 10**8)
    )
    crawl_max_links_per_page: int = setting(
        1000,
        "Links taken from one page at most; the rest are left (counted as `limit_links`).",
        check=checks.between(1, 1_000_000),
    )
    crawl_max_response_bytes: int = setting(
        5 * MIB,
        "Responses larger than this are aborted and counted (hostile or huge pages).",
        check=checks.between(1024, 1024 * MIB),
    )
    crawl_retry_after_max: int = setting(
        30,
        "Longest `Retry-After` wait honoured, in seconds; a URL asking for longer is given up "
        "(counted as `limit_retry_after`).",
        check=checks.between(0, 3600),
    )
    crawl_timeout: int = setting(30, "Download timeout per request, in seconds.", check=checks.between(1, 3600))
    crawl_url_budget: int | None = setting(
        None,
        "Total seconds one URL may take, retries and waits included; then it is given up "
        "(counted as `limit_url_time_budget`). Default: twice `LANTERN_CRAWL_TIMEOUT`.",
        check=checks.between(1, 86_400),
    )
    data_dir: Path = setting(
        Path("lantern-data"),
        "Folder for the embedded store, crawl state, spool and logs (relative to cwd).",
        check=checks.folder_or_absent,
    )
    es_api_key: str | None = setting(None, "Elasticsearch API key (encoded form).", secret=True)
    es_bulk_batch_size: int = setting(
        500, "Documents per bulk request (Elasticsearch and OpenSearch).", check=checks.between(1, 100_000)
    )
    es_ca_certs: Path | None = setting(
        None, "CA certificate file (PEM) for Elasticsearch over TLS.", check=checks.existing_file
    )
    es_index: str = setting("lantern-items", "Elasticsearch alias analysts search; versioned indices sit behind it.")
    es_password: str | None = setting(None, "Elasticsearch password (with `LANTERN_ES_USERNAME`).", secret=True)
    es_url: str | None = setting(
        None,
        "Elasticsearch URL. When set, items are stored in Elasticsearch instead of the embedded store.",
        check=checks.http_url,
    )
    es_username: str | None = setting(None, "Elasticsearch user name (with `LANTERN_ES_PASSWORD`).")
    es_verify_certs: bool = setting(True, "Verify Elasticsearch TLS certificates. Keep on outside a lab.")
    evidence_capture: bool = setting(
        True,
        "Keep the HTTP response (HTML only) of every crawled item rated medium or high as a WARC record under "
        "`data_dir/evidence`, for `lantern evidence export`.",
    )
    export_min_count: int = setting(
        5, "Default `--min-count`: trend counts below it are suppressed.", check=checks.between(2, 10**9)
    )
    kibana_url: str | None = setting(None, "Kibana URL for `lantern dashboards import/export`.", check=checks.http_url)
    lexicon_dir: Path | None = setting(
        None,
        "Folder of extra lexicon YAML files added to the built-in ones (same format as nlp/lexicons).",
        check=checks.existing_folder,
    )
    opensearch_ca_certs: Path | None = setting(
        None, "CA certificate file (PEM) for OpenSearch over TLS.", check=checks.existing_file
    )
    opensearch_index: str = setting(
        "lantern-items", "OpenSearch alias analysts search; versioned indices sit behind it."
    )
    opensearch_password: str | None = setting(
        None, "OpenSearch password (with `LANTERN_OPENSEARCH_USERNAME`).", secret=True
    )
    opensearch_url: str | None = setting(
        None,
        "OpenSearch URL. When set, items are stored in OpenSearch instead of the embedded store "
        "(not together with `LANTERN_ES_URL`).",
        check=checks.http_url,
    )
    opensearch_username: str | None = setting(None, "OpenSearch user name (with `LANTERN_OPENSEARCH_PASSWORD`).")
    opensearch_verify_certs: bool = setting(True, "Verify OpenSearch TLS certificates. Keep on outside a lab.")
    phone_region: str = setting(
        "NL", "Region for phone numbers written without a country code.", check=checks.phone_region
    )
    pseudonym_key: str | None = setting(
        None,
        "Key for keyed hashes of selectors (pseudonymised exports, hashed twins in Elasticsearch); "
        "at least 16 characters.",
        secret=True,
        check=checks.min_length(16),
    )
    render_browser: Path = setting(
        Path("/usr/bin/chromium"),
        "Chromium executable for sources with `render: true` (Debian's `chromium`; Lantern never downloads one).",
    )
    scheduler_db_url: str | None = setting(
        None,
        "SQLAlchemy URL of the scheduler's job store; default: SQLite in the data folder.",
        check=checks.database_url,
    )
    sources_dir: Path | None = setting(
        None,
        "Folder of source YAML files; default: the bundled example sources (local fixture sites only).",
        check=checks.existing_folder,
    )
    store_busy_timeout: int = setting(
        30,
        "Seconds a write waits for the embedded store when another process holds it; then the batch is spooled.",
        check=checks.between(1, 3600),
    )
    store_check_max_bytes: int = setting(
        1024 * MIB,
        "The embedded store runs SQLite's `quick_check` when opened if its file is at most this large "
        "(header and schema are always checked; `lantern store check` checks any size).",
        check=checks.between(0, 10**15),
    )
    timezone: str = setting(
        "Europe/Amsterdam",
        "Time zone (IANA) for dates shown to people, trend buckets, and source dates written without a zone "
        "(a source's `timezone` overrides it).",
        check=checks.time_zone,
    )
    watchlist_file: Path | None = setting(
        None,
        "Extra destination watch list (YAML, same format as nlp/gazetteer/watchlist.yml).",
        check=checks.existing_file,
    )

    @property
    def url_budget(self) -> int:
        """Seconds one URL may take in all: ``crawl_url_budget``, else twice the download timeout."""
        return self.crawl_url_budget if self.crawl_url_budget is not None else 2 * self.crawl_timeout

    @property
    def store_path(self) -> Path:
        """The embedded store's SQLite file."""
        return self.data_dir / "lantern.db"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, overridden by ``LANTERN_*`` environment variables, overridden by ``overrides``."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        hints = typing.get_type_hints(cls)
        for f in fields(cls):
            raw = environ.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _parse(f.name, raw, hints[f.name])
        values.update(overrides)
        return cls(**values).validated()

    def validated(self) -> Settings:
        """These settings, after every value passed its check; :class:`ConfigError` names the first that fails."""
        for f in fields(self):
            value, check = getattr(self, f.name), f.metadata["check"]
            problem = check(value) if check is not None and value is not None else None
            if problem:
                shown = "***" if f.metadata["secret"] else repr(str(value))
                raise ConfigError(f"{ENV_PREFIX}{f.name.upper()}={shown} {problem}", hint=f.metadata["doc"])
        return self

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with some values replaced (for tests and CLI options)."""
        return replace(self, **overrides)

    def describe(self) -> list[tuple[str, str, str, str]]:
        """Rows of (environment variable, current value, default, documentation), secrets masked."""
        rows = []
        for f in fields(self):
            value = getattr(self, f.name)
            shown = "***" if f.metadata["secret"] and value else _show(value)
            rows.append((ENV_PREFIX + f.name.upper(), shown, _show(f.default), f.metadata["doc"]))
        return rows


def _show(value: Any) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def _parse(name: str, raw: str, hint: Any) -> Any:
    """Convert an environment string to the field's type, with a clear error naming the variable."""
    variable = ENV_PREFIX + name.upper()
    target = _unwrap_optional(hint)
    try:
        if target is bool:
            return _parse_bool(raw)
        if target is tuple or typing.get_origin(target) is tuple:
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        return target(raw)
    except (ValueError, TypeError) as exc:
        kind = getattr(target, "__name__", str(target))
        raise ConfigError(f"{variable}={raw!r} is not a valid {kind}", hint=str(exc)) from None



def _unwrap_optional(hint: Any) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0]
    return hint


def _parse_bool(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError("use true/false, yes/no, on/off or 1/0")


def get_settings(**overrides: Any) -> Settings:
    """The settings of this process: environment over defaults, then ``overrides``."""
    return Settings.from_env(**overrides)
