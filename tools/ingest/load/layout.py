"""The geometry of a PDF page: glyphs into lines, running heads out, columns in order.

A PDF holds no paragraphs, columns or reading order: only glyphs at positions. These pure
functions rebuild what a reader sees from the glyphs' boxes, sizes and weights (as
:mod:`.pdf` reads them), with rules about shape, never about the words of one text:

- **Lines.** Glyphs whose boxes overlap vertically by at least half of the smaller
  one stand on one row; a row is cut where the horizontal gap is wider than a font
  size (the gutter between two columns), and a gap wider than a fifth of the size
  with no space glyph in it is a space. A glyph much smaller than its line and raised
  above its baseline is a superscript: digits become superscript digits ("care.¹"), the
  way a footnote marker reads in a text file.
- **Running heads and feet.** A line is page furniture when it is the top or bottom line
  of its page, set apart from the text by a wider gap than the text's own spacing, no
  bigger than the text, and either a page number ("12", "Page 3 of 9", "iv"), or a
  line whose text (digits aside) stands at the top or bottom of another page too, or a
  short line at the same height as the head or foot of another page (alternating heads:
  the journal on even pages, the authors on odd ones).
- **Columns.** A page's columns are found from the gaps no line crosses: an upright
  strip at least :data:`MIN_GUTTER` wide in the middle three fifths of the page, with
  text on both sides, is a gutter. Lines that cross a gutter (a title, a footnote
  across the page) cut the page into bands; in each band the columns are read left to
  right, each top to bottom.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from statistics import median

MIN_GUTTER = 6.0  # points: narrower gaps are word spaces of justified text
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_PAGE_NUMBER = re.compile(
    r"(page\s+)?(\d{1,4}|[ivxlc]{1,6})(\s*(of|/)\s*\d{1,4})?|[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
MAX_FURNITURE_WORDS = 10


@dataclass(frozen=True)
class Glyph:
    """One character drawn on a page: its loose box (font ascent to descent), its size."""

    char: str
    x0: float
    x1: float
    bottom: float
    top: float
    baseline: float
    size: float
    bold: bool


@dataclass(frozen=True)
class TextLine:
    """A run of glyphs on one row with no gutter in it: a line of one column."""

    page: int
    text: str
    x0: float
    x1: float
    baseline: float
    top: float
    bottom: float
    size: float  # the size most of its characters have
    bold: bool  # every letter is bold
    first_word: float  # width of its first word: would it have fitted on the line before?


@dataclass(frozen=True)
class Page:
    """A page's lines (in no particular order) and its size."""

    number: int
    width: float
    height: float
    lines: tuple[TextLine, ...]


def page_lines(glyphs: Sequence[Glyph], page: int) -> list[TextLine]:
    """The lines of one page, top to bottom and left to right."""
    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (-g.baseline, g.x0)):
        if glyph.char.isspace() and not rows:
            continue
        row = rows[-1] if rows else None
        if row is not None and _overlap(row, glyph):
            row.append(glyph)
        else:
            rows.append([glyph])
    lines: list[TextLine] = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        segment: list[Glyph] = []
        for glyph in row:
            if segment and glyph.x0 - segment[-1].x1 > max(g.size for g in segment[-3:]):
                lines.extend(_line(segment, page))
                segment = []
            segment.append(glyph)
        lines.extend(_line(segment, page))
    return sorted(lines, key=lambda line: (-line.baseline, line.x0))


def _overlap(row: list[Glyph], glyph: Glyph) -> bool:
    """Whether ``glyph`` stands on ``row``: their boxes overlap by half the smaller one."""
    anchor = max(row[-8:], key=lambda g: g.size)
    low, high = max(anchor.bottom, glyph.bottom), min(anchor.top, glyph.top)
    smaller = min(anchor.top - anchor.bottom, glyph.top - glyph.bottom)
    return smaller > 0 and (high - low) >= 0.5 * smaller


def _line(glyphs: list[Glyph], page: int) -> list[TextLine]:
    """A line of glyphs: spaces from gaps, superscript digits, its size and weight."""
    ink = [g for g in glyphs if not g.char.isspace()]
    if not ink:
        return []
    size = Counter(round(g.size, 1) for g in ink).most_common(1)[0][0]
    baseline = median(g.baseline for g in ink if round(g.size, 1) == size)
    parts: list[str] = []
    previous: Glyph | None = None
    for glyph in glyphs:
        raised = glyph.size < 0.8 * size and glyph.baseline > baseline + 0.15 * size
        gap = glyph.x0 - previous.x1 if previous is not None else 0.0
        if (
            previous is not None
            and not glyph.char.isspace()
            and not previous.char.isspace()
            and gap > 0.2 * min(size, max(glyph.size, previous.size))
        ):
            parts.append(" ")
        parts.append(glyph.char.translate(_SUPERSCRIPTS) if raised else glyph.char)
        previous = glyph
    text = " ".join("".join(parts).split())
    words = text.split(" ")
    first = sum(g.x1 - g.x0 for g in ink[: len(words[0])]) if words else 0.0
    letters = [g for g in ink if g.char.isalpha()]
    return [
        TextLine(
            page=page,
            text=text,
            x0=ink[0].x0,
            x1=ink[-1].x1,
            baseline=baseline,
            top=max(g.top for g in ink),
            bottom=min(g.bottom for g in ink),
            size=size,
            bold=bool(letters) and all(g.bold for g in letters),
            first_word=first,
        )
    ]


def body_size(pages: Iterable[Page]) -> float:
    """The size most characters of the document have: the size of its running text."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def leading(pages: Iterable[Page], size: float) -> float:
    """The usual distance between two lines of running text."""
    steps: list[float] = []
    for page in pages:
        body = [line for line in page.lines if abs(line.size - size) < 0.5]
        body.sort(key=lambda line: (round(line.x0 / 20), -line.baseline))
        for a, b in pairwise(body):
            step = a.baseline - b.baseline
            if 0 < step < 3 * size and abs(a.x0 - b.x0) < 3 * size:
                steps.append(step)
    return median(steps) if steps else 1.2 * size


def drop_furniture(pages: Sequence[Page], size: float, step: float) -> list[Page]:
    """The pages without their running heads, running feet and page numbers."""
    ends: dict[int, list[tuple[str, TextLine]]] = {}
    for page in pages:
        ends[page.number] = _ends(page, size, step)
    texts = Counter(
        (where, _DIGITS.sub("#", line.text.casefold()))
        for found in ends.values()
        for where, line in found
    )
    heights = Counter(
        (where, round(line.baseline)) for found in ends.values() for where, line in found
    )
    out: list[Page] = []
    for page in pages:
        dropped = set()
        for where, line in ends[page.number]:
            key = _DIGITS.sub("#", line.text.casefold())
            short = len(line.text.split()) <= MAX_FURNITURE_WORDS
            if (
                _PAGE_NUMBER.fullmatch(line.text.strip())
                or texts[(where, key)] > 1
                or (short and _same_height(heights, where, line.baseline) > 1)
            ):
                dropped.add(id(line))
        out.append(replace(page, lines=tuple(x for x in page.lines if id(x) not in dropped)))
    return out


def _same_height(heights: Counter[tuple[str, int]], where: str, baseline: float) -> int:
    """How many page ends stand at this height (within a point) at the top or bottom."""
    at = round(baseline)
    return heights[(where, at - 1)] + heights[(where, at)] + heights[(where, at + 1)]


def _ends(page: Page, size: float, step: float) -> list[tuple[str, TextLine]]:
    """The lines at the very top and bottom of a page set apart from the rest."""
    lines = sorted(page.lines, key=lambda line: -line.baseline)
    found: list[tuple[str, TextLine]] = []
    if len(lines) < 2:
        return [("top", line) for line in lines if _PAGE_NUMBER.fullmatch(line.text.strip())]
    rows = _rows(lines)
    for where, row, neighbour in (("top", rows[0], rows[1]), ("bottom", rows[-1], rows[-2])):
        gap = abs(row[0].baseline - neighbour[0].baseline)
        if gap > 1.4 * step and all(line.size <= size * 1.05 for line in row):
            found.extend((where, line) for line in row)
    return found


def _rows(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """Lines grouped by height (a head may be two lines side by side)."""
    rows: list[list[TextLine]] = []
    for line in lines:
        if rows and abs(rows[-1][0].baseline - line.baseline) < 0.5 * line.size:
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


@dataclass(frozen=True)
class Column:
    """The left and right edges of a column of a band of a page."""

    x0: float
    x1: float


def reading_order(lines: Sequence[TextLine], width: float) -> list[tuple[Column, TextLine]]:
    """The lines of a page in reading order, each with the column it stands in."""
    gutters = _gutters(lines, width)
    if not gutters:
        column = Column(min(x.x0 for x in lines), max(x.x1 for x in lines)) if lines else None
        ordered = sorted(lines, key=lambda x: (-x.baseline, x.x0))
        return [(column, line) for line in ordered] if column else []
    edges = [min(x.x0 for x in lines), *(g for pair in gutters for g in pair)]
    edges.append(max(x.x1 for x in lines))
    columns = [Column(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
    ordered = sorted(lines, key=lambda x: (-x.baseline, x.x0))
    out: list[tuple[Column, TextLine]] = []
    band: list[list[TextLine]] = [[] for _ in columns]
    for line in ordered:
        inside = [c for c in columns if line.x0 >= c.x0 - 1 and line.x1 <= c.x1 + 1]
        if inside:
            band[columns.index(inside[0])].append(line)
            continue
        for column, held in zip(columns, band, strict=True):  # a line across the gutters
            out.extend((column, x) for x in held)
            held.clear()
        out.append((Column(edges[0], edges[-1]), line))
    for column, held in zip(columns, band, strict=True):
        out.extend((column, x) for x in held)
    return out


def _gutters(lines: Sequence[TextLine], width: float) -> list[tuple[float, float]]:
    """The upright gaps between columns: no narrow line crosses them, text on each side."""
    narrow = [x for x in lines if x.x1 - x.x0 < 0.6 * width]
    if len(narrow) < 4:
        return []
    spans = sorted((x.x0, x.x1) for x in narrow)
    gaps: list[tuple[float, float]] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= MIN_GUTTER and 0.2 * width <= (x0 + reach) / 2 <= 0.8 * width:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    sides = [
        (left, right)
        for left, right in gaps
        if sum(x.x1 <= left for x in narrow) >= 2 and sum(x.x0 >= right for x in narrow) >= 2
    ]
    return sides
