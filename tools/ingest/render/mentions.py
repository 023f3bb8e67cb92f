"""Link the first mention of each person and concept in a document's text to its page.

A reader of a document should be able to click the first "Anne Rogers" or "weak ties"
in the running text, not only the list in the page header. The text is escaped as a whole
after linking (so nothing in it can become markup), which is why the links are first put
in as private-use placeholder characters around the mentioned words and turned into
MyST links only after escaping: ``\\ue002N\\ue003words\\ue004`` becomes ``[words](target)``.

Pure: texts and mentions in, texts with placeholders and the list of targets out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..pages import PageKind, page_path, relative
from ..records import Block, Mention
from .works import PROTECTED

_START, _MID, _END = "\ue002", "\ue003", "\ue004"
_PLACEHOLDER = re.compile(f"{_START}(\\d+){_MID}(.*?){_END}", re.DOTALL)
LINKABLE = ("paragraph", "item", "quote")


def mark_first_mentions(
    blocks: Sequence[Block], texts: Sequence[str], mentions: Sequence[Mention], page: str
) -> tuple[list[str], list[str]]:
    """Put placeholders around the first mention of each person and concept.

    Returns the texts with placeholders and the link target of each placeholder, by number.
    A mention is found as the words the link stage read ("Joe", "weak ties"), at word
    boundaries; where two start at the same place the longer wins.
    """
    out = list(texts)
    if any(c in text for text in texts for c in (_START, _MID, _END)):
        return out, []
    surfaces: dict[str, tuple[str, str]] = {}
    for mention in mentions:
        surfaces.setdefault(mention.text, (mention.target, mention.id))
    targets: list[str] = []
    done: set[tuple[str, str]] = set()
    keys = set(surfaces.values())
    longest_first = sorted((s for s in surfaces if s), key=len, reverse=True)
    for index, block in enumerate(blocks):
        if len(done) == len(keys):
            break
        if block.kind not in LINKABLE:
            continue
        pieces: list[str] = []
        position = 0
        text = out[index]
        # A citation already made a link (works.py): no link inside another.
        cited = [(m.start(), m.end()) for m in PROTECTED.finditer(text)]
        for start, words in _find(text, longest_first):
            key = surfaces[words]
            if key in done or any(a <= start < b for a, b in cited):
                continue
            done.add(key)
            kind: PageKind = "person" if key[0] == "person" else "concept"
            pieces += [text[position:start], f"{_START}{len(targets)}{_MID}", words, _END]
            targets.append(relative(page, page_path(kind, key[1])))
            position = start + len(words)
        out[index] = "".join(pieces) + text[position:]
    return out, targets


def _find(text: str, surfaces: Sequence[str]) -> list[tuple[int, str]]:
    r"""Where ``surfaces`` stand in ``text`` as whole words, left to right, never overlapping;
    at one place the longest wins.

    The same matches as ``re.finditer(r"(?<!\w)(" + "|".join(surfaces) + r")(?!\w)")``
    with the surfaces escaped and longest first, without compiling a pattern for every
    page (which took most of the time of rendering a page). ``str.isalnum`` and ``_`` are
    exactly what ``\w`` matches.
    """
    found: list[tuple[int, int, str]] = []
    for words in surfaces:
        at = text.find(words)
        while at != -1:
            before = text[at - 1] if at else " "
            after = text[at + len(words) : at + len(words) + 1] or " "
            if not (_is_word(before) or _is_word(after)):
                found.append((at, -len(words), words))
            at = text.find(words, at + 1)
    out: list[tuple[int, str]] = []
    position = 0
    for start, _, words in sorted(found):
        if start >= position:
            out.append((start, words))
            position = start + len(words)
    return out


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def links_from_placeholders(markdown: str, targets: Sequence[str]) -> str:
    """Turn each placeholder of escaped ``markdown`` into a MyST link to its target."""
    return _PLACEHOLDER.sub(lambda m: f"[{m.group(2)}]({targets[int(m.group(1))]})", markdown)
