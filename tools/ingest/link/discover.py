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
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..names import BYLINE_PREFIX, UPPER, name_words, same_given, variant_key
from ..records import Document, Evidence, Linked, Person
from ..text import fold, slugify
from .cues import Cue
from .mentions import Hit, NameIndex, name_key
from .names import NameRules, person_name, strip_honorific
from .segments import segments, source


@dataclass(frozen=True)
class Candidate:
    """A name a rule pointed at in one document."""

    name: str
    evidence: Evidence
    affiliation: str | None


def byline_names(byline: str, rules: NameRules) -> list[str]:
    """``"By Steve Flatt and Pippa Hunter Jones"`` -> ``["Steve Flatt", "Pippa Hunter Jones"]``."""
    text = BYLINE_PREFIX.sub("", byline)
    parts = re.split(r"\s*(?:,|&|\band\b)\s*", text)
    return [name for p in parts if (name := strip_honorific(p, rules).strip(" .;:"))]


def name_line(doc: Document, name: str) -> int:
    """The line where a document writes a name or byline: a byline is often not the post's
    first line ("By X" under the title, a signature at the end). The first line of the
    post's blocks that holds it, else the post's first line (an author given by the
    sidecar)."""
    wanted = fold(name)
    if doc.owner is not None and wanted in fold(doc.owner.name):
        return doc.owner.line  # a personal blog's owner, named in the page's frame
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
    text = "\n".join(segment.text for segment in segments(doc))
    for byline in doc.bylines:
        for name in byline_names(byline, rules):
            if name_key(name) not in index.full and (
                shaped := person_name(name.split(), rules, strong=True)
            ):
                line = name_line(doc, shaped)
                found.append(Candidate(shaped, Evidence("byline", byline, source(doc), line), None))
    for cue in cues:
        for span in cue.names:
            if any(s == span.segment and a < span.end and span.start < b for s, a, b in taken):
                continue
            shaped = person_name(span.text.split(), rules, strong=cue.strong)
            if shaped is None and (full := person_name(span.text.split(), rules, strong=True)):
                shaped = full if known_alone(full, text) else None
            if shaped is None or name_key(shaped) in index.full:
                continue
            ev = Evidence(cue.rule, cue.evidence.text, cue.evidence.source, cue.evidence.line)
            found.append(Candidate(shaped, ev, cue.affiliation if len(cue.names) == 1 else None))
    return found


def known_alone(name: str, text: str) -> bool:
    """Whether a text calls the person of ``name`` by the first word alone somewhere else
    ("Aoife Mulcahy and Nnamdi Eze led a workshop ... Aoife's rule"; "Kerry-Ann Moss /
    Peer Trainer. Kerry-Ann leads our courses"): how a text shows that a name it has just
    used is a person's, when the data does not know the given name. Places and
    organisations are not called by their first word alone; nor is a word alone that
    starts another run of capitalised words ("Funded Value" beside "Funded Period": two
    labels of a record's fields), nor a word that starts a line, where every word has a
    capital ("- Personal health budgets ..." under a slide's "PERSONAL BUDGETS: ...")."""
    first = re.escape(name.split()[0])
    alone = re.compile(rf"(?<![\w'\u2019-]){first}(?:['\u2019]s)?(?![\w-])(?!\s+[{UPPER}])")
    return any(not _line_start(text, found.start()) for found in alone.finditer(text))


#: What may stand before a line's first word: a bullet, a number, a slide's mark.
_LINE_MARKS = re.compile(r"[\s\-\u2013\u2022\u00b7*>\d.)\]\[(]*")


def _line_start(text: str, at: int) -> bool:
    """Whether ``at`` is a line's first word, maybe after a bullet or a number ("- Personal
    health budgets ..."): a capital there says nothing of a name."""
    return _LINE_MARKS.fullmatch(text, text.rfind("\n", 0, at) + 1, at) is not None


def discovered_people(found: Sequence[Candidate], taken_ids: Sequence[str]) -> tuple[Person, ...]:
    """One person per distinct name, ids unique against the registry, evidence in order."""
    by_name: dict[str, list[Candidate]] = {}
    for candidate in found:  # "Ana Lúcia Carvalho" and "Ana Lucia Carvalho" are one name
        by_name.setdefault(variant_key(candidate.name), []).append(candidate)
    by_name = merge_variants(by_name)
    used = set(taken_ids)
    people: list[Person] = []
    for key in sorted(by_name):
        group = by_name[key]
        fullest = variant_key(key)
        name = _most_common([c.name for c in group if variant_key(c.name) == fullest])
        name = name or _most_common([c.name for c in group]) or group[0].name
        pid = base = slugify(name) or "unnamed"
        suffix = 2
        while pid in used:
            pid, suffix = f"{base}-{suffix}", suffix + 1
        used.add(pid)
        passages = tuple(sorted({c.evidence for c in group}, key=_passage_order))
        affiliation = _most_common([c.affiliation for c in group if c.affiliation])
        others = {variant_key(c.name): c.name for c in group if variant_key(c.name) != fullest}
        aliases = tuple(sorted(others.values()))  # "Pete Szabo" for "Peter Szabo"
        people.append(Person(pid, name, aliases, affiliation, False, passages=passages))
    return tuple(people)


def known_variants(
    found: Sequence[Person], registry: Sequence[Person]
) -> tuple[tuple[Person, ...], tuple[Person, ...]]:
    """The registry with each discovered short form of one of its people as that person's
    alias ("Dr C Rhodes", "Chris Rhodes" for Christine Rhodes: an initial or a nickname,
    the same surname), and the discovered people that are no one's short form. A form that
    fits two registry people is left as it is: two people are never made one."""
    forms: dict[str, list[int]] = {}  # surname -> indexes of the registry people with it
    for at, person in enumerate(registry):
        for name in (person.name, *person.aliases):
            forms.setdefault(variant_key(name).rsplit(" ", 1)[-1], []).append(at)
    extra: dict[int, list[str]] = {}
    kept: list[Person] = []
    for person in found:
        words = variant_key(person.name).split()
        owners = {
            at
            for at in forms.get(words[-1], ())
            for name in (registry[at].name, *registry[at].aliases)
            if _covers(variant_key(name).split(), words)
        }
        if len(owners) == 1:
            extra.setdefault(owners.pop(), []).extend((person.name, *person.aliases))
        else:
            kept.append(person)
    merged = tuple(
        replace(p, aliases=tuple(dict.fromkeys((*p.aliases, *extra[at])))) if at in extra else p
        for at, p in enumerate(registry)
    )
    return merged, tuple(kept)


def merge_variants(by_name: Mapping[str, list[Candidate]]) -> dict[str, list[Candidate]]:
    """Groups of one person's names merged: "Pete Szabo" into "Peter Szabo", "Phil
    Marsh-Ogden" into "Philip Marsh-Ogden", "J. K. Okafor" and "Jude Okafor" into "Jude
    Kelechi Okafor" (same surname, given names that are one name by the nickname table or
    an initial, middle names kept or dropped). A short form that fits two different people
    stays on its own: two people are never made one.
    """
    keys = sorted(by_name, key=lambda k: (-len(variant_key(k)), k))
    by_surname: dict[str, list[str]] = {}
    for key in keys:
        by_surname.setdefault(variant_key(key).rsplit(" ", 1)[-1], []).append(key)
    fits: dict[str, list[str]] = {}
    for key in keys:
        words = variant_key(key).split()
        if len(words) >= 2:
            same = by_surname[words[-1]]
            # "O. Adeyemi": an initial and its full stop, no particle ("Ó Briain")
            initial = any(_INITIAL.match(c.name.split()[0]) for c in by_name[key] if c.name.split())
            fits[key] = [
                o
                for o in same
                if o != key and _covers(variant_key(o).split(), words, initial=initial)
            ]
    target: dict[str, str] = {}

    def root(key: str) -> str:
        while key in target:
            key = target[key]
        return key

    # Fullest names first, so a short form's fits are resolved before it: "Jude Okafor"
    # fits "J. K. Okafor" and "Jude Kelechi Okafor", which are one person already.
    for key in sorted(fits, key=lambda k: (-len(variant_key(k).split()), -len(k), k)):
        roots = {root(other) for other in fits[key]}
        if len(roots) == 1:
            target[key] = roots.pop()
    merged: dict[str, list[Candidate]] = {}
    for key in sorted(by_name):
        merged.setdefault(root(key), []).extend(by_name[key])
    return merged


#: A given name's initial with its full stop, as a name's first word: "O.", "J.".
_INITIAL = re.compile(r"[A-Z]\.$")


def _covers(full: list[str], short: list[str], *, initial: bool = False) -> bool:
    """Whether the words of ``full`` are a fuller form of ``short``'s (both variant keys):
    the same surname, given names that are one name ("Peter", "Pete"; "J", "Jude"), and
    each middle name of ``short`` among ``full``'s, in order, whole or as its initial
    ("J K Okafor", "Jude Okafor" and "Jude Kelechi Okafor" are one person). ``initial``:
    ``short`` was written with an initial and its full stop ("O. Adeyemi"), which a
    particle ("Ó Briain") is not."""
    if len(full) < 2 or full[-1] != short[-1]:
        return False
    if short[0] in _particles() and not initial:  # a surname alone ("Ms van der Berg")
        return len(full) > len(short) and full[-len(short) :] == short
    if not same_given(full[0], short[0]):
        return False
    middles = iter(full[1:-1])
    if not all(any(_same_word(w, m) for m in middles) for w in short[1:-1]):
        return False
    a, b = full[0], short[0]
    return len(full) > len(short) or (len(a), a) > (len(b), b)


@functools.cache
def _particles() -> frozenset[str]:
    """The particles that start a surname, as variant keys spell them."""
    return frozenset(variant_key(p) for p in name_words().particles)


def _same_word(short: str, full: str) -> bool:
    return short == full or (len(short) == 1 and full.startswith(short))


def _most_common(values: Sequence[str]) -> str | None:
    """The spelling most passages use (ties: the one with more accented letters, as a
    writer who knows the name spells it, "Ana Lúcia" before "Ana Lucia"; then the first in
    sorted order), so the result does not depend on which document came first."""
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    accents = {v: sum(not c.isascii() for c in v) for v in counts}
    return min(counts, key=lambda v: (-counts[v], -accents[v], v)) if counts else None


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
