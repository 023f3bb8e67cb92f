"""What each page tells the search index: filters from the catalog, ids on the headings.

``page_filters`` is checked on a small catalog (each row: a page and the filters it must
have), ``lift_heading_ids`` on HTML as docutils writes it and on escaped text that only
looks like it, and ``search_index`` on a tiny site indexed by the real Pagefind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tools.sphinxext.search import CatalogError, PageSearch, lift_heading_ids, page_filters

CATALOG: dict[str, Any] = {
    "documents": [
        {
            "id": "york-post",
            "kind": "blog",
            "seminar": 4,
            "date": "2016-10-28",
            "page": "documents/york-post.md",
            "authors": ["pamela-fisher"],
            "people": ["anne-rogers", "pamela-fisher"],
            "concepts": ["weak-ties"],
        },
        {
            "id": "clark-2015",
            "kind": "article",
            "seminar": None,
            "date": "2015",
            "page": "documents/clark-2015.md",
            "authors": [],
            "people": [],
            "concepts": ["weak-ties", "recovery"],
        },
        {
            "id": "index",  # an id that is the name of a site page: pages.py renames it
            "kind": "slides",
            "seminar": None,
            "date": None,
            "authors": [],
            "people": [],
            "concepts": [],
        },
    ],
    "seminars": [
        {
            "number": 4,
            "date": "2016-10-28",
            "speakers": ["anne-rogers"],
            "talks": [{"title": "Talk", "speakers": ["karen-newbigging"]}],
        },
        {"number": 3, "date": None, "speakers": [], "talks": []},
    ],
    "people": [{"id": "anne-rogers", "seminars": [4]}],
    "concepts": [{"id": "weak-ties", "documents": ["york-post", "clark-2015"]}],
}

EXPECTED = [
    (
        "documents/york-post",
        "blog",
        [
            ("kind", "blog"),
            ("seminar", "4"),
            ("person", "anne-rogers"),
            ("person", "pamela-fisher"),
            ("concept", "weak-ties"),
            ("year", "2016"),
        ],
    ),
    (
        "documents/clark-2015",
        "article",
        [("kind", "article"), ("concept", "recovery"), ("concept", "weak-ties"), ("year", "2015")],
    ),
    ("documents/index_", "slides", [("kind", "slides")]),
    (
        "seminars/seminar-4",
        "seminar",
        [
            ("kind", "seminar"),
            ("seminar", "4"),
            ("person", "anne-rogers"),
            ("person", "karen-newbigging"),
            ("year", "2016"),
        ],
    ),
    ("seminars/seminar-3", "seminar", [("kind", "seminar"), ("seminar", "3")]),
    (
        "people/anne-rogers",
        "person",
        [("kind", "person"), ("seminar", "4"), ("person", "anne-rogers")],
    ),
    (
        "concepts/weak-ties",
        "concept",
        [("kind", "concept"), ("seminar", "4"), ("concept", "weak-ties")],
    ),
]


@pytest.mark.parametrize(("docname", "kind", "filters"), EXPECTED)
def test_page_filters(docname: str, kind: str, filters: list[tuple[str, str]]) -> None:
    assert page_filters(CATALOG)[docname] == PageSearch(kind, tuple(filters))


def test_every_catalog_page_has_filters() -> None:
    assert sorted(page_filters(CATALOG)) == sorted(row[0] for row in EXPECTED)


BAD_VALUES = [
    ("documents", 0, "kind", "Blog Post"),
    ("documents", 0, "people", ["anne rogers"]),
    ("documents", 0, "concepts", ['x" onmouseover="alert(1)']),
    ("documents", 0, "people", ["a,b"]),
    ("documents", 0, "people", ["person:x"]),
    ("people", 0, "seminars", ["<b>"]),
]


@pytest.mark.parametrize(("table", "row", "field", "value"), BAD_VALUES)
def test_value_that_cannot_be_a_filter_is_refused(
    table: str, row: int, field: str, value: object
) -> None:
    catalog = json.loads(json.dumps(CATALOG))
    catalog[table][row][field] = value
    with pytest.raises(CatalogError, match="cannot be a search filter"):
        page_filters(catalog)


LIFT = [
    ('<section id="a">\n<h2>A</h2>', '<section>\n<h2 id="a">A</h2>'),
    (
        '<section class="tex2jax_ignore" id="b">\n<h3 class="x">B</h3>',
        '<section class="tex2jax_ignore">\n<h3 id="b" class="x">B</h3>',
    ),
    (
        '<section id="c">\n<span id="old-c"></span><h2>C</h2>',
        '<section>\n<span id="old-c"></span><h2 id="c">C</h2>',
    ),
    # the page's title section is the page itself: left alone
    ('<section id="title">\n<h1>T</h1>', '<section id="title">\n<h1>T</h1>'),
    # a heading that does not follow its section's tag directly is left alone
    ('<section id="d">\n<p>x</p><h2>D</h2>', '<section id="d">\n<p>x</p><h2>D</h2>'),
    # source text arrives escaped and is never matched
    (
        '<p>&lt;section id="e"&gt;&lt;h2&gt;</p>',
        '<p>&lt;section id="e"&gt;&lt;h2&gt;</p>',
    ),
    (
        '<section id="f">\n<h2>F</h2>\n<section id="g">\n<h3>G</h3>',
        '<section>\n<h2 id="f">F</h2>\n<section>\n<h3 id="g">G</h3>',
    ),
]


@pytest.mark.parametrize(("body", "expected"), LIFT)
def test_lift_heading_ids(body: str, expected: str) -> None:
    assert lift_heading_ids(body) == expected


def _page(body: bool, text: str) -> str:
    marker = " data-pagefind-body" if body else ""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        f"<body><div{marker}><h1>{text}</h1><p>{text} words</p></div></body></html>"
    )


def test_search_index_checks_what_it_built(tmp_path: Path) -> None:
    pytest.importorskip("pagefind", reason="pagefind[bin] is in the test dependency group")
    from tools.sphinxext.search_index import check_index, main, metrics

    (tmp_path / "index.html").write_text(_page(True, "home"), "utf-8")
    (tmp_path / "a.html").write_text(_page(True, "alpha"), "utf-8")
    (tmp_path / "search.html").write_text(_page(False, "search"), "utf-8")
    out = tmp_path / "metrics.json"
    assert main([str(tmp_path), "--metrics", str(out)]) == 0
    found = json.loads(out.read_text("utf-8"))
    assert found == metrics(tmp_path)
    assert (found["pages_indexed"], found["html_pages"]) == (2, 3)
    assert check_index(tmp_path) == []
    # a page marked for the index after it was built: the index is stale
    (tmp_path / "b.html").write_text(_page(True, "beta"), "utf-8")
    assert any("2 pages indexed but 3 marked" in p for p in check_index(tmp_path))


def test_the_offline_index_holds_the_marked_pages_and_is_not_rewritten(tmp_path: Path) -> None:
    pytest.importorskip("pagefind", reason="pagefind[bin] is in the test dependency group")
    from tools.sphinxext.offline_index import FILE, GLOBAL
    from tools.sphinxext.search_index import main

    (tmp_path / "index.html").write_text(_page(True, "home"), "utf-8")
    (tmp_path / "a.html").write_text(_page(True, "Öberg's alpha"), "utf-8")
    (tmp_path / "search.html").write_text(_page(False, "search"), "utf-8")
    assert main([str(tmp_path)]) == 0
    script = tmp_path / FILE
    text = script.read_text("utf-8")
    assert text.startswith(f"window.{GLOBAL} = ")
    assert text.isascii()
    index = json.loads(text.split(" = ", 1)[1].removesuffix(";\n"))
    assert [p["url"] for p in index["pages"]] == ["a.html", "index.html"]  # not search.html
    words = index["words"]
    assert words == sorted(words)
    assert "obergs" in words  # accents and apostrophes folded, as the page's script folds
    assert index["postings"][words.index("alpha")] == [0, 2]  # page 0, twice
    stamp = script.stat().st_mtime_ns
    assert main([str(tmp_path)]) == 0
    assert script.stat().st_mtime_ns == stamp  # same bytes: not rewritten


SUMMARIES = [
    # a document page: facts in a list and a short line on where it was found come first
    (
        "<ul><li><p>Kind: Blog post, about a seminar with many many words in it</p></li></ul>"
        "<p>Found in blog/a.txt, lines 1-13.</p>"
        "<p>I recently attended an event at York University run by the council, as a blogger.</p>",
        "I recently attended an event at York University run by the council, as a blogger.",
    ),
    ("<p>Short.</p>", ""),  # no paragraph of prose: the summary falls back to the text
]


@pytest.mark.parametrize(("body", "lead_text"), SUMMARIES)
def test_a_result_opens_with_the_pages_prose(body: str, lead_text: str) -> None:
    from bs4 import BeautifulSoup

    from tools.sphinxext.offline_index import lead

    soup = BeautifulSoup(f"<div>{body}</div>", "html.parser")
    assert lead(soup.div) == lead_text  # type: ignore[arg-type]
