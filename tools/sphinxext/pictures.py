"""The ``{kb-timeline}`` and ``{kb-map}`` directives: pictures of the catalog, made at build time.

A directive reads ``catalog.json`` (and records it as a dependency, so the page is
rebuilt when the catalog changes), lays the picture out (:mod:`.picture_timeline`,
:mod:`.picture_map`) and leaves a :class:`kb_picture` node. The HTML writer turns the
node into inline SVG through :func:`.svg.to_markup`, which escapes every value and
resolves each link to a document for the page being written; a link to a page that
does not exist is a warning, which ``sphinx-build -W -n`` makes an error. Other
builders skip the pictures (the pages say in words what they show).

Usage in a page::

    ```{kb-timeline}
    ```
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from .picture_map import collection_map
from .picture_timeline import timeline
from .svg import El, to_markup

logger = logging.getLogger(__name__)


class kb_picture(nodes.General, nodes.Element):
    """A picture: ``node["svg"]`` is its :class:`~.svg.El` tree, ``node["picture"]`` the
    directive that made it. (Lower case, as docutils names its node classes.)"""


class PictureDirective(SphinxDirective):
    """Base of the picture directives: no arguments, no content."""

    has_content = False
    picture: ClassVar[str]

    def layout(self, catalog: Mapping[str, Any]) -> El:
        """The picture of ``catalog``."""
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        path = Path(self.env.srcdir) / self.config.kb_catalog
        self.env.note_dependency(str(path))
        if not path.is_file():
            return [
                self.state.document.reporter.warning(
                    f"{self.picture}: no {path.name} in {path.parent}; run python -m tools.ingest "
                    "first, it writes the catalog the picture is drawn from",
                    line=self.lineno,
                )
            ]
        drawing = self.layout(json.loads(path.read_text("utf-8")))
        node = kb_picture(svg=drawing, picture=self.picture)
        self.set_source_info(node)
        return [node]


class TimelineDirective(PictureDirective):
    """``{kb-timeline}``: the seminars on a time axis, with their documents, speakers, talks."""

    picture = "kb-timeline"

    def layout(self, catalog: Mapping[str, Any]) -> El:
        return timeline(catalog)


class MapDirective(PictureDirective):
    """``{kb-map}``: people, seminars and concepts as a network of links to their pages."""

    picture = "kb-map"

    def layout(self, catalog: Mapping[str, Any]) -> El:
        return collection_map(catalog)


def visit_picture_html(self: HTML5Translator, node: kb_picture) -> None:
    """Write the picture as inline SVG in a scrollable box; links relative to this page."""
    builder = self.builder
    current = builder.current_docname

    def resolve(docname: str) -> str:
        if docname not in builder.env.all_docs:
            logger.warning(
                "%s links to %s, which is not a page of the site",
                node["picture"],
                docname,
                location=node,
                type="kb",
                subtype="picture_link",
            )
        return builder.get_relative_uri(current, docname)

    kind = node["picture"].removeprefix("kb-")
    self.body.append(f'<div class="kb-picture kb-picture-{kind}">')
    self.body.append(to_markup(node["svg"], resolve))
    self.body.append("</div>")
    raise nodes.SkipNode


def skip_picture(self: nodes.NodeVisitor, node: kb_picture) -> None:
    """Builders other than HTML leave the picture out."""
    raise nodes.SkipNode


def setup_pictures(app: Sphinx) -> None:
    """Register the picture node and its directives."""
    skip = (skip_picture, None)
    app.add_node(
        kb_picture,
        html=(visit_picture_html, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_directive("kb-timeline", TimelineDirective)
    app.add_directive("kb-map", MapDirective)
