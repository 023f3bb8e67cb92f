"""Dates as the project keeps them: ISO 8601 text, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

Pure functions. A date is checked against the calendar, not only its shape: ``2017-02-30``
has the shape and is not a date. Sidecars and registries report :func:`date_problem`'s
answer with their line; pages show :func:`iso_parts`' reading (``render/markdown.py``).
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from typing import Final, NamedTuple

from .errors import excerpt
from .names import writer_words

__all__ = [
    "DATELINE_PARTS",
    "DATE_IN",
    "FORMATS",
    "RELATIVE",
    "Span",
    "before_end_date",
    "date_problem",
    "dated_by_page",
    "dated_title",
    "dateline_only",
    "day_and_month",
    "entry_date",
    "is_weekday",
    "iso_parts",
    "only_date",
    "relative_span",
    "written_date",
]

#: How a date is written, for messages.
FORMATS: Final = "YYYY, YYYY-MM or YYYY-MM-DD"
_ISO: Final = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTHS: Final = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
_MONTH: Final = "(?P<m>" + "|".join(m + r"[a-z]*\.?" for m in _MONTHS) + ")"
#: How a page writes a whole date: "2017-07-10", "July 10, 2017", "10th July 2017", and
#: day first with figures as British pages do, "10/07/2017" or "10.7.2017".
_WRITTEN: Final = (
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<n>\d{2})-(?P<d>\d{2})(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b"),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>\d{{4}})\b"),
    re.compile(
        r"(?<![\d.:/])(?P<d>\d{1,2})([/.])(?P<n>\d{1,2})\2(?P<y>(?:19|20)\d{2})(?![\d/.]\d)"
    ),
    # the year cut to two figures after an apostrophe, as listings print it: "14 Mar '17",
    # "Mar 14 '17" (this century's)
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+['\u2018\u2019](?P<yy>\d{{2}})\b"
    ),
    re.compile(
        rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+['\u2018\u2019](?P<yy>\d{{2}})\b"
    ),
)


def iso_parts(text: str) -> tuple[int, int | None, int | None] | None:
    """``(year, month, day)`` of a real date written as ISO 8601 text, else ``None``.

    ``"2016"`` gives ``(2016, None, None)``, ``"2016-10"`` ``(2016, 10, None)``.
    """
    return None if date_problem(text) else _parts(text)


def _parts(text: str) -> tuple[int, int | None, int | None]:
    match = _ISO.fullmatch(text.strip())
    assert match is not None
    year, month, day = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def date_problem(text: str, *, full: bool = False) -> str | None:
    """Why ``text`` is not a real date (``full``: not a whole ``YYYY-MM-DD`` one), or None.

    The answer names the bad part, for a message that ends with the way to fix it.
    """
    wanted = "YYYY-MM-DD" if full else FORMATS
    shown = excerpt(text)
    if not _ISO.fullmatch(text.strip()):
        return f"{shown} is not a date written as {wanted}"
    year, month, day = _parts(text)
    if full and day is None:
        return f"{shown} is not a whole date: write it as {wanted}"
    if year == 0:
        return f"{shown} has the year 0000, which does not exist"
    if month is not None and not 1 <= month <= 12:
        return f"{shown} has the month {month:02d}, and months go from 01 to 12"
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            name = calendar.month_name[month]
            return f"{shown} has the day {day:02d}, and {name} {year} has days 01 to {last:02d}"
    return None


def _month(name: str) -> int:
    """The number of a month written as ``_MONTH`` matches it: "oct", "october." -> 10."""
    return _MONTHS.index(name[:3]) + 1


def written_date(text: str) -> str | None:
    """ISO 8601 for the first whole date written in ``text`` (see ``_WRITTEN``), if it is a
    real one: "Friday 3 March 2017, 9.30am" gives "2017-03-03", "31/02/2017" nothing."""
    folded = " ".join(text.split()).casefold()
    for pattern in _WRITTEN:
        for found in pattern.finditer(folded):
            groups = found.groupdict()
            month = int(groups["n"]) if groups.get("n") else _month(groups["m"])
            year = groups.get("y") or f"20{groups['yy']}"
            iso = f"{year}-{month:02d}-{int(found['d']):02d}"
            if date_problem(iso, full=True) is None:
                return iso
    return None


def before_end_date(text: str) -> str:
    """``text`` without the whole date that ends it, and the weekday or "on" before that
    ("Jo Bloggs February 27, 2017" -> "Jo Bloggs", as a byline may print its date with no
    mark between); ``text`` itself, its spaces made single, if no date ends it."""
    flat = " ".join(text.split())
    lowered = flat.lower()
    end = len(lowered.rstrip(" ."))
    for pattern in _WRITTEN:
        for found in pattern.finditer(lowered):
            if found.end() == end and written_date(found.group()) is not None:
                words = flat[: found.start()].split()
                # and what stands between: "on", a weekday ("Jo Bloggs on Monday 6 March")
                while words and (words[-1].lower() == "on" or is_weekday(words[-1])):
                    words.pop()
                return " ".join(words).rstrip(",")
    return flat


#: A day and a month with no year after them: "31 Oct", "Oct 31st" (an archive's badge).
_DAY_MONTH: Final = (
    re.compile(rf"(?<![\d.:/])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?!,?\s*\d)"),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d)"),
)
#: A month and its year, as an archive heads its page: "Monthly archives: October 2016".
_MONTH_YEAR: Final = re.compile(rf"\b{_MONTH}\s+(?P<y>(?:19|20)\d{{2}})\b")


#: A weekday's name before a date: "Wednesday 17 February", "Wed, 6 Jul".
_WEEKDAY_BEFORE: Final = re.compile(r"^[a-z]{3,9}\.?,?\s+")


def day_and_month(text: str) -> bool:
    """Whether ``text`` writes a day and a month with no year ("Jul 6", "6 Jul"), as a
    social network dates a post of this year, maybe after its weekday ("Wednesday 17
    February", as an events list heads a day's events)."""
    folded = " ".join(text.split()).casefold()
    weekday = _WEEKDAY_BEFORE.match(folded)
    if weekday and is_weekday(weekday.group().rstrip(" ,")):
        folded = folded[weekday.end() :]
    return any(pattern.fullmatch(folded) for pattern in _DAY_MONTH)


def dated_by_page(text: str, page: Iterable[str]) -> str | None:
    """ISO 8601 for a day and month written with no year (``text``: "31 Oct", as a month's
    archive prints each entry's date), when the page's heading lines (``page``) name that
    month with its year ("Monthly archives: October 2016") and no other month's year."""
    folded = " ".join(text.split()).casefold()
    found = next((m for pattern in _DAY_MONTH if (m := pattern.search(folded))), None)
    if found is None or written_date(text) is not None:
        return None
    month = _month(found["m"])
    years = {
        int(m["y"])
        for line in page
        for m in _MONTH_YEAR.finditer(line.casefold())
        if _month(m["m"]) == month
    }
    if len(years) != 1:
        return None
    iso = f"{years.pop()}-{month:02d}-{int(found['d']):02d}"
    return iso if date_problem(iso, full=True) is None else None


#: What parts a dateline's date from its writer, its category and its count of comments:
#: "March 14, 2017 / coproblog / Leave a comment", "6 May 2017 | Jo Bloggs", "March 6, 2017
#: ~ Ruth Example ~ 2 Comments", "6 May 2017 - Jo Bloggs" (a dash).
DATELINE_PARTS: Final = re.compile(r"\s*[|\u00b7\u2022~]\s*|\s+[/\u2013\u2014]\s+")

#: What parts a dateline's date from the categories its post is filed in, as a theme
#: prints them under a post: "2 March 2016 in Seminar 2".
DATE_IN: Final = re.compile(r"(?P<date>.{4,40}?) in (?P<filed>[A-Z0-9][^.!?]{0,80})")

#: A date alone is at most this many words: "Sunday 12th March 2017".
DATE_ALONE_WORDS: Final = 4


def date_alone(text: str) -> bool:
    """Whether a dateline's date stands alone among its parts ("10/07/2017 | by Jo Bloggs",
    "Sep 25 2017"), as a heading that names a date ("Seminar 2 - Oxford, 17 February 2016")
    does not have it."""
    return any(
        len(part.split()) <= DATE_ALONE_WORDS and written_date(part) is not None
        for part in DATELINE_PARTS.split(text)
    )


#: A title beside its date is longer than a writer or a category: "A nurse's view".
MIN_DATED_TITLE_WORDS: Final = 4
_SENTENCE_END: Final = re.compile(r"[.!;:]$")


def dated_title(text: str, min_words: int = MIN_DATED_TITLE_WORDS) -> tuple[str, str] | None:
    """The title and the date of a line that prints both, one each side of a bar or a dash
    ("14 Jul 2017 | A nurse's view from the back row", "Care, control and the locked door
    — 11/07/2017"), as a list or a compact theme heads each entry; ``None`` for any other
    line. The part beside the date is a title when it is longer than a writer's name or
    a category ("6 May 2017 | Jo Bloggs" is a dateline) and ends no sentence; of
    ``min_words`` words at least (a page that lists its entries so may have one of one
    word: "23/11/2015 | Welcome")."""
    parts = DATELINE_PARTS.split(text.strip())
    if len(parts) != 2:
        return None
    for date, title in (parts, parts[::-1]):
        if (
            len(date.split()) <= DATE_ALONE_WORDS
            and len(title.split()) >= min_words
            and written_date(date) is not None
            and written_date(title) is None
            and not _SENTENCE_END.search(title)
        ):
            return title, date
    return None


#: What may stand around a post's date on its dateline: "Posted on", a weekday, "Updated".
_AROUND_DATE: Final = re.compile(
    r"(?:posted|published|updated|written|on|mon|monday|tue|tues|tuesday|wed|wednesday|thu"
    r"|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday)\.?"
)


#: What a dateline may print beside its date that says nothing of the post: its count of
#: comments ("2 comments", "No comments") and its reading time ("5 min read", "2 min").
_COUNTS: Final = re.compile(
    r"\b(?:\d+|no|one)\s+(?:comments?|responses?|replies)\b|\b\d+\s+min(?:ute)?s?(?:\s+read)?\b"
    r"|\bleave\s+a\s+(?:comment|reply)\b"
)


def only_date(text: str, writers: Iterable[str] = ()) -> bool:
    """Whether a line says nothing but a whole date ("March 2, 2016", "Wednesday, 2
    November 2016", "Posted on 6 May 2017"), maybe with a count of comments or a reading
    time ("Oct 31, 2017 · 5 min read"): no time of day, no category, and no writer but
    the ``writers`` given ("Posted on 3 February 2016 by Jo Bloggs", the post's byline)."""
    folded = _COUNTS.sub(" ", " ".join(text.split()).casefold())
    named = writer_words(writers)
    around = {"by", "and"} if named else {"by"}
    for pattern in _WRITTEN:
        if (found := pattern.search(folded)) and written_date(found.group()) is not None:
            rest = folded[: found.start()] + " " + folded[found.end() :]
            words = re.findall(r"[^\W\d_]+\.?|\d+", rest)
            return all(
                _AROUND_DATE.fullmatch(w) or w.rstrip(".") in named or w in around for w in words
            )
    return False


#: What a post's dateline may print besides its date and writer: the account it was posted
#: from, in lower case, before its count of comments or after "by" ("November 6, 2017
#: coproblog 2 Comments", "Posted on 6 May 2017 by coproblog"), and the categories it is
#: filed in, last ("Posted: 6 November 2017 | Category: Groups").
_ACCOUNT: Final = re.compile(
    r"\b[a-z][a-z0-9_.-]{2,29}(?=\s+(?i:(?:\d+|no|one)\s+(?:comments?|responses?|replies)|leave\s+a)\b)"
    r"|(?<=\bby\s)[a-z][a-z0-9_.-]{2,29}(?=\s*(?:$|[|\u00b7\u2022/~]))"
)
_FILED: Final = re.compile(
    r"\s*[|\u00b7\u2022/~]?\s*\b(?:categor(?:y|ies)|filed\s+under|posted\s+in|tags?|tagged)\b.*$",
    re.IGNORECASE,
)


def dateline_only(text: str, writers: Iterable[str] = ()) -> bool:
    """Whether a post's dateline says nothing a page's header does not (:func:`only_date`),
    once the account it was posted from and the categories it is filed in are left out."""
    bare = _FILED.sub("", _ACCOUNT.sub(" ", " ".join(text.split())))
    return only_date(bare, writers)


_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY: Final = "|".join(_WEEKDAYS)


def is_weekday(text: str) -> bool:
    """Whether ``text`` is a weekday's name alone, whole or cut to three or four letters
    ("Wednesday", "Wed", "Tues"), as an events calendar's date badge prints it."""
    word = text.strip().rstrip(".,").casefold()
    return len(word) >= 3 and any(day.startswith(word) for day in _WEEKDAYS)


#: A day or week named from the day a text was written ("last Friday", "Friday's seminar",
#: "on Friday", "yesterday", "last week", "this week"), not a weekday that heads a written
#: date ("Friday, 10 March 2017", "Friday 3rd").
RELATIVE: Final = re.compile(
    rf"(?i)\b(?:(?P<dir>last|this\s+past|this\s+coming|next|on|this|from|since)\s+(?P<wd>{_WEEKDAY})"
    rf"|(?P<own>{_WEEKDAY})['\u2019]s"
    r"|(?P<word>yesterday|today|tomorrow|(?:earlier\s+|later\s+)?this\s+week|last\s+week"
    r"|next\s+week|the\s+other\s+day))\b"
    r"(?!,?\s+(?:the\s+)?\d)"
)
#: Where each word-form points, in days from the day of writing; a week is found apart.
_DAYS_FROM: Final = {"yesterday": -1, "today": 0, "tomorrow": 1}


class Span(NamedTuple):
    """The days a relative phrase may mean, both included, and whether it looks ahead."""

    first: datetime.date
    last: datetime.date
    ahead: bool


def relative_span(match: re.Match[str], written: str, *, future: bool) -> Span | None:
    """The days a :data:`RELATIVE` phrase means in a text written on ``written`` (ISO
    ``YYYY-MM-DD``): "last Friday" in a post of Friday 4 November 2016 is 28 October,
    "last week" in one of 10 March 2017 is Monday 27 February to Sunday 5 March.
    ``future`` says whether the sentence looks ahead, for the phrases that do not say
    ("on Friday", "Friday's seminar"). None when ``written`` is no whole date, or for
    "the other day" (a few days, not one)."""
    if date_problem(written, full=True) is not None:
        return None
    today = datetime.date.fromisoformat(written)
    monday = today - datetime.timedelta(days=today.weekday())
    word = " ".join((match.group("word") or "").lower().split())
    if word in _DAYS_FROM:
        day = today + datetime.timedelta(days=_DAYS_FROM[word])
        return Span(day, day, _DAYS_FROM[word] > 0)
    if word.endswith("this week"):
        return Span(monday, monday + datetime.timedelta(days=6), future)
    if word in ("last week", "next week"):
        start = monday + datetime.timedelta(days=-7 if word == "last week" else 7)
        return Span(start, start + datetime.timedelta(days=6), word == "next week")
    if word:
        return None
    weekday = _WEEKDAYS.index((match.group("wd") or match.group("own")).lower())
    way = " ".join((match.group("dir") or "").lower().split())
    # "on Friday", "from Thursday" ("pictures from Thursday"; "from Thursday, we meet")
    # look back or ahead as their sentence does; "since Friday" looks back
    ahead = way in ("next", "this coming") or (way in ("on", "this", "from", "") and future)
    if ahead:
        day = today + datetime.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    else:  # the latest such day before the day of writing ("on Friday" may be today)
        back = (today.weekday() - weekday) % 7 or (7 if way in ("last", "this past") else 0)
        day = today - datetime.timedelta(days=back)
    return Span(day, day, ahead)


#: A journal's entry heading: a label, maybe a number, a separator, then the date ("Entry:
#: Thursday 6 July 2017", "Day 3 - 5 January 2016").
_ENTRY: Final = re.compile(
    r"(?P<label>[^\W\d_]+)(?:\s+\d{1,3})?\s*[:,\u2013\u2014-]\s*(?P<date>.+)"
)


def entry_date(text: str, labels: frozenset[str]) -> str | None:
    """ISO 8601 for the date of a journal's entry heading, "<label>: <date>" with one of
    ``labels`` (case-folded) and nothing after the date; None for any other line."""
    match = _ENTRY.fullmatch(" ".join(text.split()))
    if match is None or match["label"].casefold() not in labels:
        return None
    return written_date(match["date"]) if only_date(match["date"]) else None
