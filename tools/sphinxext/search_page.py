"""One search page, at Sphinx's own address ``search.html``, and old addresses sent to it.

Sphinx writes a ``search.html`` of its own, with an index of its own (``searchindex.js``).
The site searches with Pagefind instead (:mod:`.search`, :mod:`.search_index`), and two
search pages, one of which ignores the site's filters, were one too many. So for the
HTML builders this module:

* turns Sphinx's search off (the builder's ``search`` flag: no ``searchindex.js``, whose
  incremental updates also kept the words of deleted pages), and writes ``search.html``
  from the extension's template ``kb-search.html`` instead: the theme's search box,
  ``search.html?q=...`` links and a ``search`` entry in a toctree all lead there;
* writes each old address in ``kb_search_moved`` (``find.html``) as a small page that
  sends the reader on to ``search.html``, with the words and filters of its address
  (``_static/kb-search.js`` does it: the site has no inline script and no
  ``<meta http-equiv="refresh">``, which the post-build scan refuses).

The templates live beside this module (``templates/``), so any site that loads the
extension has them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config

TEMPLATES: Final = Path(__file__).parent / "templates"
#: The page Sphinx calls ``search``, and the templates of the pages this module writes.
SEARCH_PAGE: Final = "search"
SEARCH_TEMPLATE: Final = "kb-search.html"
MOVED_TEMPLATE: Final = "kb-moved.html"
#: Sphinx's own search index, which the site does not use.
SPHINX_INDEX: Final = "searchindex.js"


def add_templates(app: Sphinx, config: Config) -> None:
    """``config-inited``: let the builder find the extension's templates."""
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def own_search(app: Sphinx) -> None:
    """``builder-inited``: no Sphinx search index and no Sphinx search page."""
    if isinstance(app.builder, StandaloneHTMLBuilder):
        app.builder.search = False


def remove_sphinx_index(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: delete the ``searchindex.js`` an earlier build may have left, so
    that the site is the one a fresh clone builds."""
    builder = app.builder
    if exception is None and isinstance(builder, StandaloneHTMLBuilder) and not builder.search:
        (Path(app.outdir) / SPHINX_INDEX).unlink(missing_ok=True)


def search_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: ``search.html``, and a page for each old address."""
    if not isinstance(app.builder, StandaloneHTMLBuilder) or app.builder.name == "singlehtml":
        return
    yield SEARCH_PAGE, {"title": "Search"}, SEARCH_TEMPLATE
    for old in app.config.kb_search_moved:
        yield old, {"title": "Search", "kb_moved_to": SEARCH_PAGE}, MOVED_TEMPLATE


def setup_search_page(app: Sphinx) -> None:
    """Register the old addresses and connect the handlers."""
    app.add_config_value("kb_search_moved", ["find"], "html", types=frozenset({list}))
    app.connect("config-inited", add_templates)
    app.connect("builder-inited", own_search)
    app.connect("html-collect-pages", search_pages)
    app.connect("build-finished", remove_sphinx_index)
