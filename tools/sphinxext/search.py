"""Full-text search with Pagefind: what each page tells the index, and the catalog beside it.

Pagefind (run after the build: ``python -m tools.sphinxext.search_index OUTDIR``) reads
the built HTML. This module makes that HTML say what Pagefind needs, without letting any
source text become markup:

* each page gets its **filters** (kind, seminar, person, concept, year) from
  ``catalog.json``; ``docs/_templates/page.html`` writes them as
  ``data-pagefind-filter`` attributes, escaped by Jinja. Every value is a catalog id, a
  seminar number or a year, and :func:`page_filters` refuses anything else, so a value
  never needs more than escaping;
* pages that are not content (the search page, the general index) are left out of the
  index: only pages the template wraps in ``data-pagefind-body`` are read;
* pages about the project itself (``kb_search_about`` in ``conf.py``: the catalog, the
  performance and security pages...) get the kind ``about``, which the search page leaves
  out of a search unless the reader asks for that kind, so they do not crowd topic
  searches;
* Pagefind points a result to a **section** only through a heading that carries an id,
  while docutils puts the id on the ``<section>`` around it: :func:`lift_heading_ids`
  moves it onto the heading (links to ``#id`` still land on the same place);
* ``catalog.json`` is copied to the root of the site, for the search page's labels, the
  link previews, and anyone who wants the data (``/catalog.json``).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging

from tools.ingest import pages

logger = logging.getLogger(__name__)

#: Filters in the order the search page offers them.
FILTERS: Final = ("kind", "seminar", "person", "concept", "year")
#: Kind of a page the catalog does not describe (home, the indexes, the glossary).
OTHER_KIND: Final = "page"
#: Kind of a page about the project rather than the seminars (``kb_search_about``).
ABOUT_KIND: Final = "about"
#: Order of the kinds when a search has filters and no words (Pagefind's ``rank`` sort):
#: the seminar first, then what was written, then the people and ideas, then the rest.
KIND_RANK: Final = {
    "seminar": 1,
    "blog": 2,
    "slides": 2,
    "article": 2,
    "person": 3,
    "concept": 4,
    OTHER_KIND: 5,
    ABOUT_KIND: 6,
}
#: A filter value: an id, a seminar number, a year, a kind. Nothing that needs quoting,
#: and no ``,`` or ``:``, which separate filters in a ``data-pagefind-filter`` attribute.
VALUE: Final = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_YEAR: Final = re.compile(r"^(\d{4})(?:-|$)")
#: ``<section id="x">`` directly followed by its heading (docutils' HTML5 writer), with
#: the ``<span id>`` targets docutils writes for a section's other ids in between. Not
#: ``<h1>``: the page's title section is the page itself, not a section of it.
_SECTION_HEADING: Final = re.compile(
    r'<section((?: class="[^"<>]*")?) id="([^"<>]+)">'
    r'(\s*(?:<span id="[^"<>]*"></span>\s*)*)<h([2-6])([ >])'
)


class CatalogError(SphinxError):
    """``catalog.json`` holds a value that cannot be a search filter."""

    category = "Search catalog"


@dataclass(frozen=True)
class PageSearch:
    """What the search index learns about one page."""

    kind: str
    filters: tuple[tuple[str, str], ...]


def _year(date: object) -> list[str]:
    match = _YEAR.match(date) if isinstance(date, str) else None
    return [match.group(1)] if match else []


def _entry(kind: str, values: Mapping[str, Iterable[object]]) -> PageSearch:
    """A page's filters, each value checked against :data:`VALUE`, sorted and distinct."""
    pairs = {("kind", kind)}
    for name, items in values.items():
        pairs.update((name, str(item)) for item in items if item is not None)
    bad = sorted(f"{name}={value!r}" for name, value in pairs if not VALUE.match(value))
    if bad:
        raise CatalogError(
            f"catalog.json: {', '.join(bad)} cannot be a search filter (ids are slugs, "
            "seminars numbers, years four digits); run python -m tools.ingest again, and "
            "if it persists the stage that made the id has a bug"
        )
    order = {name: index for index, name in enumerate(FILTERS)}
    return PageSearch(kind, tuple(sorted(pairs, key=lambda p: (order.get(p[0], 99), p))))


def _docname(entry: Mapping[str, Any], kind: pages.PageKind, key: str | int) -> str:
    page = entry.get("page")
    return pages.docname(page if isinstance(page, str) else pages.page_path(kind, key))


def page_filters(catalog: Mapping[str, Any]) -> dict[str, PageSearch]:
    """Every catalog page by Sphinx document name, with its kind and filter values.

    A document is filtered by its own kind, seminar, year, the people it names (authors
    included) and its concepts; a seminar by its number, year and speakers; a person by
    their id and seminars; a concept by its id and the seminars of its documents. So
    ``person=anne-rogers`` finds her page and every page that names her.
    """
    documents = list(catalog.get("documents", []))
    seminar_of = {d["id"]: d.get("seminar") for d in documents}
    found: dict[str, PageSearch] = {}
    for d in documents:
        found[_docname(d, "document", d["id"])] = _entry(
            str(d["kind"]),
            {
                "seminar": [d.get("seminar")],
                "person": [*d.get("authors", []), *d.get("people", [])],
                "concept": d.get("concepts", []),
                "year": _year(d.get("date")),
            },
        )
    for s in catalog.get("seminars", []):
        talkers = [p for talk in s.get("talks", []) for p in talk.get("speakers", [])]
        found[_docname(s, "seminar", int(s["number"]))] = _entry(
            "seminar",
            {
                "seminar": [s["number"]],
                "person": [*s.get("speakers", []), *talkers],
                "year": _year(s.get("date")),
            },
        )
    for p in catalog.get("people", []):
        found[_docname(p, "person", p["id"])] = _entry(
            "person", {"person": [p["id"]], "seminar": p.get("seminars", [])}
        )
    for c in catalog.get("concepts", []):
        seminars = [seminar_of.get(doc) for doc in c.get("documents", [])]
        found[_docname(c, "concept", c["id"])] = _entry(
            "concept", {"concept": [c["id"]], "seminar": seminars}
        )
    return found


def lift_heading_ids(body: str) -> str:
    """Move each section's id onto its heading, so Pagefind can point into the section.

    Only markup the HTML writer made is matched: source text reaches ``body`` escaped,
    so it cannot contain a ``<section`` tag.
    """
    return _SECTION_HEADING.sub(r'<section\1>\3<h\4 id="\2"\5', body)


class SearchPages:
    """The per-build state: the filters of every page, read once from the catalog."""

    def __init__(self) -> None:
        self.filters: dict[str, PageSearch] = {}
        self.catalog: Path | None = None

    def load(self, app: Sphinx) -> None:
        """``builder-inited``: read ``catalog.json`` (absent before the first ingest)."""
        path = Path(app.srcdir) / app.config.kb_catalog
        if not path.is_file():
            logger.info("search: no %s; pages get no search filters", path)
            return
        self.catalog = path
        self.filters = page_filters(json.loads(path.read_text("utf-8")))

    def outdated(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        """``env-get-outdated``: rewrite the pages whose filters changed with the catalog.

        A page's text may stay the same while its filters change (a new document names a
        person), and Sphinx only rewrites pages whose source changed.
        """
        before: dict[str, PageSearch] = getattr(env, "kb_search_filters", {})
        env.kb_search_filters = dict(self.filters)  # type: ignore[attr-defined]
        names = set(before) | set(self.filters)
        return sorted(
            name
            for name in names
            if before.get(name) != self.filters.get(name) and name in env.found_docs
        )

    def context(
        self,
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: object,
    ) -> None:
        """``html-page-context``: give the template ``kb_search`` and lift heading ids."""
        indexed = pagename not in app.config.kb_search_exclude and "body" in context
        entry = self.filters.get(pagename)
        if entry is None:
            kind = ABOUT_KIND if pagename in app.config.kb_search_about else OTHER_KIND
            entry = PageSearch(kind, (("kind", kind),))
        context["kb_search"] = {
            "index": indexed,
            "kind": entry.kind,
            "rank": KIND_RANK.get(entry.kind, KIND_RANK[OTHER_KIND]),
            "filters": entry.filters,
        }
        if indexed and isinstance(context.get("body"), str):
            context["body"] = lift_heading_ids(context["body"])

    def copy_catalog(self, app: Sphinx, exception: Exception | None) -> None:
        """``build-finished``: put ``catalog.json`` at the root of the HTML site."""
        if exception is None and app.builder.format == "html" and self.catalog is not None:
            shutil.copyfile(self.catalog, Path(app.outdir) / "catalog.json")


def setup_search(app: Sphinx) -> None:
    """Register the search settings and connect the handlers."""
    app.add_config_value("kb_catalog", "catalog.json", "env", types=frozenset({str}))
    app.add_config_value(
        "kb_search_exclude", ["find", "search", "genindex"], "html", types=frozenset({list})
    )
    app.add_config_value("kb_search_about", [], "html", types=frozenset({list}))
    state = SearchPages()
    app.connect("builder-inited", state.load)
    app.connect("env-get-outdated", state.outdated)
    app.connect("html-page-context", state.context)
    app.connect("build-finished", state.copy_catalog)
