"""Readers for the public corpora of real text in ``../shared/geo-corpora`` (see its ``LICENSE-NOTE.txt``).

They are third-party data: read where they lie, never copied into this repository. Each reader yields
analyzer input items (``id``, ``text`` and, where known, ``title`` and ``language``):

* ``gwn``: GeoWebNews, 200 English news articles (``GWN.xml``);
* ``geovirus``: GeoVirus, 229 English WikiNews articles about outbreaks (``GeoVirus.xml``);
* ``ned``: CoNLL-2002 Dutch training data, 287 De Morgen articles (``ned.train``);
* ``esp``: CoNLL-2002 Spanish training data (``esp.train``), which has no article marks: runs of 12
  sentences stand for one article.

The CoNLL files are one token a line; a sentence is rebuilt by joining its tokens with spaces, so punctuation
stands apart ("Gert ( 16 )"), as it does in that data.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(os.environ.get("LANTERN_GEO_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "geo-corpora"))
SENTENCES_PER_SPANISH_ARTICLE = 12


def gwn(folder: Path = CORPUS_DIR) -> Iterator[dict[str, Any]]:
    """GeoWebNews articles with their titles."""
    for number, article in enumerate(ET.parse(folder / "GWN.xml").getroot().iter("article")):
        yield {
            "id": f"gwn-{number}",
            "title": (article.findtext("title") or "").strip() or None,
            "text": article.findtext("text") or "",
            "language": "en",
        }


def geovirus(folder: Path = CORPUS_DIR) -> Iterator[dict[str, Any]]:
    """GeoVirus articles."""
    for number, article in enumerate(ET.parse(folder / "GeoVirus.xml").getroot().iter("article")):
        yield {"id": f"geovirus-{number}", "text": article.findtext("text") or "", "language": "en"}


def conll_documents(path: Path) -> list[list[str]]:
    """Documents of a CoNLL-2002 file as lists of sentences (tokens joined by spaces)."""
    documents: list[list[str]] = []
    sentences: list[str] = []
    tokens: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                _flush(tokens, sentences)
                if sentences:
                    documents.append(sentences)
                sentences = []
            elif not line.strip():
                _flush(tokens, sentences)
            else:
                tokens.append(line.split(" ", 1)[0])
    _flush(tokens, sentences)
    if sentences:
        documents.append(sentences)
    return documents


def _flush(tokens: list[str], sentences: list[str]) -> None:
    if tokens:
        sentences.append(" ".join(tokens))
        tokens.clear()


def conll(name: str, language: str, folder: Path = CORPUS_DIR) -> Iterator[dict[str, Any]]:
    """The articles of a CoNLL-2002 training file (runs of sentences when it has no article marks)."""
    documents = conll_documents(folder / name)
    if len(documents) == 1:
        only = documents[0]
        step = SENTENCES_PER_SPANISH_ARTICLE
        documents = [only[i : i + step] for i in range(0, len(only), step)]
    for number, sentences in enumerate(documents):
        yield {"id": f"{language}-{number}", "text": " ".join(sentences), "language": language}


READERS: dict[str, tuple[str, Callable[[], Iterator[dict[str, Any]]]]] = {
    "gwn": ("GWN.xml", gwn),
    "geovirus": ("GeoVirus.xml", geovirus),
    "ned": ("ned.train", lambda: conll("ned.train", "nl")),
    "esp": ("esp.train", lambda: conll("esp.train", "es")),
}


def available() -> list[str]:
    """The corpora present on this machine."""
    return [name for name, (file_name, _) in READERS.items() if (CORPUS_DIR / file_name).is_file()]


def read(name: str) -> list[dict[str, Any]]:
    """All items of one corpus."""
    return list(READERS[name][1]())
