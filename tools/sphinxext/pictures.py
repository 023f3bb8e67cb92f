"""The ``{kb-timeline}`` and ``{kb-map}`` directives: pictures of the catalog, made at build time.

A directive reads ``catalog.json`` (and records it as a dependency, so the page is
rebuilt when the catalog changes), lays the picture out (:mod:`.picture_timeline`,
:mod:`.picture_map`) and leaves a :class:`kb_picture` node, followed by the picture's
text equivalent (:mod:`.picture_text`): a section "The map as text" (or "The timeline as
text") whose lists hold the same items, each a link to the same page. The HTML writer
turns the node into inline SVG through :func:`.svg.to_markup`, which escapes every value
and resolves each link to a document for the page being written; a link to a page that
does not exist is a warning, which ``sphinx-build -W -n`` makes an error (the lists'
links are ordinary cross-references, checked the same way). Before the picture it puts a
link to the text equivalent, which is also the picture's ``aria-describedby``: a reader
of the keyboard can skip a hundred nodes, and a screen reader announces where the lists
are. Other builders skip the pictures and keep the lists.

Usage in a page::

    ```{kb-timeline}
    ```
"""

from __future__ import annotations

import dataclasses
import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from .picture_map import collection_map
from .picture_text import TextGroup, map_summary, map_text, timeline_summary, timeline_text
from .picture_timeline import timeline
from .svg import El, to_markup

logger = logging.getLogger(__name__)


class kb_picture(nodes.General, nodes.Element):
    """A picture: ``node["svg"]`` is its :class:`~.svg.El` tree, ``node["picture"]`` the
    directive that made it, ``node["text_id"]`` the id of its text equivalent and
    ``node["skip"]`` the words of the link to it. (Lower case, as docutils names its node
    classes.)"""


class PictureDirective(SphinxDirective):
    """Base of the picture directives: no arguments, no content."""

    has_content = False
    picture: ClassVar[str]
    #: What the picture is called in "The map as text" and "Skip the map".
    noun: ClassVar[str]

    def layout(self, catalog: Mapping[str, Any]) -> El:
        """The picture of ``catalog``."""
        raise NotImplementedError

    def text(self, catalog: Mapping[str, Any]) -> tuple[tuple[TextGroup, ...], str]:
        """The picture's text equivalent: its lists, and one sentence saying what they hold."""
        raise NotImplementedError

    def text_section(self, groups: tuple[TextGroup, ...], summary: str, ids: str) -> nodes.section:
        """The text equivalent as a section of lists whose items link to their pages."""
        section = nodes.section(ids=[ids], classes=["kb-picture-text"])
        section += nodes.title(text=f"The {self.noun} as text")
        section += nodes.paragraph(summary, summary, ids=[f"{ids}-summary"])
        for group in groups:
            items = nodes.bullet_list(classes=["kb-picture-list"])
            for item in group.items:
                link = addnodes.pending_xref(
                    "",
                    nodes.inline(item.label, item.label),
                    refdomain="std",
                    reftype="doc",
                    reftarget="/" + item.link,
                    refexplicit=True,
                    refwarn=True,
                    refdoc=self.env.docname,
                )
                entry = nodes.paragraph("", "", link)
                if item.detail:
                    entry += nodes.Text(f" \N{EM DASH} {item.detail}")
                items += nodes.list_item("", entry)
            if not group.heading:
                section += items
                continue
            name = group.heading.split(" (")[0].lower().replace(" ", "-")
            part = nodes.section(ids=[f"{ids}-{name}"])
            part += nodes.title(text=group.heading)
            part += items
            section += part
        return section

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
        catalog = json.loads(path.read_text("utf-8"))
        serial = self.env.new_serialno(self.picture)  # two pictures on a page: two ids
        text_id = f"{self.picture}-text" + (f"-{serial}" if serial else "")
        node = kb_picture(
            svg=self.layout(catalog),
            picture=self.picture,
            text_id=text_id,
            skip=f"Skip the {self.noun}: read it as text, below it",
        )
        self.set_source_info(node)
        return [node, self.text_section(*self.text(catalog), text_id)]


class TimelineDirective(PictureDirective):
    """``{kb-timeline}``: the seminars on a time axis, with their documents, speakers, talks."""

    picture = "kb-timeline"
    noun = "timeline"

    def layout(self, catalog: Mapping[str, Any]) -> El:
        return timeline(catalog)

    def text(self, catalog: Mapping[str, Any]) -> tuple[tuple[TextGroup, ...], str]:
        groups = timeline_text(catalog)
        return groups, timeline_summary(groups)


class MapDirective(PictureDirective):
    """``{kb-map}``: people, seminars and concepts as a network of links to their pages."""

    picture = "kb-map"
    noun = "map"

    def layout(self, catalog: Mapping[str, Any]) -> El:
        return collection_map(catalog)

    def text(self, catalog: Mapping[str, Any]) -> tuple[tuple[TextGroup, ...], str]:
        groups = map_text(catalog)
        return groups, map_summary(groups)


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
    svg = node["svg"]
    text_id = node.get("text_id")
    if text_id:  # the skip link, and the picture described by what the lists hold
        skip = html.escape(node["skip"])
        self.body.append(f'<p class="kb-picture-skip"><a href="#{text_id}">{skip}</a></p>')
        described = (("aria-describedby", f"{text_id}-summary"),)
        svg = dataclasses.replace(svg, attrs=svg.attrs + described)
    self.body.append(f'<div class="kb-picture kb-picture-{kind}">')
    self.body.append(to_markup(svg, resolve))
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
