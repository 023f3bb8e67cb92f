"""Read a source's sidecar, ``NAME.yaml``: what a contributor knows about ``NAME.txt``.

Pure functions: text in, a :class:`~.records.Sidecar` and a tuple of problems out. A
sidecar is small and written by hand, so every mistake in it is reported with its line
and a fix: an unknown field names the closest known one, a broken file points at the line
the YAML parser stopped on, and a value of the wrong shape says what shape is expected.

The file is read by :func:`~..yamlfile.parse`, which refuses aliases, deep nesting and
oversized files before they can cost memory, and never turns values into Python objects
with PyYAML's constructors (they raise on ``date: 2017-13-40`` before anything could name
the line). Every field's value is kept as the text
the contributor wrote, quoted or not (``date: 2015`` and ``date: "2015"`` are both
``"2015"``), and checked by the field's rule in :data:`FIELDS`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Final

from ..dates import date_problem
from ..errors import Problem, excerpt
from ..records import Sidecar
from ..yamlfile import Node, parse

#: What is wrong with a field's text, with the fix; ``None`` when it is right.
Rule = Callable[[str, str], str | None]

_URL = re.compile(r"https?://\S+")


def _any_text(key: str, text: str) -> str | None:
    return None


def _date(key: str, text: str) -> str | None:
    problem = date_problem(text)
    return f"field '{key}': {problem}; correct it, or leave the field out" if problem else None


def _url(key: str, text: str) -> str | None:
    if _URL.fullmatch(text):
        return None
    return f"field '{key}' must be a web address starting with https:// (got {excerpt(text)})"


#: Every field a sidecar may have, and the rule its value must follow.
FIELDS: Final[Mapping[str, Rule]] = {
    "url": _url,
    "title": _any_text,
    "author": _any_text,
    "date": _date,
    "retrieved": _date,
    "notes": _any_text,
}


def read_sidecar(text: str, path: str) -> tuple[Sidecar, tuple[Problem, ...]]:
    """Parse a sidecar's text; ``path`` is only used to name the file in problems."""
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
    close = difflib.get_close_matches(key, list(FIELDS), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown field {excerpt(key)}{hint}: a sidecar may have {', '.join(FIELDS)}"


def _field_value(key: str, node: Node) -> tuple[str | None, str]:
    """The text a field keeps, or the message saying why it cannot keep it."""
    if node.items is not None or node.pairs is not None:
        kind = "list" if node.items is not None else "mapping"
        return None, f"field '{key}' must be text, not a {kind}: write one value, or quote it"
    value = node.scalar
    if value is None:
        return None, ""
    text = str(value).strip()
    if isinstance(value, bool):
        return (
            None,
            f"field '{key}' must be text, not true or false (got {excerpt(text)}): quote it",
        )
    problem = FIELDS[key](key, text)
    return (None, problem) if problem else (text, "")
