"""``lantern_risk``: combine the signals into a score, a level and one readable sentence.

The arithmetic and the rules are data (``nlp/rules/risk.yml``): a noisy-OR over scored signals gives the score,
floors and caps over signal groups set the level, and the rule that decided the level explains it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.data import load_yaml, rules_file
from nlp.types import CORE_FLAGS, Risk, RiskLevel, Signal

LEVELS: tuple[RiskLevel, ...] = ("none", "low", "medium", "high")
_EVIDENCE_SHOWN = 4
_QUOTE_CHARS = 40


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


class RiskModel:
    """Scores a list of signals according to ``risk.yml``."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.bounds: dict[str, float] = dict(config["levels"])
        self.context = frozenset(config["context_categories"])
        self.groups: dict[str, tuple[frozenset[str], float]] = {
            name: (frozenset(spec["categories"]), float(spec.get("min_weight", 0.0)))
            for name, spec in config["groups"].items()
        }
        self.rules = [self._rule(spec) for spec in config["rules"]]

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

    def assess(self, signals: list[Signal]) -> Risk:
        """The risk of an item with these signals."""
        score = self._noisy_or(signals)
        level = self._level_of(score)
        present = self._present_groups(signals)
        deciding: Rule | None = None
        for rule in self.rules:
            if rule.is_floor and rule.applies(present) and _rank(rule.level) > _rank(level):
                level, deciding = rule.level, rule
        for rule in self.rules:
            if not rule.is_floor and rule.applies(present) and _rank(rule.level) < _rank(level):
                level, deciding = rule.level, rule
        if deciding is None:  # the score reached the level alone: explain it by the matching floor, if any
            deciding = next((r for r in self.rules if r.is_floor and r.level == level and r.applies(present)), None)
        return {
            "score": self._within_band(score, level),
            "level": level,
            "explanation": self._explain(level, deciding, signals),
        }

    def _noisy_or(self, signals: Iterable[Signal]) -> float:
        weights: dict[str, float] = {}
        for signal in signals:
            if signal["category"] not in self.context:
                weights[signal["rule"]] = max(weights.get(signal["rule"], 0.0), signal["weight"])
        remaining = 1.0
        for weight in weights.values():
            remaining *= 1.0 - min(max(weight, 0.0), 1.0)
        return 1.0 - remaining

    def _present_groups(self, signals: list[Signal]) -> set[str]:
        present = set()
        for name, (categories, min_weight) in self.groups.items():
            rules = {s["rule"]: s["weight"] for s in signals if s["category"] in categories}
            if rules and sum(rules.values()) >= min_weight:
                present.add(name)
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

    def _explain(self, level: RiskLevel, deciding: Rule | None, signals: list[Signal]) -> str:
        evidence = _evidence(signals)
        if level == "none" and not evidence:
            return "No risk: no signals found."
        reason = deciding.because if deciding else _default_reason(level)
        sentence = f"{'No' if level == 'none' else level.capitalize()} risk: {reason}"
        return f"{sentence} ({evidence})." if evidence else f"{sentence}."


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


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _QUOTE_CHARS else flat[: _QUOTE_CHARS - 1] + "…"


def flags_of(signals: Iterable[Signal]) -> list[str]:
    """Distinct signal categories: the contract's core ones first, in their order, then others by name."""
    categories = {s["category"] for s in signals}
    core = [c for c in CORE_FLAGS if c in categories]
    return core + sorted(categories - set(CORE_FLAGS))


class RiskScorer:
    """The spaCy component: sets ``doc._.risk`` and ``doc._.flags``."""

    def __init__(self, model: RiskModel) -> None:
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        underscore = doc._  # fetched once: every ``doc._`` builds a new accessor
        signals = underscore.signals
        underscore.flags = flags_of(signals)
        underscore.risk = self.model.assess(signals)
        return doc


@Language.factory(
    "lantern_risk",
    requires=["doc._.signals"],
    assigns=["doc._.risk", "doc._.flags"],
)
def make_risk_scorer(nlp: Language, name: str) -> RiskScorer:
    """Registered factory of the risk scorer."""
    return RiskScorer(RiskModel(load_yaml(rules_file("risk.yml"))))
