"""One small synthetic data set with trend numbers worked out by hand (UTC, weeks from Monday, min-count 2).

Weeks: W1 = 2026-01-05, W2 = 2026-01-12, W3 = 2026-01-19. Phones are fictional NANP 555-01xx numbers.
"""

from __future__ import annotations

from tests.exports.conftest import make_item

P1, P2, P3 = "+12025550143", "+12025550144", "+12025550145"
MAIL = "desk.one@example.org"


def items() -> list[dict]:
    """The items: places, level, source and phones chosen so that every rule is exercised."""
    return [
        make_item("a1", "2026-01-05T10:00:00+00:00", places=("Manila",), level="low", phones=(P1,), emails=(MAIL,)),
        make_item(
            "a2",
            "2026-01-06T10:00:00+00:00",
            places=("Manila", "Pattaya"),
            level="medium",
            source="board-b",
            phones=(P1,),
        ),
        make_item("a3", "2026-01-07T10:00:00+00:00", places=("Cebu",), level="high", phones=(P2,)),
        make_item("a4", "2026-01-08T10:00:00+00:00", places=("Amsterdam",)),
        make_item("a5", "2026-01-09T10:00:00+00:00", places=("Pattaya",), level="low", source="board-c"),
        make_item("b1", "2026-01-12T00:30:00+00:00", places=("Manila",), level="high", phones=(P1, P3)),
        make_item("b2", "2026-01-14T10:00:00+00:00", places=("Pattaya",), level="high", source="board-b", phones=(P2,)),
        make_item("b3", "2026-01-18T23:59:00+00:00", places=("Pattaya",), level="medium", source="board-c"),
        make_item("c1", "2026-01-19T08:00:00+00:00", places=("Philippines",), level="low"),
        make_item(
            "c2", "2026-01-20T08:00:00+00:00", places=("Manila",), source="board-b", handles=("telegram:@desk_one",)
        ),
    ]


S = None  # a suppressed cell
#: (key, bucket) → (items, low, medium, high, sources, phones, change); "-" = no previous bucket (change null).
BY_COUNTRY = {
    ("NL", "2026-01-05"): (S, S, S, S, S, S, "-"),
    ("PH", "2026-01-05"): (3, S, S, S, 2, 2, "-"),
    ("TH", "2026-01-05"): (2, S, S, S, 2, S, "-"),
    ("PH", "2026-01-12"): (S, S, S, S, S, S, S),
    ("TH", "2026-01-12"): (2, S, S, S, 2, S, 0),
    ("PH", "2026-01-19"): (2, S, S, S, 2, S, S),
}
BY_DESTINATION = {
    ("Cebu", "2026-01-05"): (S, S, S, S, S, S, "-"),
    ("Manila", "2026-01-05"): (2, S, S, S, 2, S, "-"),
    ("Pattaya", "2026-01-05"): (2, S, S, S, 2, S, "-"),
    ("Manila", "2026-01-12"): (S, S, S, S, S, S, S),
    ("Pattaya", "2026-01-12"): (2, S, S, S, 2, S, 0),
    ("Manila", "2026-01-19"): (S, S, S, S, S, S, S),
    ("Philippines", "2026-01-19"): (S, S, S, S, S, S, S),
}
BY_CITY = {
    **{key: value for key, value in BY_DESTINATION.items() if key[0] != "Philippines"},
    ("Amsterdam", "2026-01-05"): (S, S, S, S, S, S, "-"),
}
EXPECTED = {"country": BY_COUNTRY, "destination": BY_DESTINATION, "city": BY_CITY}
FIELDS = ("items", "low", "medium", "high", "sources", "phones")


def published(rows: list[dict]) -> dict[tuple[str, str], tuple]:
    """Rows of an export in the shape of the expectations above."""
    result = {}
    for row in rows:
        change = "-" if row["change"] is None and not row["change_suppressed"] else row["change"]
        result[(row["key"], row["bucket"])] = (*(row[f] for f in FIELDS), change)
    return result
