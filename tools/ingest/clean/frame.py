"""A page's frame: the header above its first post and the sidebar and footer after its last.

A page copied from a browser brings its frame along: a site name and tagline between the
skip link and the menu, a list of recent posts and archive months in the sidebar. Line
rules (``rules/boilerplate.yaml``, label ``chrome``) know the frame's common wordings, but a
site name or a list of post titles has no wording of its own; what marks it is where it
stands. So, once the line rules have run:

* **header**: every line above the page's first paragraph of prose, up to its last line
  a chrome rule dropped there, is chrome (the site name between "Skip to content" and
  "Menu");
* **footer**: every line after the page's last paragraph of prose, from the first line a
  chrome rule dropped there, is chrome ("Older posts", then "Recent Posts" and its titles,
  "Archives" and its months, "Powered by ...").

Lines that are neither (a post's title under the header, a signature after the last
paragraph) stay. Pure functions over rows.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..dates import written_date
from ..names import BYLINE_PREFIX, is_signature, is_vouched_name
from ..records import Block, Line
from ..text import CUT_MARKS, PROSE_WORDS, is_prose_text
from .blocks import Row, goes_on, line_under, next_line
from .rules import Rules

__all__ = [
    "CATEGORY",
    "FILING",
    "FRAME",
    "KICKER",
    "PAGE_MARKS",
    "POSTER_LINE",
    "PROSE_WORDS",
    "drop_archive_names",
    "drop_author_boxes",
    "drop_frame",
    "drop_related_titles",
    "is_archive_heading",
    "mark_menu_title",
    "mark_quoted_title",
]

#: The label of the rules whose lines anchor a frame, and of the lines dropped with them.
FRAME = "chrome"
#: The label of the categories and tags an entry footer lists under its date, dropped:
#: "Reflections, Seminar 1" (clean/dated.py).
FILING = "filing"
#: The label of the category a theme prints over an entry's title or its meta lines,
#: dropped: "SEMINAR 4" / title / date (clean/dated.py). It files the entry under it.
CATEGORY = "category"
#: The label of a listing's label over each entry's title with its text right under it
#: ("NEWS" / title / text, clean/dated.py): an entry starts under it, filed under it.
KICKER = "kicker"
#: The labels of lines dropped as the page's own furniture, which it may repeat between
#: its items and around its text (split.py's marks, this module's page tools).
PAGE_MARKS = frozenset({FRAME, "boilerplate", FILING, CATEGORY})
#: The label of the rules whose lines end a post ("Posted in News | Leave a comment").
END_OF_POST = "end-of-post"
#: A sidebar after the last post has at least this many chrome lines ("Recent Posts",
#: "Archives", "Categories").
SIDEBAR_ANCHORS = 3
#: A title that ends a page's header has at least this many words ("Date" over a date is a
#: field's label).
MIN_TITLE_WORDS = 2
#: A social post's header as clean/dated.py joins it: the name shown, the handle, the day
#: ("Jo Bloggs @jo_b · Jul 6, 2017").
POSTER_LINE = re.compile(r"[^@\s][^@]{0,60} @\w{1,30} · ")
#: A title has at most this many subtitle lines under it, above its dateline.
MAX_SUBTITLES = 2
#: A date line under a title is short: "Posted on 3 March 2017 by Jo Bloggs in News".
MAX_DATELINE_WORDS = 16


def is_prose(row: Row) -> bool:
    """A line of prose (:func:`~..text.is_prose_text`)."""
    return is_prose_text(row.text)


def _over_subtitle(rows: Sequence[Row], line: int) -> int:
    """The line of a title whose subtitle stands on ``line``: the short lines right above
    it, with no blank line between ("Reconciling regulatory knowledge ..." / "ESRC seminar
    series: ... (seminar 5)" / "When: Friday 3 March 2017"), at most two."""
    at = {row.number: row for row in rows}
    for _ in range(MAX_SUBTITLES):
        above = at.get(line - 1)
        if above is None or not above.text or is_prose(above) or above.hint:
            break
        line -= 1
    return line


def _first_dated_title(rows: Sequence[Row], before: int, min_words: int = 1) -> int:
    """The line of the first short line above line ``before`` that has a date right under
    it ("Reconciling regulatory knowledge ..." / "Friday 3 March 2017, 9.30am"), or a "by"
    line ("Narrative and regulatory knowledge" / "by the Seminar Series", as an event
    listing heads its page), or an author's line and then a date; else ``before``. The date
    may stand under line ``before`` (a search result's title, its address a rule dropped,
    its date: "6. Can you co-produce ...?" / "https://..." / "26 July 2017 - by Jo")."""
    shown = [row for row in rows if row.text and row.number < before]
    at = {row.number: row for row in rows}
    gap, under = at.get(before), at.get(before + 1)
    if shown and shown[-1].number == before - 1 and gap and not gap.text and under:
        shown.append(under)  # right above the line dropped, the date right under it
    for k, (row, under) in enumerate(itertools.pairwise(shown)):
        if (
            not under.hint  # a date clean/dated.py moved under its title stands below it
            and not is_prose(row)
            and len(row.text.split()) >= min_words  # "Date" / "Friday 3 March" is a field
            and written_date(row.text) is None
            and len(under.text.split()) <= MAX_DATELINE_WORDS
            and (written_date(under.text) is not None or BYLINE_PREFIX.match(under.text))
            and not POSTER_LINE.match(under.text)  # nothing titles a post in a thread
        ):
            # "Title" / "Dr A B, Chair of the Institute" / "Published 4 December 2017":
            # the author's line stands between a title and its date.
            if k > 0 and is_vouched_name(BYLINE_PREFIX.sub("", row.text).split(",")[0]):
                return shown[k - 1].number
            return row.number
    return before


def _titled_by_name(rows: Sequence[Row], first: int) -> int:
    """The line of a title right over its writer's name, the last two lines with text
    above line ``first`` (the text's), set apart from any line above them; else ``first``."""
    shown = [row for row in rows if row.text and row.number < first]
    if len(shown) < 2:
        return first
    title, name = shown[-2], shown[-1]
    apart = len(shown) < 3 or shown[-3].number < title.number - 1
    return (
        title.number
        if apart
        and name.number == title.number + 1
        and not title.hint
        and not is_prose(title)
        and len(title.text.split()) >= MIN_TITLE_WORDS
        and is_vouched_name(name.text)
        else first
    )


def mark_menu_title(rows: Sequence[Row], dropped: Callable[[str], bool]) -> list[Row]:
    """Rows with a page's title hinted ``title`` where a menu rule would drop it: the page
    repeats the name of its menu item as its heading ("Home" / "About" / "Team" ... then
    "About" over the page's first paragraph). The title stands alone, a blank line above
    it and one under it, over the first prose, and the same words stand higher up the
    page, on a line a rule drops (its menu). A category's name right over its description,
    no blank line between, is the archive's header."""
    first = next((i for i, row in enumerate(rows) if is_prose(row)), 0)
    k = first - 2  # the title, over a blank line over the prose
    if k < 1 or rows[k + 1].text or not rows[k].text or rows[k - 1].text or rows[k].hint:
        return list(rows)
    title = rows[k].text.casefold()
    menu = any(row.text.casefold() == title for row in rows[: k - 1])
    if not (menu and dropped(rows[k].text)):
        return list(rows)
    return [replace(row, hint="title") if i == k else row for i, row in enumerate(rows)]


def _sidebar(
    rows: Sequence[Row], removed: Sequence[Block], anchors: Sequence[int], first: int
) -> int | None:
    """Where a sidebar starts that holds prose of its own (an about box: "This blog is
    edited by ..."), after the last post: the first chrome line after the last line that
    ends a post ("Posted in Seminars | 4 Comments"), when at least :data:`SIDEBAR_ANCHORS`
    chrome lines ("Recent Posts", "Archives", "Categories") and no dated line (a post's)
    follow it; where the first of them is a line the page also dropped between its first
    prose (line ``first``) and that end, with prose under it (a mark between its items),
    the sidebar starts at a later one. None if there is no such place."""
    ended = max((b.first for b in removed if b.label == END_OF_POST), default=None)
    if ended is None:
        return None
    after = [n for n in anchors if n > ended]
    if len(after) < SIDEBAR_ANCHORS:
        return None
    # a mark the page prints between its items ("* * *", also above the last end), with
    # prose under it before the next chrome line, parts the last item from the one above
    # it: no sidebar starts there
    marks = {b.text.strip() for b in removed if b.label == FRAME and first < b.first < ended}
    shown = {b.first: b.text.strip() for b in removed if b.label == FRAME}
    prose = [row.number for row in rows if row.text and is_prose(row)]
    start = next(
        (
            n
            for n, then in zip(after, [*after[1:], math.inf], strict=True)
            if shown.get(n) not in marks
            or bisect.bisect_right(prose, n) == bisect.bisect_left(prose, then)
        ),
        None,
    )
    if start is None:
        return None
    dated = any(row.number > start and written_date(row.text) for row in rows if row.text)
    return None if dated else start


#: A short sentence ("Thank you to everyone who came.") or a list of names is no heading.
_SENTENCE_OR_LIST = re.compile(r"[.!?;:\u2026]$|,")
#: A widget's heading over its first chrome line is a few short lines at most ("Pages" /
#: "About the series" over "Contact").
MAX_FOOTER_HEAD = 3


def _footer_head(rows: Sequence[Row], bottom: int, last: int) -> int:
    """The line after which the footer starts, given its first chrome line ``bottom`` and
    the last line of prose ``last``: the lines right above that chrome line, no blank line
    between, are the footer's too when they are few, short, after the last prose and no
    writer's name (a sidebar widget's heading and its first links, "Pages" / "About the
    series" / "Contact", where only "Contact" has a chrome rule's wording); no sentence,
    however short, no list and no signature ("Pamela" / "— Pamela Fisher" over "News")."""
    at = next((i for i, row in enumerate(rows) if row.number >= bottom), len(rows))
    k = at
    while (
        k > 0
        and at - k < MAX_FOOTER_HEAD
        and rows[k - 1].text
        and rows[k - 1].number > last
        and rows[k - 1].number == (rows[k].number if k < len(rows) else bottom) - 1
        and not rows[k - 1].hint
        and not is_prose(rows[k - 1])
        and not _SENTENCE_OR_LIST.search(rows[k - 1].text)
        and not is_signature(rows[k - 1].text)
        and not BYLINE_PREFIX.match(rows[k - 1].text)
    ):
        k -= 1
    return rows[k].number - 1 if k < at else bottom


def _entry_titles(rows: Sequence[Row]) -> list[int]:
    """The lines of a journal's entry titles (clean/dated.py): titles with their date moved
    under them from above (the date's line is the smaller), and dated entry headings
    ("Entry: Thursday 6 July 2017")."""
    shown = [row for row in rows if row.text]
    return [
        row.number
        for row, under in itertools.pairwise(shown)
        if (not row.hint and under.hint == "date" and under.number < row.number)
        or (row.hint == "title" and written_date(row.text) is not None)
    ]


#: The heading of an archive page: "Category: Reflections", "Tag Archives: seminar 5",
#: "Author: Kate Bloggs" (over the writer's description).
_ARCHIVE = re.compile(
    r"(?i)(?P<kind>category|categories|tag|tags|topic|author|archives?"
    r"|(?:category|tag|topic|author) archives)"
    r"\s*:\s*(?P<name>.{1,80})"
)
#: The archives whose name a post's meta lines repeat: its categories and tags.
_FILING_KINDS = frozenset({"category", "categories", "tag", "tags", "topic"})


#: The heading of an archive without a colon: "Posts by Kate Bloggs", "Archives for
#: Seminar 7" (maybe the last part of a breadcrumb: "You are here: Home / Archives for ...").
_ARCHIVE_OF = re.compile(
    r"(?i)(?:.{0,120}[/>\u203a\u00bb]\s*)?(?:archives?\s+for"
    r"|(?:all\s+)?(?:posts|articles|entries|stories)\s+(?:written\s+by|by|tagged|in))"
    r"\s+(?P<name>[^/>\u203a\u00bb]{1,80})"
)


#: The heading of a date archive: "Year: 2016", "Month: March 2017", "Daily Archives: ...".
_DATE_ARCHIVE = re.compile(
    r"(?i)(?:year|month|day|(?:yearly|monthly|daily)\s+archives)\s*:\s*.{1,40}"
)


def is_archive_heading(text: str) -> bool:
    """Whether a line heads an archive page, saying what it lists ("Category: Reflections",
    "Posts by Kate Bloggs", "Year: 2016"): the lines above it are the site's header."""
    line = text.strip()
    return any(p.fullmatch(line) for p in (_ARCHIVE, _ARCHIVE_OF, _DATE_ARCHIVE))


#: The marks between a breadcrumb's crumbs: "Home » Seminars » Seminar 2".
_CRUMB_MARKS = re.compile(r"\s+[\u00bb\u203a>/]\s+")


def _crumb_heading(rows: Sequence[Row], removed: Sequence[Block], first: int) -> int | None:
    """The line that ends an archive's heading, above the first prose (line ``first``):
    the line under the page's breadcrumb that repeats its last crumb ("Home » Seminars »
    Seminar 2" / "" / "Seminar 2"), with the short line right under it (its subtitle:
    "Oxford, 17 February 2016"), set apart by a blank line from what follows. A single
    post's page repeats its title so ("Home » Blog » What Oxford taught us" / "What Oxford
    taught us" / its dateline): with its meta lines right under it, it is no archive's
    heading. None if there is none."""
    crumbs = [
        b for b in removed if b.label == FRAME and b.first < first and _CRUMB_MARKS.search(b.text)
    ]
    if not crumbs:
        return None
    last = _CRUMB_MARKS.split(crumbs[-1].text.strip())[-1].strip().casefold()
    at = next((i for i, row in enumerate(rows) if row.text and row.number > crumbs[-1].first), -1)
    if at < 0 or rows[at].number >= first or rows[at].text.strip().casefold() != last:
        return None
    shown = [row for row in rows[at:] if row.text]
    if len(shown) > 1 and shown[1].hint in ("date", "byline"):
        return None  # its meta lines moved under it (clean/dated.py): a post's title
    if len(shown) > 2 and shown[2].number == shown[1].number:
        return None  # a line of meta fields cut in parts under it (clean/metaline.py)
    end = 0  # the heading, and maybe its subtitle on the next line
    if (
        len(shown) > 1
        and shown[1].number == shown[0].number + 1
        and shown[1].number < first
        and not shown[1].hint
        and not is_prose(shown[1])
    ):
        end = 1
    # no blank line under it (a line a rule dropped is no blank: "Register now"): a post's
    # title over its meta lines or text
    under = shown[end].number + 1
    if any(row.number == under and row.text for row in rows) or any(
        b.first == under for b in removed
    ):
        return None
    return shown[end].number


def _description(rows: Sequence[Row], removed: Sequence[Block], first: int) -> bool:
    """Whether the first prose line of a page (line ``first``) describes the archive whose
    heading stands right above it ("Category: Reflections" / "Posts written by people who
    came to the seminars ..."), as WordPress themes print a category's description: the
    page's header, not a post. A writer's archive may print the writer's name between,
    under their picture ("Posts by Kate Bloggs" / "Kate Bloggs" / "Kate is ..."). A line
    with a date right under it is the first entry's title, though it reads as a sentence."""
    above = max((b for b in removed if b.first < first), key=lambda b: b.first, default=None)
    if above is None:
        return False
    heading = above.text.strip()
    found = _ARCHIVE.fullmatch(heading) or _ARCHIVE_OF.fullmatch(heading)
    if found is None:
        # a section's page: its menu item repeated as its heading, the description right
        # under it, set apart from the entries under it ("Home" / "Events" / ... /
        # "Events" / "Upcoming events and regular groups. Everyone welcome ..." / ""); a
        # page's own text runs on under its first line ("About" / "This series ..." /
        # "Why professionalism?")
        key = heading.casefold()
        after = next((r for r in rows if r.number == first + 1), None)
        return (
            first == above.first + 1
            and (after is None or not after.text)
            and any(b.text.strip().casefold() == key for b in removed if b.first < above.first)
        )
    under = next((r for r in rows if r.number == first + 1), None)
    if under is not None and under.text and written_date(under.text) is not None:
        return False  # the first entry's title over its date: "What is Open Dialogue?"
    name = found["name"].strip().casefold()
    between = [r for r in rows if above.first < r.number < first and r.text]
    named = sum(r.text.casefold() in (name, name + name) for r in between)  # alt text glued
    return first - above.first <= 2 + named and len(between) == named


#: A site's name over its description is short: "Voices Together Kirklees".
MAX_SITE_NAME_WORDS = 6


#: A breadcrumb trail copied one crumb a line has at least this many crumbs under the
#: line a rule dropped ("Home" / "Research" / "Research centres and groups"); a crumb is
#: short.
MIN_TRAIL = 2
MAX_CRUMB_WORDS = 8


def _trail_end(rows: Sequence[Row], top: int, menu: set[str]) -> int:
    """Where the header ends, given the last line a rule dropped above the first prose
    (``top``); the header is the lines above the line returned. The lines right under
    ``top``, no blank line between, are the header's too when they are :data:`MIN_TRAIL`
    or more short lines, no sentence, a blank line under them and then the page's own
    title over its text: a breadcrumb trail, one crumb a line, whose first crumb a rule
    knows ("Home" / "Research" / "Research centres and groups" / "Co-production and
    Mental Health Research Group" / "" / "Our people" / text). A single line under
    ``top`` may be the page's title, and lines with the text right under them its title
    and writer. A trail's section is one of the page's menu items: one crumb repeats a
    line of the header above ``top`` (``menu``, case-folded)."""
    at = {row.number: row for row in rows}
    k = top + 1
    while (row := at.get(k)) is not None and row.text:
        if row.hint or is_prose(row) or len(row.text.split()) > MAX_CRUMB_WORDS:
            return top
        if _SENTENCE_OR_LIST.search(row.text):
            return top
        k += 1
    crumbs = [at[n].text.strip().casefold() for n in range(top + 1, k)]
    if len(crumbs) < MIN_TRAIL or row is None or not menu.intersection(crumbs):
        return top
    # the page's own title stands between the trail and the text: a trail's lines are no
    # title, its writer and its reading time over the text ("Notes from Oxford" / "Jo
    # Bloggs" / "3-4 minutes" / "" / text)
    heading = next((r for r in rows if r.number > k and r.text), None)
    return k if heading is not None and not is_prose(heading) else top


def _tagline(rows: Sequence[Row], anchors: Sequence[int], prose: Sequence[int]) -> bool:
    """Whether the page's first line of prose is its site's description right under its
    name, no blank line between ("Voices Together" / "Run by and for people ... Nothing
    about us without us!"): a chrome line stands between it and the next prose ("Showing
    posts with label ..."), and under that line the first entry's title over its date,
    before that prose. (A page's heading over its introduction, a blank line between, is
    a text of the page: "What's on" / "" / "Our events are free ...".)"""
    first, second = prose[0], prose[1]
    chrome = [n for n in anchors if first < n < second]
    at = next(i for i, row in enumerate(rows) if row.number == first)
    name = rows[at - 1] if at else None  # in reading order: a date moved under a title is no name
    if not chrome or name is None or name.number != first - 1 or not name.text:
        return False
    if name.hint or is_prose(name):
        return False
    if len(name.text.split()) > MAX_SITE_NAME_WORDS:
        return False
    titles = [*_entry_titles(rows), _first_dated_title(rows, second, min_words=MIN_TITLE_WORDS)]
    return any(chrome[0] < n < second for n in titles)


#: An archive's heading over its description is short: "Reflections", "Guest posts".
MAX_ARCHIVE_HEADING_WORDS = 4


def _archive_head(rows: Sequence[Row], prose: Sequence[int]) -> bool:
    """Whether the page's first line of prose describes the archive whose name stands
    right over it, with no label ("Reflections" / "Personal responses to the seminars, from
    speakers, delegates and the team."): a short heading, no blank line between, set
    apart above and below, and under them the first entry's title over its dated byline
    or a date the clean stage read as a post's, before the next prose. (A post's title has its
    dateline under it, not its text; a page's title and introduction over its sections,
    "Seminar 1" / "5 January 2016 · University of Leeds", stay.)"""
    first, second = prose[0], prose[1]
    index = {row.number: i for i, row in enumerate(rows)}
    at = {number: rows[i] for number, i in index.items()}
    # the name right over the description, or a blank line between ("Seminar 5" / "" /
    # "Posts from and about our fifth seminar, York, 3 March 2017.")
    gap = 1 if (over := at.get(first - 1)) is not None and not over.text else 0
    name, above, under = at.get(first - 1 - gap), at.get(first - 2 - gap), at.get(first + 1)
    if (
        (under is not None and under.text)  # set apart from what follows, too
        or name is None
        or not name.text
        or name.hint
        or is_prose(name)
        or len(name.text.split()) > MAX_ARCHIVE_HEADING_WORDS
        or written_date(name.text) is not None
        or (above is not None and above.text)
    ):
        return False
    # in reading order, the description right under the heading (an entry's title has the
    # meta lines clean/dated.py moved from above it there), then the next two lines with
    # text: the entry's title, then its meta line (hinted, or moved there from above)
    start, heading = index[first], index[name.number]
    if any(row.text for row in rows[heading + 1 : start]):
        return False
    following = list(itertools.islice((row for row in rows[start + 1 :] if row.text), 2))
    if len(following) < 2:
        return False
    title, meta = following
    return (
        title.number < second
        # a description is whole: an entry's title over its excerpt, cut ("Notes from
        # Oxford" / "" / "I went to Oxford ... asked us to …"), is no archive's head
        and not at[first].text.rstrip(" ]").endswith(CUT_MARKS)
        and not title.hint
        and not is_prose(title)
        and not is_signature(title.text)  # "Pamela" over the footer's "Pamela Fisher"
        # a post's dateline: a date clean/dated.py read as a post's, or its writer and its
        # date (an event's "5 January 2016 · University of Leeds" is neither)
        and (
            meta.hint == "date"
            or (BYLINE_PREFIX.match(meta.text) is not None and written_date(meta.text) is not None)
        )
    )


#: A post's footer holds at most this many lines over its end mark (writer, date, category,
#: tags; clean/dated.py reads footers with it too).
MAX_FOOT_LINES = 5


def _first_footer(rows: Sequence[Row], removed: Sequence[Block]) -> int:
    """The line of the first entry footer's date (hinted by clean/dated.py) over the first
    line that ends a post, or a line past the page: the post that footer closes is no
    header, though its text is no prose ("Photos from Leeds" / three captions / "21
    January 2016" / "Jo Bloggs" / "Leave a comment")."""
    past = rows[-1].number + 1 if rows else 0
    end = min((b.first for b in removed if b.label == "end-of-post"), default=past)
    dates = [r.number for r in rows if r.hint == "date" and end - MAX_FOOT_LINES <= r.number < end]
    return dates[0] if dates else past


def _prose_lines(rows: Sequence[Row], rules: Rules) -> tuple[list[int], list[int]]:
    """The lines of prose: each a line of prose alone; and each alone or as part of a
    sentence a converter wrapped over lines short of the page's width (a report's narrow
    column: "Since 2016 we have taken part in a" / "national series of seminars"), joined
    where the words go on."""
    whole: list[int] = []
    wrapped: list[int] = []
    run: list[Row] = []
    for row, after in itertools.zip_longest(rows, rows[1:]):
        run.append(row)
        alone = is_prose(row)
        if alone:
            whole.append(row.number)
        if row.text and after is not None and after.text and goes_on(row.text, after.text, rules):
            continue
        if (alone and len(run) == 1) or (
            len(run) > 1 and is_prose_text(" ".join(r.text for r in run))
        ):
            wrapped.extend(r.number for r in run if r.text)
        run = []
    return whole, wrapped


def drop_frame(
    rows: Sequence[Row], removed: Sequence[Block], rules: Rules, printed: bool = False
) -> tuple[list[Row], list[Block]]:
    """Blank the header and footer lines of a page (see the module doc); return them.
    ``printed``: the text was printed (an article), so it has a header only where a chrome
    line shows a web page's."""
    prose, wrapped = _prose_lines(rows, rules)
    if not prose:
        return list(rows), []
    anchors = sorted(b.first for b in removed if b.label == FRAME)
    described = (
        prose[0]
        if len(prose) > 1
        and (
            _description(rows, removed, prose[0])
            or _tagline(rows, anchors, prose)
            or _archive_head(rows, prose)
        )
        else None
    )
    if (
        described is None
        and len(prose) > 2
        and any(prose[0] < n < prose[1] for n in anchors)  # the site's menu between
        and not any(b.label == "end-of-post" and prose[0] < b.first < prose[1] for b in removed)
        and _archive_head(rows, prose[1:])
    ):
        # the site's own description above the archive's, its menu between ("A blog about
        # co-production ..." / "Home" / "About" / "" / "Seminar 5" / "" / "Posts from and
        # about our fifth seminar ..."): both are the header
        described = prose[1]
        prose = prose[1:]
    prose = prose[1:] if described is not None else prose
    # Above the text, page tools ("Print this page", "Download as PDF") anchor it too;
    # not a part cut from a post's writer's line ("Filed under: News" of "Filed under:
    # News — Jo Bloggs" under a title, whose writer stays: clean/metaline.py)
    writers = {row.number for row in rows if row.text and row.hint == "byline"}
    tools = sorted(b.first for b in removed if b.label in PAGE_MARKS and b.first not in writers)
    # The footer starts after the last prose, a sentence a converter wrapped included (a
    # report's narrow column): the header is read from whole lines of prose.
    first, last = prose[0], max(prose[-1], *wrapped)
    if printed and wrapped:
        # a printed text wraps every sentence: its abstract, over lines, is text too
        first = min(first, wrapped[0])
    top = max((n for n in tools if n < min(first, _first_footer(rows, removed))), default=None)
    if top is not None:
        above = [
            *(b.text for b in removed if b.first < top),
            *(r.text for r in rows if r.number < top),
        ]
        top = _trail_end(rows, top, {text.strip().casefold() for text in above if text})
    if top is not None:  # a title over its date is no header ("Event details" under it is)
        top = min(top, _first_dated_title(rows, top))
        # nor is an entry title a loader marked (a saved page's heading, a message subject)
        top = min([top, *(row.number for row in rows if row.hint == "title" and row.text)])
        # nor, on a page of social posts (two headers at least: one over a thread reader's
        # text is its author's box), the first post's header
        posters = [row.number for row in rows if POSTER_LINE.match(row.text)]
        top = min([top, *posters[:1]]) if len(posters) > 1 else top
    # nor a title over its writer's name right above the text, the lines a rule dropped
    # between ("Seminar 6 in tweets" / "Jo Bloggs" / "10 items" / "Follow", as a collection
    # prints its head)
    if top is not None:
        top = min(top, _titled_by_name(rows, first))
    # A journal's first entry whose date stood above its title (clean/dated.py moved it
    # under): every line above that title, with no prose among them, is the page's header
    # (its name, its owner, its menus), chrome or not.
    top = next((n for n in _entry_titles(rows) if n < first), top)
    # A title over its dateline or byline above the first prose ("Commissioning, power and
    # the York seminar" / "Jen Example" / "November 4, 2016"): the lines above it, with no
    # prose among them, are the page's header (a site's name, a reader's menus).
    # An article with no chrome at all (a report converted from PDF) has no header: its
    # cover's title stands over its date.
    headed = bool(tools) or not printed
    titled = _first_dated_title(rows, first, min_words=MIN_TITLE_WORDS) if headed else first
    titled = _over_subtitle(rows, titled) if titled < first else first
    if titled < first and (top is None or top < titled):
        # never past a title the loader marked (an HTML page's own heading)
        top = min([titled, *(row.number for row in rows if row.hint == "title" and row.text)])
    if described is not None and (top is None or top <= described):
        top = described + 1  # the archive's description is the header's last line
    crumbed = _crumb_heading(rows, removed, first)
    if crumbed is not None and (top is None or top <= crumbed):
        top = crumbed + 1  # the archive's heading the breadcrumb names, and its subtitle
    bottom = min(
        [n for n in anchors if n > last][:1]
        + [n for n in [_sidebar(rows, removed, anchors, first)] if n],
        default=None,
    )
    if bottom is not None:
        bottom = _footer_head(rows, bottom, last)
    # never past the post's own title, as the page quotes it over its comments ("2
    # thoughts on “A carer at the table”", :func:`mark_quoted_title`)
    quoted = _quoted_title(rows, removed)
    if top is not None and quoted is not None:
        top = min(top, rows[quoted].number)
    # The header ends at the first row from line ``top`` on, in reading order: a post's
    # meta lines that clean/dated.py moved under its title keep their (smaller) numbers.
    start = next((i for i, row in enumerate(rows) if top is None or row.number >= top), 0)
    kept: list[Row] = []
    dropped: list[Block] = []
    for i, row in enumerate(rows):
        framed = i < start or (bottom is not None and row.number > bottom)
        if framed and row.text:
            dropped.append(Block("paragraph", row.text, row.number, row.number, FRAME))
            kept.append(replace(row, text=""))
        else:
            kept.append(row)
    return kept, dropped


#: A comment area's heading, which quotes the post's title: "2 thoughts on “Title”",
#: "One response to “Title”", "4 Comments on “Title”".
_COMMENTS_ON = re.compile(
    r"(?i)(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten) "
    r"(?:thoughts?|responses?|repl(?:y|ies)|comments?) (?:on|to) "
    r"[\u201c\u201d\"\u2018\u2019'](.{1,150})[\u201c\u201d\"\u2018\u2019']"
)


def mark_quoted_title(rows: Sequence[Row], removed: Sequence[Block]) -> list[Row]:
    """Rows with a single post's title hinted ``title`` where the page quotes it in the
    heading over its comments (``removed``: the lines rules dropped): "A carer at the
    table" / "" / "Guest post" / "July 20, 2017" / text ... "2 thoughts on “A carer at the
    table”". The title is the line with those words nearest above the post's first prose
    (a sidebar's recent posts may list it higher up); a category and a date under it do
    not make a title."""
    at = _quoted_title(rows, removed)
    out = list(rows)
    if at is not None and not out[at].hint:
        out[at] = replace(out[at], hint="title")
    return out


def _quoted_title(rows: Sequence[Row], removed: Sequence[Block]) -> int | None:
    """The index of the row above the first prose that the page's comment heading quotes
    as its post's title (see :func:`mark_quoted_title`), if any."""
    quoted = {
        m.group(1).strip().casefold()
        for b in removed
        if (m := _COMMENTS_ON.fullmatch(b.text.strip())) is not None
    }
    if not quoted:
        return None
    # the nearest to the text: a sidebar's list of recent posts above may name it too
    found = None
    for i, row in enumerate(rows):
        if is_prose(row):
            break
        if row.text and row.text.strip().casefold() in quoted:
            found = i
    return found


#: The category a related post is filed in, printed under its title: In "Seminars".
_FILED_IN = re.compile(r"In [\u201c\"].{1,60}[\u201d\"]")


#: The label a post's navigation puts over the title of the post before or after it.
_NAVIGATION = re.compile(r"(?i)(?:previous|next)(?: (?:post|article|entry|story))?:?")


def drop_related_titles(
    rows: Sequence[Row], removed: Sequence[Block], rules: Rules, frame: Sequence[Line] = ()
) -> tuple[list[Row], list[Block]]:
    """Blank the titles of the other posts a blog lists under a post: a related post's
    stands right above the category line a rule dropped (``In "Seminars"``), or above its
    date right above it (the date goes too), the post before's or after's right under its
    dropped label ("Previous" / its title / "Next" / its title) or under the post before's
    with its arrow ("« Seminar four" / "Notes from York »"), and a list of them under a
    dropped heading ("You may also like", ``related_headings`` in ``rules/text.yaml``) up to
    a blank line, with no prose among them (the heading dropped by a rule, or by the
    loader with a saved page's frame: ``frame``); return them."""
    filed = {b.first for b in removed if _FILED_IN.fullmatch(b.text.strip())}
    # a theme may print the related post's date between its title and its category
    text = {row.number: row.text for row in rows}
    dated = {n - 1 for n in filed if written_date(text.get(n - 1, "")) is not None}
    over = filed | dated  # the lines right under a related post's title
    labelled = {b.first for b in removed if _NAVIGATION.fullmatch(b.text.strip())}
    # the post before's title, with its arrow, over the next one's: "« Seminar four: the
    # programme" / "Notes from a student at St Catherine's »"
    before = {b.first for b in removed if b.text.lstrip().startswith(("\u00ab", "\u2190"))}
    dropped_lines = [*((b.first, b.text) for b in removed), *((n.number, n.text) for n in frame)]
    listed = _related_lists(rows, dropped_lines, rules)
    kept: list[Row] = []
    dropped: list[Block] = []
    for row in rows:
        other = (
            row.number + 1 in over
            or row.number - 1 in labelled
            or row.number in listed
            or (row.number - 1 in before and row.text.rstrip().endswith(("\u00bb", "\u2192")))
        )
        if row.text and other and not is_prose(row):
            dropped.append(Block("paragraph", row.text, row.number, row.number, "end-of-post"))
            kept.append(replace(row, text=""))
        else:
            kept.append(row)
    return kept, dropped


#: A theme lists this many of its other posts under a post, at most.
MAX_RELATED = 6


def _related_lists(
    rows: Sequence[Row], dropped: Sequence[tuple[int, str]], rules: Rules
) -> set[int]:
    """The lines of the titles listed under a dropped related-posts heading (``dropped``:
    line numbers and texts): the lines right under it, up to a blank line, when none of
    them is prose."""
    heads = {
        number
        for number, text in dropped
        if any(p.fullmatch(text.strip().rstrip(":")) for p in rules.related_headings)
    }
    if not heads:
        return set()
    found: set[int] = set()
    numbers = [row.number for row in rows]
    for head in sorted(heads):
        run: list[Row] = []
        # the row under the heading's line, which may be no row's (the loader's frame)
        j = line_under(rows, head, bisect.bisect_right(numbers, head))
        while j >= 0 and rows[j].text and len(run) <= MAX_RELATED:
            run.append(rows[j])
            j = next_line(rows, j)
        if run and len(run) <= MAX_RELATED and not any(is_prose(r) or r.hint for r in run):
            found.update(r.number for r in run)
    return found


#: An author box's text is this many lines at most: the writer's name, a line or two
#: about them.
MAX_BOX_LINES = 4


#: A name that opens a sentence about its person is this many words at most.
MAX_NAME_WORDS = 4


def _about_named(row: Row) -> bool:
    """Whether a line is a sentence about a person that opens with their name, the data
    vouching for it: "Olumide Example is a mental health nurse and ..."."""
    words = row.text.split()
    return row.text.endswith((".", "!")) and any(
        words[n][:1].islower() and is_vouched_name(" ".join(words[:n]))
        for n in range(2, min(MAX_NAME_WORDS, len(words) - 1) + 1)
    )


#: An author box's heading that names the writer: "About Jo Bloggs".
_ABOUT_NAME = re.compile(r"About (?P<name>.{3,60})")
#: The word a sentence about a person may open with, their name aside.
_PRONOUNS = frozenset({"he", "she", "they"})


def _named_box(rows: Sequence[Row], i: int) -> bool:
    """Whether ``rows[i]`` heads an author box by the writer's name ("About Jo Bloggs",
    the data vouching for the name) over a sentence about them, right under it, that opens
    with a word of the name or a pronoun ("Jo is a research assistant ...")."""
    found = _ABOUT_NAME.fullmatch(rows[i].text.strip())
    if found is None or not is_vouched_name(found["name"]) or i + 1 >= len(rows):
        return False
    under = rows[i + 1]
    opener = under.text.split()[0].casefold() if under.text else ""
    named = {w.casefold() for w in found["name"].split()}
    return not under.hint and is_prose(under) and opener in named | _PRONOUNS


def _signed_box(rows: Sequence[Row], i: int) -> bool:
    """Whether ``rows[i]`` heads an author box as a platform prints it under a post: the
    writer's name (their picture's alt text) right over "Written by" and the same name
    ("Jo Bloggs" / "Written by Jo Bloggs" / "214 Followers" / a line about them). A
    "Written by" line under a title, no name over it, is the post's byline."""
    text = rows[i].text.strip()
    found = BYLINE_PREFIX.match(text)  # the one model of a writer's line (names.py)
    if found is None or i == 0 or not text[: found.end()].casefold().startswith("written"):
        return False
    name = text[found.end() :].strip()
    return is_vouched_name(name) and rows[i - 1].text.strip() == name and not rows[i - 1].hint


def drop_author_boxes(rows: Sequence[Row], rules: Rules) -> tuple[list[Row], list[Block]]:
    """Blank the author boxes a theme prints under each post: a heading ("About the
    author", ``author_box`` in ``rules/text.yaml``), the writer's name alone on a line
    under it, then at most a few sentences about them (a blank line, or a line that is no
    sentence, ends them); or a heading that names the writer over those sentences ("About
    Jo Bloggs" / "Jo is ...", :func:`_named_box`), or "Written by" and the name under the
    name's picture (:func:`_signed_box`). Copied as text, a box is neither a post
    of its own nor a part of the post above it. Its name is no byline here: a box repeats
    the post's own byline. A heading over no name is left alone: it heads some page's own
    text."""
    kept = list(rows)
    dropped: list[Block] = []
    for i, row in enumerate(kept):
        if row.hint or not row.text:
            continue
        signed = _signed_box(kept, i)
        if signed:
            j = i  # "Written by Jo Bloggs", the name's picture over it
        elif _named_box(kept, i):
            j = i  # the heading is the name's line
        elif not any(p.fullmatch(row.text) for p in rules.author_box):
            continue
        else:
            j = i + 1
            while j < len(kept) and not kept[j].text and j - i <= MAX_BOX_LINES:
                j += 1  # the name may stand a blank line below its heading
            if j == len(kept) or not (
                is_vouched_name(BYLINE_PREFIX.sub("", kept[j].text)) or _about_named(kept[j])
            ):
                continue
        box = sorted({i, j, *([i - 1] if signed else [])})
        start = j + 1
        if signed and start < len(kept) and not kept[start].text:
            start += 1  # past the writer's count of followers a rule dropped
        for k in range(start, min(len(kept), j + MAX_BOX_LINES)):
            if not (is_prose(kept[k]) or kept[k].text.endswith((".", "!", "?"))):
                break
            box.append(k)
        for k in box:
            dropped.append(
                Block("paragraph", kept[k].text, kept[k].number, kept[k].number, "boilerplate")
            )
            kept[k] = replace(kept[k], text="")
    return kept, dropped


def drop_archive_names(rows: Sequence[Row]) -> tuple[list[Row], list[Block]]:
    """Blank the lines that only repeat the category or tag an archive page shows in its
    heading ("Category Archives: Seminar announcements"): a theme prints the category
    under each post's date ("September 18, 2017" / "Seminar announcements"), and it is
    no post's title. Before the meta lines around titles are read (clean/dated.py)."""
    names = {
        found["name"].strip().casefold()
        for row in rows
        if (found := _ARCHIVE.fullmatch(row.text))
        and found["kind"].casefold().split()[0] in _FILING_KINDS
    }
    if not names:
        return list(rows), []
    kept: list[Row] = []
    dropped: list[Block] = []
    for row in rows:
        if row.text and not row.hint and row.text.casefold() in names:
            dropped.append(Block("paragraph", row.text, row.number, row.number, "boilerplate"))
            kept.append(replace(row, text=""))
        else:
            kept.append(row)
    return kept, dropped
