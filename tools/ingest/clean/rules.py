"""The cleaning rules, read from ``tools/ingest/rules/*.yaml`` into frozen records.

Rules are data so that a contributor who meets a new kind of site chrome adds a line to a
YAML file, with a note on where it was seen, and touches no code. This module only reads
and checks those files: a rule file with a mistake raises :class:`~.errors.InputError`
naming the file, the line and the fix, like any other bad input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from ..errors import InputError, Problem
from ..records import KINDS, Hint, Kind
from ..yamlfile import RULES_DIR, load_data

LABELS = ("end-of-post", "boilerplate", "link-label", "chrome", "running")
_RULE_KEYS = frozenset({"name", "label", "kinds", "seen", "exact", "patterns", "phrases"})
#: After a rule's phrase, the rest of the line: at most this much, with no sentence end
#: but inside one pair of quotation marks (a title that asks: 'Continue reading "Who
#: decides?" →'). No quantifier nests in another: the match is linear in the line.
_PHRASE_TAIL = (
    # "Read more...": an ellipsis in full stops; "Continue reading ?": an arrow a file saved
    # in a code page without it lost
    r"\b(?:[^.!?]{0,150}(?:\.\.\.|\s\?)?"
    r'|[^.!?"“”]{0,150}["“][^"“”]{1,150}["”][^.!?"“”]{0,20})'
)


@dataclass(frozen=True)
class LineRule:
    """Lines to drop: exact lines (normalised) and whole-line patterns, for some kinds."""

    name: str
    label: str
    kinds: tuple[Kind, ...]
    exact: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    seen: str
    phrases: tuple[str, ...] = ()  # a line opening with one of these (then _PHRASE_TAIL)

    def matches(self, line: str, kind: Kind, key: str | None = None) -> bool:
        """Whether the rule drops ``line`` of a source of ``kind``; ``key`` is
        :func:`normal_key` of the line, if the caller has it already."""
        if kind not in self.kinds:
            return False
        key = normal_key(line) if key is None else key
        return key in self.exact or any(p.fullmatch(line) for p in self.patterns)


@dataclass(frozen=True)
class LineIndex:
    """The rules for one kind of source as one lookup: each exact line by its key, and
    every pattern in one alternation, in the rules' order (a named group per rule), so a
    line costs one dictionary look-up and one match however many rules there are."""

    rules: tuple[LineRule, ...]
    exact: Mapping[str, int]  # normal key -> index of the first rule that has it
    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, rules: Sequence[LineRule], kind: Kind) -> LineIndex:
        mine = tuple(rule for rule in rules if kind in rule.kinds)
        exact: dict[str, int] = {}
        for at, rule in enumerate(mine):
            for key in rule.exact:
                exact.setdefault(key, at)
        alternatives = [
            f"(?P<r{at}_{j}>{pattern.pattern})"
            for at, rule in enumerate(mine)
            for j, pattern in enumerate(rule.patterns)
        ]
        # each rule's patterns are written case-insensitively (clean/rules.py _compile)
        joined = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None
        return cls(mine, exact, joined)

    def first(self, line: str, key: str) -> LineRule | None:
        """The first rule, in the file's order, that drops ``line`` (``key``: its
        :func:`normal_key`)."""
        at = self.exact.get(key)
        if self.pattern is not None and (found := self.pattern.fullmatch(line)):
            # the alternation tries the rules in order: the group that matched is the
            # first rule whose pattern does
            group = next(name for name, text in found.groupdict().items() if text is not None)
            index = int(group[1:].split("_")[0])
            at = index if at is None else min(at, index)
        return None if at is None else self.rules[at]


@dataclass(frozen=True)
class CoverRules:
    """A repository cover page: marker lines, and the fields of its citation line."""

    markers: tuple[re.Pattern[str], ...]
    citation: tuple[re.Pattern[str], ...]
    max_lines: int
    min_markers: int


@dataclass(frozen=True)
class Rules:
    """Everything the clean stage reads from ``rules/``."""

    lines: tuple[LineRule, ...]
    cover: CoverRules
    bullets: tuple[str, ...]
    numbered: re.Pattern[str]
    schedule: re.Pattern[str]
    page_marker: re.Pattern[str]
    wrapped_end: re.Pattern[str]  # a converter's line that goes on in the next one
    contents_heading: re.Pattern[str]
    comment_action: re.Pattern[str]
    post_action: re.Pattern[str]  # an action a post has and a comment has not ("Comment")
    comment_writer: re.Pattern[str]  # "Jo Bloggs says:": a comment's writer, as "name"
    mail_headers: Mapping[str, Hint | None]
    field_labels: frozenset[str]  # "Venue", "Audience": a "<label>: <value>" line is a field
    entry_labels: frozenset[str]  # "Entry", "Day": "<label>: <date>" heads a journal's entry
    # the labels of a meta line's fields, each with what it holds (writer, date, filing)
    meta_fields: tuple[tuple[str, str], ...]
    page_owner: tuple[re.Pattern[str], ...]  # a frame line saying whose page it is
    page_about: tuple[re.Pattern[str], ...]  # a frame line describing a person
    owner_headings: tuple[re.Pattern[str], ...]  # a frame heading over its owner's name
    author_box: tuple[re.Pattern[str], ...]  # the heading of an author box under a post
    related_headings: tuple[re.Pattern[str], ...]  # a heading over other posts' titles
    glued_image: re.Pattern[str]
    markup: tuple[tuple[re.Pattern[str], str], ...]
    references: re.Pattern[str]
    superscripts: str
    index: Mapping[str, LineIndex] = field(default_factory=dict)  # by kind: clean's lookup


def is_field(line: str, rules: Rules) -> bool:
    """Whether a line is a labelled field ("Venue: Seminar Room"), by ``field_labels``."""
    label, colon, value = line.partition(":")
    return bool(colon and value.strip()) and label.strip().casefold() in rules.field_labels


_LABEL_PARTS = re.compile(r"\s+(?:and|&)\s+|\s*/\s*")


def is_field_label(line: str, rules: Rules) -> bool:
    """Whether a line is a field's label alone, its value on the line under it ("Date",
    "Date and time", "Venue:"), by ``field_labels``."""
    parts = _LABEL_PARTS.split(line.strip().rstrip(":").casefold())
    return all(part in rules.field_labels for part in parts)


#: The dash a theme may print before a post's meta line ("— filed under Seminar 6, Guest
#: posts on 2017-07-20 by coproblog"): a pattern rule reads the line without it.
_LEAD_DASH = re.compile("[\u2014\u2013]\\s+")


#: The arrow a theme prints after a link's words ("5 Comments »", "Leave a comment →").
_TRAIL_ARROW = re.compile("\\s+[\u00bb\u2192\u203a]+$")


def undashed(line: str) -> str:
    """A line without the dash a theme prints before it, if it has one."""
    found = _LEAD_DASH.match(line) if line[:1] in "\u2014\u2013" else None
    return line[found.end() :] if found else line


def unarrowed(line: str) -> str:
    """A link's line without the arrow a theme prints after it, if it has one."""
    return _TRAIL_ARROW.sub("", line) if line[-1:] in "\u00bb\u2192\u203a" else line


def normal_key(line: str) -> str:
    """How exact lines are compared: case-folded, one space, "..." the same as "…"."""
    return " ".join(line.replace("...", "…").split()).casefold()


def load_rules(folder: Path = RULES_DIR) -> Rules:
    """Read and check ``boilerplate.yaml``, ``cover.yaml`` and ``text.yaml``."""
    problems: list[Problem] = []
    boiler = _read(folder / "boilerplate.yaml", problems)
    cover = _read(folder / "cover.yaml", problems)
    text = _read(folder / "text.yaml", problems)
    if problems:
        raise InputError(problems)
    where = (folder / "boilerplate.yaml").as_posix()
    lines = tuple(
        _line_rule(rule, where, problems)
        for rule in _list(boiler, "rules")
        if isinstance(rule, Mapping)
    )
    where = (folder / "text.yaml").as_posix()
    words = "|".join(re.escape(str(w)) for w in _list(text, "image_words"))
    exts = "|".join(re.escape(str(e)) for e in _list(text, "image_extensions"))
    cover_where = (folder / "cover.yaml").as_posix()
    rules = Rules(
        lines=lines,
        cover=CoverRules(
            markers=_patterns(_list(cover, "markers"), cover_where, problems),
            citation=_patterns(_list(cover, "citation"), cover_where, problems),
            max_lines=int(str(cover.get("max_lines", 60))),
            min_markers=int(str(cover.get("min_markers", 3))),
        ),
        bullets=tuple(str(b) for b in _list(text, "bullets")),
        numbered=_compile(str(text.get("numbered")), where, problems),
        schedule=_compile(str(text.get("schedule")), where, problems),
        page_marker=_compile(str(text.get("page_marker")), where, problems),
        wrapped_end=_compile(str(text.get("wrapped_end")), where, problems, flags=0),
        contents_heading=_compile(str(text.get("contents_heading")), where, problems),
        comment_action=_compile(str(text.get("comment_action")), where, problems),
        post_action=_compile(str(text.get("post_action")), where, problems),
        comment_writer=_compile(str(text.get("comment_writer")), where, problems),
        mail_headers=_mail_headers(text.get("mail_headers"), where, problems),
        field_labels=frozenset(str(w).casefold() for w in _list(text, "field_labels")),
        entry_labels=frozenset(str(w).casefold() for w in _list(text, "entry_labels")),
        meta_fields=_meta_fields(text.get("meta_fields"), where, problems),
        page_owner=_patterns(_list(text, "page_owner"), where, problems),
        page_about=_patterns(_list(text, "page_about"), where, problems),
        owner_headings=_patterns(_list(text, "owner_headings"), where, problems),
        author_box=_patterns(_list(text, "author_box"), where, problems),
        related_headings=_patterns(_list(text, "related_headings"), where, problems),
        # A file name glued to the last word: lower-case words joined by hyphens that end
        # in an image word ("esrc-big-logo"), or any name with an image extension.
        glued_image=_compile(
            rf"(?:[a-z0-9]+[-_])+(?:{words})\d*|[\w-]+\.(?:{exts})", where, problems, flags=0
        ),
        markup=tuple(
            (_compile(str(pair[0]), where, problems, flags=0), str(pair[1]))
            for pair in _list(text, "markup")
            if isinstance(pair, list) and len(pair) == 2
        ),
        references=_compile(str(text.get("references")), where, problems),
        superscripts=str(text.get("superscripts") or ""),
        index={kind: LineIndex.of(lines, kind) for kind in KINDS},
    )
    if problems:
        raise InputError(problems)
    return rules


def post_ends(rules: Rules) -> tuple[LineRule, ...]:
    """The rules whose lines end a post (label ``end-of-post``)."""
    return tuple(rule for rule in rules.lines if rule.label == "end-of-post")


def post_end_pattern(rules: Rules) -> re.Pattern[str]:
    """A whole line that ends a post, by any ``end-of-post`` rule (exact lines and phrases),
    for a stage that meets such a line after cleaning (case-insensitive)."""
    ends = post_ends(rules)
    exact = "|".join(sorted(re.escape(key) for rule in ends for key in rule.exact))
    phrases = _phrases(tuple(p for rule in ends for p in rule.phrases))
    return re.compile(rf"^(?:(?:{exact})|(?:{phrases})\b.*)$", re.IGNORECASE)


def excerpt_phrases(rules: Rules) -> tuple[str, ...]:
    """The excerpt links' phrases ("continue reading", ...), case-folded."""
    return tuple(p.casefold() for rule in post_ends(rules) for p in rule.phrases)


def _phrases(phrases: tuple[str, ...]) -> str:
    """The phrases as one pattern; an excerpt's ellipsis may stand before ("… Continue
    reading", "[...] Read more")."""
    if not phrases:
        return "(?!)"
    return (
        r"(?:(?:\u2026|\.\.\.|\[(?:\u2026|\.\.\.)\])\s*)?(?:"
        + "|".join(map(re.escape, phrases))
        + ")"
    )


#: What a meta line's field may hold.
META_FIELD_KINDS = ("writer", "date", "filing")


def _meta_fields(data: object, where: str, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """``meta_fields`` as (label, kind) pairs, the longest label first."""
    if not isinstance(data, dict) or set(data) - set(META_FIELD_KINDS):
        problems.append(
            Problem(where, 1, f"meta_fields must map {', '.join(META_FIELD_KINDS)} to labels")
        )
        return ()
    pairs = [(str(label), kind) for kind in META_FIELD_KINDS for label in data.get(kind) or []]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def _list(data: Mapping[str, object], key: str) -> list[object]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _read(path: Path, problems: list[Problem]) -> Mapping[str, object]:
    try:
        data = load_data(path)
    except InputError as error:
        problems.extend(error.problems)
        return {}
    if not isinstance(data, Mapping):
        problems.append(Problem(path.as_posix(), 1, "a rules file must be a mapping"))
        return {}
    return data


def _line_rule(rule: Mapping[str, object], where: str, problems: list[Problem]) -> LineRule:
    name = str(rule.get("name", "?"))
    unknown = sorted(set(rule) - _RULE_KEYS)
    if unknown:
        problems.append(
            Problem(
                where, 1, f"rule '{name}': unknown keys {unknown}; a rule has {sorted(_RULE_KEYS)}"
            )
        )
    label = str(rule.get("label", ""))
    if label not in LABELS:
        problems.append(
            Problem(where, 1, f"rule '{name}': label must be one of {LABELS} (got {label!r})")
        )
    phrases = tuple(str(p) for p in _list(rule, "phrases"))
    wanted = [str(k) for k in _list(rule, "kinds")] or list(KINDS)
    bad = sorted(set(wanted) - set(KINDS))
    if bad:
        problems.append(Problem(where, 1, f"rule '{name}': unknown kinds {bad}; use {KINDS}"))
    return LineRule(
        name=name,
        label=label,
        kinds=tuple(k for k in KINDS if k in wanted),
        seen=str(rule.get("seen", "")),
        exact=frozenset(normal_key(str(e)) for e in _list(rule, "exact")),
        patterns=_patterns(_list(rule, "patterns"), where, problems)
        + ((_compile(_phrases(phrases) + _PHRASE_TAIL, where, problems),) if phrases else ()),
        phrases=phrases,
    )


def _patterns(
    values: list[object], where: str, problems: list[Problem]
) -> tuple[re.Pattern[str], ...]:
    return tuple(_compile(str(v), where, problems) for v in values)


def _compile(
    pattern: str, where: str, problems: list[Problem], flags: int = re.IGNORECASE
) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as error:
        problems.append(Problem(where, 1, f"bad regular expression {pattern!r}: {error}"))
        return re.compile(r"(?!)")


_MAIL_HINTS: tuple[Hint | None, ...] = ("title", "byline", "date", None)


def _mail_headers(data: object, where: str, problems: list[Problem]) -> dict[str, Hint | None]:
    """``mail_headers`` of text.yaml: header name -> the hint its line gets, or None."""
    if not isinstance(data, dict):
        problems.append(Problem(where, 1, "mail_headers: give a mapping of header -> hint"))
        return {}
    found: dict[str, Hint | None] = {}
    for key, hint in data.items():
        if hint not in _MAIL_HINTS:
            problems.append(
                Problem(where, 1, f"mail_headers: {key!r} must map to title, byline, date or null")
            )
            continue
        found[str(key).casefold()] = cast("Hint | None", hint)
    return found
