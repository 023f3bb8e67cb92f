"""The benchmark's synthetic archive generator: seeded, truthful, and at the asked rates.

The benchmark scores splitting and de-duplication against the generator's truth file, so
a wrong truth would make every score wrong: these tests re-read what was written and
check it against the truth, line by line. The last tests check the scoring itself on
hand-made spans.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from tools.bench.compose import NBSP
from tools.bench.generate import Archive, Rates, Spec, generate, write
from tools.bench.material import Material, build_material
from tools.bench.score import Span, TrueOccurrence, duplicate_score, merged_posts, split_score
from tools.bench.variants import CONTINUE, NEAR, render

BLOG = Path(__file__).resolve().parent.parent / "sources" / "blog"
#: (posts, seed): small archives, one of them big enough for the rates to settle.
SIZES = [(1, 1), (7, 2), (60, 3), (400, 4)]
#: Lines that may stand between two posts of a file: blanks, NBSP lines, the ad label.
CHROME = {"", NBSP, "Advertisements"}


def _plain(line: str) -> str:
    """A line with quotes and dashes made straight and spaces single, as near copies do."""
    return " ".join(line.split()).translate(
        str.maketrans("\u2018\u2019\u201c\u201d\u2013\u2014", "''\"\"--")
    )


@pytest.fixture(scope="module")
def material() -> Material:
    return build_material(BLOG)


@pytest.fixture(scope="module")
def archives(material: Material) -> dict[tuple[int, int], Archive]:
    return {(n, seed): generate(Spec(posts=n, seed=seed), material) for n, seed in SIZES}


def _decoded(archive: Archive) -> dict[str, list[str]]:
    encodings = {o.file: o.encoding for o in archive.occurrences}
    return {name: data.decode(encodings[name]).splitlines() for name, data in archive.files}


@pytest.mark.parametrize(("posts", "seed"), SIZES)
def test_same_seed_same_bytes(material: Material, posts: int, seed: int) -> None:
    assert generate(Spec(posts=posts, seed=seed), material) == generate(
        Spec(posts=posts, seed=seed), material
    )


@pytest.mark.parametrize(("posts", "seed"), SIZES[1:])
def test_other_seed_other_archive(
    material: Material, archives: dict[tuple[int, int], Archive], posts: int, seed: int
) -> None:
    other = generate(Spec(posts=posts, seed=seed + 100), material)
    assert other.files != archives[posts, seed].files


@pytest.mark.parametrize("key", SIZES)
def test_truth_matches_the_files(
    archives: dict[tuple[int, int], Archive], key: tuple[int, int]
) -> None:
    archive = archives[key]
    lines = _decoded(archive)
    stories = {s.id: s for s in archive.stories}
    covered: dict[str, set[int]] = {name: set() for name in lines}
    assert len(archive.occurrences) == key[0]
    for occ in archive.occurrences:
        text = lines[occ.file]
        story = stories[occ.post]
        assert 1 <= occ.first <= occ.body_last <= occ.last <= len(text)
        shown = text[occ.first - 1 : occ.last]
        if occ.variant in ("original", "exact") and occ.encoding == "utf-8":
            assert tuple(shown) == render(story).lines
        if story.title_line is not None and occ.variant != "near-mojibake":
            assert _plain(shown[0]) == _plain(story.title_line)
        assert text[occ.body_last - 1].strip() not in ("", "Advertisements")
        if occ.variant == "excerpt":
            assert shown[-1].startswith(CONTINUE[:-1])
        covered[occ.file].update(range(occ.first, occ.last + 1))
    for name, text in lines.items():
        between = {text[i - 1] for i in range(1, len(text) + 1) if i not in covered[name]}
        assert between <= CHROME, name


@pytest.mark.parametrize("key", SIZES)
def test_a_post_is_once_per_file(
    archives: dict[tuple[int, int], Archive], key: tuple[int, int]
) -> None:
    pairs = Counter((o.file, o.post) for o in archives[key].occurrences)
    assert max(pairs.values()) == 1


def test_rates_as_asked(archives: dict[tuple[int, int], Archive]) -> None:
    archive = archives[400, 4]
    rates = Rates()
    kinds = Counter("near" if o.variant in NEAR else o.variant for o in archive.occurrences)
    assert kinds["exact"] == round(400 * rates.exact)
    assert kinds["near"] == round(400 * rates.near)
    assert kinds["excerpt"] == round(400 * rates.excerpt)
    assert len({o.variant for o in archive.occurrences if o.variant in NEAR}) == len(NEAR)
    singles = sum(1 for name, _ in archive.files if "/post-" in name)
    assert 0 < singles < len(archive.files) / 2
    sizes = sorted(Counter(o.file for o in archive.occurrences).values())
    assert max(sizes) <= 20
    assert 5 <= sizes[len(sizes) // 2] <= 20


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def test_distinct_posts_differ(archives: dict[tuple[int, int], Archive]) -> None:
    stories = archives[60, 3].stories
    assert len({s.title.casefold() for s in stories}) == len(stories)
    bodies = [_shingles(" ".join(line for p in s.paragraphs for line in p)) for s in stories]
    worst = max(len(a & b) / len(a | b) for a, b in combinations(bodies, 2))
    assert worst < 0.2


def test_write_round_trips(tmp_path: Path, archives: dict[tuple[int, int], Archive]) -> None:
    archive = archives[60, 3]
    sources = write(archive, tmp_path)
    written = sorted(p.relative_to(sources).as_posix() for p in sources.rglob("*.txt"))
    assert written == sorted(name for name, _ in archive.files)
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert len(truth["occurrences"]) == 60
    assert {o["post"] for o in truth["occurrences"]} == {p["id"] for p in truth["posts"]}


def test_too_little_text_is_refused(tmp_path: Path) -> None:
    (tmp_path / "tiny.txt").write_text("A short line.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="too little blog text"):
        build_material(tmp_path)


# The scoring the benchmark does with the truth: hand-made spans, expected precision/recall.
TRUTH = (
    TrueOccurrence("a.txt", 1, 8, 10, "p1"),
    TrueOccurrence("a.txt", 14, 20, 21, "p2"),
    TrueOccurrence("a.txt", 25, 30, 30, "p1"),
    TrueOccurrence("b.txt", 1, 5, 6, "p2"),
)
SPLIT_CASES = [
    # (what the splitter cut, precision, recall)
    ([("a.txt", 1, 10), ("a.txt", 14, 21), ("a.txt", 25, 30), ("b.txt", 1, 6)], 1.0, 1.0),
    # ends may drop a sign-off or keep the chrome before the next post
    ([("a.txt", 1, 8), ("a.txt", 14, 24), ("a.txt", 25, 31), ("b.txt", 1, 5)], 1.0, 1.0),
    # two posts merged into one: that one is wrong, and one post is missing
    ([("a.txt", 1, 21), ("a.txt", 25, 30), ("b.txt", 1, 6)], 2 / 3, 2 / 4),
    # a post cut in two: neither half is right
    ([("a.txt", 1, 4), ("a.txt", 5, 10), ("a.txt", 14, 21), ("a.txt", 25, 30)], 2 / 4, 2 / 4),
    # posts from files the truth does not cover are not counted
    ([("c.txt", 1, 3), ("a.txt", 1, 10)], 1.0, 1 / 4),
]
DUPLICATE_CASES = [
    # (documents as lists of origins, precision, recall)
    ([[("a.txt", 1, 10), ("a.txt", 25, 30)], [("a.txt", 14, 21), ("b.txt", 1, 6)]], 1.0, 1.0),
    ([[("a.txt", 1, 10)], [("a.txt", 25, 30)], [("a.txt", 14, 21), ("b.txt", 1, 6)]], 1.0, 0.5),
    ([[("a.txt", 1, 10), ("a.txt", 25, 30), ("a.txt", 14, 21), ("b.txt", 1, 6)]], 2 / 6, 1.0),
    # an origin a little off the true first line still lands in its post
    ([[("a.txt", 2, 10), ("a.txt", 26, 30)], [("a.txt", 14, 21), ("b.txt", 1, 6)]], 1.0, 1.0),
]


@pytest.mark.parametrize(("spans", "precision", "recall"), SPLIT_CASES)
def test_split_score(spans: list[Span], precision: float, recall: float) -> None:
    score = split_score(TRUTH, spans)
    assert (score.precision, score.recall) == pytest.approx((precision, recall))


@pytest.mark.parametrize(("groups", "precision", "recall"), DUPLICATE_CASES)
def test_duplicate_score(groups: list[list[Span]], precision: float, recall: float) -> None:
    score = duplicate_score(TRUTH, groups)
    assert (score.precision, score.recall) == pytest.approx((precision, recall))


def test_merged_posts_counted() -> None:
    assert merged_posts(TRUTH, [("a.txt", 1, 21), ("a.txt", 25, 30), ("b.txt", 1, 6)]) == 1
