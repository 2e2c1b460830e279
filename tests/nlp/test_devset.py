"""The analyzer on the labelled sets (tests/data/README.md): gates on the development set, a looser gate on the
hold-out sets, and every record within the contract. The sets go through the analyzer once per module."""

from __future__ import annotations

import re

import pytest

from eval.analyzer import SETS, SetError, analyzer_input, evaluate, load_set
from nlp.analyzer import analysed_text
from tests.nlp.test_contract import assert_valid

PHONE = re.compile(r"\+1[\d ]{6,}\d")
FICTIONAL_PHONE = re.compile(r"\+1 \d{3} 555 01\d\d")
EMAIL_DOMAIN = re.compile(r"@([\w.-]+)")
LABEL_KEYS = {"minor", "min_age", "categories", "countries", "kind"}


@pytest.fixture(scope="module")
def labelled():
    """Every set: {"dev": items, "holdout": items, "holdout2": items}."""
    return {name: load_set(path) for name, path in SETS.items()}


@pytest.fixture(scope="module")
def results(analyzer, labelled):
    """{name: (items, records, report)}, all sets analysed in one pass."""
    everything = [item for items in labelled.values() for item in items]
    records = list(analyzer.analyze_many(analyzer_input(item) for item in everything))
    out, start = {}, 0
    for name, items in labelled.items():
        chunk = records[start : start + len(items)]
        start += len(items)
        out[name] = (items, chunk, evaluate(name, items, chunk))
    return out


def test_the_sets_are_big_enough_distinct_and_well_formed(labelled):
    dev, holdout, holdout2 = labelled["dev"], labelled["holdout"], labelled["holdout2"]
    assert len(dev) >= 220 and len(holdout) >= 90 and len(holdout2) >= 90
    everything = dev + holdout + holdout2
    ids = [item["id"] for item in everything]
    assert len(ids) == len(set(ids))
    texts = [{item["text"] for item in items} for items in (dev, holdout, holdout2)]
    assert not texts[0] & texts[1] and not texts[0] & texts[2] and not texts[1] & texts[2]
    for item in everything:
        assert set(item["labels"]) == LABEL_KEYS, item["id"]
        assert item["labels"]["kind"] in {"offer", "awareness", "everyday", "travel"}, item["id"]


def test_the_sets_use_fictional_contacts_only(labelled):
    for items in labelled.values():
        for item in items:
            for phone in PHONE.findall(item["text"]):
                assert FICTIONAL_PHONE.fullmatch(phone), (item["id"], phone)
            for domain in EMAIL_DOMAIN.findall(item["text"]):
                assert domain.rstrip(".") in {"example.org", "example.com", "example.net"}, (item["id"], domain)


def test_dev_set_minor_recall_and_precision(results):
    report = results["dev"][2]
    missed = [m.id for m in report.misses if m.what == "minor"]
    assert report.minor.recall >= 0.95, f"recall {report.minor.recall:.3f}, misses {missed}"
    assert report.minor.precision >= 0.90, f"precision {report.minor.precision:.3f}, misses {missed}"


def test_dev_set_min_age_accuracy(results):
    report = results["dev"][2]
    assert report.min_age_accuracy >= 0.95, [m.id for m in report.misses if m.what == "min_age"]


def test_dev_set_awareness_items_are_never_medium_or_high(results):
    items, records, _ = results["dev"]
    for item, record in zip(items, records, strict=True):
        if item["labels"]["kind"] == "awareness":
            assert record["analysis"]["risk"]["level"] in ("none", "low"), (item["id"], record["analysis"]["risk"])


@pytest.mark.parametrize("name", ["holdout", "holdout2"])
def test_holdout_sets_looser_gate(results, record_property, name):
    """Measured, not tuned on (holdout2; holdout's misses have been seen): numbers in docs/EVALUATION.md."""
    report = results[name][2]
    record_property(f"{name}_minor_recall", round(report.minor.recall, 3))
    record_property(f"{name}_minor_precision", round(report.minor.precision, 3))
    summary = f"recall {report.minor.recall:.3f}, precision {report.minor.precision:.3f}"
    assert report.minor.recall >= 0.85, summary
    assert report.minor.precision >= 0.85, summary


def test_every_record_keeps_to_the_contract(results):
    for items, records, _ in results.values():
        for item, record in zip(items, records, strict=True):
            assert record["id"] == item["id"]
            assert_valid(record, analysed_text(item))


def test_a_broken_set_file_is_named_with_its_line(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text('{"id": "a", "text": "x", "labels": {}}\n', encoding="utf-8")
    with pytest.raises(SetError, match=r"set.jsonl:1: not a labelled item"):
        load_set(path)
    with pytest.raises(SetError, match="not found"):
        load_set(tmp_path / "missing.jsonl")
