"""Stage 5, link: tie each document to its seminar, its people and its concepts.

    load_registries(sources_root) -> Registries   (sources/registry/*.yaml, checked)
    link(documents, registries)   -> Linked       (documents filled in, and the entities)
    review_report(linked)         -> str          (people found by rules, for a maintainer)

The steps, each in a module of its own:

1. find the contexts that show what a name is doing (:mod:`.link.cues`);
2. discover people the registry does not know from those contexts (:mod:`.link.discover`);
3. find every name and term (:mod:`.link.mentions`); full names resolve at once, short
   forms once the full name appeared earlier in the same document;
4. place each document at a seminar from its own text (:mod:`.link.seminar`), then place
   the rest with the help of the speakers that the placed ones name;
5. settle the short forms left open against the people of the document's seminar, and
   read the roles and talks (:mod:`.link.roles`);
6. fill in the documents and build every seminar, person and concept, including those no
   text mentions, in a fixed order (:mod:`.link.entities`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from ..parallel import pmap
from ..records import Document, Evidence, Linked, Person
from . import entities as link_entities
from . import registry as link_registry
from .cues import Cue, find_cues
from .discover import Candidate, candidates, discovered_people, known_variants, review_report
from .entities import Reading, first_full_mentions
from .mentions import (
    Hit,
    NameIndex,
    TermIndex,
    build_index,
    build_terms,
    find_names,
    find_terms,
    resolve_in_document,
    resolve_pending,
)
from .names import NameRules
from .registry import Registries
from .roles import DocRoles, document_roles
from .segments import segments
from .seminar import (
    Signal,
    decide,
    filed_signals,
    page_signals,
    speaker_signals,
    text_signals,
)

__all__ = ["Registries", "link", "load_registries", "review_report", "run"]

Placement = tuple[int | None, tuple[Evidence, ...]]


def load_registries(sources_root: Path) -> Registries:
    """Read and check ``sources_root/registry/{seminars,people,concepts}.yaml``."""
    return link_registry.load(sources_root)


def link(documents: Sequence[Document], registries: Registries) -> Linked:
    """Link every document; the output depends only on the input, never on hash order."""
    rules = registries.rules
    # The per-document steps run on every core (parallel.py); the steps between them,
    # which look across documents (discovery, placing, roles), run here.
    cues = pmap(lambda doc: find_cues(doc, segments(doc), rules), documents)
    # a short form of a registry person found in a text ("Dr C Rhodes") is that person
    known, new = known_variants(
        _discover(documents, cues, registries.people, rules), registries.people
    )
    people = (*known, *new)
    index = build_index(people, rules)
    terms = build_terms(registries.concepts)
    readings = _read_all(documents, index, terms, rules)
    placed = _place(readings, cues, registries, index)
    numbers = [number for number, _ in placed]
    roles = pmap(
        lambda i: _roles(readings[i], numbers[i], cues[i], index, rules), range(len(readings))
    )
    present = _people_by_seminar(numbers, roles, authors=True)
    around = [present.get(n, frozenset()) if n is not None else frozenset() for n in numbers]
    readings = [
        replace(r, resolved=resolve_pending(r.hits, r.resolved, people)) if people else r
        for r, people in zip(readings, around, strict=True)
    ]
    pages = _people_by_page(readings)
    roles = pmap(
        lambda i: _roles(readings[i], numbers[i], cues[i], index, rules, around[i], pages[i]),
        range(len(readings)),
    )
    found = pmap(link_entities.mentions, readings)  # only the mentions travel back
    docs = tuple(
        link_entities.fill_mentions(r.doc, m, p, doc_roles)
        for r, m, p, doc_roles in zip(readings, found, placed, roles, strict=True)
    )
    return Linked(
        documents=docs,
        seminars=link_entities.seminars(registries.seminars, docs, roles),
        people=link_entities.people(people, docs, roles),
        concepts=link_entities.concepts(registries.concepts, docs),
        series=registries.series,
    )


def _discover(
    documents: Sequence[Document],
    cues: Sequence[tuple[Cue, ...]],
    registry: Sequence[Person],
    rules: NameRules,
) -> tuple[Person, ...]:
    """People the cues point at whom the registry does not know."""
    index = build_index(registry, rules)

    def found_in(at: int) -> list[Candidate]:
        doc = documents[at]
        return candidates(doc, cues[at], find_names(segments(doc), index, rules), index, rules)

    found = [c for doc_found in pmap(found_in, range(len(documents))) for c in doc_found]
    return discovered_people(found, [p.id for p in registry])


def _read_all(
    documents: Sequence[Document], index: NameIndex, terms: TermIndex, rules: NameRules
) -> list[Reading]:
    """:func:`_read` of every document, on every core. Only what was found comes back
    from a worker; the document and its segments are taken (again) from here."""

    def found(
        doc: Document,
    ) -> tuple[tuple[Hit, ...], Mapping[int, tuple[str, str]], tuple[link_entities.Term, ...]]:
        reading = _read(doc, index, terms, rules)
        return reading.hits, reading.resolved, reading.terms

    return [
        Reading(doc, segments(doc), *parts)
        for doc, parts in zip(documents, pmap(found, documents), strict=True)
    ]


def _read(doc: Document, index: NameIndex, terms: TermIndex, rules: NameRules) -> Reading:
    segs = segments(doc)
    found_terms = tuple(find_terms(segs, terms))
    hits = tuple(_outside_terms(find_names(segs, index, rules), found_terms))
    return Reading(doc, segs, hits, resolve_in_document(hits), found_terms)


def _outside_terms(hits: list[Hit], terms: tuple[link_entities.Term, ...]) -> list[Hit]:
    """Drop short forms inside a term ("McNamara" in "the McNamara fallacy")."""
    spans = [(s, a, b) for s, a, b, _, _ in terms]
    return [
        h
        for h in hits
        if h.full or not any(s == h.segment and a < h.end and h.start < b for s, a, b in spans)
    ]


def _place(
    readings: Sequence[Reading],
    cues: Sequence[tuple[Cue, ...]],
    registries: Registries,
    index: NameIndex,
) -> list[Placement]:
    """Place by the text first (with the page's heading, unless the page's own posts are
    about different seminars), a thread of replies by all its posts together; then place
    the rest with the speakers the placed ones name."""
    rules = registries.rules
    own = pmap(
        lambda r: [
            *text_signals(r.doc, r.segments, registries.seminars, rules),
            *filed_signals(r.doc, registries.seminars, rules),
        ],
        readings,
    )
    mixed = _mixed_pages(
        readings,
        [DISOWNED if _disowned(found) else decide(found)[0] for found in own],
    )
    signals = [
        [*found, *page_signals(r.doc, registries.seminars, rules, mixed)]
        for r, found in zip(readings, own, strict=True)
    ]
    placed = [decide(found) for found in signals]
    for thread in _threads(readings):
        # a reply says little of its own: the thread's posts, read together, say which
        # seminar the conversation is about
        pooled = decide([signal for i in thread for signal in signals[i]])
        if pooled[0] is not None:
            for i in thread:
                placed[i] = placed[i] if placed[i][0] is not None else pooled
    first = pmap(
        lambda i: _roles(readings[i], placed[i][0], cues[i], index, rules), range(len(readings))
    )
    spoke = _people_by_seminar([number for number, _ in placed], first, authors=False)
    for i, reading in enumerate(readings):
        if placed[i][0] is None:
            more: list[Signal] = speaker_signals(reading.doc, first_full_mentions(reading), spoke)
            placed[i] = decide([*signals[i], *more])
    return placed


#: What a reply or a forward puts before the subject it answers: "Re: ", "RE: ", "Fwd: ".
_REPLY = re.compile(r"(?i)^\s*(?:(?:re|fwd?|aw)\s*:\s*)+")


def _threads(readings: Sequence[Reading]) -> list[list[int]]:
    """The indexes of the posts of each thread of replies on a page: a post and the replies
    whose titles are its own after "Re:" ("Co-production seminar in Huddersfield - worth
    going?" / "Re: Co-production seminar in Huddersfield - worth going?"), as a forum or a
    mailing list's archive prints them. One pass over the documents (no pairs)."""
    found: dict[tuple[str, str], list[int]] = {}
    replied: set[tuple[str, str]] = set()
    for i, reading in enumerate(readings):
        doc = reading.doc
        if not doc.origins or not doc.title:
            continue
        key = (doc.origins[0].source, _REPLY.sub("", doc.title).strip().casefold())
        found.setdefault(key, []).append(i)
        if _REPLY.match(doc.title):
            replied.add(key)
    return [found[key] for key in sorted(replied) if len(found[key]) > 1]


#: What :func:`_mixed_pages` counts for a post whose text says it is about no seminar of
#: the series ("Not part of our series, but it may interest readers").
DISOWNED = 0


def _disowned(signals: Sequence[Signal]) -> bool:
    return any(s.kind == "not-ours" for s in signals)


def _mixed_pages(readings: Sequence[Reading], seminars: Sequence[int | None]) -> frozenset[str]:
    """The pages whose posts are about different seminars by their own text and filing
    (``seminars``, one per reading, placed without the page's heading), or that hold a
    post its text says is about none (:data:`DISOWNED`): their heading is a list of
    contents ("Seminar 4 in York, Open Dialogue and a call for papers"), or a
    newsletter's subject over its lead item ("Seminar 6 is on 6 July - book now" over a
    call for papers and a lecture "not part of our series"), about none of them alone."""
    found: dict[str, set[int]] = {}
    for reading, number in zip(readings, seminars, strict=True):
        if number is not None:
            for filing in reading.doc.filings:
                found.setdefault(filing.source, set()).add(number)
    return frozenset(
        source for source, numbers in found.items() if len(numbers) > 1 or DISOWNED in numbers
    )


def _roles(
    reading: Reading,
    seminar: int | None,
    cues: Sequence[Cue],
    index: NameIndex,
    rules: NameRules,
    seminar_people: frozenset[str] = frozenset(),
    page_people: frozenset[str] = frozenset(),
) -> DocRoles:
    r = reading
    return document_roles(
        r.doc, seminar, cues, r.hits, r.resolved, index, rules, seminar_people, page_people
    )


def _people_by_page(readings: Sequence[Reading]) -> list[frozenset[str]]:
    """For each document, the people named in full by any document cut from a page it was
    cut from: a post signed "Tom" on the page that introduces Tomasz Wiśniewski. One pass
    over the documents and one over their copies (no pairs of documents)."""
    named: dict[str, set[str]] = {}
    for r in readings:
        full = {pid for number, (pid, _) in r.resolved.items() if r.hits[number].full}
        for origin in r.doc.origins:
            named.setdefault(origin.source, set()).update(full)
    pages = {source: frozenset(people) for source, people in named.items()}  # one set a page
    return [
        pages[r.doc.origins[0].source]
        if len(r.doc.origins) == 1
        else frozenset().union(*(pages[o.source] for o in r.doc.origins))
        for r in readings
    ]


def _people_by_seminar(
    numbers: Sequence[int | None], roles: Sequence[DocRoles], *, authors: bool
) -> dict[int, frozenset[str]]:
    """Speakers (and, when asked, authors) of the documents placed at each seminar."""
    out: dict[int, set[str]] = {}
    for number, doc_roles in zip(numbers, roles, strict=True):
        if number is not None:
            pairs = (*doc_roles.speakers, *(doc_roles.authors if authors else ()))
            out.setdefault(number, set()).update(pid for pid, _ in pairs)
    return {n: frozenset(people) for n, people in out.items()}


def run(documents: Sequence[Document], sources_root: Path) -> Linked:
    """Stage 5, link: the documents tied to the registries of ``sources_root/registry/``."""
    return link(documents, load_registries(sources_root))
