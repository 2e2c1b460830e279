"""Lexicon files: YAML term lists validated into typed entries, with errors that name the file and entry.

A lexicon file looks like this (see ``nlp/lexicons/README.md`` for the full format)::

    language: en            # en, nl, or any (every pipeline)
    entries:
      - id: en.youth.young_girl
        category: youth_term
        weight: 0.6
        phrases: ["young girl", "young girls"]
      - id: en.youth.teen
        category: youth_term
        weight: 0.5
        pattern: [{LOWER: {IN: [teen, teenager]}}]
        context: {window: 6, unless: [book, club, fiction]}
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from lantern.errors import ConfigError
from nlp.data import LEXICON_DIR, load_yaml

CATEGORY_PATTERN = r"^[a-z][a-z0-9_]*$"
ID_PATTERN = r"^[A-Za-z0-9_.:-]+$"


class Context(BaseModel):
    """Words near a match that suppress it (``unless``) or that it needs (``requires``)."""

    model_config = ConfigDict(extra="forbid")
    window: int = Field(6, ge=1, le=50, description="Tokens to look at on each side of the match.")
    unless: list[str] = Field(default_factory=list)
    requires: list[str] = Field(default_factory=list)


class LexiconEntry(BaseModel):
    """One rule: phrases (matched on lower-cased tokens) or a spaCy Matcher token pattern."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=ID_PATTERN)
    category: str = Field(pattern=CATEGORY_PATTERN)
    weight: float = Field(ge=0.0, le=1.0)
    phrases: list[str] = Field(default_factory=list)
    pattern: list[dict[str, Any]] | None = None
    context: Context | None = None
    languages: list[str] | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> LexiconEntry:
        if bool(self.phrases) == bool(self.pattern):
            raise ValueError("give either `phrases` or `pattern`, not both or neither")
        return self


class LexiconFile(BaseModel):
    """A whole lexicon file."""

    model_config = ConfigDict(extra="forbid")
    language: Literal["en", "nl", "any"] | str
    description: str | None = None
    entries: list[LexiconEntry]


def load_lexicon(path: Path) -> LexiconFile:
    """Parse and validate one lexicon file; errors name the file, the entry and the field."""
    data = load_yaml(path)
    try:
        return LexiconFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: invalid lexicon", hint=_describe(exc, data)) from None


def _describe(exc: ValidationError, data: Any) -> str:
    problems = []
    for error in exc.errors()[:5]:
        location = list(error["loc"])
        where = ".".join(str(part) for part in location)
        if len(location) >= 2 and location[0] == "entries" and isinstance(location[1], int):
            with contextlib.suppress(KeyError, IndexError, TypeError, AttributeError):
                where = f"entry {data['entries'][location[1]].get('id', location[1])!r}: " + ".".join(
                    str(part) for part in location[2:]
                )
        problems.append(f"{where}: {error['msg']}")
    return "; ".join(problems)


def lexicon_paths(extra_dir: Path | None) -> list[Path]:
    """The built-in lexicon files and the operator's extra ones."""
    paths = sorted(LEXICON_DIR.glob("*.yml"))
    if extra_dir is not None:
        folder = Path(extra_dir)
        if not folder.is_dir():
            raise ConfigError(f"lexicon folder {folder} does not exist", hint="set LANTERN_LEXICON_DIR to a folder")
        paths += sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
    return paths


def entries_for(language: str, paths: Iterable[Path]) -> list[LexiconEntry]:
    """Entries that apply to a pipeline language; ids must be unique across files."""
    selected: list[LexiconEntry] = []
    seen: dict[str, Path] = {}
    for path in paths:
        lexicon = load_lexicon(path)
        for entry in lexicon.entries:
            if entry.id in seen:
                raise ConfigError(f"{path}: lexicon id {entry.id!r} is also defined in {seen[entry.id]}")
            seen[entry.id] = path
            languages = entry.languages or [lexicon.language]
            if language in languages or "any" in languages:
                selected.append(entry)
    return selected
