"""Versions stamped on every analysis record.

``analyzer_version`` is the package version. ``lexicon_version`` is a digest of every data file that decides what
is flagged (lexicons, rules, weights, watch list, gazetteer lists, operators' extra files) and of the code-rule
versions below, so it changes whenever a rule, term list or weight changes.
"""

from __future__ import annotations

from pathlib import Path

from lantern import __version__
from nlp.data import GAZETTEER_DIR, GENRE_DIR, LEXICON_DIR, RULES_DIR, fingerprint
from nlp.model.solicitation import MODEL_FILE

ANALYZER_VERSION = __version__
# Bump a code-rule version whenever that code changes what it flags, extracts or scores.
CODE_RULE_VERSIONS = {
    "normalizer": "6",
    "ages": "8",
    "lexicon": "1",
    "places": "7",
    "contacts": "1",
    "segments": "1",
    "genre": "4",
    "risk": "3",
    "language": "2",
}


def data_files(lexicon_dir: Path | None = None, watchlist_file: Path | None = None) -> list[Path]:
    """Every data file the analyzer reads: built-in ones and the operator's additions."""
    files: list[Path] = []
    for folder in (LEXICON_DIR, RULES_DIR, GAZETTEER_DIR, GENRE_DIR):
        files += folder.glob("*.yml")
    files.append(MODEL_FILE)
    if lexicon_dir is not None and Path(lexicon_dir).is_dir():
        files += Path(lexicon_dir).glob("*.yml")
        files += Path(lexicon_dir).glob("*.yaml")
    if watchlist_file is not None and Path(watchlist_file).is_file():
        files.append(Path(watchlist_file))
    return files


def lexicon_version(lexicon_dir: Path | None = None, watchlist_file: Path | None = None) -> str:
    """The lexicon version for these data files, e.g. ``lx1-3fa9c0d1e2b4``."""
    code = [f"{name}={version}" for name, version in sorted(CODE_RULE_VERSIONS.items())]
    return "lx1-" + fingerprint(data_files(lexicon_dir, watchlist_file), *code)
