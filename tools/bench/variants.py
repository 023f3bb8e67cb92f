"""Write a synthetic post as lines, and make the copies that de-duplication must merge.

The copies are the ones the real blog texts show or that saving a page again produces:

- ``exact``: the same text byte for byte (the same post on two archive pages);
- ``near-words``: one to three words changed (a post edited after it was first saved);
- ``near-spacing``: NBSP-only separator lines added or dropped, two spaces after stops;
- ``near-quotes``: curly quotes and dashes made straight, NBSP lines made blank;
- ``near-mojibake``: UTF-8 read as Windows-1252 once ("donâ€™t"), as a bad re-save does;
- ``excerpt``: the title, head and first one or two paragraphs, then "Continue reading →".

A whole file saved as Windows-1252 is a property of the file, not of the copy; see
:mod:`.generate`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from .compose import NBSP, Story
from .material import Material

VARIANTS = ("exact", "near-words", "near-spacing", "near-quotes", "near-mojibake", "excerpt")
NEAR = tuple(v for v in VARIANTS if v.startswith("near-"))
CONTINUE = "Continue reading \u2192"
_STRAIGHT = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
_WORD = re.compile(r"\b[a-z]{4,}\b")


@dataclass(frozen=True)
class Rendered:
    """A post as lines; ``body_last`` is the index of its last prose line (0-based)."""

    lines: tuple[str, ...]
    body_last: int


def render(story: Story, excerpt: int = 0) -> Rendered:
    """The post's lines; with ``excerpt`` > 0, only that many paragraphs and a link."""
    lines: list[str] = []
    if story.title_line is not None:
        lines += [story.title_line, ""]
    for line in story.head:
        lines += [line, ""]
    paragraphs = story.paragraphs[:excerpt] if excerpt else story.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if index and story.nbsp:
            lines += [NBSP, ""]
        lines += [*paragraph, ""]
    body_last = len(lines) - 2
    if excerpt:
        lines += [CONTINUE, ""]
    elif story.signoff:
        if story.nbsp:
            lines += [NBSP, ""]
        lines += [*story.signoff, ""]
    return Rendered(lines=tuple(lines[:-1]), body_last=body_last)


def _mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252; bytes it leaves undefined pass through as Latin-1."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def _map_text(story: Story, apply: Callable[[str], str]) -> Story:
    return replace(
        story,
        title_line=None if story.title_line is None else apply(story.title_line),
        head=tuple(apply(line) for line in story.head),
        paragraphs=tuple(tuple(apply(line) for line in p) for p in story.paragraphs),
        signoff=tuple(apply(line) for line in story.signoff),
    )


def _change_words(story: Story, material: Material, rng: random.Random) -> Story:
    paragraphs = [list(p) for p in story.paragraphs]
    for _ in range(rng.randint(1, 3)):
        where = rng.randrange(len(paragraphs))
        line = paragraphs[where][0]
        words = list(_WORD.finditer(line))
        if words:
            hit = rng.choice(words)
            new = next(w for w in rng.sample(material.words, 2) if w != hit.group())
            paragraphs[where][0] = line[: hit.start()] + new + line[hit.end() :]
    return replace(story, paragraphs=tuple(tuple(p) for p in paragraphs))


def excerpt_length(story: Story) -> int:
    """How many paragraphs an excerpt keeps: the first, or the first two when both are prose."""
    first_two = story.paragraphs[:2]
    return 2 if len(first_two) == 2 and all(len(p) == 1 for p in first_two) else 1


def variant(story: Story, kind: str, material: Material, rng: random.Random) -> Rendered:
    """The lines of one copy of ``story`` of the given kind (one of :data:`VARIANTS`)."""
    if kind in ("original", "exact"):
        return render(story)
    if kind == "excerpt":
        return render(story, excerpt=excerpt_length(story))
    if kind == "near-words":
        return render(_change_words(story, material, rng))
    if kind == "near-spacing":
        spaced = _map_text(story, lambda line: line.replace(". ", ".  "))
        return render(replace(spaced, nbsp=not story.nbsp))
    if kind == "near-quotes":
        straight = _map_text(story, lambda line: line.translate(_STRAIGHT))
        return render(replace(straight, nbsp=False))
    if kind == "near-mojibake":
        return render(_map_text(story, _mojibake))
    raise ValueError(f"unknown copy kind {kind!r}; expected one of {', '.join(VARIANTS)}")
