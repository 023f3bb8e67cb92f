"""Build a small site from hand-made records and check every link in the HTML.

The records (:mod:`site_linked`) are rendered by :func:`render_site` and, for the
document pages, :func:`tools.ingest.render.render`, written into a copy of the
``test-site`` root, and built with the site's own configuration in nitpicky mode. The
build must be silent, every internal ``href`` must reach a file (and an anchor in it),
and each document and the seminar, people and concepts it is linked to must link to one
another.
"""

from __future__ import annotations

import io
import posixpath
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from tests.site_linked import LINKED
from tools.ingest import render
from tools.ingest.pages import docname, page_path
from tools.ingest.records import Linked
from tools.ingest.render.site import render_site

pytestmark = [
    pytest.mark.slow,
    # myst-parser 5.2 uses an API Sphinx 9 deprecates; not ours to fix, and not a page problem.
    pytest.mark.filterwarnings(
        "ignore:'myst_parser\\.:sphinx.deprecation.RemovedInSphinx11Warning"
    ),
]


@dataclass(frozen=True)
class Built:
    html: Path
    warnings: str


@contextmanager
def _build(root: Path, out: Path, linked: Linked) -> Iterator[Built]:
    """Copy the test root to ``out``, write the pages of ``linked`` into it and build it."""
    src = out / "src"
    shutil.copytree(root / "test-site", src)
    files = {**render.render(linked), **render_site(linked)}
    for path, data in files.items():
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_bytes(data)
    warnings = io.StringIO()
    app = SphinxTestApp(
        "html",
        srcdir=src,
        builddir=src / "_build",
        status=io.StringIO(),
        warning=warnings,
        confoverrides={"nitpicky": True},
    )
    try:
        app.build()
        yield Built(html=Path(app.outdir), warnings=warnings.getvalue())
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def built(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with _build(rootdir, tmp_path_factory.mktemp("site"), LINKED) as site:
        yield site


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _html(page: str) -> str:
    """The HTML file of a site page (``people/x.md`` -> ``people/x.html``)."""
    return docname(page) + ".html"


def _links(built: Built, page: str) -> set[str]:
    """The HTML files that the main content of ``page`` links to, relative to the site."""
    article = _soup(built.html / _html(page)).find("article")
    assert isinstance(article, Tag), f"{page}: no <article> (the theme's main content)"
    out = set()
    for anchor in article.find_all("a", href=True):
        href = str(anchor["href"])
        parts = urlsplit(href)
        if parts.scheme or not parts.path:
            continue
        out.add(posixpath.normpath(posixpath.join(posixpath.dirname(_html(page)), parts.path)))
    return out


def test_build_is_silent(built: Built) -> None:
    assert built.warnings == ""


def test_every_internal_link_resolves(built: Built) -> None:
    broken = []
    for html in sorted(built.html.rglob("*.html")):
        soup = _soup(html)
        for anchor in soup.find_all("a", href=True):
            parts = urlsplit(str(anchor["href"]))
            if parts.scheme or parts.netloc:
                continue
            target = (html.parent / unquote(parts.path)).resolve() if parts.path else html
            if not target.is_file():
                broken.append(f"{html.relative_to(built.html)}: {anchor['href']}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and _soup(target).find(id=fragment) is None:
                broken.append(f"{html.relative_to(built.html)}: {anchor['href']} (anchor)")
    assert broken == []


def _pairs() -> list[tuple[str, str]]:
    """(document page, entity page) for every link the records state."""
    pairs = []
    for doc in LINKED.documents:
        page = page_path("document", doc.id)
        if doc.seminar is not None:
            pairs.append((page, page_path("seminar", doc.seminar)))
        pairs += [(page, page_path("person", p)) for p in sorted({*doc.authors, *doc.people})]
        pairs += [(page, page_path("concept", c)) for c in doc.concepts]
    return pairs


@pytest.mark.parametrize(("document", "entity"), _pairs())
def test_entity_page_links_to_document(built: Built, document: str, entity: str) -> None:
    assert _html(document) in _links(built, entity)


@pytest.mark.parametrize(("document", "entity"), _pairs())
def test_document_page_links_to_entity(built: Built, document: str, entity: str) -> None:
    assert _html(entity) in _links(built, document)


ENTITY_FOLDERS = ("seminars/", "people/", "concepts/")


def test_links_between_entity_pages_go_both_ways(built: Built) -> None:
    """Seminar, person and concept pages that link to each other do so both ways."""
    pages = [
        p
        for p in render_site(LINKED)
        if p.startswith(ENTITY_FOLDERS) and not p.endswith(("/index.md", "/glossary.md"))
    ]
    entity_html = {_html(p) for p in pages}
    edges = {(_html(p), target) for p in pages for target in _links(built, p)}
    one_way = sorted(
        (a, b) for a, b in edges if b in entity_html and a != b and (b, a) not in edges
    )
    assert one_way == []


def test_source_markup_is_shown_as_text(built: Built) -> None:
    page = _soup(built.html / "concepts" / "commissioning.html").find("article")
    assert isinstance(page, Tag)
    assert page.find("b") is None
    assert "`people` or <b>budgets</b>?" in page.get_text()


def test_index_has_people_and_concepts(built: Built) -> None:
    text = _soup(built.html / "genindex.html").get_text(" ")
    for entry in ("Rogers, Anne", "O'Neill, Sam", "weak ties", "Co-production", "coproduction"):
        assert entry in text
