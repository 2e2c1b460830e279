"""Gold place names of the public corpora in ``../shared/geo-corpora`` (read in place, never copied).

* GeoWebNews (``GWN.xml``): toponyms of the types in :data:`GWN_TYPES` (place names used as such, adjectival
  modifiers such as "Syrian" left out), with GeoNames coordinates where the annotators gave them;
* GeoVirus (``GeoVirus.xml``): every annotated location, with Wikipedia coordinates (its offsets are one
  character past the text's: shifted back here);
* CoNLL-2002 Dutch and Spanish training data (``ned.train``, ``esp.train``): the ``LOC`` spans (no coordinates).

Each reader returns :class:`Article` objects: the analyzer's input item and the gold spans in its text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.corpora import CORPUS_DIR, SENTENCES_PER_SPANISH_ARTICLE

GWN_TYPES = frozenset(
    {
        "Literal",
        "Mixed",
        "Metonymic",
        "Embedded_Literal",
        "Embedded_Non_Lit",
        "Literal_Modifier",
        "Non_Literal_Modifier",
    }
)
# The CoNLL copy replaced an accented letter and the byte after it by 0x81 'E' (LICENSE-NOTE.txt). At the end of
# a word that is "ië" followed by 'N' in every place name of the data ("Belgi\x81EN" is België); restored there.
_DAMAGED_IE = re.compile(r"i\x81EN$")


@dataclass(frozen=True)
class Gold:
    """One gold place name: its span in the article's text and, where annotated, its coordinates."""

    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None


@dataclass
class Article:
    """An analyzer input item and its gold place names."""

    item: dict[str, Any]
    gold: list[Gold] = field(default_factory=list)


def gwn(folder: Path = CORPUS_DIR) -> list[Article]:
    """GeoWebNews articles (title left out: the gold offsets index the body)."""
    articles = []
    for number, node in enumerate(ET.parse(folder / "GWN.xml").getroot().iter("article")):
        text = node.findtext("text") or ""
        gold = [_gwn_gold(t) for t in node.iter("toponym") if _is_gwn_toponym(t)]
        item = {"id": f"gwn-{number}", "text": text, "language": "en"}
        articles.append(Article(item, [g for g in gold if text[g.start : g.end] == g.text]))
    return articles


def _is_gwn_toponym(node: ET.Element) -> bool:
    return node.findtext("type") in GWN_TYPES and node.findtext("modifierType") != "Adjective"


def _gwn_gold(node: ET.Element) -> Gold:
    start, end = int(node.findtext("start") or 0), int(node.findtext("end") or 0)
    return Gold(start, end, node.findtext("extractedName") or "", _number(node, "latitude"), _number(node, "longitude"))


def geovirus(folder: Path = CORPUS_DIR) -> list[Article]:
    """GeoVirus articles."""
    articles = []
    for number, node in enumerate(ET.parse(folder / "GeoVirus.xml").getroot().iter("article")):
        text = node.findtext("text") or ""
        gold = []
        for loc in node.iter("location"):
            # GeoVirus offsets count one character more than the text holds ("Pandi" at 170 is text[169:174]).
            start, end = int(loc.findtext("start") or 0) - 1, int(loc.findtext("end") or 0) - 1
            gold.append(Gold(start, end, text[start:end], _number(loc, "lat"), _number(loc, "lon")))
        articles.append(Article({"id": f"geovirus-{number}", "text": text, "language": "en"}, gold))
    return articles


def _number(node: ET.Element, tag: str) -> float | None:
    value = (node.findtext(tag) or "").strip()
    return float(value) if value else None


def conll(name: str, language: str, folder: Path = CORPUS_DIR) -> list[Article]:
    """CoNLL-2002 articles (runs of sentences where the file has no article marks) with their LOC spans.

    Tokens are joined by single spaces, as :func:`eval.corpora.conll` does.
    """
    documents = list(_conll_documents(folder / name))
    if len(documents) == 1:
        only, step = documents[0], SENTENCES_PER_SPANISH_ARTICLE
        documents = [only[i : i + step] for i in range(0, len(only), step)]
    return [_conll_article(f"{language}-{n}", language, sentences) for n, sentences in enumerate(documents)]


def _conll_documents(path: Path) -> Iterator[list[list[tuple[str, str]]]]:
    """Documents as lists of sentences of (token, tag)."""
    sentences: list[list[tuple[str, str]]] = []
    tokens: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            parts = line.split()
            if parts[:1] == ["-DOCSTART-"]:
                sentences += [tokens] if tokens else []
                tokens = []
                if sentences:
                    yield sentences
                sentences = []
            elif not parts:
                sentences += [tokens] if tokens else []
                tokens = []
            else:
                tokens.append((_DAMAGED_IE.sub("ië", parts[0]), parts[-1]))
    sentences += [tokens] if tokens else []
    if sentences:
        yield sentences


def _conll_article(item_id: str, language: str, sentences: list[list[tuple[str, str]]]) -> Article:
    pieces: list[str] = []
    gold: list[Gold] = []
    offset, open_span = 0, None
    for token, tag in (pair for sentence in sentences for pair in sentence):
        if open_span is not None and tag != "I-LOC":
            gold.append(Gold(open_span, offset - 1, " ".join(pieces)[open_span:]))
            open_span = None
        if tag == "B-LOC":
            open_span = offset
        pieces.append(token)
        offset += len(token) + 1
    text = " ".join(pieces)
    if open_span is not None:
        gold.append(Gold(open_span, len(text), text[open_span:]))
    return Article({"id": item_id, "text": text, "language": language}, gold)


READERS: dict[str, tuple[str, Callable[[], list[Article]]]] = {
    "GeoWebNews": ("GWN.xml", gwn),
    "GeoVirus": ("GeoVirus.xml", geovirus),
    "CoNLL-2002 Dutch": ("ned.train", lambda: conll("ned.train", "nl")),
    "CoNLL-2002 Spanish": ("esp.train", lambda: conll("esp.train", "es")),
}


def available(folder: Path = CORPUS_DIR) -> list[str]:
    """The corpora present on this machine."""
    return [name for name, (file_name, _) in READERS.items() if (folder / file_name).is_file()]
