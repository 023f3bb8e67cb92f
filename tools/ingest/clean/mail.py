"""Messages saved from a mailing list: a digest, or a list archive's page, as text.

Each message opens with a run of header lines ("Date: ...", "From: Name <address>",
"Subject: ..."), in whatever order the archive prints them. They are the message's title,
author and date, as an HTML page marks its entry title, byline and date, and the clean stage
gives them the same hints: the subject becomes the title line (``hint="title"``, which
starts a post), the sender's name a ``byline`` line under it, the date a ``date`` line;
other headers ("To:", "Cc:") are dropped as chrome. Which header says what is data
(``rules/text.yaml``, ``mail_headers``).

A forwarded or replied-to message quotes the one before it, each line after a ">"
(:func:`unquote`): the marks go, so the quoted post reads as the post it is. A message
that forwards the next one whole ("Subject: FW: ...", a covering note, then the forwarded
message's own header) is only its wrapper, dropped as chrome. Pure functions over rows.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from ..records import Block, Hint
from .blocks import Row
from .frame import FRAME
from .rules import Rules

__all__ = ["MIN_HEADERS", "MIN_QUOTED", "mail_headers", "unquote"]

#: A message's header is a run of at least this many header lines, one of them its subject.
MIN_HEADERS = 2
_KEY = r"(?P<key>[A-Za-z][A-Za-z/ -]{0,24}):"
_HEADER = re.compile(rf"{_KEY}\s+(?P<value>\S.*)")
_ADDRESS = re.compile(r"\s*(<[^>]*>|\[[^\]]*\]|\([^)]*\))\s*")


#: A quotation is a run of at least this many lines, each after a ">" (one such line may
#: be a sum's "> 50").
MIN_QUOTED = 3


def unquote(rows: Sequence[Row]) -> list[Row]:
    """The rows with the ">" marks of a message's quotation taken off: in a run of
    :data:`MIN_QUOTED` lines or more that each start with one ("> Tom Ashworth posted:",
    ">", "> The sixth seminar ..."), a line of a mark alone becomes blank. Nested marks
    (">> ") go too. Each line keeps its number."""
    out = list(rows)
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and rows[j].text.startswith(">") and not rows[j].hint:
            j += 1
        if j - i >= MIN_QUOTED:
            for k in range(i, j):
                out[k] = replace(rows[k], text=rows[k].text.lstrip("> ").strip())
        i = max(j, i + 1)
    return out


#: A subject that says its message forwards another: "FW: ...", "Fwd: ...".
_FORWARD = re.compile(r"(?i)fwd?\s*:")


def mail_headers(rows: Sequence[Row], rules: Rules) -> tuple[list[Row], list[Block]]:
    """Rows with each message header turned into title, byline and date lines (see the
    module doc), and the header lines dropped.

    A message that forwards the next one ("Subject: FW: ..." over a covering note, then
    the forwarded message's own header) is its wrapper: its header and note go as chrome,
    and the forwarded message is the post."""
    out = _joined_labels(rows, rules)
    removed: list[Block] = []
    runs: list[list[int]] = []
    i = 0
    while i < len(out):
        if run := _header_run(out, i, rules):
            runs.append(run)
        i = run[-1] + 1 if run else i + 1
    for run, after in itertools.pairwise(runs):
        if any(_forwards(out[j], rules) for j in run):
            for k in range(run[0], after[0]):
                if out[k].text:
                    removed.append(
                        Block("paragraph", out[k].text, out[k].number, out[k].number, FRAME)
                    )
                    out[k] = replace(out[k], text="")
    for run in runs:
        if not out[run[0]].text:
            continue  # a forwarding message's header, gone with its note
        hinted: dict[Hint, Row] = {}
        # Each hint from the header that says it best: "Subject" over an archive's "Topic"
        # (the order of ``mail_headers``), then the first.
        order = list(rules.mail_headers)
        ranked = sorted(run, key=lambda j: order.index(_field(out[j])[0]))
        for j in ranked:
            key, value = _field(out[j])
            hint = rules.mail_headers.get(key)
            if hint == "byline":
                value = _ADDRESS.sub(" ", value).strip().strip("\"'")
            if hint and value and hint not in hinted:
                hinted[hint] = replace(out[j], text=value, hint=hint)
            else:
                removed.append(Block("paragraph", out[j].text, out[j].number, out[j].number, FRAME))
        # Title first (it starts the post), then who sent it and when, in the header's place.
        ordered = [hinted[h] for h in ("title", "byline", "date") if h in hinted]
        blanks = [replace(out[j], text="") for j in run][len(ordered) :]
        out[run[0] : run[-1] + 1] = [*ordered, *blanks]
    return out, removed


#: A header's name alone on its line, its value on the next ("Subject:" / "ESRC seminar 5").
_LABEL = re.compile(_KEY)


def _joined_labels(rows: Sequence[Row], rules: Rules) -> list[Row]:
    """Rows with a header printed a name to a line and its value under it, as a list
    archive's page prints them in a table ("Subject:" / "ESRC seminar 5 ..." / "From:" /
    "Hannah Example <...>"), joined into header lines ("Subject: ESRC seminar 5 ...") on the
    value's line; the name's line goes blank. Only a run of :data:`MIN_HEADERS` such pairs
    or more, one of them the subject, is a header."""
    out = list(rows)
    i = 0
    while i < len(rows):
        pairs: list[int] = []
        j = i
        while j + 1 < len(rows) and _label_over_value(rows, j, rules):
            pairs.append(j)
            j += 2
        keys = {rules.mail_headers.get(_label_key(rows[k])) for k in pairs}
        if len(pairs) >= MIN_HEADERS and "title" in keys:
            for k in pairs:  # on the value's line, where its words are
                out[k] = replace(rows[k], text="")
                out[k + 1] = replace(rows[k + 1], text=f"{rows[k].text} {rows[k + 1].text.strip()}")
        i = max(j, i + 1)
    return out


def _label_over_value(rows: Sequence[Row], at: int, rules: Rules) -> bool:
    """Whether ``rows[at]`` is a header's name alone with its value on the next line."""
    value = rows[at + 1].text
    return (
        _label_key(rows[at]) in rules.mail_headers
        and bool(value.strip())
        and _LABEL.fullmatch(value) is None
        and not rows[at].hint
    )


def _label_key(row: Row) -> str:
    """The header's name of a line that is only a name and a colon, else ""."""
    label = _LABEL.fullmatch(row.text)
    return _key(label["key"]) if label is not None else ""


def _forwards(row: Row, rules: Rules) -> bool:
    """Whether a header line is a subject that forwards a message ("Subject: FW: ...")."""
    key, value = _field(row)
    return rules.mail_headers.get(key) == "title" and _FORWARD.match(value) is not None


def _header_run(rows: Sequence[Row], start: int, rules: Rules) -> list[int]:
    """The indexes of the header lines from ``start`` on, if they make a message's header."""
    run: list[int] = []
    keys: set[str] = set()
    for j in range(start, len(rows)):
        if not rows[j].text and run:
            continue  # a saved page's table puts a blank line between its rows
        match = _HEADER.fullmatch(rows[j].text) if not rows[j].hint else None
        if match is None or _key(match["key"]) not in rules.mail_headers:
            break
        run.append(j)
        keys.add(rules.mail_headers[_key(match["key"])] or "")
    return run if len(run) >= MIN_HEADERS and "title" in keys else []


def _field(row: Row) -> tuple[str, str]:
    """A header line's name (as :func:`_key` spells it) and value."""
    match = _HEADER.fullmatch(row.text)
    assert match is not None
    return _key(match["key"]), match["value"].strip()


def _key(label: str) -> str:
    """A header's name as ``mail_headers`` spells it: "Reply To" is "reply-to"."""
    return "-".join(label.casefold().split())
