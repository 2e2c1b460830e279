"""The shapes the analyzer produces, as typed dictionaries (they are the analysis contract's parts)."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

RiskLevel = Literal["none", "low", "medium", "high"]
PlaceKind = Literal["country", "region", "city", "place"]

# The contract's core flags, in the order flags are listed (analysis.schema.json, "flags").
CORE_FLAGS: tuple[str, ...] = (
    "minor_age",
    "youth_term",
    "coded_term",
    "destination",
    "travel_intent",
    "third_party",
    "movement",
    "webcam",
    "awareness_context",
)


class Signal(TypedDict):
    """A rule that matched: its category, rule id, the matched text exactly as in the input, and its offsets."""

    category: str
    rule: str
    text: str
    start: int
    end: int
    weight: float


class Age(TypedDict):
    """An age stated for a person."""

    value: int
    text: str
    start: int
    end: int
    rule: NotRequired[str]


class Location(TypedDict):
    """A resolved place mention."""

    name: str
    country: str
    kind: PlaceKind
    lat: float | None
    lon: float | None
    geonameid: int | None
    text: str
    start: int
    end: int
    destination: NotRequired[bool]


class Contacts(TypedDict):
    """Contact selectors found in the text, normalised (phones in E.164)."""

    phones: list[str]
    emails: list[str]
    handles: list[str]


class Risk(TypedDict):
    """The combined risk of an item."""

    score: float
    level: RiskLevel
    explanation: str


class Analysis(TypedDict):
    """The ``analysis`` object of the analysis record (see ``contracts/analysis.schema.json``)."""

    analyzer_version: str
    lexicon_version: str
    risk: Risk
    flags: list[str]
    signals: list[Signal]
    ages: list[Age]
    min_age: int | None
    locations: list[Location]
    countries: list[str]
    contacts: Contacts


class AnalysisRecord(TypedDict):
    """One line of ``lantern analyze`` output."""

    id: str
    language: str
    analysis: Analysis
