"""The scale benchmark: synthetic archives of N posts through the pipeline and Sphinx.

``python -m tools.bench [--sizes 100,1000,10000] [--seed 1] [--out docs/performance.md]
[--sphinx-max 1000] [--brute-max 1000] [--lines 10000,100000]``

For each N, in a scratch folder laid out like the project (:mod:`.site`):

1. generate the archive and its truth (:mod:`.generate`);
2. a full ingest into an empty ``docs/``, stage by stage, in a fresh process (:mod:`.child`),
   scored against the truth, with de-duplication's candidate search checked against all
   pairs up to ``--brute-max`` posts; then a traced run for Python's allocation peaks;
3. up to ``--sphinx-max``: a full Sphinx build, its search index and a Pagefind index;
4. a no-op ingest (nothing changed): the files it touched, then what Sphinx re-reads;
5. one word of one post changed: the files the ingest touched against those whose
   content changed, then what Sphinx re-reads.

Then, for each count of ``--lines``, the split stage on one blog file of that many short
lines (:mod:`.lines`), whose time must grow linearly with the count.

The machine is shared and noisy, so every comparison is a ratio within one run. The
results go to ``docs/performance.md`` (:mod:`.report`), ``docs/_static/bench-time.svg``
(:mod:`.plot`) and ``docs/_static/bench-results.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from . import lines, site
from .generate import Spec, generate, write
from .material import build_material
from .procs import Changes, compare, environment, measured, snapshot, tail
from .report import machine, write_report

PROJECT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class Options:
    sizes: tuple[int, ...] = (100, 1000, 10000)
    seed: int = 1
    out: Path = Path("docs/performance.md")
    sphinx_max: int = 1000
    brute_max: int = 1000
    timeout: float = 3600.0  # seconds any one process may take
    embed_plot: bool = False  # see report._plot_lines
    repeat: int = 3  # timed full runs per size; the median one is reported
    lines: tuple[int, ...] = lines.SIZES  # line counts of the short-lines split test


def ingest(work: Path, timeout: float, *flags: str, out: str = "docs") -> dict[str, object]:
    """One ingest in a fresh process; the child's measurements plus wall time and peak RSS.

    ``work/tools`` is the frozen copy of the code (:func:`.site.freeze`), and ``work`` is
    the working directory, so ``-m tools.bench.child`` runs that copy.
    """
    command = [sys.executable, "-m", "tools.bench.child", "--sources", "sources", "--out", out]
    done = measured([*command, *flags], cwd=work, env=environment(work), timeout=timeout)
    if done.returncode != 0:
        return {"ok": False, "error": tail(done.stderr), "wall_seconds": done.seconds}
    result: dict[str, object] = json.loads(done.stdout)
    result.update(ok=True, wall_seconds=done.seconds, peak_mb=done.peak_mb)
    return result


def _changes(changes: Changes) -> dict[str, object]:
    return {
        "touched": len(changes.touched),
        "differ": len(changes.differ),
        "touched_same_content": sorted(set(changes.touched) - set(changes.differ))[:20],
        "files": list(changes.touched[:20]),
        "pages_touched": sum(name.endswith(".md") for name in changes.touched),
    }


def edit_one_post(work: Path) -> dict[str, object]:
    """Change one word of the first prose line of a post found once; say where."""
    truth = json.loads((work / "truth.json").read_text(encoding="utf-8"))
    occurrences = truth["occurrences"]
    seen: dict[str, int] = {}
    for occurrence in occurrences:
        seen[occurrence["post"]] = seen.get(occurrence["post"], 0) + 1
    for occurrence in sorted(occurrences, key=lambda o: (o["file"], o["first"])):
        if seen[occurrence["post"]] > 1 or occurrence["encoding"] != "utf-8":
            continue
        path = work / "sources" / occurrence["file"]
        lines = path.read_text(encoding="utf-8").split("\n")
        for number in range(occurrence["first"] + 1, occurrence["body_last"] + 1):
            line = lines[number - 1]
            word = re.search(r"\b[a-z]{5,}\b", line)
            if len(line) > 80 and word:
                lines[number - 1] = line[: word.start()] + "benchmarked" + line[word.end() :]
                path.write_text("\n".join(lines), encoding="utf-8")
                return {"file": occurrence["file"], "line": number, "post": occurrence["post"]}
    raise ValueError(f"{work}: no post found once in a UTF-8 file to change")


def median_run(work: Path, options: Options) -> dict[str, object]:
    """The full ingest, timed ``options.repeat`` times, each in a fresh process and into an
    empty folder: the run with the median time, and every run's time in ``totals``.

    This machine is shared, and the same run has taken from 0.8 to 1.2 times its usual
    time: a median of a few runs says more than any one of them. The first run writes the
    site's ``docs/`` (the no-op and edit runs that follow start from it); the others write
    folders of their own.
    """
    runs = [
        ingest(work, options.timeout, "--truth", "truth.json", out="docs" if k == 0 else f"r{k}")
        for k in range(max(1, options.repeat))
    ]
    failed = [r for r in runs if not r["ok"]]
    if failed:
        return failed[0]
    ordered = sorted(runs, key=lambda r: float(r["total"]))  # type: ignore[arg-type]
    median = dict(ordered[(len(ordered) - 1) // 2])
    median["totals"] = [r["total"] for r in runs]
    median["walls"] = [r["wall_seconds"] for r in runs]
    return median


def measure(n: int, options: Options, scratch: Path, project: Path) -> dict[str, object]:
    """Everything measured for an archive of ``n`` posts, with the code frozen in ``project``."""
    work = scratch / f"n{n}"
    work.mkdir()
    start = time.perf_counter()
    archive = generate(Spec(posts=n, seed=options.seed), build_material(project / "sources/blog"))
    write(archive, work)
    result: dict[str, object] = {
        "n": n,
        "generate_seconds": time.perf_counter() - start,
        "source_files": len(archive.files),
        "source_bytes": sum(len(data) for _, data in archive.files),
        "distinct_posts": len(archive.stories),
    }
    docs = site.prepare(project, work)
    full = median_run(work, options)
    result["full"] = full
    if not full["ok"]:
        return result
    if n <= options.brute_max:
        full["candidates"] = ingest(work, options.timeout, "--brute")
    result["traced"] = ingest(work, options.timeout, "--trace", out="traced-out")
    sphinx = n <= options.sphinx_max
    if sphinx:
        built = site.build(work, options.timeout)
        result["sphinx_full"] = asdict(built)
        sphinx = built.ok  # incremental builds mean nothing after a failed full one
    if sphinx:
        result["indexes"] = site.indexes(work)
    before = snapshot(docs)
    result["noop"] = ingest(work, options.timeout)
    result["noop_files"] = _changes(compare(before, snapshot(docs)))
    if sphinx:
        result["sphinx_noop"] = asdict(site.build(work, options.timeout))
    before = snapshot(docs)
    result["edit"] = edit_one_post(work)
    result["edited"] = ingest(work, options.timeout)
    result["edited_files"] = _changes(compare(before, snapshot(docs)))
    if sphinx:
        result["sphinx_edited"] = asdict(site.build(work, options.timeout))
    return result


def run(options: Options) -> dict[str, object]:
    """Measure every size, then write the report, the plot and the raw results."""
    results: dict[str, object] = {
        "machine": machine(PROJECT),
        "command": "python -m tools.bench " + " ".join(sys.argv[1:]),
        "options": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(options).items()},
        "runs": [],
    }
    runs: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        project = site.freeze(PROJECT, Path(scratch) / "project")
        for n in options.sizes:
            print(f"bench: {n} posts ...", file=sys.stderr, flush=True)
            runs.append(measure(n, options, Path(scratch), project))
            shutil.rmtree(Path(scratch) / f"n{n}")  # a built site of 10,000 posts is large
            results["runs"] = runs
            write_report(
                results, options.out, options.embed_plot
            )  # after each size, so a long run shows progress
        if options.lines:
            print(f"bench: split on {options.lines} short lines ...", file=sys.stderr, flush=True)
            results["lines"] = lines.measure(
                Path(scratch), project, options.lines, options.repeat, options.timeout
            )
            write_report(results, options.out, options.embed_plot)
    return results


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("--sizes", type=_sizes, default=Options.sizes, help="default: %(default)s")
    parser.add_argument("--seed", type=int, default=Options.seed)
    parser.add_argument("--out", type=Path, default=Options.out, help="the results page")
    parser.add_argument(
        "--sphinx-max",
        type=int,
        default=Options.sphinx_max,
        help="largest N to build with Sphinx (default: %(default)s)",
    )
    parser.add_argument(
        "--brute-max",
        type=int,
        default=Options.brute_max,
        help="largest N to check all pairs of posts (default: %(default)s)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=Options.timeout,
        help="seconds any one ingest or build may take (default: %(default)s)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=Options.repeat,
        help="timed full ingests per size; the median is reported (default: %(default)s)",
    )
    parser.add_argument(
        "--lines",
        type=_sizes,
        default=Options.lines,
        help="line counts of one blog file of short lines, split to check the stage grows "
        "linearly ('' to skip; default: %(default)s)",
    )
    parser.add_argument(
        "--embed-plot",
        action="store_true",
        help="show the SVG plot in the page as an image (the HTML scan must "
        "allow _images/bench-time.svg)",
    )
    args = parser.parse_args(argv)
    run(
        Options(
            args.sizes,
            args.seed,
            args.out,
            args.sphinx_max,
            args.brute_max,
            args.timeout,
            args.embed_plot,
            args.repeat,
            args.lines,
        )
    )
    print(f"bench: wrote {args.out}", file=sys.stderr)
    return 0
