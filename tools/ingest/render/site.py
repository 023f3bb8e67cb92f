"""The knowledge-base pages around the documents: seminars, people, concepts, indexes.

:func:`render_site` turns the link stage's output into MyST pages, one per seminar,
person and concept, the index page of each folder, the glossary, the source library
(``documents/index.md``) and the collection at a glance (``documents/overview.md``, the
counts and cards the hand-written home page links to). The document pages themselves
and ``catalog.json`` are written by :mod:`.render`, which calls this.

Every link between two pages is a relative path made by :func:`.pages.page_path`, so
MyST resolves it and Sphinx checks it (``-n``); every text from a source or a registry
is escaped (:mod:`.escape`); and a relation is read from one symmetric table
(:mod:`.render.model`), so whenever page A links to page B, B links back to A.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial

from ..pages import docname, page_path, site_page
from ..records import KINDS, Linked
from .concepts import concept_page, concepts_index, glossary
from .markdown import (
    bullets,
    date_label,
    directive,
    join_lines,
    plural,
    shown_date,
)
from .model import Site, build_site, document_key
from .people import people_index, person_page
from .seminars import KIND_LABELS, document_item, seminar_page, seminars_index
from .works import works_cited_page

__all__ = ["page_makers", "render_site"]

KIND_HEADINGS = {"blog": "Blog posts", "slides": "Slide decks", "article": "Articles"}


def render_site(linked: Linked) -> dict[str, bytes]:
    """Every site page, by path relative to the site root, as UTF-8 MyST.

    Raises ``ValueError`` when a record refers to an id that ``linked`` does not define
    (a bug in the link stage, which would otherwise become a broken link).
    """
    makers = page_makers(build_site(linked))
    return {path: makers[path]().encode("utf-8") for path in sorted(makers)}


def page_makers(site: Site) -> dict[str, Callable[[], str]]:
    """How to make each site page, by path: :func:`.render.render` makes them on every
    core, with the document pages."""
    makers: dict[str, Callable[[], str]] = {
        site_page("seminars", "index"): partial(seminars_index, site),
        site_page("people", "index"): partial(people_index, site),
        site_page("concepts", "index"): partial(concepts_index, site),
        site_page("concepts", "glossary"): partial(glossary, site),
        site_page("documents", "index"): partial(library, site),
        site_page("documents", "overview"): partial(overview, site),
        site_page("documents", "works-cited"): partial(works_cited_page, site),
    }
    makers.update({page_path("seminar", n): partial(seminar_page, site, n) for n in site.seminars})
    makers.update({page_path("person", p): partial(person_page, site, p) for p in site.people})
    makers.update({page_path("concept", c): partial(concept_page, site, c) for c in site.concepts})
    return makers


def library(site: Site) -> str:
    """The source library: every document by kind, then by year."""
    page = site_page("documents", "index")
    docs = sorted(site.documents.values(), key=document_key)
    kinds = Counter(d.kind for d in docs)
    if not docs:
        return join_lines("# Source library", "No source has been ingested yet.")
    files = len({o.source for d in docs for o in d.origins})
    by_kind = ", ".join(plural(kinds[k], KIND_LABELS[k]) for k in KINDS if kinds[k])
    parts = [
        "# Source library",
        f"{plural(len(docs), 'document')} from {plural(files, 'source file')}: {by_kind}. "
        "Each page shows the text as it was found and where it was found.",
        "## By kind",
    ]
    for kind in KINDS:
        of_kind = [d for d in docs if d.kind == kind]
        if of_kind:
            parts += [
                f"### {KIND_HEADINGS[kind]}",
                bullets(document_item(d, page) for d in of_kind),
            ]
    parts.append("## By date")
    years: dict[str, list[str]] = {}
    for doc in docs:
        year = date_label(doc.date[:4]) if doc.date else None
        years.setdefault(year or "Undated", []).append(
            f"{shown_date(doc.date) if year else 'undated'}: {document_item(doc, page)}"
        )
    for year, items in sorted(years.items(), key=lambda item: (item[0] == "Undated", item[0])):
        parts += [f"### {year}", bullets(items)]
    return join_lines(*parts)


def _card(title: str, target: str, text: str) -> str:
    """A card that links to a site page; ``title`` and ``text`` are made here, not read."""
    options = [("link", "/" + docname(target)), ("link-type", "doc")]
    return directive("grid-item-card", title, options, text)


def overview(site: Site) -> str:
    """The collection at a glance: counts from the records and a card per index page."""
    docs = site.documents.values()
    with_sources = sum(1 for n in site.seminars if site.seminar_documents.get(n))
    unreviewed = sum(not p.reviewed for p in site.people.values())
    talks = sum(len(s.talks) for s in site.seminars.values())
    cards = [
        _card(
            "Seminars",
            site_page("seminars", "index"),
            f"{plural(len(site.seminars), 'seminar')} in order, "
            f"{with_sources} with sources so far; {plural(talks, 'talk')} in their programmes.",
        ),
        _card(
            "People",
            site_page("people", "index"),
            f"{plural(len(site.people), 'person', 'people')} who spoke, wrote or are named, "
            f"{unreviewed} awaiting review.",
        ),
        _card(
            "Concepts",
            site_page("concepts", "index"),
            f"{plural(len(site.concepts), 'concept')} with definitions, and the glossary.",
        ),
        _card(
            "Source library",
            site_page("documents", "index"),
            f"{plural(len(docs), 'document')} by kind and by date.",
        ),
    ]
    mentions = sum(len(d.mentions) for d in docs)
    return join_lines(
        "# The collection at a glance",
        "Counted from the records of the catalog (`catalog.json`) each time the site is "
        "built: "
        f"{plural(len(docs), 'document')} linked to {plural(len(site.seminars), 'seminar')}, "
        f"{plural(len(site.people), 'person', 'people')} and "
        f"{plural(len(site.concepts), 'concept')} by {plural(mentions, 'mention')}.",
        directive("grid", "1 2 2 2", [("gutter", "2")], "\n\n".join(cards)),
    )
