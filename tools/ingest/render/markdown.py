"""Small pure functions that write the MyST of the site pages.

Two kinds of text reach a page, and they are kept apart by type of use, not by hope:

* text read from sources or registries (titles, names, sentences, venues) always goes
  through :func:`.escape.escape_inline` / :func:`.escape.escape_block`, so it renders
  as the words it is and never as markup;
* everything else (link targets, directive names and options, dates, counts) is made
  here from ids that :func:`.pages.page_path` has validated, or from fixed words.

Two places take text that is not Markdown and so cannot be backslash-escaped: the
argument of an ``{index}`` directive (:func:`index_entry` strips what that syntax reads)
and the fence around a directive (:func:`directive` makes it longer than anything in
the body).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from ..dates import iso_parts
from ..escape import escape_block, escape_inline
from ..pages import relative

__all__ = [
    "ORPHAN",
    "bullets",
    "by_initial",
    "date_label",
    "directive",
    "escape_block",
    "escape_inline",
    "external",
    "index_entry",
    "initial",
    "join_lines",
    "letter_key",
    "link",
    "plural",
    "shorten",
    "shown_date",
]

T = TypeVar("T")

#: Front matter of a page that no toctree lists (a person, a concept): Sphinx builds and
#: indexes it like any other, and does not warn that it is in no toctree. Keeping the
#: many entity pages out of the toctree keeps the theme's navigation small: Furo renders
#: the whole toctree into every page, so a toctree of every entity makes the build grow
#: with the square of the collection (measured in docs/site.md).
ORPHAN = "---\norphan: true\n---"

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_COLON_RUN = re.compile(r"^\s*(:{3,})")


def link(label: str, source: str, target: str) -> str:
    """A MyST link from page ``source`` to page ``target``; ``label`` is raw text."""
    return f"[{escape_inline(label)}]({relative(source, target)})"


def date_label(value: str | None) -> str | None:
    """``2016-10-28`` as ``28 October 2016`` (``2016-10``, ``2016`` likewise).

    Returns ``None`` for anything that is not a valid ISO 8601 date, so a caller can show
    the raw value (escaped) instead of a wrong one.
    """
    if value is None:
        return None
    parts = iso_parts(value)
    if parts is None:
        return None
    year, month, day = parts
    if month is None:
        return str(year)
    if day is None:
        return f"{_MONTHS[month - 1]} {year}"
    return f"{day} {_MONTHS[month - 1]} {year}"


def shown_date(value: str | None) -> str:
    """A date as MyST: its label when valid, the raw value escaped otherwise."""
    if value is None:
        return "date not known"
    label = date_label(value)
    return label if label is not None else escape_inline(value)


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``1 document``, ``3 documents``: counts in running text."""
    word = singular if count == 1 else (many or singular + "s")
    return f"{count} {word}"


def shorten(text: str, limit: int = 300) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters.

    Sentences found by the link stage can be a whole paragraph when a text has no full
    stops (slide transcripts); a snippet should stay a snippet.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def index_entry(text: str) -> str:
    """Raw text made safe as the value of ``single:`` in an ``{index}`` directive.

    The index syntax is not Markdown: ``;`` starts a sub-entry, a leading ``!`` marks the
    main entry, and the directive's argument is one line that a backtick fence cannot
    hold backticks in. Those are replaced; the rest is shown as it is.
    """
    flat = " ".join(text.replace("`", "'").replace(";", ",").split())
    return flat.lstrip("!").strip() or "?"


def directive(
    name: str,
    argument: str = "",
    options: Sequence[tuple[str, str]] = (),
    body: str = "",
) -> str:
    """A colon-fenced directive whose fence is longer than any fence in ``body``.

    ``name`` and ``options`` are fixed by the caller; ``argument`` and ``body`` may hold
    escaped text. Nested directives get longer outer fences without any bookkeeping.
    """
    body = body.strip("\n")
    inner = [len(m.group(1)) for line in body.splitlines() if (m := _COLON_RUN.match(line))]
    fence = ":" * max([3, *(n + 1 for n in inner)])
    head = f"{fence}{{{name}}}" + (f" {argument}" if argument else "")
    lines = [head, *(f":{key}: {value}" if value else f":{key}:" for key, value in options)]
    if body:
        lines += ["", body]
    lines.append(fence)
    return "\n".join(lines)


def bullets(items: Iterable[str]) -> str:
    """A bulleted list of MyST items (each one line, already escaped)."""
    return "\n".join(f"- {item}" for item in items)


def join_lines(*parts: str) -> str:
    """Blocks of a page, separated by one blank line, ending with a newline."""
    return "\n\n".join(part.strip("\n") for part in parts if part.strip()) + "\n"


#: What an address must look like to become a link: http(s), and none of the characters
#: that could end a Markdown link destination or change how it is read.
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~!$&'*+,;=:@%/?#-]*)?$")


def external(url: str) -> str:
    """A link to ``url`` when it is a plain http(s) address, else the address as text.

    Addresses come from registries and sidecars, which contributors edit: only one that
    cannot carry a ``javascript:`` scheme, a space or a parenthesis becomes a link.
    """
    if _URL.match(url):
        return f"[{escape_inline(url)}]({url})"
    return escape_inline(url)


def initial(text: str) -> str:
    """The letter an A-Z index files ``text`` under: ``Ö`` under O, a digit under ``0-9``."""
    for char in unicodedata.normalize("NFKD", text):
        if char.isascii() and char.isalpha():
            return char.upper()
        if char.isdigit():
            return "0-9"
    return "Other"


def letter_key(letter: str) -> tuple[int, str]:
    """The order of an A-Z index's headings: ``0-9``, then A to Z, then ``Other``."""
    return ({"0-9": 0, "Other": 2}.get(letter, 1), letter)


def by_initial(items: Sequence[T], key: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """``items`` (already sorted) filed under the :func:`initial` of ``key(item)``."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(initial(key(item)), []).append(item)
    return sorted(groups.items(), key=lambda group: letter_key(group[0]))
