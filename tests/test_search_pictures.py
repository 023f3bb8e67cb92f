"""The timeline and the map: safe markup, a node for everything, links to the right pages.

Pictures show titles and names from the sources, so the catalog used here is hostile:
every text field holds markup. The pictures must show it as text, use only allowed
elements and attributes, link only to site documents, and come out the same whatever
the order of the catalog.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tools.sphinxext.picture_map import collection_map, edges
from tools.sphinxext.picture_text import map_summary, map_text, timeline_summary, timeline_text
from tools.sphinxext.picture_timeline import parse_date, positions, show_date, timeline
from tools.sphinxext.svg import El, UnsafePictureError, el, links, to_markup

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quotes"'


def catalog() -> dict[str, Any]:
    return {
        "seminars": [
            {
                "number": n,
                "date": date,
                "title": f"Title {n} {HOSTILE}",
                "titles": [],
                "venue": HOSTILE,
                "documents": docs,
                "speakers": speakers,
                "talks": [],
            }
            for n, date, docs, speakers in [
                (1, "2016-01-05", [], []),
                (2, None, [], []),
                (3, "2016-10-28", ["d1"], ["p1"]),
            ]
        ],
        "documents": [
            {
                "id": "d1",
                "title": HOSTILE,
                "kind": "blog",
                "seminar": 3,
                "date": None,
                "authors": ["p1"],
                "people": ["p2"],
                "concepts": ["c1"],
            },
            {
                "id": "d2",
                "title": HOSTILE,
                "kind": "article",
                "seminar": None,
                "date": "2015",
                "authors": [],
                "people": ["p2"],
                "concepts": ["c1", "c2"],
            },
        ],
        "people": [
            {"id": "p1", "name": HOSTILE, "affiliation": HOSTILE, "documents": ["d1"]},
            {"id": "p2", "name": "Bea", "affiliation": None, "documents": ["d1", "d2"]},
            {"id": "p3", "name": "Cy", "affiliation": None, "documents": []},
        ],
        "concepts": [
            {"id": "c1", "term": HOSTILE, "definition": HOSTILE, "documents": ["d1", "d2"]},
            {"id": "c2", "term": "two", "definition": None, "documents": ["d2"]},
        ],
    }


def resolve(docname: str) -> str:
    return f"../{docname}.html"


PICTURES = [("timeline", timeline), ("map", collection_map)]


@pytest.mark.parametrize(("name", "draw"), PICTURES)
def test_hostile_text_is_shown_as_text(name: str, draw: Any) -> None:
    markup = to_markup(draw(catalog()), resolve)
    soup = BeautifulSoup(markup, "html.parser")
    assert soup.find_all(["script", "img"]) == []
    assert all(not a.startswith("on") for tag in soup.find_all(True) for a in tag.attrs)
    assert "<script>" in soup.get_text()  # shown, not run
    assert "&lt;script&gt;" in markup


EXPECTED_LINKS = {
    "timeline": {"seminars/seminar-1", "seminars/seminar-2", "seminars/seminar-3"},
    "map": {
        "seminars/seminar-1",
        "seminars/seminar-2",
        "seminars/seminar-3",
        "documents/d2",
        "people/p1",
        "people/p2",
        "people/p3",
        "concepts/c1",
        "concepts/c2",
    },
}


@pytest.mark.parametrize(("name", "draw"), PICTURES)
def test_every_entity_links_to_its_page(name: str, draw: Any) -> None:
    assert set(links(draw(catalog()))) == EXPECTED_LINKS[name]
    soup = BeautifulSoup(to_markup(draw(catalog()), resolve), "html.parser")
    hrefs = {a["href"] for a in soup.find_all("a")}
    assert hrefs == {resolve(d) for d in EXPECTED_LINKS[name]}


@pytest.mark.parametrize(("name", "draw"), PICTURES)
def test_same_picture_whatever_the_order(name: str, draw: Any) -> None:
    first = to_markup(draw(catalog()), resolve)
    shuffled = catalog()
    rng = random.Random(8)
    for table in shuffled.values():
        rng.shuffle(table)
    assert to_markup(draw(json.loads(json.dumps(shuffled))), resolve) == first


def test_map_edges_join_people_and_concepts_to_seminars_or_loose_documents() -> None:
    assert edges(catalog()) == {
        ("person:p1", "seminar:3"): 2,  # author of d1, and a speaker of seminar 3
        ("person:p2", "seminar:3"): 1,
        ("person:p2", "document:d2"): 1,
        ("concept:c1", "seminar:3"): 1,
        ("concept:c1", "document:d2"): 1,
        ("concept:c2", "document:d2"): 1,
    }


def test_map_lines_end_at_nodes() -> None:
    soup = BeautifulSoup(to_markup(collection_map(catalog()), resolve), "html.parser")
    nodes = {tag["data-kb-node"] for tag in soup.find_all(attrs={"data-kb-node": True})}
    for path in soup.find_all("path", class_="kb-edge"):
        assert {path["data-kb-from"], path["data-kb-to"]} <= nodes


UNSAFE = [
    El("script", (), ("alert(1)",)),
    El("foreignObject"),
    El("a", (("href", "javascript:alert(1)"),)),
    El("rect", (("onclick", "alert(1)"),)),
    El("rect", (("style", "background:url(x)"),)),
    El("text", (), (), link="people/p1"),
    el("svg", El("g", (("data-x", "1"),))),
]


@pytest.mark.parametrize("picture", UNSAFE)
def test_only_allowed_elements_and_attributes(picture: El) -> None:
    with pytest.raises(UnsafePictureError):
        to_markup(picture, resolve)


DATES = [
    ("2016-10-28", "28 October 2016"),
    ("2016-01-05", "5 January 2016"),
    ("2017-03", "March 2017"),
    ("2015", "2015"),
    (None, "date not known"),
    ("soon", "date not known"),
    ("2016-13-01", "date not known"),
]


@pytest.mark.parametrize(("value", "shown"), DATES)
def test_show_date(value: str | None, shown: str) -> None:
    assert show_date(value) == shown
    assert (parse_date(value) is None) == (shown == "date not known")


def test_undated_seminar_sits_between_its_neighbours() -> None:
    (x1, d1), (x2, d2), (x3, d3) = positions(catalog()["seminars"])
    assert (d1, d2, d3) == (True, False, True)
    assert x1 < x2 < x3
    assert x2 == pytest.approx((x1 + x3) / 2)


TEXTS = [("timeline", timeline, timeline_text), ("map", collection_map, map_text)]


@pytest.mark.parametrize(("name", "draw", "text"), TEXTS)
def test_the_text_equivalent_lists_every_node_of_the_picture_once(
    name: str, draw: Any, text: Any
) -> None:
    items = [item for group in text(catalog()) for item in group.items]
    assert sorted(item.link for item in items) == sorted(set(links(draw(catalog()))))
    shuffled = catalog()
    random.Random(3).shuffle(shuffled["people"])
    random.Random(4).shuffle(shuffled["seminars"])
    assert text(shuffled) == text(catalog())  # the same lists whatever the order


def test_the_map_as_text_says_what_each_line_joins() -> None:
    people, middle, concepts = map_text(catalog())
    by_link = {i.link: i for group in (people, middle, concepts) for i in group.items}
    assert people.heading == "People (3)"
    assert by_link["people/p2"].label == "Bea"
    assert by_link["people/p2"].detail == f"Seminar 3, {HOSTILE}"  # a loose document
    assert by_link["people/p3"].detail == "no seminar or source yet"
    assert by_link["concepts/c2"].detail == HOSTILE
    assert by_link["seminars/seminar-3"].detail == "2 people, 1 concept"
    assert by_link["documents/d2"].label == f"{HOSTILE} (article, no seminar)"
    assert by_link["seminars/seminar-2"].label.startswith("Seminar 2 · date not known: ")
    summary = map_summary((people, middle, concepts))
    assert summary.startswith("The same 3 people, 4 seminars and other sources and 2 concepts")


def test_the_timeline_as_text_gives_each_row() -> None:
    (group,) = timeline_text(catalog())
    assert [i.label.split(":")[0] for i in group.items] == [
        "Seminar 1 · 5 January 2016",
        "Seminar 2 · date not known (placed between its neighbours)",
        "Seminar 3 · 28 October 2016",
    ]
    assert group.items[2].detail == f"{HOSTILE}; 1 document, 1 speaker, 0 talks"
    assert timeline_summary((group,)).startswith("The same 3 seminars as the timeline")
