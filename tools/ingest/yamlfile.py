"""Read hand-written YAML (registries, sidecars, rules) so that every problem can name its line.

``yaml.safe_load`` forgets where a value stood, and a contributor told "duplicate id" with
no line has to hunt for it. This module reads the parser's events instead and keeps each
value's line. Scalars keep their text as written (``2016-10-28`` stays the string the
contributor typed, not a ``datetime.date``), because the registries store text.

YAML from a pull request is untrusted, and PyYAML's safe loader still lets a file of a few
hundred bytes expand into gigabytes (nested aliases) or recurse without end (nesting). So
every YAML file the pipeline reads comes through :func:`parse` (or :func:`read_yaml` and
:func:`load_data`, which open the file safely first), and is refused, with the line, when it

* is larger than :data:`MAX_YAML_BYTES`, nests deeper than :data:`MAX_DEPTH` or holds more
  than :data:`MAX_NODES` values;
* uses an anchor or an alias (``&name``, ``*name``, and so ``<<:`` merges), or a tag other
  than YAML's own (``!!python/...``, ``!custom``);
* is not UTF-8, or holds more than one document.

Pure functions: text in, values and :class:`~.errors.Problem` records out, except
:func:`read_yaml` and :func:`load_data`, which read a file. A ``Fields`` object is a small
accumulator used while checking one mapping.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from .errors import InputError, Problem, excerpt
from .files import Refused, read_bytes, utf8_problem
from .text import fold

Scalar = str | int | bool | None

#: The folder of rule files (``tools/ingest/rules/``): the pipeline's rules are data.
RULES_DIR = Path(__file__).parent / "rules"
#: The largest YAML file read; the registries are tens of kilobytes.
MAX_YAML_BYTES: Final = 1_000_000
#: The deepest nesting of lists and mappings; the registries nest 6 deep.
MAX_DEPTH: Final = 32
#: The most values (scalars, lists, mappings) in one file.
MAX_NODES: Final = 100_000
#: The most characters of a bad value quoted back in a message.
_OWN_TAGS: Final = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "bool", "null", "float", "timestamp", "seq", "map")
)


@dataclass(frozen=True)
class Node:
    """A YAML value and the 1-based line it starts on."""

    line: int
    scalar: Scalar = None
    items: tuple[Node, ...] | None = None  # a sequence
    pairs: tuple[tuple[str, int, Node], ...] | None = None  # a mapping: key, key line, value


class _Refused(yaml.YAMLError):
    """A document this module does not read, at the mark it stopped on."""

    def __init__(self, mark: yaml.Mark, problem: str) -> None:
        super().__init__(problem)
        self.problem_mark = mark
        self.problem = problem


def parse(text: str, path: str) -> tuple[Node | None, tuple[Problem, ...]]:
    """Parse ``text``; a syntax error or a refused construct becomes a problem at its line."""
    if len(text) > MAX_YAML_BYTES:
        return None, (
            Problem(
                path,
                1,
                f"the file has {len(text)} characters, over the {MAX_YAML_BYTES} limit "
                "for YAML: split it or shorten it",
            ),
        )
    try:
        # PyYAML's loader is untyped; it refuses characters YAML does not allow.
        loader: Any = yaml.SafeLoader(text)
    except yaml.YAMLError as error:
        return None, (_problem(error, text, path),)
    try:
        loader.get_event()  # the start of the stream
        root = None
        if not loader.check_event(yaml.StreamEndEvent):
            loader.get_event()  # the start of the document
            root = _Composer(loader).node(0)
            loader.get_event()  # its end
            if not loader.check_event(yaml.StreamEndEvent):
                raise _Refused(
                    loader.peek_event().start_mark,
                    "a second document (after ---): keep one document in the file",
                )
    except yaml.YAMLError as error:
        return None, (_problem(error, text, path),)
    finally:
        loader.dispose()
    return root, ()


def _problem(error: yaml.YAMLError, text: str, path: str) -> Problem:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        line = mark.line + 1
    elif isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow
        line = text.count("\n", 0, max(0, error.position)) + 1
    else:
        line = 1
    if isinstance(error, _Refused):
        return Problem(path, line, error.problem)
    what = getattr(error, "problem", None) or str(error).splitlines()[0]
    return Problem(path, line, f"not valid YAML ({what}): fix the syntax here")


class _Composer:
    """Values from the parser's events, with their lines; refuses what may explode."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.count = 0

    def node(self, depth: int) -> Node:
        loader = self.loader
        event = loader.get_event()
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(
                mark,
                "anchors and aliases (&name, *name, <<: *name) are not accepted: "
                "write each value out in full",
            )
        self.count += 1
        if self.count > MAX_NODES:
            raise _Refused(mark, f"more than {MAX_NODES} values in one file: split it")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _OWN_TAGS:
            raise _Refused(mark, f"the tag {excerpt(tag)} is not accepted: remove it")
        line = mark.line + 1
        if isinstance(event, yaml.ScalarEvent):
            resolved = tag or loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            return Node(line, scalar=_scalar(resolved, event.value))
        if depth >= MAX_DEPTH:
            raise _Refused(
                mark, f"lists and mappings are nested more than {MAX_DEPTH} deep: flatten them"
            )
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Node] = []
            while not loader.check_event(yaml.SequenceEndEvent):
                items.append(self.node(depth + 1))
            loader.get_event()
            return Node(line, items=tuple(items))
        if not isinstance(event, yaml.MappingStartEvent):  # pragma: no cover - the parser's
            raise _Refused(mark, f"unexpected {type(event).__name__}")
        pairs: list[tuple[str, int, Node]] = []
        while not loader.check_event(yaml.MappingEndEvent):
            key = self.node(depth + 1)
            if key.items is not None or key.pairs is not None:
                raise _Refused(mark, "a key must be a word, not a list or a mapping")
            pairs.append((str(key.scalar), key.line, self.node(depth + 1)))
        loader.get_event()
        return Node(line, pairs=tuple(pairs))


_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*|0[0-9_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)")


def _scalar(tag: str, value: str) -> Scalar:
    """Resolve null, booleans and integers; keep every other scalar as its text.

    An integer YAML would read in base 60 (``4:19``) or one too long for Python stays text,
    so the field that wanted a number says so instead of raising.
    """
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() in {"true", "yes", "on"}
    if tag.endswith(":int") and _INT.fullmatch(value) and len(value) <= 100:
        digits = value.replace("_", "")
        unsigned = digits.lstrip("+-")
        base = 10 if unsigned.isdigit() else 0  # 017 is seventeen, as a person means it
        try:
            return int(digits, base)
        except ValueError:
            return value
    return value


def read_yaml(path: Path, where: str | None = None) -> tuple[Node | None, tuple[Problem, ...]]:
    """Read and parse the YAML file ``path``, named ``where`` in problems.

    The file is checked from ``lstat`` before it is opened (no link, no pipe, nothing over
    :data:`MAX_YAML_BYTES`) and must be UTF-8. A missing file is an ``OSError``.
    """
    where = where or path.as_posix()
    try:
        data = read_bytes(path, MAX_YAML_BYTES)
    except Refused as error:
        return None, (Problem(where, 0, str(error)),)
    bad = utf8_problem(data)
    if bad is not None:
        return None, (Problem(where, *bad),)
    return parse(data.decode("utf-8-sig"), where)


def load_data(path: Path) -> Any:
    """A rules file as plain data (dicts, lists, text, integers, booleans and None).

    Raises :class:`~.errors.InputError` naming the file and line of any problem.
    """
    try:
        root, problems = read_yaml(path)
    except OSError as error:
        raise InputError([Problem(path.as_posix(), 0, f"cannot read it: {error}")]) from error
    if problems:
        raise InputError(problems)
    return plain(root)


def plain(node: Node | None) -> object:
    """A :class:`Node` as plain data, as ``yaml.safe_load`` would give it for rules files."""
    if node is None:
        return None
    if node.pairs is not None:
        return {key: plain(value) for key, _, value in node.pairs}
    if node.items is not None:
        return [plain(item) for item in node.items]
    return node.scalar


@dataclass
class Fields:
    """The fields of one mapping, checked against what the registry allows."""

    path: str
    node: Node
    what: str  # "a person", "a seminar"... for messages
    problems: list[Problem]
    values: dict[str, Node] = field(default_factory=dict)

    def check(self, allowed: tuple[str, ...], required: tuple[str, ...]) -> bool:
        """Record unknown, repeated and missing fields; False if this is not a mapping."""
        if self.node.pairs is None:
            self.add(
                self.node.line,
                f"{self.what} must be a mapping of fields ({', '.join(required)}, ...)",
            )
            return False
        for key, line, value in self.node.pairs:
            if key in self.values:
                self.add(line, f"field {excerpt(key)} is given twice in {self.what}: keep one")
            elif key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.add(
                    line,
                    f"unknown field {excerpt(key)}{hint}: {self.what} may have "
                    + ", ".join(allowed),
                )
            else:
                self.values[key] = value
        for key in required:
            if key not in self.values:
                self.add(
                    self.node.line, f"{self.what} is missing the required field '{key}': add it"
                )
        return True

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def line(self, key: str) -> int:
        node = self.values.get(key)
        return node.line if node is not None else self.node.line

    def text(self, key: str, *, nullable: bool = False) -> str | None:
        """A field that must be text (or null, when ``nullable``); spaces are collapsed."""
        node = self.values.get(key)
        if node is None:
            return None
        if node.items is not None or node.pairs is not None:
            self.add(node.line, f"field '{key}' of {self.what} must be text, not a list")
            return None
        if node.scalar is None:
            if not nullable:
                self.add(node.line, f"field '{key}' of {self.what} must not be empty")
            return None
        if isinstance(node.scalar, bool):
            self.add(node.line, f"field '{key}' of {self.what} must be text: quote it")
            return None
        return " ".join(str(node.scalar).split())

    def texts(self, key: str) -> tuple[str, ...]:
        """A field that must be a list of texts (absent means empty)."""
        node = self.values.get(key)
        if node is None or (node.items is None and node.pairs is None and node.scalar is None):
            return ()
        if node.items is None:
            self.add(node.line, f"field '{key}' of {self.what} must be a list: write [a, b]")
            return ()
        out: list[str] = []
        for item in node.items:
            if item.items is not None or item.pairs is not None or item.scalar is None:
                self.add(item.line, f"each item of '{key}' must be text: quote it")
            else:
                out.append(" ".join(str(item.scalar).split()))
        return tuple(out)

    def integer(self, key: str, low: int | None = None, high: int | None = None) -> int | None:
        """A field that must be a whole number (from ``low`` to ``high``, when given)."""
        node = self.values.get(key)
        if node is None:
            return None
        number = node.scalar
        if (
            isinstance(number, int)
            and not isinstance(number, bool)
            and (low is None or number >= low)
            and (high is None or number <= high)
        ):
            return number
        if node.items is not None or node.pairs is not None:
            got = "a list"
        else:
            got = "nothing" if number is None else str(number)
            got = excerpt(number) if isinstance(number, str) else got
        bounds = f" from {low}" if low is not None else ""
        bounds += f" to {high}" if high is not None else ""
        self.add(
            node.line, f"field '{key}' of {self.what} must be a whole number{bounds} (got {got})"
        )
        return None

    def items(self, key: str) -> tuple[Node, ...]:
        node = self.values.get(key)
        if node is None or (node.scalar is None and node.items is None and node.pairs is None):
            return ()
        if node.items is None:
            self.add(node.line, f"field '{key}' of {self.what} must be a list")
            return ()
        return node.items


def top_list(root: Node | None, key: str, path: str, problems: list[Problem]) -> tuple[Node, ...]:
    """The list under ``key`` at the top of a registry file, or a problem saying it is missing."""
    if root is None or root.pairs is None:
        problems.append(Problem(path, 1, f"the file must be a mapping with a '{key}:' list"))
        return ()
    for name, line, value in root.pairs:
        if name == key:
            if value.items is None:
                problems.append(Problem(path, line, f"'{key}:' must be a list of entries"))
                return ()
            return value.items
    problems.append(Problem(path, 1, f"the file has no '{key}:' list: add one"))
    return ()


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def quote_line(lines: Mapping[int, str], line: int, quote: str) -> int | None:
    """Where ``quote`` stands: ``line`` if it is on that line, else the first line holding it.

    ``None`` when no line holds it. Quotes may be typed with straight apostrophes.
    """
    wanted = fold(quote)
    if line in lines and wanted in fold(lines[line]):
        return line
    return next((n for n in sorted(lines) if wanted in fold(lines[n])), None)
