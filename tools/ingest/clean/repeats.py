"""Image alt text that a browser copies next to the text it describes.

A team page shows each person's photo and name; copied from a browser, the photo's alt
text (usually the same name) lands beside the name: glued to it on one line ("Dr Pamela
FisherDr Pamela Fisher", "Kwabena AsanteProfessor Kwabena Asante") or on the line above
("Dr Lowri Pritchard-Vaughan" twice). The copy says nothing the text does not, so the
clean stage keeps one of the two. A share card under a post does the same with its text:
its excerpt, the first words of a paragraph above and "...", goes. Pure functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..names import same_given
from ..records import Block
from .blocks import Row

__all__ = ["MAX_WORDS", "drop_repeats", "repair_glued", "unrepeat"]

#: Alt text is short: a line (or half a line) of at most this many words.
MAX_WORDS = 8
#: A card's excerpt of a paragraph repeats at least its first this many words, then "...".
EXCERPT_WORDS = 6


def unrepeat(text: str) -> str | None:
    """One copy of a line written twice without a space between: the longer half when one
    half ends the other ("X" + "Professor X"), else the first; ``None`` if no repeat."""
    for cut in range(3, len(text) - 2):
        if not (text[cut].isupper() and text[cut - 1].isalpha() and text[cut - 1].islower()):
            continue
        first, second = text[:cut], text[cut:]
        if len(second.split()) > MAX_WORDS or len(first.split()) > MAX_WORDS:
            continue
        if first == second or second.endswith(" " + first):
            return second
        if first.endswith(" " + second):
            return first
        if _one_name(first, second):  # "Tom GreavesThomas Greaves": the fuller form
            return max(first, second, key=len)
    return None


def _one_name(a: str, b: str) -> bool:
    """Whether two short names are one person's: the same surname, and given names that
    are one name's forms ("Tom Greaves", "Thomas Greaves")."""
    x, y = a.split(), b.split()
    return (
        2 <= len(x) <= 4
        and 2 <= len(y) <= 4
        and x[-1] == y[-1]
        and x[0] != y[0]
        and same_given(x[-2], y[-2])
    )


def _opening(text: str) -> str:
    """The first :data:`EXCERPT_WORDS` words of a line, folded, as an excerpt repeats them."""
    return " ".join(text.casefold().split()[:EXCERPT_WORDS])


def _excerpt(text: str, seen: set[str]) -> bool:
    """Whether a line is a card's excerpt of the page's own text: cut off with "..." and
    opening as a paragraph above it opens ("Last Friday I sat on a panel at ...")."""
    cut = text.removesuffix("...").removesuffix("\u2026")
    return cut != text and len(cut.split()) > EXCERPT_WORDS and _opening(cut) in seen


def repair_glued(rows: Sequence[Row]) -> tuple[list[Row], list[Block]]:
    """One copy of each short line written twice without a space ("Jo BloggsJo Bloggs"),
    the line as it stood removed: first of all, so that every later step reads the name
    (an entry footer's writer over its date, clean/dated.py)."""
    kept: list[Row] = []
    removed: list[Block] = []
    for row in rows:
        text = row.text
        if text and len(text.split()) <= 2 * MAX_WORDS and (one := unrepeat(text)):
            removed.append(Block("paragraph", text, row.number, row.number, "boilerplate"))
            kept.append(replace(row, text=one))
        else:
            kept.append(row)
    return kept, removed


def drop_repeats(rows: Sequence[Row]) -> tuple[list[Row], list[Block]]:
    """Blank a short line repeated on the line right under it (alt text on its own line
    over the name), and a card's excerpt of a paragraph above it."""
    kept: list[Row] = []
    removed: list[Block] = []
    seen: set[str] = set()  # how the paragraphs so far open
    for i, row in enumerate(rows):
        text = row.text
        if text and _excerpt(text, seen):
            removed.append(Block("paragraph", text, row.number, row.number, "boilerplate"))
            kept.append(replace(row, text=""))
            continue
        if len(text.split()) > EXCERPT_WORDS:
            seen.add(_opening(text))
        after = rows[i + 1] if i + 1 < len(rows) else None
        if (
            text
            and after is not None
            and after.text == text
            and len(text.split()) <= MAX_WORDS
            and not row.hint
        ):
            removed.append(Block("paragraph", text, row.number, row.number, "boilerplate"))
            kept.append(replace(row, text=""))
            continue
        kept.append(row)
    return kept, removed
