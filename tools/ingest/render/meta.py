"""Front matter and the original address of a page: pure functions, safe by construction.

Front matter is where a page could reconfigure MyST for itself (``myst:``,
``substitutions:``, ``html_meta:``), and MyST parses the values of docutils'
bibliographic keys (``authors``, ``date``, ...) as Markdown: a ``date`` of
``{download}`x``` copies file ``x`` into the site. So the page's front matter has one
key, :data:`FRONT_MATTER_KEY`, fixed by this code and not a bibliographic field; MyST
shows its value (a mapping) as literal JSON and never parses it. The values are plain
scalars and lists of strings, one line each, and :func:`front_matter_data` round-trips
through YAML (the tests check it).

The original address becomes a link only when it is an ``http``/``https`` URL with a
host; anything else (``javascript:``, ``data:``, a bare path) is shown as text.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import quote, urlsplit

import yaml

from ..escape import escape_inline, inline_text
from ..records import Document, Origin

FRONT_MATTER_KEY: Final = "document"
LINK_SCHEMES: Final = frozenset({"http", "https"})
#: Characters left as they are in a link's address: markdown-it's own set (``mdurl``), so
#: the address Markdown hands to the page is exactly the one made here, with no space,
#: quote, angle bracket or backslash that could end it early. The rest is percent-encoded.
_URL_SAFE: Final = ";/?:@&=+$,-_.!~*'()#%"
_STRAY_PERCENT: Final = re.compile(r"%(?![0-9A-Fa-f]{2})")
#: No line folding: a folded line could start with ``---`` and end the front matter.
_YAML_WIDTH: Final = 1 << 30


def origin_ref(origin: Origin) -> str:
    """``sources/blog/x.txt:12-80``, the way facts cite a place in a source."""
    return f"sources/{origin.source}:{origin.lines[0]}-{origin.lines[1]}"


def front_matter_data(document: Document) -> dict[str, object]:
    """The values of the page's front matter: fixed keys, one-line strings."""
    return {
        "title": inline_text(document.title),
        "title_derived": document.title_derived,
        "kind": document.kind,
        "authors": [inline_text(author) for author in document.authors],
        "bylines": [inline_text(byline) for byline in document.bylines],
        "date": inline_text(document.date) if document.date else None,
        "seminar": document.seminar,
        "origins": [origin_ref(origin) for origin in document.origins],
        "url": inline_text(document.url) if document.url else None,
    }


#: libyaml's emitter where PyYAML was built with it (same output, many times faster).
_DUMPER: Final = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(document: Document) -> str:
    """The ``---`` block that opens the page (without a trailing newline)."""
    dumped = yaml.dump(
        # orphan: a document page is reached from the library, seminar, people and
        # concept pages, not from a toctree; with thousands of documents a toctree entry
        # each would make the theme render the whole list into every page.
        {FRONT_MATTER_KEY: front_matter_data(document), "orphan": True},
        sort_keys=True,
        allow_unicode=True,
        width=_YAML_WIDTH,
        default_flow_style=False,
        Dumper=_DUMPER,
    )
    return f"---\n{dumped}---"


def safe_url(url: str) -> str | None:
    """``url`` percent-encoded for a link, or None if it must not be one."""
    text = url.strip()
    if any(char.isspace() or not char.isprintable() for char in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. a malformed IPv6 host
        return None
    if parts.scheme not in LINK_SCHEMES or not parts.hostname or "[" in parts.netloc:
        return None  # not http(s), no host, or an IPv6 literal (rare, and easy to garble)
    return _STRAY_PERCENT.sub("%25", quote(text, safe=_URL_SAFE))


def safe_link(url: str) -> str:
    """Markdown for the original address: a link if :func:`safe_url` allows, else text.

    The address sits in ``<...>`` with its ASCII punctuation backslash-escaped, so
    Markdown decodes neither entities (``&amp;``) nor anything else in it; the link's text
    is the address as given, escaped.
    """
    target = safe_url(url)
    if target is None:
        return escape_inline(url)
    destination = "".join("\\" + c if c in "&\\<>" else c for c in target)
    return f"[{escape_inline(url)}](<{destination}>)"
