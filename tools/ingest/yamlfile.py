"""Read hand-written YAML (registries, sidecars, rules) so that every problem can name its line.

``yaml.safe_load`` forgets where a value stood, and a contributor told "duplicate id" with
no line has to hunt for it. This module walks the node tree of ``yaml.compose`` instead and
keeps each value's line. Scalars keep their text as written (``2016-10-28`` stays the string
the contributor typed, not a ``datetime.date``), because the registries store text.

Pure functions: text in, values and :class:`~.errors.Problem` records out. A ``Fields``
object is a small accumulator used while checking one mapping.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem
from .text import fold

Scalar = str | int | bool | None

#: The folder of rule files (``tools/ingest/rules/``): the pipeline's rules are data.
RULES_DIR = Path(__file__).parent / "rules"


@dataclass(frozen=True)
class Node:
    """A YAML value and the 1-based line it starts on."""

    line: int
    scalar: Scalar = None
    items: tuple[Node, ...] | None = None  # a sequence
    pairs: tuple[tuple[str, int, Node], ...] | None = None  # a mapping: key, key line, value


def parse(text: str, path: str) -> tuple[Node | None, tuple[Problem, ...]]:
    """Parse ``text``; a syntax error becomes a problem at the line the parser stopped on."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, (Problem(path, line, f"not valid YAML ({what}): fix the syntax here"),)
    return (_node(root) if root is not None else None), ()


def _node(node: yaml.Node) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        pairs = tuple((str(k.value), k.start_mark.line + 1, _node(v)) for k, v in node.value)
        return Node(line, pairs=pairs)
    if isinstance(node, yaml.SequenceNode):
        return Node(line, items=tuple(_node(item) for item in node.value))
    return Node(line, scalar=_scalar(node))


def _scalar(node: yaml.Node) -> Scalar:
    """Resolve null, booleans and integers; keep every other scalar as its text."""
    tag, value = node.tag, str(node.value)
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() in {"true", "yes", "on"}
    if tag.endswith(":int"):
        try:
            return int(value.replace("_", ""), 0) if value.isascii() else value
        except ValueError:  # YAML 1.1's octal (012) and base 60 (1:30): kept as written
            return value
    return value


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
                self.add(line, f"field '{key}' is given twice in {self.what}: keep one")
            elif key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.add(
                    line, f"unknown field '{key}'{hint}: {self.what} may have {', '.join(allowed)}"
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

    def integer(self, key: str) -> int | None:
        node = self.values.get(key)
        if node is None:
            return None
        if not isinstance(node.scalar, int) or isinstance(node.scalar, bool):
            self.add(node.line, f"field '{key}' of {self.what} must be a whole number")
            return None
        return node.scalar

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
