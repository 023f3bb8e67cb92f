"""Read a PDF into lines of text with their pages: an article, a report or a slide deck.

The glyphs and their boxes come from PDFium (``pypdfium2``: chosen over ``pdfminer.six``
and ``pypdf`` by measurement, see ``tests/measure_pdf.py`` and ``docs/contributing.md``);
:mod:`.layout` rebuilds lines, drops running heads and page numbers and puts columns in
reading order. This module then makes the text a reader would copy out:

- **Paragraphs.** A line starts a new paragraph when its size or weight changes (a
  heading), when the gap above it is wider than the text's spacing, when it is indented
  under a line that is not (a first-line indent), or when the line before ended early:
  its last word is followed by room enough for this line's first word, so the writer
  broke it on purpose. Otherwise the paragraph goes on, over columns and pages. After a
  "References" heading, an entry starts at every line that is not indented (hanging
  indents).
- **Hyphens.** A word broken at a line end ("organi-" / "sational") is joined; a hyphen
  is kept when the document spells the word with one elsewhere ("co-production").
- **Footnotes.** Lines at the foot of a page, in a smaller size than the text and below
  it, starting with a number, are footnotes: each becomes a paragraph of its own,
  written "¹ Text" as a text file writes them, after the paragraph that holds its marker
  (or, if the marker is not found, after the paragraph running at the page's end).
- **Title.** The largest line near the top of the first page that has one, far larger
  than the text, is the title (``hint="title"``); a bold or larger short paragraph is a
  heading (``hint="heading"``).
- **Slides.** A PDF in ``slides/`` is a deck, one slide a page: each page's largest line
  near its top is the slide's title (``hint="slide"``), and lines starting with a bullet
  are list items.

Each line records its page (``Line.page``). An encrypted PDF, or one with no text layer
(a scan), is refused with what to do; pages without text are named in a warning.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import Hint
from .binary import Extracted, Unreadable, Writer
from .layout import (
    Column,
    Glyph,
    Page,
    TextLine,
    body_size,
    drop_furniture,
    leading,
    page_lines,
    reading_order,
)

_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789", _SUPERSCRIPT_DIGITS)
_NOTE_START = re.compile(rf"(?P<label>[{_SUPERSCRIPT_DIGITS}]{{1,3}}|\d{{1,3}}\.?(?= ))\s*\S")
_REFERENCES = re.compile(
    r"(references|reference list|bibliography|works cited|sources|further reading):?",
    re.IGNORECASE,
)
_BULLETS = "•●▪◦‣∙·–—-*■□➢►▶✓✔❖"
_TERMINAL = re.compile("[.!?:;][\"'\u201d\u2019)\\]]*[⁰¹²³⁴⁵⁶⁷⁸⁹]*$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_HYPHENS = {"\ufffe": "-", "\u00ad": "-", "\u2010": "-", "\u2011": "-"}
_BOLD_FLAG = 1 << 18  # PDF font descriptor flag ForceBold
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
MAX_HEADING = 120  # characters: a longer bold paragraph is emphasis, not a heading


def load_pdf(data: bytes, path: str, deck: bool) -> Extracted:
    """The lines of the PDF ``data``; ``deck`` for a slide deck (one slide a page)."""
    pages, warnings = read_pages(data, path)
    return extract(pages, deck, warnings)


def extract(pages: Sequence[Page], deck: bool, warnings: Sequence[str] = ()) -> Extracted:
    """The lines of a document from its pages (any library's glyphs, see :mod:`.layout`)."""
    size = body_size(pages)
    step = leading(pages, size)
    pages = drop_furniture(pages, size, step)
    writer = _deck(pages, size, step) if deck else _Article(pages, size, step).write()
    return Extracted(writer.done(), warnings=tuple(warnings))


# --- reading the glyphs with PDFium --------------------------------------------------


def read_pages(data: bytes, path: str) -> tuple[list[Page], list[str]]:
    """Every page's lines, and warnings; raise :class:`Unreadable` if there is no text."""
    import pypdfium2 as pdfium  # imported here: only runs that have a PDF need it

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise Unreadable(_open_problem(error.err_code)) from error
    pages: list[Page] = []
    empty: list[int] = []
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            glyphs = _glyphs(textpage)
            if not any(not g.char.isspace() for g in glyphs):
                empty.append(index + 1)
            pages.append(Page(index + 1, width, height, tuple(page_lines(glyphs, index + 1))))
    except pdfium.PdfiumError as error:
        raise Unreadable(
            f"PDFium cannot read page {len(pages) + 1} ({error}): the PDF is damaged; "
            "open it and print it to a new PDF, or export it again"
        ) from error
    finally:
        document.close()
    if len(empty) == len(pages):
        raise Unreadable(
            "no text layer: run OCR first (the PDF holds only pictures of its pages, "
            "e.g. a scan; `ocrmypdf in.pdf out.pdf` adds the text), then add it again"
        )
    warnings = []
    if empty:
        warnings.append(
            f"{path}: page(s) {', '.join(map(str, empty))} have no text layer (scanned?): "
            "their text is missing; run OCR on the PDF (e.g. ocrmypdf) to include it"
        )
    return pages, warnings


def _open_problem(code: int | None) -> str:
    import pypdfium2.raw as raw

    if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
        return (
            "the PDF is encrypted (it needs a password): open it, and save or print an "
            "unprotected copy to add instead"
        )
    return (
        "this is not a readable PDF (it is damaged or cut short): download it again, or "
        "open it and print it to a new PDF"
    )


def _glyphs(textpage: object) -> list[Glyph]:
    """The characters of a PDFium text page, with their boxes, sizes and weights."""
    import pypdfium2.raw as raw

    handle = textpage.raw  # type: ignore[attr-defined]
    x, y = ctypes.c_double(), ctypes.c_double()
    rect = raw.FS_RECTF()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    fonts: dict[int | None, bool] = {}
    glyphs: list[Glyph] = []
    for index in range(raw.FPDFText_CountChars(handle)):
        if raw.FPDFText_IsGenerated(handle, index) == 1:
            continue  # spaces and line breaks PDFium made up: layout.py makes its own
        code = raw.FPDFText_GetUnicode(handle, index)
        char = chr(code) if 0 < code < 0x110000 else ""
        # PDFium writes a hyphen at a line end as a control character and flags it.
        char = "-" if raw.FPDFText_IsHyphen(handle, index) == 1 else _HYPHENS.get(char, char)
        if not char or (not char.isprintable() and not char.isspace()):
            continue
        raw.FPDFText_GetCharOrigin(handle, index, x, y)
        if not raw.FPDFText_GetLooseCharBox(handle, index, rect):
            continue
        obj = ctypes.cast(raw.FPDFText_GetTextObject(handle, index), ctypes.c_void_p).value
        if obj not in fonts:
            raw.FPDFText_GetFontInfo(handle, index, name, len(name), flags)
            font = name.value.decode("latin-1").casefold()
            weight = raw.FPDFText_GetFontWeight(handle, index)
            fonts[obj] = (
                weight >= 600
                or bool(flags.value & _BOLD_FLAG)
                or any(b in font for b in _BOLD_NAMES)
            )
        # The font size, unless the text matrix scales it (a size of 1 drawn 10 times
        # larger is common): then the height of the font's box, which always scales.
        size = raw.FPDFText_GetFontSize(handle, index)
        height = abs(rect.top - rect.bottom)
        if not 0.5 * size < height < 2.5 * size:
            size = height / 1.15
        glyphs.append(
            Glyph(
                char=char,
                x0=rect.left,
                x1=rect.right,
                bottom=min(rect.bottom, rect.top),
                top=max(rect.bottom, rect.top),
                baseline=y.value,
                size=size,
                bold=fonts[obj],
            )
        )
    return glyphs


# --- paragraphs, footnotes and hyphens -----------------------------------------------


@dataclass
class _Para:
    """A paragraph being read: its lines (on one or more pages) and what it is."""

    lines: list[TextLine]
    hint: Hint = ""
    note: str = ""  # the label of a footnote


@dataclass
class _Article:
    """Reads the pages of an article in order and writes its paragraphs and footnotes."""

    pages: Sequence[Page]
    size: float
    step: float
    writer: Writer = field(default_factory=Writer)
    vocabulary: Counter[str] = field(default_factory=Counter)
    pending: list[tuple[int, _Para]] = field(default_factory=list)  # footnotes to place
    titled: bool = False
    references: bool = False
    hanging: frozenset[Column] = frozenset()  # the page's columns with indented lines

    def write(self) -> Writer:
        self.vocabulary = Counter(
            word.casefold()
            for page in self.pages
            for x in page.lines
            for word in _WORD.findall(x.text)
        )
        para: _Para | None = None
        before: tuple[Column, TextLine] | None = None
        for page in self.pages:
            body, notes = _footnotes(page.lines, self.size)
            self.pending.extend((page.number, note) for note in notes)
            self.hanging = _hanging(body, page.width, self.size)
            title = set() if self.titled else _title_lines(body, page, self.size)
            self.titled = self.titled or bool(title)
            for column, line in reading_order(body, page.width):
                hint: Hint = "title" if id(line) in title else ""
                if para is not None and before is not None and hint == para.hint:
                    if not self._starts(before, column, line, para):
                        para.lines.append(line)
                        before = (column, line)
                        continue
                if para is not None:
                    self._close(para)
                para = _Para([line], hint)
                before = (column, line)
        if para is not None:
            self._close(para)
        for _, note in self.pending:
            self._emit(note)
        return self.writer

    def _starts(
        self, before: tuple[Column, TextLine], column: Column, line: TextLine, para: _Para
    ) -> bool:
        """Whether ``line`` starts a new paragraph after the line ``before`` (see above)."""
        col0, prev = before
        if abs(prev.size - line.size) > 0.06 * max(prev.size, line.size) or prev.bold != line.bold:
            return True
        em = line.size
        below = prev.page == line.page and col0 == column and prev.baseline > line.baseline
        if below and prev.baseline - line.baseline > 1.3 * self.step * line.size / self.size:
            return True
        indent, indent0 = line.x0 - column.x0, prev.x0 - col0.x0
        if self.references and column in self.hanging:
            # Hanging indents: an entry starts at every line that is not indented.
            return indent < 0.5 * em
        elif indent >= 0.8 * em and indent0 < 0.5 * em:
            return True
        if prev.text.endswith("-"):
            return False
        room = col0.x1 - prev.x1
        return room > line.first_word + 0.5 * em

    def _close(self, para: _Para) -> None:
        """Write a paragraph, then the footnotes whose marker it holds or whose page ended."""
        text = " ".join(x.text for x in para.lines)
        if (
            para.hint == ""
            and len(text) <= MAX_HEADING
            and (
                all(x.bold for x in para.lines) or min(x.size for x in para.lines) > 1.1 * self.size
            )
        ):
            para.hint = "heading"
        if para.hint == "heading":
            self.references = bool(_REFERENCES.fullmatch(text.strip()))
        self._emit(para)
        last = para.lines[-1].page
        marks = {c for c in text if c in _SUPERSCRIPT_DIGITS}
        placed = [
            (page, note)
            for page, note in self.pending
            if page < last or note.note.translate(_TO_SUPERSCRIPT) in marks
        ]
        for page, note in placed:
            self.pending.remove((page, note))
            self._emit(note)

    def _emit(self, para: _Para) -> None:
        """Write one paragraph as a line per page it is on, hyphenated words joined."""
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
        first = True
        for page, text in pieces:
            if first:
                self.writer.paragraph(text, page, para.hint)
                first = False
            elif text:
                self.writer.line(text, page)

    def _join(self, text: str, more: str) -> str:
        """Two lines of one paragraph as one: a word broken at the line end made whole."""
        if text.endswith("-") and text[-2:-1].isalpha() and more[:1].isalpha():
            head = _WORD.findall(text)[-1] if _WORD.findall(text) else ""
            tail = _WORD.match(more)
            whole = head + (tail.group(0) if tail else "")
            broken = f"{head}-{tail.group(0) if tail else ''}"
            keep = more[:1].isupper() or (
                self.vocabulary[broken.casefold()] > 0
                and self.vocabulary[broken.casefold()] >= self.vocabulary[whole.casefold()]
            )
            return text + more if keep else text[:-1] + more
        return f"{text} {more}"

    def _carry(self, text: str, more: str) -> tuple[str, str]:
        """A paragraph's last line on one page and its first on the next: a broken word
        goes wholly onto the first page."""
        if text.endswith("-") and text[-2:-1].isalpha() and more[:1].isalpha():
            word, _, rest = more.partition(" ")
            return self._join(text, word), rest
        return text, more


def _footnotes(lines: Sequence[TextLine], size: float) -> tuple[list[TextLine], list[_Para]]:
    """A page's lines without its footnotes, and the footnotes (see the module docstring)."""
    text = [x for x in lines if x.size >= 0.92 * size]
    floor = min((x.baseline for x in text), default=float("inf"))
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
            label = match.group("label").rstrip(".")
            digits = label.translate(str.maketrans(_SUPERSCRIPT_DIGITS, "0123456789"))
            shown = (
                digits.translate(_TO_SUPERSCRIPT)
                + " "
                + line.text[len(match.group("label")) :].strip()
            )
            notes.append(_Para([_retext(line, shown)], note=digits))
        else:
            notes[-1].lines.append(line)
    kept = {id(x) for x in below}
    return [x for x in lines if id(x) not in kept], notes


def _hanging(lines: Sequence[TextLine], width: float, size: float) -> frozenset[Column]:
    """The columns of a page where some lines are indented (by an em or more)."""
    return frozenset(
        column for column, line in reading_order(lines, width) if line.x0 - column.x0 >= 0.8 * size
    )


def _retext(line: TextLine, text: str) -> TextLine:
    from dataclasses import replace

    return replace(line, text=text)


def _title_lines(lines: Sequence[TextLine], page: Page, size: float) -> set[int]:
    """The lines of a page's title: its largest lines near its top, far larger than text."""
    top = [x for x in lines if x.baseline > 0.55 * page.height and x.size >= 1.3 * size]
    if not top:
        return set()
    largest = max(x.size for x in top)
    return {id(x) for x in top if x.size >= largest - 0.5}


# --- slide decks ---------------------------------------------------------------------


def _deck(pages: Sequence[Page], size: float, step: float) -> Writer:
    """One slide a page: its title, then its paragraphs and items (see the module doc)."""
    writer = Writer()
    for page in pages:
        ordered = reading_order(page.lines, page.width)
        title = _slide_title([line for _, line in ordered], page)
        writer.paragraph(
            " ".join(x.text for _, x in ordered if id(x) in title), page.number, "slide"
        )
        if not title:
            writer.line("", page.number, "slide")
        body = [(c, x) for c, x in ordered if id(x) not in title]
        article = _Article([page], size, step)
        para: _Para | None = None
        before: tuple[Column, TextLine] | None = None
        for column, line in body:
            bullet = line.text[:1] in _BULLETS or 0xE000 <= ord(line.text[:1] or " ") <= 0xF8FF
            if para is not None and before is not None and not bullet:
                if not article._starts(before, column, line, para):
                    para.lines.append(line)
                    before = (column, line)
                    continue
            if para is not None:
                _slide_para(writer, article, para)
            para = _Para([line], "note" if False else "")
            para.note = "item" if bullet else ""
            before = (column, line)
        if para is not None:
            _slide_para(writer, article, para)
    return writer


def _slide_para(writer: Writer, article: _Article, para: _Para) -> None:
    text = para.lines[0].text
    for line in para.lines[1:]:
        text = article._join(text, line.text)
    page = para.lines[0].page
    if para.note == "item":
        writer.item(text[1:].strip(), page)
    else:
        writer.paragraph(text, page)


def _slide_title(lines: Sequence[TextLine], page: Page) -> set[int]:
    """The lines of a slide's title: its largest lines in the top two fifths, if larger."""
    if not lines:
        return set()
    common = Counter(x.size for x in lines).most_common(1)[0][0]
    top = [x for x in lines if x.baseline > 0.6 * page.height]
    if not top:
        return set()
    largest = max(x.size for x in top)
    if largest < 1.15 * common and len(lines) > 1:
        first = lines[0]
        return {id(first)} if first.bold and first in top else set()
    return {id(x) for x in top if x.size >= largest - 0.5}
