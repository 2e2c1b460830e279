"""Check that a change to the analyzer's code leaves its output unchanged: dump every analysis record of a fixed
set of inputs, then compare a later dump with it.

The inputs: the labelled sets ``tests/data/*.jsonl`` (labels dropped), each of them once more in upper case and
once more joined into long multi-paragraph texts (other code paths: segments, number words, shouting), the
synthetic documents of ``bench/analyze.py``, and the public corpora of real text that ``eval/corpora.py`` reads
from ``../shared/geo-corpora`` when they are there (read in place, never copied). Items without ``posted_at``
get a fixed one, so dumps made on different days compare.

    .venv/bin/python bench/equivalence.py dump before.json       # on the code before the change
    .venv/bin/python bench/equivalence.py check before.json      # after it: exit status 1 on any difference
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# This checkout's packages, ahead of those of the checkout a shared .venv was installed from (its editable
# install maps lantern and nlp there): the records must be this code's.
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.analyze import documents  # noqa: E402
from eval import corpora  # noqa: E402

POSTED_AT = "2026-03-01"
SYNTHETIC_DOCS = 5000
JOINED = 8  # labelled items per long text


def labelled() -> Iterator[dict[str, Any]]:
    """The labelled sets, as written, in upper case, and joined into long texts."""
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for item in items:
            item.pop("labels", None)
            yield item
            yield {**item, "id": f"{item['id']}-upper", "text": item["text"].upper()}
        for first in range(0, len(items), JOINED):
            group = items[first : first + JOINED]
            text = "\n\n".join(item["text"] for item in group)
            yield {"id": f"{path.stem}-joined-{first}", "text": text, "language": group[0].get("language")}


def inputs() -> Iterator[dict[str, Any]]:
    """Every input item, with a ``posted_at``."""
    sources: list[Iterator[dict[str, Any]]] = [labelled(), iter(documents(SYNTHETIC_DOCS))]
    sources += [iter(corpora.read(name)) for name in corpora.available()]
    for source in sources:
        for item in source:
            yield {**item, "posted_at": item.get("posted_at") or POSTED_AT}


def dump(path: Path) -> None:
    """Analyse every input and write the records (one JSON object, keyed by id)."""
    import nlp
    from lantern.settings import get_settings
    from nlp.analyzer import Analyzer

    analyzer = Analyzer.from_settings(get_settings())
    print(f"analyzer code: {Path(nlp.__file__).parent}")
    items = list(inputs())
    started = time.perf_counter()
    records = {record["id"]: record for record in analyzer.analyze_many(items)}
    seconds = time.perf_counter() - started
    path.write_text(json.dumps(records, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
    print(f"{len(records)} records in {seconds:.1f} s -> {path}")


def check(path: Path) -> int:
    """Compare a fresh dump with the one at ``path``; the number of records that differ."""
    fresh = path.with_suffix(".new.json")
    dump(fresh)
    before = json.loads(path.read_text(encoding="utf-8"))
    after = json.loads(fresh.read_text(encoding="utf-8"))
    differing = sorted(set(before) ^ set(after)) + [key for key in before if key in after and before[key] != after[key]]
    for key in differing[:10]:
        print(f"--- {key}\nbefore: {json.dumps(before.get(key), ensure_ascii=False)[:1500]}")
        print(f"after:  {json.dumps(after.get(key), ensure_ascii=False)[:1500]}")
    print(f"{len(differing)} of {len(before)} records differ" if differing else f"all {len(before)} records identical")
    return len(differing)


def main() -> None:
    """``dump PATH`` or ``check PATH``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("dump", "check"))
    parser.add_argument("path", type=Path)
    options = parser.parse_args()
    if options.action == "dump":
        dump(options.path)
    else:
        sys.exit(1 if check(options.path) else 0)


if __name__ == "__main__":
    main()
