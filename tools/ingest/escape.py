"""Turn untrusted text into MyST that renders to exactly that text: pure functions.

Source texts are untrusted: a post may contain ``<script>``, ``{include}`` or a
``[1]: url`` line, and MyST would obey it (or silently drop it). So every character of
source text that reaches a page goes through this module, and the page shows the text
as it was written, never as markup.

The rules, and why each is needed:

* Every ASCII punctuation character is backslash-escaped. CommonMark lets any of them
  be escaped, and every Markdown, MyST and rST construct (fences, ``:::``, roles,
  ``% comments``, ``(label)=``, ``+++``, ``[1]: url``, ``<!-- -->``, entities, tables,
  emphasis, ``{{ jinja }}``) begins with one, so no line can start or contain markup.
* Whitespace at the start or end of a line is written as a numeric character reference
  (``&#32;``): CommonMark strips it (and four leading spaces would start a code block;
  two trailing spaces would be a hard break), but it keeps a decoded reference as text.
* Line breaks: inline text (a title, a list item) has none, so each becomes a space;
  a block of text keeps its lines as soft breaks, and blank lines separate paragraphs.
* Control characters (other than tab) cannot be represented: Markdown turns NUL and
  character references to controls into U+FFFD, and strips some of them as whitespace.
  They (and lone surrogates, which UTF-8 cannot encode) become U+FFFD, so what a page
  shows is still predictable: :func:`inline_text` and :func:`block_text` say exactly
  what the output renders to, and the tests check it against the MyST parser.
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "ASCII_PUNCTUATION",
    "block_text",
    "escape_block",
    "escape_inline",
    "inline_text",
]

#: The characters CommonMark allows to be backslash-escaped (all of ASCII punctuation).
ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_REPLACEMENT = "\ufffd"


# Control characters (category Cc) other than tab, and lone surrogates (Cs).
_UNREPRESENTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
_PUNCTUATION = re.compile("([" + re.escape("".join(sorted(ASCII_PUNCTUATION))) + "])")


def _sanitise(line: str) -> str:
    """Replace the characters a page cannot show; ``line`` has no line breaks."""
    return _UNREPRESENTABLE.sub(_REPLACEMENT, line)


def _references(text: str) -> str:
    return "".join(f"&#{ord(char)};" for char in text)


def _backslashed(match: re.Match[str]) -> str:
    # A function, not the template r"\\\1": Python expands a template in Python code for
    # every match, and pages have hundreds of thousands of punctuation marks.
    return "\\" + match.group()


def _escape_line(line: str) -> str:
    """Escape one sanitised line; its edge whitespace becomes character references."""
    core = line.strip()
    if not core:
        return _references(line)
    start = len(line) - len(line.lstrip())
    end = start + len(core)
    return "".join(
        (
            _references(line[:start]),
            _PUNCTUATION.sub(_backslashed, core),
            _references(line[end:]),
        )
    )


def inline_text(text: str) -> str:
    """What :func:`escape_inline` renders to: line breaks as spaces, U+FFFD for controls."""
    return _sanitise(_LINE_BREAK.sub(" ", text))


@functools.lru_cache(maxsize=1 << 16)  # titles and names recur on many pages of a site
def escape_inline(text: str) -> str:
    """MyST for one line that renders to exactly :func:`inline_text` of ``text``.

    Use it for a title, a heading, a list item's first line or a field value. The result
    has no line break, so it can follow ``# ``, ``- `` or ``**Date:** `` safely.
    """
    return _escape_line(inline_text(text))


def _paragraphs(text: str) -> list[list[str]]:
    """Sanitised lines of ``text``, grouped into paragraphs at whitespace-only lines."""
    groups: list[list[str]] = [[]]
    for raw in _LINE_BREAK.split(text):
        line = _sanitise(raw)
        if not line.strip():
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(line)
    return [group for group in groups if group]


def block_text(text: str) -> tuple[str, ...]:
    """What :func:`escape_block` renders to: one string per paragraph, lines kept.

    Paragraphs are separated by lines that are empty or whitespace only; each paragraph
    is its lines joined with ``\\n`` (Markdown's soft break), each line exactly as given
    apart from the U+FFFD replacement of :func:`inline_text`.
    """
    return tuple("\n".join(group) for group in _paragraphs(text))


def escape_block(text: str) -> str:
    """MyST for one or more paragraphs that render to exactly :func:`block_text`.

    Paragraphs are separated by one blank line; an all-blank text gives ``""`` (the
    caller decides whether an empty block is worth a line at all).
    """
    return "\n\n".join(
        "\n".join(_escape_line(line) for line in group) for group in _paragraphs(text)
    )
