"""Accept people the link stage discovered into ``sources/registry/people.yaml``.

A discovered person (``reviewed: false`` in the catalog) becomes a registry entry with a
passage where the texts name them as its evidence: the line the report shows when the
name stands on it, else the first line of that source (then of its sidecar, for an
author only the sidecar gives) that holds the name. The registry checks every passage the
same way, so an entry this writes is one it accepts.

The entry is inserted as text, in id order, in the file's own layout (the indentation
of its entries and of their lists, a blank line between entries or not), so the comments
and layout a maintainer wrote stay as they are. The registry is checked again before the
command returns: a bad result is rolled back, and every message names a line that exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import yaml

from .errors import InputError, Problem
from .files import read_bytes
from .link import load_registries
from .records import Evidence, Linked, Person
from .yamlfile import MAX_YAML_BYTES, parse, quote_line, top_list

REGISTRY: Final = Path("registry") / "people.yaml"
MAX_QUOTE: Final = 160


@dataclass(frozen=True)
class Layout:
    """How the file writes its entries: ``indent`` before ``- id:``, ``nested`` more
    before the items of a list inside an entry, and whether a blank line parts entries."""

    indent: str = "  "
    nested: str = "  "
    blank: bool = True


@dataclass(frozen=True)
class Passage:
    file: str
    line: int
    quote: str


def _find(linked: Linked, wanted: str) -> Person | None:
    key = wanted.strip().casefold()
    for person in linked.people:
        if not person.reviewed and key in (person.id.casefold(), person.name.casefold()):
            return person
    return None


def _lines(path: Path) -> dict[int, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return dict(enumerate(text.splitlines(), start=1))


def _passage_in(sources: Path, evidence: Evidence, name: str) -> Passage | None:
    """A passage of ``evidence``'s source (or sidecar) holding the evidence or the name."""
    files = (evidence.source, str(Path(evidence.source).with_suffix(".yaml")))
    for file in files:
        lines = _lines(sources / file)
        quotes = (evidence.text, name) if file == evidence.source else (name,)
        for quote in quotes:
            short = quote if len(quote) <= MAX_QUOTE else quote[:MAX_QUOTE].rsplit(" ", 1)[0]
            line = quote_line(lines, evidence.line, short) if short.strip() else None
            if line is not None:
                return Passage(file, line, short)
    return None


def passage(sources: Path, person: Person) -> Passage | None:
    """The first of the person's passages that can be cited, or None."""
    for evidence in person.passages:
        found = _passage_in(sources, evidence, person.name)
        if found is not None:
            return found
    return None


def layout(text: str) -> Layout:
    """The layout of the registry's entries, read from its first two entries."""
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if line.lstrip(" ").startswith("- id:")]
    if not starts:
        return Layout()
    first = lines[starts[0]]
    indent = first[: len(first) - len(first.lstrip(" "))]
    nested = Layout.nested
    for line in lines[starts[0] + 1 : starts[1] if len(starts) > 1 else len(lines)]:
        stripped = line.lstrip(" ")
        if stripped.startswith("- "):  # an item of the entry's passages or aliases
            nested = " " * max(0, len(line) - len(stripped) - len(indent) - 2)
            break
    second = _comments_above(lines, starts[1]) if len(starts) > 1 else 0
    return Layout(indent, nested, len(starts) < 2 or not lines[second - 1].strip())


def _scalar(value: object) -> str:
    """A YAML scalar that reads back as ``value`` (quoted when it must be)."""
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000)
    return text.removesuffix("\n...\n").removesuffix("\n")


def entry(person: Person, found: Passage, style: Layout) -> list[str]:
    """The lines of a registry entry for ``person``, in the file's layout."""
    head, item = style.indent, style.indent + "  " + style.nested
    return [
        f"{head}- id: {_scalar(person.id)}",
        f"{head}  name: {_scalar(person.name)}",
        f"{head}  aliases: []",
        f"{head}  affiliation: {_scalar(person.affiliation)}",
        f"{head}  passages:",
        f"{item}- file: {_scalar(found.file)}",
        f"{item}  line: {found.line}",
        f"{item}  quote: {_scalar(found.quote)}",
    ]


def insert(text: str, path: str, entries: Mapping[str, list[str]], style: Layout) -> str:
    """``text`` with each new entry (by id) placed before the first entry of a greater id."""
    root, problems = parse(text, path)
    found: list[Problem] = []
    existing = top_list(root, "people", path, found)
    if problems or found:
        raise InputError([*problems, *found])
    lines = text.splitlines()
    if not existing:  # "people: []": the entries become a block list under the key
        pairs = root.pairs if root is not None and root.pairs is not None else ()
        key = next(line for name, line, _ in pairs if name == "people")
        lines[key - 1] = re.sub(r"\s*\[\s*\]\s*$", "", lines[key - 1])
    starts: list[tuple[str, int]] = []  # (id, 0-based first line) of each entry
    for node in existing:
        ident = next((v.scalar for k, _, v in node.pairs or () if k == "id"), None)
        starts.append((str(ident), node.line - 1))
    end = _end_of_entries(lines, starts)
    at: dict[int, list[list[str]]] = {}
    for ident, new in sorted(entries.items()):
        before = next((first for other, first in starts if other > ident), None)
        at.setdefault(end if before is None else _comments_above(lines, before), []).append(new)
    out: list[str] = []
    for number in range(len(lines) + 1):
        for count, new in enumerate(at.get(number, [])):
            if number == end and (starts or count) and out[-1].strip() and style.blank:
                out.append("")  # after the last entry
            out.extend(new)
            if number != end and style.blank:
                out.append("")
        if number < len(lines):
            out.append(lines[number])
    return "\n".join(out) + "\n"


def _comments_above(lines: list[str], first: int) -> int:
    """The line to insert at before an entry: above the comments that lead into it."""
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    return first


def _end_of_entries(lines: list[str], starts: list[tuple[str, int]]) -> int:
    """The 0-based line after the last entry (its own lines, not blank or comment lines
    after it)."""
    if not starts:
        return len(lines)
    last = starts[-1][1]
    indent = len(lines[last]) - len(lines[last].lstrip(" "))
    end = last + 1
    while end < len(lines):
        line = lines[end]
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#") and len(line) - len(stripped) <= indent:
            break  # a line at the entry's own indent or less: the next key of the file
        end += 1
    while end > last + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip()[:1] == "#"):
        end -= 1
    return end


def accept(sources: Path, linked: Linked, names: Iterable[str]) -> list[str]:
    """Insert an entry for each named discovered person; return what was done."""
    registry = sources / REGISTRY
    problems: list[Problem] = []
    chosen: dict[str, tuple[Person, Passage]] = {}
    for name in names:
        person = _find(linked, name)
        if person is None:
            waiting = ", ".join(p.name for p in linked.people if not p.reviewed) or "nobody"
            problems.append(
                Problem(
                    str(registry),
                    1,
                    f"no person waiting for review is called {name!r}; waiting: {waiting} "
                    "(run `nox -s check` to see the report)",
                )
            )
            continue
        found = passage(sources, person)
        if found is None:
            where = person.passages[0] if person.passages else None
            problems.append(
                Problem(
                    where.source if where else str(registry),
                    where.line if where else 1,
                    f"no line of this source names {person.name!r}, so there is no passage "
                    "to cite: add their entry to the registry by hand",
                )
            )
            continue
        chosen[person.id] = (person, found)
    if problems:
        raise InputError(problems)
    before = read_bytes(registry, MAX_YAML_BYTES)  # a regular file, as the build checked
    text = before.decode("utf-8")
    style = layout(text)
    entries = {ident: entry(person, found, style) for ident, (person, found) in chosen.items()}
    registry.write_text(insert(text, str(registry), entries, style), encoding="utf-8")
    try:
        load_registries(sources)
    except BaseException as error:  # a bad result, or an interrupt: the registry is as it was
        registry.write_bytes(before)
        if not isinstance(error, InputError):
            raise
        raise InputError(
            [
                Problem(
                    str(registry),
                    1,
                    f"the entries for {', '.join(p.name for p, _ in chosen.values())} were not "
                    f"added, because the registry would then be invalid: {problem.message}",
                )
                for problem in error.problems
            ]
        ) from error
    return [f"accepted {p.name} as {p.id} into {registry}" for p, _ in chosen.values()]
