"""``lantern_risk``: combine the signals of each segment into a score, a level and one readable sentence.

Signals combine only inside one segment (``nlp/components/segments.py``); the item's risk is that of its
strongest segment, whose place and genre the risk carries (``segment``) and whose text the explanation quotes.
The arithmetic and the rules are data (``nlp/rules/risk.yml``): a noisy-OR over scored signals gives the score,
floors and caps over signal groups and the segment's genre set the level, and the rule that decided the level
explains it. Minor-related signals that are about the writer's own family or about customers (marked by
``lantern_genre``) add nothing; the rules see them as the groups ``family_minor`` and ``customer_minor``.

A segment with a minor-related signal of its own that reads as neither an offer nor a request (``learned`` in
``risk.yml``: its genre, its level) is read once more by the trained solicitation model
(:mod:`nlp.model.solicitation`); when the model's probability reaches its threshold, a ``learned_solicitation``
signal quoting the words that weighed most joins the segment's signals and the segment is scored again.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.data import load_yaml, rules_file
from nlp.extensions import state
from nlp.model import solicitation
from nlp.types import CORE_FLAGS, RiskLevel, Segment, Signal

LEVELS: tuple[RiskLevel, ...] = ("none", "low", "medium", "high")
_RANK = {level: rank for rank, level in enumerate(LEVELS)}
_EVIDENCE_SHOWN = 4
_QUOTE_CHARS = 40
_SEGMENT_QUOTE_CHARS = 90
_NO_SIGNALS = "No risk: no signals found."
# Categories whose signals can be about the writer's family or customers (the family_minor/customer_minor groups).
_ABOUT_CATEGORIES = frozenset({"minor_age", "youth_term"})
# Minor-related categories: a segment needs one of its own (not about family or customers) to be read by the
# trained model.
_MINOR_CATEGORIES = frozenset({"minor_age", "youth_term", "coded_term"})
LEARNED = "learned_solicitation"
SOLICITATION = frozenset({"offer", "request"})
# How many signal combinations RiskModel.assess remembers, and what stands for a signal without ``about``.
_ASSESSMENTS_KEPT = 10_000
_NOT_ABOUT = object()


@dataclass(frozen=True, slots=True)
class Rule:
    """A floor or cap over signal groups."""

    level: RiskLevel
    is_floor: bool
    all_of: tuple[str, ...]
    none_of: tuple[str, ...]
    because: str

    def applies(self, present: set[str]) -> bool:
        """Whether the groups present satisfy this rule."""
        return present.issuperset(self.all_of) and present.isdisjoint(self.none_of)


@dataclass(frozen=True, slots=True)
class Assessment:
    """The risk of one segment: score, level and the rule that decided the level."""

    score: float
    level: RiskLevel
    rule: Rule | None

    @property
    def rank(self) -> tuple[int, float]:
        """Orders assessments: the higher level first, then the higher score."""
        return _rank(self.level), self.score


class RiskModel:
    """Scores the signals of a segment according to ``risk.yml``."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.bounds: dict[str, float] = dict(config["levels"])
        self.context = frozenset(config["context_categories"])
        self.groups: dict[str, tuple[frozenset[str], float]] = {
            name: (frozenset(spec["categories"]), float(spec.get("min_weight", 0.0)))
            for name, spec in config["groups"].items()
        }
        self.rules = [self._rule(spec) for spec in config["rules"]]
        self.floors = [rule for rule in self.rules if rule.is_floor]
        self.caps = [rule for rule in self.rules if not rule.is_floor]
        # The rules that can explain a level the score reached alone: floors first, then caps.
        self.agreeing = {level: [r for r in (*self.floors, *self.caps) if r.level == level] for level in LEVELS}
        self._assessments: dict[tuple[Any, ...], Assessment] = {}

    @staticmethod
    def _rule(spec: dict[str, Any]) -> Rule:
        is_floor = "floor" in spec
        return Rule(
            level=spec["floor"] if is_floor else spec["cap"],
            is_floor=is_floor,
            all_of=tuple(spec.get("all", ())),
            none_of=tuple(spec.get("none", ())),
            because=spec["because"],
        )

    def assess(self, signals: list[Signal], genre: str = "offer", *, item_report: bool = False) -> Assessment:
        """The risk of a segment of this genre with these signals.

        Remembered for the last few thousand combinations: it depends on nothing but the category, rule, weight
        and ``about`` of each signal, in order, and most segments repeat one seen before.
        """
        key = (genre, item_report, *[_signal_key(s) for s in signals])
        assessment = self._assessments.get(key)
        if assessment is None:
            if len(self._assessments) >= _ASSESSMENTS_KEPT:
                self._assessments.clear()
            assessment = self._assessments[key] = self._assess(signals, genre, item_report)
        return assessment

    def _assess(self, signals: list[Signal], genre: str, item_report: bool) -> Assessment:
        counted = [s for s in signals if "about" not in s]
        score = self._noisy_or(counted)
        level = self._level_of(score)
        present = self._present_groups(counted, signals, genre, item_report)
        deciding: Rule | None = None
        for rule in self.floors:
            if _RANK[rule.level] > _RANK[level] and rule.applies(present):
                level, deciding = rule.level, rule
        for rule in self.caps:
            if _RANK[rule.level] < _RANK[level] and rule.applies(present):
                level, deciding = rule.level, rule
        if deciding is None:  # the score reached the level alone: explain it by a rule that agrees, if any
            deciding = next((r for r in self.agreeing[level] if r.applies(present)), None)
        return Assessment(self._within_band(score, level), level, deciding)

    def _noisy_or(self, signals: Iterable[Signal]) -> float:
        weights: dict[str, float] = {}
        for signal in signals:
            if signal["category"] not in self.context:
                weights[signal["rule"]] = max(weights.get(signal["rule"], 0.0), signal["weight"])
        remaining = 1.0
        for weight in weights.values():
            remaining *= 1.0 - min(max(weight, 0.0), 1.0)
        return 1.0 - remaining

    def _present_groups(self, counted: list[Signal], signals: list[Signal], genre: str, item_report: bool) -> set[str]:
        present = {f"genre_{genre}"}
        if genre in SOLICITATION:
            present.add("solicitation")
        if item_report:
            present.add("item_report")
        weights: dict[str, dict[str, float]] = {}  # category -> rule -> weight
        for signal in counted:
            weights.setdefault(signal["category"], {})[signal["rule"]] = signal["weight"]
        for name, (categories, min_weight) in self.groups.items():
            found = [w for category in categories & weights.keys() for w in weights[category].values()]
            if found and sum(found) >= min_weight:
                present.add(name)
        for signal in signals:
            about = signal.get("about")
            if about is not None and signal["category"] in _ABOUT_CATEGORIES:
                present.add(f"{about}_minor")
        return present

    def _level_of(self, score: float) -> RiskLevel:
        for level in ("high", "medium", "low"):
            if score >= self.bounds[level]:
                return level  # type: ignore[return-value]
        return "none"

    def _within_band(self, score: float, level: RiskLevel) -> float:
        lower = 0.0 if level == "none" else self.bounds[level]
        following = LEVELS[_rank(level) + 1] if level != "high" else None
        upper = self.bounds[following] - 0.001 if following else 1.0
        return round(min(max(score, lower), upper), 3)

    def explain(self, assessment: Assessment, signals: list[Signal], quote: str) -> str:
        """One sentence: the level, the rule that decided it, the evidence, and the segment it stands in."""
        level = assessment.level
        evidence = _evidence(signals)
        if level == "none" and not evidence:
            return _NO_SIGNALS
        reason = assessment.rule.because if assessment.rule else _default_reason(level)
        sentence = f"{'No' if level == 'none' else level.capitalize()} risk: {reason}"
        if evidence:
            sentence += f" ({evidence})"
        return f"{sentence}, in “{quote}”." if quote else f"{sentence}."


def _signal_key(signal: Signal) -> tuple[Any, ...]:
    """What of a signal the assessment depends on."""
    return signal["category"], signal["rule"], signal["weight"], signal.get("about", _NOT_ABOUT)


def _rank(level: str) -> int:
    return LEVELS.index(level)  # type: ignore[arg-type]


def _default_reason(level: RiskLevel) -> str:
    return "weak signals only" if level in ("none", "low") else "several signals together"


def _evidence(signals: list[Signal]) -> str:
    """The strongest signal of each category, quoted, strongest first."""
    best: dict[str, Signal] = {}
    for signal in signals:
        current = best.get(signal["category"])
        if current is None or signal["weight"] > current["weight"]:
            best[signal["category"]] = signal
    ranked = sorted(best.values(), key=lambda s: (-s["weight"], s["start"]))[:_EVIDENCE_SHOWN]
    return "; ".join(f"{s['category']} “{_quote(s['text'])}”" for s in ranked)


def _quote(text: str, limit: int = _QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def flags_of(signals: Iterable[Signal]) -> list[str]:
    """Distinct signal categories: the contract's core ones first, in their order, then others by name."""
    categories = {s["category"] for s in signals}
    core = [c for c in CORE_FLAGS if c in categories]
    return core + sorted(categories - set(CORE_FLAGS))


@dataclass(frozen=True, slots=True)
class Learned:
    """When the trained model reads a segment (``learned`` in ``risk.yml``), and the model."""

    genres: frozenset[str]
    levels: frozenset[str]
    model: solicitation.SolicitationModel

    def wants(self, segment: Segment, assessment: Assessment, signals: list[Signal]) -> bool:
        """Whether the model should read this segment: its genre and level are the configured ones and it has a
        minor-related signal about no family or customers."""
        return (
            segment["genre"] in self.genres
            and assessment.level in self.levels
            and any(s["category"] in _MINOR_CATEGORIES and "about" not in s for s in signals)
        )

    def signal(
        self, text: str, segment: Segment, places: list[tuple[int, int]], signals: list[Signal]
    ) -> Signal | None:
        """The model's signal for a segment (``places``: the spans of the places found in the text; ``signals``:
        the segment's other signals), when its probability reaches the threshold: on the strongest word feature
        found in the segment outside the other signals (else the segment's first words), weighing the
        probability."""
        start, end = segment["start"], segment["end"]
        inside = [(a - start, b - start) for a, b in places if a >= start and b <= end]
        reading = self.model.read(text[start:end], inside, shown=8)
        if reading.probability < self.model.threshold:
            return None
        taken = [(s["start"] - start, s["end"] - start) for s in signals]
        found = (solicitation.feature_span(text[start:end], word) for word in reading.words)
        span = next((f for f in found if f and not any(a < f[1] and f[0] < b for a, b in taken)), None)
        first, last = span if span else (0, min(end - start, _QUOTE_CHARS))
        return {
            "category": LEARNED,
            "rule": "model.solicitation",
            "text": text[start + first : start + last],
            "start": start + first,
            "end": start + last,
            "weight": round(reading.probability, 3),
        }


class RiskScorer:
    """The spaCy component: scores every segment, sets ``doc._.risk`` (the strongest segment's) and
    ``doc._.flags``."""

    def __init__(self, model: RiskModel, learned: Learned | None = None) -> None:
        self.model = model
        self.learned = learned

    def __call__(self, doc: Doc) -> Doc:
        current = state(doc)
        signals = sorted(current.signals, key=lambda s: s["start"])
        current.flags = flags_of(signals)
        segments: list[Segment] = current.segments
        if not signals:  # most texts: nothing to score, every segment stays at none
            first = segments[0]
            current.risk = {
                "score": 0.0,
                "level": "none",
                "explanation": _NO_SIGNALS,
                "segment": {"start": first["start"], "end": first["end"], "genre": first["genre"]},
            }
            return doc
        item_report = current.genre is not None and current.genre["label"] == "report"
        starts = [s["start"] for s in signals]
        best: tuple[Segment, Assessment, list[Signal]] | None = None
        learned: list[Signal] = []
        for segment in segments:
            inside = signals[bisect_left(starts, segment["start"]) : bisect_left(starts, segment["end"])]
            assessment = self.model.assess(inside, segment["genre"], item_report=item_report)
            if self.learned is not None and not item_report and self.learned.wants(segment, assessment, inside):
                places = [(p["start"], p["end"]) for p in (*current.locations, *current.regions)]
                extra = self.learned.signal(current.source_text, segment, places, inside)
                if extra is not None:
                    learned.append(extra)
                    inside = sorted([*inside, extra], key=lambda s: s["start"])
                    assessment = self.model.assess(inside, segment["genre"], item_report=item_report)
            segment["level"], segment["score"] = assessment.level, assessment.score
            if best is None or assessment.rank > best[1].rank:
                best = (segment, assessment, inside)
        assert best is not None, "the segment cutter gives every document at least one segment"
        if learned:
            current.signals.extend(learned)
            current.flags = flags_of(current.signals)
        segment, assessment, inside = best
        quote = _segment_quote(current.source_text, segment, inside) if inside else ""
        current.risk = {
            "score": assessment.score,
            "level": assessment.level,
            "explanation": self.model.explain(assessment, inside, quote),
            "segment": {"start": segment["start"], "end": segment["end"], "genre": segment["genre"]},
        }
        return doc


def _segment_quote(text: str, segment: Segment, signals: list[Signal]) -> str:
    """The segment's text on one line, shortened around its strongest signal: from the start of that signal's
    sentence, or a little before it ("…" marks a cut)."""
    strongest = max(signals, key=lambda s: (s["weight"], -s["start"]))
    head = text[max(segment["start"], strongest["start"] - _SEGMENT_QUOTE_CHARS // 2) : strongest["start"]]
    cut = max(head.rfind(". "), head.rfind("\n"))
    if cut >= 0:
        head = head[cut + 1 :]
    start = strongest["start"] - len(head.lstrip())
    quote = _quote(text[start : min(segment["end"], start + 4 * _SEGMENT_QUOTE_CHARS)], _SEGMENT_QUOTE_CHARS)
    return quote if start <= segment["start"] else f"…{quote}"


@Language.factory(
    "lantern_risk",
    requires=["doc._.signals", "doc._.segments", "doc._.genre"],
    assigns=["doc._.risk", "doc._.flags", "doc._.segments"],
)
def make_risk_scorer(nlp: Language, name: str) -> RiskScorer:
    """Registered factory of the risk scorer."""
    config = load_yaml(rules_file("risk.yml"))
    spec = config.get("learned")
    learned = (
        Learned(frozenset(spec["genres"]), frozenset(spec["levels"]), solicitation.load())
        if spec and spec.get("enabled", True)
        else None
    )
    return RiskScorer(RiskModel(config), learned)
