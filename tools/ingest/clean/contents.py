"""Lists of the page's own headings: an issue's contents, a sidebar of recent posts.

A bulletin opens with "In this issue" and the titles of its items; an archive page's
sidebar lists "Recent posts", some of them shown in full on the same page. Such a list
says nothing the page does not say again where each item stands, so it is chrome; and
each heading it lists is the title of an item (``hint="title"``: a post starts there). What
marks it is structure, not wording: a *run* of short lines in a row (no blank between)
whose lines stand again, elsewhere on the page, as headings of their own. Only the
list's copies go, and its heading ("In this issue"); each heading stays where it heads
its text.

A run counts as a list when at least two of its lines (and at least half of them) are
repeated elsewhere; the copy elsewhere must not itself be in such a list, so a post
shown twice ("Title" / "12 March 2017" on an archive page and again on a tag page saved
into one file) keeps both copies. Pure functions over rows.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import islice

from ..dates import only_date
from ..names import is_byline
from ..records import Block
from .blocks import Row, text_above
from .frame import FRAME, PROSE_WORDS
from .rules import Rules, is_field

__all__ = [
    "CONTENTS",
    "MIN_LISTED",
    "MIN_PRINTED",
    "drop_contents",
    "drop_inline_contents",
    "drop_printed",
    "is_listed",
    "listed_key",
    "printed_title",
]

#: A heading heads text when prose stands within this many lines of text under it (its
#: date, venue and "Event details" may come between); a site's name in its header, which
#: a breadcrumb repeats, has only menus under it.
HEAD_REACH = 6

#: A list of the page's headings repeats at least this many of them.
MIN_LISTED = 2
#: A contents list may number its lines ("1. From the editor") or bullet them.
_LISTED = re.compile(r"^\s*(?:\d{1,3}[.)]|[\u2022\u00b7*-])\s+")
_PAGE = re.compile(r"\s*(?:\.{2,}|\u2026|\s{3,})\s*\d{1,4}\s*$")

#: The label of a printed list of contents (a report's, a booklet's): part of the
#: document, so it anchors no page frame; its lines still name the document's parts.
CONTENTS = "contents"
#: A printed list of contents has at least this many lines ending in page numbers.
MIN_PRINTED = 3
#: Its lines are short: a part's title, maybe dot leaders, the page number.
MAX_PRINTED_WORDS = 16
MAX_PRINTED_CHARS = 240
#: A printed contents line: a title, dot leaders or a space, its page number.
_PRINTED = re.compile(
    r"(?P<title>.*?\D)\s*(?P<leaders>\.{2,}|\u2026|(?:\. ){2,})?\s*(?P<page>\d{1,4})"
)


def _runs(rows: Sequence[Row], rules: Rules) -> list[list[int]]:
    """Indexes of the short lines, grouped into runs of lines with no blank between; a
    line a loader marked (an entry's title) is a run of its own; a labelled field ("Venue:
    ...", which events repeat) is no heading and ends a run, and so does a date alone (an
    entry's title over its date and its writer is no list: "Notes from Oxford" / "February
    24, 2016" / "Jo Bloggs", where a sidebar lists the title and a signature the name)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, row in enumerate(rows):
        short = (
            len(row.text.split()) < PROSE_WORDS
            and not is_field(row.text, rules)
            and not only_date(row.text)
        )
        if row.text and short and not row.hint:
            current.append(i)
            continue
        if current:
            runs.append(current)
        current = []
        if row.hint == "title":
            runs.append([i])
    if current:
        runs.append(current)
    return runs


def listed_key(text: str) -> str:
    """How a listed heading is compared: case-folded, without a list's number or bullet, or
    a printed contents list's dot leaders and page number ("Policy ..... 1")."""
    return _PAGE.sub("", _LISTED.sub("", text)).casefold()


def _heads_text(rows: Sequence[Row], i: int) -> bool:
    """Whether prose stands under ``rows[i]`` within :data:`HEAD_REACH` lines of text."""
    under = islice((row for row in rows[i + 1 :] if row.text), HEAD_REACH)
    return any(len(row.text.split()) >= PROSE_WORDS for row in under)


def drop_contents(rows: Sequence[Row], rules: Rules) -> tuple[list[Row], list[Block]]:
    """Blank the lines of in-page lists of headings (see the module doc); return them."""
    where: defaultdict[str, list[int]] = defaultdict(list)  # folded text -> run numbers
    runs = _runs(rows, rules)
    for number, run in enumerate(runs):
        for i in run:
            if not is_byline(rows[i].text):  # each post's "By X" repeats, and heads nothing
                where[listed_key(rows[i].text)].append(number)

    def repeated(i: int, number: int) -> bool:
        return any(n != number for n in where[listed_key(rows[i].text)])

    lists = {
        number
        for number, run in enumerate(runs)
        if (hits := sum(repeated(i, number) for i in run)) >= MIN_LISTED and 2 * hits >= len(run)
    }
    drop: set[int] = set()
    for number in lists:
        for i in runs[number]:
            if rows[i].hint:
                continue
            others = [n for n in where[listed_key(rows[i].text)] if n != number]
            if others and any(n not in lists for n in others):
                drop.add(i)
    if not drop:
        return list(rows), []
    # the list's heading right over it ("In this issue"), however the page marks it
    for number in lists:
        above = text_above(rows, runs[number][0])
        if above >= 0 and rules.contents_heading.fullmatch(rows[above].text.strip()):
            drop.add(above)
    elsewhere = [i for number, run in enumerate(runs) if number not in lists for i in run]
    # A list in the page's footer that names only lines of its header (a site's name and
    # its section's, over the menus, and again in the footer's address: "Research Centre
    # for the Social Sciences" / "University of York") goes, but heads no post.
    prose = [i for i, row in enumerate(rows) if len(row.text.split()) >= PROSE_WORDS]
    frames = {n for n in lists if prose and _frames(rows, runs[n], elsewhere, prose[0], prose[-1])}
    listed = {listed_key(rows[i].text) for n in lists - frames for i in runs[n] if i in drop}
    return _dropped(rows, drop, _titles(rows, elsewhere, listed), FRAME)


def _frames(
    rows: Sequence[Row], run: Sequence[int], outside: Sequence[int], first: int, last: int
) -> bool:
    """Whether a list (``run``) stands under the page's last prose (index ``last``) and the
    lines it names elsewhere (among ``outside``) all stand above its first (``first``)."""
    names = {listed_key(rows[i].text) for i in run}
    named = [i for i in outside if listed_key(rows[i].text) in names]
    return run[0] > last and bool(named) and all(i < first for i in named)


def _titles(rows: Sequence[Row], candidates: Sequence[int], listed: set[str]) -> set[int]:
    """What a list names stands where it heads its item: that line starts a post."""
    return {
        i
        for i in candidates
        if listed_key(rows[i].text) in listed and not rows[i].hint and _heads_text(rows, i)
    }


def _dropped(
    rows: Sequence[Row], drop: set[int], titles: set[int], label: str
) -> tuple[list[Row], list[Block]]:
    """The rows with ``drop`` blanked and ``titles`` marked; the blanked rows as blocks."""
    kept = [
        replace(row, text="", hint="")
        if i in drop
        else replace(row, hint="title")
        if i in titles
        else row
        for i, row in enumerate(rows)
    ]
    removed = [
        Block("paragraph", rows[i].text, rows[i].number, rows[i].number, label)
        for i in sorted(drop)
    ]
    return kept, removed


def drop_printed(rows: Sequence[Row], rules: Rules) -> tuple[list[Row], list[Block]]:
    """Blank a printed list of contents and its heading; return them (label ``contents``).

    A report or a booklet saved as text keeps the list its first pages print: at least
    :data:`MIN_PRINTED` short lines in a row (a blank line may stand between two) each
    ending in a page number, the numbers never going down; with dot leaders
    ("Introduction ........ 2"), or under a contents heading ("Contents", "In this
    issue") when the numbers stand alone ("Welcome 2"). The parts it names stand again
    where they start, as headings."""
    groups: list[list[tuple[int, re.Match[str]]]] = []
    current: list[tuple[int, re.Match[str]]] = []
    gap = 0
    for i, row in enumerate(rows):
        if not row.text:
            gap += 1
            continue
        # a contents line is short and ends in its page number: most lines are looked at no
        # further (and the pattern never meets a long line, whose leaders it would retry)
        printed = len(row.text) <= MAX_PRINTED_CHARS and row.text[-1].isdigit()
        match = _PRINTED.fullmatch(row.text) if printed else None
        # a page number that goes down starts anew: a page's running foot after the list
        # ("Connect | Autumn 2016 | 2") belongs to no contents line
        follows = not current or (
            gap <= 1 and match is not None and int(current[-1][1]["page"]) <= int(match["page"])
        )
        if match and len(row.text.split()) <= MAX_PRINTED_WORDS and follows:
            current.append((i, match))
        else:
            if current:
                groups.append(current)
            current = [(i, match)] if match and len(row.text.split()) <= MAX_PRINTED_WORDS else []
        gap = 0
    if current:
        groups.append(current)
    drop: set[int] = set()
    for group in groups:
        pages = [int(m["page"]) for _, m in group]
        if len(group) < MIN_PRINTED or any(b < a for a, b in itertools.pairwise(pages)):
            continue
        first = group[0][0]
        above = next((j for j in range(first - 1, max(first - 3, -1), -1) if rows[j].text), None)
        headed = above is not None and bool(rules.contents_heading.fullmatch(rows[above].text))
        if headed or all(m["leaders"] for _, m in group):
            drop.update(i for i, _ in group)
            if headed and above is not None:
                drop.add(above)
    if not drop:
        return list(rows), []
    listed = {printed_title(rows[i].text) for i in drop}
    others = [i for i, row in enumerate(rows) if row.text and i not in drop]
    return _dropped(rows, drop, _titles(rows, others, listed), CONTENTS)


#: The items of a contents list on one line: "Inside: A * B * C", "In this issue: A • B".
_INLINE_ITEMS = re.compile(r"\s+[\u2022\u00b7*|]\s+|\s*;\s*")
#: An inline list of contents is one short line; the parts it names stand within this
#: many lines under it, and a text has at most so many such lists.
MAX_INLINE_CHARS = 300
CONTENTS_REACH = 2000
MAX_INLINE_LISTS = 4


def drop_inline_contents(rows: Sequence[Row], rules: Rules) -> tuple[list[Row], list[Block]]:
    """Blank a list of contents written on one line under its heading ("Inside: Bob's Bit
    * A member's report from York * Dates for your diary"), as a newsletter prints one;
    return one block per item (label ``chrome``, which the split stage reads as a list of
    the page's items). Each item heads its part again further down, maybe at the end of
    a longer title ("Who regulates the regulators? A member's report from York"): that
    line is the part's title (``hint="title"``)."""
    out = list(rows)
    removed: list[Block] = []
    found = 0
    for i, row in enumerate(rows):
        lead, colon, rest = row.text.partition(":")
        if not colon or len(row.text) > MAX_INLINE_CHARS or found >= MAX_INLINE_LISTS:
            continue
        if not rules.contents_heading.fullmatch(lead.strip()):
            continue
        found += 1
        items = [item.strip() for item in _INLINE_ITEMS.split(rest) if item.strip()]
        heads = {at for item in items if (at := _heading_of(rows, i, item)) is not None}
        if len(items) < MIN_LISTED or len(heads) < MIN_LISTED:
            continue
        out[i] = replace(row, text="")
        removed += [Block("paragraph", item, row.number, row.number, FRAME) for item in items]
        for at in heads:
            out[at] = replace(out[at], hint="title")
    return out, removed


def _heading_of(rows: Sequence[Row], start: int, item: str) -> int | None:
    """The index of the first short line after ``start`` that the contents' ``item``
    names (:func:`is_listed`), if any."""
    key = listed_key(item)
    for at in range(start + 1, min(start + 1 + CONTENTS_REACH, len(rows))):
        text = rows[at].text
        short = text and not rows[at].hint and len(text.split()) < PROSE_WORDS
        if short and is_listed(listed_key(text), {key}):
            return at
    return None


def is_listed(heading: str, listed: set[str]) -> bool:
    """Whether a list of contents (``listed``, as :func:`listed_key` gives them) names a
    heading (its key): as it is, or the end of a longer title, when the item has two or
    more words ("A member's report from York" for "Who regulates the regulators? A
    member's report from York")."""
    words = heading.split()  # the heading's endings of two words or more, each looked up
    return heading in listed or any(" ".join(words[-k:]) in listed for k in range(2, len(words)))


def printed_title(text: str) -> str:
    """The title a printed contents line names, as :func:`listed_key` compares it ("1.
    Introduction ..... 2" and "Welcome 2" name "introduction" and "welcome")."""
    match = _PRINTED.fullmatch(text.strip())
    return listed_key(match["title"].rstrip(" .") if match else text)
