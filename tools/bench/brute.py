"""De-duplication's candidate search against the reference it replaces: every pair.

:mod:`tools.ingest.dedupe` finds candidate pairs (equal text, MinHash LSH neighbours, a
shared opening) and verifies only those. Checking every pair with the same verify
function finds every match there is, so it says whether the candidate search misses
any, and how much time it saves. The functions it uses are the stage's own
(``_text``, ``_candidates``, ``_verify``): a reference built on a copy of them could
drift from what the pipeline does.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from itertools import combinations

from tools.ingest import dedupe
from tools.ingest.records import Post


def _groups(count: int, pairs: Sequence[tuple[int, int]]) -> set[frozenset[int]]:
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[max(root(i), root(j))] = min(root(i), root(j))
    members: dict[int, set[int]] = {}
    for i in range(count):
        members.setdefault(root(i), set()).add(i)
    return {frozenset(g) for g in members.values() if len(g) > 1}


def compare(posts: Sequence[Post]) -> dict[str, object]:
    """Time and matches of the candidate search and of all pairs, on the same posts."""
    ordered = sorted(posts, key=lambda p: (p.source, p.first, p.last, p.title))
    # Hashing the posts (MinHash included) serves both searches: it is timed once, in one
    # process, and counted in both.
    start = time.perf_counter()
    texts = [dedupe._text(p) for p in ordered]
    text_seconds = time.perf_counter() - start

    start = time.perf_counter()
    candidates = dedupe._candidates(texts)
    found = [(i, j) for i, j in candidates if dedupe._verify(ordered, texts, i, j)]
    lsh_seconds = text_seconds + time.perf_counter() - start

    start = time.perf_counter()
    every = combinations(range(len(ordered)), 2)
    reference = [(i, j) for i, j in every if dedupe._verify(ordered, texts, i, j)]
    brute_seconds = text_seconds + time.perf_counter() - start

    missed = sorted(set(reference) - set(found))
    return {
        "posts": len(ordered),
        "candidates": len(candidates),
        "all_pairs": len(ordered) * (len(ordered) - 1) // 2,
        "matches": len(found),
        "reference_matches": len(reference),
        "missed_pairs": len(missed),
        "same": _groups(len(ordered), found) == _groups(len(ordered), reference),
        "lsh_seconds": lsh_seconds,
        "brute_seconds": brute_seconds,
        "speedup": brute_seconds / lsh_seconds if lsh_seconds else None,
        "missed_examples": [
            [ordered[i].source, ordered[i].first, ordered[j].source, ordered[j].first]
            for i, j in missed[:5]
        ],
    }
