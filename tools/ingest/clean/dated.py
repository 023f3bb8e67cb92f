"""A post's meta lines (its writer, its date) printed above its title or under its text.

Most pages print a post's title first, then its date and author. Others do not:

- **above the title**: LiveJournal, TypePad and Blogger put each entry's date on a line of
  its own above its title ("Jun. 29th, 2016" / "open dialogue day"); Wix and Medium lists
  print the writer, the date and a reading time above it ("Chloe Example" / "Oct 30,
  2017" / "3 min read" / "Supervision, training ..."); a Padlet card or a social post
  prints the writer and a time ("Callum Example" / "2y") above its title.
- **under the text**: a Substack archive prints each entry's writer and date after its
  excerpt ("Yemisi Example" / "May 17, 2017").
- **as a badge**: a theme prints the date in parts, one to a line ("Nov 8" / "2017"):
  they are joined into one date line first.
- **as the title**: a journal or a learning log heads each entry with a label and its date
  ("Entry: Thursday 6 July 2017", ``entry_labels`` in ``rules/text.yaml``). Two or more
  such lines with prose under each are the page's entry titles (hinted ``title``).

- **over the date, as a label**: a picture's caption ("A locked door with a small window")
  over each entry's date and title, where the page has two or more such entries, and a
  category ("GUEST POSTS", "News · Seminar 3", or one the page repeats) over an entry's
  dated meta lines, are chrome (:func:`drop_captions`, :func:`drop_run_labels`);
- **under the date, as a label**: a category a news list prints between each entry's date
  and its text ("3 March 2016" / "Academic"), where one category files two entries, is
  chrome (:func:`drop_labels_under_dates`).

The lines above belong to the post below them, and its title starts it: the clean stage
moves them under the title, the way most pages print them. The lines keep
their numbers, the date is hinted ``date`` and the writer's name ``byline``, so the split
stage reads a title with its dateline under it, and a byline. A time relative to the day
the page was saved ("2y", "3 days ago") says nothing of the post's date: it is dropped.
Lines a boilerplate rule drops (a reading time, counts) may stand in the run. Pure
functions over rows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence, Set
from dataclasses import replace

from ..dates import (
    DATE_IN,
    DATELINE_PARTS,
    day_and_month,
    entry_date,
    is_weekday,
    only_date,
    written_date,
)
from ..names import (
    BYLINE_PREFIX,
    is_byline,
    is_name_shaped,
    is_signature,
    is_vouched_name,
    is_writers_line,
    name_and_role,
    recase,
)
from ..records import Block, Hint
from ..text import CLOCK, is_question_title
from .blocks import Row, next_line, text_above
from .frame import CATEGORY, FILING, FRAME, KICKER, MAX_FOOT_LINES, PROSE_WORDS, is_prose

__all__ = [
    "MAX_DATE_WORDS",
    "MAX_META_LINES",
    "bylines_under_titles",
    "cut_comment_feet",
    "date_above_title",
    "date_feet",
    "drop_captions",
    "drop_categories",
    "drop_feet_under_marks",
    "drop_filing_feet",
    "drop_forum_profiles",
    "drop_kickers",
    "drop_label_feet",
    "drop_labels_under_dates",
    "drop_run_labels",
    "entry_headings",
    "join_date_badges",
    "join_forum_headers",
    "join_poster_headers",
    "trim_filed_datelines",
]

#: A line that is only a date is short: "Jun. 29th, 2016", "Tuesday 4 July 2017".
MAX_DATE_WORDS = 5
#: A post's meta lines above its title: at most this many in a row.
MAX_META_LINES = 4
#: A time counted back from the day the page was saved: "2y", "3 days ago", "yesterday".
_RELATIVE = re.compile(
    r"(?i)\d{1,3}\s?[smhdwy]|\d{1,3}\s+(?:second|minute|hour|day|week|month|year)s?\s+ago"
    r"|yesterday|just now"
)


#: The time of day a journal prints after an entry's date ("Wed, Jan. 6th, 2016, 11:48 pm").
_TIME = re.compile(r"(?i),?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?$")


def _date_only(row: Row) -> bool:
    """A line that says only a date, maybe with the time of day after it; or a day and
    month alone ("Wednesday 17 February"), as an events list heads each event."""
    return (
        not row.hint
        and 0 < len(_TIME.sub("", row.text).split()) <= MAX_DATE_WORDS
        and (written_date(row.text) is not None or day_and_month(row.text))
    )


#: A part of a dateline beside its date is short: a writer, a category, "Leave a comment".
MAX_PART_WORDS = 3


def _dateline(row: Row) -> bool:
    """A line that dates a post and, between bars or slashes, names its writer and counts
    its comments ("March 14, 2017 / coproblog / Leave a comment", "Posted 6 May 2017 | Jo
    Bloggs"): no sentence, one date."""
    parts = DATELINE_PARTS.split(row.text.strip())
    if row.hint or not 2 <= len(parts) <= MAX_META_LINES:
        return False
    dated = [
        p for p in parts if len(_TIME.sub("", p).split()) <= MAX_DATE_WORDS and written_date(p)
    ]
    return len(dated) == 1 and all(
        len(p.split()) <= MAX_PART_WORDS and not p.endswith((".", "?", "!"))
        for p in parts
        if p not in dated
    )


#: A field's label is short, and no date: "When", "Date and time".
MAX_FIELD_LABEL_WORDS = 3


def _when_field(row: Row) -> bool:
    """A line that dates an event as a field of its listing, whatever its label says:
    "When: Friday 27 October 2017, 9.30am to 4pm", "Date: Tuesdays from 7 November"."""
    label, colon, value = row.text.partition(":")
    return (
        not row.hint
        and bool(colon)
        and 0 < len(label.split()) <= MAX_FIELD_LABEL_WORDS
        and not any(c.isdigit() for c in label)
        and (written_date(value) is not None or day_and_month(value.strip()))
    )


def _writer(row: Row) -> bool:
    return not row.hint and is_vouched_name(recase(row.text))


#: A writer and the categories a post is filed in: "Jo Bloggs in Seminars, Summaries".
_FILED = re.compile(r"(?P<name>.{3,60}?) in (?P<filed>[^.!?]{1,80})")
#: The categories are few and short.
MAX_FILED_WORDS = 6


def _filed(row: Row) -> bool:
    """A line that names a post's writer and its categories, as some themes print above
    a title ("Jo Bloggs in Seminars, Summaries")."""
    found = _FILED.fullmatch(row.text.strip())
    return (
        not row.hint
        and found is not None
        and len(found["filed"].split()) <= MAX_FILED_WORDS
        and is_vouched_name(found["name"])
    )


#: A line that dates a post is short: "Written by Jo Bloggs on 8th November 2017".
MAX_DATELINE_WORDS = 16
#: A writer's line above a title has at most this many words ("The Revd Dr Jo Example").
MAX_WRITER_WORDS = 6
#: Every written date has a digit, or " of " ("the fifth of March").
_DATED = re.compile(r"\d| of ")


def _date_line(row: Row) -> bool:
    """A line that is a date, or a dateline; the cheap test first."""
    return (
        bool(row.text)
        and _DATED.search(row.text) is not None
        and (_date_only(row) or _dateline(row))
    )


def _meta(row: Row, dropped: Callable[[str], bool]) -> bool:
    """Whether a line is one of a post's meta lines (its date, dateline, writer, filing, a
    time counted back, or chrome); the cheap tests first, as most lines are none."""
    text = row.text
    if not text:
        return False
    return (
        _date_line(row)
        or (len(text.split()) <= MAX_WRITER_WORDS and _writer(row))
        or (" in " in text and _filed(row))
        or bool(_RELATIVE.fullmatch(text))
        or dropped(text)
    )


#: A date badge's part: a line of at most this many words and characters ("Nov 8", "2017").
MAX_BADGE_WORDS = 2
MAX_BADGE_CHARS = 12
#: The word over a weekday in a regular event's badge ("Every" / "TUE").
_EVERY = re.compile(r"(?i)every|each|weekly")
#: A badge has at most this many lines ("08" / "NOV" / "2017").
MAX_BADGE_LINES = 3


def join_date_badges(rows: Sequence[Row]) -> tuple[list[Row], list[Block]]:
    """A date a theme prints as a badge, its parts on lines of their own ("Nov 8" / "2017",
    "08" / "NOV" / "2017"), as one date line on its last line ("Nov 8 2017"), right above
    what follows it; the other lines are dropped. Only lines that are no date alone, and
    make one together."""
    out = list(rows)
    removed: list[Block] = []
    i = 0
    while i < len(out):
        size = _badge(out, i)
        if size:
            parts = out[i : i + size]
            last = i + size - 1  # right above what follows the badge, as it stood
            text = " ".join(r.text for r in parts)
            # a day and month with no year ("JUN" / "21" / "Wednesday") says nothing the
            # text can use: all of it goes
            dated = written_date(text) is not None
            if dated:
                out[last] = replace(out[last], text=text)
            for k in range(i, last if dated else last + 1):
                removed.append(_chrome(out[k]))
                out[k] = replace(out[k], text="")
            i += size
        else:
            i += 1
    return out, removed


def _badge(rows: Sequence[Row], at: int) -> int:
    """How many lines from ``at`` make a date badge (see :func:`join_date_badges`), or 0:
    a date with its year, or a day and month ("JUN" / "21"), and then the weekday an
    events calendar may print under them ("Wednesday"); or a regular event's weekday
    ("Every" / "TUE")."""
    parts: list[str] = []
    for row in rows[at : at + MAX_BADGE_LINES]:
        text = row.text
        if (
            not text
            or row.hint
            or len(text) > MAX_BADGE_CHARS
            or len(text.split()) > MAX_BADGE_WORDS
            or written_date(text) is not None
        ):
            return 0
        parts.append(text)
        joined = " ".join(parts)
        if len(parts) > 1 and written_date(joined) is not None:
            return len(parts)
        if len(parts) == 2 and _EVERY.fullmatch(parts[0]) and is_weekday(text):
            return 2  # a regular event's: "Every" / "TUE"
        after = at + len(parts)
        year = after < len(rows) and written_date(f"{joined} {rows[after].text}") is not None
        if len(parts) > 1 and day_and_month(joined) and not year:  # "08" / "NOV" / "2017"
            weekday = after < len(rows) and not rows[after].hint and is_weekday(rows[after].text)
            return len(parts) + weekday
    return 0


#: A social network's handle alone on its line: "@jo_b".
_HANDLE_LINE = re.compile(r"@\w{1,30}")
#: The dot a network prints between a handle and the time, alone on its line.
_DOTS = frozenset("·•")
#: A reply's line over the handle it answers.
_REPLYING = re.compile(r"(?i)replying to")
#: The link under a post another page embeds, quoted in its text: "View on Twitter".
_EMBED = re.compile(
    r"(?i)(view|see|open|read)( (it|this|the )?(tweet|post|toot))? on "
    r"(twitter|x|mastodon|bluesky|threads|instagram|facebook)"
)
#: A name shown over a handle is a few words ("Siobhán Ní Bhriain", "Tomasz W.").
MAX_POSTER_WORDS = 6


def join_poster_headers(rows: Sequence[Row]) -> tuple[list[Row], list[Block]]:
    """A social network's post header as a browser copies it, one part to a line (the
    name shown, the handle, a dot, the day: "Jo Bloggs" / "@jo_b" / "·" / "Jul 6, 2017"),
    as one line on the name's ("Jo Bloggs @jo_b · Jul 6, 2017"), the way the split stage
    reads a post's opening line (``poster_lines`` in ``rules/split.yaml``), and a reply's
    "Replying to" / "@jo_b" under it as one line. The other lines are dropped; a name and
    handle with no time under them are left as they are."""
    out = list(rows)
    removed: list[Block] = []
    for i in range(len(out) - 2):
        name, handle = out[i].text, out[i + 1].text
        if not (
            name
            and len(name.split()) <= MAX_POSTER_WORDS
            and "@" not in name
            and not out[i].hint
            and _HANDLE_LINE.fullmatch(handle)
        ):
            continue
        at = i + 2 + (out[i + 2].text in _DOTS)
        when = out[at].text if at < len(out) else ""
        if not when or not _day(when):
            # a thread's own page prints each post's time under its text ("Jo Bloggs" /
            # "@jo_b" / "1/ Live from ..." / "10:24 AM · Oct 27, 2017")
            under = _time_under_text(out, i + 2)
            embedded = (
                under is not None and under + 1 < len(out) and _EMBED.fullmatch(out[under + 1].text)
            )
            if under is not None and not embedded:
                out[i] = replace(out[i], text=_poster(name, handle, out[under].text))
                for k in (i + 1, under):
                    removed.append(_chrome(out[k]))
                    out[k] = replace(out[k], text="")
            continue
        # the reply's "Replying to" / "@jo_b" under it, as one line too
        to = at + 1 if at + 2 < len(out) and _REPLYING.fullmatch(out[at + 1].text) else 0
        if to and _HANDLE_LINE.fullmatch(out[to + 1].text):
            out[to] = replace(out[to], text=f"{out[to].text} {out[to + 1].text}")
            removed.append(_chrome(out[to + 1]))
            out[to + 1] = replace(out[to + 1], text="")
        out[i] = replace(out[i], text=_poster(name, handle, when))
        for k in range(i + 1, at + 1):
            removed.append(_chrome(out[k]))
            out[k] = replace(out[k], text="")
    return out, removed


def _poster(name: str, handle: str, when: str) -> str:
    """A social post's header on one line, as the split stage reads a post's opening line
    and the frame knows it (:data:`~.frame.POSTER_LINE`): "Jo Bloggs @jo_b · Jul 6"."""
    return f"{name} {handle} · {when}"


#: A post's text under its poster's handle, over its time, is a few lines at most.
MAX_POST_LINES = 4


def _time_under_text(rows: Sequence[Row], at: int) -> int | None:
    """The row of a post's time under its text, which starts at row ``at`` right under the
    poster's handle: the first line that is a day, within :data:`MAX_POST_LINES` lines of
    text (no blank line, no other handle among them); None if there is none."""
    for k in range(at, min(at + MAX_POST_LINES + 1, len(rows))):
        text = rows[k].text
        if not text or rows[k].hint or _HANDLE_LINE.fullmatch(text):
            return None
        if k > at and _day(text):
            return k
    return None


#: A forum's count of a post in its thread, over the post's day: "2 / 8".
_COUNTER = re.compile(r"(\d{1,4}) / (\d{1,4})")
#: A forum's line of when its writer joined, under the name: "Joined Mar '16".
_JOINED = re.compile(r"(?i)joined\b.{0,30}")
#: A forum's user name is one word: "ewan_s", "PSN_mods".
_USER_NAME = re.compile(r"[\w.-]{2,30}")


def join_forum_headers(rows: Sequence[Row]) -> tuple[list[Row], list[Block]]:
    """A forum post's header as a browser copies a Discourse thread, one part to a line
    (the avatar's letter, the user name, the name shown, when they joined, the post's
    count in the thread, its day: "E" / "ewan_s" / "Ewan Strachan" / "Joined Jan '16" /
    "2 / 8" / "Jun 21"), as one line on the user name's ("Ewan Strachan @ewan_s · Jun
    21"), the way the split stage reads a post's opening line, as a tweet's. The count
    (its first number no more than its second) and the day under it mark the header; the
    other lines are dropped."""
    out = list(rows)
    removed: list[Block] = []
    for i in range(2, len(out) - 1):
        count = _COUNTER.fullmatch(out[i].text)
        when = out[i + 1].text
        if not count or int(count[1]) > int(count[2]) or not _day(when):
            continue
        at = i - 1 - bool(_JOINED.fullmatch(out[i - 1].text))  # the name shown
        user = at - 1
        if (
            user < 0
            or not out[at].text
            or len(out[at].text.split()) > MAX_POSTER_WORDS
            or not _USER_NAME.fullmatch(out[user].text)
        ):
            continue
        gone = [k for k in range(at, i + 2) if out[k].text]
        if user > 0 and len(out[user - 1].text) == 1 and out[user - 1].text.isalpha():
            gone.append(user - 1)  # the avatar's letter
        # the count is no printed page's number: boilerplate, which running.py reads not
        removed += [_boilerplate(out[k]) if k == i else _chrome(out[k]) for k in gone]
        name = out[at].text
        out[user] = replace(out[user], text=_poster(name, "@" + out[user].text, when))
        for k in gone:
            out[k] = replace(out[k], text="")
    return out, removed


#: A line of a forum writer's standing under their name: a count or a field ("Posts:
#: 1,204", "Joined: Mar 2016", "Location: Leeds") or their rank ("Member", "Senior
#: member", "Moderator").
_PROFILE = re.compile(
    r"(?i)(?:posts|messages|replies|reputation|reaction score|points|joined|member since"
    r"|location)\s*:?\s*[\w ,.'/:-]{1,40}"
    r"|(?:[a-z-]+\s+){0,2}(?:member|moderator|administrator|admin|contributor|user|guest)"
)
#: The label of a forum writer's standing, dropped.
PROFILE = "profile"
#: A forum writer's standing takes at most this many lines between name and date.
MAX_PROFILE_LINES = 3
#: A thread prints its writers' standing at least this many times.
MIN_PROFILES = 2


def drop_forum_profiles(rows: Sequence[Row]) -> tuple[list[Row], list[Block]]:
    """Blank the lines of a forum writer's standing between their name and the day of their
    post ("Olu Bankole" / "Senior member" / "Posts: 1,204" / "Posted 19 January 2017 at
    21:10"), as XenForo and phpBB print them over each post of a thread: the name then
    stands over its post's date, as a social post's writer does; and the name with its
    standing under each post, as phpBB's default theme prints them
    (:func:`_profile_under`). Only where the page does
    so at least :data:`MIN_PROFILES` times (a thread), so a post's own line is never
    taken for one (label ``profile``)."""
    found: list[list[int]] = []
    for i, row in enumerate(rows):
        if not row.text or len(row.text.split()) > MAX_DATELINE_WORDS:
            continue
        k = i - 1
        while k >= 0 and i - k <= MAX_PROFILE_LINES and _PROFILE.fullmatch(rows[k].text):
            k -= 1
        name = rows[k] if k >= 0 else None
        named = k < i - 1 and name and name.text and len(name.text.split()) <= MAX_POSTER_WORDS
        if named and written_date(row.text) is not None:  # the costly test last
            found.append(list(range(k + 1, i)))
        elif under := _profile_under(rows, i):
            found.append([i, *under])
    if len(found) < MIN_PROFILES:
        return list(rows), []
    gone = [k for run in found for k in run]
    out = list(rows)
    for k in gone:
        out[k] = replace(out[k], text="")
    # not the page's chrome: no anchor of its frame (clean/frame.py), which would take the
    # thread's title and first writer above them for its header
    return out, [replace(_chrome(rows[k]), label=PROFILE) for k in gone]


#: The lines of a writer's standing that say it is one: "Posts: 1304", "Joined: Mon Mar
#: 12, 2012 7:15 pm".
_STANDING = re.compile(r"(?i)(?:posts|messages|joined|member since)\b")


def _profile_under(rows: Sequence[Row], at: int) -> list[int]:
    """The rows of a forum writer's standing under their name at ``rows[at]``, as phpBB
    prints it under each post ("greenfinch72" / "Posts: 1304" / "Joined: Mon Mar 12, 2012
    7:15 pm" / "Location: Halifax"): two lines of it at least, one of them a count of
    posts or the day they joined; else none."""
    name = rows[at]
    if not name.text or len(name.text.split()) > MAX_POSTER_WORDS or _PROFILE.fullmatch(name.text):
        return []
    run: list[int] = []
    k = at + 1
    while k < len(rows) and len(run) <= MAX_PROFILE_LINES and _PROFILE.fullmatch(rows[k].text):
        run.append(k)
        k += 1
    standing = any(_STANDING.match(rows[j].text) for j in run)
    if len(run) < MIN_PROFILES or not standing:
        return []
    # not over the post's date: that name heads the post under it (the first form)
    under = rows[k].text if k < len(rows) else ""
    return run if not under or written_date(under) is None else []


def _day(text: str) -> bool:
    """Whether a line is a day, with or without its year, or a time counted back."""
    return bool(day_and_month(text) or written_date(text) or _RELATIVE.fullmatch(text))


def date_above_title(
    rows: Sequence[Row], dropped: Callable[[str], bool] = lambda _: False
) -> tuple[list[Row], list[Block]]:
    """Rows with each post's meta lines above its title moved under it (see the module
    doc), and its meta lines under its text hinted; and the relative times dropped.
    ``dropped`` says whether a boilerplate rule drops a line."""
    out = list(rows)
    removed: list[Block] = []
    # a theme prints every post's date one way: under its text, if the page's first date
    # follows a paragraph and its last has none after it ("... please do not book through
    # us." / "— 14 Aug 2017"); then no date is the next post's
    under_text = _dates_under_text(out, dropped)
    over_titles = not under_text and _dates_over_titles(out, dropped)
    i = 0
    while i < len(out):
        # a run of meta lines starts a block of lines: after a blank line, or after a line
        # a rule drops ("Tags: photos" closing the post before, with no blank line between);
        # or right under the text above, where every date of the page heads a title
        if (
            i
            and out[i - 1].text
            and not dropped(out[i - 1].text)
            and not (over_titles and _date_line(out[i]))
        ):
            i += 1
            continue
        end = _run_end(out, i, dropped)
        if end == i and _unknown_writer(out, i, dropped):
            out[i] = replace(out[i], hint="byline")
            end = _run_end(out, i + 1, dropped, start=i)
        run = out[i:end]
        # a line a rule drops dates nothing (a forum's "closed Jul 10, '17")
        dated = any(
            _date_only(r) or _dateline(r) or _filed(r) or _RELATIVE.fullmatch(r.text)
            for r in run
            if not dropped(r.text)
        )
        title = _spaced_title(out, i, end, dropped) if run and dated else end
        # past lines a rule drops under the run ("3 min read" under "Kemi Example" / "May
        # 2, 2017", a run's limit reached), a title
        title = _past_dropped(out, title, dropped)
        under = out[title] if title < len(out) else None
        if (
            run
            and dated
            and not under_text
            and under is not None
            and under.text
            and not under.hint
            and not _date_line(under)  # a title may name a day: "Seminar one: Leeds, 5 May"
            and _title_like(out, title)
            and not (_FIELD.match(run[-1].text) and _FIELD.match(under.text))
            and not _titled_above(out, i, dropped)
        ):
            moved = [under, *(_hinted(r) for r in run if not _RELATIVE.fullmatch(r.text))]
            removed += [_chrome(r) for r in run if _RELATIVE.fullmatch(r.text)]
            out[i : title + 1] = [*moved, *out[end:title]]  # blank rows go under the run
            i += title + 1 - i
            continue
        i = max(end, i + 1)
    return _foot(out), removed


#: A field's label at a line's start: "Date: ", "Time: ", "Booking link: ". An event's
#: details are fields one under another ("Date: Thursday 6 July 2017" / "Time: 10:00"):
#: the line under a labelled date is the next field, not a title.
_FIELD = re.compile(r"[A-Z][a-z]+(?: [a-z]+)?:\s")


def _run_end(
    rows: Sequence[Row], at: int, dropped: Callable[[str], bool], start: int | None = None
) -> int:
    """Where the run of meta lines from ``rows[at]`` ends (``at`` if there is none); the
    run, counted from ``start`` (``at`` by default), holds at most ``MAX_META_LINES``."""
    first = at if start is None else start
    end = at
    while end < len(rows) and end - first < MAX_META_LINES and _meta(rows[end], dropped):
        end += 1
    return end


def _unknown_writer(rows: Sequence[Row], at: int, dropped: Callable[[str], bool]) -> bool:
    """Whether ``rows[at]`` is a writer no name data knows (a group's account: "Calderdale
    Voices Together") over a post's date and the time it takes to read: a short line, then
    a date alone, then a time counted ("1 min read"), all three above the title."""
    row = rows[at]
    if not row.text or row.hint or len(row.text.split()) > MAX_WRITER_WORDS:
        return False
    if at + 2 >= len(rows) or _SENTENCE_OR_FIELD.search(row.text):
        return False
    counted = rows[at + 2].text
    if not (_date_only(rows[at + 1]) and (_RELATIVE.fullmatch(counted) or dropped(counted))):
        return False
    # under the page's chrome (a writer's picture, the blog's menu), not under a post's text
    k = text_above(rows, at)
    return k < 0 or dropped(rows[k].text)


def _dates_under_text(rows: Sequence[Row], dropped: Callable[[str], bool]) -> bool:
    """Whether the page's theme prints each post's date after the post's text: its first
    date line stands under a paragraph of prose (the lines rules drop aside), and its last
    has only chrome after it (a date over a title has the post's text under it)."""
    dates = [i for i, row in enumerate(rows) if _date_line(row)]
    if not dates:
        return False
    # the footer's other lines stand with the date, no blank line between: its writer or
    # account over it ("coproductionblog" / "July 20, 2017"), its categories and comment
    # link under it ("Seminar 6" / "Leave a comment")
    k = _footer_edge(rows, dates[0], -1)
    while k >= 0 and dropped(rows[k].text):
        k = text_above(rows, k)
    after = [r for r in rows[_footer_edge(rows, dates[-1], 1) :] if r.text]
    # what follows is chrome: nothing, or lines rules drop, or the page's sidebar or footer
    # from a line a rule drops on, with no text in it (its list of recent posts is no
    # rule's, but no entry's text either)
    return (
        k >= 0
        and is_prose(rows[k])
        and (not after or dropped(after[0].text))
        and not any(is_prose(r) and not dropped(r.text) for r in after)
    )


def _footer_edge(rows: Sequence[Row], at: int, step: int) -> int:
    """Past the footer lines set with the date at ``rows[at]``, going up (``step`` -1) or
    down (1): short lines with no blank line between, ``MAX_META_LINES`` in all at most,
    none a sentence; going up, the row with text above them, going down, the row under
    them."""
    i = at
    while (
        0 <= i + step < len(rows)
        and abs(i + step - at) < MAX_META_LINES
        and rows[i + step].text
        and len(rows[i + step].text.split()) <= MAX_WRITER_WORDS
        and not _SENTENCE_OR_FIELD.search(rows[i + step].text)
    ):
        i += step
    return text_above(rows, i) if step < 0 else i + 1


def _dates_over_titles(rows: Sequence[Row], dropped: Callable[[str], bool]) -> bool:
    """Whether the page's theme prints each post's date over its title, with no blank line
    between posts ("POSTED ON JULY 3, 2017" / title / excerpt / "POSTED ON ..."): it has
    two dates or more, each over a title over prose, the first under no prose and every
    other right under the prose of the entry above (an events list prints its dates
    under its titles)."""
    dates = [i for i, row in enumerate(rows) if _date_line(row)]
    if len(dates) < MIN_ENTRIES:
        return False
    above = []
    for i in dates:
        k = text_above(rows, i)
        while k >= 0 and dropped(rows[k].text):
            k = text_above(rows, k)
        above.append(k >= 0 and is_prose(rows[k]))
    return (
        not above[0]
        and all(above[1:])
        and all(
            i + 2 < len(rows) and _entry_title(rows[i + 1]) and is_prose(rows[i + 2]) for i in dates
        )
    )


def _titled_above(rows: Sequence[Row], at: int, dropped: Callable[[str], bool]) -> bool:
    """Whether the run of meta lines at ``rows[at]`` is the title's above it, past a blank
    line: an event's title set apart over its when and where ("Co-production in Coercive
    Environments" / "" / "Thursday 6 July 2017, 10am" / "University of Huddersfield" / its
    text), a short line that starts a block of lines: no sentence, no date, no chrome, no
    label or signature."""
    if at < 3 or rows[at - 1].text or rows[at - 3].text:
        return False
    above = rows[at - 2]
    return (
        bool(above.text)
        and not above.hint
        and not dropped(above.text)
        and len(above.text.split()) < PROSE_WORDS
        and not above.text.endswith((".", "!", "\u2026"))
        and ":" not in above.text  # a page's head: "Blog posts filed under: Seminar 1"
        and above.text.upper() != above.text  # a category's label: "SEMINAR 7"
        and not is_signature(above.text)  # the post above's signature: "Eilidh"
        and written_date(above.text) is None
    )


def _past_dropped(rows: Sequence[Row], at: int, dropped: Callable[[str], bool]) -> int:
    """The row of a title right under the lines a rule drops from ``rows[at]`` on
    (:data:`MAX_META_LINES` at most), when that row can be a title, the post's prose right
    under it; else ``at``."""
    k = at
    while k < len(rows) and k - at < MAX_META_LINES and rows[k].text and dropped(rows[k].text):
        k += 1
    if k == at or k >= len(rows) or not rows[k].text or rows[k].hint:
        return at
    under = rows[k + 1] if k + 1 < len(rows) else None  # the post's text right under it
    titled = under is not None and is_prose(under) and not is_prose(rows[k])
    return k if titled and _title_like(rows, k) else at


def _title_like(rows: Sequence[Row], at: int) -> bool:
    """Whether ``rows[at]``, under a post's meta lines, can be its title: short, or (a long
    title: "Who holds the purse strings? Notes on the York seminar") no sentence, or one
    question, and with the post's prose right under it, or under its byline ("by Jo
    Bloggs"), as a venue's line under an event's date has not."""
    row = rows[at]
    if len(row.text.split()) < PROSE_WORDS:
        return True
    after = rows[at + 1] if at + 1 < len(rows) else None
    if after is not None and BYLINE_PREFIX.match(after.text):
        # past the post's byline ("by Jo Bloggs"), the first line with text
        after = next((r for r in rows[at + 2 : at + 2 + MAX_META_LINES] if r.text), None)
    # (a title put as a question reads as prose: "What does the Forward View mean for us?")
    titled = not is_prose(row) or is_question_title(row.text)
    return titled and after is not None and is_prose(after)


def _spaced_title(rows: list[Row], start: int, end: int, dropped: Callable[[str], bool]) -> int:
    """Where the title stands under a run of meta lines ``rows[start:end]``: right under
    it, or (as TypePad prints "December 18, 2017" / "" / "A year of seminars" / "" / text)
    past a blank row, when prose follows the title (and its byline, if any) and the line
    above the run is no title the date would belong under: it ends a text (a sentence, a
    signature) or is chrome."""
    if end >= len(rows) or rows[end].text:
        return end
    title = next((k for k in range(end, min(end + 3, len(rows))) if rows[k].text), len(rows))
    # the prose under the title, past its own meta lines ("Author: Jo Bloggs", "by Jo Bloggs")
    after = next(
        (
            r
            for r in rows[title + 1 : title + 5]
            if r.text and not _meta(r, dropped) and not is_byline(r.text)
        ),
        None,
    )
    if after is None or not is_prose(after):
        return end
    k = text_above(rows, start)
    chrome = k >= 0 and dropped(rows[k].text)  # page chrome between: "« Back to work | Main"
    k = _kept_above(rows, start, dropped)  # then past the lines a rule drops
    above = rows[k] if k >= 0 else None
    ends_text = (
        above is None
        or chrome
        or is_prose(above)
        or above.text.endswith(".")
        or _writer(above)
        or is_signature(above.text)  # a signature: "Raj", "Bernie x"
    )
    return title if ends_text else end


def _foot(rows: list[Row]) -> list[Row]:
    """Rows with a writer's name and a date right under a post's text (a blank line or
    the end after them) hinted ``byline`` and ``date``."""
    out = list(rows)
    for i in range(1, len(out) - 1):
        name, date = out[i], out[i + 1]
        # under a post's text, not under a title's subtitle
        if is_prose(out[i - 1]) and _writer(name) and _date_only(date):
            out[i], out[i + 1] = replace(name, hint="byline"), replace(date, hint="date")
    return out


def _hinted(row: Row) -> Row:
    if _date_only(row) or _dateline(row):
        return replace(row, hint="date")
    return replace(row, hint="byline") if _writer(row) or _filed(row) else row


def _chrome(row: Row) -> Block:
    return Block("paragraph", row.text, row.number, row.number, FRAME)


def entry_headings(rows: Sequence[Row], labels: frozenset[str]) -> list[Row]:
    """Rows with a journal's entry headings ("Entry: Thursday 6 July 2017") hinted
    ``title``, when the page has two or more, each with prose under it (see the module
    doc)."""
    found = []
    for i, row in enumerate(rows):
        if (
            not row.hint
            and entry_date(row.text, labels) is not None
            and (under := next((r for r in rows[i + 1 : i + 3] if r.text), None)) is not None
            and is_prose(under)
        ):
            found.append(i)
    out = list(rows)
    for i in found if len(found) >= MIN_ENTRIES else ():
        out[i] = replace(out[i], hint="title")
    return out


#: A page of entries has at least this many.
MIN_ENTRIES = 2


#: A post's categories printed over its title are few words: "Seminar 6", "Guest posts",
#: "Reading, Series news", "Guest posts, Seminar 5".
MAX_CATEGORY_WORDS = 4
_SENTENCE_OR_FIELD = re.compile(r"[.!?:;]$")


def date_feet(rows: Sequence[Row], dropped: Callable[[str], bool] = lambda _: False) -> list[Row]:
    """Rows with the dateline a listing prints under each entry's excerpt, set apart by
    blank lines ("The language of commissioning" / excerpt / "" / "Posted on November 14,
    2016" / "" / next title), hinted ``date``: a line that is only a date, or a date and
    its writer ("posted 1 Feb 2016 by Jo Bloggs"), its nearest line of text above it
    prose or a sentence, a blank line under it. Only where the page has
    :data:`MIN_ENTRIES` such lines and no prose stands under the last one (but lines a
    rule drops, ``dropped``): a page that prints each date over its title has its last
    entry's text under its last date."""
    found: list[int] = []
    for i, row in enumerate(rows):
        if not row.text or row.hint or (i + 1 < len(rows) and rows[i + 1].text):
            continue
        if not (only_date(row.text) or _date_only(row) or _dated_writer(row)):
            continue
        above = next((r for r in reversed(rows[max(0, i - 2) : i]) if r.text), None)
        if above is not None and (is_prose(above) or _SENTENCE.fullmatch(above.text)):
            found.append(i)
    if len(found) < MIN_ENTRIES or any(
        is_prose(r) and not dropped(r.text) for r in rows[found[-1] + 1 :]
    ):
        return list(rows)
    feet = set(found)
    return [replace(row, hint="date") if i in feet else row for i, row in enumerate(rows)]


def bylines_under_titles(
    rows: Sequence[Row], dropped: Callable[[str], bool] = lambda _: False
) -> list[Row]:
    """Rows with a writer's labelled line right under a title ("Bob's question" / "Author:
    ESRC Co-pro Team"), or under its date, hinted ``byline``, where a rule would drop it as
    an archive's heading: "Author: Jo Bloggs" heads an author's archive after a blank line
    or a menu, never right under a post's title."""
    out = list(rows)
    for i in range(1, len(out)):
        k = i - 1
        # a date moved under the title (date_above_title) stands between, and the blank
        # rows that stood between the date and the title
        while k > 0 and (out[k].hint == "date" or (not out[k].text and out[k - 1].hint == "date")):
            k -= 1
        row, above = out[i], out[k]
        if (
            row.text
            and not row.hint
            and BYLINE_PREFIX.match(row.text)
            and dropped(row.text)
            and above.text
            and not above.hint
            and not dropped(above.text)
            and not is_prose(above)
            and not _SENTENCE_OR_FIELD.search(above.text)
            and written_date(above.text) is None
        ):
            out[i] = replace(row, hint="byline")
    return out


#: Labels in a row: "Guest posts · Seminar 6", "News | Events".
_LABEL_MARKS = re.compile(r"\s+[·•|/]\s+")
#: A label is a name of at most this many words, capitalised or numbered ("Seminar 6").
MAX_LABEL_WORDS = 3


def _labels(text: str) -> bool:
    """Whether a line is two or more labels between marks ("Guest posts · Seminar 6"):
    what a theme prints over a title, however short the title under it ("Bob's question")."""
    parts = _LABEL_MARKS.split(text.strip())
    return len(parts) > 1 and all(map(_label, parts))


def _label(part: str) -> bool:
    """Whether a part of a line is a label: a name of a few words, capitalised or numbered."""
    return 0 < len(part.split()) <= MAX_LABEL_WORDS and (part[:1].isupper() or part[:1].isdigit())


#: A dateline that names its writer last, after "by": "Posted on 14 March 2017 by Jo Bloggs".
_DATE_BY = re.compile(
    r"(?i)(?:(?:posted|published|written)(?:\s+on)?:?\s+)?(?P<date>[^|\u00b7\u2022]{4,40}?)"
    r"\s+by\s+(?P<names>[^|\u00b7\u2022,]{2,60}?)\.?"
)


def _dated_writer(row: Row) -> bool:
    """A line that dates a post and names its writer: "Written by Jo Bloggs on 8th
    November 2017" (:func:`_dated_byline`), "Posted on 14 March 2017 by Jo Bloggs"."""
    if _dated_byline(row):
        return True
    found = _DATE_BY.fullmatch(row.text.strip())
    return (
        found is not None
        and not row.hint
        and only_date(found["date"])
        # a given name alone after "by" is a writer's too: "posted 25 Feb 2016 by Paul"
        and (is_writers_line(found["names"]) or is_signature(found["names"]))
    )


def _dated_byline(row: Row) -> bool:
    """A writer's line that dates the post too: "Written by Jo Bloggs on 8th November
    2017", "Posted by Jo Bloggs, 3 March 2017"."""
    return (
        not row.hint
        and BYLINE_PREFIX.match(row.text) is not None
        and len(row.text.split()) <= MAX_DATELINE_WORDS
        and not _SENTENCE_OR_FIELD.search(row.text)
        and written_date(row.text) is not None
    )


def drop_categories(
    rows: Sequence[Row], dropped: Callable[[str], bool] = lambda _: False
) -> tuple[list[Row], list[Block]]:
    """Blank the category a theme prints over each post's title, right above it ("Seminar
    6" / "Coercive environments: notes from Huddersfield" / "July 12, 2017"): a short
    line that starts a block of lines, over a title over its date. It is no title, and
    the post starts at its title. A label the page prints over
    two entries or more may be as long as a caption: a reader app prints the blog's name
    over each entry ("Re-imagining professionalism in mental health" / title / "Jo
    Bloggs · July 12, 2017"). It files the entry under it (label ``category``)."""
    found = [i for i in range(len(rows) - 2) if _over_title(rows, i, dropped)]
    counts = Counter(rows[i].text.casefold() for i in found)
    out, blanked = _blanked(
        rows,
        [
            i
            for i in found
            if len(_LABEL_MARKS.sub(" ", rows[i].text).split()) <= MAX_CATEGORY_WORDS
            or counts[rows[i].text.casefold()] >= MIN_ENTRIES
            or _labels(rows[i].text)  # "Guest posts / Reflections / Seminar 6"
        ],
    )
    return out, [replace(block, label=CATEGORY) for block in blanked]


#: A line of a post's filing is a short list: "education, Huddersfield, seminar 7".
MAX_FILING_WORDS = 10


def drop_filing_feet(
    rows: Sequence[Row],
    ends: Callable[[str], bool],
    dropped: Callable[[str], bool],
    gone: Set[int] = frozenset(),
) -> tuple[list[Row], list[Block]]:
    """Blank the filing a theme prints in a post's footer, under its date and over the line
    that ends the post ("Jo Bloggs" / "July 14, 2017" / "Seminar reports" / "reflections,
    seminar 6, students" / "3 Comments"): the short lines that are no writer and no date,
    between the footer's date and its end mark, with no blank line and no prose between
    (a listing's entry, its date over its title over its excerpt, has no footer), under
    the post's text, its "Continue reading" or its signature (label ``filing``: the split
    stage files the post under them). Lines other rules read stay
    for them: a byline ("Posted by Jo Bloggs"), a filing line ("Categories: News", "Jo
    Bloggs in News"), a line a rule drops. The footer's writer and date are hinted, as
    :func:`_foot` hints them under a post's text: the writer over the date, or right under
    it ("19 January 2016" / "Jo Bloggs" / "Reflections" / "4 Comments", as Twenty Sixteen
    prints them); over the date, a line the page prints over two footers' dates or more
    is the writer's too, name or not (the blog's account: "coproblog"). ``ends`` says
    whether a rule drops a line as a post's end (label ``end-of-post``), ``dropped``
    whether any rule drops it; ``gone`` holds the lines an earlier step blanked (an
    archive's name under each date): a footer runs on past them.

    A theme prints every post's footer alike: under a post whose text is no prose (a few
    captions under a gallery), a run whose date stands as many lines over its end mark
    as the date of a footer found under prose is a footer too. A footer with no date,
    between two end marks, is filing too ("Continue reading →" / "Guest posts" /
    "carers, Oxford" / "Leave a comment"); so is one under the post's end marks, its date
    first and only chrome under it (:func:`_foot_after_mark`)."""
    feet: list[tuple[list[int], list[int], bool]] = []  # (run, its dated lines, under text)
    between: list[int] = []  # undated lines between two end marks
    for i, row in enumerate(rows):
        if not row.text or not ends(row.text):
            continue
        if below := _foot_after_mark(rows, i, ends, dropped):
            feet.append((below, below[:1], True))
        run: list[int] = []
        k = i - 1
        while k >= 0 and len(run) < MAX_FOOT_LINES:
            if rows[k].text and not is_prose(rows[k]):
                run.insert(0, k)
            elif rows[k].text or rows[k].number not in gone:
                break
            k -= 1
        dated = [j for j in run if _date_only(rows[j]) or _dateline(rows[j])]
        if not dated:
            # right under another end mark: "Continue reading →" / "Guest posts" /
            # "carers, Oxford, seminar 2" / "Leave a comment"; no heading between two
            # rules over its section's text (a long line, though an email wraps it)
            after = next((r for r in rows[i + 1 : i + 4] if r.text), None)
            texted = after is not None and len(after.text.split()) >= PROSE_WORDS
            if len(run) > 1 and ends(rows[run[0]].text) and not texted:
                between += run[1:]
            continue
        above = text_above(rows, run[0])
        under_text = above >= 0 and (is_prose(rows[above]) or _closes_text(rows[above], ends))
        feet.append((run, dated, under_text))
    # how far a footer's date stands over its end mark, in the footers under a text
    drops = {run[-1] + 1 - dated[0] for run, dated, under_text in feet if under_text}
    # the line a page prints over every footer's date: the blog's account ("coproblog")
    over = Counter(
        rows[dated[0] - 1].text for run, dated, _ in feet if dated[0] > run[0] and dated[0] > 0
    )
    # ... or where another footer of the page prints its writer's name: what stands there
    # is this footer's writer, name or not ("Jo Bloggs" / date in one footer, "coproblog" /
    # date in the next)
    writers_over = sum(
        1 for run, dated, _ in feet if dated[0] > run[0] and _writer(rows[dated[0] - 1])
    )
    found: list[int] = []
    hints: dict[int, Hint] = {}
    for run, dated, under_text in feet:
        if not under_text:
            # over a title: a post's head, no footer; unless its date stands where the
            # page's footers put theirs (the lines above it are then the post's)
            if run[-1] + 1 - dated[0] not in drops:
                continue
            dated = dated[:1]
            # (the writer's name right over the date is the footer's: "Jo Bloggs" / date)
            start = run.index(dated[0])
            start -= 1 if start and _writer(rows[run[start - 1]]) else 0
            run = run[start:]
        hints.update((j, "date") for j in dated)
        # the writer's line over the footer's date, whether or not the data knows the name,
        # or right under it (past a label an earlier step blanked: "Posted by")
        under = next((j for j in run if j > dated[-1]), -1)
        hints.update(
            (j, "byline")
            for j in run
            if (
                j < dated[0]
                and (
                    _writer(rows[j])
                    or is_byline(rows[j].text)  # "Author Jo Bloggs"
                    or (not rows[j].hint and is_writers_line(rows[j].text))  # "Jo and Sam Example"
                    or (j == dated[0] - 1 and not rows[j].hint and is_name_shaped(rows[j].text))
                    or (
                        j == dated[0] - 1
                        and (over[rows[j].text] >= MIN_ENTRIES or writers_over > 0)
                        and not rows[j].hint
                        and len(rows[j].text.split()) <= MAX_WRITER_WORDS
                        and not _SENTENCE_OR_FIELD.search(rows[j].text)
                        and not dropped(rows[j].text)  # "Continue reading →" over each date
                    )
                )
            )
            or (j == under and _writer(rows[j]))
        )
        found += [
            j
            for j in run
            if j > dated[0]
            and not _meta(rows[j], dropped)
            and not BYLINE_PREFIX.match(rows[j].text)
            and len(rows[j].text.split()) <= MAX_FILING_WORDS
            and not _SENTENCE_OR_FIELD.search(rows[j].text)
        ]
    hints.update((j, "byline") for j in between if _writer(rows[j]))
    found += [
        j
        for j in between
        if not _meta(rows[j], dropped)
        and not BYLINE_PREFIX.match(rows[j].text)  # "Posted by Jo Bloggs on ..."
        and len(rows[j].text.split()) <= MAX_FILING_WORDS
        and not _SENTENCE_OR_FIELD.search(rows[j].text)
        and written_date(rows[j].text) is None
    ]
    hinted = [replace(row, hint=hints[i]) if i in hints else row for i, row in enumerate(rows)]
    out, blanked = _blanked(hinted, sorted(set(found)))  # two end marks' runs may overlap
    return out, [replace(block, label=FILING) for block in blanked]


#: The dash a theme may print before a post's tags: "— peer support, books".
_LABEL_LEAD = re.compile(r"[\u2014\u2013]\s+")
#: The parts of a line of labels: "Seminar 4, Guest posts", "News · Events".
_LABEL_PARTS = re.compile(r"\s*,\s*|\s+[\u00b7\u2022|/]\s+")


def drop_label_feet(
    rows: Sequence[Row], ends: Callable[[str], bool], noise: Callable[[str], bool]
) -> tuple[list[Row], list[Block]]:
    """Blank the categories a theme prints alone as the last line of each entry's footer,
    with no label before them, where no earlier step found them:

    - right over the entry's end mark ("… a short report." / "" / "Seminar 7, News" /
      "Leave a comment");
    - set apart under its end mark, or under its text after a dash ("… the special issue
      here." / "" / "— ESRC, seminar series" / "");
    - under its date, set apart under the entry's excerpt with no end mark under it (a
      search page: excerpt / "" / "coproblog" / "November 4, 2016" / "Seminar 4,
      Reflections" / "").

    Each such line is a short list of labels (:func:`_label`), names no person, and
    stands set apart from the text by a blank line. Only where :data:`MIN_ENTRIES` such
    lines or more, different lines, share a label (a site files its entries under a few
    categories, "News" among them): a line of names or places under one post is its text,
    and a link's label the page repeats ("Read the recap") no category. The date over an
    unmarked one is hinted ``date``, so the split stage reads it as the entry's foot, and
    a writer's line over that date ``byline`` when the page prints the same one over
    every such date (a blog's account: "coproblog"). ``ends`` says whether a rule drops a
    line as a post's end, ``noise`` whether one drops it as more than a menu's word (a
    category may be "News"). Label ``filing``."""
    found: list[tuple[int, int]] = []  # (the labels' row, the date's row over them or -1)
    for i, row in enumerate(rows):
        if not row.text or row.hint or not _labels_only(row.text) or noise(row.text):
            continue
        after = rows[i + 1] if i + 1 < len(rows) else None
        if after is not None and after.text and ends(after.text):
            above = text_above(rows, i)
            if i > 0 and not rows[i - 1].text and above >= 0 and not _date_line(rows[above]):
                found.append((i, -1))
            continue
        if (after is None or not after.text) and i > 1 and not rows[i - 1].text:
            # set apart under an end mark ("Continue reading" / "" / labels), or under the
            # text after a dash ("— books": a list of links may stand under a text too)
            above = text_above(rows, i)
            dashed = _LABEL_LEAD.match(row.text) is not None
            if above >= 0 and (ends(rows[above].text) or (dashed and _closes_excerpt(rows[above]))):
                found.append((i, -1))
                continue
        if (after is None or not after.text) and i > 0 and _date_only(rows[i - 1]):
            top = i - 2 if i > 1 and rows[i - 2].text else i - 1
            above = text_above(rows, top)
            if top > 0 and not rows[top - 1].text and above >= 0 and _closes_excerpt(rows[above]):
                found.append((i, i - 1))
    # what different lines share: a label, or the dash a theme prints before each ("—
    # books"); a link's label the page repeats under every entry ("Read the recap") is none
    texts = {rows[i].text.strip().casefold() for i, _ in found}
    shared = Counter(part for text in texts for part in _label_keys(text))
    found = [
        (i, date)
        for i, date in found
        if any(shared[part] >= MIN_ENTRIES for part in _label_keys(rows[i].text))
    ]
    if len(found) < MIN_ENTRIES:
        return list(rows), []
    out = list(rows)
    writers = Counter(rows[date - 1].text for _, date in found if date > 0 and rows[date - 1].text)
    dated = [date for _, date in found if date >= 0]
    for date in dated:
        out[date] = replace(rows[date], hint="date")
        writer = rows[date - 1] if date > 0 else None
        if (
            writer is not None
            and writer.text
            and not writer.hint
            and (writers[writer.text] == len(dated) or _writer(writer))
        ):
            out[date - 1] = replace(writer, hint="byline")
    out, blanked = _blanked(out, [i for i, _ in found])
    return out, [
        replace(block, text=_LABEL_LEAD.sub("", block.text, count=1), label=FILING)
        for block in blanked
    ]


def _label_parts(text: str) -> tuple[str, list[str]]:
    """The dash a line of labels opens with ("" if none) and its labels."""
    lead = _LABEL_LEAD.match(text)
    return (
        lead.group().strip() if lead else "",
        _LABEL_PARTS.split(text[lead.end() if lead else 0 :].strip()),
    )


def _label_keys(text: str) -> set[str]:
    """A line of labels' labels, case-folded, and the dash it opens with, if any."""
    lead, parts = _label_parts(text)
    return {part.casefold() for part in parts} | ({lead} if lead else set())


def _labels_only(text: str) -> bool:
    """Whether a line is a short list of labels and nothing else, no person among them
    ("Seminar 4, Guest posts", "News", after a dash "— peer support, books"; not "Jo
    Bloggs, Sam Example"). Tags after a dash may be in lower case."""
    lead, parts = _label_parts(text)
    return (
        len(" ".join(parts).split()) <= MAX_FILING_WORDS
        and all(_label(part) or (bool(lead) and _tag(part)) for part in parts)
        and not _SENTENCE_OR_FIELD.search(text)
        and written_date(text) is None
        and not any(is_vouched_name(part) for part in parts)
    )


#: A tag is a few words: "Five Year Forward View".
MAX_TAG_WORDS = 4


def _tag(part: str) -> bool:
    """Whether a part of a line is a tag: a few words, letters only."""
    return 0 < len(part.split()) <= MAX_TAG_WORDS and all(w.isalpha() for w in part.split())


def _closes_excerpt(row: Row) -> bool:
    """Whether a line ends an entry's text: prose or a sentence, an excerpt cut short ("…
    […]"), or the writer's signature ("Yusuf Demir")."""
    return (
        is_prose(row)
        or _SENTENCE.fullmatch(row.text.strip()) is not None
        or row.text.rstrip().endswith(("\u2026", "[\u2026]", "[...]", "..."))
        or is_signature(row.text)
    )


def _closes_text(row: Row, ends: Callable[[str], bool]) -> bool:
    """Whether a line that is no prose may close a post's text: an end mark, a writer's
    line or a signature ("Joost", "Jo Bloggs, research assistant")."""
    return (
        ends(row.text)
        or _writer(row)
        or is_signature(row.text)
        or name_and_role(row.text) is not None
    )


def _foot_after_mark(
    rows: Sequence[Row], at: int, ends: Callable[[str], bool], dropped: Callable[[str], bool]
) -> list[int]:
    """The indexes of the footer a theme prints under the end marks of a post (its share
    buttons, "Related"), past a blank line: its date first, then its writer, category
    and tags, no prose, and under them only the page's chrome or the next mark ("Related"
    / "" / "July 12, 2017" / "Jo Bloggs" / "Seminar 6" / "seminar 6, coercion" / "" /
    "Post navigation", as Twenty Sixteen prints it); else none. (A listing's date under
    "Read more" heads the next entry, its title and text under it.)"""
    start = at + 2  # past the one blank line under the mark (a date right under it:
    # drop_feet_under_marks)
    if start >= len(rows) or rows[at + 1].text:
        return []
    run: list[int] = []
    k = start
    while k < len(rows) and rows[k].text and len(run) <= MAX_FOOT_LINES:
        run.append(k)
        k += 1
    if not run or len(run) > MAX_FOOT_LINES or not _date_only(rows[run[0]]):
        return []
    if any(is_prose(rows[j]) or ends(rows[j].text) for j in run):
        return []
    while k < len(rows) and not rows[k].text:  # (no copy of the rows: a page has many marks)
        k += 1
    return run if k == len(rows) or dropped(rows[k].text) else []


def drop_feet_under_marks(
    rows: Sequence[Row], ends: Callable[[str], bool], dropped: Callable[[str], bool]
) -> tuple[list[Row], list[Block]]:
    """Blank the dateline a listing prints under each entry's "Read more", with a blank
    line under it ("Read more" / "14 November 2016 · Guest posts" / blank / next title):
    its date, alone or with the categories it files the entry under (label ``filing``:
    the split stage dates and files the entry above with it), or with its writer ("Posted
    on 14 March 2017 by Jo Bloggs": label ``end-of-post``, which split reads for both).
    Only where the page's last end mark has one too: a page that prints each date over
    its title ("Read more" / "14 November 2016" / next title) leaves its last entry's end
    mark bare. ``ends`` says whether a rule drops a line as a post's end."""
    marks = [i for i, row in enumerate(rows) if row.text and ends(row.text)]
    under = [_under_mark(rows, i) for i in marks]
    set_apart = [j for j in under if j > 0 and (j + 1 >= len(rows) or not rows[j + 1].text)]
    kept = {j: _without_chrome(rows[j], ends)[0] for j in set_apart}
    feet = [
        j
        for j, row in kept.items()
        if _filed_dateline(row) or _date_only(row) or _dated_writer(row)
    ]
    # past a blank line, a date may head a short entry the page shows whole, with no mark
    # of its own: a foot only where the page prints two so at least
    apart = [j for j in feet if not rows[j - 1].text and rows[j - 1].number < rows[j].number]
    if len(apart) < MIN_ENTRIES:
        feet = [j for j in feet if j not in apart]
    if not feet:
        # no date: the categories alone, under every end mark of the page ("Continue
        # reading →" / "Seminar 4, Guest posts" / blank / next title), a category named
        # under two marks at least (titles do not repeat); a line a rule drops is chrome
        # ("Permalink" / "Reply")
        filed = {j: _filing(rows[j].text, dropped) for j in set_apart}
        named = Counter(item for items in filed.values() for item in items)
        if len(filed) == len(marks) >= MIN_ENTRIES and all(filed.values()):
            feet = [j for j, items in filed.items() if any(named[i] > 1 for i in items)]
            feet = feet if len(feet) == len(marks) else []
    if not feet or feet[-1] != under[-1]:
        return list(rows), []
    out, blanked = _blanked(rows, feet)
    return out, [
        replace(
            block,
            text=kept[j].text,
            # "Posted on 14 March 2017 by Jo Bloggs": an end mark that dates the entry and
            # names its writer (split.py, _FILED_BY)
            label="end-of-post" if _dated_writer(kept[j]) else FILING,
        )
        for j, block in zip(feet, blanked, strict=True)
    ]


def _under_mark(rows: Sequence[Row], at: int) -> int:
    """The index of the line right under an end mark ``rows[at]``, or past one blank line
    ("Continue reading →" / "" / "June 28, 2016 / Seminar 3 / Leave a comment"); -1 if
    none."""
    j = next_line(rows, at)
    if j >= 0 and not rows[j].text and j + 1 < len(rows) and rows[j + 1].text:
        return j + 1
    return j


def _without_chrome(row: Row, dropped: Callable[[str], bool]) -> tuple[Row, list[str]]:
    """A footer's dateline without the parts after its date that a rule drops, and those
    parts ("June 28, 2016 / Seminar 3 / Leave a comment" -> "June 28, 2016 / Seminar 3",
    ["Leave a comment"]); the row itself where there are none."""
    pieces = _DATELINE_PIECES.split(row.text.strip())  # its parts, the marks between
    cut: list[str] = []
    while len(pieces) > 1 and dropped(pieces[-1]):
        cut.insert(0, pieces[-1])
        del pieces[-2:]
    return (replace(row, text="".join(pieces)) if cut else row), cut


#: A dateline's parts with the marks between kept (:data:`~..dates.DATELINE_PARTS`).
_DATELINE_PIECES = re.compile(f"({DATELINE_PARTS.pattern})")


#: How a footer parts the categories it files a post under: "Seminar 4, Guest posts",
#: "News · Events", "Seminar 2 / Reflections".
_FILING_MARKS = re.compile(rf"\s*,\s*|{_LABEL_MARKS.pattern}")


def _filing(text: str, dropped: Callable[[str], bool]) -> frozenset[str]:
    """The categories of a line that names nothing else ("Seminar 4, Guest posts"), each
    a label of a few words, capitalised or numbered (case-folded); none for any other line,
    nor for one a rule drops (``dropped``: "Reply" is chrome)."""
    parts = [p.strip() for p in _FILING_MARKS.split(text.strip())]
    if len(" ".join(parts).split()) > MAX_FILING_WORDS or _SENTENCE_OR_FIELD.search(text):
        return frozenset()
    if dropped(text) or not all(map(_label, parts)):
        return frozenset()
    return frozenset(p.casefold() for p in parts)


def _filed_dateline(row: Row) -> bool:
    """A dateline that leads with its date and then names only categories ("14 November
    2016 · Guest posts", "2 March 2016 in Seminar 2"): no writer, no "by"."""
    return not row.hint and _filed_parts(row.text.strip(), lambda _: False) is not None


def trim_filed_datelines(
    rows: Sequence[Row], dropped: Callable[[str], bool], noise: Callable[[str], bool]
) -> tuple[list[Row], list[Block]]:
    """Cut the categories off a post's footer that gives its date and then only the
    categories it files the post in, under the post's text ("2 March 2016 in Seminar 2",
    "4 Nov 2016 · Seminar 4, Reflections"): the row keeps its date, which the split stage
    reads as it reads a date alone under a text (the entry's foot), and the categories go
    as a block on the same line, labelled ``filing``, so the split stage files the post
    under them.

    A line stays whole, for the steps that read such datelines, where a part is ``noise``
    (a line a rule drops as more than the page's frame: "Leave a comment", "3 min read";
    a menu's "News" may be a category), a writer or a "by"; where an earlier step hinted
    it as more than a date (a footer's step hints its date so, over the entry's "Read
    more"); where it stands under a title, since there a part may be a venue as well as a
    category ("5 January 2016 · University of Leeds" heads an event); and where prose
    stands right under it, since a footer ends its post ("07/11/2016 - Help or hindrance"
    over its excerpt is a table's row, copied)."""
    out = list(rows)
    removed: list[Block] = []
    for i, row in enumerate(rows):
        if not row.text or row.hint not in ("", "date") or not _DATED.search(row.text):
            continue
        cut = _filed_parts(row.text.strip(), noise)
        if cut is not None and _under_prose(rows, i, dropped) and not _over_prose(rows, i):
            out[i] = replace(row, text=cut[0])
            removed.append(Block("paragraph", cut[1], row.number, row.number, FILING))
    return out, removed


def cut_comment_feet(
    rows: Sequence[Row], ends: Callable[[str], bool], dropped: Callable[[str], bool]
) -> tuple[list[Row], list[Block]]:
    """Blank the footer line a theme prints under each entry's text: its date, the
    categories it files the entry under, and last its comment link ("January 26, 2016 /
    Seminar 1, Reflections / Leave a comment", "4 Nov 2016 | 2 Comments"). The date and
    the categories go as a block labelled ``filing`` (the split stage dates and files the
    entry with them), the link as one labelled ``end-of-post`` (the entry ends there).
    Only under the entry's text (the nearest line above that no rule drops is a sentence,
    or a signature), or with no prose under it (the last entry's, over the sidebar): a
    theme that prints the same line under a title ("Posted on July 4, 2016 | 3 Comments")
    heads its post with it. ``ends`` says whether a rule drops a line as a post's end,
    ``dropped`` whether any rule drops it."""
    out = list(rows)
    removed: list[Block] = []
    # the last line of prose: under it, the last entry's footer over the sidebar
    last_prose = max((i for i, row in enumerate(rows) if row.text and is_prose(row)), default=-1)
    for i, row in enumerate(rows):
        if not row.text or row.hint or not _DATED.search(row.text):
            continue
        kept, link = _without_chrome(row, ends)
        if not link or not (_filed_dateline(kept) or _date_only(kept)):
            continue
        k = _kept_above(rows, i, dropped)
        closes = k >= 0 and (
            _SENTENCE.fullmatch(rows[k].text) is not None or _closes_text(rows[k], ends)
        )
        if not closes and i < last_prose:
            continue
        out[i] = replace(row, text="")
        removed += [
            Block("paragraph", kept.text, row.number, row.number, FILING),
            Block("paragraph", " · ".join(link), row.number, row.number, "end-of-post"),
        ]
    return out, removed


#: A sentence, however short, that a post's text may end with ("Thanks to Jo for this
#: post."); a title has no full stop, and one put as a question heads its post.
_SENTENCE = re.compile(r"\S+(?:\s+\S+){2,}[.!\u2026]['\u2019\"\u201d)]?")


def _over_prose(rows: Sequence[Row], at: int) -> bool:
    """Whether prose stands right under ``rows[at]`` (a table's row of a date and a title,
    over its excerpt, is no footer)."""
    return at + 1 < len(rows) and bool(rows[at + 1].text) and is_prose(rows[at + 1])


def _under_prose(rows: Sequence[Row], at: int, dropped: Callable[[str], bool]) -> bool:
    """Whether the nearest line above ``rows[at]`` that no rule drops is prose."""
    k = _kept_above(rows, at, dropped)
    return k >= 0 and is_prose(rows[k])


def _kept_above(rows: Sequence[Row], at: int, dropped: Callable[[str], bool]) -> int:
    """The index of the nearest line with text above ``rows[at]`` that no rule drops, or -1."""
    k = at - 1
    while k >= 0 and (not rows[k].text or dropped(rows[k].text)):
        k -= 1
    return k


def _filed_parts(text: str, noise: Callable[[str], bool]) -> tuple[str, str] | None:
    """A filed dateline's date and its categories, each of a few words
    (:func:`trim_filed_datelines`)."""
    found = DATE_IN.fullmatch(text)
    if found and len(found["filed"].split()) <= MAX_FILED_WORDS:
        date, filed = found["date"], [found["filed"]]
    else:
        date, *filed = DATELINE_PARTS.split(text)
    rest = [part.strip() for parts in filed for part in parts.split(",")]
    if not rest or len(_TIME.sub("", date).split()) > MAX_DATE_WORDS or written_date(date) is None:
        return None
    for part in rest:
        if (
            not part
            or len(part.split()) > MAX_PART_WORDS
            or part.endswith((".", "?", "!"))
            or noise(part)
            or BYLINE_PREFIX.match(part)
            or is_vouched_name(recase(part))
        ):
            return None
    return date, ", ".join(rest)


def drop_kickers(
    rows: Sequence[Row], dropped: Callable[[str], bool] = lambda _: False
) -> tuple[list[Row], list[Block]]:
    """Blank the kicker a listing prints over each entry's title with the text right under
    it, no date between ("PROJECT UPDATE" / "Summer open day" / text; "SEMINAR REPORTS" /
    a result's title / its snippet): a short label that starts a block of lines, over a
    title, over prose. A label in capitals, or one between marks, is one wherever it
    stands; another only where the page prints it over two entries or more. Only where
    the page has :data:`MIN_KICKERS` such entries: a section's name over its first
    subheading is no kicker (label ``kicker``: split reads it as an entry's end)."""
    found = [
        i
        for i in range(len(rows) - 2)
        if rows[i].text  # the cheap tests first: most lines are no label over a title
        and len(_LABEL_MARKS.sub(" ", rows[i].text).split()) <= MAX_CATEGORY_WORDS
        and is_prose(rows[i + 2])
        and _short_label(rows, i, dropped)
        and _entry_title(rows[i + 1])
        and len(rows[i + 1].text.split()) <= MAX_CAPTION_WORDS
        and not _writer(rows[i + 1])  # "About the author" / "Jo Bloggs": an author box
    ]
    counts = Counter(rows[i].text.casefold() for i in found)
    labels = [
        i
        for i in found
        if rows[i].text.isupper() or _labels(rows[i].text) or counts[rows[i].text.casefold()] > 1
    ]
    # a magazine theme's badges in capitals, set apart by a blank line over the entry's
    # title and its byline ("SEMINAR 4 GUEST POSTS" / "" / title / "by Jo Bloggs — Nov
    # 14, 2016" / text)
    labels += [i for i in range(len(rows) - 4) if _badge_over_title(rows, i, dropped)]
    labels = sorted(set(labels))
    rows, kickers = _blanked(rows, labels if len(labels) >= MIN_KICKERS else [])
    return rows, [replace(b, label=KICKER) for b in kickers]


#: A page prints a kicker over at least this many entries (:func:`drop_kickers`).
MIN_KICKERS = 3


def _badge_over_title(rows: Sequence[Row], at: int, dropped: Callable[[str], bool]) -> bool:
    """Whether ``rows[at]`` is a category badge in capitals, a blank line under it, over
    an entry's title (which another step may have hinted), its dateline or dated byline,
    and its text (maybe after a blank line)."""
    row, gap, title, meta = rows[at : at + 4]
    # the text right under the dateline, or after a blank line
    text = rows[at + 4] if rows[at + 4].text or at + 5 >= len(rows) else rows[at + 5]
    if not (
        row.text.isupper()
        and not gap.text
        and len(_LABEL_MARKS.sub(" ", row.text).split()) <= MAX_CATEGORY_WORDS
        and _short_label(rows, at, dropped)
        and title.hint in ("", "title")
        and _entry_title(replace(title, hint=""))
    ):
        return False
    if (_dateline(meta) or _date_only(meta) or _dated_byline(meta)) and is_prose(text):
        return True
    # an event's when, maybe its where, then its text ("CONFERENCE" / "" / title /
    # "Thursday 6 July 2017, 9.30am - 4pm" / "University of Huddersfield" / text)
    under = rows[at + 3 : at + 3 + MAX_EVENT_META]
    return _event_when(meta) and any(r.text and is_prose(r) for r in under)


#: An event's title stands over its when and where: at most this many lines before its text.
MAX_EVENT_META = 3


def _event_when(row: Row) -> bool:
    """Whether a line says when an event is, and nothing else: a date or a time of day,
    maybe a weekday and a range ("Tuesdays 13 June - 4 July, 10am - 12.30pm"), no sentence."""
    text = row.text
    return (
        bool(text)
        and not row.hint
        and len(text.split()) <= MAX_DATELINE_WORDS
        and not _SENTENCE_OR_FIELD.search(text)
        and (CLOCK.search(text) is not None or written_date(text) is not None)
    )


def _over_title(rows: Sequence[Row], at: int, dropped: Callable[[str], bool]) -> bool:
    """Whether ``rows[at]`` is a short label over a title over its date (see
    :func:`drop_categories`)."""
    row, title, date = rows[at], rows[at + 1], rows[at + 2]
    return (
        _short_label(rows, at, dropped)
        and bool(title.text)
        and not title.hint
        and (len(title.text.split()) > len(row.text.split()) or _labels(row.text))
        and (not is_prose(title) or is_question_title(title.text))
        and written_date(title.text) is None
        and (_date_only(date) or _dateline(date) or _dated_byline(date) or _when_field(date))
    )


#: A picture's caption is a short line: "A locked door with a small window".
MAX_CAPTION_WORDS = 12


def drop_captions(
    rows: Sequence[Row], dropped: Callable[[str], bool] = lambda _: False
) -> tuple[list[Row], list[Block]]:
    """Blank the caption of the picture a theme prints over each entry's date and title,
    as a browser copies its alt text ("A locked door with a small window" / "12 Jul 2017" /
    "Co-production behind locked doors?" / the excerpt): a short line that starts a block
    of lines, over a date alone, over a title, over prose. Only where the page has two or
    more such entries: one may be a title over its date over a subheading (label
    ``boilerplate``); then :func:`date_above_title` moves each date under its title."""
    found = [
        i
        for i in range(len(rows) - 3)
        if _date_only(rows[i + 1])  # the cheap test first: most lines are no date
        and _short_label(rows, i, dropped)
        and _entry_title(rows[i + 2])
        and is_prose(rows[i + 3])
    ]
    return _blanked(rows, found if len(found) >= MIN_ENTRIES else [])


def drop_labels_under_dates(
    rows: Sequence[Row], dropped: Callable[[str], bool] = lambda _: False
) -> tuple[list[Row], list[Block]]:
    """Blank the category a news list prints under each entry's date ("Visiting Fellow to
    give a public lecture" / "3 March 2016" / "Academic" / the text): a label of a few
    words, no sentence, no date, no writer, between a date alone (under a title that
    starts a block of lines) and prose. Only where the page has two or more such entries
    and one label stands under two of them: a label is a category the page files several
    entries under, where a picture's caption over a date over a short title is not
    (:func:`drop_captions`, which runs after) (label ``boilerplate``)."""
    found = [
        i
        for i in range(2, len(rows) - 1)
        if _date_only(rows[i - 1])  # the cheap test first: most lines are no date
        and _entry_title(rows[i - 2])
        and (i < 3 or not rows[i - 3].text or dropped(rows[i - 3].text))
        and rows[i].text
        and not rows[i].hint
        and len(rows[i].text.split()) <= MAX_LABEL_WORDS
        and not _SENTENCE_OR_FIELD.search(rows[i].text)
        and written_date(rows[i].text) is None
        and not _writer(rows[i])
        and is_prose(rows[i + 1])
    ]
    counts = Counter(rows[i].text.casefold() for i in found)
    repeated = any(n > 1 for n in counts.values())
    return _blanked(rows, found if len(found) >= MIN_ENTRIES and repeated else [])


def _blanked(rows: Sequence[Row], found: Sequence[int]) -> tuple[list[Row], list[Block]]:
    """The rows with those at ``found`` blanked, and each as a ``boilerplate`` block."""
    out = list(rows)
    for i in found:
        out[i] = replace(out[i], text="")
    return out, [_boilerplate(rows[i]) for i in found]


def _boilerplate(row: Row) -> Block:
    return Block("paragraph", row.text, row.number, row.number, "boilerplate")


def _short_label(rows: Sequence[Row], at: int, dropped: Callable[[str], bool]) -> bool:
    """Whether ``rows[at]`` may be a label a theme prints over an entry (a picture's
    caption, a category): a short line, no sentence, no date, no writer's name, that
    starts a block of lines."""
    row, above = rows[at], rows[at - 1] if at else None
    return (
        bool(row.text)
        and not row.hint
        and (above is None or not above.text or dropped(above.text))
        and len(row.text.split()) <= MAX_CAPTION_WORDS
        and not _SENTENCE_OR_FIELD.search(row.text)
        and written_date(row.text) is None
        and not _writer(row)
    )


def _entry_title(row: Row) -> bool:
    """Whether a line under an entry's date can be its title: short, no sentence (a
    question may be a title), no date."""
    return (
        bool(row.text)
        and not row.hint
        and not is_prose(row)
        and not row.text.endswith((".", ";", ":"))
        and written_date(row.text) is None
    )


def drop_run_labels(
    rows: Sequence[Row], dropped: Callable[[str], bool] = lambda _: False
) -> tuple[list[Row], list[Block]]:
    """Blank the category a theme prints over each post's meta lines, themselves over its
    title ("GUEST POSTS" / "May 30, 2016 — Arjun Example" / "What is Open Dialogue?" /
    text): a short label that starts a block of lines, no sentence, no date, no writer,
    over a run of meta lines with a date among them, over a title with prose under it. A
    label in capitals, or one between marks ("News · Seminar 3"), is one wherever it
    stands; another only where the page prints it over two posts or more (label
    ``category``: it files the post under it). Then :func:`date_above_title` moves the
    meta lines under the title."""
    found = [i for i in range(len(rows)) if _over_run(rows, i, dropped)]
    counts = Counter(rows[i].text.casefold() for i in found)
    labels = [
        i
        for i in found
        if rows[i].text.isupper() or _labels(rows[i].text) or counts[rows[i].text.casefold()] > 1
    ]
    out, blanked = _blanked(rows, labels)
    return out, [replace(block, label=CATEGORY) for block in blanked]


def _over_run(rows: Sequence[Row], at: int, dropped: Callable[[str], bool]) -> bool:
    """Whether ``rows[at]`` is a short label over a post's dated meta lines over its title
    (see :func:`drop_run_labels`)."""
    row = rows[at]
    # the cheap tests first: most lines are no short line over a meta line
    if (
        not row.text
        or at + 1 >= len(rows)
        or len(_LABEL_MARKS.sub(" ", row.text).split()) > MAX_CATEGORY_WORDS
        or not _meta(rows[at + 1], dropped)
        or not _short_label(rows, at, dropped)
    ):
        return False
    end = _run_end(rows, at + 1, dropped)
    run = rows[at + 1 : end]
    return (
        bool(run)
        and any(_date_line(r) for r in run)
        and end + 1 < len(rows)
        and _entry_title(rows[end])
        and _title_like(rows, end)
        and any(is_prose(r) for r in rows[end + 1 : end + 3])
    )
