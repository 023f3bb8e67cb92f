"""The relations between documents, seminars, people and concepts, computed once.

The link stage records each relation on one side or on both (``Document.people`` and
``Person.documents``, ``Seminar.speakers`` and ``Role``...). A site whose pages each read
one side would link A to B without linking B back to A. So every relation is gathered
here as a set of pairs from *all* the places it is recorded, and both pages of a pair are
made from the same set: if a seminar page lists a person, that person's page lists the
seminar.

Everything here is pure and deterministic: sets are only ever read through ``sorted``.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from .. import pages
from ..names import name_words
from ..records import Concept, Document, Fact, Linked, Mention, Person, Seminar, page_unit
from ..text import unaccented
from .places import span

K = TypeVar("K")
V = TypeVar("V")

#: Ids with their weights, heaviest first.
Ranking = tuple[tuple[str, int], ...]


def _group(pairs: Iterable[tuple[K, V]]) -> dict[K, frozenset[V]]:
    grouped: defaultdict[K, set[V]] = defaultdict(set)
    for key, value in pairs:
        grouped[key].add(value)
    return {key: frozenset(values) for key, values in grouped.items()}


def _group_list(pairs: Iterable[tuple[K, V]]) -> dict[K, tuple[V, ...]]:
    grouped: defaultdict[K, list[V]] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return {key: tuple(values) for key, values in grouped.items()}


def _ranked(weights: Mapping[str, int]) -> Ranking:
    """Ids by weight, heaviest first, ties by id: a deterministic ranking."""
    return tuple(sorted(weights.items(), key=lambda item: (-item[1], item[0])))


def document_key(document: Document) -> tuple[str, str, str]:
    """Order documents by date (undated last), then title, then id."""
    return (document.date or "~", unaccented(document.title), document.id)


def name_parts(name: str) -> tuple[str, str]:
    """``(surname, given names)`` of a name written given-names-first.

    Lower-case particles before the last word belong to the surname (``van Gogh``);
    honorifics are dropped. A one-word name is all surname.
    """
    words = [w for w in name.split() if not name_words().is_honorific(w)] or [name]
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].islower():
        cut -= 1
    return " ".join(words[cut:]), " ".join(words[:cut])


def sort_name(person: Person) -> tuple[str, str, str]:
    """The key the people index sorts by: surname, then given names, then id."""
    surname, given = name_parts(person.name)
    last = surname.split()[-1] if surname.split() else surname
    return (unaccented(last), unaccented(given), person.id)


@dataclass(frozen=True)
class Site:
    """The entities by key, and every relation as a symmetric pair of lookups."""

    documents: Mapping[str, Document]
    seminars: Mapping[int, Seminar]
    people: Mapping[str, Person]
    concepts: Mapping[str, Concept]
    seminar_documents: Mapping[int, frozenset[str]]
    person_documents: Mapping[str, frozenset[str]]
    document_people: Mapping[str, frozenset[str]]
    concept_documents: Mapping[str, frozenset[str]]
    seminar_people: Mapping[int, frozenset[str]]
    person_seminars: Mapping[str, frozenset[int]]
    seminar_speakers: Mapping[int, frozenset[str]]
    person_concepts: Mapping[str, Ranking]
    concept_people: Mapping[str, Ranking]
    seminar_concepts: Mapping[int, Ranking]
    series: tuple[Fact, ...] = ()  # facts about the series as a whole (its title...)
    base_url: str | None = None  # the site's own address (KB_BASEURL), when known

    def address(self, page: str) -> str | None:
        """The full address of a page (``seminars/seminar-4.md``) when the site's own
        address is known, else None."""
        return pages.page_url(self.base_url, page) if self.base_url else None

    def indexed(self) -> Site:
        """The site with its lookup tables built: before the pages are made on several
        cores, so that each worker does not build them again."""
        for table in ("_mentions", "_order", "_person_order", "_origins", "_pages"):
            getattr(self, table)  # a cached property: built now, kept
        return self

    def mentions(self, document: str, target: str, key: str) -> tuple[Mention, ...]:
        """The mentions of one person or concept in one document, in line order."""
        return self._mentions.get((document, target, key), ())

    @functools.cached_property
    def _mentions(self) -> Mapping[tuple[str, str, str], tuple[Mention, ...]]:
        """:meth:`mentions` of every document, person and concept, found in one pass."""
        found = _group_list(
            ((doc.id, m.target, m.id), m) for doc in self.documents.values() for m in doc.mentions
        )
        return {
            key: tuple(sorted(ms, key=lambda m: (m.line, m.sentence, m.text)))
            for key, ms in found.items()
        }

    def covering(self, source: str, line: int) -> Document | None:
        """The document whose text holds ``line`` of ``source`` (relative to sources/)."""
        found = sorted(
            doc_id for first, last, doc_id in self._origins.get(source, ()) if first <= line <= last
        )
        return self.documents[found[0]] if found else None

    @functools.cached_property
    def _origins(self) -> Mapping[str, tuple[tuple[int, int, str], ...]]:
        """``(first, last, document id)`` of every origin, by source: for :meth:`covering`."""
        return _group_list(
            (origin.source, (*origin.lines, doc.id))
            for doc in self.documents.values()
            for origin in doc.origins
        )

    def at(self, source: str, line: int, last: int | None = None) -> str:
        """How a reader finds lines ``line`` to ``last`` of ``source``: "line 12"; in a PDF
        or a deck, the pages or slides of the blocks holding them ("page 4"); in a Word
        file "paragraph 12"."""
        last = line if last is None else last
        first_page, last_page = self._page(source, line), self._page(source, last)
        pages = (first_page, max(first_page, last_page)) if first_page else None
        return span(source, (line, last), pages)

    def _page(self, source: str, line: int) -> int:
        blocks = self._pages.get(source, ())
        return next((p[0] for first, last, p in blocks if first <= line <= last), 0)

    @functools.cached_property
    def _pages(self) -> Mapping[str, tuple[tuple[int, int, tuple[int, int]], ...]]:
        """``(first line, last line, pages)`` of every block shown from a PDF or a deck."""
        return _group_list(
            (doc.origins[0].source, (block.first, block.last, block.pages))
            for doc in self.documents.values()
            if doc.origins and page_unit(doc.origins[0].source)
            for block in doc.blocks
            if block.pages
        )

    def docs(self, ids: Iterable[str]) -> tuple[Document, ...]:
        """Documents by id, in :func:`document_key` order."""
        return tuple(self.documents[i] for i in sorted(ids, key=self._order.__getitem__))

    def persons(self, ids: Iterable[str]) -> tuple[Person, ...]:
        """People by id, in :func:`sort_name` order (surname first)."""
        return tuple(self.people[i] for i in sorted(ids, key=self._person_order.__getitem__))

    @functools.cached_property
    def _person_order(self) -> Mapping[str, int]:
        ordered = sorted(self.people.values(), key=sort_name)
        return {person.id: place for place, person in enumerate(ordered)}

    @functools.cached_property
    def _order(self) -> Mapping[str, int]:
        """Each document's place in :func:`document_key` order (folding titles once)."""
        ordered = sorted(self.documents.values(), key=document_key)
        return {doc.id: place for place, doc in enumerate(ordered)}


def _placeholder(number: int) -> Seminar:
    """A seminar a document names but the registry does not: known by its number only."""
    return Seminar(number=number, title=None, titles=(), date=None, venue=None, facts=())


def _references(linked: Linked) -> set[tuple[str, str]]:
    """Every ``(kind, id)`` that a record of ``linked`` points to."""
    refs = {("person", p) for d in linked.documents for p in (*d.authors, *d.people)}
    refs |= {("concept", c) for d in linked.documents for c in d.concepts}
    refs |= {(m.target, m.id) for d in linked.documents for m in d.mentions}
    refs |= {("document", d) for p in linked.people for d in p.documents}
    refs |= {("document", r.document) for p in linked.people for r in p.roles if r.document}
    refs |= {("document", d) for c in linked.concepts for d in c.documents}
    refs |= {("concept", r) for c in linked.concepts for r in c.related}
    refs |= {("document", d) for s in linked.seminars for d in s.documents}
    refs |= {("person", p) for s in linked.seminars for p in s.speakers}
    refs |= {("person", p) for s in linked.seminars for t in s.talks for p in t.speakers}
    return refs


def _check(linked: Linked) -> None:
    """Fail on ids that point nowhere: a bug in the link stage, and a broken link here."""
    known = {("document", d.id) for d in linked.documents}
    known |= {("person", p.id) for p in linked.people}
    known |= {("concept", c.id) for c in linked.concepts}
    dangling = sorted(_references(linked) - known)
    if dangling:
        listed = ", ".join(f"{kind} {key!r}" for kind, key in dangling)
        raise ValueError(f"the link stage referred to ids it did not define: {listed}")


def _ranked_table(pairs: Iterable[tuple[tuple[str, str], int]]) -> dict[str, Ranking]:
    """``{a: ((b, weight), ...)}`` from weighted pairs ``(a, b)``, each ranked."""
    table: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for (a, b), weight in pairs:
        table[a][b] = weight
    return {key: _ranked(row) for key, row in table.items()}


def _weights(
    linked: Linked, seminar_doc: set[tuple[int, str]]
) -> tuple[Counter[tuple[str, str]], Counter[tuple[int, str]]]:
    """How much each person, and each seminar, is tied to each concept.

    A person is tied to the concepts of the documents they wrote (each weighted by how
    often the document mentions it, at least once) and to the concepts named in the same
    sentence as them anywhere ("Rogers spoke about weak ties"). A seminar is tied to the
    concepts of the documents about it (``seminar_doc``), weighted the same way.
    """
    seminars_of = _group((d, n) for n, d in seminar_doc)
    person: Counter[tuple[str, str]] = Counter()
    seminar: Counter[tuple[int, str]] = Counter()
    for doc in linked.documents:
        counts = Counter(m.id for m in doc.mentions if m.target == "concept")
        weight = {c: max(1, counts[c]) for c in set(doc.concepts) | set(counts)}
        for author in doc.authors:
            person.update({(author, c): w for c, w in weight.items()})
        for number in seminars_of.get(doc.id, ()):
            seminar.update({(number, c): w for c, w in weight.items()})
        for group in _group(((m.line, m.sentence), m) for m in doc.mentions).values():
            names = {m.id for m in group if m.target == "person"}
            ideas = {m.id for m in group if m.target == "concept"}
            person.update((p, c) for p in names for c in ideas)
    return person, seminar


def build_site(linked: Linked, base_url: str | None = None) -> Site:
    """Index ``linked`` and gather every relation from every place it is recorded;
    ``base_url`` is the site's own address, when known (:func:`.pages.base_url`)."""
    _check(linked)
    seminar_doc = {(s.number, d) for s in linked.seminars for d in s.documents}
    seminar_doc |= {(d.seminar, d.id) for d in linked.documents if d.seminar is not None}
    person_doc = {(p, d.id) for d in linked.documents for p in (*d.authors, *d.people)}
    person_doc |= {(p.id, d) for p in linked.people for d in p.documents}
    person_doc |= {(p.id, r.document) for p in linked.people for r in p.roles if r.document}
    concept_doc = {(c, d.id) for d in linked.documents for c in d.concepts}
    concept_doc |= {(c.id, d) for c in linked.concepts for d in c.documents}
    speaker = {(s.number, p) for s in linked.seminars for p in s.speakers}
    speaker |= {(s.number, p) for s in linked.seminars for t in s.talks for p in t.speakers}
    speaker |= {
        (r.seminar, p.id)
        for p in linked.people
        for r in p.roles
        if r.role == "speaker" and r.seminar is not None
    }
    attended = speaker | {(n, p.id) for p in linked.people for n in p.seminars}
    attended |= {(r.seminar, p.id) for p in linked.people for r in p.roles if r.seminar is not None}

    given = {s.number: s for s in linked.seminars}
    numbers = set(given) | {n for n, _ in seminar_doc} | {n for n, _ in attended}
    person_concept, seminar_concept = _weights(linked, seminar_doc)
    return Site(
        documents={d.id: d for d in linked.documents},
        seminars={n: given.get(n) or _placeholder(n) for n in sorted(numbers)},
        people={p.id: p for p in linked.people},
        concepts={c.id: c for c in linked.concepts},
        seminar_documents=_group(seminar_doc),
        person_documents=_group(person_doc),
        document_people=_group((d, p) for p, d in person_doc),
        concept_documents=_group(concept_doc),
        seminar_people=_group(attended),
        person_seminars=_group((p, n) for n, p in attended),
        seminar_speakers=_group(speaker),
        person_concepts=_ranked_table(person_concept.items()),
        concept_people=_ranked_table(((c, p), w) for (p, c), w in person_concept.items()),
        seminar_concepts={
            n: _ranked({c: w for (m, c), w in seminar_concept.items() if m == n})
            for n in sorted({n for n, _ in seminar_concept})
        },
        series=linked.series,
        base_url=base_url,
    )
