"""Train the solicitation model (``nlp/model/solicitation.json``) on the development sets.

    .venv/bin/python tools/train_solicitation.py            # train, check, write the model file
    .venv/bin/python tools/train_solicitation.py --check    # exit 1 when the file is not what the sets train

Only the development sets train it: ``tests/data/devset*.jsonl`` and the hold-outs retired to development
(``holdout*.jsonl`` not sealed in ``eval/analyzer.py``); the sealed hold-outs measure it and never teach it.
Each text is labelled by its ``minor`` label (an offer or a request about a minor) and masked as the analyzer
masks it (the places the analyzer finds, contacts, digits). The model is scikit-learn's
logistic regression over binary character n-grams and word n-grams (``nlp/model/solicitation.py``); the written
file holds its weights, and the script checks that the plain-Python scorer gives scikit-learn's scores. The
decision threshold is chosen by leaving out one development set at a time (see ``docs/EVALUATION.md``), not here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.model.solicitation import MODEL_FILE, SolicitationModel, masked  # noqa: E402

DATA = ROOT / "tests" / "data"
THRESHOLD = 0.8
CHAR_RANGE = (2, 5)
WORD_RANGE = (1, 2)
MIN_DF = 2
C = 4.0
DIGITS = 6  # of the weights written


def training_files() -> list[Path]:
    """The development sets, by name: the devsets and the hold-outs retired to development."""
    from eval.analyzer import SEALED

    retired = [path for path in DATA.glob("holdout*.jsonl") if path.stem not in SEALED]
    return sorted([*DATA.glob("devset*.jsonl"), *retired])


def training_items(files: list[Path]) -> list[dict[str, Any]]:
    """The labelled items of the development sets."""
    lines = (line for path in files for line in path.read_text(encoding="utf-8").splitlines())
    return [json.loads(line) for line in lines if line.strip()]


def masked_texts(items: list[dict[str, Any]], analyzer: Any | None = None) -> list[str]:
    """The items' texts as the model reads them: masked (places the analyzer finds, contacts, digits)."""
    if analyzer is None:
        from lantern.settings import get_settings
        from nlp.analyzer import Analyzer

        analyzer = Analyzer.from_settings(get_settings())
    inputs = ({k: v for k, v in item.items() if k != "labels"} for item in items)
    texts = []
    for item, record in zip(items, analyzer.analyze_many(inputs), strict=True):
        analysis = record["analysis"]
        places = [(p["start"], p["end"]) for p in (*analysis["locations"], *analysis.get("regions", []))]
        texts.append(masked(item["text"], places))
    return texts


def train(items: list[dict[str, Any]], texts: list[str]) -> Any:
    """The fitted scikit-learn pipeline, on the items' masked texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    common = {"min_df": MIN_DF, "use_idf": False, "binary": True}
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_RANGE, **common),
        TfidfVectorizer(analyzer="word", ngram_range=WORD_RANGE, token_pattern=r"(?u)\b\w+\b", **common),
    )
    model = make_pipeline(features, LogisticRegression(C=C, class_weight="balanced", max_iter=5000))
    return model.fit(texts, [bool(item["labels"]["minor"]) for item in items])


def model_data(pipeline: Any, files: list[Path], items: list[dict[str, Any]]) -> dict[str, Any]:
    """The model file's content."""
    import sklearn

    union, regression = pipeline.steps[0][1], pipeline.steps[1][1]
    coef = regression.coef_[0]
    blocks: dict[str, Any] = {}
    offset = 0
    for (_name, vectorizer), key in zip(union.transformer_list, ("char", "word"), strict=True):
        vocabulary = vectorizer.vocabulary_
        weights = {gram: round(float(coef[offset + index]), DIGITS) for gram, index in sorted(vocabulary.items())}
        blocks[key] = {"ngram_range": list(vectorizer.ngram_range), "weights": weights}
        offset += len(vocabulary)
    return {
        "about": "Trained by tools/train_solicitation.py on the development sets; read by nlp/model/solicitation.py.",
        "format": 1,
        "threshold": THRESHOLD,
        "bias": round(float(regression.intercept_[0]), DIGITS),
        "trained_on": {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files},
        "items": len(items),
        "positives": sum(1 for item in items if item["labels"]["minor"]),
        "settings": {"C": C, "min_df": MIN_DF, "class_weight": "balanced", "scikit_learn": sklearn.__version__},
        "char": blocks["char"],
        "word": blocks["word"],
    }


def check_scores(pipeline: Any, data: dict[str, Any], texts: list[str]) -> float:
    """The largest difference between scikit-learn's log-odds and the plain-Python scorer's, on masked texts."""
    expected = pipeline.decision_function(texts)
    model = SolicitationModel(data)
    return max(abs(model.decision(text)[0] - float(score)) for text, score in zip(texts, expected, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the model file is up to date")
    args = parser.parse_args(argv)
    files = training_files()
    if args.check:
        written = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
        current = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
        if written["trained_on"] != current:
            print(f"{MODEL_FILE} was trained on other development sets: run tools/train_solicitation.py")
            return 1
        print(f"{MODEL_FILE} is up to date ({len(current)} development sets)")
        return 0
    items = training_items(files)
    texts = masked_texts(items)
    pipeline = train(items, texts)
    data = model_data(pipeline, files, items)
    difference = check_scores(pipeline, data, texts)
    if difference > 1e-3:
        print(f"the plain-Python scorer differs from scikit-learn by {difference:.2e}: not written")
        return 1
    MODEL_FILE.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(
        f"wrote {MODEL_FILE.relative_to(ROOT)}: {data['items']} items ({data['positives']} positive) from "
        f"{len(files)} development sets, {len(data['char']['weights'])} character and "
        f"{len(data['word']['weights'])} word features; largest score difference {difference:.1e}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
