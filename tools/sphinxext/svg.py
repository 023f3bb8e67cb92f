"""A small, safe SVG model: the pictures are built as data and written with every value escaped.

The timeline and the map show titles and names from the sources, which are untrusted.
Instead of formatting markup as text, a picture is a tree of :class:`El` whose tags and
attribute names come from fixed allowlists and whose every text and attribute value is
escaped by :func:`to_markup`. A link names a Sphinx document (``El.link``), never an
address: the writer turns it into a relative ``href`` for the page being written, so a
picture cannot link outside the site or to a ``javascript:`` address.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

#: Elements a picture may use; none can run code or load anything.
TAGS: Final = frozenset(
    {"svg", "g", "a", "title", "desc", "circle", "rect", "line", "path", "text", "tspan"}
)
#: Attributes a picture may use (``href`` only through ``El.link``; no ``on*``, no ``style``).
ATTRIBUTES: Final = frozenset(
    {
        "viewBox",
        "class",
        "id",
        "role",
        "aria-label",
        "aria-labelledby",
        "aria-describedby",
        "aria-hidden",
        "focusable",
        "xmlns",
        "preserveAspectRatio",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "width",
        "height",
        "d",
        "dx",
        "dy",
        "text-anchor",
        "transform",
        "stroke-width",
    }
)
_DATA: Final = re.compile(r"^data-kb-[a-z]+$")

Resolve = Callable[[str], str]


@dataclass(frozen=True)
class El:
    """One SVG element: tag, attributes, children (elements or text), optional link."""

    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    children: tuple[El | str, ...] = ()
    link: str | None = None  #: a Sphinx document name; only on ``<a>``


def el(tag: str, *children: El | str, link: str | None = None, **attrs: object) -> El:
    """Shorthand: ``el("text", "Seminar 4", x=10, class_="kb-label")``.

    A trailing ``_`` is dropped from a keyword (``class_``) and other ``_`` become ``-``
    (``text_anchor``, ``data_kb_node``); numbers are written with at most one decimal.
    """
    pairs = tuple(
        (name.rstrip("_").replace("_", "-"), _number(value))
        for name, value in sorted(attrs.items())
        if value is not None
    )
    return El(tag, pairs, tuple(children), link)


def _number(value: object) -> str:
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text[:-2] if text.endswith(".0") else text
    return str(value)


class UnsafePictureError(ValueError):
    """A picture uses an element or attribute outside the allowlists (a bug in its layout)."""


def links(root: El) -> list[str]:
    """Every document a picture links to, in document order."""
    found = [root.link] if root.link else []
    for child in root.children:
        if isinstance(child, El):
            found += links(child)
    return found


def to_markup(root: El, resolve: Resolve) -> str:
    """The picture as HTML-embeddable SVG markup, every value escaped.

    ``resolve`` turns a linked document name into the relative address for the page the
    picture is written on.
    """
    if root.tag not in TAGS:
        raise UnsafePictureError(f"<{root.tag}> is not an element pictures may use")
    parts = [f"<{root.tag}"]
    for name, value in root.attrs:
        if name not in ATTRIBUTES and not _DATA.match(name):
            raise UnsafePictureError(f"{name}= is not an attribute pictures may use")
        parts.append(f' {name}="{html.escape(value, quote=True)}"')
    if root.link is not None:
        if root.tag != "a":
            raise UnsafePictureError(f"only <a> may link (got <{root.tag}>)")
        parts.append(f' href="{html.escape(resolve(root.link), quote=True)}"')
    parts.append(">")
    for child in root.children:
        parts.append(
            to_markup(child, resolve) if isinstance(child, El) else html.escape(child, quote=False)
        )
    parts.append(f"</{root.tag}>")
    return "".join(parts)
