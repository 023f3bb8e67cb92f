"""Read a PowerPoint deck (``.pptx``) into lines: one slide after another, with notes.

Read with ``python-pptx``. For each slide, in the deck's order (hidden slides are left
out, and the others keep their numbers as PowerPoint shows them):

- its title placeholder is the slide's title (``hint="slide"``, ``page`` = the slide's
  number); a slide without one has an empty title;
- the text of its other shapes, read top to bottom, then left to right (shapes within
  a twentieth of the slide's height count as one row), shapes in groups included: a
  paragraph of a body placeholder, or one with a bullet of its own, is a list item
  ("• "); other text is a paragraph; a table gives each cell's text;
- an image's (or chart's) description, its alt text, is kept (``hint="alt"``);
- its speaker notes come last, each paragraph a line with ``hint="note"``.

The date, footer and slide-number placeholders are page furniture and are left out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from .binary import Extracted, Writer, check_archive

_FURNITURE = ("DATE", "FOOTER", "SLIDE_NUMBER", "HEADER")
_TITLES = ("TITLE", "CENTER_TITLE", "VERTICAL_TITLE")
_LISTS = ("BODY", "OBJECT", "VERTICAL_BODY", "VERTICAL_OBJECT")
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def load_pptx(data: bytes, path: str) -> Extracted:
    """The lines of the deck ``data`` (see the module docstring)."""
    from pptx import Presentation

    check_archive(data, "PowerPoint deck")
    deck = Presentation(io.BytesIO(data))
    height = int(deck.slide_height or 1)
    writer = Writer()
    for number, slide in enumerate(deck.slides, start=1):
        if slide.element.get("show") in ("0", "false"):
            continue
        title = next((s for s in _shapes(slide.shapes) if _placeholder(s) in _TITLES), None)
        writer.slide(_text(title.text_frame.text) if title is not None else "", number)
        others = [s for s in _shapes(slide.shapes) if title is None or s.shape_id != title.shape_id]
        others.sort(key=lambda s: (int(s.top or 0) * 20 // height, int(s.left or 0)))
        for shape in others:
            _shape(writer, shape, number)
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame
            for paragraph in notes.paragraphs if notes is not None else ():
                writer.paragraph(_text(paragraph.text), number, "note")
    if not any(line.text for line in writer.lines):
        from .binary import Unreadable

        raise Unreadable(
            "the deck has no text (its slides may be pictures): export it as PDF and run "
            "OCR on it, or add a transcript as .txt"
        )
    return Extracted(writer.done())


def _shapes(shapes: Any) -> Iterator[Any]:
    """The shapes of a slide, with the shapes of its groups in their place."""
    for shape in shapes:
        if shape.shape_type is not None and getattr(shape.shape_type, "name", "") == "GROUP":
            yield from _shapes(shape.shapes)
        else:
            yield shape


def _placeholder(shape: Any) -> str:
    """The placeholder type of a shape ("TITLE", "BODY"...), '' if it is not one."""
    if not shape.is_placeholder:
        return ""
    kind = shape.placeholder_format.type
    return str(getattr(kind, "name", "")) if kind is not None else "OBJECT"


def _shape(writer: Writer, shape: Any, number: int) -> None:
    """Write one shape of slide ``number``: its text, a table's cells, or its alt text."""
    kind = _placeholder(shape)
    if kind in _FURNITURE:
        return
    if shape.has_text_frame and shape.text_frame.text.strip():
        for paragraph in shape.text_frame.paragraphs:
            text = _text(paragraph.text)
            if _bulleted(paragraph, kind):
                writer.item(text, number)
            else:
                writer.paragraph(text, number)
        return
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            for cell in row.cells:
                writer.paragraph(_text(cell.text), number)
        return
    described = shape.element.find(".//{*}cNvPr")
    alt = described.get("descr", "") if described is not None else ""
    writer.paragraph(_text(alt), number, "alt")


def _bulleted(paragraph: Any, kind: str) -> bool:
    """A list item: it has a bullet of its own, or it is in a body placeholder (whose
    paragraphs are bulleted by the slide master) and does not turn the bullet off."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(f"{_A}buNone") is not None:
        return False
    own = ppr is not None and (
        ppr.find(f"{_A}buChar") is not None or ppr.find(f"{_A}buAutoNum") is not None
    )
    return own or kind in _LISTS


def _text(text: str) -> str:
    """A paragraph's text on one line (PowerPoint's line breaks are vertical tabs)."""
    return " ".join(text.replace("\v", " ").split())
