"""The analyzer: texts in, analysis records out.

One spaCy pipeline per analysed language (English, Dutch) and a language-independent one (``xx``) for all
other languages, each built from ``nlp/pipeline.cfg``. Texts are detected, grouped by pipeline and run through
``nlp.pipe`` in batches; records come out in input order.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import nlp.components
import nlp.tokenizer  # noqa: F401  (registers the normalising tokenizer)
from lantern.errors import InputError
from nlp import language as language_id
from nlp.extensions import state
from nlp.record import build_record
from nlp.types import AnalysisRecord
from nlp.version import ANALYZER_VERSION, lexicon_version

CONFIG_PATH = Path(__file__).with_name("pipeline.cfg")
ANALYZED_LANGUAGES = ("en", "nl")
GENERIC = "xx"
# spaCy's default limit is 1,000,000 characters; inputs up to the CLI's line limit must still be analysed.
MAX_TEXT_CHARS = 20_000_000
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def analysed_text(item: Mapping[str, Any]) -> str:
    """The text the offsets index: ``title + "\\n\\n" + text`` when a title is given, else ``text``.

    A lone surrogate (half of a UTF-16 pair, which JSON can carry but no encoding can) is read as U+FFFD, one
    character for one, so offsets still index the input.
    """
    title = item.get("title")
    text = f"{title}\n\n{item['text']}" if title else item["text"]
    return text if text.isascii() else _LONE_SURROGATE.sub("\ufffd", text)


def reference_date(posted_at: Any) -> date:
    """The date birth years are counted from: ``posted_at`` (ISO 8601) or today."""
    if posted_at in (None, ""):
        return datetime.now(UTC).date()
    if not isinstance(posted_at, str):
        raise InputError(f"posted_at must be an ISO 8601 string, got {type(posted_at).__name__}")
    try:
        return datetime.fromisoformat(posted_at.replace("Z", "+00:00")).date()
    except ValueError:
        raise InputError(
            f"posted_at {posted_at[:40]!r} is not an ISO 8601 date",
            hint="e.g. 2026-03-01 or 2026-03-01T10:00:00Z",
        ) from None


def input_problem(item: Mapping[str, Any]) -> str | None:
    """What is wrong with an input object for the analyzer, or ``None`` when it can be analysed."""
    for name in ("id", "text"):
        if name not in item:
            return f"missing {name!r} (each line needs 'id' and 'text')"
        if not isinstance(item[name], str):
            return f"{name!r} must be a string, got {type(item[name]).__name__}"
    for name in ("title", "language", "url"):
        if item.get(name) is not None and not isinstance(item[name], str):
            return f"{name!r} must be a string or null, got {type(item[name]).__name__}"
    try:
        reference_date(item.get("posted_at"))
    except InputError as exc:
        return exc.message
    return None


class Analyzer:
    """Flags minor-related and destination signals in texts, with evidence, ages, places and contacts."""

    def __init__(
        self,
        *,
        lexicon_dir: Path | None = None,
        watchlist_file: Path | None = None,
        cache_dir: Path | None = None,
        phone_region: str = "NL",
        batch_size: int = 256,
        config_path: Path = CONFIG_PATH,
    ) -> None:
        self.lexicon_dir = lexicon_dir
        self.watchlist_file = watchlist_file
        self.cache_dir = cache_dir
        self.phone_region = phone_region
        self.batch_size = batch_size
        self.config_path = config_path
        self.lexicon_version = lexicon_version(lexicon_dir, watchlist_file)
        self.analyzer_version = ANALYZER_VERSION
        self._pipelines: dict[str, Language] = {}

    @classmethod
    def from_settings(cls, settings: Any) -> Analyzer:
        """An analyzer configured from :class:`lantern.settings.Settings`."""
        return cls(
            lexicon_dir=settings.lexicon_dir,
            watchlist_file=settings.watchlist_file,
            cache_dir=settings.cache_dir,
            phone_region=settings.phone_region,
            batch_size=settings.analyze_batch_size,
        )

    def pipeline(self, lang: str) -> Language:
        """The spaCy pipeline for ``en``, ``nl`` or ``xx`` (built on first use)."""
        if lang not in self._pipelines:
            # Nearly every object made while a pipeline is built (matchers, rules, the gazetteer's tables) lives
            # as long as the analyzer: the collector is paused meanwhile (its collections would walk them again
            # and again: about 7 % of the three builds), then leaves them out of its walks for good, so that its
            # full collections no longer walk them while texts are analysed (the collector's time on bench texts
            # about halves). The few cycles the build leaves behind (spaCy's config sections, about 0.25 MB a
            # pipeline) are frozen with them, once a process.
            enabled = gc.isenabled()
            gc.disable()
            try:
                self._pipelines[lang] = self._build(lang)
            finally:
                if enabled:
                    gc.enable()
            gc.freeze()
        return self._pipelines[lang]

    def _build(self, lang: str) -> Language:
        overrides = {
            "nlp.lang": lang,
            "nlp.batch_size": self.batch_size,
            "components.lantern_lexicon.extra_dir": _path_or_none(self.lexicon_dir),
            "components.lantern_places.cache_dir": _path_or_none(self.cache_dir),
            "components.lantern_places.extra_watchlist": _path_or_none(self.watchlist_file),
            "components.lantern_contacts.default_region": self.phone_region,
        }
        config = spacy.util.load_config(self.config_path, overrides=overrides, interpolate=True)
        pipeline = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
        pipeline.max_length = MAX_TEXT_CHARS
        return pipeline

    def warm_up(self, languages: Iterable[str] = (*ANALYZED_LANGUAGES, GENERIC)) -> None:
        """Build the pipelines now rather than on first use."""
        for lang in languages:
            self.pipeline(lang)

    def analyze(self, item: Mapping[str, Any]) -> AnalysisRecord:
        """Analyse one item (``id``, ``text`` and optionally ``title``, ``language``, ``posted_at``)."""
        return next(self.analyze_many([item]))

    def analyze_many(self, items: Iterable[Mapping[str, Any]]) -> Iterator[AnalysisRecord]:
        """Analyse items in batches; records come out in input order."""
        iterator = iter(items)
        while batch := list(islice(iterator, self.batch_size)):
            yield from self._analyze_batch(batch)

    def _analyze_batch(self, batch: list[Mapping[str, Any]]) -> list[AnalysisRecord]:
        prepared = [self._prepare(item) for item in batch]
        groups: dict[str, list[int]] = {}
        for index, (_, _, pipeline_lang, _) in enumerate(prepared):
            groups.setdefault(pipeline_lang, []).append(index)
        records: list[AnalysisRecord | None] = [None] * len(batch)
        for pipeline_lang, indices in groups.items():
            pipeline = self.pipeline(pipeline_lang)
            components = [component for _, component in pipeline.pipeline]
            for index in indices:
                text, detected, _, ref = prepared[index]
                doc = pipeline.make_doc(text)
                current = state(doc)
                current.ref_date, current.language = ref, detected
                doc = _run(components, doc)
                records[index] = build_record(
                    str(batch[index]["id"]),
                    prepared[index][1],
                    doc,
                    analyzer_version=self.analyzer_version,
                    lexicon_version=self.lexicon_version,
                )
        return [r for r in records if r is not None]

    @staticmethod
    def _prepare(item: Mapping[str, Any]) -> tuple[str, str, str, date]:
        text = analysed_text(item)
        detected = language_id.detect(text, item.get("language"))
        pipeline_lang = detected if detected in ANALYZED_LANGUAGES else GENERIC
        return text, detected, pipeline_lang, reference_date(item.get("posted_at"))


def _run(components: list[Callable[[Doc], Doc]], doc: Doc) -> Doc:
    """``doc`` through a pipeline's components, what ``Language.pipe`` does for components without a ``pipe``
    method (all of Lantern's), without its chain of one generator per component and document."""
    for component in components:
        doc = component(doc)
    return doc


def _path_or_none(path: Path | None) -> str | None:
    return None if path is None else str(path)
