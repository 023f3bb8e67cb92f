"""Read a source's sidecar, ``NAME.yaml``: what a contributor knows about ``NAME.txt``.

Pure functions: text in, a :class:`~.records.Sidecar` and a tuple of problems out. A
sidecar is small and written by hand, so every mistake in it is reported with its line
and a fix: an unknown field names the closest known one, a broken file points at the line
the YAML parser stopped on, and a value of the wrong shape says what shape is expected.

The file is read as YAML nodes (``yaml.compose``), never turned into Python values by
PyYAML: its constructors raise on values such as ``date: 2017-13-40`` (a timestamp that is
not a date) before anything could name the line. Every field's value is kept as the text
the contributor wrote, quoted or not (``date: 2015`` and ``date: "2015"`` are both
``"2015"``), and checked by the field's rule in :data:`FIELDS`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Final

import yaml

from ..dates import date_problem
from ..errors import Problem
from ..records import Sidecar

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
    return f"field '{key}' must be a web address starting with https:// (got {text!r})"


#: Every field a sidecar may have, and the rule its value must follow.
FIELDS: Final[Mapping[str, Rule]] = {
    "url": _url,
    "title": _any_text,
    "author": _any_text,
    "date": _date,
    "retrieved": _date,
    "notes": _any_text,
}
#: YAML's words for true and false, which a contributor may mean as text ("yes", "no").
_BOOL_TAG: Final = "tag:yaml.org,2002:bool"
_NULL_TAG: Final = "tag:yaml.org,2002:null"


def read_sidecar(text: str, path: str) -> tuple[Sidecar, tuple[Problem, ...]]:
    """Parse a sidecar's text; ``path`` is only used to name the file in problems."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        return Sidecar(), (_yaml_problem(error, path),)
    if node is None:  # an empty sidecar (or only comments) says nothing: that is fine
        return Sidecar(), ()
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + 1
        message = "a sidecar must be a mapping of fields (url:, title:, ...), not a list or text"
        return Sidecar(), (Problem(path, line, message),)
    problems: list[Problem] = []
    values: dict[str, str | None] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
        line = key_node.start_mark.line + 1
        if key in values:
            problems.append(Problem(path, line, f"field '{key}' is given twice: keep one"))
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
    return f"unknown field '{key}'{hint}: a sidecar may have {', '.join(FIELDS)}"


def _field_value(key: str, node: yaml.Node) -> tuple[str | None, str]:
    """The text a field keeps, or the message saying why it cannot keep it."""
    if not isinstance(node, yaml.ScalarNode):
        kind = "list" if isinstance(node, yaml.SequenceNode) else "mapping"
        return None, f"field '{key}' must be text, not a {kind}: write one value, or quote it"
    if node.tag == _NULL_TAG:
        return None, ""
    text = str(node.value).strip()
    if node.tag == _BOOL_TAG:
        return None, f"field '{key}' must be text, not true or false (got {text!r}): quote it"
    problem = FIELDS[key](key, text)
    return (None, problem) if problem else (text, "")


def _yaml_problem(error: yaml.YAMLError, path: str) -> Problem:
    """Report a YAML syntax error at the line the parser stopped on."""
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    what = getattr(error, "problem", None) or str(error).splitlines()[0]
    return Problem(path, line, f"not valid YAML ({what}): fix the syntax on this line")
