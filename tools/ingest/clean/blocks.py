"""Decide what each paragraph of a cleaned text is: heading, item, quote, reference...

Pure functions over :class:`Para` (a paragraph with its line range and layout facts) that
return :class:`~.records.Block` records. The rules are about shape, never about words of
one text, and each says which case it handles:

- A **heading** is a short line (at most 120 characters, 20 words) that starts with a
  capital, a digit or a quote, does not end like a sentence (``.``, ``,``, ``;``, ``:``,
  ``!``; ``?`` and closing quotes are fine), holds no web address, and stands alone
  between blank lines. Titles come in runs (post title, subtitle, "Hosted by ..."), so
  every line of such a run is a heading, except that the last one must be followed by
  text: a short line just before the end of a post or the end of the text is not one.
- A **byline** (a ``paragraph`` with ``hint="byline"``) is a lone name of two to five
  capitalised words ("Harminder Kaur", "Martin & Pamela") that no text follows: the
  signature closing a post, or the author under an article's title.
- A **reference** is an entry with a year after a "References" heading; the list ends at
  the first paragraph without one (a blog post's list is followed by the next post).
- A **quote** is a paragraph wholly inside double quotes.
- An **item** is a line written with a bullet, a programme time ("9.30 - Lunch", any
  dash), or one of two or more paragraphs in a row numbered in sequence ("1. ...",
  "2. ..."; the number stays in the text and is also the block's ``label``).
- A **footnote** starts with superscript digits ("¹ The term ..."): ``label`` is "1".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from ..names import is_vouched_name, recase
from ..records import Block, BlockKind, Hint
from ..text import is_prose_text
from .rules import Rules

MAX_HEADING = 120
_TERMINAL = re.compile("[.!?:;][\"'\u201d\u2019)\\]]*$")
_HEADING_END = re.compile(r"[.,;:!]$")
_CLOSERS = "\"'\u201d\u2019)]\u00bb"
_OPENERS = "\"'\u201c\u2018(\u00ab["
_URL = re.compile(r"https?://|www\.|\S@\S")
#: Where a listing cut its excerpt: "[…]" at the end, or an ellipsis after a sentence's end.
_EXCERPT_CUT = re.compile(r"\[(?:…|\.\.\.)\]$|[.!?]\s*(?:…|\.\.\.)$")
_YEAR = re.compile(r"\b(1[89]|20)\d\d[a-z]?\b")
_NAME_WORD = re.compile("[A-Z][a-zA-Z'\u2019\\-]*\\.?|&|and|de|van|von|der|la|le")


@dataclass(frozen=True)
class Row:
    """One line of a source, normalised: plain spaces, no markdown debris, no indent."""

    number: int
    text: str  # "" for a blank line (or a line a rule dropped)
    indent: int  # leading spaces of the line as it stood (tabs count 4)
    hint: Hint = ""


@dataclass(frozen=True)
class Para:
    """A paragraph before it is classified, with what the layout says about it."""

    first: int
    last: int
    text: str
    hint: Hint = ""
    alone: bool = True  # a blank line (or the start, or the end) before and after it
    item: bool = False  # written with a bullet (cut off already)
    ended: bool = False  # an end-of-post marker stands between it and the next paragraph


def rows_on(rows: Sequence[Row], lines: Iterable[int]) -> Iterator[int]:
    """The indexes of the rows on ``lines`` (line numbers), in their order; a line no row
    is on is skipped."""
    index = {row.number: i for i, row in enumerate(rows)}
    return (index[n] for n in lines if n in index)


def text_above(rows: Sequence[Row], at: int) -> int:
    """The index of the nearest row with text above ``rows[at]``, or -1."""
    k = at - 1
    while k >= 0 and not rows[k].text:
        k -= 1
    return k


def next_line(rows: Sequence[Row], i: int) -> int:
    """The index of the row of the line right under row ``i``'s, past the blank row a saved
    page's markup puts before it (on the same line); -1 if a blank line parts them."""
    return line_under(rows, rows[i].number, i + 1)


def line_under(rows: Sequence[Row], number: int, j: int) -> int:
    """The index of the row of line ``number + 1``, looked for at row ``j`` (the first row
    after line ``number``, which may be no row's: a line the loader dropped with a saved
    page's frame), past the blank row the page's markup puts before it; -1 if none."""
    if j + 1 < len(rows) and not rows[j].text and rows[j + 1].number == rows[j].number:
        j += 1
    return j if j < len(rows) and rows[j].number == number + 1 else -1


def split_bullet(text: str, rules: Rules) -> tuple[bool, str]:
    """``"• Text"`` -> ``(True, "Text")``; a line with no bullet is returned as it is."""
    for bullet in rules.bullets:
        if text.startswith(bullet + " "):
            return True, text[len(bullet) + 1 :].strip()
        if text == bullet:
            return True, ""
    return False, text


def footnote_label(text: str, rules: Rules) -> str:
    """The label of a footnote paragraph ("¹ The term" -> "1"), or '' if it is not one."""
    marks = len(text) - len(text.lstrip(rules.superscripts)) if rules.superscripts else 0
    if not marks or marks > 3 or len(text) == marks:
        return ""
    table = str.maketrans(rules.superscripts, "0123456789"[: len(rules.superscripts)])
    return text[:marks].translate(table)


def ends_open(text: str) -> bool:
    """True if a paragraph stops mid-sentence (no full stop, colon, ... at its end)."""
    return not _TERMINAL.search(text)


#: A line's last word lies in its last this many characters ("professionals,").
MAX_WORD_CHARS = 24


def goes_on(line: str, after: str, rules: Rules) -> bool:
    """Whether a converter's ``line`` is cut mid-sentence, so that ``after`` continues it:
    a word broken at a hyphen, a comma or a word no sentence ends on (``wrapped_end``), or
    no end at all over a line that starts in lower case."""
    if line.endswith("-"):
        return True
    if after[:1].islower():
        return ends_open(line)
    # the last word decides: looked at alone, as a long line is many words
    return ends_open(line) and rules.wrapped_end.search(line[-MAX_WORD_CHARS:]) is not None


def heading_like(text: str) -> bool:
    """The shape of a heading (see the module docstring); says nothing of its place."""
    core = text.rstrip(_CLOSERS)
    first = text.lstrip(_OPENERS)[:1]
    return (
        0 < len(text) <= MAX_HEADING
        and len(text.split()) <= 20
        and bool(first)
        and (first.isupper() or first.isdigit())
        and bool(core)
        and not _HEADING_END.search(core)
        and not _URL.search(text)
        and not _EXCERPT_CUT.search(text)
    )


def name_like(text: str) -> bool:
    """Two to five capitalised words (or "&", "and", "van" ...), like a person's name."""
    words = text.split()
    capitals = sum(1 for w in words if w[:1].isupper())
    return (
        2 <= len(words) <= 5
        and capitals >= 2
        and len(text) <= 50
        and all(_NAME_WORD.fullmatch(w) for w in words)
    )


def classify(paras: list[Para], rules: Rules) -> list[Block]:
    """Turn paragraphs into blocks, in order."""
    kinds: list[BlockKind | None] = []
    labels: list[str] = []
    in_references = False
    for i, para in enumerate(paras):
        kind, label = _fixed_kind(paras, i, rules)
        listed = kind is None or para.hint == "heading"  # a Word or PDF heading, too
        if listed and para.alone and rules.references.fullmatch(para.text):
            kind, in_references = "heading", True
        elif in_references and kind in (None, "item") and _YEAR.search(para.text):
            kind = "reference"
        else:
            in_references = False
        kinds.append(kind)
        labels.append(label)
    hints = [p.hint for p in paras]
    signed: list[int] = []
    for i, para in enumerate(paras):  # one byline in a row: the next line is a job title
        if (
            kinds[i] is None
            and para.alone
            and name_like(para.text)
            # a heading in capitals ("ARTICLE HISTORY") is a name only if the data knows it
            and (not para.text.isupper() or is_vouched_name(recase(para.text)))
            and not _text_follows(paras, kinds, i)
            and (i == 0 or hints[i - 1] != "byline")
            and (i == 0 or paras[i - 1].last != para.first)  # not a cell of a table's row
        ):
            kinds[i], hints[i] = "paragraph", "byline"
            signed.append(i)
    # Names each over a role line, with no prose between them, are a list of people (a
    # team page: "Dr A B" / "Co-investigator, University of York" / "C D" / ...): no
    # signatures.
    for a, b in itertools.pairwise(signed):
        if not any(is_prose_text(paras[j].text) for j in range(a + 1, b)):
            for i in (a, b):
                kinds[i], hints[i] = None, paras[i].hint
    # Nor are names each over a role line and then a few lines about them, two or more on
    # the page (speakers' or a team's profiles: "Dr A B" / "Panel chair" / "A is ...").
    profiled = [
        i
        for i in signed
        if i + 2 < len(paras)
        and paras[i + 1].alone
        and heading_like(paras[i + 1].text)
        and is_prose_text(paras[i + 2].text)
    ]
    for i in profiled if len(profiled) >= MIN_PROFILED else ():
        kinds[i], hints[i] = None, paras[i].hint
    _mark_headings(paras, kinds)
    blocks: list[Block] = []
    for i, para in enumerate(paras):
        kind = kinds[i] or ("quote" if _quoted(para.text) else "paragraph")
        text = para.text
        if kind == "footnote":
            text = text[len(labels[i]) :].strip()
        hint = "" if hints[i] == "heading" else hints[i]  # the kind says it now
        blocks.append(Block(kind, text, para.first, para.last, labels[i], hint))
    return blocks


def _fixed_kind(paras: list[Para], i: int, rules: Rules) -> tuple[BlockKind | None, str]:
    """Kinds the paragraph's own text decides: footnote, item, title/date/byline hints."""
    para = paras[i]
    label = footnote_label(para.text, rules)
    if label:
        return "footnote", label
    if para.hint in ("title", "heading"):  # a page's entry title, a Word or PDF heading
        return "heading", ""
    if para.hint in ("date", "byline"):
        return "paragraph", ""
    if para.item or rules.schedule.fullmatch(para.text):
        return "item", ""
    number = _number(paras, i, rules)
    if number and (
        _number(paras, i - 1, rules) == number - 1 or _number(paras, i + 1, rules) == number + 1
    ):
        return "item", str(number)
    return None, ""


def _number(paras: list[Para], i: int, rules: Rules) -> int:
    """The number of a numbered paragraph ("2. Listen." -> 2), 0 if it has none."""
    match = rules.numbered.fullmatch(paras[i].text) if 0 <= i < len(paras) else None
    return int(match.group("label")) if match else 0


#: A page of people's profiles has at least this many.
MIN_PROFILED = 2


def _text_follows(paras: list[Para], kinds: list[BlockKind | None], i: int) -> bool:
    """True if paragraph ``i`` is followed, in the same post, by text (not a heading)."""
    if i + 1 >= len(paras) or paras[i].ended:
        return False
    nxt = kinds[i + 1]
    if nxt is not None:
        return nxt in ("item", "reference", "quote", "footnote") or (
            nxt == "paragraph" and not paras[i + 1].hint
        )
    return not heading_like(paras[i + 1].text) or not paras[i + 1].alone


def _mark_headings(paras: list[Para], kinds: list[BlockKind | None]) -> None:
    """Mark runs of lone heading-shaped lines; the last of a run needs text after it."""
    i = 0
    while i < len(paras):
        if not _candidate(paras, kinds, i):
            i += 1
            continue
        j = i
        while j + 1 < len(paras) and not paras[j].ended and _candidate(paras, kinds, j + 1):
            j += 1
        for k in range(i, j + 1):
            if k < j or _text_follows(paras, kinds, k):
                kinds[k] = "heading"
        i = j + 1


def _candidate(paras: list[Para], kinds: list[BlockKind | None], i: int) -> bool:
    return kinds[i] is None and paras[i].alone and heading_like(paras[i].text)


def _quoted(text: str) -> bool:
    """A paragraph wholly inside double quotes (a full stop may follow the last one)."""
    core = text.rstrip(".,;")
    return (
        len(core) > 60
        and core[:1] in '“"'
        and core[-1:] in '”"'
        and "”" not in core[1:-1]
        and core.count('"') in (0, 2)
    )


def merge(first: Para, second: Para) -> Para:
    """Join a paragraph that a page break cut in two (a hyphen at the break is kept)."""
    glue = "" if first.text.endswith("-") and first.text[-2:-1].isalpha() else " "
    return replace(
        first, last=second.last, text=first.text + glue + second.text, ended=second.ended
    )


def mark_ended(paras: list[Para], ends: frozenset[int]) -> list[Para]:
    """Flag each paragraph that an end-of-post line follows (before the next one)."""
    marks = sorted(ends)
    out: list[Para] = []
    for i, para in enumerate(paras):
        stop = paras[i + 1].first if i + 1 < len(paras) else float("inf")
        ended = any(para.last < m < stop for m in marks)
        out.append(replace(para, ended=ended) if ended else para)
    return out
