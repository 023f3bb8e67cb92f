"""After a build, delete the pages of documents that no longer exist.

Sphinx builds incrementally: a document deleted from the source folder leaves its HTML
page (and its copy under ``_sources/``) in the output, where links no longer lead to it
but readers, crawlers and the search index (Pagefind reads every page) still find it. So
``nox -s build`` and ``nox -s serve`` would publish a different site from the one a fresh
clone builds. This module removes, at ``build-finished``, every HTML page that is neither
a document of this build nor a page the builder wrote in this build (the general index,
the search page, the pages of :mod:`.search_page`), and every ``_sources/`` copy that is
not a current document's; then the folders left empty.

It runs before the post-build scan, and leaves alone what is not the HTML builder's:
``_static/`` (theme files), ``pagefind/`` and the other files :mod:`.search_index` writes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Folders of the output that hold no page of the builder's own.
KEEP: Final = frozenset({"_static", "pagefind", ".doctrees"})
SOURCES: Final = "_sources"


class Written:
    """The pages the builder wrote in this process during this build."""

    def __init__(self) -> None:
        self.pages: set[str] = set()

    def reset(self, app: Sphinx) -> None:
        """``builder-inited``: a new build starts with none."""
        self.pages = set()

    def record(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        """``html-page-context``: note a page (documents written by parallel workers are
        not seen here; :func:`expected` takes every current document anyway)."""
        self.pages.add(pagename)

    def prune(self, app: Sphinx, exception: Exception | None) -> None:
        """``build-finished``: delete what the build did not make."""
        builder = app.builder
        if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
            return
        if builder.name == "singlehtml":
            return
        removed = stale_files(Path(builder.outdir), *expected(builder, self.pages))
        for path in removed:
            path.unlink()
        remove_empty_folders(Path(builder.outdir))
        if removed:
            logger.info("prune: deleted %d page(s) of documents that no longer exist", len(removed))


def expected(builder: StandaloneHTMLBuilder, written: set[str]) -> tuple[set[str], set[str]]:
    """The output paths (posix, relative) of the pages and of the ``_sources/`` copies
    that belong to this build."""
    docs = builder.env.found_docs
    pages = {_relative(builder, builder.get_outfilename(name)) for name in docs | written}
    for extra in builder.config.html_extra_path:  # copied as they are, pages included
        folder = Path(builder.confdir, extra)
        if folder.is_file():
            pages.add(folder.name)
        pages.update(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    sources: set[str] = set()
    if builder.config.html_copy_source:
        suffix = builder.config.html_sourcelink_suffix
        for name in docs:
            source_suffix = os.path.splitext(builder.env.doc2path(name, False))[1]
            sources.add(f"{SOURCES}/{name}{source_suffix}{suffix}")
    return pages, sources


def _relative(builder: StandaloneHTMLBuilder, path: str | os.PathLike[str]) -> str:
    return Path(path).relative_to(builder.outdir).as_posix()


def stale_files(outdir: Path, pages: set[str], sources: set[str]) -> list[Path]:
    """HTML pages and source copies under ``outdir`` that are not in the given sets."""
    stale = []
    for path in sorted(outdir.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        name = path.relative_to(outdir).as_posix()
        top = name.split("/", 1)[0]
        if top in KEEP:
            continue
        if (top == SOURCES and name not in sources) or (
            top != SOURCES and path.suffix == ".html" and name not in pages
        ):
            stale.append(path)
    return stale


def remove_empty_folders(outdir: Path) -> None:
    """Remove the folders under ``outdir`` (outside :data:`KEEP`) that hold nothing."""
    for folder, _, _ in sorted(os.walk(outdir), key=lambda item: -len(item[0])):
        path = Path(folder)
        if path == outdir or path.relative_to(outdir).parts[0] in KEEP:
            continue
        if not any(path.iterdir()):
            path.rmdir()


def setup_prune(app: Sphinx) -> None:
    """Connect the handlers; the pruning runs before the post-build scan."""
    written = Written()
    app.connect("builder-inited", written.reset)
    app.connect("html-page-context", written.record)
    app.connect("build-finished", written.prune, priority=400)
