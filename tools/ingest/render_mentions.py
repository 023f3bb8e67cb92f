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

from .pages import PageKind, page_path, relative
from .records import Block, Mention

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
    longest_first = sorted(surfaces, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, longest_first)) + r")(?!\w)")
    for index, block in enumerate(blocks):
        if len(done) == len(keys):
            break
        if block.kind not in LINKABLE:
            continue
        pieces: list[str] = []
        position = 0
        text = out[index]
        for found in pattern.finditer(text):
            key = surfaces[found.group(1)]
            if key in done:
                continue
            done.add(key)
            kind: PageKind = "person" if key[0] == "person" else "concept"
            pieces += [text[position : found.start()], f"{_START}{len(targets)}{_MID}"]
            pieces += [found.group(1), _END]
            targets.append(relative(page, page_path(kind, key[1])))
            position = found.end()
        out[index] = "".join(pieces) + text[position:]
    return out, targets


def links_from_placeholders(markdown: str, targets: Sequence[str]) -> str:
    """Turn each placeholder of escaped ``markdown`` into a MyST link to its target."""
    return _PLACEHOLDER.sub(lambda m: f"[{m.group(2)}]({targets[int(m.group(1))]})", markdown)
