"""A document's text as the link stage reads it: segments, sentences and source lines.

The title (when the text gave one) and each block become a :class:`Segment`: the unit in
which names and terms are searched, in reading order, each knowing the source lines it
came from. Reading order matters: a first name alone is only read as a person once their
full name has appeared *earlier* in the document.

Pure functions over :class:`~.records.Document`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..names import name_words, recase, recase_lead
from ..records import Document, Evidence
from ..text import fold

# A sentence ends at . ! ? (and any closing quotes or brackets) before a capital, a digit or
# an opening quote; a line break always ends one (slide transcripts and notes break lines).
_BOUNDARY = re.compile(
    r"(?<=[.!?\u2026])(?P<close>[\u2019\u201d\"')\]]*)\s+(?=[\u201c\u2018\"'(\[]?[A-Z0-9])|\n+"
)
# A full stop after an honorific (rules/names.yaml) or one of these does not end a sentence
# ("Dr. Smith", "Bee et al. (2015)").
_ABBREVIATIONS = frozenset({"st", "vs", "al", "e.g", "i.e", "etc", "cf", "pp", "eds"})


@dataclass(frozen=True)
class Segment:
    """The title or one block of a document."""

    index: int  # reading order: 0 is the title if there is one
    kind: str  # "title" or the block's kind
    text: str
    first: int  # first source line
    last: int  # last source line
    hint: str = ""  # the block's hint ("date", "byline", ...), if any


def segments(doc: Document) -> tuple[Segment, ...]:
    """The title (unless derived from the text, or repeated as the first block) and blocks."""
    out: list[Segment] = []
    first_line = doc.origins[0].lines[0] if doc.origins else 1
    first_block = doc.blocks[0].text if doc.blocks else ""
    if doc.title and not doc.title_derived and not fold(first_block).startswith(fold(doc.title)):
        out.append(Segment(0, "title", doc.title, first_line, first_line))
    for block in doc.blocks:  # a line in capitals is read as ordinary text (names.recase),
        # and so is a name in capitals that opens a line before its role
        text = "\n".join(recase_lead(line) for line in recase(block.text).split("\n"))
        out.append(Segment(len(out), block.kind, text, block.first, block.last, block.hint))
    return tuple(out)


def source(doc: Document) -> str:
    """The canonical copy's source file: every line number refers to it."""
    return doc.origins[0].source if doc.origins else ""


def line_at(segment: Segment, offset: int) -> int:
    """The source line of a character of a segment (counting the line breaks before it)."""
    return min(segment.first + segment.text.count("\n", 0, offset), segment.last)


@functools.lru_cache(maxsize=4096)  # every mention in a paragraph asks for its sentences
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Start and end offsets of the sentences of ``text`` (closing quotes stay with theirs)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + len(match.group("close") or "")
        if "\n" not in match.group():
            words = text[start : match.start()].split()
            last = words[-1].rstrip(".").casefold() if words else ""
            if last in _ABBREVIATIONS or last in name_words().honorific_keys or len(last) == 1:
                continue  # "Dr. Smith", "Bee et al. (2015)", "J. Smith": not a sentence end
        if text[start:end].strip():
            bounds.append((start, end))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    return tuple(bounds)


def sentence_span(text: str, offset: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``offset``."""
    for start, end in sentences(text):
        if start <= offset < end:
            return start, end
    return 0, len(text)


def sentence_at(text: str, offset: int, limit: int = 400) -> str:
    """The sentence holding ``offset``, spaces collapsed, cut to about ``limit`` characters."""
    start, end = sentence_span(text, offset)
    sentence = " ".join(text[start:end].split())
    if len(sentence) <= limit:
        return sentence
    at = len(" ".join(text[start:offset].split()))
    cut = max(0, min(at - limit // 2, len(sentence) - limit))
    head = "\u2026" if cut else ""
    tail = "\u2026" if cut + limit < len(sentence) else ""
    return f"{head}{sentence[cut : cut + limit].strip()}{tail}"


def evidence(doc: Document, segment: Segment, offset: int, rule: str) -> Evidence:
    """The passage at ``offset`` of a segment, as evidence for a link."""
    return Evidence(
        rule=rule,
        text=sentence_at(segment.text, offset),
        source=source(doc),
        line=line_at(segment, offset),
    )
