"""Slide transcripts (Speaker Deck and the like): one ``slide`` block per numbered slide.

A transcript page is the site's chrome (deck file name, publisher, date, view count,
share buttons, a "Transcript" heading), then one numbered item per slide::

      2. A view from 4 perspectives • 33 years working in

        NHS Mental Health Services: from clinical psychologist to director • 25 years ...

The site breaks each slide's text at a fixed width and indents the rest, so the lines
of a slide are joined again into one text. A slide starts where a line (no more indented
than slide 1) holds the next number in sequence; counting keeps a line of slide text
that happens to start with "1." inside its slide. The joined text is cut at each "•":
what comes before the first bullet is the slide's lead and the text of its
``Block(kind="slide", label=N)``; each bullet is an ``item``, and a bullet holding two
or more spaced en dashes is a list of sub-items (a lone dash is just a dash). A slide with
no lead takes its first bullet as its text. Indentation never survives into the text.

Everything before slide 1 is chrome (label ``"chrome"`` in ``removed``), except the line
that heads the site's page with the deck's title (slide 1 opens with its words): that is
the document's title block, and a person's name right under it its byline. The deck's
file name, its date and the publisher named just above the date go into ``meta``.

A deck read from its file (``.pptx``, or a PDF in ``slides/``) needs no such guessing:
its loader marks each slide's title (``hint="slide"``), speaker notes (``"note"``) and
images' alt text (``"alt"``), and :func:`marked_slides` makes one ``slide`` block per
slide, labelled with its number, then its items, paragraphs, ``image`` and ``notes``
blocks.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace

from ..names import NAME_SEPARATOR, ROLE_MARKS, is_vouched_name, name_and_role, recase
from ..records import Block, BlockKind
from .blocks import Row, split_bullet
from .rules import Rules

# How transcripts number their slides: "2. A view from ..." (Speaker Deck), "Slide 2",
# "Slide 2: Title" or "SLIDE 2 | Title" on a line (an export), "[2] A SHOW OF HANDS" (a
# handout). A transcript uses one style throughout; the one that numbers the most slides
# in order wins.
_SLIDE_STYLES = (
    re.compile(r"(?P<number>\d{1,3})\. (?P<text>.*)"),
    # "Slide 2: Where we started", "Slide 2 of 9: Where we started"
    re.compile(
        r"(?i:slide)\s+(?P<number>\d{1,3})(?:\s+(?i:of)\s+\d{1,3})?"
        r"(?:\s*[:.|\u2013\u2014-]\s*|\s*$)(?P<text>.*)"
    ),
    # "[2] A SHOW OF HANDS" (a handout), "[Slide 2]" (an exported outline)
    re.compile(r"\[(?:(?i:slide)\s+)?(?P<number>\d{1,3})\]\s*(?P<text>.*)"),
    # a handout's slide number set before its title, no mark between: "4  AN EXAMPLE"
    re.compile(r"(?P<number>\d{1,3})\s+(?P<text>[\[(\u201c\"A-Z].*)"),
    # a marker line between rules: "--- Slide 2 ---", "=== Slide 2 ===", "— 2 —", with
    # the slide's title inside: "--- 2. What regulators know ---", "--- 6. ---"
    re.compile(
        r"(?:[-=*#~]{2,}|[\u2013\u2014])\s*(?:(?i:slide)\s+)?(?P<number>\d{1,3})\.?"
        r"(?:\s*[:|\u2013\u2014]\s*|\s+)?(?P<text>.*?)\s*(?:[-=*#~]{2,}|[\u2013\u2014])"
    ),
)
_SLIDE = _SLIDE_STYLES[0]
_BULLET = re.compile(r"\s*•\s*")
_DASH = re.compile(r"\s+\u2013\s+")
_FILE = re.compile(r"\S+\.(pdf|pptx?|key|odp)", re.IGNORECASE)
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")

Result = tuple[list[Block], list[Block], list[tuple[str, str]]]
#: The page's title line must hold this many of the first slide's words to be its title.
MIN_TITLE_WORDS = 2


def slide_blocks(rows: list[Row], removed: list[Block], rules: Rules) -> Result | None:
    """Blocks, chrome and meta of a transcript; None if the text has no numbered slides."""
    starts, style, first = _slide_starts(rows)
    if len(starts) < MIN_SLIDES or (first == 2 and len(starts) < MIN_UNNUMBERED_RUN):
        return None  # one numbered line is a list's item, not a deck's first slide
    title_slide = _title_slide(rows, starts[0]) if first == 2 else None
    begin = starts[0] if title_slide is None else title_slide
    top = rows[begin].number
    chrome = [
        Block("paragraph", row.text, row.number, row.number, "chrome")
        for row in rows[:begin]
        if row.text
    ]
    meta = _chrome_meta([b for b in [*removed, *chrome] if b.first < top])
    # The title slide names its speaker on a line of its own ("Kwame Asante-Boateng", "Dr
    # Ruth Hallworth, University of Salford"): that is the deck's byline, and the slide's
    # title ends above it (what follows, an affiliation or the event, is a paragraph).
    slide_two = starts[0] if title_slide is not None else [*starts, len(rows)][1]
    byline = _speaker_line(
        rows[begin + 1 : slide_two] if title_slide is None else rows[begin:slide_two]
    )
    blocks: list[Block] = []
    for k, start in enumerate([begin, *starts] if title_slide is not None else starts):
        stop = ([*starts, len(rows)] if title_slide is not None else [*starts[1:], len(rows)])[k]
        unnumbered = title_slide is not None and k == 0
        cut = stop
        if k == 0 and byline is not None:
            cut = next(i for i in range(start, stop) if rows[i].number == byline.first)
        made = (
            _slide(rows[start:cut], rules, _UNNUMBERED if unnumbered else style)
            if cut > start
            else []
        )
        if unnumbered and made:
            made[0] = replace(made[0], label="1")
        blocks.extend(made)
        if cut < stop and byline is not None:
            blocks.append(byline)
            blocks.extend(_lines([r for r in rows[cut + 1 : stop] if r.number > byline.last]))
    if blocks and (title := _page_title(chrome, blocks[0])) is not None:
        # The deck's title, as the site heads its page, heads the document; the name
        # right under it is the deck's author, as the site shows who uploaded it.
        at = chrome.index(title)
        head = [Block("heading", title.text, title.first, title.last, hint="title")]
        under = chrome[at + 1] if at + 1 < len(chrome) else None
        if under is not None and under.first == title.last + 1 and is_vouched_name(under.text):
            head.append(Block("paragraph", under.text, under.first, under.last, hint="byline"))
        chrome = [b for b in chrome if b.first not in {h.first for h in head}]
        blocks = [*head, *blocks]
    elif blocks and (cover := _cover(chrome, top, {b.first for b in removed})) is not None:
        kept = {b.first for b in cover}
        chrome = [b for b in chrome if b.first not in kept]
        blocks = [*cover, *blocks]
    return blocks, chrome, meta


#: A deck's cover over its first slide: its title, its speaker, the event and the place.
MAX_COVER_LINES = 4
#: How a cover's line parts its speaker from the event: "DR A EXAMPLE | Seminar 7 | ...".
_CREDIT_PARTS = re.compile(r"\s+[|\u2013\u2014\u00b7\u2022]\s+|\s*,\s+")


def _cover(chrome: list[Block], top: int, gone: set[int]) -> list[Block] | None:
    """The deck's cover, printed over its first numbered slide (a handout's "SUPERVISION
    AS A CO-PRODUCTIVE SPACE" / "DR NADIA EXAMPLE | Seminar 7: ... | University of
    Huddersfield, 27 October 2017" / blank / "1. WHY TALK ABOUT SUPERVISION?"): in the
    run of lines right above the first slide (at most a blank line between), a title and
    under it a line that opens with its speaker's name (the title block and byline), then
    maybe the event and the place; None if there is none. A line a rule dropped (``gone``:
    "Handout: please take one") stands in the run, and stays out of the cover."""
    run: list[Block] = []
    for block in reversed(chrome):
        if run:
            above = run[0].first - 1
            while above in gone:
                above -= 1
            if block.first != above or len(run) == MAX_COVER_LINES:
                break
        run.insert(0, block)
    if not run:
        return None
    under = run[-1].first + 1
    while under in gone:
        under += 1
    if top - under > 1:
        return None  # (at most a blank line over slide 1)
    for at in range(1, len(run)):
        title, credit = run[at - 1], run[at]
        name, *event = _CREDIT_PARTS.split(credit.text.strip(), maxsplit=1)
        if not title.text.rstrip().endswith((".", "!")) and is_vouched_name(recase(name)):
            return [
                Block("heading", title.text, title.first, title.last, hint="title"),
                Block("paragraph", recase(name), credit.first, credit.last, hint="byline"),
                # the event and the place, on the speaker's line or under it
                *(Block("paragraph", e, credit.first, credit.last) for e in event),
                *(Block("paragraph", b.text, b.first, b.last) for b in run[at + 1 :]),
            ]
    return None


def _lines(rows: list[Row]) -> list[Block]:
    """The lines under a title slide's speaker (an affiliation, the event), one paragraph
    each."""
    return [Block("paragraph", r.text, r.number, r.number) for r in rows if r.text]


def _page_title(chrome: list[Block], first: Block) -> Block | None:
    """The line of the site's page that is the deck's title: the first slide's text
    starts with its words ("Whose Story Counts? Narrative knowledge, ..." over slide 1,
    "Whose Story Counts? / Narrative knowledge, ..."), maybe with what the copy is after
    a dash ("Whose Story Counts? \u2013 handout")."""
    opening = _plain_words(first.text)
    for block in chrome:
        for text in (block.text, _LABELLED.sub("", block.text)):
            words = _plain_words(text)
            if len(words) >= MIN_TITLE_WORDS and opening[: len(words)] == words:
                return block
    return None


#: What a copy of a deck is, after its title and a dash: " \u2013 handout", " | slides".
_LABELLED = re.compile(r"\s+[\u2013\u2014|-]\s+[^\u2013\u2014|-]{1,30}$")


def _plain_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def marked_slides(rows: list[Row], pages: dict[int, int], rules: Rules) -> list[Block]:
    """The blocks of a deck whose loader marked its slides (see the module docstring)."""
    blocks: list[Block] = []
    kinds: dict[str, BlockKind] = {"note": "notes", "alt": "image"}
    for row in rows:
        if row.hint == "slide":
            number = str(pages.get(row.number, ""))
            blocks.append(Block("slide", row.text, row.number, row.number, number))
            continue
        if not row.text or not blocks:
            continue
        if row.hint in kinds:
            blocks.append(Block(kinds[row.hint], row.text, row.number, row.number))
            continue
        item, text = split_bullet(row.text, rules)
        if text:
            blocks.append(Block("item" if item else "paragraph", text, row.number, row.number))
    return blocks


#: A transcript numbers at least this many slides.
MIN_SLIDES = 2
#: A run numbered from 2 (an unnumbered title slide) needs this many slides to be one.
MIN_UNNUMBERED_RUN = 3
_UNNUMBERED = re.compile(r"(?P<number>)(?P<text>.*)")


def _speaker_line(rows: list[Row]) -> Block | None:
    """A byline block for the title slide's line that is its speaker's name, maybe with a
    role after a comma, or its speakers' names ("Dr Ingrid Example and Dafydd ap Rhys"),
    and the speakers' lines right under it (one to a line, each with a role, a role maybe
    wrapped onto a line of its own); None if no line is."""
    found: list[tuple[Row, list[str]]] = []
    for i, row in enumerate(rows):
        named = _speaker_names(row)
        if named and len(found) < MAX_SPEAKERS:
            found.append((row, named))  # one speaker to a line, each with a role: read on
        elif found and not (i + 1 < len(rows) and _speaker_names(rows[i + 1])):
            break  # (a role wrapped onto a line of its own, the next speaker under it: on)
    if not found:
        return None
    names = [name for _, named in found for name in named]
    text = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return Block("paragraph", text, found[0][0].number, found[-1][0].number, hint="byline")


def _speaker_names(row: Row) -> list[str]:
    """The speakers' names a title slide's line gives, with their roles or alone."""
    text = recase(row.text.strip())  # "DR MEI-LING HO"
    names = NAME_SEPARATOR.split(text)
    return _speakers_and_roles(text) or (
        [text] if all(is_vouched_name(n) for n in names) and len(names) <= MAX_SPEAKERS else []
    )


#: Speakers with their roles, one after another on a line: "A, role; B, role", "A, role ·
#: B, role" (the marks the link stage parts a paper's writers by too).
_SPEAKER_PARTS = re.compile(rf"\s*[{re.escape(ROLE_MARKS)}]\s*")


def _speakers_and_roles(text: str) -> list[str]:
    """The names of a line of speakers each with a role after a comma ("Siân Example, Peer
    Trainer; Dr Hywel Example, Clinical Psychologist" -> ["Siân Example", "Dr Hywel
    Example"]), else none."""
    named = [name_and_role(part) for part in _SPEAKER_PARTS.split(text) if part]
    if len(named) > MAX_SPEAKERS:
        return []
    return [n for n in named if n] if named and all(named) else []


#: A title slide names at most this many speakers on one line.
MAX_SPEAKERS = 4


def _title_slide(rows: list[Row], start: int) -> int | None:
    """The first row of the title slide before slide 2: the block of lines (no blank
    between, lines a rule dropped stepped over) that ends right above slide 2."""
    i = start - 1
    while i >= 0 and not rows[i].text:
        i -= 1
    if i < 0:
        return None
    while i > 0 and rows[i - 1].text:
        i -= 1
    return i


def _slide_starts(rows: list[Row]) -> tuple[list[int], re.Pattern[str], int]:
    """Indexes of the rows that start slides 1, 2, 3... (see the module docstring), in the
    numbering style that finds the most, that style, and the first slide's number: 1, or 2
    when the title slide is printed without a number (a handout's "[2] A show of hands")."""
    best: tuple[list[int], re.Pattern[str], int] = ([], _SLIDE, 1)
    for style in _SLIDE_STYLES:
        starts: list[int] = []
        indent = first = 0
        for i, row in enumerate(rows):
            match = style.fullmatch(row.text)
            if not match:
                continue
            number = int(match.group("number"))
            if not starts and number in (1, 2):
                starts.append(i)
                indent, first = row.indent, number
            elif starts and number == first + len(starts) and row.indent <= indent:
                starts.append(i)
        if len(starts) > len(best[0]):
            best = (starts, style, first)
    return best


def _slide(rows: list[Row], rules: Rules, style: re.Pattern[str] = _SLIDE) -> list[Block]:
    """One slide: its rows joined, then cut into the lead and the items (a row that opens
    with a bullet of ``rules.bullets``, "- Ratings", opens an item)."""
    match = style.fullmatch(rows[0].text)
    assert match is not None  # rows[0] is a slide start by construction
    parts: list[str] = []
    offsets: list[int] = []
    numbers: list[int] = []
    length = 0
    for row in rows:
        text = match.group("text") if row is rows[0] else row.text
        bulleted, rest = split_bullet(text, rules)
        text = f"\u2022 {rest}" if bulleted and rest else text
        if not text:
            continue
        offsets.append(length)
        numbers.append(row.number)
        parts.append(text)
        length += len(text) + 1
    joined = " ".join(parts)

    def line_at(offset: int) -> int:
        return numbers[max(0, bisect.bisect_right(offsets, offset) - 1)]

    pieces = _pieces(joined)
    label, first, last = match.group("number"), rows[0].number, numbers[-1]
    lead = pieces.pop(0) if pieces and pieces[0][2] == "lead" else (0, "", "lead")
    if not lead[1] and pieces:
        lead = pieces.pop(0)
    blocks = [Block("slide", lead[1], first, last, label)]
    for offset, text, _ in pieces:
        blocks.append(Block("item", text, line_at(offset), line_at(offset + len(text) - 1)))
    return blocks


def _pieces(text: str) -> list[tuple[int, str, str]]:
    """(offset, text, role) of the lead and of each bullet and sub-bullet of a slide."""
    pieces: list[tuple[int, str, str]] = []
    bounds = [0, *(m.end() for m in _BULLET.finditer(text))]
    ends = [*(m.start() for m in _BULLET.finditer(text)), len(text)]
    for n, (start, end) in enumerate(zip(bounds, ends, strict=True)):
        segment = text[start:end]
        role = "lead" if n == 0 else "item"
        dashes = list(_DASH.finditer(segment)) if role == "item" else []
        if len(dashes) < 2:
            if segment.strip() or role == "lead":
                pieces.append((start, segment.strip(), role))
            continue
        cuts = [0, *(m.end() for m in dashes)]
        stops = [*(m.start() for m in dashes), len(segment)]
        for a, b in zip(cuts, stops, strict=True):
            if segment[a:b].strip():
                pieces.append((start + a, segment[a:b].strip(), "item"))
    return pieces


def _chrome_meta(chrome: list[Block]) -> list[tuple[str, str]]:
    """The deck's file name, date and publisher, read from the chrome above slide 1."""
    meta: dict[str, str] = {}
    lines = sorted(chrome, key=lambda b: b.first)
    for i, block in enumerate(lines):
        if _FILE.fullmatch(block.text):
            meta.setdefault("file", block.text)
        date = _date(block.text)
        if date:
            before = lines[i - 1].text if i else ""
            if (
                before
                and block.label == "chrome"
                and not _date(before)
                and lines[i - 1].label == "chrome"
            ):
                meta.setdefault("publisher", before)
            meta.setdefault("date", date)
    return list(meta.items())


def _date(text: str) -> str:
    """``"June 17, 2015"`` -> ``"2015-06-17"``; '' if the text is not a date."""
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return ""
