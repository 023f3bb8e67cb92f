"""The concept pages, the concepts index and the glossary (``concepts/``): pure functions.

A concept page shows a concept's definition and then the evidence: every document that
discusses it, with the sentences where it occurs, the people tied to it and the seminars
where it came up. The glossary holds the same terms in a Sphinx ``glossary`` directive,
so a hand-written page can cite any of them with ``{term}``.
"""

from __future__ import annotations

from ..escape import inline_text
from ..pages import docname, page_path, relative, site_page
from ..records import Concept
from ..text import unaccented
from .markdown import (
    ORPHAN,
    bullets,
    by_initial,
    directive,
    escape_block,
    escape_inline,
    index_entry,
    join_lines,
    link,
    plural,
    shorten,
)
from .model import Site
from .seminars import document_item, fact_source

#: How many sentences a concept page quotes from one document before it says "and N more".
SENTENCES_PER_DOCUMENT = 5


def related(site: Site, concept: Concept) -> tuple[str, ...]:
    """Related concepts, both ways: A lists B when A names B or B names A."""
    ids = set(concept.related) | {c.id for c in site.concepts.values() if concept.id in c.related}
    ids.discard(concept.id)
    return tuple(sorted(ids, key=lambda c: (unaccented(site.concepts[c].term), c)))


def first_sentence(text: str, limit: int = 160) -> str:
    """The first sentence of a definition, for lists (raw text)."""
    flat = " ".join(text.split())
    end = flat.find(". ")
    return shorten(flat[: end + 1] if end > 0 else flat, limit)


def _documents(site: Site, concept: Concept, page: str) -> list[str]:
    items = []
    for doc in site.docs(site.concept_documents.get(concept.id, ())):
        sentences: dict[str, int] = {}
        for mention in site.mentions(doc.id, "concept", concept.id):
            sentences.setdefault(" ".join(mention.sentence.split()), mention.line)
        quoted = [
            f"  - {site.at(doc.origins[0].source, line)}: “{escape_inline(shorten(sentence))}”"
            for sentence, line in list(sentences.items())[:SENTENCES_PER_DOCUMENT]
        ]
        if len(sentences) > SENTENCES_PER_DOCUMENT:
            more = len(sentences) - SENTENCES_PER_DOCUMENT
            quoted.append(f"  - and {plural(more, 'more sentence')}")
        items.append("\n".join([document_item(doc, page), *quoted]))
    return items


def concept_page(site: Site, concept_id: str) -> str:
    """The page of one concept (``concepts/<id>.md``)."""
    concept = site.concepts[concept_id]
    page = page_path("concept", concept_id)
    facts = []
    if concept.aliases:
        facts.append("**Also called:** " + "; ".join(escape_inline(a) for a in concept.aliases))
    if concept.definition_source:
        facts.append(f"**Definition from:** {fact_source(site, page, concept.definition_source)}")
    glossary = site_page("concepts", "glossary")
    facts.append(f"**In the glossary:** {link('Glossary', page, glossary)}")
    seminars = {
        number: weight
        for number, ranking in site.seminar_concepts.items()
        for c, weight in ranking
        if c == concept_id
    }
    sections = {
        "Related concepts": [
            f"{link(site.concepts[c].term, page, page_path('concept', c))}: "
            + escape_inline(first_sentence(site.concepts[c].definition))
            for c in related(site, concept)
        ],
        "Documents that discuss it": _documents(site, concept, page)
        or ["No document in the collection discusses it yet."],
        "People who discuss it": [
            f"{link(site.people[p].name, page, page_path('person', p))} ({plural(w, 'mention')})"
            for p, w in site.concept_people.get(concept_id, ())
        ],
        "Seminars where it came up": [
            f"{link(f'Seminar {n}', page, page_path('seminar', n))} ({plural(w, 'mention')})"
            for n, w in sorted(seminars.items())
        ],
    }
    entries = [concept.term, *concept.aliases]
    return join_lines(
        ORPHAN,
        f"# {escape_inline(concept.term)}",
        *(directive("index", f"single: {index_entry(e)}") for e in entries),
        escape_block(concept.definition) or "No definition yet.",
        bullets(facts),
        *(
            part
            for title, items in sections.items()
            if items
            for part in (f"## {title}", bullets(items))
        ),
    )


def _sorted(site: Site) -> list[Concept]:
    return sorted(site.concepts.values(), key=lambda c: (unaccented(c.term), c.id))


def concepts_index(site: Site) -> str:
    """Every concept, A to Z under letter headings, with its first sentence."""
    page = site_page("concepts", "index")
    concepts = _sorted(site)
    parts = [
        "# Concepts",
        f"{plural(len(concepts), 'concept')}, A to Z. The "
        f"{link('glossary', page, site_page('concepts', 'glossary'))} has them all on one page.",
    ]
    for letter, group in by_initial(concepts, lambda c: c.term):
        parts.append(f"## {letter}")
        parts.append(
            bullets(
                f"{link(c.term, page, page_path('concept', c.id))}: "
                f"{escape_inline(first_sentence(c.definition))} "
                f"({plural(len(site.concept_documents.get(c.id, ())), 'document')})"
                for c in group
            )
        )
    glossary = docname(relative(page, site_page("concepts", "glossary")))
    parts.append(directive("toctree", "", [("hidden", ""), ("maxdepth", "1")], glossary))
    return join_lines(*parts)


def glossary(site: Site) -> str:
    """All concepts in a Sphinx glossary, so ``{term}`` works on every page.

    A term or alias that renders the same as one already listed (Sphinx compares them
    without case) is left out: Sphinx would warn of a duplicate term.
    """
    page = site_page("concepts", "glossary")
    seen: set[str] = set()
    entries = []
    for concept in _sorted(site):
        terms = []
        for term in (concept.term, *concept.aliases):
            key = inline_text(term).strip().lower()
            if key and key not in seen:
                seen.add(key)
                terms.append(escape_inline(term))
        if not terms:
            continue
        more = link(f"More about {concept.term}", page, page_path("concept", concept.id))
        body = join_lines(escape_block(concept.definition) or "No definition yet.", more)
        indented = "\n".join(f"   {line}" if line else "" for line in body.splitlines())
        entries.append("\n".join([*terms, indented]))
    return join_lines(
        "# Glossary",
        "The concepts of the collection, each with its definition and a link to its page.",
        directive("glossary", "", (), "\n\n".join(entries)) if entries else "No concept yet.",
    )
