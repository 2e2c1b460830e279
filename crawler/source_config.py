"""Source files: one YAML file per crawled source, validated into typed objects.

The format is documented for operators in ``docs/SOURCES.md``. Validation errors name the file, the field and
give a hint, so adding a site never needs Python (see :func:`load_source_file`).
"""

from __future__ import annotations

import ipaddress
import re
import stat
from pathlib import Path
from typing import Literal, NamedTuple
from urllib.parse import urlsplit

import yaml
from parsel import Selector
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from crawler import json_values
from crawler.presets import with_preset
from lantern.errors import ConfigError
from pipelines.dates import check_language, check_order, check_timezone

Kind = Literal["ads", "forum", "pages"]
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$")
_PROBE = Selector(text="<html><body><p>probe</p></body></html>")
MAX_SOURCE_BYTES = 1024 * 1024
#: Fields of ``links`` that are regular expressions, not selectors.
PATTERN_LINKS = frozenset({"sitemap_detail"})
#: Fields whose selector may read a JSON value (``CSS::json(EXPRESSION)``): they take text, not elements.
JSON_FIELDS = frozenset(
    "author board_activity contact location post_anchor posted_at price thread_activity thread_title title".split()
)
PRIVATE_HINT = "list the hosts or networks the source may reach, e.g. allow_private_network: [127.0.0.1, 10.1.0.0/16]"


class Limits(NamedTuple):
    """How far one run of a source goes when its file does not say: pages fetched, and link depth."""

    pages: int
    depth: int


#: Per kind of source, the page budget and depth limit of a run when the source file leaves them out, so a crawler
#: trap (endless pagination, a calendar) ends. ``politeness.max_pages`` / ``max_depth`` change them (0: none).
KIND_LIMITS: dict[str, Limits] = {
    "ads": Limits(pages=5_000, depth=100),
    "forum": Limits(pages=10_000, depth=200),
    "pages": Limits(pages=1_000, depth=2),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def check_selector(value: str, field: str | None = None) -> str:
    """Validate a CSS selector (or an XPath one written ``xpath:…``) by compiling it; returns it unchanged.

    A CSS selector ending in ``::json(EXPRESSION)`` (:mod:`crawler.json_values`) is accepted in the fields that
    read a value (:data:`JSON_FIELDS`), not in those that pick elements."""
    if json_values.split(value) is not None:
        if field is not None and field not in JSON_FIELDS:
            raise ValueError(f"::json(…) gives values, not elements: use it in {', '.join(sorted(JSON_FIELDS))}")
        return json_values.check(value)
    try:
        if value.startswith("xpath:"):
            found = _PROBE.xpath(value.removeprefix("xpath:"))
            if any(isinstance(node.root, bool | int | float) for node in found):
                raise ValueError("it selects a number or a truth value, not elements or text")
        else:
            _PROBE.css(value)
    except Exception as exc:  # parsel raises several types for bad expressions
        raise ValueError(f"invalid selector {value!r}: {exc}") from None
    return value


def check_pattern(value: str) -> str:
    """Validate a regular expression (Python's ``re``) by compiling it; returns it unchanged."""
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {value!r}: {exc}") from None
    return value


def resolve_sitemaps(sitemaps: list[str] | tuple[str, ...], start_urls: list[str] | tuple[str, ...]) -> list[str]:
    """``start_sitemaps`` with each relative entry (``sitemap.xml``, ``/sitemap.xml``) resolved against every start
    URL as a link on that page would be; absolute entries, and relative ones without start URLs, kept as given."""
    from urllib.parse import urljoin

    resolved: list[str] = []
    for sitemap in sitemaps:
        relative = isinstance(sitemap, str) and not urlsplit(sitemap).scheme
        for url in [urljoin(start, sitemap) for start in start_urls] if relative and start_urls else [sitemap]:
            if url not in resolved:
                resolved.append(url)
    return resolved


def check_private_entry(value: str) -> str:
    """One entry of ``allow_private_network``: an address, a network (CIDR) or a host name; returned normalised.

    Link-local and cloud-metadata addresses and names are refused here too: the network guard never reaches them,
    so listing them would only look as if it did."""
    from crawler.middlewares.private_network import ALWAYS_REFUSED, METADATA_HOSTS  # imports Scrapy: only here

    text = value.strip().lower().rstrip(".")
    try:
        network = ipaddress.ip_network(text.strip("[]"), strict=False)
    except ValueError:
        network = None
    if network is not None:
        if any(network.network_address in net and network.broadcast_address in net for net in ALWAYS_REFUSED):
            raise ValueError(f"{value!r} is a link-local or cloud-metadata address, which no source may reach")
        return str(network)
    if not _HOST.match(text):
        raise ValueError(f"{value!r} is neither an address, a network such as 10.0.0.0/8, nor a host name")
    if text in METADATA_HOSTS:
        raise ValueError(f"{value!r} is a cloud-metadata host, which no source may reach")
    return text


def check_domain(value: str) -> str:
    """One entry of ``allowed_domains``: a host name or an address (its subdomains are allowed with it), in lower
    case; a URL, a port or a wildcard, which Scrapy would take literally and so match no page, is an error."""
    text = value.strip().lower().rstrip(".")
    if "/" in text:
        host = urlsplit(text if "://" in text else f"//{text}").hostname
        raise ValueError(f"{value!r} is a URL, not a domain: give its host{f' ({host!r})' if host else ''}")
    if "*" in text:
        raise ValueError(f"{value!r}: give the domain without '*' ({text.lstrip('*.')!r} allows its subdomains too)")
    try:
        return str(ipaddress.ip_address(text.strip("[]")))
    except ValueError:
        pass
    if re.search(r":\d*$", text):
        raise ValueError(f"{value!r}: give the host without a port ({text.rsplit(':', 1)[0]!r} allows every port)")
    if not _HOST.match(text):
        raise ValueError(f"{value!r} is not a host name such as 'forum.example.org'")
    return text


def covered(host: str, domains: tuple[str, ...]) -> bool:
    """True when ``host`` is one of ``domains`` or below one of them, as Scrapy's offsite rule matches it."""
    return any(host == domain or host.endswith(f".{domain}") for domain in domains)


class Links(_Strict):
    """Selectors of the links to follow (anchors; their ``href`` is used)."""

    listing: str | None = Field(None, description="From start pages to listing (category) pages.")
    next_page: str | None = Field(None, description="Pagination link on listing, board and thread pages.")
    detail: str | None = Field(None, description="From a listing page to an ad's detail page (ads).")
    board: str | None = Field(None, description="From start pages to boards (forum).")
    thread: str | None = Field(None, description="From a board to its threads (forum).")
    thread_row: str | None = Field(
        None,
        description="Forum: a thread's row on a board page, the nearest ancestor of its link matching this (default: "
        "the largest ancestor holding no other thread's link).",
    )
    thread_activity: tuple[str, ...] = Field(
        (),
        description="Forum: what in the row shows activity (reply count, last-post time); their text is the thread's "
        "signature (default: the row's whole text). Leave out view counts and relative times.",
    )
    board_row: str | None = Field(
        None,
        description="Forum: a board's row on the index (or on a parent board's page), the nearest ancestor of its "
        "link matching this (default: the largest ancestor holding no other board's link).",
    )
    board_activity: tuple[str, ...] = Field(
        (),
        description="Forum: what in a board's row shows activity (topic and post counts, last post, sub-boards' "
        "included); a board whose row is as at the last finished run is not fetched (default: boards always are).",
    )
    threads_by_activity: bool = Field(
        False,
        description="Forum: boards list threads by last post, newest first (stickies aside), so a recrawl stops "
        "walking a board's pages at the first page on which no thread changed.",
    )
    follow: str = Field("a", description="Links followed by the pages spider.")
    sitemap_detail: str | None = Field(
        None,
        description="A regular expression: only the entries of start_sitemaps whose URL it matches (searched "
        "anywhere in the URL) are fetched as the kind's detail page; the others are not fetched from the sitemap "
        "(ads: their lastmod still skips an unchanged listing page).",
    )

    _check = field_validator("*")(
        lambda v, info: (
            check_pattern(v)
            if info.field_name in PATTERN_LINKS and isinstance(v, str)
            else tuple(check_selector(s, info.field_name) for s in v)
            if isinstance(v, tuple | list)
            else (check_selector(v, info.field_name) if isinstance(v, str) else v)
        )
    )


class Fields(_Strict):
    """Selectors of the item fields. ``::text`` and ``::attr(x)`` work as in Scrapy, ``::json(EXPRESSION)`` reads a
    value of a JSON script element (:mod:`crawler.json_values`)."""

    title: str | None = None
    body: str | None = Field(None, description="The main text (HTML kept; the clean stage makes text of it).")
    author: str | None = None
    posted_at: str | None = Field(None, description="A date; ISO 8601 or a common written form.")
    location: str | None = Field(None, description="A place field of the page (kept as location_hint).")
    contact: str | None = Field(None, description="A phone or e-mail shown on the page (kept as contact).")
    price: str | None = Field(None, description="Ads: the asking price as the page shows it (kept as price).")
    post: str | None = Field(None, description="Forum: the element of one post (one item each).")
    post_anchor: str = Field("xpath:@id", description="Forum: selector inside a post giving its anchor.")
    thread_title: str | None = Field(None, description="Forum: the thread's title on a thread page.")
    exclude: tuple[str, ...] = Field((), description="Removed from the body first (quotes, signatures, ads).")

    _check = field_validator("*")(
        lambda v, info: (
            tuple(check_selector(s, info.field_name) for s in v)
            if isinstance(v, tuple | list)
            else (check_selector(v, info.field_name) if isinstance(v, str) else v)
        )
    )


class Politeness(_Strict):
    """How gently a site is crawled."""

    delay: float = Field(1.0, ge=0, le=600, description="Seconds between requests to the site.")
    concurrency: int = Field(2, ge=1, le=32, description="Parallel requests to the site.")
    autothrottle: bool = Field(True, description="Adapt the delay to the site's response times.")
    max_pages: int | None = Field(
        None, ge=0, description="Stop after this many pages (default per kind, see KIND_LIMITS; 0 = no limit)."
    )
    max_depth: int | None = Field(
        None, ge=0, description="Links followed from a start page at most (default per kind; 0 = no limit)."
    )


class Recrawl(_Strict):
    """What a later crawl of the same source does."""

    refetch_known: bool = Field(True, description="Fetch already stored detail pages again to notice changes.")
    skip_unchanged: bool = Field(
        True,
        description="Skip pages whose sitemap lastmod, feed date or forum listing row is as at their last fetch in "
        "a finished run.",
    )
    depth: int = Field(2, ge=0, le=10, description="Pages spider: link depth from the start URLs.")


class Dates(_Strict):
    """How the site writes its dates (docs/SOURCES.md, "Dates and time zones")."""

    languages: tuple[str, ...] = Field((), description="Languages of the site's dates, e.g. [nl, en].")
    order: str | None = Field(None, description="Order of numeric dates: DMY (default), MDY, YMD, …")

    _languages = field_validator("languages")(lambda v: tuple(check_language(code) for code in v))
    _order = field_validator("order")(lambda v: check_order(v) if v is not None else v)


class Source(_Strict):
    """One source: where to start, what to follow, what to extract, and how politely."""

    name: str
    preset: str | None = Field(None, description="A known engine whose links and fields this source starts from.")
    kind: Kind
    site: str | None = Field(None, description="A short label of the site (default: the start URL's host).")
    start_sitemaps: tuple[str, ...] = Field((), description="Sitemaps (or sitemap indexes) listing pages to fetch.")
    start_feeds: tuple[str, ...] = Field((), description="RSS or Atom feeds listing pages to fetch.")
    start_urls: tuple[str, ...] = Field((), validate_default=True)
    allowed_domains: tuple[str, ...] = ()
    language: str | None = Field(None, description="ISO 639-1 hint for the analyzer.")
    timezone: str | None = Field(None, description="IANA zone of dates written without one (default LANTERN_TIMEZONE).")
    dates: Dates = Dates()
    obey_robots: bool = True
    allow_private_network: tuple[str, ...] = Field(
        (), description="Private hosts or networks the source may reach (cloud metadata and link-local never)."
    )
    render: bool = Field(
        False,
        description="Render pages in headless Chromium before extraction (text that only exists after scripts "
        "run); media stay blocked inside the browser.",
    )
    coverage_alert: bool = Field(
        False,
        description="Exit `lantern crawl` with status 4 when a field's share of items (title, body, author, date, "
        "location) fell against the source's recent runs.",
    )
    links: Links = Links()
    fields: Fields = Fields()
    politeness: Politeness = Politeness()
    recrawl: Recrawl = Recrawl()

    @model_validator(mode="before")
    @classmethod
    def _site_sitemaps(cls, data: object) -> object:
        """Relative ``start_sitemaps`` (as a preset names them) resolved against the start URLs."""
        if not isinstance(data, dict):
            return data
        sitemaps, starts = data.get("start_sitemaps"), data.get("start_urls")
        if not isinstance(sitemaps, list | tuple) or not all(isinstance(s, str) for s in sitemaps):
            return data
        if not isinstance(starts, list | tuple) or not all(isinstance(u, str) for u in starts):
            starts = []
        return {**data, "start_sitemaps": resolve_sitemaps(sitemaps, [u for u in starts if urlsplit(u).scheme])}

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError("use lower-case letters, digits, '-' or '_' (at most 63), e.g. 'city-forum'")
        return value

    @field_validator("start_sitemaps", "start_feeds")
    @classmethod
    def _listed(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        for url in value:
            if info.field_name == "start_sitemaps" and not urlsplit(url).scheme:
                raise ValueError(f"{url!r}: a sitemap relative to the site needs start_urls to be resolved against")
            check_url(url)
        return value

    @field_validator("start_urls")
    @classmethod
    def _urls(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        for url in value:
            check_url(url)
        if not value and not (info.data.get("start_sitemaps") or info.data.get("start_feeds")):
            raise ValueError("give at least one start URL (or start_sitemaps or start_feeds)")
        return value

    @field_validator("allowed_domains")
    @classmethod
    def _domains(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        domains = tuple(check_domain(domain) for domain in value)
        starts = [url for name in ("start_urls", "start_sitemaps", "start_feeds") for url in info.data.get(name, ())]
        for url in starts:
            host = (urlsplit(url).hostname or "").rstrip(".")
            if domains and host and not covered(host, domains):
                raise ValueError(f"{url!r} is on {host}, which none of them covers: add it, or leave the field out")
        return domains

    @field_validator("allow_private_network", mode="before")
    @classmethod
    def _private(cls, value: object) -> object:
        if value is True:
            raise ValueError(f"true is no longer accepted ({PRIVATE_HINT})")
        if value is False or value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ValueError(PRIVATE_HINT)
        return tuple(check_private_entry(v) for v in value)

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[a-z]{2}", value):
            raise ValueError("use a two-letter ISO 639-1 code such as 'nl' or 'en'")
        return value

    _timezone = field_validator("timezone")(lambda v: check_timezone(v) if v is not None else v)

    @model_validator(mode="after")
    def _kind_needs(self) -> Source:
        needs = {"ads": ("links.detail", "fields.body"), "forum": ("links.thread", "fields.post"), "pages": ()}
        for path in needs[self.kind]:
            section, name = path.split(".")
            if getattr(getattr(self, section), name) is None:
                raise ValueError(f"a source of kind {self.kind!r} needs {path}")
        return self

    @property
    def start_points(self) -> tuple[str, ...]:
        """Every URL a crawl starts from: start pages, sitemaps and feeds."""
        return self.start_urls + self.start_sitemaps + self.start_feeds

    @property
    def label(self) -> str:
        """The site label shown to people."""
        return self.site or (urlsplit(self.start_points[0]).hostname or self.name)

    @property
    def page_budget(self) -> int:
        """Pages one run may fetch (0: no limit)."""
        given = self.politeness.max_pages
        return KIND_LIMITS[self.kind].pages if given is None else given

    @property
    def depth_limit(self) -> int:
        """Link depth from the start pages (0: no limit); the pages kind keeps ``recrawl.depth``."""
        if self.politeness.max_depth is not None:
            return self.politeness.max_depth
        return self.recrawl.depth if self.kind == "pages" else KIND_LIMITS[self.kind].depth

    @property
    def domains(self) -> tuple[str, ...]:
        """Allowed domains: as given, else the hosts of the start URLs."""
        return self.allowed_domains or tuple(sorted({urlsplit(u).hostname or "" for u in self.start_points}))


def check_url(url: str) -> str:
    """An absolute http(s) URL with a host, else ``ValueError`` with what is wrong."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{url!r}: only http and https URLs can be crawled")
    if not parts.hostname:
        raise ValueError(f"{url!r}: the URL has no host")
    return url


def load_source_file(path: Path) -> Source:
    """Read and validate one source file; :class:`ConfigError` names the file, field and problem."""
    try:
        raw = yaml.safe_load(_read_source_text(path))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid YAML", hint=str(exc).splitlines()[0]) from None
    except RecursionError:
        raise ConfigError(f"{path} is nested too deeply to be a source file", hint="see docs/SOURCES.md") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path} must hold a mapping of fields", hint="start with 'name:' and 'kind:'")
    raw.setdefault("name", path.stem)
    try:
        raw = with_preset(raw)
    except ValueError as exc:
        raise ConfigError(f"{path} is not a valid source file", hint=f"preset: {exc}") from None
    try:
        return Source.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{path} is not a valid source file", hint=describe_errors(exc)) from None
    except RecursionError:
        raise ConfigError(f"{path} is nested too deeply to be a source file", hint="see docs/SOURCES.md") from None


def _read_source_text(path: Path) -> str:
    """The text of a source file: a regular file (never a FIFO or device, which could block) of at most 1 MiB."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{path} is not a regular file", hint="give a YAML source file")
        if info.st_size > MAX_SOURCE_BYTES:
            raise ConfigError(f"{path} is larger than {MAX_SOURCE_BYTES:,} bytes", hint="a source file is small")
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read source file {path}: {exc.strerror}") from None


def describe_errors(exc: ValidationError) -> str:
    """Pydantic errors as lines of ``field: problem``."""
    lines = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "(file)"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown field (see docs/SOURCES.md for the fields a source file has)"
        elif error["type"] == "tuple_type":
            message = "give a list, e.g. [a, b]"
        elif error["type"] in ("model_type", "dict_type"):
            message = "give a mapping of its fields, e.g. {name: value} (see docs/SOURCES.md)"
        lines.append(f"{where}: {message}")
    return "; ".join(lines)
