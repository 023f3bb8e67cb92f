"""Who wrote a document, who spoke at its seminar, and which talks were given.

The cues of :mod:`.link.cues` point at places in the text; here each place is resolved to
the person found there (a registry or discovered person, see :mod:`.link.mentions`) and
turned into a role. A speaker role needs a seminar: a speech verb in a text that is about no
seminar ("Wharne examines", an article's "X argued") says nothing about who spoke where.

Talks come from programme lines and talk headings; the same talk is often announced in a
programme and summed up under a heading with a shorter title, so talks are merged per
seminar and set of speakers, keeping the programme's wording (the full announced title).
Pure functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

from ..records import Document, Evidence, Talk
from .cues import Cue, Span
from .discover import byline_names, name_line
from .mentions import Hit, NameIndex, handle_of, name_key, nicknamed
from .names import NameRules
from .segments import source

Resolved = Mapping[int, tuple[str, str]]  # hit number -> (person id, rule)


@dataclass(frozen=True)
class DocRoles:
    """The roles one document gives: (person id, evidence) pairs, and its talks."""

    authors: tuple[tuple[str, Evidence], ...]
    speakers: tuple[tuple[str, Evidence], ...]
    talks: tuple[Talk, ...]


def span_person(span: Span, hits: Sequence[Hit], resolved: Resolved) -> str | None:
    """The person of the first resolved name overlapping a span."""
    for number, hit in enumerate(hits):
        overlaps = hit.segment == span.segment and hit.start < span.end and span.start < hit.end
        if overlaps and number in resolved:
            return resolved[number][0]
    return None


def _unique(pairs: list[tuple[str, Evidence]]) -> tuple[tuple[str, Evidence], ...]:
    seen: dict[str, Evidence] = {}
    for pid, ev in pairs:
        seen.setdefault(pid, ev)
    return tuple(seen.items())


def document_roles(
    doc: Document,
    seminar: int | None,
    cues: Sequence[Cue],
    hits: Sequence[Hit],
    resolved: Resolved,
    index: NameIndex,
    rules: NameRules,
    seminar_people: frozenset[str] = frozenset(),
    page_people: frozenset[str] = frozenset(),
) -> DocRoles:
    """Authors (bylines first, then the text's own cues), speakers and talks of a document.

    A byline of one word ("Martin", "Pamela", as a split stage may lift them from a
    signature) is read like any short form: as the one person of that name the document
    names in full, else the one among the people the pages it was cut from name
    (``page_people``), else the one among the people of its seminar, else the one person
    of that name the knowledge base knows at all. A short form of a given name ("Tom" for
    Tomasz) is read the same way, but only among the people named around it.
    """
    authors: list[tuple[str, Evidence]] = []
    named = {pid for pid, _ in resolved.values()}
    around = (named, page_people, seminar_people)
    for byline in doc.bylines:
        for name in byline_names(byline, rules):
            pid = (
                index.full.get(name_key(name))
                or _short(name, index, around)
                or handle_of(index, name)
            )
            if pid is not None:
                where = name_line(doc, name)
                authors.append((pid, Evidence("byline", byline, source(doc), where)))
    speakers: list[tuple[str, Evidence]] = []
    talks: list[Talk] = []
    # the people the text puts in the audience ("A and B heard a keynote from C")
    listeners = {
        pid
        for cue in cues
        if cue.rule == "listener"
        for span in cue.names
        if (pid := span_person(span, hits, resolved)) is not None
    }
    for cue in cues:
        ids = [span_person(span, hits, resolved) for span in cue.names]
        found = [pid for pid in ids if pid is not None]
        if cue.role == "author":
            authors.extend((pid, cue.evidence) for pid in found)
        elif cue.role == "speaker" and seminar is not None:
            # the post's own writers report the day: a weak cue ("Sandeep said afterwards")
            # does not make one of them a speaker, a strong one (a programme line) does
            # (nor one of the audience)
            wrote = {pid for pid, _ in authors} | listeners if not cue.strong else set()
            speakers.extend((pid, cue.evidence) for pid in found if pid not in wrote)
            if cue.talk and found and len(found) == len(ids):
                talks.append(Talk(cue.talk, tuple(dict.fromkeys(found)), seminar, cue.evidence))
    return DocRoles(_unique(authors), _unique(speakers), tuple(talks))


def _short(name: str, index: NameIndex, around: Sequence[Set[str]]) -> str | None:
    """The one person a one-word name is, nearest context first (see
    :func:`document_roles`)."""
    ids = index.short.get(name_key(name), ())
    for context in (*around, set(ids)):
        there = [pid for pid in ids if pid in context]
        if len(there) == 1:
            return there[0]
    nicknamed_ids = nicknamed(index, name) if not ids else ()
    for context in around:
        there = [pid for pid in nicknamed_ids if pid in context]
        if len(there) == 1:
            return there[0]
    return None


def merge_talks(talks: Sequence[Talk]) -> tuple[Talk, ...]:
    """One talk per seminar and set of speakers: the programme's, else the longest title."""
    best: dict[tuple[int | None, frozenset[str]], Talk] = {}
    for talk in talks:
        key = (talk.seminar, frozenset(talk.speakers))
        old = best.get(key)
        if old is None or _preference(talk) < _preference(old):
            best[key] = talk
    return tuple(sorted(best.values(), key=_order))


def _preference(talk: Talk) -> tuple[bool, int, str, str, int]:
    """Smaller is better: a programme line, a longer title; then a fixed tie-break."""
    where = talk.evidence
    rule = where.rule if where else ""
    source, line = (where.source, where.line) if where else ("", 0)
    return (rule != "programme", -len(talk.title), talk.title, source, line)


def _order(talk: Talk) -> tuple[int, str, int, str]:
    where = talk.evidence
    return (
        talk.seminar or 0,
        where.source if where else "",
        where.line if where else 0,
        talk.title,
    )
