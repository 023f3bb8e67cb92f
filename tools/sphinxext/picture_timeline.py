"""The timeline of the seminars, laid out from the catalog as an :class:`~.svg.El` tree.

Two parts, both links to the seminar pages: a strip with the seminars on a time axis (so
the gaps between them show), and one row per seminar with its date, title, venue and
three bars: how many documents, speakers and talks the collection holds for it. A
seminar whose date no source gives sits half way between its neighbours, drawn hollow.

The picture is narrow (440 units) so that it stays readable on a phone; the page's
stylesheet (``kb-site.css``) gives the classes their fonts and colours.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any, Final

from tools.ingest import pages

from .svg import El, el

WIDTH: Final = 440
AXIS: Final = (40.0, 420.0)  #: x of the time strip's ends
STRIP: Final = 78  #: height of the time strip
LINE: Final = 18  #: height of a line of text in a row
BAR: Final = 16  #: height of a bar's row
BAR_X: Final = 150.0
BAR_MAX: Final = 200.0
TITLE_CHARS: Final = 50
TITLE_LINES: Final = 3
COUNTS: Final = (("documents", "documents"), ("speakers", "speakers"), ("talks", "talks"))


def parse_date(value: object) -> dt.date | None:
    """A catalog date (``2016-10-28``, ``2016-10`` or ``2016``) as its first day, or None."""
    if not isinstance(value, str):
        return None
    parts = value.split("-")
    try:
        numbers = [int(part) for part in parts[:3]]
        return dt.date(numbers[0], *[*numbers[1:], 1, 1][:2])
    except (ValueError, IndexError):
        return None


def show_date(value: object) -> str:
    """``28 October 2016``, ``October 2016``, ``2016``, or ``date not known``."""
    day = parse_date(value)
    if day is None:
        return "date not known"
    precision = len(str(value).split("-"))
    return day.strftime({1: "%Y", 2: "%B %Y"}.get(precision, "%d %B %Y")).lstrip("0")


def seminar_title(seminar: Mapping[str, Any]) -> str:
    """The title a seminar is known by, or a note that no source gives one."""
    titles = [seminar.get("title"), *seminar.get("titles", [])]
    return next((str(t) for t in titles if t), "Title not known")


def wrap(text: str, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` characters, cut with an ellipsis."""
    out = textwrap.wrap(text, width) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def positions(seminars: Sequence[Mapping[str, Any]]) -> list[tuple[float, bool]]:
    """The x of each seminar on the strip and whether its date is known.

    Dated seminars sit at their day; one without a date half way between the nearest
    dated neighbours (by number), or at an end of the axis.
    """
    days = [parse_date(s.get("date")) for s in seminars]
    known = [d.toordinal() for d in days if d is not None]
    if not known:
        step = (AXIS[1] - AXIS[0]) / max(len(seminars) - 1, 1)
        return [(AXIS[0] + i * step, False) for i in range(len(seminars))]
    first, last = min(known) - 45, max(known) + 45
    scale = (AXIS[1] - AXIS[0]) / (last - first)
    xs: list[float | None] = [
        AXIS[0] + (d.toordinal() - first) * scale if d else None for d in days
    ]
    found: list[tuple[float, bool]] = []
    for i, x in enumerate(xs):
        if x is not None:
            found.append((x, True))
            continue
        before = next((v for v in reversed(xs[:i]) if v is not None), AXIS[0])
        after = next((v for v in xs[i + 1 :] if v is not None), AXIS[1])
        found.append(((before + after) / 2, False))
    return found


def _strip(seminars: Sequence[Mapping[str, Any]]) -> list[El]:
    """The time axis with a year mark each January and one dot per seminar."""
    items: list[El] = [el("line", x1=AXIS[0], y1=50, x2=AXIS[1], y2=50, class_="kb-axis")]
    days = [d for d in (parse_date(s.get("date")) for s in seminars) if d]
    if days:
        first, last = min(days).toordinal() - 45, max(days).toordinal() + 45
        scale = (AXIS[1] - AXIS[0]) / (last - first)
        for year in range(dt.date.fromordinal(first).year + 1, max(days).year + 2):
            x = AXIS[0] + (dt.date(year, 1, 1).toordinal() - first) * scale
            if AXIS[0] <= x <= AXIS[1]:
                items.append(el("line", x1=x, y1=44, x2=x, y2=56, class_="kb-tick"))
                items.append(
                    el("text", str(year), x=x, y=72, text_anchor="middle", class_="kb-t-muted")
                )
    previous = -100.0
    raised = False
    for seminar, (x, dated) in zip(seminars, positions(seminars), strict=True):
        raised = (not raised) if x - previous < 16 else False
        previous = x
        number = int(seminar["number"])
        items.append(
            el(
                "a",
                el("title", f"Seminar {number}: {show_date(seminar.get('date'))}"),
                el("circle", cx=x, cy=50, r=6, class_="kb-dot" if dated else "kb-dot kb-undated"),
                el(
                    "text",
                    str(number),
                    x=x,
                    y=22 if raised else 36,
                    text_anchor="middle",
                    class_="kb-t-head",
                ),
                link=pages.docname(pages.page_path("seminar", number)),
                class_="kb-seminar-mark",
            )
        )
    return items


def _row(seminar: Mapping[str, Any], top: float, most: int) -> tuple[El, float]:
    """One seminar's row from ``top``: the linked group and the row's height."""
    number = int(seminar["number"])
    date = show_date(seminar.get("date"))
    title = wrap(seminar_title(seminar), TITLE_CHARS, TITLE_LINES)
    venue = str(seminar.get("venue") or "venue not known")
    counts = [(label, len(seminar.get(key, []))) for key, label in COUNTS]
    summary = ", ".join(f"{n} {label}" for label, n in counts)
    y = top + 16
    parts: list[El] = [
        el("title", f"Seminar {number}, {date}, {venue}: {summary}"),
        el(
            "circle",
            cx=24,
            cy=y - 5,
            r=7,
            class_="kb-dot" if parse_date(seminar.get("date")) else "kb-dot kb-undated",
        ),
        el("text", f"Seminar {number} · {date}", x=44, y=y, class_="kb-t-head"),
    ]
    for line in title:
        y += LINE
        parts.append(el("text", line, x=44, y=y, class_="kb-t-title"))
    y += LINE
    parts.append(el("text", venue, x=44, y=y, class_="kb-t-muted"))
    for label, n in counts:
        y += BAR
        width = BAR_MAX * n / most if most else 0.0
        parts.append(el("text", label, x=44, y=y, class_="kb-t-muted"))
        if n:
            parts.append(
                el(
                    "rect",
                    x=BAR_X,
                    y=y - 10,
                    width=width,
                    height=10,
                    class_=f"kb-bar kb-bar-{label}",
                )
            )
        parts.append(el("text", str(n), x=BAR_X + width + 6, y=y, class_="kb-t-muted"))
    height = y - top + 22
    group = el(
        "a",
        *parts,
        link=pages.docname(pages.page_path("seminar", number)),
        class_="kb-seminar-row",
        data_kb_node=f"seminar:{number}",
    )
    return group, height


def timeline(catalog: Mapping[str, Any]) -> El:
    """The whole timeline picture of the catalog's seminars, in number order."""
    seminars = sorted(catalog.get("seminars", []), key=lambda s: int(s["number"]))
    most = max((len(s.get(key, [])) for s in seminars for key, _ in COUNTS), default=0)
    rows: list[El] = []
    top = float(STRIP + 14)
    for seminar in seminars:
        row, height = _row(seminar, top, most)
        rows.append(row)
        top += height
    spine = el("line", x1=24, y1=STRIP + 24, x2=24, y2=max(top - 40, STRIP + 24), class_="kb-axis")
    return el(
        "svg",
        el("title", f"Timeline of the {len(seminars)} seminars"),
        *_strip(seminars),
        spine,
        *rows,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {top:.0f}",
        role="group",
        aria_label=f"Timeline of the {len(seminars)} seminars: each links to its page",
        class_="kb-timeline",
    )
