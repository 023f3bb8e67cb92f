"""The text of a PDF's pages as a reader copies it: paragraphs, footnotes, whole words.

Pure functions over the lines :mod:`.layout` made (the rules are about shape, never the
words of one text):

- **Paragraphs.** A line starts a new paragraph when its size or weight changes (a
  heading), when the gap above it is wider than the text's spacing, when it is indented
  under a line that is not (a first-line indent), or when the line before ended early:
  its last word is followed by room enough for this line's first word, so the writer
  broke it on purpose. Otherwise the paragraph goes on, over columns and pages. After a
  "References" heading, in a column with hanging indents, an entry starts at every line
  that is not indented.
- **Hyphens.** A word broken at a line end ("organi-" / "sational") is joined; the hyphen
  stays when the document spells the word with one elsewhere ("co-production"), or when
  the next part starts with a capital. A word broken over a page goes on the first page.
- **Footnotes.** Lines at the foot of a page, smaller than the text and below it, starting
  with a number, are footnotes: each is a paragraph "¹ Text" (as a text file writes
  them) after the paragraph that holds its marker, or, if none does, after the paragraph
  running at the page's end, so that a paragraph cut by a page stays whole.
- **Title and headings.** The largest lines near the top of the first page that has them,
  far larger than the text, are the title (``hint="title"``); a short paragraph all in
  bold, or larger than the text, is a heading (``hint="heading"``).
- **Slides.** In a deck (one slide a page) each page's largest lines near its top are the
  slide's title (``hint="slide"``), and a line starting with a bullet starts a list item.

Each paragraph is written as one line per page it is on (:class:`.binary.Writer`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..records import Hint
from .binary import Writer
from .layout import Column, Page, TextLine, reading_order

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789", _SUPERSCRIPTS)
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_NOTE_START = re.compile(rf"(?P<label>[{_SUPERSCRIPTS}]{{1,3}}|\d{{1,3}}\.?(?= ))\s*\S")
_REFERENCES = re.compile(
    r"(references|reference list|bibliography|works cited|sources|further reading):?",
    re.IGNORECASE,
)
#: Bullets as decks draw them (and any character of the private use area: Wingdings and
#: Symbol bullets come out of PowerPoint's PDFs as those).
_BULLETS = (
    "\u2022\u25cf\u25aa\u25e6\u2023\u2219\u00b7\u2013\u2014-*"
    "\u25a0\u25a1\u27a2\u25ba\u25b6\u2713\u2714\u2756"
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MAX_HEADING = 120  # characters: a longer bold paragraph is emphasis, not a heading


@dataclass
class _Para:
    """A paragraph being read: its lines (on one or more pages) and what it is."""

    lines: list[TextLine]
    hint: Hint = ""
    note: str = ""  # the label of a footnote
    item: bool = False  # a list item of a slide


@dataclass
class Reader:
    """Reads pages in order and writes their paragraphs and footnotes to ``writer``."""

    pages: Sequence[Page]
    size: float  # of the running text
    step: float  # from one line of running text to the next
    writer: Writer = field(default_factory=Writer)
    vocabulary: Counter[str] = field(default_factory=Counter)
    pending: list[tuple[int, _Para]] = field(default_factory=list)  # footnotes to place
    references: bool = False  # after a "References" heading
    hanging: frozenset[Column] = frozenset()  # the page's columns with indented lines

    def __post_init__(self) -> None:
        self.vocabulary = Counter(
            word.casefold()
            for page in self.pages
            for line in page.lines
            for word in _WORD.findall(line.text)
        )

    def article(self) -> Writer:
        """An article or report: paragraphs over columns and pages, footnotes placed."""
        para: _Para | None = None
        before: tuple[Column, TextLine] | None = None
        titled = False
        for page in self.pages:
            body, notes = _footnotes(page.lines, self.size)
            self.pending.extend((page.number, note) for note in notes)
            self.hanging = _hanging(body, page.width, self.size)
            title = set() if titled else _title_lines(body, page, self.size)
            titled = titled or bool(title)
            for column, line in reading_order(body, page.width):
                hint: Hint = "title" if id(line) in title else ""
                if para and before and hint == para.hint and not self.starts(before, column, line):
                    para.lines.append(line)
                else:
                    if para is not None:
                        self._close(para)
                    para = _Para([line], hint)
                before = (column, line)
        if para is not None:
            self._close(para)
        for _, note in self.pending:
            self._write(note)
        return self.writer

    def deck(self) -> Writer:
        """A deck: each page a slide, its title, then its paragraphs and list items."""
        for page in self.pages:
            ordered = reading_order(page.lines, page.width)
            title = _slide_title([line for _, line in ordered], page)
            self.writer.slide(" ".join(x.text for _, x in ordered if id(x) in title), page.number)
            paras: list[_Para] = []
            before: tuple[Column, TextLine] | None = None
            for column, line in ordered:
                if id(line) in title:
                    continue
                item = _bulleted(line.text)
                if paras and before and not item and not self.starts(before, column, line):
                    paras[-1].lines.append(line)
                else:
                    paras.append(_Para([line], item=item))
                before = (column, line)
            for para in paras:
                text = self._joined(para.lines)
                if para.item:
                    self.writer.item(text[1:].strip(), page.number)
                else:
                    self.writer.paragraph(text, page.number)
        return self.writer

    def starts(self, before: tuple[Column, TextLine], column: Column, line: TextLine) -> bool:
        """Whether ``line`` starts a paragraph after the line ``before`` (module docstring)."""
        col0, prev = before
        if abs(prev.size - line.size) > 0.06 * max(prev.size, line.size) or prev.bold != line.bold:
            return True
        em = line.size
        below = prev.page == line.page and col0 == column and prev.baseline > line.baseline
        if below and prev.baseline - line.baseline > 1.3 * self.step * line.size / self.size:
            return True
        indent, indent0 = line.x0 - column.x0, prev.x0 - col0.x0
        if self.references and column in self.hanging:
            return indent < 0.5 * em  # hanging indents: each entry starts at the margin
        if indent >= 0.8 * em and indent0 < 0.5 * em:
            return True
        if prev.text.endswith("-"):
            return False
        return col0.x1 - prev.x1 > line.first_word + 0.5 * em

    def _close(self, para: _Para) -> None:
        """Write a paragraph, then the footnotes whose marker it holds or whose page ended."""
        text = " ".join(x.text for x in para.lines)
        loud = all(x.bold for x in para.lines) or min(x.size for x in para.lines) > 1.1 * self.size
        if not para.hint and len(text) <= MAX_HEADING and loud:
            para.hint = "heading"
        if para.hint == "heading":
            self.references = bool(_REFERENCES.fullmatch(text.strip()))
        self._write(para)
        last = para.lines[-1].page
        marks = {c for c in text if c in _SUPERSCRIPTS}
        for page, note in list(self.pending):
            if page < last or note.note.translate(_TO_SUPERSCRIPT) in marks:
                self.pending.remove((page, note))
                self._write(note)

    def _write(self, para: _Para) -> None:
        """Write one paragraph as a line per page it is on, broken words made whole."""
        pieces: list[tuple[int, str]] = []
        for line in para.lines:
            if pieces and pieces[-1][0] == line.page:
                pieces[-1] = (line.page, self._join(pieces[-1][1], line.text))
            elif pieces:
                head, rest = self._carry(pieces[-1][1], line.text)
                pieces[-1] = (pieces[-1][0], head)
                if rest:
                    pieces.append((line.page, rest))
            else:
                pieces.append((line.page, line.text))
        for n, (page, text) in enumerate(pieces):
            if n == 0:
                self.writer.paragraph(text, page, para.hint)
            else:
                self.writer.line(text, page)

    def _joined(self, lines: Sequence[TextLine]) -> str:
        text = lines[0].text
        for line in lines[1:]:
            text = self._join(text, line.text)
        return text

    def _join(self, text: str, more: str) -> str:
        """Two lines of one paragraph as one: a word broken at the line end made whole."""
        if not (text.endswith("-") and text[-2:-1].isalpha() and more[:1].isalpha()):
            return f"{text} {more}"
        heads = _WORD.findall(text)
        tail = _WORD.match(more)
        head, rest = (heads[-1] if heads else ""), (tail.group(0) if tail else "")
        hyphenated = self.vocabulary[f"{head}-{rest}".casefold()]
        keep = more[:1].isupper() or (0 < hyphenated >= self.vocabulary[(head + rest).casefold()])
        return text + more if keep else text[:-1] + more

    def _carry(self, text: str, more: str) -> tuple[str, str]:
        """The end of a paragraph's part on one page and its start on the next: a word
        broken over the page goes wholly onto the first."""
        if text.endswith("-") and text[-2:-1].isalpha() and more[:1].isalpha():
            word, _, rest = more.partition(" ")
            return self._join(text, word), rest
        return text, more


def _footnotes(lines: Sequence[TextLine], size: float) -> tuple[list[TextLine], list[_Para]]:
    """A page's lines without its footnotes, and the footnotes (see the module docstring)."""
    floor = min((x.baseline for x in lines if x.size >= 0.92 * size), default=float("inf"))
    below = sorted(
        (x for x in lines if x.baseline < floor and x.size < 0.92 * size),
        key=lambda x: (-x.baseline, x.x0),
    )
    if not below or not _NOTE_START.match(below[0].text):
        return list(lines), []
    notes: list[_Para] = []
    for line in below:
        match = _NOTE_START.match(line.text)
        if match:
            mark = match.group("label")
            digits = mark.rstrip(".").translate(_FROM_SUPERSCRIPT)
            text = digits.translate(_TO_SUPERSCRIPT) + " " + line.text[len(mark) :].strip()
            notes.append(_Para([replace(line, text=text)], note=digits))
        else:
            notes[-1].lines.append(line)
    taken = {id(x) for x in below}
    return [x for x in lines if id(x) not in taken], notes


def _hanging(lines: Sequence[TextLine], width: float, size: float) -> frozenset[Column]:
    """The columns of a page in which some lines are indented (by an em or more)."""
    return frozenset(
        column for column, line in reading_order(lines, width) if line.x0 - column.x0 >= 0.8 * size
    )


def _title_lines(lines: Sequence[TextLine], page: Page, size: float) -> set[int]:
    """The lines of a page's title: its largest lines near its top, far larger than text."""
    top = [x for x in lines if x.baseline > 0.55 * page.height and x.size >= 1.3 * size]
    if not top:
        return set()
    largest = max(x.size for x in top)
    return {id(x) for x in top if x.size >= largest - 0.5}


def _slide_title(lines: Sequence[TextLine], page: Page) -> set[int]:
    """The lines of a slide's title: its largest lines in the top two fifths when they are
    larger than the rest, else a first line in bold there; none if neither."""
    top = [x for x in lines if x.baseline > 0.6 * page.height]
    if not top:
        return set()
    common = Counter(x.size for x in lines).most_common(1)[0][0]
    largest = max(x.size for x in top)
    if largest >= 1.15 * common or len(lines) == 1:
        return {id(x) for x in top if x.size >= largest - 0.5}
    return {id(lines[0])} if lines[0].bold and lines[0] in top else set()


def _bulleted(text: str) -> bool:
    first = text[:1]
    return (
        bool(first) and (first in _BULLETS or 0xE000 <= ord(first) <= 0xF8FF) and text[1:2] == " "
    )
