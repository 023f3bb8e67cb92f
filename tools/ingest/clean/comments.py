"""Readers' comments copied with a post: not the post, and not posts of their own.

A blog or a social network prints each comment as its writer's name, maybe a time, the
comment, and an action row ("Reply", "Like · Reply · 1d"). The chrome rules drop the
action rows; what marks the rest as a comment is that shape: a line that is a person's
name (or, over the comment's date, a handle or a given name alone; or "Jo Bloggs says:",
``comment_writer``),
then at most ``MAX_COMMENT_LINES`` lines,
then an action row. Those lines are
chrome too, so a comment neither stays in the post nor starts a post of its own. An action
row next to an action only a post has ("Like" / "Comment" / "Share", "Quote" / "Like") is
a post's: an event's or a group's discussion, a forum's thread, is posts. Which rows are
actions is data (``rules/text.yaml``, ``comment_action`` and ``post_action``). Pure
functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..dates import written_date
from ..names import is_initialled_name, is_name_shaped, is_signature, is_vouched_name
from ..records import Block
from .blocks import Row, rows_on
from .frame import FRAME, POSTER_LINE
from .rules import Rules

__all__ = ["MAX_COMMENT_LINES", "drop_comments"]

#: A comment between its writer's name and its action row: a time and a few lines.
MAX_COMMENT_LINES = 5
#: A commenter's handle, one word ("kirkleesMHnurse", "jo_b"): a writer when a date is
#: under it.
_HANDLE = re.compile(r"[\w.-]{3,30}")


def drop_comments(
    rows: Sequence[Row], removed: Sequence[Block], rules: Rules
) -> tuple[list[Row], list[Block]]:
    """Blank every comment (writer, time, text) above a dropped action row."""
    said = {b.first: b.text.strip() for b in removed}
    said.update((row.number, row.text) for row in rows if row.text)
    actions = sorted(
        b.first
        for b in removed
        if rules.comment_action.fullmatch(b.text.strip())
        # a post's actions, in the row before or after this one
        and not any(rules.post_action.fullmatch(said.get(b.first + k, "")) for k in (-1, 1))
    )
    if not actions:
        return list(rows), []
    drop: set[int] = set()
    for at in rows_on(rows, actions):
        shown = [i for i in range(max(0, at - 2 * MAX_COMMENT_LINES), at) if rows[i].text]
        for k in range(len(shown) - 1, max(-1, len(shown) - 2 - MAX_COMMENT_LINES), -1):
            i = shown[k]
            # a social post's header (clean/dated.py joined it) heads a post in a thread,
            # which is no comment: nothing above it is this row's either
            if rows[i].hint or i in drop or POSTER_LINE.match(rows[i].text):
                break
            dated = k < len(shown) - 1 and written_date(rows[shown[k + 1]].text) is not None
            says = rules.comment_writer.fullmatch(rows[i].text)  # "Jo Bloggs says:"
            name = says["name"] if says else rows[i].text
            # over its date, a name the data does not know writes it too ("Dev Mistry")
            writer = is_vouched_name(name) or (
                dated
                and (
                    _HANDLE.fullmatch(name) is not None
                    or is_name_shaped(name)
                    or is_initialled_name(name)  # "J. Marsh"
                    or is_signature(name)  # a given name alone: "Jo"
                )
            )
            if writer and k < len(shown) - 1:
                drop.update(shown[k:])
                break
    if not drop:
        return list(rows), []
    kept = [replace(row, text="") if i in drop else row for i, row in enumerate(rows)]
    dropped = [
        Block("paragraph", rows[i].text, rows[i].number, rows[i].number, FRAME)
        for i in sorted(drop)
    ]
    return kept, dropped
