"""Table tests of ``tools/ingest/dates.py``: days named from the day a text was written."""

from __future__ import annotations

import pytest

from tools.ingest.dates import (
    RELATIVE,
    before_end_date,
    date_alone,
    dated_by_page,
    dated_title,
    dateline_only,
    entry_date,
    relative_span,
)

# (phrase in its sentence, day of writing, the sentence looks ahead, first day, last day,
# the phrase looks ahead); None: no span
CASES = [
    # "last Friday" said on a Friday is the Friday before
    ("Last Friday's seminar brought them together", "2016-11-04", False, "2016-10-28", None, False),
    ("We met last Friday in York", "2016-11-07", False, "2016-11-04", None, False),
    ("We met this past Friday in York", "2016-11-07", False, "2016-11-04", None, False),
    # "on Friday" and "Friday's" take the sentence's tense
    ("We were in York on Friday", "2017-03-06", False, "2017-03-03", None, False),
    ("We will be in Huddersfield on Thursday", "2017-07-03", True, "2017-07-06", None, True),
    ("See you at Friday's seminar", "2017-10-23", True, "2017-10-27", None, True),
    ("We were there on Friday", "2017-03-03", False, "2017-03-03", None, False),
    ("next Thursday in Huddersfield", "2017-07-03", False, "2017-07-06", None, True),
    # "from Thursday" as "on Thursday"; "since Friday" looks back
    ("A handful of pictures from Thursday", "2017-07-10", False, "2017-07-06", None, False),
    ("From Thursday, the group meets weekly", "2017-07-03", True, "2017-07-06", None, True),
    ("We have been busy since Friday", "2017-03-06", False, "2017-03-03", None, False),
    # a word for a day, a week from Monday to Sunday
    ("yesterday's seminar", "2017-03-04", False, "2017-03-03", None, False),
    ("tomorrow in York", "2017-03-02", False, "2017-03-03", None, True),
    ("in York last week", "2017-03-10", False, "2017-02-27", "2017-03-05", False),
    ("earlier this week in York", "2017-03-04", False, "2017-02-27", "2017-03-05", False),
    ("next week in York", "2017-02-24", False, "2017-02-27", "2017-03-05", True),
]
# A weekday that heads a written date, and a phrase with no day of its own, are no span.
NOT_RELATIVE = ["Friday, 10 March 2017", "Friday 3rd March", "on Friday 6 July"]


@pytest.mark.parametrize(("text", "written", "future", "first", "last", "ahead"), CASES)
def test_relative_span(
    text: str, written: str, future: bool, first: str, last: str | None, ahead: bool
) -> None:
    match = RELATIVE.search(text)
    assert match is not None
    span = relative_span(match, written, future=future)
    assert span is not None
    assert (span.first.isoformat(), span.last.isoformat(), span.ahead) == (
        first,
        last or first,
        ahead,
    )


@pytest.mark.parametrize("text", NOT_RELATIVE)
def test_a_written_date_is_not_relative(text: str) -> None:
    assert RELATIVE.search(text) is None


@pytest.mark.parametrize("written", ["2017-03", "2017", "not a date", "2017-02-30"])
def test_no_span_without_a_whole_day_of_writing(written: str) -> None:
    match = RELATIVE.search("last Friday")
    assert match is not None
    assert relative_span(match, written, future=False) is None


def test_the_other_day_is_no_one_day() -> None:
    match = RELATIVE.search("I saw her the other day")
    assert match is not None
    assert relative_span(match, "2017-03-10", future=False) is None


LABELS = frozenset({"entry", "day", "week"})


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Entry: Thursday 6 July 2017", "2017-07-06"),
        ("Day 3 - 5 January 2016", "2016-01-05"),
        ("Week 2, 14 August 2017", "2017-08-14"),
        ("Posted: 6 July 2017", None),  # a dateline's label, not an entry's
        ("Entry: Thursday 6 July 2017, the seminar on coercion", None),  # more than a date
        ("Entry: the seminar", None),
    ],
)
def test_entry_date(text: str, iso: str | None) -> None:
    assert entry_date(text, LABELS) == iso


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        ("November 6, 2017 coproblog 2 Comments", True),  # the account it was posted from
        ("Posted on 6 May 2017 by coproblog", True),
        ("Posted: 6 November 2017 | Category: Our members, Events", True),  # its categories
        ("July 20, 2017 coproblog Leave a comment", True),
        ("Friday 3 March 2017 at noon", False),  # an event's time stays
        ("6 May 2017 by Jo Bloggs", False),  # a writer the post does not name
        ("6 May 2017 lunch", False),
    ],
)
def test_dateline_only(line: str, meta: bool) -> None:
    assert dateline_only(line) is meta


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("10/07/2017 | by Jo Example", True),
        ("Sep 25 2017", True),
        ("Sunday 12th March 2017 · Seminar 7", True),
        ("Seminar 2 - Oxford, 17 February 2016", False),  # a heading that names a date
        ("by Jo Example", False),
    ],
)
def test_a_datelines_date_may_stand_alone(text: str, alone: bool) -> None:
    assert date_alone(text) is alone


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("14 Jul 2017 | A view from the back row", ("A view from the back row", "14 Jul 2017")),
        ("What the ward taught us — 11/07/2017", ("What the ward taught us", "11/07/2017")),
        ("6 May 2017 | Jo Example", None),  # a writer: a dateline
        ("6 May 2017 · Seminar reports", None),  # a category
        ("6 May 2017 | We met again in York.", None),  # a sentence
        ("Seminar 2 - Oxford, 17 February 2016", None),  # no bar: a heading naming a date
        ("6 May 2017 | Booking open | Seminar 4 in York", None),  # three parts
    ],
)
def test_a_title_and_its_date_on_one_line(text: str, found: tuple[str, str] | None) -> None:
    assert dated_title(text) == found


@pytest.mark.parametrize(
    ("text", "page", "iso"),
    [
        ("31 Oct", ["Monthly archives: October 2016"], "2016-10-31"),
        ("Oct 12th", ["October 2016 \u2013 A blog"], "2016-10-12"),
        ("31 Oct", ["Archives", "Search"], None),  # no year on the page
        ("31 Oct", ["October 2016", "October 2017"], None),  # two years: neither
        ("12 Nov", ["Monthly archives: October 2016"], None),  # another month's page
        ("31 Oct 2015", ["Monthly archives: October 2016"], None),  # a whole date says it all
        ("31 Feb", ["February 2017"], None),  # no such day
    ],
)
def test_a_day_and_month_take_the_year_of_their_month_s_archive(
    text: str, page: list[str], iso: str | None
) -> None:
    assert dated_by_page(text, page) == iso


@pytest.mark.parametrize(
    ("text", "before"),
    [
        ("Tom Example February 27, 2017", "Tom Example"),
        ("Jo Bloggs on Monday 6 March 2017", "Jo Bloggs"),
        ("A and B 12/03/2017.", "A and B"),
        # no whole date at the end: the text as it is
        ("Jo Bloggs, peer worker", "Jo Bloggs, peer worker"),
        ("Jo Bloggs March 2017", "Jo Bloggs March 2017"),
        ("Jo Bloggs 31/02/2017", "Jo Bloggs 31/02/2017"),
    ],
)
def test_before_end_date(text: str, before: str) -> None:
    assert before_end_date(text) == before
