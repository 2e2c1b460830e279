"""``lantern_genre``: what kind of text each segment and the whole item is — offer, request, report, personal
or other — with the cues that decided it.

Medium and high risk need an offer or a request (``nlp/rules/risk.yml``), so this component is what keeps news,
policy texts, reviews and family talk from being read as advertisements. It is rules, not a model: cue phrases
per language (``nlp/genre/*.yml``) and the findings of the other components (offer words, awareness words,
contact selectors) add weight to a genre; ``nlp/rules/genre.yml`` holds the weights and thresholds.

It also tells who a minor-related signal is about (``about`` on the signal): the writer's own family ("my
daughter", "onze kinderen", and every child of a personal text such as a review) or customers ("kids club",
"kinderen tot 12 jaar gratis") — unless an offer points at that child ("my daughter, 14, available, call me").
The risk rules count such signals only where they belong.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components.lexicon import LexiconMatcher
from nlp.data import GENRE_DIR, load_yaml, rules_file
from nlp.extensions import state
from nlp.lexicon_files import LexiconEntry, entries_for
from nlp.types import GENRES, Cue, Genre, GenreLabel, Segment, Signal

MINOR_CATEGORIES = frozenset({"minor_age", "youth_term", "coded_term"})
# Signals that can be about someone other than the person offered (code words never are).
ABOUT_CATEGORIES = frozenset({"minor_age", "youth_term"})
REFERENCE_KINDS = ("family", "customer")
POINTING_CUES = frozenset({"offer", "contact"})
_EVIDENCE_SHOWN = 6
# Everyday words this close after youth wording belong to it ("van de middelbare school", "homework after school").
_YOUTH_TAIL = 16
# Rule ids of the evidence taken from other components (see GenreClassifier._derived).
_DERIVED = ("signal.", "contact.")
# Cue categories of offers and requests, whose spans take in the review words inside them (_outside_solicitation_cues).
_SOLICITATION_CUES = frozenset({"offer", "request", "request_hint"})
_start = itemgetter("start")
_rule = itemgetter("rule")


@dataclass(frozen=True, slots=True)
class GenreRules:
    """The decision data of ``nlp/rules/genre.yml``."""

    thresholds: dict[str, float]
    priority: tuple[str, ...]
    counts_as: dict[str, str]
    hints: dict[str, str]
    from_signals: dict[str, tuple[str, float]]
    from_contacts: tuple[str, float]
    reference_distance: int
    point_distance: int
    pointing_signals: frozenset[str]
    pointing_rules: frozenset[str]
    never_family: frozenset[str]
    hint_before: int
    hint_after: int
    repeat_bonus: float
    repeat_cap: float
    quoted_weight: float
    reported_speech: frozenset[str]
    quoted_keeps: frozenset[str]
    service_rules: frozenset[str]
    service_mutes: frozenset[str]
    cover_rules: frozenset[str]
    cover_mutes: frozenset[str]
    combinations: tuple[tuple[str, float, frozenset[str], frozenset[str], int], ...]
    first_person: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    possessed: frozenset[str] = frozenset()
    price: re.Pattern[str] | None = None

    @classmethod
    def from_rules(cls, rules: dict[str, Any]) -> GenreRules:
        """Read the genre rules file's mapping."""
        return cls(
            thresholds={g: float(rules["thresholds"][g]) for g in GENRES},
            priority=tuple(rules["priority"]),
            counts_as=dict(rules["counts_as"]),
            hints=dict(rules["hints"]),
            from_signals={k: (v["genre"], float(v["weight"])) for k, v in rules["from_signals"].items()},
            from_contacts=(rules["from_contacts"]["genre"], float(rules["from_contacts"]["weight"])),
            reference_distance=int(rules["reference_distance"]),
            point_distance=int(rules["point_distance"]),
            pointing_signals=frozenset(rules["pointing_signals"]),
            pointing_rules=frozenset(rules.get("pointing_rules", ())),
            never_family=frozenset(rules["never_family"]),
            hint_before=int(rules["hint_reach"]["before"]),
            hint_after=int(rules["hint_reach"]["after"]),
            repeat_bonus=float(rules["repeat_bonus"]),
            repeat_cap=float(rules["repeat_cap"]),
            quoted_weight=float(rules["quoted_weight"]),
            reported_speech=frozenset(rules.get("reported_speech", ())),
            quoted_keeps=frozenset(rules.get("quoted_keeps", ())),
            service_rules=frozenset(rules["services"]["rules"]),
            service_mutes=frozenset(rules["services"]["mutes"]),
            cover_rules=frozenset(rules.get("covers", {}).get("rules", ())),
            cover_mutes=frozenset(rules.get("covers", {}).get("mutes", ())),
            combinations=tuple(
                (
                    c["genre"],
                    float(c["weight"]),
                    frozenset(c["all"]),
                    frozenset(c.get("none_of_genres", ())),
                    int(c.get("max_chars", 0)),
                )
                for c in rules.get("combinations", ())
            ),
            first_person=_first_person(rules.get("first_person", ())),
            possessed=frozenset(rules.get("possessed_before_first_person", ())),
            price=_words_pattern(rules.get("price_words", ())),
        )

    def self_stated(self, source: str, signal: Signal) -> bool:
        """Whether a minor's age is one the writer states of themself ("im 15", "ik ben sanne, 14"): a
        first-person cue right before it, or opening it, that is no possessive after a noun ("anak saya 15 thn",
        my child)."""
        if self.first_person is None or signal["category"] != "minor_age":
            return False
        before, opening = self.first_person
        start = signal["start"]
        if opening.match(signal["text"]):
            cue_start = start
        elif (found := before.search(source, max(0, start - 40), start)) is not None:
            cue_start = found.start()
        else:
            return False
        words = source[max(0, cue_start - 20) : cue_start].split()  # "anak saya umur 14": my child's age
        return not (words and words[-1].lower() in self.possessed)

    @property
    def from_signals_genres(self) -> set[str]:
        """The genres other components' findings count for."""
        return {genre for genre, _ in (*self.from_signals.values(), self.from_contacts)}

    def decide(self, scores: dict[str, float]) -> GenreLabel:
        """The genre with the highest score, when that reaches its threshold; else ``other``. A genre with more
        evidence blocks one with less even below its own threshold: a policy text that says "offered" once is
        still no offer."""
        best, best_score = self.priority[0], scores.get(self.priority[0], 0.0)
        for genre in self.priority[1:]:  # the first of the highest scores, in the order of priority
            score = scores.get(genre, 0.0)
            if score > best_score:
                best, best_score = genre, score
        return best if best_score >= self.thresholds[best] else "other"  # type: ignore[return-value]

    def genre_of(self, category: str, minor_nearby: bool) -> str | None:
        """The genre a cue of this category counts for (``None``: none, or a hint without a minor nearby)."""
        if category in self.hints:
            return self.hints[category] if minor_nearby else None
        return self.counts_as.get(category, category if category in GENRES else None)


class GenreClassifier:
    """The spaCy component: sets each segment's ``genre``, ``doc._.genre`` and ``doc._.genre_cues``, and marks
    minor-related signals that are about the writer's family or about customers."""

    def __init__(self, matcher: LexiconMatcher, rules: GenreRules) -> None:
        self.matcher = matcher
        self.rules = rules
        categories = {entry.category for entry in matcher.entries.values()} | set(rules.from_signals_genres)
        self._genre_for = {c: g for c in categories if (g := rules.genre_of(c, minor_nearby=False)) is not None}
        # The evidence each signal category gives: genre, rule id, weight (see _derived).
        self._from_signals = {c: (g, f"signal.{c}", w) for c, (g, w) in rules.from_signals.items()}
        self._service_rules = rules.service_rules

    def __call__(self, doc: Doc) -> Doc:
        current = state(doc)
        source = current.source_text
        quoted = _quoted_spans(source) if _may_quote(source) else []
        spans = self.matcher.spans(doc)
        if self.rules.reported_speech:
            quoted = self._reported(spans, source, quoted)
        cues = self._cues(source, quoted, spans)
        signals = sorted(current.signals, key=_start)
        derived = self._derived(signals, current.contact_spans, source)
        kept = self._service_rules  # "Teen babysitter": the service stays an everyday one
        cues, derived = _outside_youth_wording(cues, signals, kept), _outside_youth_wording(derived, signals, kept)
        cues = _outside_solicitation_cues(cues)
        if quoted:  # other components' findings inside a quotation are reported speech too
            for cue in derived:
                cue["weight"] = self._weight(cue["weight"], cue["start"], quoted)
        evidence = cues + derived
        evidence.sort(key=_start)
        current.genre_cues = evidence
        segments: list[Segment] = current.segments
        if not evidence and not any(s["category"] in MINOR_CATEGORIES for s in signals):
            # most texts: nothing speaks for any genre (with a minor, a combination still may)
            for segment in segments:
                segment["genre"] = "other"
            current.genre = {"label": "other", "evidence": []}
            return doc
        about = [s for s in signals if s["category"] in ABOUT_CATEGORIES]
        if not about:  # most of the rest: no signal that can be about a family or customers
            current.genre = _genre(*self._classify(segments, evidence, signals, source))
            return doc
        pointed = self._pointed(about, evidence, signals)
        self._mark_references(about, cues, pointed, source)
        label, winners = self._classify(segments, evidence, signals, source)
        if label == "personal" and any("about" not in s for s in about) and _family_context(cues):
            for signal, is_pointed in zip(about, pointed, strict=True):
                if self.rules.self_stated(source, signal):
                    continue
                if not is_pointed and "about" not in signal and signal["rule"] not in self.rules.never_family:
                    signal["about"] = "family"  # type: ignore[typeddict-unknown-key]
            label, winners = self._classify(segments, evidence, signals, source)
        current.genre = _genre(label, winners)
        return doc

    def _cues(
        self, source: str, quoted: list[tuple[int, int]], spans: list[tuple[LexiconEntry, int, int]]
    ) -> list[Cue]:
        """The cue phrases' evidence, weighed down inside quotations."""
        cues: list[Cue] = [
            {
                "genre": entry.category,
                "rule": entry.id,
                "text": source[start:end],
                "start": start,
                "end": end,
                "weight": entry.weight,
            }
            for entry, start, end in spans
        ]
        if quoted:
            kept = self.rules.quoted_keeps  # report cues count in full inside a quotation too
            for cue in cues:
                if cue["genre"] not in kept:
                    cue["weight"] = self._weight(cue["weight"], cue["start"], quoted)
        return cues

    def _classify(
        self, segments: list[Segment], evidence: list[Cue], signals: list[Signal], source: str
    ) -> tuple[GenreLabel, list[Cue]]:
        """Set every segment's genre; the item's genre and the cues that speak for it."""
        minors = sorted(
            (s["start"], s["end"]) for s in signals if s["category"] in MINOR_CATEGORIES and "about" not in s
        )
        # a combination needs an own minor in the segment: without any in the item, no segment has one
        combinations = bool(minors and self.rules.combinations)
        signal_starts = [s["start"] for s in signals] if combinations else []  # signals are sorted by start
        if len(segments) == 1:  # the whole item
            segment = segments[0]
            inside = evidence
            if combinations:
                inside = inside + self._combinations(segment, _within(signals, signal_starts, segment), inside, source)
            scores, used = self._scores(inside, minors)
            label = segment["genre"] = self.rules.decide(scores)
            return label, [cue for genre, cue in used if genre == label]
        totals: dict[str, float] = dict.fromkeys(GENRES, 0.0)
        used_by: list[tuple[str, Cue]] = []
        starts = [c["start"] for c in evidence]
        for segment in segments:
            inside = evidence[bisect_left(starts, segment["start"]) : bisect_left(starts, segment["end"])]
            if combinations:
                inside = inside + self._combinations(segment, _within(signals, signal_starts, segment), inside, source)
            scores, used = self._scores(inside, minors)
            segment["genre"] = self.rules.decide(scores)
            for genre, score in scores.items():
                totals[genre] += score
            used_by.extend(used)
        label = self.rules.decide(totals)
        return label, [cue for genre, cue in used_by if genre == label]

    def _combinations(self, segment: Segment, signals: list[Signal], cues: list[Cue], source: str) -> list[Cue]:
        """Cues for the combinations of findings that stand in the segment (``combinations`` in the rules);
        ``signals``: the segment's own."""
        inside = signals
        present = {s["category"] for s in inside}
        own = [s for s in inside if s["category"] in MINOR_CATEGORIES and "about" not in s]
        if not own:
            return []
        present.add("own_minor")
        if any(c["rule"] == "contact.selector" for c in cues):
            present.add("contact")
        text = source[segment["start"] : segment["end"]]
        if "?" in text:
            present.add("question")
        if self.rules.price is not None and self.rules.price.search(text):
            present.add("price")
        if any(s["category"] == "minor_age" and not _small_age(s["text"]) for s in own):
            present.add("own_age")
        genres_cued = {self._genre_for.get(c["genre"]) for c in cues}
        first = own[0]
        return [
            _evidence_cue(
                genre, f"combination.{'+'.join(sorted(kinds))}", first["text"], first["start"], first["end"], weight
            )
            for genre, weight, kinds, absent, max_chars in self.rules.combinations
            if kinds <= present and absent.isdisjoint(genres_cued) and (not max_chars or len(text) <= max_chars)
        ]

    def _scores(self, cues: list[Cue], minors: list[tuple[int, int]]) -> tuple[dict[str, float], list[tuple[str, Cue]]]:
        """Each genre's summed weight over distinct rules, and the cues that counted with their genres, the
        first of each rule (``minors``: the spans of the minor-related signals that are about no family or
        customer, for the hints)."""
        used: list[tuple[str, Cue]] = []
        words: dict[str, set[str]] = {}
        rules_present = set(map(_rule, cues))
        if not self.rules.cover_rules.isdisjoint(rules_present):  # a job as the cover of an offer: no job
            cues = [cue for cue in cues if cue["rule"] not in self.rules.cover_mutes]
        elif not self._service_rules.isdisjoint(rules_present):  # an everyday service: no person
            cues = [cue for cue in cues if cue["rule"] not in self.rules.service_mutes]
        hints, genre_for = self.rules.hints, self._genre_for
        for cue in cues:
            category, rule = cue["genre"], cue["rule"]
            if category in hints:
                if not self._reaches(cue, minors):
                    continue
                genre = hints[category]
            elif category in genre_for:
                genre = genre_for[category]
            else:
                continue
            matched = words.get(rule)
            if matched is None:
                words[rule] = {cue["text"].lower()}
                used.append((genre, cue))
            elif not rule.startswith(_DERIVED):  # other components' findings count once: they have weights
                matched.add(cue["text"].lower())
        scores: dict[str, float] = dict.fromkeys(GENRES, 0.0)
        bonus, cap = self.rules.repeat_bonus, self.rules.repeat_cap
        for genre, cue in used:
            scores[genre] += cue["weight"] * min(cap, 1.0 + bonus * (len(words[cue["rule"]]) - 1))
        return scores, used

    def _reported(self, spans: list[Any], source: str, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The quotations, and what follows a cue of reported speech to the end of its sentence ("the ad read
        …", "warning signs include ads saying …", "hij schreef dat …")."""
        told = [
            (end, _sentence_end(source, end)) for entry, _, end in spans if entry.category in self.rules.reported_speech
        ]
        return sorted(quoted + told) if told else quoted

    def _weight(self, weight: float, start: int, quoted: list[tuple[int, int]]) -> float:
        """A cue's weight: reduced inside quotation marks (reported speech)."""
        if quoted and _near(quoted, start, start, 0):
            return round(weight * self.rules.quoted_weight, 3)
        return weight

    def _reaches(self, hint: Cue, minors: list[tuple[int, int]]) -> bool:
        """Whether a minor-related signal starts within the hint's reach (a little before it, more after it)."""
        low = bisect_left(minors, (hint["start"] - self.rules.hint_before, 0))
        return low < len(minors) and minors[low][0] <= hint["end"] + self.rules.hint_after

    def _derived(self, signals: list[Signal], contact_spans: list[tuple[int, int]], source: str) -> list[Cue]:
        """Genre evidence from the other components: their signals and the contact selectors."""
        from_signals = self._from_signals
        derived: list[Cue] = []
        for signal in signals:
            mapped = from_signals.get(signal["category"])
            if mapped is not None:
                genre, rule, weight = mapped
                derived.append(_evidence_cue(genre, rule, signal["text"], signal["start"], signal["end"], weight))
        genre, weight = self.rules.from_contacts
        for start, end in contact_spans:
            derived.append(_evidence_cue(genre, "contact.selector", source[start:end], start, end, weight))
        return derived

    def _pointed(self, about: list[Signal], evidence: list[Cue], signals: list[Signal]) -> list[bool]:
        """For each signal, whether an offer points at it: a strong offer cue, a contact selector, a cue of the
        ``pointing_rules`` (requests made through a family) or a third-party or webcam signal within the point
        distance."""
        pointing_rules = self.rules.pointing_rules
        spans = sorted(
            [
                (c["start"], c["end"])
                for c in evidence
                if c["genre"] in POINTING_CUES or c["rule"] == "contact.selector" or c["rule"] in pointing_rules
            ]
            + [(s["start"], s["end"]) for s in signals if s["category"] in self.rules.pointing_signals]
        )
        return [_near(spans, s["start"], s["end"], self.rules.point_distance) for s in about]

    def _mark_references(self, about: list[Signal], cues: list[Cue], pointed: list[bool], source: str) -> None:
        """``about: customer`` beside a customer reference; ``about: family`` beside a family one, unless an
        offer points at the signal."""
        spans = {kind: sorted((c["start"], c["end"]) for c in cues if c["genre"] == kind) for kind in REFERENCE_KINDS}
        distance = self.rules.reference_distance
        for signal, is_pointed in zip(about, pointed, strict=True):
            if self.rules.self_stated(source, signal):
                continue  # the writer's own age: neither a child of the family nor a customer
            if _near(spans["customer"], signal["start"], signal["end"], distance):
                signal["about"] = "customer"  # type: ignore[typeddict-unknown-key]
            elif not is_pointed and _near(spans["family"], signal["start"], signal["end"], distance):
                signal["about"] = "family"  # type: ignore[typeddict-unknown-key]
        _spread_along_lists(about, pointed, source)


_LIST_GAP = re.compile(r"\s{0,3}(?:[,;/&+]|and|en|und|y|e|et|at)?\s{0,3}", re.IGNORECASE)


def _spread_along_lists(about: list[Signal], pointed: list[bool], source: str) -> None:
    """A list of ages ("Tom 45, Sara 43, Lotte 14, Sem 11") is about one group: a member about the family or about
    customers makes the members listed right beside it so too (a family's list runs past the reference distance),
    unless an offer points at them."""
    order = sorted(range(len(about)), key=lambda i: about[i]["start"])
    for sequence in (order, order[::-1]):  # forwards, then backwards
        for i, j in pairwise(sequence):
            marked, other = about[i], about[j]
            if "about" not in marked or "about" in other or pointed[j]:
                continue
            first, second = (marked, other) if marked["start"] < other["start"] else (other, marked)
            if first["end"] <= second["start"] and _LIST_GAP.fullmatch(source, first["end"], second["start"]):
                other["about"] = marked["about"]  # type: ignore[typeddict-unknown-key, typeddict-item]


def _small_age(text: str) -> bool:
    """Whether the numbers of an age's text are all below 10 ("2 taon", "children 4-9"): a thing's age or a
    customer's more often than a person offered."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    return bool(numbers) and max(numbers) < 10


def _words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern of whole words or phrases (``price_words``), or None without any."""
    words = sorted(set(words), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.IGNORECASE)


def _first_person(words: Iterable[str]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Where a first-person statement of an age ends before the number (a cue, then maybe a name and an
    intensifier), and where it opens an age's evidence ("ik ben sanne, 14")."""
    if not words:
        return None
    cues = "|".join(re.escape(w).replace(r"\ ", r"\s{1,3}") for w in sorted(set(words), key=len, reverse=True))
    intensifiers = r"(?:only|just|barely|almost|nearly|pas|net|nog maar|bijna|erst|nur|solo|apenas|baru)"
    before = re.compile(
        rf"(?<![\w'’])(?:{cues})\s{{1,3}}(?:[^\W\d_]{{2,20}}\s{{0,2}},?\s{{0,2}})?(?:{intensifiers}\s{{1,3}})?$",
        re.IGNORECASE,
    )
    return before, re.compile(rf"(?:{cues})\s", re.IGNORECASE)


# Text in quotation marks (double: straight, curly, low-9, guillemets; single: straight or curly, not an
# apostrophe inside a word), at most a few lines long.
_QUOTED = re.compile(
    r'"[^"\n]{1,300}"|“[^“”\n]{1,300}”|„[^“”„\n]{1,300}[“”]|«[^«»\n]{1,300}»'
    r"|(?<!\w)'[^'\n]{2,300}'(?!\w)|(?<!\w)‘[^‘’\n]{2,300}’(?!\w)"
)
_QUOTE_MARKS = "\"'“„«‘"  # the opening marks of _QUOTED: every quotation starts with one
_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence_end(text: str, start: int) -> int:
    """Where the sentence that runs on at ``start`` ends (at most 300 characters on)."""
    found = _SENTENCE_END.search(text, start, start + 300)
    return found.end() if found else min(len(text), start + 300)


def _may_quote(text: str) -> bool:
    """Whether ``text`` has an opening quotation mark: a substring search for each (a ``memchr``; ASCII text
    can only have the first two), several times faster than a regular expression's class scanned character by
    character."""
    marks = _QUOTE_MARKS[:2] if text.isascii() else _QUOTE_MARKS
    return any(mark in text for mark in marks)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every quotation in ``text``."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def _near(spans: list[tuple[int, int]], start: int, end: int, distance: int) -> bool:
    """Whether one of the sorted ``spans`` lies within ``distance`` characters of ``[start, end)``."""
    index = bisect_left(spans, (start - distance - 1000, 0))
    for span_start, span_end in spans[index:]:
        if span_start > end + distance:
            return False
        if span_end >= start - distance:
            return True
    return False


def _within(signals: list[Signal], starts: list[int], segment: Segment) -> list[Signal]:
    """The signals that start in the segment (``starts``: theirs, in order)."""
    return signals[bisect_left(starts, segment["start"]) : bisect_left(starts, segment["end"])]


def _evidence_cue(genre: str, rule: str, text: str, start: int, end: int, weight: float) -> Cue:
    return {"genre": genre, "rule": rule, "text": text, "start": start, "end": end, "weight": weight}


def _genre(label: GenreLabel, cues: list[Cue]) -> Genre:
    """The item's genre with its strongest distinct cues, quoted as written."""
    best: dict[str, Cue] = {}
    for cue in cues:
        if cue["rule"] not in best:
            best[cue["rule"]] = cue
    ranked = sorted(best.values(), key=lambda c: (-c["weight"], c["start"]))[:_EVIDENCE_SHOWN]
    return {"label": label, "evidence": [{**c, "genre": label} for c in ranked]}


def genre_paths() -> list[Path]:
    """The built-in genre cue files."""
    return sorted(GENRE_DIR.glob("*.yml"))


@Language.factory(
    "lantern_genre",
    requires=["doc._.segments", "doc._.signals", "doc._.contact_spans"],
    assigns=["doc._.genre", "doc._.genre_cues", "doc._.segments"],
)
def make_genre_classifier(nlp: Language, name: str) -> GenreClassifier:
    """Registered factory: the cue files of ``nlp/genre/`` and the rules of ``nlp/rules/genre.yml``."""
    matcher = LexiconMatcher(nlp, entries_for(str(nlp.lang), genre_paths()))
    return GenreClassifier(matcher, GenreRules.from_rules(load_yaml(rules_file("genre.yml"))))


def _outside_solicitation_cues(cues: list[Cue]) -> list[Cue]:
    """The cues, without the personal ones inside an offer or request cue: "the room" of "sent a young girl to
    the room" or "bring a local girl to the room" is part of the offer or the request, not a hotel review."""
    spans = sorted((cue["start"], cue["end"]) for cue in cues if cue["genre"] in _SOLICITATION_CUES)
    if not spans:
        return cues
    starts = [start for start, _ in spans]
    reach = list(accumulate((end for _, end in spans), max))  # the furthest end of the spans starting so far
    kept = []
    for cue in cues:  # linear in the cues (log for each lookup): a long text has thousands of both
        if cue["genre"] == "personal":
            index = bisect_right(starts, cue["start"]) - 1
            if index >= 0 and reach[index] >= cue["end"]:
                continue
        kept.append(cue)
    return kept


def _outside_youth_wording(cues: list[Cue], signals: list[Signal], kept: frozenset[str]) -> list[Cue]:
    """The cues, without the everyday ones inside youth wording or right after it: "school", "klas" and
    "homework" of "eerste klas van de middelbare school" or "still doing her homework after school" say how young
    someone is, not that the text is about a school or a club. Cues of the rules in ``kept`` (the everyday
    services: "Teen babysitter") always stay."""
    youth = [(s["start"], s["end"] + _YOUTH_TAIL) for s in signals if s["category"] == "youth_term"]
    if not youth:
        return cues
    return [
        cue
        for cue in cues
        if cue["genre"] != "other"
        or cue["rule"] in kept
        or not any(start <= cue["start"] and cue["end"] <= end for start, end in youth)
    ]


def _family_context(cues: list[Cue]) -> bool:
    """Whether a text speaks of a family anywhere (an own-family reference or a family trip): only then are the
    minors of a personal text the writer's own children. A lone traveller's trip report that "met a 15 yo"
    speaks of no family."""
    return any(".genre.family." in c["rule"] or ".family_trip" in c["rule"] for c in cues)
