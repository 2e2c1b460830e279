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


def effective_yaml(source: Any, default_timezone: str) -> str:
    """A validated source as YAML: what the crawl will use, presets and defaults filled in, unset fields left out.

    ``timezone`` and ``dates`` are shown as the clean stage will read dates (``LANTERN_TIMEZONE``, the default
    languages and order where the file sets none).
    """
    from pipelines.dates import DEFAULT_LANGUAGES, DEFAULT_ORDER, hints_of

    data = source.model_dump(mode="json", exclude_none=True)
    hints = hints_of(source, default_timezone)
    dates = {"languages": list(hints.languages or DEFAULT_LANGUAGES), "order": hints.order or DEFAULT_ORDER}
    data.pop("timezone", None)
    data = {**{k: v for k, v in data.items() if k != "dates"}, "timezone": hints.timezone, "dates": dates}
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


class _Dumper(yaml.SafeDumper):
    """Block style, but short lists of plain values on one line (``languages: [en, nl]``)."""


_Dumper.add_representer(list, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
