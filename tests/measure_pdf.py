"""Measure how well each PDF library gives the text of the test PDFs, in reading order.

Run with ``nox -s pdf_choice`` (it installs the libraries compared), or with them
installed: ``python -m tests.measure_pdf``. For the article and the deck that
:mod:`tests.formats` builds, it prints the edit distance (Levenshtein, on text with its
white space collapsed) between the known text in reading order and:

* each library's own text extraction (``pypdf``'s plain and layout modes,
  ``pdfminer.six``'s ``extract_text``, PDFium's text page as ``pypdfium2`` gives it);
* the pipeline's reading (:mod:`tools.ingest.load.layout` and ``pdftext``) of the glyphs
  each library gives with their boxes: PDFium's (what the pipeline uses) and
  ``pdfminer.six``'s. ``pypdf`` gives text runs, not glyph boxes, so it has no such row.

"right" is the share of the known text's characters the edit distance leaves in place.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.formats import Built, article_pdf, deck_pdf
from tools.ingest.load.layout import Glyph, Page, page_lines
from tools.ingest.load.pdf import extract, read_pages


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance by Myers' bit-parallel algorithm (Hyyrö's form): linear in
    ``len(b)`` steps on integers of ``len(a)`` bits."""
    if not a:
        return len(b)
    masks: dict[str, int] = {}
    for i, char in enumerate(a):
        masks[char] = masks.get(char, 0) | (1 << i)
    full = (1 << len(a)) - 1
    high = 1 << (len(a) - 1)
    vp, vn, score = full, 0, len(a)
    for char in b:
        eq = masks.get(char, 0)
        xv = eq | vn
        xh = ((((eq & vp) + vp) & full) ^ vp) | eq
        hp = vn | (~(xh | vp) & full)
        hn = vp & xh
        if hp & high:
            score += 1
        elif hn & high:
            score -= 1
        hp = ((hp << 1) | 1) & full
        hn = (hn << 1) & full
        vp = hn | (~(xv | hp) & full)
        vn = hp & xv
    return score


def flat(text: str) -> str:
    return " ".join(text.split())


def pipeline_text(pages: list[Page], deck: bool) -> str:
    lines = extract(pages, deck).lines
    return "\n".join(line.text.removeprefix("• ") for line in lines if line.text)


def pdfium_pipeline(path: Path, deck: bool) -> str:
    pages, _ = read_pages(path.read_bytes(), str(path))
    return pipeline_text(pages, deck)


def pdfium_raw(path: Path, deck: bool) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path.read_bytes())
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def pdfminer_raw(path: Path, deck: bool) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(str(path)))


def pdfminer_pipeline(path: Path, deck: bool) -> str:
    """The pipeline's layout on the glyphs pdfminer.six gives (its own layout off)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    pages: list[Page] = []
    for number, layout in enumerate(extract_pages(str(path), laparams=None), start=1):
        glyphs = []
        stack = list(layout)
        while stack:
            item = stack.pop()
            if isinstance(item, LTChar) and item.upright:  # turned text left out, as for PDFium
                glyphs.append(
                    Glyph(
                        char=item.get_text(),
                        x0=item.x0,
                        x1=item.x1,
                        bottom=item.y0,
                        top=item.y1,
                        baseline=item.matrix[5],
                        size=item.size,
                        bold="bold" in item.fontname.casefold(),
                    )
                )
            elif hasattr(item, "__iter__"):
                stack.extend(item)
        lines = tuple(page_lines(glyphs, number))
        pages.append(Page(number, layout.width, layout.height, lines))
    return pipeline_text(pages, deck)


def pypdf_plain(path: Path, deck: bool) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pypdf_layout(path: Path, deck: bool) -> str:
    from pypdf import PdfReader

    pages = PdfReader(path).pages
    return "\n".join(page.extract_text(extraction_mode="layout") for page in pages)


READERS: dict[str, Callable[[Path, bool], str]] = {
    "pypdfium2 + pipeline layout": pdfium_pipeline,
    "pdfminer.six + pipeline layout": pdfminer_pipeline,
    "pypdfium2 text page": pdfium_raw,
    "pdfminer.six extract_text": pdfminer_raw,
    "pypdf extract_text": pypdf_plain,
    "pypdf extract_text (layout)": pypdf_layout,
}


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        fixtures: list[tuple[str, Path, Built, bool]] = []
        article, deck = Path(folder, "article.pdf"), Path(folder, "deck.pdf")
        fixtures.append(("article", article, article_pdf(article), False))
        fixtures.append(("deck", deck, deck_pdf(deck), True))
        print(f"{'reader':32} {'fixture':8} {'chars':>6} {'distance':>9} {'right':>7} {'ms':>6}")
        for name, read in READERS.items():
            for label, path, built, is_deck in fixtures:
                known = flat(built.text())
                try:
                    start = time.perf_counter()
                    got = flat(read(path, is_deck))
                    ms = (time.perf_counter() - start) * 1000
                except ImportError as error:
                    print(f"{name:32} {label:8} not installed ({error.name})")
                    continue
                distance = edit_distance(known, got)
                right = 1 - distance / len(known)
                print(f"{name:32} {label:8} {len(known):6} {distance:9} {right:7.1%} {ms:6.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
