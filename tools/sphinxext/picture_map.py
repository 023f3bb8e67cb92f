"""The map of the collection: people, seminars and concepts as a network, from the catalog.

A layered drawing rather than a force layout, so the same catalog always gives the same
picture and a reader can follow a line: people on the left, the seminars in the middle
in date order (with any document not tied to a seminar after them, since it is what
links its people and concepts to the rest), concepts on the right. A person is joined to
a seminar they spoke at or that a document naming them is about; a concept to the
seminars its documents are about. Each side is ordered by the mean position of its
links (the barycentre heuristic), which keeps lines short and crossings few.
Every node links to its page; ``kb-pictures.js`` highlights a node's lines on hover.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from tools.ingest import pages

from .picture_timeline import seminar_title, show_date, wrap
from .svg import El, el

WIDTH: Final = 880
ROW: Final = 24  #: vertical distance between two people or two concepts
TOP: Final = 56
LEFT_X: Final = 198.0  #: people's dots; names end just left of them
MID: Final = (300.0, 520.0)  #: the middle column's boxes
RIGHT_X: Final = 632.0  #: concepts' dots; terms start just right of them
BOX: Final = 40.0
LABEL_CHARS: Final = 24
NAME_CHARS: Final = 30  #: longer names and terms are cut (the tooltip has them whole)


def _middle(catalog: Mapping[str, Any]) -> list[tuple[str, str, str, str]]:
    """The middle nodes: ``(key, docname, first line, second line)``, seminars first."""
    nodes = []
    for s in sorted(catalog.get("seminars", []), key=lambda s: int(s["number"])):
        number = int(s["number"])
        nodes.append(
            (
                f"seminar:{number}",
                pages.docname(pages.page_path("seminar", number)),
                f"Seminar {number} · {show_date(s.get('date'))}",
                wrap(seminar_title(s), LABEL_CHARS + 6, 1)[0],
            )
        )
    loose = [d for d in catalog.get("documents", []) if d.get("seminar") is None]
    for d in sorted(loose, key=lambda d: (str(d.get("date") or "9999"), d["id"])):
        page = d.get("page") or pages.page_path("document", d["id"])
        nodes.append(
            (
                f"document:{d['id']}",
                pages.docname(page),
                wrap(str(d["title"]), LABEL_CHARS + 6, 1)[0],
                f"{d['kind']} · no seminar",
            )
        )
    return nodes


def edges(catalog: Mapping[str, Any]) -> dict[tuple[str, str], int]:
    """``(person or concept key, middle key) -> number of documents (or talks) joining them``."""
    weight: dict[tuple[str, str], int] = defaultdict(int)
    for d in catalog.get("documents", []):
        middle = (
            f"seminar:{d['seminar']}" if d.get("seminar") is not None else f"document:{d['id']}"
        )
        for person in sorted({*d.get("authors", []), *d.get("people", [])}):
            weight[(f"person:{person}", middle)] += 1
        for concept in sorted(set(d.get("concepts", []))):
            weight[(f"concept:{concept}", middle)] += 1
    for s in catalog.get("seminars", []):
        for person in sorted(set(s.get("speakers", []))):
            weight[(f"person:{person}", f"seminar:{s['number']}")] += 1
    return dict(weight)


def _order(keys: list[str], links: dict[str, list[float]], label: dict[str, str]) -> list[str]:
    """Side nodes by the mean y of their links (unlinked ones last), then by label."""

    def mean(key: str) -> float:
        ys = links.get(key, [])
        return sum(ys) / len(ys) if ys else float("inf")

    return sorted(keys, key=lambda k: (mean(k), label[k].casefold(), k))


def _side(key: str, name: str, tip: str, x: float, y: float, right: bool, docs: int) -> El:
    kind = key.split(":", 1)[0]
    return el(
        "a",
        el("title", tip),
        el("circle", cx=x, cy=y, r=min(4.0 + docs, 9.0), class_=f"kb-dot kb-dot-{kind}"),
        el(
            "text",
            wrap(name, NAME_CHARS, 1)[0],
            x=x + (10 if right else -10),
            y=y + 4,
            text_anchor="start" if right else "end",
            class_="kb-m-label",
        ),
        link=pages.docname(pages.page_path("concept" if right else "person", key.split(":")[1])),
        class_=f"kb-node kb-node-{kind}",
        data_kb_node=key,
    )


def _id(entry: Mapping[str, Any]) -> str:
    return str(entry["id"])


@dataclass(frozen=True)
class Layout:
    """Where everything of the map stands: the three columns and the links between them."""

    people: dict[str, Mapping[str, Any]]  # "person:<id>" -> catalog entry, by id
    concepts: dict[str, Mapping[str, Any]]  # "concept:<id>" -> catalog entry, by id
    middle: list[tuple[str, str, str, str]]  # (key, page, first line, second line)
    weight: dict[tuple[str, str], int]  # (person or concept, middle key) -> documents
    height: float
    mid_y: dict[str, float]  # middle key -> y
    y_of: dict[str, float]  # person or concept key -> y


def map_layout(catalog: Mapping[str, Any]) -> Layout:
    """Place the people (left), the seminars and sources (middle) and the concepts (right);
    each side is ordered so that its links cross as little as they can."""
    people = {f"person:{p['id']}": p for p in sorted(catalog.get("people", []), key=_id)}
    concepts = {f"concept:{c['id']}": c for c in sorted(catalog.get("concepts", []), key=_id)}
    label = {k: str(p["name"]) for k, p in people.items()}
    label |= {k: str(c["term"]) for k, c in concepts.items()}
    middle = _middle(catalog)
    weight = {k: w for k, w in edges(catalog).items() if k[0] in label}
    height = TOP + max(len(people), len(concepts), 2 * len(middle), 1) * ROW + 20
    step = (height - TOP - 20) / max(len(middle), 1)
    mid_y = {key: TOP + step * (i + 0.5) for i, (key, *_) in enumerate(middle)}
    links: dict[str, list[float]] = defaultdict(list)
    for (side, mid), _ in sorted(weight.items()):
        if mid in mid_y:
            links[side].append(mid_y[mid])
    y_of: dict[str, float] = {}
    for keys in (list(people), list(concepts)):
        for i, key in enumerate(_order(keys, links, label)):
            y_of[key] = TOP + ROW * (i + 0.5)
    return Layout(people, concepts, middle, weight, height, mid_y, y_of)


def _edge_paths(layout: Layout) -> list[El]:
    """One curve per link between a person or concept and a seminar or source."""
    lines = []
    for (side, mid), count in sorted(layout.weight.items()):
        if mid not in layout.mid_y:
            continue
        right = side.startswith("concept:")
        x1, y1 = (RIGHT_X if right else LEFT_X), layout.y_of[side]
        x2, y2 = (MID[1] if right else MID[0]), layout.mid_y[mid]
        bend = (x1 + x2) / 2
        lines.append(
            el(
                "path",
                d=f"M{x1:.1f} {y1:.1f}C{bend:.1f} {y1:.1f} {bend:.1f} {y2:.1f} {x2:.1f} {y2:.1f}",
                class_="kb-edge",
                stroke_width=min(1 + count, 4),
                data_kb_from=side,
                data_kb_to=mid,
            )
        )
    return lines


def _side_nodes(layout: Layout) -> list[El]:
    """The people on the left and the concepts on the right, each with its tooltip."""
    nodes: list[El] = []
    for key, person in layout.people.items():
        role = str(person.get("affiliation") or "")
        n = len(person.get("documents", []))
        documents = f"{n} document{'' if n == 1 else 's'}"
        tip = f"{person['name']}{' - ' + role if role else ''} ({documents})"
        nodes.append(_side(key, str(person["name"]), tip, LEFT_X, layout.y_of[key], False, n))
    for key, concept in layout.concepts.items():
        n = len(concept.get("documents", []))
        tip = f"{concept['term']}: {concept.get('definition') or ''}".rstrip(": ")
        nodes.append(_side(key, str(concept["term"]), tip, RIGHT_X, layout.y_of[key], True, n))
    return nodes


def _middle_node(key: str, doc: str, first: str, second: str, y: float) -> El:
    """A seminar or source in the middle column: a box with two lines, linked to its page."""
    centre = (MID[0] + MID[1]) / 2
    return el(
        "a",
        el("title", f"{first}: {second}"),
        el(
            "rect",
            x=MID[0],
            y=y - BOX / 2,
            width=MID[1] - MID[0],
            height=BOX,
            rx=6,
            class_=f"kb-box kb-box-{key.split(':')[0]}",
        ),
        el("text", first, x=centre, y=y - 4, text_anchor="middle", class_="kb-m-head"),
        el("text", second, x=centre, y=y + 12, text_anchor="middle", class_="kb-m-small"),
        link=doc,
        class_=f"kb-node kb-node-{key.split(':')[0]}",
        data_kb_node=key,
    )


def _column_heads() -> list[El]:
    return [
        el("text", text, x=x, y=24, text_anchor=anchor, class_="kb-m-column")
        for text, x, anchor in (
            ("People", LEFT_X, "end"),
            ("Seminars and other sources", sum(MID) / 2, "middle"),
            ("Concepts", RIGHT_X, "start"),
        )
    ]


def collection_map(catalog: Mapping[str, Any]) -> El:
    """The whole map picture of the catalog."""
    layout = map_layout(catalog)
    nodes = _side_nodes(layout)
    nodes += [_middle_node(*entry, layout.mid_y[entry[0]]) for entry in layout.middle]
    return el(
        "svg",
        el("title", "Map of the collection"),
        *_column_heads(),
        el("g", *_edge_paths(layout), class_="kb-edges"),
        el("g", *nodes, class_="kb-nodes"),
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {layout.height:.0f}",
        role="group",
        aria_label=(
            f"Map of the collection: {len(layout.people)} people, {len(layout.middle)} "
            f"seminars and sources, {len(layout.concepts)} concepts; each links to its page"
        ),
        class_="kb-map",
    )
