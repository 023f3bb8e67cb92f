"""Compose distinct synthetic blog posts from :class:`~.material.Material`.

A post is shaped like the posts of the series' WordPress blog: a title line (often carrying
the author, "... Summary by X", or a "Seminar N:" prefix), sometimes a byline or a thanks
line under it, prose paragraphs that end with full stops, sometimes a bulleted list after
a paragraph ending with a colon, sometimes a section heading, and often a sign-off (the
author's name, "Thanks to X for her contribution.").

Every post announces itself the way real posts do, so a correct general splitter can find
where it starts: its title is strong (a "Seminar N:" prefix or an author in the title) or
is followed by a byline or a thanks line. Section headings inside a post are weak
(one word, or a speaker and a quoted talk title after prose), as in the real texts.

Posts are distinct: titles are unique, and each sentence re-fills about half of its
template's content words, so two posts that share a template still differ in most words.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .material import Material, Template

NBSP = "\u00a0"
BULLET = "  \u2022 "


@dataclass(frozen=True)
class Story:
    """One distinct synthetic post, before it is written anywhere."""

    id: str
    title: str  # the title as a reader would give it
    author: str
    title_line: str | None  # the first line as written; None for an untitled post
    head: tuple[str, ...]  # lines between the title and the prose (byline, thanks line)
    paragraphs: tuple[tuple[str, ...], ...]  # one line per prose paragraph; lists: 1 per item
    signoff: tuple[str, ...]  # lines after the prose ("Harminder Kaur"); "" is a blank line
    nbsp: bool  # paragraphs are separated by NBSP-only lines (as WordPress saves them)


def fill(template: Template, material: Material, rng: random.Random, share: float) -> str:
    """The template's text with about ``share`` of its slots re-filled by random words."""
    tokens = list(template.tokens)
    for index in template.slots:
        if rng.random() < share:
            token = tokens[index]
            core = re.sub(r"^\W+|\W+$", "", token)
            word = rng.choice(material.words)
            if core[:1].isupper():
                word = word[:1].upper() + word[1:]
            tokens[index] = token.replace(core, word, 1)
    return " ".join(tokens)


def _name(material: Material, rng: random.Random) -> str:
    return f"{rng.choice(material.first_names)} {rng.choice(material.last_names)}"


def _sentence(
    material: Material, rng: random.Random, names: re.Pattern[str], short: bool = False
) -> str:
    text = fill(rng.choice(material.short if short else material.sentences), material, rng, 0.5)
    # Real sentences name real people; a synthetic post names synthetic ones.
    return names.sub(lambda _: _name(material, rng), text)


def _paragraph(material: Material, rng: random.Random, names: re.Pattern[str]) -> str:
    return " ".join(_sentence(material, rng, names) for _ in range(rng.randint(2, 4)))


def _body(material: Material, rng: random.Random) -> tuple[tuple[str, ...], ...]:
    names = re.compile(
        rf"\b(?:{'|'.join(material.first_names)}) (?:{'|'.join(material.last_names)})\b"
    )
    count = rng.randint(3, 7)
    paragraphs: list[tuple[str, ...]] = [(_paragraph(material, rng, names),)]
    for index in range(1, count):
        roll = rng.random()
        if roll < 0.12 and index < count - 1:
            # A list is introduced by a paragraph ending with a colon, as in the texts.
            lead = _paragraph(material, rng, names)
            paragraphs.append((lead[:-1] + ":" if lead.endswith(".") else lead,))
            items = [_sentence(material, rng, names, short=True) for _ in range(rng.randint(3, 6))]
            paragraphs.append(tuple(BULLET + item for item in items))
        elif roll < 0.2 and index < count - 1:
            if rng.random() < 0.5:
                heading = rng.choice(material.headings)
            else:
                phrase = fill(rng.choice(material.phrases), material, rng, 0.6)
                heading = f"{_name(material, rng)}, \u2018{phrase}\u2019"
            paragraphs.append((heading,))
        paragraphs.append((_paragraph(material, rng, names),))
    return tuple(paragraphs)


def _title(
    material: Material, rng: random.Random, author: str, used: set[str]
) -> tuple[str, str, tuple[str, ...]]:
    """A unique (title, title line, head lines) in one of the blog's title shapes."""
    while True:
        phrase = fill(rng.choice(material.phrases), material, rng, 0.6)
        shape = rng.randrange(7)
        if shape == 0:
            title = f"Seminar {rng.randint(1, 7)}: {phrase}"
            line, head = title, ((f"By {author}",) if rng.random() < 0.5 else ())
        elif shape == 1:
            title = f"{phrase} Seminar Summary"
            line, head = f"{title} by{NBSP}{author}", ()
        elif shape == 2:
            title = phrase
            line, head = f"{phrase} by {author}", ()
        elif shape == 3:
            title = phrase
            line, head = f"{phrase}. By {author}", ()
        elif shape == 4:
            title = f"Some Thoughts on {phrase}"
            line, head = title, (f"Many Thanks to {author} for her contribution:",)
        else:
            title = phrase if shape == 5 else f"Reflections on {phrase}"
            line, head = title, (f"By {author}",)
        if title.casefold() not in used:
            used.add(title.casefold())
            return title, line, head


def compose(
    material: Material, rng: random.Random, number: int, used: set[str], titled: bool
) -> Story:
    """The ``number``-th distinct post; ``used`` holds the titles taken so far (casefolded)."""
    author = _name(material, rng)
    title, line, head = _title(material, rng, author, used)
    roll = rng.random()
    if roll < 0.25:
        signoff: tuple[str, ...] = (author,)
    elif roll < 0.45:
        pronoun = rng.choice(("her", "his", "their"))
        signoff = (f"Thanks to {author} for {pronoun} contribution.",)
    elif roll < 0.55:
        other = rng.choice(material.first_names)
        signoff = ("Best regards,", "", f"{author.split()[0]} & {other}")
    else:
        signoff = ()
    return Story(
        id=f"p{number:05d}",
        title=title,
        author=author,
        title_line=line if titled else None,
        head=head if titled else (),
        paragraphs=_body(material, rng),
        signoff=signoff,
        nbsp=rng.random() < 0.4,
    )
