"""Score splitting and de-duplication against the generator's truth file.

Pure functions over plain spans ``(file, first, last)``, so they do not depend on the
pipeline's record types and can be tested on hand-made cases.

Splitting: a predicted post is right when it starts on the true first line (the title,
or the first prose line of an untitled post) and ends between the true post's last
prose line and the line before the next post of the file: a post may keep or drop its
sign-off, the "Continue reading" link and the chrome after it, but it may not lose prose
or run into the next post. Precision is right predictions over predictions (from the
files the truth covers), recall is right predictions over true posts.

De-duplication: every origin of a document is placed in the true occurrence whose
lines contain its first line; the pairs of occurrences a document groups together are
compared with the pairs of occurrences of the same true post. Precision and recall over
pairs are 1.0 exactly when the grouping is the truth's (vacuously 1.0 when there is
nothing to find).
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

Span = tuple[str, int, int]  # (file relative to the sources folder, first, last)


@dataclass(frozen=True)
class TrueOccurrence:
    file: str
    first: int
    body_last: int
    last: int
    post: str


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    predicted: int
    expected: int
    correct: int


def read_truth(path: Path) -> tuple[TrueOccurrence, ...]:
    """The occurrences of a truth file written by :func:`.generate.write`, in file order."""
    data = json.loads(path.read_text(encoding="utf-8"))
    occurrences = (
        TrueOccurrence(o["file"], o["first"], o["body_last"], o["last"], o["post"])
        for o in data["occurrences"]
    )
    return tuple(sorted(occurrences, key=lambda o: (o.file, o.first)))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


class _Index:
    """Find the true occurrence a line belongs to: the last one starting at or before it."""

    def __init__(self, truth: Sequence[TrueOccurrence]) -> None:
        self.by_file: dict[str, list[TrueOccurrence]] = defaultdict(list)
        for occurrence in sorted(truth, key=lambda o: (o.file, o.first)):
            self.by_file[occurrence.file].append(occurrence)
        self.starts = {f: [o.first for o in occ] for f, occ in self.by_file.items()}

    def find(self, file: str, line: int) -> tuple[TrueOccurrence | None, float]:
        """The occurrence holding ``line`` and the first line of the next one (or inf)."""
        starts = self.starts.get(file, [])
        at = bisect.bisect_right(starts, line) - 1
        if at < 0:
            return None, float(starts[0]) if starts else float("inf")
        after = float(starts[at + 1]) if at + 1 < len(starts) else float("inf")
        return self.by_file[file][at], after


def split_score(truth: Sequence[TrueOccurrence], posts: Iterable[Span]) -> Score:
    """Precision and recall of the posts a splitter cut, against the true occurrences."""
    index = _Index(truth)
    predicted = [p for p in posts if p[0] in index.by_file]
    correct = 0
    for file, first, last in predicted:
        occurrence, after = index.find(file, first)
        if occurrence and occurrence.first == first and occurrence.body_last <= last < after:
            correct += 1
    return Score(
        precision=_ratio(correct, len(predicted)),
        recall=_ratio(correct, len(truth)),
        predicted=len(predicted),
        expected=len(truth),
        correct=correct,
    )


def _pairs(groups: Iterable[Iterable[int]]) -> set[tuple[int, int]]:
    return {pair for group in groups for pair in combinations(sorted(set(group)), 2)}


def duplicate_score(truth: Sequence[TrueOccurrence], groups: Iterable[Iterable[Span]]) -> Score:
    """Precision and recall over pairs of occurrences grouped as one document."""
    index = _Index(truth)
    number = {(o.file, o.first): i for i, o in enumerate(truth)}
    found = []
    for origins in groups:
        members = []
        for file, first, _last in origins:
            occurrence, _ = index.find(file, first)
            if occurrence is not None:
                members.append(number[occurrence.file, occurrence.first])
        found.append(members)
    by_post: dict[str, list[int]] = defaultdict(list)
    for i, occurrence in enumerate(truth):
        by_post[occurrence.post].append(i)
    predicted, expected = _pairs(found), _pairs(by_post.values())
    correct = len(predicted & expected)
    return Score(
        precision=_ratio(correct, len(predicted)),
        recall=_ratio(correct, len(expected)),
        predicted=len(predicted),
        expected=len(expected),
        correct=correct,
    )


def merged_posts(truth: Sequence[TrueOccurrence], posts: Iterable[Span]) -> int:
    """How many predicted posts hold the first lines of two or more true posts."""
    index = _Index(truth)
    merged = 0
    for file, first, last in posts:
        starts = index.starts.get(file, [])
        inside = bisect.bisect_right(starts, last) - bisect.bisect_left(starts, first)
        merged += inside >= 2
    return merged
