"""Find the people and concepts of the registries where a document names them.

Each index is one compiled alternation of every name or term, longest first, so that
"Mental Health Act" wins over a shorter term at the same place and "Pippa Hunter Jones" over
"Pippa". Names are matched as written (capitalised), after an optional honorific ("Dr",
"Professor") and before an optional possessive ("Pilgrim's", with a straight or a curly apostrophe).

A full name (or an alias of two words or more) always resolves. A short form, a first name
or a surname alone ("Joe", "Charlotte", "Williams"), resolves inside a document only once
the full name of exactly one person with that short form has appeared earlier in it; what
is left is settled later against the seminar the document is about (see
:func:`resolve_pending`). No fuzzy score ever makes a link.

Pure functions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..names import HANDLE, TOKEN, UPPER, same_given
from ..records import Concept, Person
from ..text import fold, unaccented
from .names import NameRules, is_blocked, short_forms
from .segments import Segment

_APOSTROPHE = "['\u2019]"
_JOIN = r"(?:\s+|\s*[-\u2010\u2011]\s*)"  # "Hunter Jones" = "Hunter-Jones"
_NEXT_WORD = re.compile(rf"\s+({TOKEN})")
_PREV_WORD = re.compile(rf"({TOKEN})\s+$")


@dataclass(frozen=True)
class NameIndex:
    """Every way of writing every known person, compiled into one pattern."""

    full: Mapping[str, str]  # name key of a full form -> person id
    short: Mapping[str, tuple[str, ...]]  # name key of a short form -> person ids
    pattern: re.Pattern[str]
    given: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # given name -> ids
    # what :func:`nicknamed` found for each name asked about, so each is worked out once
    _nicknamed: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    # each surname (letters only) with the given names and ids of the people who have it
    _handles: dict[str, set[str]] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Hit:
    """A name found in a segment; ``ids`` are who it may be (one, if it is a full name)."""

    segment: int
    start: int
    end: int
    text: str  # as written, without honorific or possessive
    full: bool
    ids: tuple[str, ...]


@functools.lru_cache(maxsize=1 << 14)  # the same few names and terms, found again and again
def name_key(text: str) -> str:
    """A name compared loosely: case, apostrophes and "Hunter-Jones"/"Hunter Jones" alike."""
    return " ".join(re.split(r"[\s\-\u2010\u2011]+", fold(text))).strip()


def _form_regex(form: str) -> str:
    words = [re.escape(w).replace("'", _APOSTROPHE) for w in re.split(r"[\s\-]+", form) if w]
    return _JOIN.join(words)


def build_index(people: Iterable[Person], rules: NameRules) -> NameIndex:
    """Index names, multi-word aliases (full forms) and short forms of ``people``."""
    full: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}  # an exact spelling of each form, for the pattern
    for person in people:
        for form in (person.name, *person.aliases):
            if len(form.split()) >= 2:
                full.setdefault(name_key(form), person.id)
            else:
                short.setdefault(name_key(form), set()).add(person.id)
        for form in short_forms(person.name, rules):
            short.setdefault(name_key(form), set()).add(person.id)
        for form in (person.name, *person.aliases, *short_forms(person.name, rules)):
            spelled.setdefault(name_key(form), form)
    order = sorted(spelled, key=lambda key: (-len(key), key))
    names = "|".join(_form_regex(spelled[key]) for key in order) or "(?!)"
    # The lookahead on a capital is only a fast way out for the positions no name can start at.
    pattern = re.compile(
        rf"(?<![\w'\u2019-])(?=[{UPPER}])(?:(?P<hon>{rules.honorific})\s+)?"
        rf"(?P<name>{names})(?![\w-])"
    )
    frozen_short = {key: tuple(sorted(ids)) for key, ids in short.items() if key not in full}
    given: dict[str, set[str]] = {}
    for person in people:
        if forms := short_forms(person.name, rules):
            given.setdefault(name_key(forms[0]), set()).add(person.id)
    frozen_given = {key: tuple(sorted(ids)) for key, ids in given.items()}
    return NameIndex(full=full, short=frozen_short, pattern=pattern, given=frozen_given)


def handle_of(index: NameIndex, handle: str) -> str | None:
    """The one person a blog account's handle is made from: the given name's initial, the
    whole name or a short form of it, with or without a dot, then the surname
    ("kwainwright", "tomasz.zielinski", "tomzielinski" for Katherine Wainwright and Tomasz
    Zieliński); None if no one or several."""
    if not HANDLE.fullmatch(handle):
        return None
    if not index._handles:  # surname (letters only) -> (given name, person) pairs
        for key, pid in index.full.items():
            words = [re.sub(r"[^a-z0-9]", "", unaccented(w)) for w in key.split()]
            if len(words) >= 2 and all(words):
                index._handles.setdefault("".join(words[1:]), set()).add(f"{words[0]} {pid}")
    bare = re.sub(r"[^a-z0-9]", "", handle)
    found: set[str] = set()
    for cut in range(1, len(bare) - 1):
        given = bare[:cut]
        for entry in index._handles.get(bare[cut:], ()):
            full, pid = entry.split(" ", 1)
            if (len(given) == 1 and full.startswith(given)) or (
                len(given) > 1 and same_given(given, full)
            ):
                found.add(pid)
    return next(iter(found)) if len(found) == 1 else None


def nicknamed(index: NameIndex, name: str) -> tuple[str, ...]:
    """The people whose given name a one-word name may be a short form of ("Tom" for
    Tomasz Wiśniewski, "Phil" for Philip Ackroyd: :func:`names.same_given`), for a
    signature no person's own name or alias matches."""
    key = name_key(name)
    if key not in index._nicknamed:
        found = (pid for given, ids in index.given.items() if same_given(key, given) for pid in ids)
        index._nicknamed[key] = tuple(sorted(set(found)))
    return index._nicknamed[key]


def find_names(segments: Sequence[Segment], index: NameIndex, rules: NameRules) -> list[Hit]:
    """Every name of the index in reading order; short forms next to another capitalised
    word are skipped, since they are then part of someone else's name ("Martin G")."""
    hits: list[Hit] = []
    for segment in segments:
        for match in index.pattern.finditer(segment.text):
            key, (start, end) = name_key(match.group("name")), match.span("name")
            text = match.group("name")
            if key in index.full:
                hits.append(Hit(segment.index, start, end, text, True, (index.full[key],)))
                continue
            if _beside_other_name(segment.text, start, end, match.group("hon") is not None, rules):
                continue
            ids = index.short.get(key, ())
            if ids:
                hits.append(Hit(segment.index, start, end, text, False, ids))
    return hits


def _beside_other_name(text: str, start: int, end: int, honorific: bool, rules: NameRules) -> bool:
    after = _NEXT_WORD.match(text, end)
    if after and not is_blocked(after.group(1), rules):
        return True
    before = _PREV_WORD.search(text[max(0, start - 40) : start])
    return bool(before and not honorific and not is_blocked(before.group(1), rules))


def resolve_in_document(hits: Sequence[Hit]) -> dict[int, tuple[str, str]]:
    """Resolve hits by the document alone: ``{hit number: (person id, rule)}``.

    Full names resolve; a short form resolves when exactly one of its candidates has been
    named in full earlier in the document.
    """
    named: set[str] = set()
    resolved: dict[int, tuple[str, str]] = {}
    for number, hit in enumerate(hits):
        if hit.full:
            named.add(hit.ids[0])
            resolved[number] = (hit.ids[0], "name")
            continue
        earlier = [pid for pid in hit.ids if pid in named]
        if len(earlier) == 1:
            resolved[number] = (earlier[0], "short-form")
    return resolved


def resolve_pending(
    hits: Sequence[Hit], resolved: Mapping[int, tuple[str, str]], seminar_people: Iterable[str]
) -> dict[int, tuple[str, str]]:
    """Settle short forms left open against the people of the document's seminar.

    "Martin & Pamela" signing the seminar 4 notes, which never name them in full, are the
    only Martin and Pamela among that seminar's speakers.
    """
    people = set(seminar_people)
    out = dict(resolved)
    for number, hit in enumerate(hits):
        if number not in out:
            there = [pid for pid in hit.ids if pid in people]
            if len(there) == 1:
                out[number] = (there[0], "short-form-seminar")
    return out


@dataclass(frozen=True)
class TermIndex:
    """Every term and alias of the concepts, compiled into one pattern."""

    ids: Mapping[str, str]  # term key -> concept id
    pattern: re.Pattern[str]


@functools.lru_cache(maxsize=1 << 14)
def term_key(text: str) -> str:
    """A term compared loosely: case, apostrophes, hyphens and spaces ignored."""
    return re.sub(r"[\s\-\u2010\u2011]+", "", fold(text))


def _term_regex(term: str) -> str:
    """Hyphens and spaces interchangeable, either apostrophe, an optional plural."""
    words = [re.escape(w).replace("'", _APOSTROPHE) for w in re.split(r"[\s\-]+", term) if w]
    body = r"[\s\-\u2010\u2011]*".join(words)
    plural = "(?:s|es)?" if term[-1:].isalpha() else ""
    # A capital inside a word marks an abbreviation or a name (AMHP, PbR, McNamara): keep case.
    exact = any(ch.isupper() for word in term.split() for ch in word[1:])
    return f"{body}{plural}" if exact else f"(?i:{body}{plural})"


def build_terms(concepts: Iterable[Concept]) -> TermIndex:
    """Index each concept's term and aliases, longest first (no capture groups: they are
    slow in a pattern this size; the matched text is looked up by its key instead)."""
    ids: dict[str, str] = {}
    spelled: dict[str, str] = {}
    for concept in concepts:
        for term in (concept.term, *concept.aliases):
            ids.setdefault(term_key(term), concept.id)
            spelled.setdefault(term_key(term), term)
    order = sorted(spelled, key=lambda key: (-len(spelled[key]), key))
    terms = _by_first_letter([spelled[key] for key in order])
    pattern = re.compile(rf"(?<![\w-])(?:{terms})(?![\w-])")
    return TermIndex(ids=ids, pattern=pattern)


def _by_first_letter(terms: Sequence[str]) -> str:
    """The alternation of ``terms`` (in this order), as one branch per first letter.

    A regular expression tries the alternatives of an alternation one by one at every
    place of a text. Grouped under their first letter, each group behind a look-ahead for
    that letter, only the terms that can start at a place are tried there: the same
    matches, three times faster. Letters A to Z in either case never match one another's
    letter, so at most one group can match at a place, and in it the terms keep their
    order. A term starting with anything else keeps the plain alternation.
    """
    if not terms:
        return "(?!)"
    if not all(t[:1].isascii() and t[:1].isalpha() for t in terms):
        return "|".join(_term_regex(t) for t in terms)
    groups: dict[str, list[str]] = {}
    for term in terms:
        groups.setdefault(term[0].lower(), []).append(_term_regex(term))
    return "|".join(
        f"(?=(?i:{letter}))(?:{'|'.join(alternatives)})"
        for letter, alternatives in sorted(groups.items())
    )


def find_terms(
    segments: Sequence[Segment], index: TermIndex
) -> list[tuple[int, int, int, str, str]]:
    """``(segment, start, end, text, concept id)`` for every term, in reading order."""
    out: list[tuple[int, int, int, str, str]] = []
    for segment in segments:
        for match in index.pattern.finditer(segment.text):
            key = term_key(match.group())
            for stem in (key, key[:-1], key[:-2]):  # the plural the pattern allowed
                if stem in index.ids:
                    out.append((segment.index, *match.span(), match.group(), index.ids[stem]))
                    break
    return out
