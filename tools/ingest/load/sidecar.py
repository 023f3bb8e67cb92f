"""Read a source's sidecar, ``NAME.yaml``: what a contributor knows about ``NAME.txt``.

Pure functions: text in, a :class:`~.records.Sidecar` and a tuple of problems out. A
sidecar is small and written by hand, so every mistake in it is reported with its line
and a fix: an unknown field names the closest known one, a broken file points at the line
the YAML parser stopped on, and a value of the wrong shape says what shape is expected.

Dates are kept as ISO 8601 text: YAML reads ``date: 2015`` as an integer and
``date: 2015-06-17`` as a date, and both become the strings ``"2015"`` and ``"2015-06-17"``.
"""

from __future__ import annotations

import difflib
import re

from ..errors import Problem
from ..records import Sidecar
from ..yamlfile import Node, excerpt, iso_date, parse

FIELDS: tuple[str, ...] = ("url", "title", "author", "date", "retrieved", "notes")
DATE_FIELDS: tuple[str, ...] = ("date", "retrieved")
_URL = re.compile(r"https?://\S+")


def read_sidecar(text: str, path: str) -> tuple[Sidecar, tuple[Problem, ...]]:
    """Parse a sidecar's text; ``path`` is only used to name the file in problems.

    The YAML is read by :func:`~..yamlfile.parse`, which refuses aliases, deep nesting and
    oversized files before they can cost memory.
    """
    node, found = parse(text, path)
    if found:
        return Sidecar(), found
    if node is None:  # an empty sidecar (or only comments) says nothing: that is fine
        return Sidecar(), ()
    if node.pairs is None:
        message = "a sidecar must be a mapping of fields (url:, title:, ...), not a list or text"
        return Sidecar(), (Problem(path, node.line, message),)
    problems: list[Problem] = []
    values: dict[str, str | None] = {}
    seen: set[str] = set()
    for key, line, value_node in node.pairs:
        if key in seen:
            problems.append(Problem(path, line, f"field {excerpt(key)} is given twice: keep one"))
            continue  # the first one counts, as in the registries
        seen.add(key)
        if key not in FIELDS:
            problems.append(Problem(path, line, _unknown_field(key)))
            continue
        value, message = _field_value(key, value_node)
        if message:
            problems.append(Problem(path, line, message))
        values[key] = value
    return Sidecar(**values), tuple(problems)


def _unknown_field(key: str) -> str:
    """Name the unknown field, the closest known one, and the list of all of them."""
    close = difflib.get_close_matches(key, FIELDS, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown field {excerpt(key)}{hint}: a sidecar may have {', '.join(FIELDS)}"


def _field_value(key: str, node: Node) -> tuple[str | None, str]:
    """Turn a YAML value into the text the record keeps, or explain why it cannot."""
    if node.items is not None or node.pairs is not None:
        kind = "list" if node.items is not None else "mapping"
        return None, f"field '{key}' must be text, not a {kind}: quote it"
    value = node.scalar
    if value is None:
        return None, ""
    if isinstance(value, bool):
        return None, f"field '{key}' must be text, not true or false: quote it"
    text = str(value).strip()
    if key in DATE_FIELDS:
        date = iso_date(text)
        if date is None:
            return None, (
                f"field '{key}' must be a date as YYYY, YYYY-MM or YYYY-MM-DD "
                f"(got {excerpt(text)}): check the year, the month (01 to 12) and the day"
            )
        return date, ""
    if key == "url" and not _URL.fullmatch(text):
        return None, (
            f"field 'url' must be a web address starting with https:// (got {excerpt(text)})"
        )
    return text, ""
