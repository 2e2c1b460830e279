"""Write a result section into a Markdown document between markers, leaving the rest of the file alone.

Sections look like ``<!-- name:start -->`` … ``<!-- name:end -->``; a missing section is appended.
Used by the evaluation scripts (docs/EVALUATION.md) and the benchmarks (docs/BENCHMARKS.md).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository checkout


def write_section(document: Path, name: str, body: str) -> None:
    """Replace (or append) the section ``name`` of ``document`` with ``body``."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    text = document.read_text(encoding="utf-8") if document.exists() else ""
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + ("\n\n" if text else "") + block + "\n"
    document.write_text(text, encoding="utf-8")


def markdown_table(header: list[str], rows: list[list[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
