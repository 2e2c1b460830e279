"""The query DSL built for each search flag."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lantern.errors import InputError
from lantern.storage.base import SearchQuery
from lantern.storage.search_engine.query import es_query, search_body


def filters(**kwargs):
    return es_query(SearchQuery(**kwargs))["bool"]["filter"]


def test_no_filters_matches_all_newest_first():
    body = search_body(SearchQuery(limit=5, offset=10))
    assert body["query"] == {"match_all": {}}
    assert body["sort"][0] == {"derived.date": {"order": "desc"}}
    assert (body["from"], body["size"], body["track_total_hits"]) == (10, 5, True)


def test_level_is_a_minimum():
    assert filters(level="medium") == [{"terms": {"analysis.risk.level": ["medium", "high"]}}]


def test_tuple_filters_match_any():
    assert filters(flags=("webcam", "third_party"), countries=("ph",), sources=("a",), kinds=("post",)) == [
        {"terms": {"analysis.flags": ["webcam", "third_party"]}},
        {"terms": {"analysis.countries": ["PH"]}},
        {"terms": {"source": ["a"]}},
        {"terms": {"kind": ["post"]}},
    ]


def test_phone_is_normalised_to_e164():
    assert filters(phone="+1 202-555-0143") == [{"term": {"analysis.contacts.phones": "+12025550143"}}]


def test_since_until_on_the_derived_date_until_exclusive():
    since, until = datetime(2026, 1, 6, tzinfo=UTC), datetime(2026, 2, 1)
    assert filters(since=since, until=until) == [
        {"range": {"derived.date": {"gte": "2026-01-06T00:00:00+00:00", "lt": "2026-02-01T00:00:00+00:00"}}}
    ]


def test_text_terms_are_phrases_with_or_and_exclusion():
    query = es_query(SearchQuery(text='"new in town" -news OR bicyc*'))["bool"]["must"][0]
    first, second = query["bool"]["should"]
    assert first["bool"]["must"][0]["multi_match"] == {
        "query": "new in town",
        "fields": ["title", "text"],
        "type": "phrase",
    }
    assert first["bool"]["must_not"][0]["multi_match"]["query"] == "news"
    assert second["bool"]["must"][0]["multi_match"]["type"] == "phrase_prefix"
    assert search_body(SearchQuery(text="hotel"))["sort"][0] == "_score"


@pytest.mark.parametrize("text", ['"unbalanced', "-police", "hotel OR"])
def test_malformed_text_is_an_input_error(text):
    with pytest.raises(InputError):
        es_query(SearchQuery(text=text))
