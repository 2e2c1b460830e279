"""How a run is judged from its counters: each rule of lantern.run_health, and how they combine."""

from __future__ import annotations

import pytest

from lantern.run_health import judge

GOOD = {"pages": 40, "pages_ok": 38, "items_new": 20}


@pytest.mark.parametrize(
    ("counters", "close", "previous", "status", "words"),
    [
        (GOOD, "finished", None, "finished", None),
        ({"pages": 0, "pages_ok": 0, "skipped_timeout": 4}, "finished", None, "failed", "timeout 4"),
        ({"pages": 12, "pages_ok": 0, "skipped_http_429": 12}, "finished", None, "failed", "http_429 12"),
        ({**GOOD, "lost": 87}, "items_lost", None, "failed", "87 item(s) could be neither stored nor spooled"),
        ({**GOOD, "spooled": 92, "errors_store": 1}, "finished", None, "degraded", "92 item(s) spooled"),
        ({**GOOD, "errors_store": 2}, "finished", None, "degraded", "the store failed 2 time(s)"),
        ({**GOOD, "quarantined": 3}, "finished", None, "degraded", "quarantined"),
        ({**GOOD, "limit_page_budget": 1}, "closespider_pagecount", None, "degraded", "page budget"),
        ({**GOOD, "skipped_timeout": 60}, "finished", None, "degraded", "most requests failed: 60 of 98"),
        ({**GOOD, "skipped_timeout": 3}, "finished", None, "finished", None),
        (GOOD, "finished", 100, "degraded", "coverage fell: 38 pages, 100"),
        (GOOD, "finished", 60, "finished", None),
        (GOOD, "finished", 10, "finished", None),
        ({"pages": 3, "pages_ok": 0}, "shutdown", None, "stopped", None),
        ({"pages": 3, "pages_ok": 0, "lost": 2}, "shutdown", None, "failed", "2 item(s)"),
        (GOOD, "cancelled", None, "failed", "ended abnormally (cancelled)"),
    ],
)
def test_rules(counters, close, previous, status, words) -> None:
    verdict = judge(counters, close_reason=close, previous_pages=previous)
    assert verdict.status == status, verdict
    assert (words is None and not verdict.reasons) or any(words in reason for reason in verdict.reasons), verdict


def test_a_resumed_run_counts_the_pages_of_its_stopped_part() -> None:
    assert judge({"pages": 2, "pages_ok": 0}, pages_ok_before=25).status == "finished"
    assert judge({"pages": 2, "pages_ok": 0}, pages_ok_before=25, previous_pages=40).status == "finished"


def test_the_worst_status_wins_and_every_reason_is_kept() -> None:
    verdict = judge({**GOOD, "lost": 1, "spooled": 5})
    assert verdict.status == "failed" and len(verdict.reasons) == 2
