"""Write what the link stage decided into the records: documents, seminars, people, concepts.

Every registry entry comes out, linked or not, so the site has a page for each; every list
is in a fixed order (documents and speakers by id, roles by document, talks by where they
were announced), so the output does not depend on the order the inputs came in.
Pure functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..records import Concept, Document, Evidence, Mention, Person, Role, Seminar
from .mentions import Hit
from .roles import DocRoles, merge_talks
from .segments import Segment, line_at, sentence_at, sentence_span, source

Term = tuple[int, int, int, str, str]  # segment, start, end, words, concept id


@dataclass(frozen=True)
class Reading:
    """What was read in one document: its segments, names (and whom they resolve to), terms."""

    doc: Document
    segments: tuple[Segment, ...]
    hits: tuple[Hit, ...]
    resolved: Mapping[int, tuple[str, str]]  # hit number -> (person id, rule)
    terms: tuple[Term, ...]


def first_full_mentions(reading: Reading) -> dict[str, Evidence]:
    """Each person the document names in full, with the first sentence naming them."""
    out: dict[str, Evidence] = {}
    for number, hit in enumerate(reading.hits):
        pid = reading.resolved.get(number, ("", ""))[0]
        if hit.full and pid and pid not in out:
            out[pid] = _passage(reading, hit.segment, hit.start, "mention")
    return out


def _passage(reading: Reading, segment: int, start: int, rule: str) -> Evidence:
    seg = reading.segments[segment]
    return Evidence(rule, sentence_at(seg.text, start), source(reading.doc), line_at(seg, start))


def mentions(reading: Reading) -> tuple[Mention, ...]:
    """Every mention of a person or concept in a document, in reading order.

    Every resolved name is a mention; a concept is mentioned once per sentence, which is
    what a context snippet needs.
    """
    found: list[tuple[int, int, Mention]] = []
    for number, hit in enumerate(reading.hits):
        if number in reading.resolved:
            ev = _passage(reading, hit.segment, hit.start, "")
            mention = Mention("person", reading.resolved[number][0], hit.text, ev.text, ev.line)
            found.append((hit.segment, hit.start, mention))
    seen: set[tuple[str, int, int]] = set()
    for segment, start, _end, text, cid in reading.terms:
        key = (cid, segment, sentence_span(reading.segments[segment].text, start)[0])
        if key not in seen:
            seen.add(key)
            ev = _passage(reading, segment, start, "")
            found.append((segment, start, Mention("concept", cid, text, ev.text, ev.line)))
    found.sort(key=lambda item: (item[0], item[1], item[2].target, item[2].id))
    return tuple(m for _, _, m in found)


def fill_mentions(
    doc: Document,
    mentions: tuple[Mention, ...],
    placed: tuple[int | None, tuple[Evidence, ...]],
    roles: DocRoles,
) -> Document:
    """``doc`` with its :func:`mentions`, and what follows from them and from its roles."""
    authors = tuple(pid for pid, _ in roles.authors)
    named = (m.id for m in mentions if m.target == "person")
    return replace(
        doc,
        authors=authors,
        people=tuple(dict.fromkeys((*authors, *named))),
        concepts=tuple(dict.fromkeys(m.id for m in mentions if m.target == "concept")),
        seminar=placed[0],
        seminar_evidence=placed[1],
        mentions=mentions,
    )


def seminars(
    registry: Sequence[Seminar], docs: Sequence[Document], roles: Sequence[DocRoles]
) -> tuple[Seminar, ...]:
    """Each seminar with its documents, speakers and talks."""
    out = []
    for seminar in registry:
        mine = [i for i, doc in enumerate(docs) if doc.seminar == seminar.number]
        out.append(
            replace(
                seminar,
                documents=tuple(sorted(docs[i].id for i in mine)),
                speakers=tuple(sorted({pid for i in mine for pid, _ in roles[i].speakers})),
                talks=merge_talks([talk for i in mine for talk in roles[i].talks]),
            )
        )
    return tuple(out)


_ORDER = {"author": 0, "speaker": 1, "mentioned": 2}


def people(
    registry: Sequence[Person], docs: Sequence[Document], roles: Sequence[DocRoles]
) -> tuple[Person, ...]:
    """Each person with their roles; ``seminars`` are those they wrote about or spoke at."""
    found: dict[str, list[Role]] = {}
    for doc, doc_roles in zip(docs, roles, strict=True):
        for pid, ev in doc_roles.authors:
            found.setdefault(pid, []).append(Role("author", doc.id, doc.seminar, ev))
        for pid, ev in doc_roles.speakers:
            found.setdefault(pid, []).append(Role("speaker", doc.id, doc.seminar, ev))
        active = {pid for pid, _ in (*doc_roles.authors, *doc_roles.speakers)}
        for pid in doc.people:
            if pid not in active:
                first = next(m for m in doc.mentions if m.target == "person" and m.id == pid)
                ev = Evidence("mention", first.sentence, source(doc), first.line)
                found.setdefault(pid, []).append(Role("mentioned", doc.id, doc.seminar, ev))
    out = []
    for person in sorted(registry, key=lambda p: p.id):
        mine = sorted(found.get(person.id, []), key=lambda r: (r.document or "", _ORDER[r.role]))
        took_part = {r.seminar for r in mine if r.seminar is not None and r.role != "mentioned"}
        out.append(
            replace(
                person,
                documents=tuple(sorted({r.document for r in mine if r.document})),
                seminars=tuple(sorted(took_part)),
                roles=tuple(mine),
            )
        )
    return tuple(out)


def concepts(registry: Sequence[Concept], docs: Sequence[Document]) -> tuple[Concept, ...]:
    """Each concept with the documents that discuss it."""
    return tuple(
        replace(c, documents=tuple(sorted(d.id for d in docs if c.id in d.concepts)))
        for c in registry
    )
