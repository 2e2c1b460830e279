"""Presets: the links and fields of a known forum engine, so that a source file can be a name, a preset and URLs.

A preset is a YAML file in ``crawler/presets/`` with the same sections as a source file, read from the engine's
own public templates (each file names the templates it was read from, and its ``about`` says which versions and
how it is tested). ``preset: NAME`` in a source file puts the preset under the file: every field the file sets
wins, section by section (``fields.body`` in the file replaces the preset's ``fields.body`` and keeps the rest).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

PRESETS_DIR = Path(__file__).with_name("presets")
MERGED_SECTIONS = ("links", "fields", "dates", "politeness", "recrawl")


def preset_names() -> list[str]:
    """The names of the bundled presets."""
    return sorted(p.stem for p in PRESETS_DIR.glob("*.yml"))


@cache
def preset(name: str) -> dict[str, Any]:
    """One preset's source-file sections (without its ``about``); ``ValueError`` naming the known ones."""
    path = PRESETS_DIR / f"{name}.yml"
    if not isinstance(name, str) or not name.replace("-", "").isalnum() or not path.is_file():
        raise ValueError(f"unknown preset {name!r} (known: {', '.join(preset_names())})")
    body = yaml.safe_load(path.read_text(encoding="utf-8"))
    body.pop("about", None)
    return body


def about(name: str) -> dict[str, Any]:
    """A preset's ``about`` (engine, versions, how it is tested)."""
    raw = yaml.safe_load((PRESETS_DIR / f"{name}.yml").read_text(encoding="utf-8"))
    return dict(raw.get("about") or {})


def with_preset(raw: dict[str, Any]) -> dict[str, Any]:
    """The source file's mapping over its preset's (unchanged when it names none)."""
    name = raw.get("preset")
    if name is None:
        return raw
    merged: dict[str, Any] = {
        key: (dict(value) if isinstance(value, dict) else value) for key, value in preset(name).items()
    }
    for key, value in raw.items():
        if key in MERGED_SECTIONS and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def effective_yaml(source: Any) -> str:
    """A validated source as YAML: what the crawl will use, presets and defaults filled in, unset fields left out."""
    data = source.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=120)
