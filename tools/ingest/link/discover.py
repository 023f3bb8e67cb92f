"""People the registry does not know yet, found by general rules, for a maintainer to accept.

A name becomes a discovered person (``reviewed=False``) only when a context rule of
:mod:`.link.cues` points at it and it has the shape of a person's name (see
:func:`.link_names.person_name`): a strong context (honorific, byline, programme line,
thanks for a contribution, signature) needs the shape alone; a weak one (talk heading,
speech verb, "of <Organisation>") also needs a known first name. A run the registry already
knows is never rediscovered. The passage each rule read is kept as the person's evidence,
and :func:`review_report` lists them with a ready-to-paste registry entry. A close spelling
of a registry name is shown as "did you mean": a hint for the reviewer, never a link.

Pure functions.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..records import Document, Evidence, Linked, Person
from ..text import fold, slugify
from .cues import Cue
from .mentions import Hit, NameIndex, name_key
from .names import NameRules, person_name, strip_honorific
from .segments import source


@dataclass(frozen=True)
class Candidate:
    """A name a rule pointed at in one document."""

    name: str
    evidence: Evidence
    affiliation: str | None


def byline_names(byline: str, rules: NameRules) -> list[str]:
    """``"By Steve Flatt and Pippa Hunter Jones"`` -> ``["Steve Flatt", "Pippa Hunter Jones"]``."""
    text = re.sub(r"(?i)^\s*by\s+", "", byline)
    parts = re.split(r"\s*(?:,|&|\band\b)\s*", text)
    return [name for p in parts if (name := strip_honorific(p, rules).strip(" .;:"))]


def byline_line(doc: Document, byline: str) -> int:
    """The line where a byline stands: a byline is often not the post's first line ("By X"
    under the title, a signature at the end). The first line of the post's blocks that
    holds it, else the post's first line (an author given by the sidecar)."""
    wanted = fold(byline)
    for block in doc.blocks:
        for offset, text in enumerate(block.text.splitlines()):
            if wanted in fold(text):
                return min(block.first + offset, block.last)
    return doc.origins[0].lines[0] if doc.origins else 1


def candidates(
    doc: Document, cues: Sequence[Cue], hits: Sequence[Hit], index: NameIndex, rules: NameRules
) -> list[Candidate]:
    """The unknown names the cues of one document point at, in reading order."""
    found: list[Candidate] = []
    taken = [(h.segment, h.start, h.end) for h in hits]
    for byline in doc.bylines:
        for name in byline_names(byline, rules):
            if name_key(name) not in index.full and (
                shaped := person_name(name.split(), rules, strong=True)
            ):
                line = byline_line(doc, byline)
                found.append(Candidate(shaped, Evidence("byline", byline, source(doc), line), None))
    for cue in cues:
        for span in cue.names:
            if any(s == span.segment and a < span.end and span.start < b for s, a, b in taken):
                continue
            shaped = person_name(span.text.split(), rules, strong=cue.strong)
            if shaped is None or name_key(shaped) in index.full:
                continue
            ev = Evidence(cue.rule, cue.evidence.text, cue.evidence.source, cue.evidence.line)
            found.append(Candidate(shaped, ev, cue.affiliation if len(cue.names) == 1 else None))
    return found


def discovered_people(found: Sequence[Candidate], taken_ids: Sequence[str]) -> tuple[Person, ...]:
    """One person per distinct name, ids unique against the registry, evidence in order."""
    by_name: dict[str, list[Candidate]] = {}
    for candidate in found:
        by_name.setdefault(name_key(candidate.name), []).append(candidate)
    used = set(taken_ids)
    people: list[Person] = []
    for key in sorted(by_name):
        group = by_name[key]
        name = _most_common([c.name for c in group]) or group[0].name
        pid = base = slugify(name) or "unnamed"
        suffix = 2
        while pid in used:
            pid, suffix = f"{base}-{suffix}", suffix + 1
        used.add(pid)
        passages = tuple(sorted({c.evidence for c in group}, key=_passage_order))
        affiliation = _most_common([c.affiliation for c in group if c.affiliation])
        people.append(Person(pid, name, (), affiliation, False, passages=passages))
    return tuple(people)


def _most_common(values: Sequence[str]) -> str | None:
    """The spelling most passages use (ties: the first in sorted order), so the result does
    not depend on which document came first."""
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _passage_order(evidence: Evidence) -> tuple[str, int, str, str]:
    return (evidence.source, evidence.line, evidence.rule, evidence.text)


def did_you_mean(name: str, known: Mapping[str, str]) -> str | None:
    """A registry name spelled almost like ``name`` (a likely typo), if there is one."""
    close = difflib.get_close_matches(fold(name), sorted(known), n=1, cutoff=0.85)
    return known[close[0]] if close else None


def review_report(linked: Linked) -> str:
    """People found by the rules and not yet in the registry, with their passages.

    Each comes with an entry to paste into ``sources/registry/people.yaml`` once checked.
    """
    known = {fold(p.name): p.name for p in linked.people if p.reviewed}
    new = [p for p in linked.people if not p.reviewed]
    if not new:
        return "No new people found: every name the rules read is in the registry.\n"
    lines = [
        f"{len(new)} person(s) found by the rules, not yet in sources/registry/people.yaml:",
        "",
    ]
    for person in new:
        hint = did_you_mean(person.name, known)
        lines.append(f"- {person.name} ({person.id})" + (f"  did you mean {hint}?" if hint else ""))
        for passage in person.passages:
            lines.append(f"    {passage.source}:{passage.line} [{passage.rule}] {passage.text}")
        first = person.passages[0] if person.passages else None
        lines.append("    entry:")
        lines.append(f"      - id: {person.id}")
        lines.append(f"        name: {person.name}")
        lines.append("        aliases: []")
        lines.append(f"        affiliation: {person.affiliation or 'null'}")
        if first is not None:
            lines.append(
                f"        passages: [{{file: {first.source}, line: {first.line}, quote: ...}}]"
            )
        lines.append("")
    return "\n".join(lines)
