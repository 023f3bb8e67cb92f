"""Raw material for synthetic posts, read at run time from the project's real blog texts.

The benchmark must exercise the pipeline on text that looks like its real input (the same
words, punctuation, curly quotes, name shapes and heading shapes) without copying any real
post whole. So this module reads ``sources/blog/*.txt`` and keeps only *parts*: sentences
turned into templates whose less common words are slots, short heading phrases whose
content words are slots, and first and last names harvested from bylines and talk
headings. :mod:`.generate` recombines them, so every synthetic post is new text.

Everything here is pure and deterministic: the same files give the same material
(lists are sorted, never built from set iteration order).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

NBSP = "\u00a0"
#: Words of a sentence that become slots: lower-case words (hyphens allowed) of 4+ letters.
_SLOT_WORD = re.compile(r"^([^\w]*)([a-z][a-z-]{3,})([^\w]*)$")
#: A sentence worth reusing starts with a capital or an opening quote and ends with a stop.
_WHOLE_SENTENCE = re.compile(r"[A-Z\u2018\u201c].*[.!?][\u2019\u201d]?", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u2018\u201c])")
#: Shapes that name a person in the blog texts: bylines, thanks, talk headings, titles.
_NAME_PATTERNS = (
    re.compile(
        r"\b(?:[Bb]y|[Tt]hanks to|Dr|Professor|with|called)\s+([A-Z][a-z]+) ([A-Z][a-z]+)\b"
    ),
    re.compile(r"^([A-Z][a-z]+) ([A-Z][a-z]+)(?::|,) "),
    re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+) (?:argued|stated|opened|introduced|pointed)\b"),
)
_NOT_NAMES = frozenset(
    {
        "The", "This", "That", "There", "Seminar", "Mental", "Health", "University", "Dr",
        "Professor", "Co", "Many", "Thanks", "Research", "Centre", "Social", "Sciences",
        "International", "Leeds", "York", "Best", "Below", "Policy",
    }
)  # fmt: skip
#: One-word lines that are site chrome, not section headings.
_CHROME_WORDS = frozenset({"Advertisements", "Share", "Like", "Loading", "Related"})
#: Heading phrases: "Seminar N: X", "Name Name: X", and titles quoted in prose.
_PHRASE_PATTERNS = (
    re.compile(r"^Seminar \d+:? (.{12,90}?)\s*$"),
    re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+: (.{12,90}?)\s*$"),
    re.compile(r"\u2018([A-Z][^\u2019]{12,80})\u2019"),
)


@dataclass(frozen=True)
class Template:
    """A sentence or phrase as tokens; ``slots`` are the indexes of replaceable tokens."""

    tokens: tuple[str, ...]
    slots: tuple[int, ...]


@dataclass(frozen=True)
class Material:
    """What synthetic posts are built from; every tuple is sorted and non-empty."""

    sentences: tuple[Template, ...]  # prose sentences, 8 to 45 words
    short: tuple[Template, ...]  # short sentences, for list items
    phrases: tuple[Template, ...]  # heading phrases, for titles
    words: tuple[str, ...]  # lower-case fill words
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    headings: tuple[str, ...]  # one-word section headings seen in posts ("Introduction")


def read_texts(blog_dir: Path) -> tuple[str, ...]:
    """The blog texts, decoded (UTF-8, else Windows-1252), in file-name order."""
    texts = []
    for path in sorted(blog_dir.glob("*.txt")):
        data = path.read_bytes()
        try:
            texts.append(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            texts.append(data.decode("cp1252", errors="replace"))
    return tuple(texts)


def _template(text: str, fixed: frozenset[str]) -> Template:
    tokens = tuple(text.split())
    slots = []
    for index, token in enumerate(tokens):
        match = _SLOT_WORD.match(token)
        if match and match.group(2) not in fixed:
            slots.append(index)
    return Template(tokens=tokens, slots=tuple(slots))


def _lines(texts: tuple[str, ...]) -> list[str]:
    return [line.replace(NBSP, " ").strip() for text in texts for line in text.splitlines()]


def build_material(blog_dir: Path) -> Material:
    """Harvest templates, words and names from the ``*.txt`` files of ``blog_dir``.

    Raises ``ValueError`` naming the folder when it holds too little text to vary posts.
    """
    lines = [line for line in _lines(read_texts(blog_dir)) if line]
    counts = Counter(
        m.group(2) for line in lines for t in line.split() if (m := _SLOT_WORD.match(t))
    )
    # The most frequent words stay fixed so templates keep the texts' own subject matter
    # ("co-production", "service", "users"); the rest vary from post to post.
    fixed = frozenset(word for word, _ in counts.most_common(60))
    words = tuple(sorted(w for w in counts if w not in fixed and not w.endswith("-")))
    prose = [line for line in lines if len(line) >= 80 and line[-1] in ".!?:\u2019\u201d)"]
    sentences = sorted({s for line in prose for s in _SENTENCE_END.split(line)})
    full = [
        _template(s, fixed)
        for s in sentences
        if 8 <= len(s.split()) <= 45 and _WHOLE_SENTENCE.fullmatch(s)
    ]
    short = [t for t in full if len(t.tokens) <= 16]
    firsts: set[str] = set()
    lasts: set[str] = set()
    phrases: set[str] = set()
    for line in lines:
        for pattern in _NAME_PATTERNS:
            for first, last in pattern.findall(line):
                if first not in _NOT_NAMES and last not in _NOT_NAMES:
                    firsts.add(first)
                    lasts.add(last)
        for pattern in _PHRASE_PATTERNS:
            phrases.update(p.rstrip(" .") for p in pattern.findall(line))
    headings = sorted(
        {line for line in lines if re.fullmatch(r"[A-Z][a-z]{5,}", line)} - _CHROME_WORDS
    )
    material = Material(
        sentences=tuple(t for t in full if len(t.slots) >= 2),
        short=tuple(t for t in short if len(t.slots) >= 2),
        phrases=tuple(
            t for t in (_title_template(p, fixed) for p in sorted(phrases)) if len(t.slots) >= 1
        ),
        words=words,
        first_names=tuple(sorted(firsts)),
        last_names=tuple(sorted(lasts)),
        headings=tuple(headings) or ("Introduction",),
    )
    _check(material, blog_dir)
    return material


def _title_template(phrase: str, fixed: frozenset[str]) -> Template:
    """A heading phrase whose content words (any case) are slots."""
    tokens = tuple(phrase.split())
    slots = tuple(
        i
        for i, token in enumerate(tokens)
        if re.fullmatch(r"[A-Za-z][a-z-]{3,}", token) and token.lower() not in fixed
    )
    return Template(tokens=tokens, slots=slots)


def _check(material: Material, blog_dir: Path) -> None:
    needs = {
        "sentences": (len(material.sentences), 40),
        "short sentences": (len(material.short), 5),
        "heading phrases": (len(material.phrases), 3),
        "fill words": (len(material.words), 200),
        "first names": (len(material.first_names), 3),
        "last names": (len(material.last_names), 3),
    }
    short_of = [f"{what} ({have} < {need})" for what, (have, need) in needs.items() if have < need]
    if short_of:
        raise ValueError(
            f"{blog_dir}: too little blog text to build synthetic posts from: "
            f"{', '.join(short_of)}; add real blog texts (*.txt) to that folder"
        )
