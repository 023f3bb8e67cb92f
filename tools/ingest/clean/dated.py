"""A date printed above a post's title, as journals and older blog platforms print it.

LiveJournal, TypePad and Blogger put each entry's date on a line of its own *above* its
title ("Jun. 29th, 2016" / "open dialogue day"). The date belongs to the post below it, and
the title starts the post, so the clean stage swaps the two lines and hints the date
``date``: the split stage then reads a title with its dateline under it, the way most
pages print them. Pure functions over rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..dates import written_date
from .blocks import Row
from .frame import PROSE_WORDS

__all__ = ["MAX_DATE_WORDS", "date_above_title"]

#: A line that is only a date is short: "Jun. 29th, 2016", "Tuesday 4 July 2017".
MAX_DATE_WORDS = 5


def _date_only(row: Row) -> bool:
    return (
        not row.hint
        and 0 < len(row.text.split()) <= MAX_DATE_WORDS
        and written_date(row.text) is not None
    )


def date_above_title(rows: Sequence[Row]) -> list[Row]:
    """Rows with each date line that stands right above a short line (its title) moved
    under it and hinted ``date``; blank lines before the date are kept in place."""
    out = list(rows)
    i = 0
    while i + 1 < len(out):
        row, under = out[i], out[i + 1]
        if (
            _date_only(row)
            and (i == 0 or not out[i - 1].text)
            and under.text
            and not under.hint
            and len(under.text.split()) < PROSE_WORDS
            and written_date(under.text) is None
        ):
            # The lines keep their numbers: the title now comes first, the date under it.
            out[i], out[i + 1] = under, replace(row, hint="date")
            i += 2
            continue
        i += 1
    return out
