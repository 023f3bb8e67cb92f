"""The shared text helpers (tools/ingest/text.py), case by case."""

from __future__ import annotations

import pytest

from tools.ingest.text import fold, is_prose_text, is_worded

#: (line, is it prose?)
PROSE_CASES = [
    ("We met in the library on a wet Tuesday and talked until the caretaker came.", True),
    ("Had the best afternoon at the Leeds seminar with the peer support team! \U0001f389", True),
    ("Starting a short thread on what I learned at the seminar in York today \U0001f9f5", False),
    ("A short thread on what I learned at the seminar in York this week. \U0001f9f5 1/", True),
    (
        "Ten years on, peer supervisors work in my team. It is not perfect. But it began"
        " in that room with a lot of cold tea /end",
        True,
    ),
    # a title with a question and its subtitle: two sentences, but no longer than a title
    ("Who keeps the minutes? Notes on the fifth seminar of the series in York", False),
    ("A talk by Prof. Jane Smith and Dr. Tom Brown on co-production and the Care Act", False),
    ("Helpline open Monday to Friday from 9am to 5pm (closed on bank holidays)", False),
    ("Home About Contact News Events Seminars Resources People Blog Search", False),
    ("Too short to be prose.", False),
]


@pytest.mark.parametrize(("line", "prose"), PROSE_CASES)
def test_is_prose_text(line: str, prose: bool) -> None:
    assert is_prose_text(line) is prose


@pytest.mark.parametrize(
    ("line", "worded"), [("-----", False), ("/", False), ("\u00b7", False), ("Part 2", True)]
)
def test_is_worded(line: str, worded: bool) -> None:
    assert is_worded(line) is worded


def test_fold() -> None:
    assert fold("Pamela\u2019s  \u201cTalk\u201d \u2013 York") == 'pamela\'s "talk" - york'
