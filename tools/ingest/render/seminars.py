"""The seminar pages and the seminars' timeline (``seminars/``): pure functions.

A seminar page says what is known about one seminar and where each fact was published.
When the sources disagree (two titles, two venues), the page shows every value with its
address rather than choosing one silently: a reader can weigh the evidence, and a
maintainer can see what to check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..pages import docname, page_path, relative, site_page
from ..records import Document, Fact, Seminar
from .cite import cite_box, seminar_ref
from .markdown import (
    bullets,
    date_label,
    directive,
    escape_inline,
    external,
    join_lines,
    link,
    plural,
    shown_date,
)
from .model import Site

KIND_LABELS = {"blog": "blog post", "slides": "slide deck", "article": "article"}
#: The facts a seminar page shows first, in this order; any others follow by name.
FACT_ORDER = ("title", "date", "venue")
#: How many concepts a seminar page lists as "most discussed".
TOP_CONCEPTS = 8
_WARNING = (("class", "warning"),)
_SOURCE_LINE = re.compile(r"^sources/(?P<path>.+):(?P<line>\d+)$")


def cite(site: Site, page: str, source: str, line: int, last: int | None = None) -> str:
    """Where a passage stands: a link to the document holding it, and the file and lines."""
    where = escape_inline(f"sources/{source}, {site.at(source, line, last)}")
    doc = site.covering(source, line)
    if doc is None:
        return where
    return f"{link(doc.title, page, page_path('document', doc.id))} ({where})"


def fact_source(site: Site, page: str, source: str) -> str:
    """The address a fact comes from: a web page, or a line of a source file."""
    match = _SOURCE_LINE.match(source)
    if match:
        return cite(site, page, match["path"], int(match["line"]))
    return external(source)


def document_item(doc: Document, page: str) -> str:
    """One document in a list: its title as a link, its kind and date."""
    when = shown_date(doc.date) if doc.date else "undated"
    return (
        f"{link(doc.title, page, page_path('document', doc.id))} ({KIND_LABELS[doc.kind]}, {when})"
    )


def _norm(value: str) -> str:
    return " ".join(value.split()).casefold()


def _fact_value(fact: Fact) -> str:
    label = date_label(fact.value) if fact.name == "date" else None
    return label if label is not None else escape_inline(fact.value)


def _fact_rank(name: str) -> tuple[int, str]:
    """Title, date and venue first, in that order; any other fact after, by name."""
    return (FACT_ORDER.index(name), "") if name in FACT_ORDER else (len(FACT_ORDER), name)


def _sources(site: Site, page: str, facts: Sequence[Fact]) -> str:
    return "; ".join(dict.fromkeys(fact_source(site, page, f.source) for f in facts))


def _facts(site: Site, seminar: Seminar, page: str) -> str:
    """Each fact with the addresses it comes from; facts the sources disagree on apart.

    A fact with one value is one line. A fact given two or more values (two titles, two
    venues) goes into a warning that lists every value with its own addresses, so the
    disagreement is visible rather than settled silently.
    """
    agreed: list[str] = []
    disputed: list[str] = []
    for name in sorted({f.name for f in seminar.facts}, key=_fact_rank):
        facts = [f for f in seminar.facts if f.name == name]
        groups: dict[str, list[Fact]] = {}
        for fact in facts:  # the first spelling of a value stands for it
            groups.setdefault(_norm(fact.value), []).append(fact)
        lines = [f"{_fact_value(g[0])} — {_sources(site, page, g)}" for g in groups.values()]
        label = escape_inline(name.capitalize())
        if len(lines) == 1:
            agreed.append(f"{label}: {lines[0]}")
            continue
        body = join_lines(
            f"The sources disagree on the {escape_inline(name)}; each value is shown with "
            "where it was read:",
            bullets(lines),
        )
        disputed.append(directive("admonition", f"Sources disagree: {label}", _WARNING, body))
    if not agreed and not disputed:
        return "No source in the collection gives a fact about this seminar yet."
    listed = join_lines("Each fact and the address it comes from:", bullets(agreed))
    return join_lines(listed if agreed else "", *disputed)


def _summary(seminar: Seminar) -> str:
    items = [f"**Number:** {seminar.number}"]
    items.append(f"**Date:** {shown_date(seminar.date)}")
    items.append(f"**Venue:** {escape_inline(seminar.venue) if seminar.venue else 'not known'}")
    others = [t for t in seminar.titles if _norm(t) != _norm(seminar.title or "")]
    if others:
        items.append("**Also announced as:** " + "; ".join(escape_inline(t) for t in others))
    return bullets(items)


def _programme(site: Site, seminar: Seminar, page: str) -> str:
    """The talks in the order announced, then the passages the programme was read from."""
    if not seminar.talks:
        return "The programme of this seminar is not in the collection yet."
    items = []
    for talk in seminar.talks:
        speakers = ", ".join(
            link(site.people[p].name, page, page_path("person", p)) for p in talk.speakers
        )
        items.append(f"*{escape_inline(talk.title)}*: {speakers or 'speaker not known'}")
    lines: dict[str, list[int]] = {}
    for talk in seminar.talks:
        if talk.evidence is not None:
            lines.setdefault(talk.evidence.source, []).append(talk.evidence.line)
    read_from = "; ".join(
        cite(site, page, source, min(numbers), max(numbers))
        for source, numbers in sorted(lines.items())
    )
    return join_lines(
        "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1)),
        f"Read from {read_from}." if read_from else "",
    )


def _people(site: Site, ids: Sequence[str], page: str) -> str:
    people = sorted((site.people[p] for p in ids), key=lambda p: (p.name.casefold(), p.id))
    return bullets(
        link(p.name, page, page_path("person", p.id))
        + (f", {escape_inline(p.affiliation)}" if p.affiliation else "")
        for p in people
    )


def title_of(seminar: Seminar) -> str:
    """A seminar's heading: its number, and its title when one is known (escaped)."""
    if seminar.title:
        return f"Seminar {seminar.number}: {escape_inline(seminar.title)}"
    return f"Seminar {seminar.number}"


def seminar_page(site: Site, number: int) -> str:
    """The page of one seminar (``seminars/seminar-<n>.md``)."""
    seminar = site.seminars[number]
    page = page_path("seminar", number)
    numbers = sorted(site.seminars)
    at = numbers.index(number)
    around = [
        f"{label}: {link(f'Seminar {n}', page, page_path('seminar', n))}"
        for label, n in (
            ("Previous", numbers[at - 1] if at > 0 else None),
            ("Next", numbers[at + 1] if at + 1 < len(numbers) else None),
        )
        if n is not None
    ]
    docs = site.docs(site.seminar_documents.get(number, ()))
    speakers = sorted(site.seminar_speakers.get(number, ()))
    others = sorted(site.seminar_people.get(number, frozenset()) - set(speakers))
    concepts = site.seminar_concepts.get(number, ())[:TOP_CONCEPTS]
    return join_lines(
        f"# {title_of(seminar)}",
        " · ".join(around),
        _summary(seminar),
        "## Where the facts come from",
        _facts(site, seminar, page),
        "## Programme",
        _programme(site, seminar, page),
        "## Speakers",
        _people(site, speakers, page) if speakers else "No speaker is known yet.",
        *(("## Other people linked to it", _people(site, others, page)) if others else ()),
        "## Documents about this seminar",
        bullets(document_item(d, page) for d in docs)
        if docs
        else "No source in the collection covers this seminar yet.",
        "## Concepts most discussed",
        bullets(
            f"{link(site.concepts[c].term, page, page_path('concept', c))} ({plural(w, 'mention')})"
            for c, w in concepts
        )
        if concepts
        else "No concept has been found in its documents yet.",
        cite_box(seminar_ref(site, number), page),
    )


def seminars_index(site: Site) -> str:
    """The timeline of the series: one card per seminar, in order, with its counts."""
    page = site_page("seminars", "index")
    cards = []
    for number, seminar in site.seminars.items():
        target = page_path("seminar", number)
        when = date_label(seminar.date)
        counts = " · ".join(
            (
                plural(len(site.seminar_documents.get(number, ())), "document"),
                plural(len(site.seminar_speakers.get(number, ())), "speaker"),
                plural(len(seminar.talks), "talk"),
            )
        )
        lines = [
            escape_inline(seminar.title) if seminar.title else "Title not known",
            f"Venue: {escape_inline(seminar.venue) if seminar.venue else 'not known'}",
            counts,
        ]
        cards.append(
            directive(
                "grid-item-card",
                f"Seminar {number}" + (f" · {when}" if when else ""),
                [("link", "/" + docname(target)), ("link-type", "doc")],
                "\n\n".join(lines),
            )
        )
    toctree = "\n".join(docname(relative(page, page_path("seminar", n))) for n in site.seminars)
    dated = [s.date for s in site.seminars.values() if s.date and date_label(s.date)]
    span = f", from {date_label(min(dated))} to {date_label(max(dated))}" if dated else ""
    return join_lines(
        "# Seminars",
        f"The series in order: {plural(len(site.seminars), 'seminar')}{span}. Each card "
        "leads to a seminar's page: its programme, the documents about it, and where each "
        "fact comes from.",
        directive("grid", "1", [("gutter", "2")], "\n\n".join(cards)) if cards else "",
        directive("toctree", "", [("hidden", ""), ("maxdepth", "1")], toctree),
    )
