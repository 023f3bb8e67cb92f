"""Where each generated page lives: one pure function every stage agrees on.

A page's path is made from an id that the pipeline made, never from text it read, so a
link target can always be trusted: :func:`page_path` refuses anything but a seminar
number or a slug (lower-case letters and digits joined by single ``-`` or ``_``, the rule
:mod:`.render` applies to document ids). Document pages (:mod:`.render`) and seminar,
person and concept pages (:mod:`.render.site`) link to each other through these paths,
and ``catalog.json`` records each entry's ``page`` with them.

When the site's own address is known (``KB_BASEURL``, checked by :func:`base_url`), a
page's full address is :func:`page_url`: the references and the pages' metadata give it.

Each folder also holds pages the site itself needs (``index``, ``glossary``,
``overview``, the ingest ``report``). An id that happens to be one of those names gets a
trailing underscore (``documents/index_.md``): a slug never ends with an underscore, so
the renamed page cannot collide with any other.
"""

from __future__ import annotations

import re
from typing import Final, Literal
from urllib.parse import urlsplit

PageKind = Literal["seminar", "person", "concept", "document"]

SLUG: Final = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
#: The environment variable that gives the site's own address (read by ``docs/conf.py``
#: and ``python -m tools.ingest``).
BASE_URL_VARIABLE: Final = "KB_BASEURL"
#: What the site's address may be written with: the characters an address holds as it
#: is (RFC 3986), without quotes, brackets or braces, so it goes into every format as is.
_URL_CHARS: Final = re.compile(r"[A-Za-z0-9\-._~:/@!$&()*+,;=%]+")

#: The folder of each kind of page, relative to the site root (``docs/``).
FOLDERS: Final[dict[PageKind, str]] = {
    "seminar": "seminars",
    "person": "people",
    "concept": "concepts",
    "document": "documents",
}

#: Pages of each folder that are not entities: an id may not take their name.
RESERVED: Final[dict[str, frozenset[str]]] = {
    "seminars": frozenset({"index"}),
    "people": frozenset({"index"}),
    "concepts": frozenset({"index", "glossary"}),
    # report: tools/ingest/report.py; works-cited: render/works.py
    "documents": frozenset({"index", "overview", "report", "works-cited"}),
}


def page_path(kind: PageKind, key: str | int) -> str:
    """The page of a seminar (by number) or of a person, concept or document (by id).

    >>> page_path("person", "anne-rogers")
    'people/anne-rogers.md'
    >>> page_path("seminar", 4)
    'seminars/seminar-4.md'
    """
    folder = FOLDERS[kind]
    if kind == "seminar":
        if isinstance(key, bool) or not isinstance(key, int) or key < 1:
            raise ValueError(f"a seminar is named by a number from 1 (got {key!r})")
        return f"{folder}/seminar-{key}.md"
    if not isinstance(key, str) or not SLUG.match(key):
        raise ValueError(
            f"a {kind} id must be a slug: a-z and 0-9 joined by '-' or '_' (got {key!r}); "
            "ids are made by the pipeline, so this is a bug in the stage that made it"
        )
    name = f"{key}_" if key in RESERVED[folder] else key
    return f"{folder}/{name}.md"


def site_page(folder: str, name: str) -> str:
    """A page of the site's own (``seminars/index.md``, ``concepts/glossary.md``)."""
    if name not in RESERVED.get(folder, frozenset()):
        raise ValueError(f"{folder}/{name} is not one of the site's own pages")
    return f"{folder}/{name}.md"


def docname(path: str) -> str:
    """The Sphinx document name of a page: its path without ``.md``."""
    if not path.endswith(".md"):
        raise ValueError(f"a page path ends with .md (got {path!r})")
    return path[: -len(".md")]


def relative(source: str, target: str) -> str:
    """The relative path that links page ``source`` to page ``target`` (both site paths).

    >>> relative("seminars/seminar-4.md", "people/anne-rogers.md")
    '../people/anne-rogers.md'
    >>> relative("people/index.md", "people/anne-rogers.md")
    'anne-rogers.md'
    >>> relative("index.md", "people/anne-rogers.md")
    'people/anne-rogers.md'

    Site paths are made here, so they are already normal (no ``.``, ``..`` or doubled
    ``/``): the path is found from their folders alone, without the file system calls of
    ``posixpath.relpath`` (a site of 10,000 documents asks for hundreds of thousands).
    """
    here = source.split("/")[:-1]
    *there, name = target.split("/")
    shared = 0
    while shared < min(len(here), len(there)) and here[shared] == there[shared]:
        shared += 1
    return "/".join([".."] * (len(here) - shared) + there[shared:] + [name])


def base_url(value: str | None) -> str | None:
    """The site's own address, ending with ``/``, or None when ``value`` is unset or blank.

    Raises ValueError, saying what to write instead, unless ``value`` is an absolute
    ``http``/``https`` address of a host (a path is allowed, a query or fragment is not).

    >>> base_url("https://example.org/kb")
    'https://example.org/kb/'
    >>> base_url("") is None
    True
    """
    text = (value or "").strip()
    if not text:
        return None
    fix = (
        f"{BASE_URL_VARIABLE} must be the site's address, such as https://example.org/kb/ "
        "(http or https, a host, no query or fragment, any other character "
        f"percent-encoded; got {text[:200]!r}); "
        "leave it unset when the site has no address yet"
    )
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError as error:
        raise ValueError(fix) from error
    if (
        parts.scheme not in ("http", "https")
        or not host
        or parts.query
        or parts.fragment
        or not _URL_CHARS.fullmatch(text)
    ):
        raise ValueError(fix)
    return text if text.endswith("/") else text + "/"


def page_url(base: str, path: str) -> str:
    """The full address of a page (a site path ``people/x.md`` or a document name
    ``people/x``) on the site at ``base`` (from :func:`base_url`): the address Sphinx
    gives the page's canonical link.

    >>> page_url("https://example.org/kb/", "seminars/seminar-4.md")
    'https://example.org/kb/seminars/seminar-4.html'
    """
    name = path.removesuffix(".md")
    return f"{base}{name}.html"
