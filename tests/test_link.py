"""The link stage as a whole: table cases, entities, determinism, the review report.

The cases in ``fixtures/link/cases.yaml`` are small documents written by hand, linked with
the real registries; each names the rule it exercises. Unseen-style posts (a seminar 7
programme, a seminar 2 recap by an unknown author, a guest post about something else) live
in ``fixtures/link/unseen/`` and check that people nobody registered are discovered while
organisations, places and session names are not.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import bounded
from tools.ingest.link import Registries, link, load_registries, review_report
from tools.ingest.link import mentions as link_mentions
from tools.ingest.link.mentions import build_index, handle_of
from tools.ingest.link.names import is_blocked, is_name_shape
from tools.ingest.link.segments import segments
from tools.ingest.link.seminar import text_signals
from tools.ingest.records import Block, Document, Filing, Line, Linked, Origin, Person
from tools.ingest.text import fold

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "link"
CASES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "cases.yaml").read_text("utf-8"))
UNSEEN = sorted((FIXTURES / "unseen").glob("*.yaml"))


@pytest.fixture(scope="module")
def registries() -> Registries:
    return load_registries(ROOT / "sources")


def make_document(spec: dict[str, Any], name: str) -> Document:
    """A document as the dedupe stage would hand it over: title on line 1, a block per
    paragraph on every other line after it; its page's heading (`context`) and filing
    (`filed`), and other copies' (`copies`: a list of such pairs)."""
    source = spec.get("source", f"blog/{name}.txt")
    blocks = tuple(
        # a block is its text, or {text, hint, kind} ("byline": a writer's line the split
        # stage hinted; "slide": a slide's title)
        Block(
            b.get("kind", "paragraph"), str(b["text"]), 3 + 2 * i, 3 + 2 * i, hint=b.get("hint", "")
        )
        if isinstance(b, dict)
        else Block("paragraph", str(b), 3 + 2 * i, 3 + 2 * i)
        for i, b in enumerate(spec["blocks"])
    )
    return Document(
        id=name,
        title=spec["title"],
        title_derived=False,
        kind=spec.get("kind", "blog"),
        bylines=tuple(spec.get("bylines", ())),
        blocks=blocks,
        origins=(Origin(source, (1, 3 + 2 * len(blocks))),),
        date=spec.get("date"),
        filings=tuple(
            Filing(
                f"{source}#{k}" if k else source,
                tuple(Line(n, str(text)) for n, text in enumerate(copy.get("context", ()), 1)),
                tuple(Line(90 + n, str(text)) for n, text in enumerate(copy.get("filed", ()))),
            )
            # the canonical copy's page and filing, then other copies' (`copies`)
            for k, copy in enumerate([spec, *spec.get("copies", ())])
        ),
    )


def _link_case(case: dict[str, Any], registries: Registries) -> tuple[Document, Linked]:
    docs = [make_document(spec, f"doc-{i}") for i, spec in enumerate(case["documents"])]
    linked = link(docs, registries)
    return linked.documents[0], linked


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any], registries: Registries) -> None:
    doc, linked = _link_case(case, registries)
    expect = case["expect"]
    if "seminar" in expect:
        assert doc.seminar == expect["seminar"], doc.seminar_evidence
    if "evidence" in expect:
        assert doc.seminar_evidence[0].rule == expect["evidence"], doc.seminar_evidence
    if "authors" in expect:
        assert list(doc.authors) == expect["authors"]
    if "people" in expect:
        assert sorted(doc.people) == sorted(expect["people"])
    if "mentions" in expect:
        found = [[m.text, m.id] for m in doc.mentions if m.target == "person"]
        assert found == expect["mentions"]
    if "concepts" in expect:
        found = [[m.text, m.id] for m in doc.mentions if m.target == "concept"]
        assert found == expect["concepts"]
    seminar = next((s for s in linked.seminars if s.number == doc.seminar), None)
    if "speakers" in expect:
        assert sorted(seminar.speakers if seminar else ()) == sorted(expect["speakers"])
    if "talks" in expect:
        assert seminar is not None
        assert [[t.title, list(t.speakers)] for t in seminar.talks] == expect["talks"]
    assert not [p for p in linked.people if not p.reviewed], "a table case discovered someone"


@pytest.mark.parametrize("path", UNSEEN, ids=[p.stem for p in UNSEEN])
def test_unseen_post(path: Path, registries: Registries) -> None:
    spec = yaml.safe_load(path.read_text("utf-8"))
    expect = spec["expect"]
    linked = link([make_document(spec["document"], path.stem)], registries)
    doc = linked.documents[0]
    new = {p.id: p for p in linked.people if not p.reviewed}
    assert doc.seminar == expect["seminar"], doc.seminar_evidence
    assert list(doc.authors) == expect["authors"]
    assert sorted(p.name for p in new.values()) == expect["discovered"]
    assert all(
        p.passages and p.passages[0].source == spec["document"]["source"] for p in new.values()
    )
    seminar = next((s for s in linked.seminars if s.number == doc.seminar), None)
    assert sorted(seminar.speakers if seminar else ()) == expect["speakers"]
    talks = [[t.title, list(t.speakers)] for t in seminar.talks] if seminar else []
    assert talks == expect["talks"]
    for pid, affiliation in expect["affiliations"].items():
        assert new[pid].affiliation == affiliation
    names = [fold(p.name) for p in linked.people]
    for phrase in expect["not_people"]:
        assert not [n for n in names if fold(phrase) in n], phrase


def test_every_registry_entry_appears_without_documents(registries: Registries) -> None:
    linked = link([], registries)
    assert [s.number for s in linked.seminars] == [1, 2, 3, 4, 5, 6, 7]
    assert [p.id for p in linked.people] == sorted(p.id for p in registries.people)
    assert [c.id for c in linked.concepts] == sorted(c.id for c in registries.concepts)
    assert all(not p.roles and not p.documents for p in linked.people)


def _unseen_documents() -> list[Document]:
    return [make_document(yaml.safe_load(p.read_text("utf-8"))["document"], p.stem) for p in UNSEEN]


def test_output_does_not_depend_on_input_order(registries: Registries) -> None:
    cases = [
        make_document(spec, f"case-{i}-{j}")
        for i, case in enumerate(CASES[:12])
        for j, spec in enumerate(case["documents"])
    ]
    docs = [*_unseen_documents(), *cases]
    forward, backward = link(docs, registries), link(docs[::-1], registries)
    assert forward.seminars == backward.seminars
    assert forward.people == backward.people
    assert forward.concepts == backward.concepts
    assert sorted(forward.documents, key=lambda d: d.id) == sorted(
        backward.documents, key=lambda d: d.id
    )


def test_linked_records_agree_with_each_other(registries: Registries) -> None:
    linked = link(_unseen_documents(), registries)
    by_id = {d.id: d for d in linked.documents}
    for person in linked.people:
        for role in person.roles:
            assert role.document in by_id
            assert person.id in by_id[role.document].people
            assert role.seminar == by_id[role.document].seminar
        assert person.documents == tuple(sorted({r.document for r in person.roles if r.document}))
    for seminar in linked.seminars:
        assert all(by_id[d].seminar == seminar.number for d in seminar.documents)
    for doc in linked.documents:
        assert doc.seminar is None or doc.seminar_evidence
        assert all(m.line >= doc.origins[0].lines[0] for m in doc.mentions)


def test_review_report_lists_new_people_with_passages_and_typos(registries: Registries) -> None:
    spec = {"title": "Seminar 6: notes", "blocks": ["Dr Pamela Fischer opened the seminar."]}
    linked = link([make_document(spec, "typo")], registries)
    report = review_report(linked)
    assert "Pamela Fischer (pamela-fischer)  did you mean Pamela Fisher?" in report
    assert "blog/typo.txt:3 [honorific] Dr Pamela Fischer opened the seminar." in report
    assert "- id: pamela-fischer" in report
    reviewed = replace(linked, people=tuple(p for p in linked.people if p.reviewed))
    assert review_report(reviewed).startswith("No new people")


# Words a blog post is made of, the awkward ones over-represented: names known and unknown,
# honorifics, organisation and place words, programme times, quotes and signatures.
WORDS = [
    *("Dr", "Professor", "Prof.", "Ms", "Jane", "Example", "Pamela", "Fisher", "Joe", "Joseph"),
    *("Alderdice", "Martin", "&", "and", ",", ".", ":", "\u2019s", "University", "of", "York"),
    *("Leeds", "Beckett", "NHS", "England", "Team", "Huddersfield", "Experts", "by", "Experience"),
    *("Seminar", "4", "seminar", "five", "sixth", "6th", "July", "2017", "3rd", "March", "will"),
    *("be", "on", "attended", "argued", "said", "keynote", "talk", "from", "with", "Thanks"),
    *(
        "to",
        "for",
        "her",
        "contribution",
        "Best",
        "regards",
        "10.30",
        "\u2013",
        "\u2018Title\u2019",
    ),
    *("co-production", "MHA", "recovery", "college", "Key", "Points", "Omar", "Haddad", "Helen"),
    *("Spandler", "Crimlisk"),
]
PARAGRAPH = st.lists(st.sampled_from(WORDS), min_size=1, max_size=15).map(" ".join)


@functools.cache
def _registries() -> Registries:
    """Loaded once: a property test runs its body a hundred times."""
    return load_registries(ROOT / "sources")


@bounded(50)
@given(st.lists(PARAGRAPH, min_size=1, max_size=4), st.lists(PARAGRAPH, max_size=2))
@example(["Dr Dr Dr Dr"], [])  # honorifics alone are no one's name (found by this test)
def test_property_any_text_links_and_only_names_become_people(
    blocks: list[str], bylines: list[str]
) -> None:
    registries = _registries()
    spec = {"title": blocks[0], "blocks": blocks[1:] or ["."], "bylines": bylines}
    doc = make_document(spec, "p")
    linked = link([doc], registries)
    assert linked == link([doc], registries)
    rules = registries.rules
    for person in linked.people:
        if not person.reviewed:
            words = person.name.split()
            assert is_name_shape(words, rules), person.name
            assert not any(is_blocked(w, rules) for w in words), person.name
    first, last = doc.origins[0].lines
    assert all(first <= m.line <= last for m in linked.documents[0].mentions)


def _flat_terms(terms: list[str]) -> re.Pattern[str]:
    """The term pattern as one plain alternation: what the grouped one must equal."""
    flat = "|".join(link_mentions._term_regex(t) for t in terms) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:{flat})(?![\w-])")


# Terms that share first letters, differ in case (AMHP/amhp), nest ("peer"/"peer support")
# and take plurals; texts mix them with the letters that fold specially (Kelvin K, long s).
_TERMS = ["peer support", "peer", "AMHP", "co-production", "care act", "Care", "weak tie", "s"]
_PIECES = [*" -'.", "peer", "support", "AMHP", "amhp", "co", "production", "care", "act"]
_PIECES += ["Care", "weak", "tie", "ties", "s", "es", "\u212a", "\u017f", "x"]
_TERM_TEXT = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)


@bounded(300)
@given(text=_TERM_TEXT, terms=st.lists(st.sampled_from(_TERMS), unique=True, max_size=8))
@example(text="peer support, AMHPs and the Care Act; co-productions", terms=_TERMS)
def test_property_terms_grouped_by_letter_match_as_one_alternation(
    text: str, terms: list[str]
) -> None:
    """Grouping the term alternation by first letter (for speed) changes no match."""
    ordered = sorted(terms, key=lambda t: (-len(t), t))
    grouped = re.compile(rf"(?<![\w-])(?:{link_mentions._by_first_letter(ordered)})(?![\w-])")
    flat = _flat_terms(ordered)
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_a_discovered_author_records_the_line_of_the_name(registries: Registries) -> None:
    """``--accept`` quotes the passage where a name stands: a byline under the title (on
    the post's third line here) is recorded there, not on the title's line."""
    spec = {
        "title": "Notes from the day",
        "bylines": ["Jo Quennell-Example"],
        "blocks": ["By Jo Quennell-Example", "We met in a crowded room and talked all day."],
    }
    doc = make_document(spec, "doc-byline")
    linked = link([doc], registries)
    (person,) = [p for p in linked.people if p.name == "Jo Quennell-Example"]
    assert [(e.rule, e.line) for e in person.passages] == [("byline", 3)]
    (author_role,) = [r for r in person.roles if r.role == "author"]
    assert author_role.evidence is not None
    assert author_role.evidence.line == 3


def test_a_byline_line_is_no_text_of_the_opening(registries: Registries) -> None:
    """ "By A B" over a post's first paragraph is its byline, not its text: the paragraph
    under it is still the opening, and weighs as much as it does with no byline."""

    def weights(blocks: list[str]) -> list[float]:
        spec = {"title": "Locked doors", "blocks": blocks, "date": "2017-07-14"}
        doc = make_document(spec, "doc")
        found = text_signals(doc, segments(doc), registries.seminars, registries.rules)
        return [s.weight for s in found if s.kind == "date"]

    text = "At last week's seminar in Huddersfield I sat three rows behind a psychiatrist."
    opening = "Some of you asked what the day was like."
    plain = weights([opening, text])
    assert plain
    assert weights([opening, "By Dean Example", text]) == plain


def test_a_handle_of_an_accented_name(registries: Registries) -> None:
    """A blog account's handle is written in plain letters: "tomzielinski" is Tomasz
    Zieliński's, his name's accents dropped, not its accented letters."""
    person = Person("tomasz-zielinski", "Tomasz Zieliński", (), None, False)
    index = build_index((*registries.people, person), registries.rules)
    assert handle_of(index, "tomzielinski") == "tomasz-zielinski"
    assert handle_of(index, "tzielinski") == "tomasz-zielinski"
