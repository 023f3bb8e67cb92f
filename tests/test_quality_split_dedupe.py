"""Quality gate of the split and dedupe stages against a hand annotation.

Runs load -> clean -> split -> dedupe on a sources tree and compares the posts and the
merged copies with posts read by eye (``tests/annotations/posts.yaml`` for the seeds in
``sources/``, ``tests/fixtures/split/variants/posts.yaml`` for unseen-style variants).

How posts are matched: a predicted post matches an annotated post of the same source
when both start on the same line, or when the lines they share are at least 90% of each
(so a post one trailing line off still matches, but two posts merged into one, or a post
cut in two, do not). Matching is one-to-one, in source order.

* boundary precision = matched predicted posts / predicted posts;
  boundary recall = matched annotated posts / annotated posts;
* title and byline accuracy = matched posts whose title (bylines) equal the annotation;
* duplicate pairs: every pair of origins of one Document, each origin named by the
  annotated post it matches (or by its own lines when it matches none), against every
  pair within an annotated duplicate group: precision and recall of those pairs.

The floors are what the rules achieve now; a change that lowers any number fails.
Run ``python -m pytest tests/test_quality_split_dedupe.py -q -s`` to see the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.ingest import dedupe, pipeline
from tools.ingest.records import Document, Post
from tools.quality.blind import ratio, same_lines

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "seeds": (ROOT / "sources", ROOT / "tests" / "annotations" / "posts.yaml"),
    "variants": (
        ROOT / "tests" / "fixtures" / "split" / "variants",
        ROOT / "tests" / "fixtures" / "split" / "variants" / "posts.yaml",
    ),
}
METRICS = (
    "boundary_precision",
    "boundary_recall",
    "title_accuracy",
    "byline_accuracy",
    "duplicate_precision",
    "duplicate_recall",
)
FLOORS = {
    "seeds": dict.fromkeys(METRICS, 1.0),
    "variants": dict.fromkeys(METRICS, 1.0),
}


@dataclass(frozen=True)
class Annotated:
    key: str
    source: str
    first: int
    last: int
    title: str | None
    bylines: tuple[str, ...]


def read_annotation(path: Path) -> tuple[list[Annotated], list[list[str]]]:
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    posts = [
        Annotated(p["key"], source, p["first"], p["last"], p["title"], tuple(p["bylines"]))
        for source, entries in data["sources"].items()
        for p in entries
    ]
    return posts, data["duplicates"]


def run_chain(root: Path) -> tuple[tuple[Post, ...], tuple[Document, ...]]:
    made = pipeline.stages(pipeline.Options(sources=root), "dedupe")
    assert made.posts is not None
    assert made.deduped is not None
    return made.posts, made.deduped.documents


def same_post(post: Post, want: Annotated) -> bool:
    """Same start line, or lines shared are at least 90% of each range (see module doc)."""
    return post.source == want.source and same_lines(post, want.first, want.last)


def match(posts: Sequence[Post], annotated: Sequence[Annotated]) -> dict[int, Annotated]:
    """Predicted post index -> the annotated post it matches (one-to-one, in order)."""
    found: dict[int, Annotated] = {}
    for want in annotated:
        hit = next((i for i, p in enumerate(posts) if i not in found and same_post(p, want)), None)
        if hit is not None:
            found[hit] = want
    return found


Chain = tuple[tuple[Post, ...], tuple[Document, ...]]


@pytest.fixture(scope="module")
def chains() -> dict[str, Chain]:
    """The posts and documents of every set, computed once for the module."""
    return {name: run_chain(root) for name, (root, _) in SETS.items()}


def measure(name: str, chain: Chain) -> dict[str, float]:
    """The metrics of the module docstring, for one set of sources."""
    annotated, groups = read_annotation(SETS[name][1])
    posts, documents = chain
    matched = match(posts, annotated)
    by_origin = {(p.source, (p.first, p.last)): matched.get(i) for i, p in enumerate(posts)}

    def key(source: str, lines: tuple[int, int]) -> str:
        hit = by_origin.get((source, lines))
        return hit.key if hit else f"{source}:{lines[0]}-{lines[1]}"

    predicted = {
        frozenset((key(a.source, a.lines), key(b.source, b.lines)))
        for d in documents
        for a, b in combinations(d.origins, 2)
    }
    wanted = {frozenset(pair) for group in groups for pair in combinations(group, 2)}
    titled = [(posts[i], want) for i, want in matched.items()]
    return {
        "boundary_precision": ratio(len(matched), len(posts)),
        "boundary_recall": ratio(len(matched), len(annotated)),
        "title_accuracy": ratio(
            sum(
                w.title in (None, p.title) and (w.title is not None or p.title_derived)
                for p, w in titled
            ),
            len(titled),
        ),
        "byline_accuracy": ratio(sum(p.bylines == w.bylines for p, w in titled), len(titled)),
        "duplicate_precision": ratio(len(predicted & wanted), len(predicted)),
        "duplicate_recall": ratio(len(predicted & wanted), len(wanted)),
    }


@pytest.mark.parametrize("name", sorted(SETS))
def test_split_and_dedupe_quality(name: str, chains: dict[str, Chain]) -> None:
    scores = measure(name, chains[name])
    print(f"\n{name}: " + ", ".join(f"{m} {scores[m]:.3f}" for m in METRICS))
    worse = {
        m: (round(scores[m], 3), FLOORS[name][m]) for m in METRICS if scores[m] < FLOORS[name][m]
    }
    assert not worse, f"{name}: below the floor (got, floor): {worse}"


def test_dedupe_thresholds_have_a_margin(chains: dict[str, Chain]) -> None:
    """Copies score well above dedupe's thresholds, different posts well below.

    Over every pair of annotated posts of all sets: the lowest score of a pair of copies
    (its Jaccard, or its containment for an excerpt) and the highest Jaccard and
    containment of a pair of different posts. The thresholds sit in the gaps.
    """
    copies: list[float] = []
    jaccards: list[float] = []
    containments: list[float] = []
    for name in sorted(SETS):
        annotated, groups = read_annotation(SETS[name][1])
        posts, _ = chains[name]
        group = {key: n for n, keys in enumerate(groups) for key in keys}
        found = sorted((i, want.key) for i, want in match(posts, annotated).items())
        for (i, a), (j, b) in combinations(found, 2):
            score = dedupe.similarity(posts[i], posts[j])
            if a in group and group[a] == group.get(b):
                copies.append(max(score.jaccard, score.containment))
            else:
                jaccards.append(score.jaccard)
                containments.append(score.containment)
    print(
        f"\n{len(copies)} pairs of copies: lowest score {min(copies):.3f}; "
        f"{len(jaccards)} pairs of different posts: highest Jaccard {max(jaccards):.3f}, "
        f"highest containment {max(containments):.3f}"
    )
    assert min(copies) >= max(dedupe.NEAR, dedupe.EXCERPT) + 0.05
    assert max(jaccards) <= dedupe.NEAR - 0.2
    assert max(containments) <= dedupe.EXCERPT - 0.2


def test_annotation_is_consistent() -> None:
    """Every duplicate names annotated posts, and a post's range is well formed."""
    for name in SETS:
        annotated, groups = read_annotation(SETS[name][1])
        keys = [a.key for a in annotated]
        assert len(keys) == len(set(keys)), name
        assert {k for g in groups for k in g} <= set(keys), name
        assert all(1 <= a.first <= a.last for a in annotated), name
