"""A web feed (RSS 2.0 or Atom) saved as a file: each item is a post.

A contributor who saves a blog's feed ("…/feed/", "atom.xml") gets XML, not a page: a
``<channel>`` (RSS) or ``<feed>`` (Atom) with one ``<item>`` or ``<entry>`` per post, each
with its title, date, writer and text, the text itself HTML inside the XML (escaped or in
a CDATA section). Read as text, that is markup; read as a page, it has no body. So a file
whose text opens with a feed's root element is read here, whatever its name says
(:func:`is_feed`), into the lines a page gives: per item its title (hinted ``title``), its
date (``date``), its writer (``byline``) and a line per paragraph of its text, each
numbered with the line of the file it stands on. The feed's own title and description
are its frame (whose blog it is). Pure functions; BeautifulSoup's ``html.parser`` reads
both the XML and the HTML inside it, so nothing is fetched and no entity is expanded.
"""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, CData, Tag, XMLParsedAsHTMLWarning

from ..records import Hint, Line
from .html import HtmlPage, NoText

__all__ = ["is_feed", "read_feed"]

#: A feed's root element, after an XML declaration, comments and whitespace.
_ROOT = re.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:rdf)\b", re.S | re.I
)
_SPACE = re.compile(r"\s+")
#: Where each part of an item is, first found wins: RSS 2.0, Dublin Core, Atom.
_TITLE = ("title",)
_DATE = ("pubdate", "dc:date", "published", "updated")
_WRITER = ("dc:creator", "author")
_TEXT = ("content:encoded", "content", "description", "summary")
#: The elements of an item's HTML that hold a paragraph of its text each.
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt")


def is_feed(text: str) -> bool:
    """Whether ``text`` is a web feed: its first element is ``<rss>``, ``<feed>`` or RDF's."""
    return _ROOT.match(text[:4096]) is not None


def read_feed(text: str, path: str) -> HtmlPage:
    """The lines of a feed's items (see the module doc); :class:`NoText` if it has none."""
    with warnings.catch_warnings():  # html.parser reads a feed's plain XML as it should
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "html.parser")
    items = [t for t in soup.find_all(("item", "entry")) if isinstance(t, Tag)]
    lines: list[Line] = []
    for item in items:
        lines.extend(_item_lines(item))
        lines.append(Line(lines[-1].number if lines else 1, ""))
    if not any(line.text for line in lines):
        raise NoText(
            "the feed has no items with text: save the blog's pages instead, or copy "
            "the posts' text into a .txt file"
        )
    frame = _frame(soup, items)
    title = frame[0].text if frame else None
    return HtmlPage(tuple(lines), title, None, (), tuple(frame))


def _item_lines(item: Tag) -> list[Line]:
    """An item's title, date, writer and paragraphs, each at its line of the file."""
    out: list[Line] = []
    parts: tuple[tuple[tuple[str, ...], Hint], ...] = (
        (_TITLE, "title"),
        (_DATE, "date"),
        (_WRITER, "byline"),
    )
    for names, hint in parts:
        part = _first(item, names)
        if part is not None:
            shown = _flat(_plain(part))
            if shown:
                out.append(Line(part.sourceline or 1, shown, hint))
    body = _first(item, _TEXT)
    if body is not None:
        out.extend(_paragraphs(body))
    return out


def _first(item: Tag, names: tuple[str, ...]) -> Tag | None:
    """The item's first child element of the first of ``names`` it has (not nested items)."""
    for name in names:
        found = item.find(name)
        if isinstance(found, Tag):
            return found
    return None


def _plain(part: Tag) -> str:
    """The text of a simple element: a CDATA section's words, or an Atom author's name."""
    name = part.find("name")
    return (name if isinstance(name, Tag) else part).get_text(" ")


def _paragraphs(body: Tag) -> list[Line]:
    """A line per paragraph of an item's HTML text, numbered from the element's line."""
    base = body.sourceline or 1
    markup = "".join(
        str(c) if isinstance(c, CData) else c.get_text() if isinstance(c, Tag) else str(c)
        for c in body.contents
    )
    inner = BeautifulSoup(markup, "html.parser")
    outermost: list[Tag] = []  # the blocks inside no other block, in order (one walk)
    stack: list[Tag] = [inner]
    while stack:
        node = stack.pop()
        if node is not inner and node.name in _BLOCKS:
            outermost.append(node)
            continue
        stack.extend(c for c in reversed(node.contents) if isinstance(c, Tag))
    out: list[Line] = []
    for block in outermost or [inner]:
        for number, text in _broken(block):
            if shown := _flat(text):
                out.append(Line(base + number - 1, shown, _hint(block)))
    return out


def _broken(block: Tag) -> list[tuple[int, str]]:
    """A block's text in the parts its ``<br>`` tags break it into (a programme's rows),
    each with its line in the item's text: a part starts on the line after its ``<br>``
    when the text goes on there. One walk of the block's elements."""
    parts: list[tuple[int, str]] = []
    number = block.sourceline or 1
    words: list[str] = []
    for node in block.descendants:
        if isinstance(node, Tag):
            if node.name == "br":
                parts.append((number, "".join(words)))
                words = []
                number = node.sourceline or number
        elif not words and not str(node).strip():
            number += str(node).count("\n")
        else:
            if not words:
                number += str(node)[: len(str(node)) - len(str(node).lstrip())].count("\n")
            words.append(str(node))
    parts.append((number, "".join(words)))
    return parts


def _hint(block: Tag) -> Hint:
    return "heading" if block.name in ("h1", "h2", "h3", "h4", "h5", "h6") else ""


def _frame(soup: BeautifulSoup, items: list[Tag]) -> list[Line]:
    """The feed's own title and description (outside its items): whose blog it is."""
    out: list[Line] = []
    inside = {id(item) for item in items}
    for name in ("title", "description", "subtitle"):
        for found in soup.find_all(name):
            if isinstance(found, Tag) and not any(id(p) in inside for p in found.parents):
                if shown := _flat(found.get_text(" ")):
                    out.append(Line(found.sourceline or 1, shown))
                break
    return out


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
