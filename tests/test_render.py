"""The render stage: golden pages and catalog, front matter, links, footnotes, ids.

Golden files (``golden/render/``) hold the whole MyST of each document page and the whole
catalog: they are Markdown and JSON, so a theme or docutils upgrade cannot change them,
and a diff shows exactly what a change to the stage does. How the pages look once built
is checked by ``test_safety_build.py``.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import types
import typing
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from docutils import nodes
from docutils.languages import get_language
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from tests.conftest import Golden, MystParse, bounded
from tools.ingest import records
from tools.ingest.escape import inline_text
from tools.ingest.records import Block, Document, Linked, Origin
from tools.ingest.render import check_ids, render, to_json
from tools.ingest.render import mentions as render_mentions
from tools.ingest.render.document import _place_notes, render_page
from tools.ingest.render.meta import FRONT_MATTER_KEY, front_matter, safe_link, safe_url
from tools.ingest.render.model import build_site
from tools.sphinxext.hardening import RECONFIGURING_KEYS

GOLDEN = Path(__file__).parent / "golden" / "render"
EXAMPLES = 300  # per property test; `nox -s fuzz` runs many more


def from_data(kind: Any, data: Any) -> Any:
    """Build a record (or a field of one) from plain YAML data, following its type hints."""
    origin = typing.get_origin(kind)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind, vars(records))
        return kind(**{key: from_data(hints[key], value) for key, value in data.items()})
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_data(args[0], item) for item in data)
        return tuple(from_data(a, item) for a, item in zip(args, data, strict=True))
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        return from_data(next(a for a in typing.get_args(kind) if a is not type(None)), data)
    if origin is Literal:
        assert data in typing.get_args(kind), (data, kind)
    return data


@pytest.fixture(scope="module")
def linked() -> Linked:
    data = yaml.safe_load((GOLDEN / "linked.yaml").read_text("utf-8"))
    result: Linked = from_data(Linked, data)
    return result


@pytest.fixture(scope="module")
def rendered(linked: Linked) -> dict[str, bytes]:
    return render(linked)


def golden_names() -> list[str]:
    """The golden files: one per document of ``linked.yaml``, and the catalog."""
    data = yaml.safe_load((GOLDEN / "linked.yaml").read_text("utf-8"))
    return [f"documents/{d['id']}.md" for d in data["documents"]] + ["catalog.json"]


@pytest.mark.parametrize("name", golden_names())
def test_golden_files(rendered: dict[str, bytes], name: str, golden: Golden) -> None:
    golden(GOLDEN / name, rendered[name].decode("utf-8"))


def test_output_does_not_depend_on_input_order(linked: Linked, rendered: dict[str, bytes]) -> None:
    shuffled = list(linked.documents)
    random.Random(7).shuffle(shuffled)
    again = dataclasses.replace(
        linked,
        documents=tuple(reversed(shuffled)),
        people=tuple(reversed(linked.people)),
        concepts=tuple(reversed(linked.concepts)),
    )
    assert render(again) == rendered
    assert list(rendered) == sorted(rendered)


def test_catalog_shape(linked: Linked, rendered: dict[str, bytes]) -> None:
    catalog = json.loads(rendered["catalog.json"])
    assert rendered["catalog.json"].endswith(b"}\n")
    assert sorted(catalog) == ["concepts", "documents", "people", "seminars", "series"]
    entries = {entry["id"]: entry for entry in catalog["documents"]}
    assert sorted(entries) == sorted(d.id for d in linked.documents)
    for entry in entries.values():
        assert sorted(entry) == sorted(CATALOG_KEYS)
        assert entry["page"] in rendered
    assert entries["untitled-post"]["url"] is None  # javascript: is never a catalog link
    assert entries["untitled-post"]["origins"][1] == {
        "source": "blog/archive-seminars-4-5-6.txt",
        "lines": [10, 70],
    }


CATALOG_KEYS = [
    "id", "title", "title_derived", "kind", "authors", "bylines", "date", "seminar",
    "seminar_evidence", "page", "origins", "people", "concepts", "url", "citation",
]  # fmt: skip
BLOCK_JSON = {
    "kind": "quote",
    "text": "x",
    "first": 1,
    "last": 1,
    "label": "",
    "hint": "",
    "pages": None,
}
TO_JSON = [
    (Origin("a.txt", (1, 2)), {"source": "a.txt", "lines": [1, 2], "pages": None}),
    (Origin("a.pdf", (1, 2), (3, 4)), {"source": "a.pdf", "lines": [1, 2], "pages": [3, 4]}),
    ((Block("quote", "x", 1, 1),), [BLOCK_JSON]),
    (None, None),
]


@pytest.mark.parametrize(("value", "expected"), TO_JSON)
def test_to_json(value: object, expected: object) -> None:
    assert to_json(value) == expected


def test_to_json_refuses_what_json_cannot_hold() -> None:
    with pytest.raises(TypeError, match="set"):
        to_json({"a"})


BAD_IDS = [["Upper"], ["a/b"], [".."], ["a.md"], ["a\n"], ["ok", "ok"], ["-a"], ["x" * 121]]


@pytest.mark.parametrize("ids", BAD_IDS)
def test_bad_document_ids_are_refused(ids: list[str]) -> None:
    documents = [dataclasses.replace(SIMPLE, id=i) for i in ids]
    with pytest.raises(ValueError, match="ids"):
        check_ids(documents)


SIMPLE = Document(
    id="simple",
    title="Simple",
    title_derived=False,
    kind="blog",
    bylines=(),
    blocks=(),
    origins=(Origin("blog/a.txt", (1, 1)),),
)


@bounded(EXAMPLES)
@given(
    title=st.text(),
    bylines=st.lists(st.text(), max_size=3),
    date=st.none() | st.text(),
    url=st.none() | st.text(),
)
def test_property_front_matter_round_trips_and_ends_where_it_should(
    title: str, bylines: list[str], date: str | None, url: str | None
) -> None:
    document = dataclasses.replace(SIMPLE, title=title, bylines=tuple(bylines), date=date, url=url)
    page = front_matter(document) + "\n\n# Title\n"
    tokens = MarkdownIt().use(front_matter_plugin).parse(page)
    assert tokens[0].type == "front_matter"
    assert tokens[1].type == "heading_open"
    data = yaml.safe_load(tokens[0].content)
    assert list(data) == [FRONT_MATTER_KEY, "orphan"]
    assert data["orphan"] is True
    values = data[FRONT_MATTER_KEY]
    assert values["title"] == inline_text(title)
    assert values["bylines"] == [inline_text(b) for b in bylines]
    assert values["date"] == (inline_text(date) if date else None)
    assert values["url"] == (inline_text(url) if url else None)
    assert values["origins"] == ["sources/blog/a.txt:1-1"]


def test_front_matter_key_is_neither_bibliographic_nor_reconfiguring(
    site_conf: dict[str, Any],
) -> None:
    bibliographic = get_language(site_conf.get("language") or "en").bibliographic_fields
    assert FRONT_MATTER_KEY not in bibliographic
    assert FRONT_MATTER_KEY not in RECONFIGURING_KEYS


SAFE_URLS = [
    ("https://example.org/a?b=1&c=2#d", "https://example.org/a?b=1&c=2#d"),
    ("  http://example.org/  ", "http://example.org/"),
    ("https://example.org/caf\u00e9 x", None),
    ("https://example.org/\u00e4<b>", "https://example.org/%C3%A4%3Cb%3E"),
    ("https://example.org/100%", "https://example.org/100%25"),
    ("https://example.org/a[1]", "https://example.org/a%5B1%5D"),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    ("data:text/html,x", None),
    ("ftp://example.org/", None),
    ("//example.org/x", None),
    ("http://", None),
    ("https://[::1]/", None),
    ("https://[::1/", None),
    ("example.org/post", None),
]


@pytest.mark.parametrize(("url", "expected"), SAFE_URLS)
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def links(doctree: nodes.document) -> list[tuple[str, str]]:
    return [(ref.get("refuri", ""), ref.astext()) for ref in doctree.findall(nodes.reference)]


@bounded(EXAMPLES)
@given(st.text().map(lambda path: "https://example.org/" + path) | st.text())
def test_property_original_address_links_exactly_or_not_at_all(
    myst_parse: MystParse, url: str
) -> None:
    doctree, warnings = myst_parse(safe_link(url))
    assert warnings == ""
    target = safe_url(url)
    assert links(doctree) == ([(target, inline_text(url))] if target else [])
    if target is None and inline_text(url):
        assert [p.astext() for p in doctree.findall(nodes.paragraph)] == [inline_text(url)]


PLACEMENT = [
    # (body texts, note labels, texts after placement, labels placed)
    (["a [1] b", "c"], ["1"], ["a \ue0000\ue001 b", "c"], ["1"]),
    (["a\u00b2"], ["2"], ["a\ue0000\ue001"], ["2"]),
    (["a [1] [1]"], ["1", "1"], ["a \ue0000\ue001 \ue0001\ue001"], ["1", "1"]),
    (["no marker"], ["1"], ["no marker"], []),
    (["[] empty label"], [""], ["[] empty label"], []),
    (["has \ue000 already [1]"], ["1"], ["has \ue000 already [1]"], []),
]


@pytest.mark.parametrize(("texts", "labels", "after", "placed"), PLACEMENT)
def test_footnote_placement(
    texts: list[str], labels: list[str], after: list[str], placed: list[str]
) -> None:
    body = [Block("paragraph", text, 1, 1) for text in texts]
    notes = [Block("footnote", "note", 2, 2, label=label) for label in labels]
    result, done, left = _place_notes(body, notes)
    assert result == after
    assert [note.label for note in done] == placed
    assert len(done) + len(left) == len(notes)


# A small alphabet of word characters (letters, a digit, "_", an accent) and separators,
# so that surfaces are found often, inside words as well as on their own.
_WORDY = st.text(alphabet="ab é1_-.'", max_size=40)


@bounded(EXAMPLES)
@given(text=_WORDY, surfaces=st.lists(_WORDY.filter(bool), max_size=5, unique=True))
@example(
    text="Mental Health Act, not Mental Health", surfaces=["Mental Health", "Mental Health Act"]
)
@example(text="a-b a_b a", surfaces=["a", "a-b", "b"])
def test_property_mentions_are_found_as_the_regular_expression_finds_them(
    text: str, surfaces: list[str]
) -> None:
    """Mention links are found without compiling a pattern per page: same places as one."""
    longest_first = sorted(surfaces, key=len, reverse=True)
    expected = (
        [
            (match.start(), match.group(1))
            for match in re.finditer(
                r"(?<!\w)(" + "|".join(map(re.escape, longest_first)) + r")(?!\w)", text
            )
        ]
        if surfaces
        else []
    )
    assert render_mentions._find(text, longest_first) == expected


def test_a_dateline_that_only_dates_its_post_is_the_headers_date_not_body_text() -> None:
    """ "March 2, 2016" under a title is the page's Date field; a line that says more (a
    time, a writer) stays in the text."""
    blocks = (
        Block("heading", "A recap", 1, 1, hint="title"),
        Block("paragraph", "March 2, 2016", 2, 2, hint="date"),
        Block("paragraph", "Friday 3 March 2017, 9.30am to 4.00pm", 3, 3, hint="date"),
        Block("paragraph", "The day began with coffee and a long queue.", 4, 4),
    )
    origin = Origin("blog/a.txt", (1, 4))
    document = Document(
        "a-recap", "A recap", False, "blog", (), blocks, (origin,), date="2016-03-02"
    )
    page = render_page(document, build_site(Linked(documents=(document,))))
    assert "March 2\\, 2016" not in page
    assert "March 2, 2016" not in page
    assert "2 March 2016" in page  # the header's date
    assert "Friday 3 March 2017" in page
    assert "The day began with coffee" in page


def test_a_dateline_and_a_byline_that_name_the_writer_are_the_headers_not_body_text() -> None:
    """ "Posted on 3 February 2016 by Jo Example" and "By Jo Example" under a title say what
    the header's Date and Authors fields say; a signature under the text is the writer's
    own and stays, as does a byline line that says more ("Guest post by ..., a student")."""
    blocks = (
        Block("heading", "A recap", 1, 1, hint="title"),
        Block(
            "paragraph", "Posted on February 3, 2016 by Jo Example | 2 Comments", 2, 2, hint="date"
        ),
        Block("paragraph", "By Jo Example", 3, 3, hint="byline"),
        Block(
            "paragraph", "Guest post by Jo Example, a student nurse in York.", 4, 4, hint="byline"
        ),
        Block("paragraph", "The day began with coffee and a long queue.", 5, 5),
        Block("paragraph", "Jo Example", 6, 6, hint="byline"),
    )
    origin = Origin("blog/a.txt", (1, 6))
    document = Document(
        "a-recap", "A recap", False, "blog", ("Jo Example",), blocks, (origin,), "2016-02-03"
    )
    page = render_page(document, build_site(Linked(documents=(document,))))
    body = page.split("The day began")[0]
    assert "Posted on" not in page
    assert "By Jo Example" not in page
    assert "Guest post by Jo Example\\, a student nurse" in body
    assert "3 February 2016" in page  # the header's date
    assert page.rstrip().count("Jo Example") >= 3  # header, guest line, signature


def test_an_entry_footer_that_names_the_writer_and_dates_the_post_is_the_headers() -> None:
    """A theme's footer under the text ("Jo Example" / "Posted on October 2, 2017") says
    what the header says; the text above it stays."""
    blocks = (
        Block("heading", "Seminar 7 announced", 1, 1, hint="title"),
        Block("paragraph", "Our seventh seminar takes place in Huddersfield.", 3, 3),
        Block("paragraph", "Jo Example", 5, 5, hint="byline"),
        Block("paragraph", "Posted on October 2, 2017", 6, 6, hint="date"),
    )
    origin = Origin("blog/a.txt", (1, 6))
    document = Document(
        "s7", "Seminar 7 announced", False, "blog", ("Jo Example",), blocks, (origin,), "2017-10-02"
    )
    page = render_page(document, build_site(Linked(documents=(document,))))
    assert "Posted on" not in page
    assert "Our seventh seminar takes place" in page
    assert page.split("Our seventh seminar")[1].count("Jo Example") == 0


def test_a_blogger_footer_naming_the_writer_is_the_headers() -> None:
    """Blogger's "Posted by Jo Example at 21:14" under the text says who wrote the post,
    which the header says."""
    blocks = (
        Block("heading", "Quick notes", 1, 1, hint="title"),
        Block("paragraph", "Back from York last Friday, and only just got round to it.", 3, 3),
        Block("paragraph", "Posted by Jo Example at 21:14", 5, 5),
    )
    origin = Origin("blog/a.txt", (1, 5))
    document = Document("q", "Quick notes", False, "blog", ("Jo Example",), blocks, (origin,))
    page = render_page(document, build_site(Linked(documents=(document,))))
    assert "Back from York" in page
    assert "Posted by" not in page
