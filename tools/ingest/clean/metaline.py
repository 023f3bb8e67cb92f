"""A post's meta line with its fields run together, written out one field to a line.

A theme prints a post's writer, date, categories and tags in one row, each after a label
that screen readers hear and the eye does not see ("Author", "Posted on", "Categories").
Copied from a browser, the labels come along, often with no space around them::

    AuthorJo BloggsPosted onMarch 6, 2017CategoriesSeminar 5TagsYork, regulationLeave a
    comment on What we heard in York

Read as it is, the line is one long heading. :func:`split_meta_lines` writes its fields
one to a line, in the order other themes print them (the writer, the date, the filing,
then the comment link that ends the post), so the footer steps of :mod:`.dated` read it
as they read a stacked footer. The labels are data (``meta_fields`` in
``rules/text.yaml``). Every part keeps the line number of the line it came from.

A theme may print the filing under each title instead, over the text, with the writer
after a dash: the line a rule drops as a post's end is then its head::

    Slides from York now online
    Filed under: News, Seminar 4 — Jo Bloggs

    Slides from the fourth seminar ...

:func:`filing_under_titles` makes its writer a byline and its categories the post's
filing, so no post ends there.

Other themes print each label on a line of its own over its value::

    Posted by
    Jo Bloggs
    Categories
    Seminar 5, Reflections

:func:`drop_field_labels` blanks such labels, so the footer steps read the values as a
stacked footer. Pure.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..dates import DATELINE_PARTS, only_date, written_date
from ..names import is_vouched_name, is_writers_line
from ..records import Block
from ..text import is_prose_text
from .blocks import Row
from .frame import FILING, is_archive_heading

#: Two entries or more printing their filing under their titles make it the page's way.
MIN_FILED_HEADS = 2
#: A title over its filing line is short and ends no sentence.
MAX_TITLE_WORDS = 16
#: A filing line is short: "Filed under: News, Seminar 4 — Jo Bloggs".
MAX_FILING_CHARS = 200
#: The text under a filing line stands past a blank line or two.
MAX_GAP_ROWS = 3
#: A sentence, however short: "Another event readers may want to know about."
_SENTENCE = re.compile(r"\S+(?:\s+\S+){2,}[.!?\u2026]['\u2019\"\u201d)]?")
#: The writer after the categories: "... by Jo Bloggs".
_BY_WRITER = re.compile(r"\s+by\s+(?P<names>[^,|\u00b7\u2022]{2,60})$")

__all__ = ["drop_field_labels", "filing_under_titles", "meta_fields", "split_meta_lines"]

#: A meta line is short; a field's value is a few words ("York, regulation, stories").
MAX_META_CHARS = 300
MIN_FIELDS = 2
MAX_FIELD_WORDS = 8
#: The comment link that closes the line: "Leave a comment on <title>", "2 Comments".
_COMMENTS = re.compile(
    r"(?:Leave a (?:comment|reply)|(?:\d{1,4}|One|No) (?:[Cc]omments?|[Rr]esponses?|[Rr]eplies))"
    r"(?: on .{1,150})?$"
)


def split_meta_lines(rows: Sequence[Row], fields: Sequence[tuple[str, str]]) -> list[Row]:
    """The rows, each meta line (:func:`meta_fields`) written as one row per field."""
    if not fields:
        return list(rows)
    pattern = _labels(tuple(fields))
    out: list[Row] = []
    for row in rows:
        parts = meta_fields(row.text, fields, pattern) if row.text and not row.hint else None
        out.extend([replace(row, text=part) for part in parts] if parts else [row])
    return out


def meta_fields(
    text: str, fields: Sequence[tuple[str, str]], pattern: re.Pattern[str] | None = None
) -> list[str] | None:
    """The fields of a meta line, one string each, in the order writer, date, filing,
    comment link; or None if ``text`` is no meta line: one that opens with a label of
    ``fields`` ((label, kind) pairs) and holds a date field that is a date alone and at
    least one labelled field more, each a few words."""
    pattern = pattern or _labels(tuple(fields))
    if len(text) > MAX_META_CHARS or not pattern.match(text):
        return None
    comments = _COMMENTS.search(text)
    body = text[: comments.start()] if comments else text
    kinds = dict(fields)
    found = list(pattern.finditer(body))
    by_kind: dict[str, list[str]] = {"writer": [], "date": [], "filing": []}
    for here, then in zip(found, [*found[1:], None], strict=True):
        value = body[here.end() : then.start() if then else len(body)].strip(" :|·,")
        if not value or len(value.split()) > MAX_FIELD_WORDS:
            return None
        by_kind[kinds[here.group()]].append(value)
    dates = by_kind["date"]
    # two labelled fields or more ("Posted on 11 July 2017 in News · 3 Comments", one
    # field and a count, is a dateline other steps read whole), the date's a date alone
    if len(found) < MIN_FIELDS or len(dates) != 1 or not only_date(dates[0]):
        return None
    tail = [comments.group()] if comments else []
    return [*by_kind["writer"], *dates, *by_kind["filing"], *tail]


def _labels(fields: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """The labels as one pattern, the longest first (``fields`` comes sorted so)."""
    return re.compile("|".join(re.escape(label) for label, _ in fields))


#: A footer's labels stand close together: at most this many lines from one to the next.
MAX_LABEL_GAP = 3


def drop_field_labels(
    rows: Sequence[Row], fields: Sequence[tuple[str, str]]
) -> tuple[list[Row], list[Block]]:
    """Blank the labels a footer prints each on a line of its own, right over its value
    ("Posted by" / "Jo Bloggs" / "Categories" / "Seminar 5, Reflections"): a line that is
    a label of ``fields`` and nothing else (a colon may follow), its next line a value of
    a few words, where another such label stands within :data:`MAX_LABEL_GAP` lines (an
    events page's lone "Date" over its day is no footer), or a writer's label over a name
    the data vouches for ("Posted by" / "Jo Bloggs"). Each goes as ``boilerplate``."""
    labels = {label.casefold() for label, _ in fields}

    def label_at(i: int) -> bool:
        text = rows[i].text.rstrip(":").strip().casefold()
        if not text or rows[i].hint or text not in labels or i + 1 >= len(rows):
            return False
        value = rows[i + 1].text
        return (
            bool(value)
            and rows[i + 1].number == rows[i].number + 1
            and len(value.split()) <= MAX_FIELD_WORDS
            and value.rstrip(":").strip().casefold() not in labels
        )

    found = [i for i in range(len(rows)) if label_at(i)]
    near = {i for a, b in itertools.pairwise(found) if b - a <= MAX_LABEL_GAP for i in (a, b)}
    # a writer's label alone over a name the data vouches for: "Posted by" / "Jo Bloggs"
    writer = {label.casefold() for label, kind in fields if kind == "writer"}
    near |= {
        i
        for i in found
        if rows[i].text.rstrip(":").strip().casefold() in writer
        and is_vouched_name(rows[i + 1].text)
    }
    out = list(rows)
    removed: list[Block] = []
    for i in sorted(near):
        removed.append(
            Block("paragraph", rows[i].text, rows[i].number, rows[i].number, "boilerplate")
        )
        out[i] = replace(rows[i], text="")
    return out, removed


def filing_under_titles(
    rows: Sequence[Row],
    ends: Callable[[str], bool],
    dropped: Callable[[str], bool],
    fields: Sequence[tuple[str, str]],
) -> tuple[list[Row], list[Block]]:
    """The rows with each filing line a theme prints right under a post's title and over
    its text ("Slides from York now online" / "Filed under: News, Seminar 4 — Jo Bloggs"
    / "" / "Slides from the fourth seminar are now ...") read as the post's head, not its
    end: the writer after a dash or "by" stays as the row, hinted ``byline``, and the
    categories go as a block labelled ``filing`` (the row is blanked if it names no
    writer). ``ends`` says whether a rule drops a line as a post's end, as it drops such a
    line under a post's text, and ``dropped`` whether any rule drops it (the line above
    is a title, no menu's item); the line must open with a filing label of ``fields``
    and be no archive's heading ("Category: Reflections" over the archive's
    description). Where fewer than :data:`MIN_FILED_HEADS` entries print it so, only
    under a title with no prose above it up to the page's top or the last end mark (a
    single post's head): one such line under a short line may close a post whose text
    ended in a list."""
    leads = tuple(label.casefold() for label, kind in fields if kind == "filing")
    found = [
        (i, parts)
        for i in range(1, len(rows))
        if (parts := _head_filing(rows, i, ends, dropped, leads))
    ]
    if len(found) < MIN_FILED_HEADS:
        found = [(i, parts) for i, parts in found if _only_head_above(rows, i, ends)]
    out = list(rows)
    removed: list[Block] = []
    for i, (filed, writer) in found:
        row = rows[i]
        out[i] = replace(row, text=writer, hint="byline") if writer else replace(row, text="")
        removed.append(Block("paragraph", filed, row.number, row.number, FILING))
    return out, removed


def _only_head_above(rows: Sequence[Row], at: int, ends: Callable[[str], bool]) -> bool:
    """Whether no prose stands above ``rows[at]`` up to the page's top or the nearest line
    a rule drops as a post's end."""
    for row in reversed(rows[:at]):
        if row.text and ends(row.text):
            return True
        if row.text and is_prose_text(row.text):
            return False
    return True


def _head_filing(
    rows: Sequence[Row],
    at: int,
    ends: Callable[[str], bool],
    dropped: Callable[[str], bool],
    leads: tuple[str, ...],
) -> tuple[str, str] | None:
    """The categories and the writer of a filing line ``rows[at]`` right under a title,
    with prose under it past blank lines (:func:`filing_under_titles`), or None."""
    row, above = rows[at], rows[at - 1]
    text = row.text.strip()
    if (
        not text
        or row.hint
        or len(text) > MAX_FILING_CHARS
        or not text.casefold().startswith(leads)
        or not ends(text)
        or is_archive_heading(text)
        or not above.text
        or dropped(above.text)
        or above.hint not in ("", "title")
        or len(above.text.split()) > MAX_TITLE_WORDS
        or above.text.rstrip().endswith((".", "!", ":", ";"))
        or written_date(above.text) is not None
    ):
        return None
    below = next((r for r in rows[at + 1 : at + 1 + MAX_GAP_ROWS] if r.text), None)
    if below is None or not (is_prose_text(below.text) or _SENTENCE.fullmatch(below.text)):
        return None
    *parts, last = DATELINE_PARTS.split(text)
    writer = ""
    if parts and is_writers_line(last):
        writer, text = last.strip(), ", ".join(parts)
    elif (by := _BY_WRITER.search(text)) and is_writers_line(by["names"]):
        writer, text = by["names"].strip(), text[: by.start()]
    lead = next(label for label in leads if text.casefold().startswith(label))
    filed = text[len(lead) :].strip(" :")
    return (filed, writer) if filed else None
