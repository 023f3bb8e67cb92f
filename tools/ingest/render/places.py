"""How a page says where a passage stands in its source: pure functions.

A text has lines ("lines 12-80", with an en dash on the page). A PDF has pages and a
deck has slides, which is what a reader looks up ("page 4", "slides 1-12"); the line
numbers the pipeline gives such a file count the paragraphs of its extracted text, and
stay in ``catalog.json``. A Word file has no fixed pages, so its lines are shown as what
they are, paragraphs ("paragraphs 3-9").
"""

from __future__ import annotations

from ..records import Origin, page_unit


def span(source: str, lines: tuple[int, int], pages: tuple[int, int] | None = None) -> str:
    """``"lines 12-80"``, ``"page 4"``, ``"slides 1-12"``, ``"paragraph 3"``... (en dash)."""
    unit: str = page_unit(source) if pages else ""
    if unit and pages:
        first, last = pages
    else:
        first, last = lines
        unit = "paragraph" if source.lower().endswith(".docx") else "line"
    if first == last:
        return f"{unit} {first}"
    return f"{unit}s {first}\u2013{last}"


def origin_text(origin: Origin) -> str:
    """``sources/blog/x.txt, lines 12-80``: where a copy of a document's text is."""
    return f"sources/{origin.source}, {span(origin.source, origin.lines, origin.pages)}"
