"""Accept people the link stage discovered into ``sources/registry/people.yaml``.

A discovered person (``reviewed: false`` in the catalog) becomes a registry entry with the
passage they were found in as its evidence. The entry is appended as YAML text, so the
comments and layout a maintainer wrote stay as they are, and the registry is checked again
before the command returns: a bad result is rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from .errors import InputError, Problem
from .files import read_bytes
from .link import load_registries
from .records import Linked, Person
from .yamlfile import MAX_YAML_BYTES

REGISTRY = Path("registry") / "people.yaml"
MAX_QUOTE = 160


def _find(linked: Linked, wanted: str) -> Person | None:
    key = wanted.strip().casefold()
    for person in linked.people:
        if not person.reviewed and key in (person.id.casefold(), person.name.casefold()):
            return person
    return None


def _passage(sources: Path, person: Person) -> dict[str, object] | None:
    """The first passage whose quote really stands on its line (the registry checks it)."""
    for evidence in person.passages:
        path = sources / evidence.source
        try:
            line = path.read_text(encoding="utf-8").splitlines()[evidence.line - 1]
        except (OSError, UnicodeDecodeError, IndexError):
            continue
        quote = evidence.text if evidence.text in line else person.name
        if quote in line:
            if len(quote) > MAX_QUOTE:
                quote = quote[:MAX_QUOTE].rsplit(" ", 1)[0]
            return {"file": evidence.source, "line": evidence.line, "quote": quote}
    return None


def entry(sources: Path, person: Person) -> str:
    """The YAML text of a registry entry for ``person``, indented to sit under ``people:``."""
    record: dict[str, object] = {
        "id": person.id,
        "name": person.name,
        "aliases": [],
        "affiliation": person.affiliation,
    }
    passage = _passage(sources, person)
    record["passages"] = [passage] if passage else []
    text = yaml.safe_dump([record], sort_keys=False, allow_unicode=True, width=100)
    return "\n" + "".join("  " + line + "\n" for line in text.splitlines())


def accept(sources: Path, linked: Linked, names: Iterable[str]) -> list[str]:
    """Append an entry for each named discovered person; return what was done."""
    registry = sources / REGISTRY
    problems = []
    chosen: list[Person] = []
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
        elif person not in chosen:
            chosen.append(person)
    if problems:
        raise InputError(problems)
    before = read_bytes(registry, MAX_YAML_BYTES)  # a regular file, as the build checked
    text = before.decode("utf-8")
    addition = "".join(entry(sources, person) for person in chosen)
    registry.write_text(text.rstrip("\n") + "\n" + addition, encoding="utf-8")
    try:
        load_registries(sources)
    except BaseException:  # a bad result, or an interrupt: the registry is as it was
        registry.write_bytes(before)
        raise
    return [f"accepted {p.name} as {p.id} into {registry}" for p in chosen]
