"""The site pages as MyST text: pure functions, golden pages, and the promises of
:func:`tools.ingest.render.site.render_site` that need no Sphinx build.

Regenerate the golden pages after an intended change with
``KB_UPDATE_GOLDEN=1 python -m pytest tests/test_site_pages.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import Golden, bounded
from tests.site_linked import ARTICLE, LINKED, NOTES, REFLECTIONS
from tools.ingest.pages import page_path, relative
from tools.ingest.records import Linked, Seminar
from tools.ingest.render.markdown import (
    date_label,
    escape_inline,
    external,
    index_entry,
    initial,
    shorten,
)
from tools.ingest.render.model import name_parts
from tools.ingest.render.site import render_site

HERE = Path(__file__).parent
CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (HERE / "fixtures" / "site" / "cases.yaml").read_text(encoding="utf-8")
)
GOLDEN = HERE / "golden" / "site"
GOLDEN_PAGES = (
    "seminars/seminar-4.md",  # programme, speakers, concepts
    "seminars/seminar-5.md",  # two titles and two venues: disagreements shown
    "people/sam-oneill.md",  # not yet reviewed
    "concepts/co-production.md",
)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {path: data.decode("utf-8") for path, data in render_site(LINKED).items()}


# --- pure functions, cases as data ---------------------------------------------------


@pytest.mark.parametrize("case", CASES["page_path"], ids=str)
def test_page_path(case: dict[str, Any]) -> None:
    if case.get("error"):
        with pytest.raises(ValueError, match=r"seminar|slug"):
            page_path(case["kind"], case["key"])
    else:
        assert page_path(case["kind"], case["key"]) == case["expected"]


@pytest.mark.parametrize("case", CASES["relative"], ids=str)
def test_relative(case: dict[str, str]) -> None:
    assert relative(case["source"], case["target"]) == case["expected"]


@pytest.mark.parametrize("case", CASES["date_label"], ids=str)
def test_date_label(case: dict[str, Any]) -> None:
    assert date_label(case["value"]) == case["expected"]


@pytest.mark.parametrize("case", CASES["index_entry"], ids=str)
def test_index_entry(case: dict[str, str]) -> None:
    assert index_entry(case["text"]) == case["expected"]


@pytest.mark.parametrize("case", CASES["name_parts"], ids=str)
def test_name_parts(case: dict[str, str]) -> None:
    assert name_parts(case["name"]) == (case["surname"], case["given"])


@pytest.mark.parametrize("case", CASES["initial"], ids=str)
def test_initial(case: dict[str, str]) -> None:
    assert initial(case["text"]) == case["expected"]


@pytest.mark.parametrize("case", CASES["external"], ids=str)
def test_external(case: dict[str, Any]) -> None:
    out = external(case["url"])
    assert out.endswith(f"]({case['url']})") is case["link"]
    if not case["link"]:
        assert out == escape_inline(case["url"])


@pytest.mark.parametrize("case", CASES["shorten"], ids=str)
def test_shorten(case: dict[str, Any]) -> None:
    assert shorten(case["text"], case["limit"]) == case["expected"]


# --- golden pages ----------------------------------------------------------------------


@pytest.mark.parametrize("path", GOLDEN_PAGES)
def test_golden_page(pages: dict[str, str], path: str, golden: Golden) -> None:
    golden(GOLDEN / path, pages[path])


# --- promises of render_site -----------------------------------------------------------


def test_every_page_is_there(pages: dict[str, str]) -> None:
    expected = {
        "seminars/index.md",
        "people/index.md",
        "concepts/index.md",
        "concepts/glossary.md",
        "documents/index.md",
        "documents/overview.md",
        "documents/works-cited.md",
        *(page_path("seminar", s.number) for s in LINKED.seminars),
        *(page_path("person", p.id) for p in LINKED.people),
        *(page_path("concept", c.id) for c in LINKED.concepts),
    }
    assert set(pages) == expected


RELATIONS = [
    # (entity page, document) pairs the records state, from either side
    (page_path("seminar", 4), NOTES),
    (page_path("seminar", 5), REFLECTIONS),
    (page_path("person", "anne-rogers"), NOTES),
    (page_path("person", "karen-newbigging"), NOTES),
    (page_path("person", "sam-oneill"), REFLECTIONS),
    (page_path("concept", "co-production"), REFLECTIONS),
    (page_path("concept", "co-production"), ARTICLE),
    (page_path("concept", "weak-ties"), NOTES),
    (page_path("concept", "commissioning"), NOTES),
    ("documents/index.md", ARTICLE),
]


@pytest.mark.parametrize(("page", "document"), RELATIONS)
def test_entity_page_links_its_documents(pages: dict[str, str], page: str, document: str) -> None:
    assert f"]({relative(page, page_path('document', document))})" in pages[page]


def test_unreviewed_person_is_marked(pages: dict[str, str]) -> None:
    assert "Not yet reviewed" in pages["people/sam-oneill.md"]
    assert "Not yet reviewed" not in pages["people/anne-rogers.md"]
    assert "(not yet reviewed)" in pages["people/index.md"]


def test_seminar_shows_disagreement(pages: dict[str, str]) -> None:
    page = pages["seminars/seminar-5.md"]
    assert page.count("{admonition} Sources disagree") == 2  # two titles, two venues
    assert "Leeds" in page
    assert "University of York" in page


def test_seminar_without_sources_says_so() -> None:
    bare = dataclasses.replace(
        LINKED,
        documents=tuple(
            dataclasses.replace(d, seminar=None) if d.id == REFLECTIONS else d
            for d in LINKED.documents
        ),
        seminars=tuple(
            dataclasses.replace(s, documents=()) if s.number == 5 else s for s in LINKED.seminars
        ),
    )
    page = render_site(bare)["seminars/seminar-5.md"].decode()
    assert "No source in the collection covers this seminar yet." in page


def test_seminar_named_only_by_a_document_gets_a_page() -> None:
    moved = dataclasses.replace(
        LINKED,
        documents=tuple(
            dataclasses.replace(d, seminar=7) if d.id == ARTICLE else d for d in LINKED.documents
        ),
    )
    pages = render_site(moved)
    assert "seminars/seminar-7.md" in pages
    assert b"# Seminar 7\n" in pages["seminars/seminar-7.md"]


def test_dangling_id_is_an_error() -> None:
    broken = dataclasses.replace(
        LINKED, concepts=tuple(c for c in LINKED.concepts if c.id != "weak-ties")
    )
    with pytest.raises(ValueError, match="concept 'weak-ties'"):
        render_site(broken)


def _shuffled(linked: Linked) -> Linked:
    """The same records in another order, everywhere order carries no meaning."""
    docs = tuple(
        dataclasses.replace(
            d,
            people=d.people[::-1],
            concepts=d.concepts[::-1],
            mentions=d.mentions[::-1],
        )
        for d in linked.documents[::-1]
    )
    return Linked(
        documents=docs,
        seminars=linked.seminars[::-1],
        people=linked.people[::-1],
        concepts=linked.concepts[::-1],
    )


def test_output_does_not_depend_on_record_order() -> None:
    assert render_site(_shuffled(LINKED)) == render_site(LINKED)


# --- source text cannot change the structure of a page --------------------------------

#: ``](target)`` after an even number of backslashes: a link, not escaped text.
_LINK_TARGET = re.compile(r"(?:^|[^\\])(?:\\\\)*\]\(([^)]*)\)", re.MULTILINE)
_MARKUP_LINE = re.compile(r"^(:{3,}|:[a-z-]+:|#+ |\s*[-*] |\d+\. )")


def _structure(pages: dict[str, bytes]) -> dict[str, list[str]]:
    """What of a page the code decides: link targets and the start of markup lines."""
    out = {}
    for path, data in pages.items():
        text = data.decode("utf-8")
        marks = [m.group(0) for line in text.splitlines() if (m := _MARKUP_LINE.match(line))]
        out[path] = marks + _LINK_TARGET.findall(text)
    return out


def _with_text(text: str) -> Linked:
    """The fixture with ``text`` in every title, name, term, definition and sentence."""
    seminars = tuple(
        dataclasses.replace(s, title=text + " " + str(s.number), venue=text)
        for s in LINKED.seminars
    )
    people = tuple(
        dataclasses.replace(p, name=f"{text} {p.id}", affiliation=text) for p in LINKED.people
    )
    concepts = tuple(
        dataclasses.replace(c, term=f"x{text} {c.id}", definition=text) for c in LINKED.concepts
    )
    documents = tuple(
        dataclasses.replace(
            d,
            title=text,
            mentions=tuple(dataclasses.replace(m, sentence=text) for m in d.mentions),
        )
        for d in LINKED.documents
    )
    return Linked(documents=documents, seminars=seminars, people=people, concepts=concepts)


@bounded(60)
@given(st.text(alphabet=st.sampled_from(list("ab *_[](){}<>`:!#|\\-.\n$%&~^+=")), min_size=1))
def test_property_source_text_cannot_change_page_structure(text: str) -> None:
    plain = _structure(render_site(_with_text("plain")))
    hostile = _structure(render_site(_with_text(text)))
    assert hostile == plain


def test_placeholder_seminar_has_no_facts() -> None:
    seminar = Seminar(number=3, title=None, titles=(), date=None, venue=None, facts=())
    page = render_site(dataclasses.replace(LINKED, seminars=(*LINKED.seminars, seminar)))
    text = page["seminars/seminar-3.md"].decode()
    assert "No source in the collection gives a fact about this seminar yet." in text
    assert "Previous: [Seminar" not in text  # seminar 3 comes first
    assert "Next: [Seminar 4](seminar-4.md)" in text


def test_empty_collection_renders_every_index() -> None:
    """Before the first source is added, every index page exists and says it is empty."""
    pages = {k: v.decode() for k, v in render_site(Linked(documents=())).items()}
    assert set(pages) == {
        "seminars/index.md",
        "people/index.md",
        "concepts/index.md",
        "concepts/glossary.md",
        "documents/index.md",
        "documents/overview.md",
        "documents/works-cited.md",
    }
    assert "No document cites another work yet." in pages["documents/works-cited.md"]
    assert "No source has been ingested yet." in pages["documents/index.md"]
    assert "{grid-item-card}" not in pages["seminars/index.md"]
