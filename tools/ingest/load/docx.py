"""Read a Word document (``.docx``) into lines: its headings, lists and paragraphs.

Read with ``python-docx``, which gives the document's XML and its styles. The body is
walked in order (paragraphs, the cells of tables, content controls), and each paragraph
with text becomes one line:

- a paragraph in the Title style is the title (``hint="title"``), one in a Heading style
  (or with an outline level) a heading (``hint="heading"``);
- a paragraph that is numbered or bulleted (directly or by its style, "List Bullet",
  "List Number"...) is a list item ("• ");
- every other paragraph is a paragraph.

What a reader of the finished document does not see is not read: comments (they live
in a part of their own), text deleted or moved away under tracked changes (``w:del``,
``w:moveFrom``; insertions are read, as the document now stands), hidden text, field
codes, and the page headers and footers. A line break inside a paragraph is a space.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from ..records import Hint
from .binary import Extracted, Unreadable, Writer, check_archive

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Elements whose text is not part of the document as it reads.
_SKIP = frozenset(
    f"{_W}{name}" for name in ("del", "moveFrom", "instrText", "delInstrText", "commentReference")
)
#: Elements of the body that hold paragraphs: tables, content controls, insertions.
_CONTAINERS = frozenset(
    f"{_W}{name}" for name in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins", "moveTo")
)
_HEADING = re.compile(r"heading\s*(\d)", re.IGNORECASE)


def load_docx(data: bytes, path: str) -> Extracted:
    """The lines of the Word document ``data`` (see the module docstring)."""
    import docx

    check_archive(data, "Word document")
    document = docx.Document(io.BytesIO(data))
    styles = {style.style_id: style for style in document.styles}
    writer = Writer()
    for paragraph in _paragraphs(document.element.body):
        text = " ".join(_text(paragraph).split())
        if not text:
            continue
        style = _style(paragraph, styles)
        hint = _hint(paragraph, style)
        if hint:
            writer.paragraph(text, 0, hint)
        elif _listed(paragraph, style):
            writer.item(text)
        else:
            writer.paragraph(text)
    if not any(line.text for line in writer.lines):
        raise Unreadable(
            "the Word document has no text (it may hold only pictures): add its text, or delete it"
        )
    return Extracted(writer.done())


def _paragraphs(element: Any) -> Iterator[Any]:
    """The ``w:p`` elements of the body in reading order, inside tables and controls too."""
    for child in element.iterchildren():
        if child.tag == f"{_W}p":
            yield child
        elif child.tag in _CONTAINERS:
            yield from _paragraphs(child)


def _text(paragraph: Any) -> str:
    """What the paragraph reads: its runs' text, without what the module doc leaves out."""
    parts: list[str] = []
    stack = [iter(paragraph.iterchildren())]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag in _SKIP or tag == f"{_W}pPr":
            continue
        if tag == f"{_W}r" and child.find(f"{_W}rPr/{_W}vanish") is not None:
            continue  # hidden text
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            parts.append(" ")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            stack.append(iter(child.iterchildren()))
    return "".join(parts)


def _style(paragraph: Any, styles: dict[str, Any]) -> Any:
    ppr = paragraph.find(f"{_W}pPr")
    found = ppr.find(f"{_W}pStyle") if ppr is not None else None
    return styles.get(found.get(f"{_W}val")) if found is not None else None


def _chain(style: Any) -> Iterator[Any]:
    """A style and the styles it is based on (at most 20: a loop in a damaged file)."""
    for _ in range(20):
        if style is None:
            return
        yield style
        style = style.base_style


def _hint(paragraph: Any, style: Any) -> Hint:
    """ "title" or "heading" if the style (or an outline level) says so, else ''."""
    for each in _chain(style):
        name = (each.name or "").casefold()
        if name == "title":
            return "title"
        if _HEADING.fullmatch(name):
            return "heading"
    for each in [paragraph, *(s.element for s in _chain(style))]:
        level = each.find(f"{_W}pPr/{_W}outlineLvl")
        if level is not None and level.get(f"{_W}val", "9").isdigit():
            return "heading" if int(level.get(f"{_W}val", "9")) < 9 else ""
    return ""


def _listed(paragraph: Any, style: Any) -> bool:
    """Numbered or bulleted, by the paragraph itself or by its style."""
    for each in [paragraph, *(s.element for s in _chain(style))]:
        numbering = each.find(f"{_W}pPr/{_W}numPr/{_W}numId")
        if numbering is not None:
            return str(numbering.get(f"{_W}val", "0")) != "0"
    return False
