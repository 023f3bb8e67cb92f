"""A page's frame: the header above its first post and the sidebar and footer after its last.

A page copied from a browser brings its frame along: a site name and tagline between the
skip link and the menu, a list of recent posts and archive months in the sidebar. Line
rules (``rules/boilerplate.yaml``, label ``chrome``) know the frame's common wordings, but a
site name or a list of post titles has no wording of its own; what marks it is where it
stands. So, once the line rules have run:

* **header**: every line above the page's first paragraph of prose, up to its last line
  a chrome rule dropped there, is chrome (the site name between "Skip to content" and
  "Menu");
* **footer**: every line after the page's last paragraph of prose, from the first line a
  chrome rule dropped there, is chrome ("Older posts", then "Recent Posts" and its titles,
  "Archives" and its months, "Powered by ...").

Lines that are neither (a post's title under the header, a signature after the last
paragraph) stay. Pure functions over rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..records import Block
from .blocks import Row

__all__ = ["FRAME", "PROSE_WORDS", "drop_frame"]

#: The label of the rules whose lines anchor a frame, and of the lines dropped with them.
FRAME = "chrome"
#: A line of prose has at least this many words (a title, a name or a menu item has fewer).
PROSE_WORDS = 10


def is_prose(row: Row) -> bool:
    return len(row.text.split()) >= PROSE_WORDS


def drop_frame(rows: Sequence[Row], removed: Sequence[Block]) -> tuple[list[Row], list[Block]]:
    """Blank the header and footer lines of a page (see the module doc); return them."""
    prose = [i for i, row in enumerate(rows) if is_prose(row)]
    if not prose:
        return list(rows), []
    anchors = sorted(b.first for b in removed if b.label == FRAME)
    first, last = rows[prose[0]].number, rows[prose[-1]].number
    top = max((n for n in anchors if n < first), default=None)
    bottom = min((n for n in anchors if n > last), default=None)
    kept: list[Row] = []
    dropped: list[Block] = []
    for row in rows:
        framed = (top is not None and row.number < top) or (
            bottom is not None and row.number > bottom
        )
        if framed and row.text:
            dropped.append(Block("paragraph", row.text, row.number, row.number, FRAME))
            kept.append(replace(row, text=""))
        else:
            kept.append(row)
    return kept, dropped
