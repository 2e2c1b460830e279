"""Finding source files: the operator's folder (``LANTERN_SOURCES_DIR``) or the bundled examples."""

from __future__ import annotations

from pathlib import Path

from crawler.source_config import Source, load_source_file
from lantern.errors import ConfigError
from lantern.settings import Settings

BUNDLED_SOURCES = Path(__file__).resolve().parent.parent / "crawler" / "sources"


def sources_dir(settings: Settings) -> Path:
    """The folder source files are read from."""
    return Path(settings.sources_dir) if settings.sources_dir else BUNDLED_SOURCES


def list_sources(settings: Settings) -> list[str]:
    """Names of the sources in the folder."""
    folder = sources_dir(settings)
    if not folder.is_dir():
        raise ConfigError(f"the sources folder {folder} does not exist", hint="set LANTERN_SOURCES_DIR")
    return sorted(p.stem for p in folder.glob("*.yml"))


def load_source(name_or_path: str, settings: Settings) -> Source:
    """A source by name (``<name>.yml`` in the folder) or by path to a YAML file."""
    candidate = Path(name_or_path)
    if candidate.suffix in (".yml", ".yaml") and candidate.is_file():
        return load_source_file(candidate)
    path = sources_dir(settings) / f"{name_or_path}.yml"
    if not path.is_file():
        known = ", ".join(list_sources(settings)) or "none"
        raise ConfigError(f"unknown source {name_or_path!r}", hint=f"known sources: {known} (in {path.parent})")
    return load_source_file(path)
