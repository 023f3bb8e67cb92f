"""Read a source's sidecar, ``NAME.yaml``: what a contributor knows about ``NAME.txt``.

Pure functions: text in, a :class:`~.records.Sidecar` and a tuple of problems out. A
sidecar is small and written by hand, so every mistake in it is reported with its line
and a fix: an unknown field names the closest known one, a broken file points at the line
the YAML parser stopped on, and a value of the wrong shape says what shape is expected.

Dates are kept as ISO 8601 text: YAML reads ``date: 2015`` as an integer and
``date: 2015-06-17`` as a date, and both become the strings ``"2015"`` and ``"2015-06-17"``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping

import yaml

from ..errors import Problem
from ..records import Sidecar

FIELDS: tuple[str, ...] = ("url", "title", "author", "date", "retrieved", "notes")
DATE_FIELDS: tuple[str, ...] = ("date", "retrieved")
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?\S*)?)?)?")
_URL = re.compile(r"https?://\S+")


def read_sidecar(text: str, path: str) -> tuple[Sidecar, tuple[Problem, ...]]:
    """Parse a sidecar's text; ``path`` is only used to name the file in problems."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data: object = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return Sidecar(), (_yaml_problem(error, path),)
    if node is None:  # an empty sidecar (or only comments) says nothing: that is fine
        return Sidecar(), ()
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, Mapping):
        line = node.start_mark.line + 1
        message = "a sidecar must be a mapping of fields (url:, title:, ...), not a list or text"
        return Sidecar(), (Problem(path, line, message),)
    problems: list[Problem] = []
    values: dict[str, str | None] = {}
    seen: set[str] = set()
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        if key in seen:
            problems.append(Problem(path, line, f"field '{key}' is given twice: keep one"))
        seen.add(key)
        if key not in FIELDS:
            problems.append(Problem(path, line, _unknown_field(key)))
            continue
        value, message = _field_value(key, data.get(key))
        if message:
            problems.append(Problem(path, line, message))
        values[key] = value
    return Sidecar(**values), tuple(problems)


def _unknown_field(key: str) -> str:
    """Name the unknown field, the closest known one, and the list of all of them."""
    close = difflib.get_close_matches(key, FIELDS, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown field '{key}'{hint}: a sidecar may have {', '.join(FIELDS)}"


def _field_value(key: str, value: object) -> tuple[str | None, str]:
    """Turn a YAML value into the text the record keeps, or explain why it cannot."""
    if value is None:
        return None, ""
    if isinstance(value, bool | list | dict):
        kind = type(value).__name__
        return None, f"field '{key}' must be text, not a {kind} (got {value!r}): quote it"
    if isinstance(value, dt.datetime | dt.date):
        text = value.isoformat()
    elif isinstance(value, int | float):
        text = str(value)
    else:
        text = str(value).strip()
    if key in DATE_FIELDS and not _ISO_DATE.fullmatch(text):
        return None, f"field '{key}' must be a date as YYYY, YYYY-MM or YYYY-MM-DD (got {text!r})"
    if key == "url" and not _URL.fullmatch(text):
        return None, f"field 'url' must be a web address starting with https:// (got {text!r})"
    return text, ""


def _yaml_problem(error: yaml.YAMLError, path: str) -> Problem:
    """Report a YAML syntax error at the line the parser stopped on."""
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    what = getattr(error, "problem", None) or str(error).splitlines()[0]
    return Problem(path, line, f"not valid YAML ({what}): fix the syntax on this line")
