"""The pictures as text: what the timeline and the map show, as lists a screen reader reads.

A picture of a network says little to someone who cannot see it, however well each node
is labelled: reading a hundred links one by one does not tell which go together. So each
picture comes with a text equivalent, made from the same layout (:func:`map_text` reads
the map's nodes and lines from :mod:`.picture_map`, :func:`timeline_text` the timeline's
rows from :mod:`.picture_timeline`), which :mod:`.pictures` writes under the picture as
a section of lists, each item a link to the same page as its node:

* the map: the people, the seminars and other sources, and the concepts, each person and
  concept with the seminars and sources its lines join it to, each seminar or source with
  how many people and concepts are joined to it;
* the timeline: the seminars in order, each with its date, title, venue and the three
  counts its bars show.

Pure functions: a catalog in, :class:`TextGroup` records out. The lists are sorted by
name (people, concepts) or number (seminars), not by where the picture puts them, so a
reader can find an entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tools.ingest import pages

from .picture_map import map_layout
from .picture_timeline import COUNTS, parse_date, seminar_title, show_date


@dataclass(frozen=True)
class TextItem:
    """One node of a picture as a list item: a link to its page, and what else it shows."""

    link: str  #: the Sphinx document the node links to
    label: str  #: the link's text
    detail: str  #: what the picture shows of it besides its name ("" for nothing)


@dataclass(frozen=True)
class TextGroup:
    """A list of items under a heading (the heading is "" for a list without one)."""

    heading: str
    items: tuple[TextItem, ...]


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def map_text(catalog: Mapping[str, Any]) -> tuple[TextGroup, ...]:
    """The map's three columns as lists, each node with the nodes its lines reach."""
    layout = map_layout(catalog)
    order = {key: i for i, (key, *_) in enumerate(layout.middle)}
    full, short = _middle_labels(catalog)
    reached: defaultdict[str, list[str]] = defaultdict(list)
    lines = [(side, middle) for side, middle in layout.weight if middle in order]
    for side, middle in sorted(lines, key=lambda pair: (pair[0], order[pair[1]])):
        reached[side].append(middle)
        reached[middle].append(side)

    def joined(key: str) -> str:
        return ", ".join(short[m] for m in reached[key]) or "no seminar or source yet"

    people = sorted(layout.people.items(), key=lambda kv: (str(kv[1]["name"]).casefold(), kv[0]))
    concepts = sorted(
        layout.concepts.items(), key=lambda kv: (str(kv[1]["term"]).casefold(), kv[0])
    )
    middle_items = []
    for key, doc, *_ in layout.middle:
        kinds = [k.split(":")[0] for k in reached[key]]
        people_count = _count(kinds.count("person"), "person", "people")
        counts = f"{people_count}, {_count(kinds.count('concept'), 'concept', 'concepts')}"
        middle_items.append(TextItem(doc, full[key], counts))
    return (
        TextGroup(
            f"People ({len(people)})",
            tuple(TextItem(_page("person", key), str(p["name"]), joined(key)) for key, p in people),
        ),
        TextGroup(f"Seminars and other sources ({len(middle_items)})", tuple(middle_items)),
        TextGroup(
            f"Concepts ({len(concepts)})",
            tuple(
                TextItem(_page("concept", key), str(c["term"]), joined(key)) for key, c in concepts
            ),
        ),
    )


def _middle_labels(catalog: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """The seminars' and loose documents' labels, whole (the picture cuts them to fit), and
    short, as a person's or concept's list names them."""
    full: dict[str, str] = {}
    short: dict[str, str] = {}
    for s in catalog.get("seminars", []):
        key, number = f"seminar:{int(s['number'])}", int(s["number"])
        full[key] = f"Seminar {number} · {show_date(s.get('date'))}: {seminar_title(s)}"
        short[key] = f"Seminar {number}"
    for d in catalog.get("documents", []):
        key = f"document:{d['id']}"
        full[key] = f"{d['title']} ({d['kind']}, no seminar)"
        short[key] = str(d["title"])
    return full, short


def _page(kind: pages.PageKind, key: str) -> str:
    return pages.docname(pages.page_path(kind, key.split(":", 1)[1]))


def map_summary(groups: tuple[TextGroup, ...]) -> str:
    """One sentence on what the map's text equivalent lists (the picture's description)."""
    people, middle, concepts = (len(group.items) for group in groups)
    return (
        f"The same {people} people, {middle} seminars and other sources and {concepts} "
        "concepts as the map, as lists: each person and concept with the seminars and "
        "sources its lines join it to."
    )


def timeline_text(catalog: Mapping[str, Any]) -> tuple[TextGroup, ...]:
    """The timeline's seminars in order, each with its date, title, venue and counts."""
    items = []
    for seminar in sorted(catalog.get("seminars", []), key=lambda s: int(s["number"])):
        number = int(seminar["number"])
        date = show_date(seminar.get("date"))
        counts = ", ".join(
            _count(len(seminar.get(key, [])), label.removesuffix("s"), label)
            for key, label in COUNTS
        )
        venue = str(seminar.get("venue") or "venue not known")
        undated = "" if parse_date(seminar.get("date")) else " (placed between its neighbours)"
        items.append(
            TextItem(
                pages.docname(pages.page_path("seminar", number)),
                f"Seminar {number} · {date}{undated}: {seminar_title(seminar)}",
                f"{venue}; {counts}",
            )
        )
    return (TextGroup("", tuple(items)),)


def timeline_summary(groups: tuple[TextGroup, ...]) -> str:
    """One sentence on what the timeline's text equivalent lists."""
    count = sum(len(group.items) for group in groups)
    return (
        f"The same {count} seminars as the timeline, as a list in number order: each with its "
        "date, title, venue, and how many documents, speakers and talks the bars show."
    )
