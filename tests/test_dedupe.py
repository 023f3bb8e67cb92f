"""Tests of the dedupe stage: cases as data (``fixtures/dedupe/``), order and hash-seed
independence, unique ids, and candidate generation that does not compare all pairs."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.ingest import dedupe
from tools.ingest.records import Block, Post
from tools.ingest.split import derive_title
from tools.ingest.text import slugify

FIXTURES = Path(__file__).parent / "fixtures" / "dedupe"
DATA: dict[str, Any] = yaml.safe_load((FIXTURES / "cases.yaml").read_text("utf-8"))
CASES: list[dict[str, Any]] = DATA["cases"]
SLUGS: list[list[str]] = yaml.safe_load((FIXTURES / "slugs.yaml").read_text("utf-8"))
STRAIGHT = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"}
)


def transform(paras: list[str], name: str, edit: dict[str, str]) -> list[str]:
    """One transform of the fixture's header, on [title, paragraph, ...]."""
    word, _, arg = name.partition(" ")
    if word == "typography":
        return [p.translate(STRAIGHT).replace(" ", "\u00a0", 3) for p in paras]
    if word == "respace":
        return [p.replace(" ", "  ").replace(".  ", ".\n", 1) for p in paras]
    if word == "excerpt":
        kept = paras[: int(arg) + 1]
        return [*kept[:-1], kept[-1] + " Continue reading \u2192"]
    if word == "cut":
        n = int(arg) + 1
        return [*paras[:n], " ".join(paras[n].split()[:30]) + " [\u2026]"]
    if word == "edit":
        return [" ".join(edit.get(w, w) for w in p.split(" ")) for p in paras]
    if word == "lead":  # a short line under the title: a writer's name, a kicker
        return [paras[0], arg, *paras[1:]]
    assert word == "untitled", name
    return paras


def post(spec: dict[str, Any], edit: dict[str, str]) -> Post:
    paras = list(DATA["texts"][spec["text"]])
    names = spec.get("transform", [])
    for name in names:
        paras = transform(paras, name, edit)
    untitled = "untitled" in names
    line, blocks = spec["first"], []
    for i, text in enumerate(paras[1:] if untitled else paras):
        kind, hint = ("heading", "title") if i == 0 and not untitled else ("paragraph", "")
        blocks.append(Block(kind, text, line, line + text.count("\n"), hint=hint))  # type: ignore[arg-type]
        line = blocks[-1].last + 2
    title = derive_title(blocks[0].text) if untitled else paras[0]
    return Post(
        source=spec["source"],
        kind="blog",
        title=title,
        title_derived=untitled,
        bylines=(),
        blocks=tuple(blocks),
        first=blocks[0].first,
        last=blocks[-1].last,
    )


def posts_of(case: dict[str, Any]) -> list[Post]:
    return [post(spec, case.get("edit", {})) for spec in case["posts"]]


def origin(p: Post) -> tuple[str, tuple[int, int]]:
    return (p.source, (p.first, p.last))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_dedupe_cases(case: dict[str, Any]) -> None:
    posts = posts_of(case)
    documents = dedupe.dedupe(posts)
    got = [[(o.source, o.lines) for o in d.origins] for d in documents]
    assert got == [[origin(posts[i]) for i in group] for group in case["groups"]]
    assert len({d.id for d in documents}) == len(documents)
    if "title" in case:
        assert [(d.title, d.title_derived) for d in documents] == [(case["title"], False)]


@pytest.mark.parametrize(("title", "slug"), SLUGS)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title, 60) == slug


def test_ids_are_unique_in_order_of_canonical_origin() -> None:
    texts = [DATA["texts"][name] for name in ("summary7", "announce4", "reflections7")]
    same_title = [
        Post(
            source=source,
            kind="blog",
            title="Seminar notes",
            title_derived=False,
            bylines=(),
            blocks=(Block("paragraph", " ".join(text), 5, 5),),
            first=5,
            last=5,
        )
        for source, text in zip(("blog/c.txt", "blog/a.txt", "blog/b.txt"), texts, strict=True)
    ]
    documents = dedupe.dedupe(same_title)
    assert [(d.id, d.origins[0].source) for d in documents] == [
        ("seminar-notes", "blog/a.txt"),
        ("seminar-notes-2", "blog/b.txt"),
        ("seminar-notes-3", "blog/c.txt"),
    ]


def test_matches_say_how_copies_were_found() -> None:
    found = {c["name"]: dedupe.deduplicate(posts_of(c)).matches for c in CASES}
    relations = {name: sorted({m.relation for m in matches}) for name, matches in found.items()}
    assert relations["exact copies in two archive pages"] == ["exact"]
    assert relations["re-encoded and re-spaced copies"] == ["exact"]
    assert relations["an edited copy joins its post"] == ["near"]
    assert relations["an excerpt cut mid-paragraph, re-encoded, joins its post"] == ["excerpt"]
    assert relations["two posts quoting one paragraph stay apart"] == ["excerpt"]
    assert all(0.8 <= m.score <= 1.0 for ms in found.values() for m in ms)


def all_case_posts() -> list[Post]:
    return [replace_source(p, i) for i, c in enumerate(CASES) for p in posts_of(c)]


def replace_source(p: Post, i: int) -> Post:
    return replace(p, source=f"case{i}/{p.source}")


@pytest.mark.parametrize("seed", range(5))
def test_input_order_does_not_matter(seed: int) -> None:
    posts = all_case_posts()
    shuffled = posts[:]
    random.Random(seed).shuffle(shuffled)
    assert dedupe.deduplicate(shuffled) == dedupe.deduplicate(posts)


def test_hash_seed_does_not_matter() -> None:
    """Another process with another hash seed gives the same result as this one."""
    script = (
        "import sys; sys.path.insert(0, 'tests'); from test_dedupe import all_case_posts; "
        "from tools.ingest import dedupe; print(repr(dedupe.deduplicate(all_case_posts())))"
    )
    seed = "1" if os.environ.get("PYTHONHASHSEED") == "0" else "0"
    other = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        check=True,
        text=True,
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
    ).stdout
    assert other == repr(dedupe.deduplicate(all_case_posts())) + "\n"


def test_candidates_are_not_all_pairs() -> None:
    """1,500 distinct posts: LSH and the prefix index propose few pairs, and none merge."""
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(3000)]
    posts = [
        Post(
            source=f"blog/{i:04d}.txt",
            kind="blog",
            title=f"Post {i}",
            title_derived=False,
            bylines=(),
            first=1,
            last=1,
            blocks=(Block("paragraph", " ".join(rng.choices(vocabulary, k=120)), 1, 1),),
        )
        for i in range(1500)
    ]
    pairs = dedupe.candidate_pairs(posts)
    assert len(pairs) < 1500  # all pairs would be 1,124,250
    assert len(dedupe.dedupe(posts)) == 1500


@pytest.mark.parametrize(
    ("text", "compared"),
    [
        ("By Jo Bloggs", False),  # one copy prints it under the title, another not
        ("Jo Bloggs, PhD student", False),
        # a sentence of the text, in every copy: an excerpt that opens with it has it too
        (
            "Thanks to Jo Bloggs, PhD student at the University of Huddersfield, for this"
            " summary of our sixth seminar.",
            True,
        ),
    ],
)
def test_an_author_line_is_compared_only_when_it_is_a_sentence(text: str, compared: bool) -> None:
    assert dedupe._compared(Block("paragraph", text, 3, 3, hint="byline")) is compared


@pytest.mark.parametrize(
    ("full", "excerpt", "merged"),
    [
        (("Jo",), ("Jo Bloggs",), ("Jo Bloggs",)),  # a signature, the excerpt's footer
        (("Jo",), ("Sam Bloggs",), ("Jo",)),  # someone else: the full copy's stands
        (("Jo Bloggs",), ("Jo Example",), ("Jo Bloggs",)),  # full names are never swapped
        ((), ("Jo Bloggs",), ("Jo Bloggs",)),
        (("Jo",), ("Jo Bloggs", "Jo Example"), ("Jo",)),  # two full names: which is unknown
        (("blogteam",), ("Jo Bloggs",), ("Jo Bloggs",)),  # the blog's account names nobody
        (("blogteam",), ("blogteam", "Jo Bloggs"), ("blogteam", "Jo Bloggs")),
    ],
)
def test_a_given_name_alone_takes_the_full_name_another_copy_gives(
    full: tuple[str, ...], excerpt: tuple[str, ...], merged: tuple[str, ...]
) -> None:
    case = next(c for c in CASES if len(c["groups"]) == 1 and len(c["groups"][0]) == 2)
    canon, other = (posts_of(case)[i] for i in case["groups"][0])
    documents = dedupe.dedupe([replace(canon, bylines=full), replace(other, bylines=excerpt)])
    assert [d.bylines for d in documents] == [merged]
