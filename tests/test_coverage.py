"""Field coverage: shares per field and falls against a source's recent runs (lantern.coverage)."""

from __future__ import annotations

from lantern.coverage import Fall, coverage_line, falls, has_field, shares


def run(items: int, **fields: int) -> dict[str, int]:
    return {"coverage_items": items, **{f"coverage_{k}": v for k, v in fields.items()}}




def test_shares_and_the_line_people_read() -> None:
    counters = run(200, title=200, body=200, author=196, date=194, location=24)
    assert shares(counters) == {"title": 1.0, "body": 1.0, "author": 0.98, "date": 0.97, "location": 0.12}
    assert coverage_line(counters) == "title 100% · body 100% · author 98% · date 97% · location 12%"
    assert shares(run(0)) is None and coverage_line({}) is None


def test_a_field_that_vanished_after_a_redesign_is_a_fall() -> None:
    history = [run(180, title=180, body=180, author=178, date=177), run(175, title=175, body=175, author=175, date=170)]
    found = falls(run(200, title=200, body=200, author=199, date=0), history)
    assert found == [Fall("date", before=0.977, now=0.0)]
    assert str(found[0]) == "date 98% → 0%"


def test_small_runs_rare_fields_and_no_history_are_not_judged() -> None:
    history = [run(180, title=180, body=180, location=20)]
    assert falls(run(10, title=0), history) == []  # too few items now
    assert falls(run(200, title=200, body=200, location=0), history) == []  # location was rare before
    assert falls(run(200, title=0), []) == []  # nothing to compare with
    assert falls(run(200, title=0), [run(5, title=5)]) == []  # the earlier run was too small


def test_the_median_of_recent_runs_is_the_reference() -> None:
    history = [run(100, date=100), run(100, date=10), run(100, date=100)]  # one odd run does not move it
    assert falls(run(100, date=40), history) == [Fall("date", before=1.0, now=0.4)]
    assert falls(run(100, date=60), history) == []


def test_empty_text_is_no_field() -> None:
    item = {"title": "  ", "text": "body", "author": None, "posted_at": "2026-01-01T00:00:00+00:00"}
    assert [has_field(item, f) for f in ("title", "body", "author", "date", "location")] == [
        False,
        True,
        False,
        True,
        False,
    ]
