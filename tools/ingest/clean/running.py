"""A printed page's running head and foot, copied with its text.

A handout or a PDF saved as text keeps each page's number ("Page 2 of 2") and, glued to it,
the lines every page repeats in its margin: "Seminar 5 handout · Dr Ruth Hallworth", a
journal's name. They are no part of the text, and a running head taken for the first
heading would even become the document's title. What marks them is where they stand: a
*band* of at most ``MAX_BAND`` short lines touching a page number line (no blank line
between), with a blank line (or the file's edge) on its other side. A paragraph that runs
into a page number is no band: its lines go on past ``MAX_BAND`` or are long. A running
foot that carries the page's number itself, with no page marker, is the same words on
each page with the number counting up; one with no number at all is a short line set apart
by a bar or a dot, the same on three pages or more. A converter that keeps a printed
page's layout sets the page's number far apart from its head's words, whatever the words
(the authors' names on the left pages, the journal's on the right): such lines, their
pages counted up one by one, are running heads too. A browser that prints a web page heads
each page with the day and the page's title, the same line on every page. Pure
functions over rows; the page numbers themselves are dropped by the chrome rules, so they
are found among the lines already removed too.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..dates import written_date
from ..names import in_capitals
from ..records import Block, Line
from .blocks import Row
from .rules import Rules

__all__ = ["MAX_BAND", "MAX_BAND_WORDS", "RUNNING", "drop_running"]

#: The label of the lines dropped here: inside the text, they anchor no page frame.
RUNNING = "running"

#: A running head or foot has at most this many lines, each of at most this many words.
MAX_BAND = 2
MAX_BAND_WORDS = 14
#: A line a page repeats with its page number: seen this many times, pages counted up.
MIN_NUMBERED = 3
#: A line set apart by a bar or a dot ("Annual Report 2016-17 | 3", "Abstracts \u00b7 21")
#: is seen this many times, its pages counted up with gaps (an excerpt skips pages).
MIN_SET_APART = 2
#: Its words besides the number: this many, or a separator ("Sayers | York | 2").
MIN_NUMBERED_WORDS = 3
#: ... or this many, in capitals: a journal's running head ("WHOSE RULES?    43").
MIN_CAPITAL_HEAD_WORDS = 2
#: A running line parted from its page number by blank lines is seen beside this many.
MIN_REPEATED = 2
#: At most this many blank lines part it from the number.
MAX_GAP = 2
_BARE_NUMBER = re.compile(r"\d{1,4}")
#: A line that ends with its page's number: "Seminar 5 handout \u00b7 3", "... Page 2 of 3".
_PAGE_NUMBER = re.compile(
    r"^(?P<text>.*?\S)\s*(?:[|\u00b7\u2013\u2014-]\s*)?(?:(?i:page)\s+)?(?P<n>\d{1,4})"
    r"(?:\s+of\s+\d{1,4})?$"
)
#: A left page's running head: its number first ("212 R. EXAMPLE AND M. OTHER").
_LEFT_NUMBER = re.compile(r"^(?P<n>\d{1,4})\s+(?P<text>\S.*)$")
_SEPARATOR = re.compile(r"[|\u00b7\u2013\u2014]")
#: The separators of a margin's line; a title's dash ("Notes \u2013 seminar 5") is none.
_MARGIN_MARKS = "|\u00b7"
_MARGIN = re.compile(f"[{re.escape(_MARGIN_MARKS)}]")
#: A social network's handle: "@jo_b".
_HANDLE = re.compile(r"(?<!\w)@\w{2,}")


def _numbered(rows: Sequence[Row]) -> list[int]:
    """Indexes of the lines of a running head or foot that carries its page's number and no
    page marker: "ESRC Seminar Series ES/N008146/1 2", "Sayers | ESRC seminar, York | 3".
    The same words at least ``MIN_NUMBERED`` times, each time with the next page's number
    (headings such as "Seminar 2" ... "Seminar 7" skip numbers, and have fewer words)."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for i, row in enumerate(rows):
        match = _PAGE_NUMBER.match(row.text) if row.text and not row.hint else None
        if match and len(row.text.split()) <= MAX_BAND_WORDS:
            words = match["text"].rstrip(" |\u00b7\u2013\u2014-")
            # the day the handout was printed: "27/10/2017 ... 1"
            if (
                len(words.split()) >= MIN_NUMBERED_WORDS
                or _SEPARATOR.search(words)
                or written_date(words) is not None
            ):
                seen.setdefault(words.casefold(), []).append((int(match["n"]), i))
    out: list[int] = []
    for words, found in seen.items():
        numbers = [n for n, _ in found]
        if _MARGIN.search(words):  # set apart as a margin's line: pages may be skipped
            counted = (
                len(found) >= MIN_SET_APART
                and all(  # (a page may print it twice)
                    a <= b for a, b in itertools.pairwise(numbers)
                )
                and numbers[0] < numbers[-1]
            )
        else:
            counted = len(found) >= MIN_NUMBERED and all(
                b == a + 1 for a, b in itertools.pairwise(numbers)
            )
        if counted:
            out.extend(i for _, i in found)
    return out


def _facing_heads(rows: Sequence[Row]) -> list[int]:
    """Indexes of a journal's running heads, which face each other: the left page's
    number before its words ("212 R. EXAMPLE AND M. OTHER"), the right page's after them
    ("JOURNAL OF MENTAL HEALTH PRACTICE 213"), the pages counted up one by one, both forms
    seen, each in capitals or on :data:`MIN_REPEATED` pages or more ("2 Example and
    Other"); and the first page's head, the same words with no number."""
    found: list[tuple[int, int, str, str]] = []  # (page number, index, side, words)
    for i, row in enumerate(rows):
        text = row.text
        if not text or row.hint or not (text[0].isdigit() or text[-1].isdigit()):
            continue
        if len(text.split()) > MAX_BAND_WORDS:
            continue
        for side, match in (
            ("left", _LEFT_NUMBER.match(text)),
            ("right", _PAGE_NUMBER.match(text)),
        ):
            words = match["text"] if match else ""
            # (a right-hand head in capitals may be a short title: "WHOSE RULES?    43")
            least = MIN_CAPITAL_HEAD_WORDS if in_capitals(text) else MIN_NUMBERED_WORDS
            if (
                match
                and len(words.split()) >= least
                and not any(c.isdigit() for c in words)  # "2018, VOL. 12, NO. 3, 211-224"
            ):
                found.append((int(match["n"]), i, side, words.casefold()))
                break
    seen = Counter((side, words) for _, _, side, words in found)
    capitals = [f for f in found if in_capitals(rows[f[1]].text)]
    repeated = [
        f for f in found if in_capitals(rows[f[1]].text) or seen[f[2], f[3]] >= MIN_REPEATED
    ]
    for heads in (repeated, capitals):
        numbers = [n for n, _, _, _ in heads]
        if len({side for _, _, side, _ in heads}) == 2 and all(
            b == a + 1 for a, b in itertools.pairwise(numbers)
        ):
            words = {w for _, _, _, w in heads}
            first = [i for i, row in enumerate(rows) if row.text.casefold() in words]
            return sorted({i for _, i, _, _ in heads} | set(first))
    return []


def _repeated_margins(rows: Sequence[Row]) -> list[int]:
    """Indexes of a running head or foot that carries no page number: a short line set
    apart by a bar or a dot ("Kowalczyk & Example \u00b7 ESRC seminar 7 \u00b7 27.10.2017"),
    the same words at least ``MIN_NUMBERED`` times (on every slide of a deck)."""
    return _seen_often(
        rows,
        lambda text: (
            any(mark in text for mark in _MARGIN_MARKS)
            and MIN_NUMBERED_WORDS <= len(text.split()) <= MAX_BAND_WORDS
        ),
        MIN_NUMBERED,
        str.casefold,
    )


#: A line of a running head, its spaces kept, is at most this long.
MAX_GAPPED_CHARS = 200
#: A page's number set far apart from the words of its head or foot, as a converter keeps
#: a printed page's layout: "HOLLIS AND EXAMPLE                    212".
_GAPPED_NUMBER = re.compile(r"^(?P<text>\S.*?\S)\s{4,}(?P<n>\d{1,4})$")


def _gapped_heads(lines: Sequence[Line]) -> set[int]:
    """The numbers of the lines that are running heads and feet whose page number stands
    far apart from their words (:data:`_GAPPED_NUMBER`, in the file's own spacing, which
    the clean stage then closes up), whatever the words (an author's names on the left
    pages, the journal's name and volume on the right): at least :data:`MIN_NUMBERED` of
    them, their pages counted up one by one."""
    found = [
        (int(match["n"]), line.number)
        for line in lines
        if len(line.text) <= MAX_GAPPED_CHARS  # (a head is short, however it is spaced)
        and len(line.text.split()) <= MAX_BAND_WORDS
        and (match := _GAPPED_NUMBER.match(line.text.strip()))
    ]
    numbers = [n for n, _ in found]
    if len(found) < MIN_NUMBERED or any(b != a + 1 for a, b in itertools.pairwise(numbers)):
        return set()
    return {number for _, number in found}


def _seen_often(
    rows: Sequence[Row], test: Callable[[str], bool], times: int, key: Callable[[str], str]
) -> list[int]:
    """Indexes of the lines (no loader's hint) that pass ``test`` and whose ``key`` the
    page holds at least ``times`` times."""
    seen: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        if row.text and not row.hint and test(row.text):
            seen.setdefault(key(row.text), []).append(i)
    return [i for found in seen.values() if len(found) >= times for i in found]


#: A browser's page head when it prints a web page: the day (and time) it was printed, then
#: the page's title ("22/11/2017 Keys, locks and listening - Seminar blog", "11/22/17, 2:05
#: PM Keys, locks and listening").
_DAY = r"\d{1,2}/\d{1,2}/\d{2,4},?"
_TIME = r"\s+\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?"
_PRINT_HEAD = re.compile(rf"{_DAY}(?:{_TIME})?\s+\S")
#: ... with the day and time on a line of their own, the title on the next.
_PRINT_DAY = re.compile(_DAY + _TIME)


def _print_heads(rows: Sequence[Row]) -> list[int]:
    """Indexes of a browser's page head on a printed web page (``_PRINT_HEAD``): the same
    line on :data:`MIN_REPEATED` pages or more; or the day and time alone on their line
    ("10/07/2017, 14:32"), the same on as many pages, with the page's title under them,
    the same each time, which goes too."""
    heads = _seen_often(rows, lambda text: _PRINT_HEAD.match(text) is not None, MIN_REPEATED, str)
    # (a step may have taken the day for a post's date and moved it under the title: the
    # title is the row of the next line, wherever it stands now)
    days = [i for i, row in enumerate(rows) if _PRINT_DAY.fullmatch(row.text)]
    at = {row.number: i for i, row in enumerate(rows)}
    titles = [at.get(rows[i].number + 1) for i in days]
    named = {rows[t].text for t in titles if t is not None}
    if len(days) >= MIN_REPEATED and len({rows[i].text for i in days}) == 1 and len(named) == 1:
        heads += [*days, *(t for t in titles if t is not None)]
    return heads


def _beside_numbers(rows: Sequence[Row], numbers: Sequence[int]) -> list[int]:
    """Indexes of a running head or foot that blank lines part from its page's number
    ("2" / "" / "Seminar 5 · Book of abstracts"): the nearest line of text above or below
    a page number, within :data:`MAX_GAP` blank lines, when the same words stand so beside
    at least :data:`MIN_REPEATED` page numbers. A heading that a page happens to start
    with stands beside one page number only."""
    seen: dict[str, set[int]] = {}
    for at in numbers:
        for step in (-1, 1):
            i = at + step
            while 0 <= i < len(rows) and not rows[i].text and abs(i - at) <= MAX_GAP:
                i += step
            row = rows[i] if 0 <= i < len(rows) else None
            if row and row.text and not row.hint and len(row.text.split()) <= MAX_BAND_WORDS:
                seen.setdefault(rows[i].text.casefold(), set()).add(i)
    return [i for found in seen.values() if len(found) >= MIN_REPEATED for i in found]


#: A journal's running head repeats the article's cover: the first this many lines of the
#: first page.
COVER_LINES = 10
#: Words a running head joins the cover's words with: "HARGREAVES AND CHAUDHRY".
_JOINING = frozenset({"and", "&", "of", "the", "in", "for", "a", "an", "et", "al", "al."})
#: A running head that repeats the cover has this many words of it at least.
MIN_COVER_WORDS = 2


def _cover_heads(rows: Sequence[Row], numbers: Sequence[int], masthead: Sequence[str]) -> list[int]:
    """Indexes of a journal's running heads that stand once each, on facing pages, beside
    a page number: the nearest line below or above the number (within :data:`MAX_GAP`
    blank lines), in capitals, whose words all stand on the article's cover, the writers'
    surnames ("HARGREAVES AND CHAUDHRY") or words of the title ("COMMISSIONING,
    REGULATION AND CO-PRODUCTION"), or in its masthead, which a rule dropped already
    (``masthead``: "Journal of Practice, 2018, 4(1), 23-31"); or such words with the page's
    number on the same line ("24   JOURNAL OF PRACTICE AND CO-PRODUCTION"). A section's
    heading in capitals that a page happens to start with ("REFERENCES") names words the
    cover does not."""
    if not numbers:
        return []
    cover = [row.text for row in rows[: min(numbers)] if row.text][:COVER_LINES]
    known = {w for text in [*masthead, *cover] for w in _cover_words(text)}
    out = [
        i
        for i, row in enumerate(rows)
        if row.text
        and not row.hint
        and in_capitals(row.text)
        and len(row.text.split()) <= MAX_BAND_WORDS
        and (found := _LEFT_NUMBER.match(row.text) or _PAGE_NUMBER.match(row.text))
        and len(words := _cover_words(found["text"])) >= MIN_COVER_WORDS
        and words <= known
    ]
    for at in numbers:
        for step in (1, -1):
            i = at + step
            while 0 <= i < len(rows) and not rows[i].text and abs(i - at) <= MAX_GAP:
                i += step
            row = rows[i] if 0 <= i < len(rows) else None
            if not row or not row.text or row.hint or row.text in cover:
                continue
            words = _cover_words(row.text)
            if (
                in_capitals(row.text)
                and len(row.text.split()) <= MAX_BAND_WORDS
                and len(words) >= MIN_COVER_WORDS
                and words <= known
            ):
                out.append(i)
    return out


#: A mark that points at a writer's affiliation, in brackets: "Brannigan(a)", "Ellison (2)".
_MARK_IN_BRACKETS = re.compile(r"\(\w{1,2}\)")


def _cover_words(text: str) -> set[str]:
    """The words of a line, case-folded, without the words that join them."""
    # (letters only: a mark pointing at an affiliation, "Wiśniewski¹", is no part of a word)
    # (nor one in brackets: "Brannigan(a)")
    text = _MARK_IN_BRACKETS.sub(" ", text)
    words = ("".join(c for c in w if c.isalpha() or c in "'-") for w in text.casefold().split())
    return {w for w in words if w.strip("'-") and w not in _JOINING}


def drop_running(
    rows: Sequence[Row],
    removed: Sequence[Block],
    rules: Rules,
    article: bool = False,
    lines: Sequence[Line] = (),
) -> tuple[list[Row], list[Block]]:
    """Blank the running heads and feet around page numbers (see the module doc); in an
    article (``article``), a journal's heads that repeat its cover too. ``lines`` are the
    file's lines as written, their spacing kept."""
    index = {row.number: i for i, row in enumerate(rows)}
    gone = {b.first for b in removed}
    # a page's number dropped as chrome or running ("Page 2 of 9"); not a forum post's
    # count in its thread ("2 / 8"), which clean/dated.py drops as boilerplate
    marked = {
        b.first
        for b in removed
        if b.label != "boilerplate" and rules.page_marker.fullmatch(b.text.strip())
    }
    marked |= {row.number for row in rows if rules.page_marker.fullmatch(row.text)}
    drop: set[int] = {
        *_numbered(rows),
        *_repeated_margins(rows),
        *_facing_heads(rows),
        *_print_heads(rows),
    }
    gapped = _gapped_heads(lines)
    drop.update(i for i, row in enumerate(rows) if row.number in gapped and row.text)
    bare = {b.first for b in removed if _BARE_NUMBER.fullmatch(b.text.strip())}
    numbers = sorted(index[n] for n in marked | bare if n in index)
    drop.update(_beside_numbers(rows, numbers))
    if article:
        first = min((rows[i].number for i in numbers), default=0)
        masthead = [b.text for b in removed if b.label == RUNNING and b.first < first]
        drop.update(_cover_heads(rows, numbers, masthead))
    if not marked and not drop:
        return list(rows), []
    for number in sorted(marked):
        at = index.get(number)
        if at is None:
            continue
        for step in (-1, 1):
            band: list[int] = []
            i = at + step
            # A line a rule dropped already ("Please do not circulate ...") stays in the band.
            while 0 <= i < len(rows) and (rows[i].text or rows[i].number in gone):
                if rows[i].text:
                    band.append(i)
                if len(band) > MAX_BAND:
                    break
                i += step
            edge = not 0 <= i < len(rows) or not rows[i].text
            if (
                band
                and len(band) <= MAX_BAND
                and edge
                and all(len(rows[j].text.split()) <= MAX_BAND_WORDS for j in band)
                and not any(rows[j].hint for j in band)
            ):
                drop.update(band)
    # a social post's head names its writer's handle ("Jo Bloggs @jo_b · Jun 23", its day
    # counting up as a page's number would): it heads a post, and is no margin
    drop = {i for i in drop if not _HANDLE.search(rows[i].text)}
    kept = [replace(row, text="") if i in drop else row for i, row in enumerate(rows)]
    dropped = [
        Block("paragraph", rows[i].text, rows[i].number, rows[i].number, RUNNING)
        for i in sorted(drop)
    ]
    return kept, dropped
