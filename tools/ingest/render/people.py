"""The person pages and the people index (``people/``): pure functions.

A person page gathers what the collection says about one person: the talks they gave,
what they wrote, every document that names them (with the sentence that does), the
concepts they are tied to and the people they spoke alongside. A person found by a rule
and not yet accepted into the registry is marked as such on their page and in the index:
the pipeline's guess should never pass for a maintainer's fact.
"""

from __future__ import annotations

from ..pages import page_path, site_page
from ..records import Person
from .markdown import (
    ORPHAN,
    bullets,
    by_initial,
    directive,
    escape_inline,
    index_entry,
    join_lines,
    link,
    plural,
    shorten,
    shown_date,
)
from .model import Site, name_parts, sort_name
from .seminars import KIND_LABELS, cite, document_item

UNREVIEWED = (
    "A maintainer has not yet reviewed this person. The pipeline found the name in the "
    "sources by a rule and made this page; until the person is accepted into the people "
    "registry (`sources/registry/people.yaml`), the name, the affiliation and the links "
    "on this page may be wrong."
)


def index_name(person: Person) -> str:
    """``Rogers, Anne``: the name as an index files it (raw text)."""
    surname, given = name_parts(person.name)
    return f"{surname}, {given}" if given else surname


def written(site: Site, person: Person) -> tuple[str, ...]:
    """Ids of the documents a person wrote, from bylines and from their roles."""
    ids = {
        d
        for d in site.person_documents.get(person.id, ())
        if person.id in site.documents[d].authors
    }
    ids |= {r.document for r in person.roles if r.role == "author" and r.document}
    return tuple(d.id for d in site.docs(ids))


def roles_summary(site: Site, person: Person) -> str:
    """What a person did in the series, in a few words (MyST, no links)."""
    parts = []
    spoke = sorted(n for n, ids in site.seminar_speakers.items() if person.id in ids)
    if spoke:
        numbers = [str(n) for n in spoke]
        listed = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"
        parts.append(f"speaker at seminar{'s' if len(numbers) > 1 else ''} {listed}")
    if authored := written(site, person):
        parts.append("author of " + plural(len(authored), "document"))
    named = len(site.person_documents.get(person.id, ()))
    parts.append("appears in " + plural(named, "document"))
    return "; ".join(parts)


def _talks(site: Site, person: Person, page: str) -> list[str]:
    items = []
    for number, seminar in site.seminars.items():
        target = page_path("seminar", number)
        for talk in seminar.talks:
            if person.id in talk.speakers:
                items.append(
                    f"*{escape_inline(talk.title)}*, at "
                    f"{link(f'Seminar {number}', page, target)} ({shown_date(seminar.date)})"
                )
    return items


def _mentioned(site: Site, person: Person, page: str) -> list[str]:
    items = []
    for doc in site.docs(site.person_documents.get(person.id, ())):
        head = link(doc.title, page, page_path("document", doc.id))
        kind = KIND_LABELS[doc.kind]
        mentions = site.mentions(doc.id, "person", person.id)
        if mentions:
            first = mentions[0]
            items.append(
                f"{head} ({kind}, {site.at(doc.origins[0].source, first.line)}): "
                f"“{escape_inline(shorten(first.sentence))}”"
            )
        elif person.id in doc.authors:
            items.append(f"{head} ({kind}): written by them.")
        else:
            items.append(f"{head} ({kind})")
    return items


def _alongside(site: Site, person: Person, page: str) -> list[str]:
    items = []
    for number, ids in sorted(site.seminar_speakers.items()):
        if person.id not in ids:
            continue
        where = link(f"Seminar {number}", page, page_path("seminar", number))
        for other in site.persons(ids - {person.id}):
            items.append(f"{link(other.name, page, page_path('person', other.id))}, at {where}")
    return items


def _facts(site: Site, person: Person, page: str) -> list[str]:
    speaker_at = {n for n, ids in site.seminar_speakers.items() if person.id in ids}
    seminars = ", ".join(
        link(f"Seminar {n}", page, page_path("seminar", n))
        + (" (speaker)" if n in speaker_at else "")
        for n in sorted(site.person_seminars.get(person.id, ()))
    )
    affiliation = escape_inline(person.affiliation) if person.affiliation else "not known"
    facts = [f"**Affiliation:** {affiliation}"]
    if person.aliases:
        facts.append("**Also named as:** " + "; ".join(escape_inline(a) for a in person.aliases))
    if seminars:
        facts.append(f"**Seminars:** {seminars}")
    return facts


def _concepts(site: Site, person: Person, page: str) -> list[str]:
    return [
        f"{link(site.concepts[c].term, page, page_path('concept', c))} ({plural(w, 'mention')})"
        for c, w in site.person_concepts.get(person.id, ())
    ]


def _passages(site: Site, person: Person, page: str) -> list[str]:
    return [
        f"{escape_inline(e.rule)}: “{escape_inline(shorten(e.text))}”, "
        + cite(site, page, e.source, e.line)
        for e in person.passages
    ]


def person_page(site: Site, person_id: str) -> str:
    """The page of one person (``people/<id>.md``)."""
    person = site.people[person_id]
    page = page_path("person", person_id)
    sections = {
        "Talks": _talks(site, person, page),
        "Documents written": [
            document_item(site.documents[d], page) for d in written(site, person)
        ],
        "Documents that name them": _mentioned(site, person, page)
        or ["No document in the collection names them yet."],
        "Concepts they discuss": _concepts(site, person, page),
        "Spoke alongside": _alongside(site, person, page),
        "Where this comes from": _passages(site, person, page),
    }
    review = directive("admonition", "Not yet reviewed", [("class", "warning")], UNREVIEWED)
    return join_lines(
        ORPHAN,
        f"# {escape_inline(person.name)}",
        directive("index", f"single: {index_entry(index_name(person))}"),
        "" if person.reviewed else review,
        bullets(_facts(site, person, page)),
        *(
            part
            for title, items in sections.items()
            if items
            for part in (f"## {title}", bullets(items))
        ),
    )


def people_index(site: Site) -> str:
    """Everyone in the collection, A to Z by surname, with what they did."""
    page = site_page("people", "index")
    people = site.persons(site.people)
    unreviewed = sum(not p.reviewed for p in people)
    parts = [
        "# People",
        f"{plural(len(people), 'person', 'people')}, by surname"
        + (f"; {unreviewed} not yet reviewed by a maintainer." if unreviewed else "."),
    ]
    for letter, group in by_initial(people, lambda p: sort_name(p)[0]):
        parts.append(f"## {letter}")
        parts.append(
            bullets(
                link(index_name(p), page, page_path("person", p.id))
                + (f", {escape_inline(p.affiliation)}" if p.affiliation else "")
                + f": {roles_summary(site, p)}"
                + ("" if p.reviewed else " (not yet reviewed)")
                for p in group
            )
        )
    return join_lines(*parts)
