"""Seeded synthetic blog archives of N posts, with a truth file to score the pipeline by.

``python -m tools.bench.generate --posts 1000 --seed 1 --out DIR`` writes
``DIR/sources/blog/*.txt`` and ``DIR/truth.json``. N counts post *occurrences* (what
the splitter sees); a known share of them are copies of others (:mod:`.variants`).
Occurrences are shuffled and packed into WordPress-style archive files of 5 to 20 posts
(never two copies of one post in one file, as an archive page lists a post once), plus
single-post files; some files are saved as Windows-1252 with CRLF line ends, some carry
an "Advertisements" line after every post, some separate posts with NBSP-only lines.

The truth maps every occurrence to ``(file, first, body_last, last)`` line numbers
(1-based, as the pipeline counts them) and to its post id, so splitting and
de-duplication can be scored (:mod:`.score`). The same seed and material always give
the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import deque
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .compose import NBSP, Story, compose
from .material import Material, build_material
from .variants import NEAR, Rendered, variant


@dataclass(frozen=True)
class Rates:
    """Shares of occurrences (copies), of distinct posts (untitled) and of files (the rest)."""

    exact: float = 0.08
    near: float = 0.08
    excerpt: float = 0.04
    untitled: float = 0.02  # untitled posts stand alone in a file, like a saved single post
    single_file: float = 0.1
    cp1252_file: float = 0.05
    ads_file: float = 0.5


@dataclass(frozen=True)
class Spec:
    posts: int  # occurrences in the whole archive
    seed: int = 1
    rates: Rates = field(default_factory=Rates)
    per_file: tuple[int, int] = (5, 20)


@dataclass(frozen=True)
class Occurrence:
    """Where one copy of a post was written; ``last`` includes its sign-off or link."""

    file: str  # relative to the sources folder: "blog/archive-00001.txt"
    first: int
    body_last: int
    last: int
    post: str
    variant: str  # "original" or one of variants.VARIANTS
    encoding: str


@dataclass(frozen=True)
class Archive:
    files: tuple[tuple[str, bytes], ...]  # (path relative to the sources folder, content)
    stories: tuple[Story, ...]
    occurrences: tuple[Occurrence, ...]
    spec: Spec


def _copies(spec: Spec, stories: list[Story], rng: random.Random) -> list[tuple[Story, str]]:
    rates, n = spec.rates, spec.posts
    counts = {
        kind: round(n * rate)
        for kind, rate in (("exact", rates.exact), ("near", rates.near), ("excerpt", rates.excerpt))
    }
    titled = [s for s in stories if s.title_line is not None]
    out: list[tuple[Story, str]] = [(s, "original") for s in stories]
    for kind, count in counts.items():
        for _ in range(count):
            out.append((rng.choice(titled), rng.choice(NEAR) if kind == "near" else kind))
    return out


def _pack(
    spec: Spec,
    occurrences: list[tuple[Story, str]],
    rng: random.Random,
) -> list[list[tuple[Story, str]]]:
    """Occurrences grouped into files, in file order; one post at most once per file."""
    rng.shuffle(occurrences)
    alone = [o for o in occurrences if o[0].title_line is None]
    queue = deque(o for o in occurrences if o[0].title_line is not None)
    files: list[list[tuple[Story, str]]] = []
    while queue:
        if rng.random() < spec.rates.single_file:
            files.append([queue.popleft()])
            continue
        size = rng.randint(*spec.per_file)
        members: list[tuple[Story, str]] = []
        skipped: list[tuple[Story, str]] = []
        taken: set[str] = set()
        while queue and len(members) < size:
            occurrence = queue.popleft()
            (skipped if occurrence[0].id in taken else members).append(occurrence)
            taken.add(occurrence[0].id)
        queue.extendleft(reversed(skipped))
        files.append(members)
    for occurrence in alone:
        files.insert(rng.randint(0, len(files)), [occurrence])
    return files


def generate(spec: Spec, material: Material) -> Archive:
    """The archive of ``spec``: files as bytes, the posts, and where each copy lies."""
    if spec.posts < 1:
        raise ValueError(f"posts must be at least 1 (got {spec.posts})")
    rng = random.Random(spec.seed)
    copies = round(spec.posts * spec.rates.exact) + round(spec.posts * spec.rates.near)
    distinct = max(1, spec.posts - copies - round(spec.posts * spec.rates.excerpt))
    untitled = set(rng.sample(range(distinct), round(distinct * spec.rates.untitled)))
    used: set[str] = set()
    stories = [compose(material, rng, i + 1, used, i not in untitled) for i in range(distinct)]
    files, occurrences = [], []
    for number, members in enumerate(_pack(spec, _copies(spec, stories, rng), rng), start=1):
        single = len(members) == 1
        name = f"blog/{'post' if single else 'archive'}-{number:05d}.txt"
        encoding = "cp1252" if rng.random() < spec.rates.cp1252_file else "utf-8"
        ads = not single and rng.random() < spec.rates.ads_file
        gap = ["", NBSP, "", NBSP, ""] if rng.random() < 0.5 else [""]
        lines: list[str] = []
        for index, (story, kind) in enumerate(members):
            if index:
                lines += ["", "Advertisements", *gap] if ads else gap
            shown: Rendered = variant(story, kind, material, rng)
            first = len(lines) + 1
            lines += shown.lines
            occurrences.append(
                Occurrence(
                    file=name,
                    first=first,
                    body_last=first + shown.body_last,
                    last=len(lines),
                    post=story.id,
                    variant=kind,
                    encoding=encoding,
                )
            )
        if ads:
            lines += ["", "Advertisements"]
        newline = "\r\n" if encoding == "cp1252" else "\n"
        text = newline.join(lines) + newline
        files.append((name, text.encode(encoding, errors="replace")))
    return Archive(
        files=tuple(files), stories=tuple(stories), occurrences=tuple(occurrences), spec=spec
    )


def truth(archive: Archive) -> dict[str, object]:
    """The truth file's content: the spec, every post, every occurrence."""
    return {
        "spec": asdict(archive.spec),
        "posts": [
            {"id": s.id, "title": s.title, "author": s.author, "titled": s.title_line is not None}
            for s in archive.stories
        ],
        "occurrences": [asdict(o) for o in archive.occurrences],
    }


def write(archive: Archive, root: Path) -> Path:
    """Write ``root/sources/...`` and ``root/truth.json``; return the sources folder."""
    sources = root / "sources"
    for name, data in archive.files:
        path = sources / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    text = json.dumps(truth(archive), ensure_ascii=False, indent=1)
    (root / "truth.json").write_text(text + "\n", encoding="utf-8")
    return sources


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.generate", description=__doc__)
    parser.add_argument("--posts", type=int, required=True, help="post occurrences to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument(
        "--material",
        type=Path,
        default=Path("sources/blog"),
        help="real blog texts to build posts from (default: sources/blog)",
    )
    args = parser.parse_args(argv)
    archive = generate(Spec(posts=args.posts, seed=args.seed), build_material(args.material))
    sources = write(archive, args.out)
    print(f"{len(archive.occurrences)} posts in {len(archive.files)} files under {sources}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
