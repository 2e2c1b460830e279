"""The shapes the analyzer produces, as typed dictionaries (they are the analysis contract's parts)."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

RiskLevel = Literal["none", "low", "medium", "high"]
PlaceKind = Literal["country", "region", "city", "place"]
# What kind of text an item or a segment is (``lantern_genre``): someone offers a person or a service, someone
# seeks one, news/NGO/police/court/research/policy text, a traveller's or a parent's own story or a review, or
# anything else (goods, jobs, notices).
GenreLabel = Literal["offer", "request", "report", "personal", "other"]
GENRES: tuple[GenreLabel, ...] = ("offer", "request", "report", "personal", "other")

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
    reason: NotRequired[str]
    confidence: NotRequired[float]


class Region(TypedDict):
    """A mention of an area across countries: a continent, a sea or a region such as Southeast Asia."""

    id: str
    name: str
    kind: Literal["continent", "sea", "region"]
    countries: list[str]
    lat: float | None
    lon: float | None
    text: str
    start: int
    end: int
    destination: bool
    confidence: float


class Demonym(TypedDict):
    """A demonym or place adjective ("Filipijnse", "tailandeses"): about a place, but not a place."""

    text: str
    start: int
    end: int
    name: str
    country: NotRequired[str]
    region: NotRequired[str]


class Contacts(TypedDict):
    """Contact selectors found in the text, normalised (phones in E.164)."""

    phones: list[str]
    emails: list[str]
    handles: list[str]


class Cue(TypedDict):
    """Evidence for a genre: a cue phrase or another component's finding, with its weight."""

    genre: str
    rule: str
    text: str
    start: int
    end: int
    weight: float


class Segment(TypedDict):
    """A unit that can be one offer or one request (source offsets), its genre and its risk."""

    start: int
    end: int
    genre: GenreLabel
    level: RiskLevel
    score: float


class Genre(TypedDict):
    """The genre of an item, with the cues that decided it (strongest first)."""

    label: GenreLabel
    evidence: list[Cue]


class SegmentRef(TypedDict):
    """Where the segment that decided an item's level lies, and its genre."""

    start: int
    end: int
    genre: GenreLabel


class Risk(TypedDict):
    """The combined risk of an item: that of its strongest segment."""

    score: float
    level: RiskLevel
    explanation: str
    segment: NotRequired[SegmentRef]


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
    genre: NotRequired[Genre]
    regions: NotRequired[list[Region]]
    demonyms: NotRequired[list[Demonym]]


class AnalysisRecord(TypedDict):
    """One line of ``lantern analyze`` output."""

    id: str
    language: str
    analysis: Analysis
