"""The date string of a post: a selected attribute, a ``<time datetime>`` preferred over friendly text."""

from __future__ import annotations

from parsel import Selector

from crawler.date_field import date_text

POST = """
<article class="post">
  <header><a class="author">member12</a>
    <ul class="comment__info__date"><li title="Jan. 8, 2024, 9:24 a.m.">8 Jan</li></ul>
    <span class="ago"><time datetime="2024-01-08T08:24:00Z" title="Monday, January 8, 2024 9:24 AM"
      >2 months ago</time></span>
  </header>
  <div class="body"><p>The garden rota is on the notice board.</p></div>
</article>
"""


def post() -> Selector:
    return Selector(text=POST).css("article.post")[0]


def test_a_selector_may_point_at_an_attribute() -> None:
    assert date_text(post(), ".comment__info__date li::attr(title)") == "Jan. 8, 2024, 9:24 a.m."


def test_a_time_datetime_inside_the_selected_element_wins_over_its_text() -> None:
    assert date_text(post(), "span.ago") == "2024-01-08T08:24:00Z"
    assert date_text(post(), "time") == "2024-01-08T08:24:00Z"


def test_text_when_there_is_no_time_element() -> None:
    assert date_text(post(), ".comment__info__date li") == "8 Jan"


def test_without_a_selector_the_first_time_datetime_is_taken() -> None:
    assert date_text(post(), None) == "2024-01-08T08:24:00Z"
    assert date_text(Selector(text="<p>no date</p>"), None) is None


def test_xpath_attribute_selectors_work_too() -> None:
    assert date_text(post(), "xpath:.//li/@title") == "Jan. 8, 2024, 9:24 a.m."


def test_xpath_text_selectors_take_the_text_they_pick() -> None:
    node = Selector(text="<p><small>By: <a href='/m/1'>reader01</a> on Jan. 8, 2024, 9:24 a.m.</small></p>")
    assert date_text(node, "xpath:.//small/text()[last()]") == "on Jan. 8, 2024, 9:24 a.m."
