"""Load and check the registries in ``sources/registry/``: seminars, people and concepts.

The registries are written by hand and reviewed like sources, so every mistake is reported
with its file, its line and a fix, all at once: a repeated id, an alias that two entries
claim, an unknown or missing field, a related concept that does not exist, and a cited
passage whose quote does not stand on the line it names (so a citation cannot drift away
from its text when a source is corrected).

:func:`load` is the only function that touches the disk; the checks are pure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar

from ..dates import date_problem
from ..errors import InputError, Problem, excerpt
from ..files import LINK, Refused, read_bytes
from ..load import FOLDERS, HTML_SUFFIXES, MAX_BYTES, SIDECAR_SUFFIX, TEXT_SUFFIXES
from ..records import Concept, Evidence, Fact, Person, Seminar
from ..text import fold
from ..yamlfile import SLUG, Fields, Node, quote_line, read_yaml, top_list
from .names import NameRules, load_rules

T = TypeVar("T")
_URL = re.compile(r"https?://\S+")
Lines = Callable[[str], Mapping[int, str] | None]  # source path -> its lines, None if absent


@dataclass(frozen=True)
class Registries:
    """Everything the link stage knows before reading the documents."""

    seminars: tuple[Seminar, ...]
    people: tuple[Person, ...]
    concepts: tuple[Concept, ...]
    rules: NameRules
    series: tuple[Fact, ...] = ()  # facts about the series as a whole


def load(sources_root: Path, rules: NameRules | None = None) -> Registries:
    """Read the three registry files under ``sources_root/registry``; raise on any problem."""
    cache: dict[str, Mapping[int, str] | None] = {}

    def lines_of(rel: str) -> Mapping[int, str] | None:
        if rel not in cache:
            cache[rel] = source_lines(sources_root, rel)
        return cache[rel]

    problems: list[Problem] = []
    folder = sources_root / "registry"
    if folder.is_symlink():
        raise InputError([Problem(str(folder), 0, LINK)])

    def entries(name: str, key: str) -> tuple[str, Node | None, tuple[Node, ...]]:
        """The path, root and entries of one registry file (none if it could not be read)."""
        path = str(folder / name)
        if not os.path.lexists(folder / name):
            problems.append(Problem(path, 1, "registry file is missing: create it"))
            return path, None, ()
        try:
            root, found = read_yaml(folder / name, path)
        except OSError as error:
            problems.append(Problem(path, 0, f"cannot read it ({error.strerror}): fix it"))
            return path, None, ()
        problems.extend(found)
        return path, root, (() if found else top_list(root, key, path, problems))

    path, root, nodes = entries("seminars.yaml", "seminars")
    seminars = _entries(nodes, path, problems, lines_of, _seminar)
    series = _facts(_series(root), path, problems, lines_of)
    path, _, nodes = entries("people.yaml", "people")
    people = _entries(nodes, path, problems, lines_of, _person)
    path, _, nodes = entries("concepts.yaml", "concepts")
    concepts = _entries(nodes, path, problems, lines_of, _concept)
    problems.extend(check_unique(seminars, people, concepts, str(folder)))
    if problems:
        raise InputError(problems)
    return Registries(
        seminars=tuple(sorted((s for s, _ in seminars), key=lambda s: s.number)),
        people=tuple(sorted((p for p, _ in people), key=lambda p: p.id)),
        concepts=tuple(sorted((c for c, _ in concepts), key=lambda c: c.id)),
        rules=rules or load_rules(),
        series=series,
    )


_KIND_FOLDERS = frozenset(folder for folder, _ in FOLDERS)


def source_lines(sources_root: Path, rel: str) -> Mapping[int, str] | None:
    """The lines of the source file ``rel`` (a path under the sources folder), or None.

    None for anything but a ``.txt`` or ``.html`` source, or a source's ``.yaml`` sidecar
    (where an author may be named), directly in a kind folder, reached
    without following a link and within the size limit of a source: a registry comes by
    pull request, and a passage naming ``/etc/passwd``, ``../`` or a link must not make
    the build read a file outside sources/, nor tell whether one exists.
    """
    parts = PurePosixPath(rel).parts
    if (
        len(parts) != 2
        or "/".join(parts) != rel
        or "\\" in rel
        or "\x00" in rel
        or parts[0] not in _KIND_FOLDERS
        or parts[1].startswith(".")
        or not parts[1].lower().endswith((*TEXT_SUFFIXES, *HTML_SUFFIXES, SIDECAR_SUFFIX))
        or (sources_root / parts[0]).is_symlink()
    ):
        return None
    try:
        data = read_bytes(sources_root / rel, MAX_BYTES)
    except (Refused, OSError):
        return None
    text = data.decode("utf-8", errors="replace")
    return dict(enumerate(text.splitlines(), start=1))


def _series(root: Node | None) -> tuple[Node, ...]:
    """The facts about the series as a whole, under ``series:`` in seminars.yaml."""
    pairs = root.pairs if root is not None and root.pairs is not None else ()
    return next((value.items for key, _, value in pairs if key == "series" and value.items), ())


Reader = Callable[[Fields, Lines], T | None]


def _entries(
    nodes: tuple[Node, ...], path: str, problems: list[Problem], lines: Lines, reader: Reader[T]
) -> list[tuple[T, int]]:
    out: list[tuple[T, int]] = []
    for node in nodes:
        item = reader(Fields(path, node, "an entry", problems), lines)
        if item is not None:
            out.append((item, node.line))
    return out


def _passage(node: Node, fields: Fields, lines: Lines, rule: str) -> Evidence | None:
    """A cited passage ``{file, line, quote}``, checked against the source text."""
    sub = Fields(fields.path, node, "a passage", fields.problems)
    if not sub.check(("file", "line", "quote"), ("file", "line", "quote")):
        return None
    file, line, quote = sub.text("file"), sub.integer("line", 1), sub.text("quote")
    if file is None or line is None or quote is None:
        return None
    found = lines(file)
    if found is None:  # the same words whatever the path names: nothing is told about it
        sub.add(
            sub.line("file"),
            f"cited file {excerpt(file)} is not in sources/: give the path of a .txt or "
            ".html file under sources/, such as blog/NAME.txt",
        )
        return None
    where = quote_line(found, line, quote)
    if where is None:
        sub.add(sub.line("quote"), f"the quote is not in {file}: copy it from the text")
        return None
    if where != line:
        sub.add(
            sub.line("line"), f"the quote is on line {where} of {file}, not {line}: fix the line"
        )
        return None
    return Evidence(rule=rule, text=quote, source=file, line=line)


def _facts(
    nodes: tuple[Node, ...], path: str, problems: list[Problem], lines: Lines
) -> tuple[Fact, ...]:
    facts: list[Fact] = []
    for node in nodes:
        fields = Fields(path, node, "a fact", problems)
        if not fields.check(("name", "value", "source", "note"), ("name", "value", "source")):
            continue
        name, value = fields.text("name"), fields.text("value")
        src = fields.values.get("source")
        where: str | None = None
        if src is not None and src.pairs is not None:
            passage = _passage(src, fields, lines, "registry")
            where = f"sources/{passage.source}:{passage.line}" if passage else None
        elif src is not None and isinstance(src.scalar, str) and _URL.fullmatch(src.scalar):
            where = src.scalar
        else:
            fields.add(
                fields.line("source"), "a fact's source must be a URL or {file:, line:, quote:}"
            )
        if name and value and where:
            note = fields.values.get("note")
            text = note.scalar if note is not None and isinstance(note.scalar, str) else ""
            facts.append(Fact(name=name, value=value, source=where, note=text))
    return tuple(facts)


def _seminar(fields: Fields, lines: Lines) -> Seminar | None:
    fields.what = "a seminar"
    if not fields.check(
        ("number", "title", "titles", "date", "venue", "subjects", "facts"), ("number", "facts")
    ):
        return None
    number = fields.integer("number", 1)
    title = fields.text("title", nullable=True)
    date = fields.text("date", nullable=True)
    venue = fields.text("venue", nullable=True)
    titles = fields.texts("titles")
    subjects = fields.texts("subjects")
    if date is not None and (problem := date_problem(date, full=True)):
        fields.add(fields.line("date"), f"date: {problem}; give the day it was held, or null")
    facts = _facts(fields.items("facts"), fields.path, fields.problems, lines)
    known = (("title", title), ("date", date), ("venue", venue))
    for key, value in (*known, *(("subject", s) for s in subjects)):
        if value is not None and not any(
            f.name == key and fold(f.value) == fold(value) for f in facts
        ):
            fields.add(
                fields.line("subjects" if key == "subject" else key),
                f"{key} {excerpt(value)} has no fact saying where it was published: add one",
            )
    if number is None:
        return None
    all_titles = tuple(dict.fromkeys(([title] if title else []) + list(titles)))
    return Seminar(number, title, all_titles, date, venue, facts, subjects=tuple(subjects))


def _person(fields: Fields, lines: Lines) -> Person | None:
    fields.what = "a person"
    allowed = ("id", "name", "aliases", "affiliation", "passages")
    if not fields.check(allowed, ("id", "name", "passages")):
        return None
    pid, name = fields.text("id"), fields.text("name")
    if pid is not None and not SLUG.fullmatch(pid):
        fields.add(fields.line("id"), f"id {excerpt(pid)} must be a slug such as 'pamela-fisher'")
    passages = tuple(
        p for node in fields.items("passages") if (p := _passage(node, fields, lines, "registry"))
    )
    if not fields.items("passages"):
        fields.add(
            fields.line("passages"), "give at least one passage where the texts name this person"
        )
    if pid is None or name is None:
        return None
    aliases = fields.texts("aliases")
    return Person(
        pid, name, aliases, fields.text("affiliation", nullable=True), True, passages=passages
    )


def _concept(fields: Fields, lines: Lines) -> Concept | None:
    fields.what = "a concept"
    allowed = ("id", "term", "aliases", "definition", "source", "related")
    if not fields.check(allowed, ("id", "term", "definition", "source")):
        return None
    cid, term, definition = fields.text("id"), fields.text("term"), fields.text("definition")
    if cid is not None and not SLUG.fullmatch(cid):
        fields.add(fields.line("id"), f"id {excerpt(cid)} must be a slug such as 'weak-ties'")
    node = fields.values.get("source")
    passage = _passage(node, fields, lines, "registry") if node is not None else None
    if cid is None or term is None or definition is None or passage is None:
        return None
    where = f"sources/{passage.source}:{passage.line}"
    return Concept(cid, term, fields.texts("aliases"), definition, where, fields.texts("related"))


def check_unique(
    seminars: list[tuple[Seminar, int]],
    people: list[tuple[Person, int]],
    concepts: list[tuple[Concept, int]],
    folder: str,
) -> list[Problem]:
    """Repeated numbers and ids, names claimed twice, and related concepts that do not exist."""
    problems: list[Problem] = []

    def once(keys: list[tuple[str, str, int]], file: str, what: str) -> None:
        """``keys`` are (value, owner, line); a value may not belong to two owners."""
        seen: dict[str, tuple[str, int]] = {}
        for key, owner, line in keys:
            first = seen.setdefault(key, (owner, line))
            if first[0] != owner:
                fix = (
                    f"{what} {excerpt(key)} is also on line {first[1]} "
                    f"({excerpt(first[0])}): keep one"
                )
                problems.append(Problem(f"{folder}/{file}", line, fix))

    once([(str(s.number), f"line {n}", n) for s, n in seminars], "seminars.yaml", "number")
    once([(p.id, f"line {n}", n) for p, n in people], "people.yaml", "id")
    names = [(fold(name), p.id, n) for p, n in people for name in (p.name, *p.aliases)]
    once(names, "people.yaml", "name or alias")
    once([(c.id, f"line {n}", n) for c, n in concepts], "concepts.yaml", "id")
    terms = [(fold(term), c.id, n) for c, n in concepts for term in (c.term, *c.aliases)]
    once(terms, "concepts.yaml", "term or alias")
    ids = {c.id for c, _ in concepts}
    for concept, line in concepts:
        for other in concept.related:
            if other not in ids:
                fix = f"related concept {excerpt(other)} does not exist: add it or fix the id"
                problems.append(Problem(f"{folder}/concepts.yaml", line, fix))
            elif other == concept.id:
                fix = f"'{concept.id}' lists itself as related: remove it"
                problems.append(Problem(f"{folder}/concepts.yaml", line, fix))
    return problems
