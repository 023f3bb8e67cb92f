"""What a person's name looks like in running text, and the word lists the link stage uses.

A name is recognised by its *shape* and its *context*, never by a fuzzy score: a run of
two to four capitalised words ("Karen Newbigging", "Pippa Hunter Jones", "Heather McDonald")
containing none of the words that mark an organisation, a role, a place or a date
("University of York", "Senior Lecturer", "Leeds Mind", "Friday 28 October"). The word lists
live in ``rules/link.yaml`` so that a misread is fixed by editing data.

Pure functions; :func:`load_rules` reads the data file once per run and the result is
passed explicitly (no module-level state).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..names import (
    DAMAGED,
    INITIAL,
    INITIAL_RE,
    LOWER,
    TOKEN,
    UPPER,
    given_names,
    is_name_word,
    is_syllable_name,
    name_words,
)
from ..yamlfile import RULES_DIR, load_data

RULES_PATH = RULES_DIR / "link.yaml"


_LISTS = [
    "speech_verbs",
    "announced_verbs",
    "turn_phrases",
    "talk_nouns",
    "line_up_verbs",
    "bystander_words",
    "future_cues",
    "attendance_cues",
    "closings",
    "contribution_nouns",
    "person_nouns",
    "absence_cues",
    "floor_cues",
    "question_nouns",
    "companion_verbs",
    "backdrop_cues",
    "listener_verbs",
]


@dataclass(frozen=True)
class NameRules:
    """The word lists of ``rules/link.yaml`` and the patterns built from them."""

    honorifics: tuple[str, ...]
    particles: tuple[str, ...]
    not_name: frozenset[str]  # case-folded
    place_surnames: frozenset[str]  # case-folded: may end a name after a known given name
    organisations: frozenset[str]  # case-folded: the words that make a phrase an organisation
    first_names: frozenset[str]  # case-folded
    speech_verbs: tuple[str, ...]
    announced_verbs: tuple[str, ...]
    turn_phrases: tuple[str, ...]
    talk_nouns: tuple[str, ...]
    line_up_verbs: tuple[str, ...]
    bystander_words: frozenset[str]
    companion_verbs: tuple[str, ...]
    backdrop_cues: tuple[str, ...]
    listener_verbs: tuple[str, ...]
    future_cues: tuple[str, ...]
    attendance_cues: tuple[str, ...]
    closings: tuple[str, ...]
    contribution_nouns: tuple[str, ...]
    person_nouns: tuple[str, ...]
    absence_cues: tuple[str, ...]
    floor_cues: tuple[str, ...]
    question_nouns: tuple[str, ...]
    honorific: str  # regex: one honorific, with an optional full stop
    run: str  # regex: capitalised words, particles allowed between them
    one: str  # regex: a run with an optional honorific ("the Revd B")
    group: str  # regex: runs joined by ",", "and", "&", each with an optional honorific
    joiner: str  # regex: what joins the names of a group


def alternation(words: tuple[str, ...] | frozenset[str]) -> str:
    """A regex matching any of ``words``, longest first so the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def make_rules(data: Mapping[str, object]) -> NameRules:
    """Build the rules from the data file's mapping (or from a mapping written in a test)."""
    lists = {key: _words(data.get(key)) for key in _LISTS}
    parts = name_words()  # honorifics and particles: rules/names.yaml, for every stage
    lists["honorifics"] = _words(list(parts.honorifics))
    lists["particles"] = _words(list(parts.particles))
    not_name = parts.not_name  # one list for every stage: rules/names.yaml
    # one title or a few together: "Dr", "Revd Canon", "Prof. Dr"
    title = rf"(?:{alternation(lists['honorifics'])})\.?"
    honorific = rf"{title}(?:\s+{title}){{0,2}}"
    particle = alternation(lists["particles"])
    run = (
        # initials first ("J. P. Achterberg") or between ("Anjali R. Bhattacharya")
        rf"(?:{INITIAL}\s*){{0,3}}{TOKEN}(?:\s(?:(?:{particle})\s|{INITIAL}\s){{0,2}}{TOKEN}){{0,4}}"
        # not cut where an encoding lost a letter or a PDF set an accent apart (DAMAGED)
        rf"(?![{UPPER}{LOWER}\d_-]|[{DAMAGED}][{LOWER}])"
    )
    # "A and the Revd B"; a name's organisation may follow it in brackets: "A (Leeds Mind)"
    one = rf"(?:(?:the\s+)?{honorific}\s+)?{run}(?:\s*\([^()\n]{{1,80}}\))?"
    joiner = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
    group = rf"{one}(?:{joiner}{one})*"
    return NameRules(
        honorifics=lists["honorifics"],
        particles=lists["particles"],
        not_name=not_name,
        place_surnames=frozenset(w.casefold() for w in parts.place_surnames),
        organisations=frozenset(w.casefold() for w in parts.not_name_group("organisation")),
        first_names=given_names(),
        speech_verbs=lists["speech_verbs"],
        announced_verbs=lists["announced_verbs"],
        turn_phrases=lists["turn_phrases"],
        talk_nouns=lists["talk_nouns"],
        line_up_verbs=lists["line_up_verbs"],
        bystander_words=frozenset(w.casefold() for w in lists["bystander_words"]),
        companion_verbs=lists["companion_verbs"],
        backdrop_cues=lists["backdrop_cues"],
        listener_verbs=lists["listener_verbs"],
        future_cues=lists["future_cues"],
        attendance_cues=lists["attendance_cues"],
        closings=lists["closings"],
        contribution_nouns=lists["contribution_nouns"],
        person_nouns=lists["person_nouns"],
        absence_cues=lists["absence_cues"],
        floor_cues=lists["floor_cues"],
        question_nouns=lists["question_nouns"],
        honorific=honorific,
        run=run,
        one=one,
        group=group,
        joiner=joiner,
    )


@functools.lru_cache(maxsize=8)  # the same rules for every document of a run
def tense_patterns(rules: NameRules) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What marks a sentence as announcing a seminar (``future_cues``), and as reporting
    attendance (``attendance_cues``)."""
    return (
        re.compile(rf"(?i)\b(?:{alternation(rules.future_cues)})\b"),
        re.compile(rf"(?i)\b(?:{alternation(rules.attendance_cues)})\b"),
    )


def _words(value: object) -> tuple[str, ...]:
    """A list of words from the data file, sorted, spaces collapsed."""
    items = value if isinstance(value, list) else []
    return tuple(sorted({" ".join(str(w).split()) for w in items}))


def load_rules(path: Path = RULES_PATH) -> NameRules:
    """Read ``rules/link.yaml``; a malformed file is an :class:`InputError` naming the fix."""
    data = load_data(path)
    if not isinstance(data, dict):
        raise InputError([Problem(str(path), 1, "the rules file must be a mapping of lists")])
    problems: list[Problem] = []
    if "not_name_words" in data:
        where = "tools/ingest/rules/names.yaml"
        problems.append(Problem(str(path), 1, f"'not_name_words' belongs in {where}: move it"))
    for key in _LISTS:
        if not isinstance(data.get(key), list):
            problems.append(Problem(str(path), 1, f"'{key}' must be a list of words: add it"))
    if problems:
        raise InputError(problems)
    return make_rules(data)


def strip_honorific(text: str, rules: NameRules) -> str:
    """``"Professor David Pilgrim"`` -> ``"David Pilgrim"``."""
    return re.sub(rf"^(?:{rules.honorific}\s+)+", "", " ".join(text.split()))


def is_blocked(word: str, rules: NameRules) -> bool:
    """Whether a word (or the first part of a hyphenated word: "NHS-funded") marks a
    non-person run; a double-barrelled surname's second part may be a place word
    ("Fenwick-Hall")."""
    folded = word.casefold().strip("'\u2019")
    return folded in rules.not_name or folded.split("-")[0] in rules.not_name


def trim(words: list[str], rules: NameRules) -> list[str]:
    """Drop leading words that cannot start a name ("Like David Pilgrim" -> "David
    Pilgrim"), and the words before a leading phrase's last word no name holds ("Last
    Friday Zoë Lindgren" -> "Zoë Lindgren"; "Leeds Mind" keeps its blocked last word)."""
    blocked = [i for i, word in enumerate(words[:-1]) if is_blocked(word, rules)]
    start = blocked[-1] + 1 if blocked and len(words) - blocked[-1] - 1 >= 2 else 0
    while start < len(words) and (
        is_blocked(words[start], rules) or words[start] in rules.particles
    ):
        start += 1
    return words[start:]


def is_name_shape(words: list[str], rules: NameRules) -> bool:
    """Two to four capitalised words, no organisation/role/place/date word; initials may
    stand before the other words ("J. P. Achterberg") or between them ("Anjali R.
    Bhattacharya"), never alone or last."""
    if not 2 <= len(words) <= 4 or words[0] in rules.particles or words[-1] in rules.particles:
        return False
    if all(name_words().is_honorific(w) for w in words):
        return False  # "Dr Dr": honorifics alone name no one ("Dean" may be a given name)
    initials = 0
    while initials < len(words) - 1 and INITIAL_RE.fullmatch(words[initials]):
        initials += 1
    for i, word in enumerate(words[initials:], start=initials):
        if word in rules.particles:
            continue
        if 0 < i < len(words) - 1 and INITIAL_RE.fullmatch(word):
            continue  # a middle initial: "Anjali R. Bhattacharya"
        if not is_name_word(word) or len(word.rstrip(".")) < 2:
            return False
    return not any_blocked(words[initials:], rules)


def any_blocked(words: list[str], rules: NameRules) -> bool:
    """Whether a run of words holds one no name holds (:func:`is_blocked`); a place word
    that is a surname too ("Hyun-woo Park", "Stuart Hall") may end a run whose first word
    is a given name the data knows, or one of two syllables."""
    if not words:
        return False
    known = words[0].casefold() in rules.first_names or is_syllable_name(words[0])
    last = len(words) - 1
    return any(
        is_blocked(word, rules)
        and not (i == last and i > 0 and known and word.casefold() in rules.place_surnames)
        for i, word in enumerate(words)
    )


def person_name(words: list[str], rules: NameRules, *, strong: bool) -> str | None:
    """The person's name in ``words`` if the context allows one, else ``None``.

    A strong context (honorific, byline, programme line) needs only the shape. A weak one
    also needs a known first name; words before it are dropped ("Finally Jane Smith").
    """
    words = trim(words, rules)
    if strong:
        return " ".join(words) if is_name_shape(words, rules) else None
    for start in range(len(words) - 1):
        rest = words[start:]
        if rest[0].casefold() in rules.first_names and is_name_shape(rest, rules):
            return " ".join(rest)
    return None


def short_forms(name: str, rules: NameRules) -> tuple[str, ...]:
    """The first name and the surname of a full name: "Pippa", "Hunter Jones"."""
    words = strip_honorific(name, rules).split()
    if len(words) < 2:
        return ()
    return (words[0], " ".join(words[1:]))
