"""Loading the analyzer's data files (lexicons, watch list, rules) and fingerprinting them.

Every data file that changes what the analyzer flags goes through :func:`load_yaml`, which records the file's
content hash. :func:`fingerprint` folds those hashes into the ``lexicon_version``, so a change to any rule, term
list or weight changes the version.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from lantern.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent
RULES_DIR = PACKAGE_DIR / "rules"
# libyaml's safe loader when PyYAML has it (ten times faster on the word lists), else the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LEXICON_DIR = PACKAGE_DIR / "lexicons"
GAZETTEER_DIR = PACKAGE_DIR / "gazetteer"
GENRE_DIR = PACKAGE_DIR / "genre"


@lru_cache(maxsize=256)
def _read(path: Path, mtime_ns: int) -> Any:
    raw = path.read_bytes()
    try:
        return yaml.load(raw.decode("utf-8"), Loader=_LOADER)
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: not a valid YAML file", hint=str(exc).splitlines()[0]) from None


@lru_cache(maxsize=256)
def _digest(path: Path, mtime_ns: int) -> str:
    # Only the bytes: parsing is left to load_yaml, for the files that are read at all (the 1.1 MB model file
    # is JSON, and YAML-parsing it for its digest took about a second of every start-up).
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_yaml(path: Path) -> Any:
    """Parse a YAML data file (cached by path and modification time), with a clear error when it is broken."""
    path = Path(path).resolve()
    if not path.is_file():
        raise ConfigError(f"{path}: data file not found")
    return _read(path, path.stat().st_mtime_ns)


def file_digest(path: Path) -> str:
    """SHA-256 of a data file's bytes (cached by path and modification time; the file is not parsed)."""
    path = Path(path).resolve()
    return _digest(path, path.stat().st_mtime_ns)


def fingerprint(paths: list[Path], *extra: str) -> str:
    """A short, stable digest over data files (by name and content) and extra strings such as rule versions."""
    digest = hashlib.sha256()
    for path in sorted(Path(p).resolve() for p in paths):
        digest.update(path.name.encode())
        digest.update(file_digest(path).encode())
    for item in extra:
        digest.update(item.encode())
    return digest.hexdigest()[:12]


def rules_file(name: str) -> Path:
    """Path of a built-in rules file under ``nlp/rules``."""
    return RULES_DIR / name
