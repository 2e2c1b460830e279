"""The storage contract: what every backend must do, whatever it is built on.

A backend's test module subclasses :class:`StorageContract` and provides a ``store`` fixture giving an empty
store (``upsert`` must make items searchable when it returns). Example::

    class TestSQLiteContract(StorageContract):
        @pytest.fixture
        def store(self, tmp_path):
            with SQLiteStore(tmp_path / "lantern.db") as store:
                yield store
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lantern.errors import InputError
from lantern.storage.base import SearchQuery
from tests.storage.items import make_item

PHONE = "+12025550143"


def corpus() -> list[dict]:
    """Six items covering every filter."""
    return [
        make_item(
            "item-high-ph",
            "Sixteen years old, new in town near Manila hotel.",
            title="Tour notice",
            level="high",
            signals=[("minor_age", "Sixteen years old"), ("movement", "new in town")],
            ages=[(16, "Sixteen years old")],
            countries=("PH",),
            destination=True,
            phones=(PHONE,),
            posted_at="2026-03-01T10:00:00+00:00",
        ),
        make_item(
            "item-medium-th",
            "Young traveller group visiting Pattaya, hotel shows online.",
            level="medium",
            signals=[("youth_term", "Young"), ("webcam", "shows online")],
            countries=("TH",),
            posted_at="2026-02-01T10:00:00+00:00",
            source="example-forum",
            kind="post",
        ),
        make_item(
            "item-low-nl",
            "Quiet café in Amsterdam, agency manages bookings.",
            level="low",
            signals=[("third_party", "agency manages")],
            countries=("NL",),
            posted_at="2026-01-05T10:00:00+00:00",
        ),
        make_item(
            "item-none-news",
            "News report: police and an NGO discuss awareness of hotel exploitation.",
            level="none",
            signals=[("awareness_context", "police")],
            posted_at=None,
            first_seen="2026-01-20T09:00:00+00:00",
            source="example-forum",
            kind="post",
        ),
        make_item(
            "item-none-plain",
            "Plain listing for a bicycle repair shop.",
            level="none",
            posted_at="2025-12-24T10:00:00+00:00",
        ),
        make_item(
            "item-unicode",
            "Ünïcödé naïve façade — 東京 ホテル and emoji 🌙 text.",
            level="low",
            signals=[("travel_intent", "façade")],
            posted_at="2026-01-07T10:00:00+00:00",
        ),
    ]


def ids(result) -> set[str]:
    return {item["id"] for item in result.items}


class StorageContract:
    """Backend-independent tests. Subclasses provide the ``store`` fixture."""

    @pytest.fixture
    def filled(self, store):
        store.upsert(corpus())
        return store

    def search(self, store, **kwargs) -> set[str]:
        return ids(store.search(SearchQuery(limit=100, **kwargs)))

    # --- writing and reading -------------------------------------------------------------------------------

    def test_upsert_then_get_returns_the_same_item(self, store):
        item = corpus()[0]
        assert store.upsert([item]) == 1
        assert store.get(item["id"]) == item

    def test_get_unknown_id_is_none(self, store):
        assert store.get("no-such-item") is None

    def test_upsert_replaces_by_id(self, store):
        store.upsert([make_item("x1", "Old text about a bicycle.", level="none")])
        new = make_item("x1", "New text about a hotel.", level="medium", signals=[("youth_term", "hotel")])
        store.upsert([new])
        assert store.get("x1") == new
        assert self.search(store, text="bicycle") == set()
        assert self.search(store, text="hotel") == {"x1"}
        assert self.search(store, flags=("youth_term",)) == {"x1"}
        assert store.counts().items == 1

    def test_upsert_empty_batch(self, store):
        assert store.upsert([]) == 0

    def test_versions_of_known_ids_only(self, filled):
        item = corpus()[1]
        found = filled.versions([item["id"], "unknown"])
        assert set(found) == {item["id"]}
        version = found[item["id"]]
        assert version.content_hash == item["content_hash"]
        assert version.lexicon_version == "lex-1"
        assert version.first_seen == item["first_seen"]
        assert version.times_seen == 1

    def test_mark_seen_updates_last_seen_and_count(self, filled):
        assert filled.mark_seen(["item-low-nl", "unknown"], "2026-04-01T00:00:00+00:00") == 1
        filled.mark_seen(["item-low-nl"], "2026-04-02T00:00:00+00:00")
        item = filled.get("item-low-nl")
        assert item["last_seen"] == "2026-04-02T00:00:00+00:00"
        assert item["times_seen"] == 3
        assert filled.versions(["item-low-nl"])["item-low-nl"].times_seen == 3

    def test_unicode_text_round_trips_and_is_searchable(self, filled):
        item = filled.get("item-unicode")
        assert item["text"] == corpus()[5]["text"]
        assert self.search(filled, text="façade") == {"item-unicode"}
        assert self.search(filled, text="facade") == {"item-unicode"}  # diacritics do not matter
        assert self.search(filled, text="東京") == {"item-unicode"}

    # --- full text --------------------------------------------------------------------------------------------

    def test_text_matches_all_words(self, filled):
        assert self.search(filled, text="hotel") == {"item-high-ph", "item-medium-th", "item-none-news"}
        assert self.search(filled, text="hotel police") == {"item-none-news"}

    def test_text_searches_the_title(self, filled):
        assert self.search(filled, text="tour notice") == {"item-high-ph"}

    def test_quoted_phrase(self, filled):
        assert self.search(filled, text='"new in town"') == {"item-high-ph"}
        assert self.search(filled, text='"town in new"') == set()

    def test_or_and_exclusion_and_prefix(self, filled):
        assert self.search(filled, text="bicycle OR café") == {"item-none-plain", "item-low-nl"}
        assert self.search(filled, text="hotel -police") == {"item-high-ph", "item-medium-th"}
        assert self.search(filled, text="bicyc*") == {"item-none-plain"}

    def test_text_with_operators_and_punctuation_is_safe(self, filled):
        for text in ["NEAR(hotel police)", "hotel AND", "title:hotel", "(hotel", "hotel)", "^hotel", "a:b*c", "*"]:
            filled.search(SearchQuery(text=text))  # no exception: every term is quoted

    def test_malformed_query_is_an_input_error(self, filled):
        for text in ['"unbalanced', "-police", "hotel OR", "OR hotel"]:
            with pytest.raises(InputError) as info:
                filled.search(SearchQuery(text=text))
            assert info.value.hint

    def test_best_match_first(self, filled):
        filled.upsert([make_item("many", "hotel hotel hotel hotel hotel hotel", level="none")])
        assert filled.search(SearchQuery(text="hotel")).items[0]["id"] == "many"

    # --- filters ----------------------------------------------------------------------------------------------

    def test_level_is_a_minimum(self, filled):
        assert self.search(filled, level="high") == {"item-high-ph"}
        assert self.search(filled, level="medium") == {"item-high-ph", "item-medium-th"}
        assert len(self.search(filled, level="low")) == 4
        assert len(self.search(filled, level="none")) == 6

    def test_flags_match_any(self, filled):
        assert self.search(filled, flags=("minor_age",)) == {"item-high-ph"}
        assert self.search(filled, flags=("webcam", "third_party")) == {"item-medium-th", "item-low-nl"}

    def test_countries_match_any(self, filled):
        assert self.search(filled, countries=("PH",)) == {"item-high-ph"}
        assert self.search(filled, countries=("PH", "NL")) == {"item-high-ph", "item-low-nl"}

    def test_sources_and_kinds(self, filled):
        assert self.search(filled, sources=("example-forum",)) == {"item-medium-th", "item-none-news"}
        assert self.search(filled, kinds=("post",)) == {"item-medium-th", "item-none-news"}
        assert self.search(filled, kinds=("ad",), sources=("example-forum",)) == set()

    def test_phone_is_normalised(self, filled):
        assert self.search(filled, phone=PHONE) == {"item-high-ph"}
        assert self.search(filled, phone="+1 202-555-0143") == {"item-high-ph"}
        assert self.search(filled, phone="+1 202 555 0199") == set()

    def test_since_until_use_posted_at_then_first_seen(self, filled):
        since, until = datetime(2026, 1, 6, tzinfo=UTC), datetime(2026, 2, 1, 10, tzinfo=UTC)
        assert self.search(filled, since=since, until=until) == {"item-unicode", "item-none-news"}
        assert self.search(filled, since=datetime(2026, 2, 1, 10, tzinfo=UTC)) == {"item-high-ph", "item-medium-th"}
        assert self.search(filled, until=datetime(2026, 1, 1, tzinfo=UTC)) == {"item-none-plain"}

    def test_filters_combine_with_text(self, filled):
        assert self.search(filled, text="hotel", level="medium", countries=("TH", "PH")) == {
            "item-high-ph",
            "item-medium-th",
        }
        assert self.search(filled, text="hotel", flags=("awareness_context",), kinds=("post",)) == {"item-none-news"}
        assert self.search(filled, text="hotel", level="high", sources=("example-forum",)) == set()

    # --- ordering, paging, streaming, counts ------------------------------------------------------------------

    def test_newest_first_without_text(self, filled):
        order = [item["id"] for item in filled.search(SearchQuery(limit=100)).items]
        assert order == [
            "item-high-ph",
            "item-medium-th",
            "item-none-news",
            "item-unicode",
            "item-low-nl",
            "item-none-plain",
        ]

    def test_paging(self, filled):
        first = filled.search(SearchQuery(limit=4))
        second = filled.search(SearchQuery(limit=4, offset=4))
        assert first.total == second.total == 6
        assert len(first.items) == 4 and len(second.items) == 2
        assert ids(first).isdisjoint(ids(second))

    def test_iter_items_ignores_paging(self, filled):
        streamed = list(filled.iter_items(SearchQuery(limit=1, offset=3)))
        assert len(streamed) == 6
        assert {i["id"] for i in filled.iter_items(SearchQuery(level="medium", limit=1))} == {
            "item-high-ph",
            "item-medium-th",
        }

    def test_counts(self, filled):
        counts = filled.counts()
        assert counts.items == 6
        assert {k: v for k, v in counts.by_level.items() if v} == {"high": 1, "medium": 1, "low": 2, "none": 2}
        assert counts.by_source == {"example-ads": 4, "example-forum": 2}
        assert counts.by_flag["minor_age"] == 1
        assert counts.by_country == {"PH": 1, "TH": 1, "NL": 1}

    def test_empty_store_counts(self, store):
        assert store.counts().items == 0
        assert store.search(SearchQuery()).total == 0

    # --- re-analysis (iter_stale, update_analysis) ----------------------------------------------------------

    def test_iter_stale_yields_other_lexicon_versions_in_id_order(self, filled):
        filled.upsert([make_item("zz-new", "Plain listing for a lamp.", lexicon_version="lex-2")])
        batches = list(filled.iter_stale("lex-2", batch_size=4))
        assert [len(b) for b in batches] == [4, 2]
        found = [item["id"] for batch in batches for item in batch]
        assert found == sorted(i["id"] for i in corpus())
        assert batches[0][0] == filled.get(found[0])

    def test_iter_stale_resumes_after_an_id_and_filters(self, filled):
        ordered = sorted(i["id"] for i in corpus())
        after = [i["id"] for b in filled.iter_stale("lex-2", after_id=ordered[2]) for i in b]
        assert after == ordered[3:]
        by_source = [i["id"] for b in filled.iter_stale("lex-2", sources=("example-forum",)) for i in b]
        assert by_source == ["item-medium-th", "item-none-news"]
        since = datetime(2026, 1, 20, 9, tzinfo=UTC)  # item-none-news counts under first_seen 2026-01-20T09:00
        recent = [i["id"] for b in filled.iter_stale("lex-2", since=since) for i in b]
        assert recent == ["item-high-ph", "item-medium-th", "item-none-news"]
        assert list(filled.iter_stale("lex-1")) == []

    def test_update_analysis_replaces_analysis_and_keeps_crawl_fields(self, filled):
        before = filled.get("item-none-plain")
        filled.mark_seen(["item-none-plain"], "2026-04-01T00:00:00+00:00")
        fresh = make_item(
            "item-none-plain",
            before["text"],
            level="high",
            signals=[("minor_age", "bicycle")],
            countries=("TH",),
            destination=True,
            phones=("+12025550199",),
            lexicon_version="lex-2",
        )["analysis"]
        fresh["genre"] = {"label": "offer", "evidence": []}  # extra properties are allowed by the contract
        assert filled.update_analysis([("item-none-plain", "nl", fresh), ("no-such-id", "en", fresh)]) == 1
        after = filled.get("item-none-plain")
        assert after["analysis"] == fresh and after["language"] == "nl"
        crawl = {k: v for k, v in after.items() if k not in ("analysis", "language")}
        assert crawl == {k: v for k, v in before.items() if k not in ("analysis", "language")} | {
            "last_seen": "2026-04-01T00:00:00+00:00",
            "times_seen": 2,
        }
        assert self.search(filled, level="high") == {"item-high-ph", "item-none-plain"}
        assert self.search(filled, flags=("minor_age",)) == {"item-high-ph", "item-none-plain"}
        assert self.search(filled, countries=("TH",)) == {"item-medium-th", "item-none-plain"}
        assert self.search(filled, phone="+12025550199") == {"item-none-plain"}
        assert self.search(filled, text="bicycle") == {"item-none-plain"}
        assert filled.versions(["item-none-plain"])["item-none-plain"].lexicon_version == "lex-2"
        assert [i["id"] for b in filled.iter_stale("lex-2") for i in b if i["id"] == "item-none-plain"] == []
        assert filled.counts().by_level["high"] == 2

    def test_update_analysis_of_nothing(self, filled):
        assert filled.update_analysis([]) == 0
