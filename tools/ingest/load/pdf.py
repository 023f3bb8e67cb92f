"""Read a PDF into lines of text with their pages: an article, a report or a slide deck.

The glyphs, with their boxes, sizes and weights, come from PDFium (``pypdfium2``,
chosen over ``pdfminer.six`` and ``pypdf`` by measurement: ``nox -s pdf_choice``, see
``tests/measure_pdf.py``). :mod:`.layout` rebuilds lines, drops running heads and page
numbers and puts columns in reading order; :mod:`.pdftext` makes paragraphs,
footnotes, whole words, the title and headings, or a deck's slides. Each line records
its page (``Line.page``).

Text turned away from the horizontal (a journal's "Downloaded from ..." up the margin)
is not running text and is left out; ligatures ("ﬁ") become their letters. An encrypted
PDF, or one with no text layer (a scan), is refused with what to do; pages without text
are named in a warning.
"""

from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from .binary import Extracted, Unreadable
from .layout import Glyph, Page, body_size, drop_furniture, leading, page_lines
from .pdftext import Reader

_HYPHENS = {"\ufffe": "-", "\u00ad": "-", "\u2010": "-", "\u2011": "-"}
_LIGATURES = re.compile("[\ufb00-\ufb06]")
_TILT = 0.05  # radians: text turned further than this is not running text
_BOLD_FLAG = 1 << 18  # PDF font descriptor flag ForceBold
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")


def load_pdf(data: bytes, path: str, deck: bool) -> Extracted:
    """The lines of the PDF ``data``; ``deck`` for a slide deck (one slide a page)."""
    pages, warnings = read_pages(data, path)
    return extract(pages, deck, warnings)


def extract(pages: Sequence[Page], deck: bool, warnings: Sequence[str] = ()) -> Extracted:
    """The lines of a document from its pages (any library's glyphs, see :mod:`.layout`)."""
    size = body_size(pages)
    step = leading(pages, size)
    pages = drop_furniture(pages, size, step)
    reader = Reader(pages, size, step)
    writer = reader.deck() if deck else reader.article()
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


def _glyphs(textpage: Any) -> list[Glyph]:
    """The characters of a PDFium text page, with their boxes, sizes and weights."""
    import pypdfium2.raw as raw

    handle = textpage.raw
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
        if _LIGATURES.match(char):
            char = unicodedata.normalize("NFKC", char)  # "ﬁ" -> "fi"
        angle = raw.FPDFText_GetCharAngle(handle, index)
        if _TILT < angle < 2 * math.pi - _TILT:
            continue  # turned text: a journal's "Downloaded from ..." up the margin
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
