"""How a crawl run went, judged from its counters: ``finished``, ``degraded`` or ``failed``, and why.

A run that ended by itself is judged by :data:`CHECKS`, declarative rules read top to bottom: every rule that
applies adds its reason, and the worst status among them wins (no rule: ``finished``). A run stopped by a
signal stays ``stopped`` (it resumes) unless items were lost; a run that ended for any other reason Scrapy gives
(an exception, a cancelled engine) is ``failed``. ``lantern crawl`` exits with 1 for ``failed`` (and with 3 for
``degraded`` when ``--strict`` is given), the scheduler's history and ``lantern runs`` show status and reasons.

Example::

    verdict = judge({"pages_ok": 0, "skipped_timeout": 4}, close_reason="finished")
    assert verdict.status == "failed"   # "no page could be fetched (timeout 4)"
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

Counters = Mapping[str, int]
#: Counters that mean a request got no usable answer (the page itself was never seen).
FAILURE_PREFIXES = ("skipped_http_", "skipped_error_", "skipped_timeout", "skipped_too_large", "limit_url_time_budget")
FAILURE_COUNTERS = ("limit_retry_after", "refused_unresolvable")
COVERAGE_FLOOR = 20  # pages of the last good run below which a fall in coverage is not judged
FAILED_SHARE = 0.5
SEVERITY = {"finished": 0, "degraded": 1, "failed": 2}


@dataclass(frozen=True)
class Context:
    """What a rule may need besides the counters: how the run closed, the pages of the last good run."""

    close_reason: str = "finished"
    previous_pages: int | None = None
    pages_ok_before: int = 0  # pages fetched by the stopped part of a resumed run
    coverage_falls: tuple[str, ...] = ()  # fields whose share of items fell (lantern.coverage), e.g. "date 98% → 0%"


@dataclass(frozen=True)
class Check:
    """One rule: when ``applies`` holds, the run is at least ``status`` for the reason ``says`` gives."""

    status: str
    applies: Callable[[Counters, Context], bool]
    says: Callable[[Counters, Context], str]


@dataclass(frozen=True)
class Verdict:
    """A run's status and the reasons for it (empty when it finished cleanly)."""

    status: str
    reasons: tuple[str, ...] = ()


def failures(counters: Counters) -> dict[str, int]:
    """Requests that failed, by counter name (timeouts, HTTP errors, names that did not resolve, …)."""
    return {
        name: value
        for name, value in counters.items()
        if value and (name.startswith(FAILURE_PREFIXES) or name in FAILURE_COUNTERS)
    }


def _failure_summary(counters: Counters) -> str:
    ranked = sorted(failures(counters).items(), key=lambda kv: -kv[1])[:4]
    parts = [f"{name.removeprefix('skipped_').removeprefix('refused_')} {n}" for name, n in ranked]
    return f" ({', '.join(parts)})" if parts else " (no request got an answer)"


def _covered(c: Counters, x: Context) -> int:
    """Pages this run fetched or knew unchanged (skipped by their sitemap, feed or listing row, or under a forum
    board whose row on the index showed no change: the pages its last whole walk covered)."""
    covered = c.get("skipped_unchanged", 0) + c.get("skipped_unchanged_covered", 0)
    return c.get("pages_ok", 0) + covered + x.pages_ok_before


def _failed_share(c: Counters) -> float:
    failed = sum(failures(c).values())
    return failed / max(failed + c.get("pages_ok", 0), 1)


CHECKS: tuple[Check, ...] = (
    Check(
        "failed",
        lambda c, _: c.get("lost", 0) > 0,
        lambda c, _: f"{c['lost']} item(s) could be neither stored nor spooled; the log names each one",
    ),
    Check(
        "failed",
        lambda c, x: c.get("pages_ok", 0) + x.pages_ok_before == 0,
        lambda c, _: "no page could be fetched" + _failure_summary(c),
    ),
    Check(
        "degraded",
        lambda c, _: c.get("spooled", 0) > 0 or c.get("errors_store", 0) > 0 or c.get("errors_store_read", 0) > 0,
        lambda c, _: (
            f"the store failed {c.get('errors_store', 0) + c.get('errors_store_read', 0)} time(s): "
            f"{c.get('spooled', 0)} item(s) spooled (the next crawl replays them)"
        ),
    ),
    Check(
        "degraded",
        lambda c, _: c.get("quarantined", 0) > 0,
        lambda c, _: f"{c['quarantined']} item(s) quarantined by a bug in the store stage (spool/…/quarantine)",
    ),
    Check(
        "degraded",
        lambda c, _: c.get("limit_page_budget", 0) > 0,
        lambda c, _: (
            f"the page budget ended the run after {c.get('pages', 0)} pages (a crawler trap, or a site "
            "larger than politeness.max_pages)"
        ),
    ),
    Check(
        "degraded",
        lambda c, _: c.get("pages_ok", 0) > 0 and sum(failures(c).values()) >= 5 and _failed_share(c) > FAILED_SHARE,
        lambda c, _: (
            f"most requests failed: {sum(failures(c).values())} of "
            f"{sum(failures(c).values()) + c.get('pages_ok', 0)}" + _failure_summary(c)
        ),
    ),
    Check(
        "degraded",
        lambda c, x: (x.previous_pages or 0) >= COVERAGE_FLOOR and _covered(c, x) < (x.previous_pages or 0) / 2,
        lambda c, x: f"coverage fell: {_covered(c, x)} pages, {x.previous_pages} in the last finished run",
    ),
    Check(
        "degraded",
        lambda _, x: bool(x.coverage_falls),
        lambda _, x: (
            f"field coverage fell against the recent runs: {', '.join(x.coverage_falls)} (a redesign of the site? "
            "check the source's selectors)"
        ),
    ),
)


def judge(
    counters: Counters,
    *,
    close_reason: str = "finished",
    previous_pages: int | None = None,
    pages_ok_before: int = 0,
    coverage_falls: tuple[str, ...] = (),
) -> Verdict:
    """The status and reasons of a run that closed with ``close_reason`` (Scrapy's) and these counters."""
    context = Context(close_reason, previous_pages, pages_ok_before, coverage_falls)
    if close_reason == "shutdown":
        lost = [check.says(counters, context) for check in CHECKS[:1] if check.applies(counters, context)]
        return Verdict("failed" if lost else "stopped", tuple(lost))
    if close_reason not in ("finished", "closespider_pagecount", "items_lost"):
        return Verdict("failed", (f"the crawl ended abnormally ({close_reason})",))
    found = [(check.status, check.says(counters, context)) for check in CHECKS if check.applies(counters, context)]
    if not found:
        return Verdict("finished")
    status = max((status for status, _ in found), key=SEVERITY.__getitem__)
    return Verdict(status, tuple(reason for _, reason in found))
