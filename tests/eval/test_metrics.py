"""The destination part of the labelled-set metric (eval/metrics.py)."""

from __future__ import annotations

from eval.metrics import Report, _score_places, watch_countries


def _analysis(countries, flagged):
    return {"countries": countries, "flags": ["destination"] if flagged else []}


def _correct(labels, analysis):
    report = Report("test")
    _score_places(report, labels, analysis)
    return report.destination_correct == 1


def test_watch_countries_are_the_countries_of_the_watch_list():
    assert {"PH", "TH", "KH", "LK", "ID", "NP", "CO", "BR", "DO", "MX"} <= watch_countries()
    assert "NL" not in watch_countries()


def test_a_flag_for_a_secondary_watch_list_country_is_expected():
    # The labels set `destination` only for the focus countries; Medellín is a watch-list destination too.
    labels = {"categories": [], "countries": ["CO"]}
    assert _correct(labels, _analysis(["CO"], flagged=True))
    assert not _correct(labels, _analysis(["CO"], flagged=False))


def test_the_metric_is_not_loosened_otherwise():
    assert not _correct({"categories": [], "countries": ["NL"]}, _analysis(["NL", "ID"], flagged=True))
    assert not _correct({"categories": ["destination"], "countries": ["TH"]}, _analysis([], flagged=True))
    assert _correct({"categories": ["destination"], "countries": ["TH"]}, _analysis(["TH"], flagged=True))
    assert _correct({"categories": [], "countries": ["NL"]}, _analysis(["NL"], flagged=False))
