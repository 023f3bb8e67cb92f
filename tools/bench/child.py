"""One ingest run, stage by stage, in a process of its own; prints its results as JSON.

``python -m tools.bench.child --sources S --out O [--truth T] [--trace | --brute]``

The benchmark runs every measurement in a fresh process so that peaks do not mix: the
parent reads the whole process's peak resident memory from ``os.wait4``. The child runs
:func:`tools.ingest.pipeline.run` itself, so it measures what the pipeline really does
(which functions it calls, with which arguments); each stage's functions are wrapped,
in this process only, to add up ``time.perf_counter`` readings by stage. With
``--trace``, :mod:`tracemalloc` also records the peak of Python allocations during each
stage (it slows Python down two- to threefold, so a traced run is never the one that
is timed). With ``--truth``, the posts and documents
are scored against the generator's truth. With ``--brute`` it only splits the sources
and compares de-duplication's candidate search with a check of every pair (:mod:`.brute`).
"""

from __future__ import annotations

import argparse
import functools
import inspect
import json
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from types import ModuleType
from typing import Any

from tools.ingest.records import Document, Post

from .score import duplicate_score, merged_posts, read_truth, split_score

MB = 1024 * 1024


#: Stages in the order the pipeline runs them; a stage module the pipeline imports that is
#: not listed here (a new stage) is timed too, after these.
ORDER = ("state", "load", "clean", "split", "dedupe", "link", "report", "render", "write")


def stage_modules(pipeline: ModuleType) -> list[ModuleType]:
    """The stage modules ``pipeline`` uses, in pipeline order."""
    found = {
        value.__name__.rsplit(".", 1)[1]: value
        for value in vars(pipeline).values()
        if isinstance(value, ModuleType) and value.__name__.startswith("tools.ingest.")
    }
    known = [found[name] for name in ORDER if name in found]
    return known + [found[name] for name in sorted(set(found) - set(ORDER))]


def _entry_points(module: ModuleType) -> list[str]:
    """A module's public functions: its ``__all__``, or what it defines without a ``_``."""
    names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
    return sorted(
        name
        for name in names
        if inspect.isfunction(getattr(module, name, None))
        and getattr(module, name).__module__ == module.__name__
    )


class _Clock:
    """Time spent in each stage's functions, counting only the outermost call.

    A stage function may call another one that is timed too (``split`` loads its rules
    when not given them); only the outermost call is counted, so nothing counts twice.
    """

    def __init__(self, stages: list[str]) -> None:
        self.seconds: dict[str, float] = dict.fromkeys(stages, 0.0)
        self.peaks: dict[str, float] = dict.fromkeys(stages, 0.0)
        self.depth = 0

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self.depth:
                return function(*args, **kwargs)
            self.depth += 1
            if tracemalloc.is_tracing():
                tracemalloc.reset_peak()
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - start
                if tracemalloc.is_tracing():
                    peak = tracemalloc.get_traced_memory()[1] / MB
                    self.peaks[stage] = max(self.peaks[stage], peak)
                self.depth -= 1

        return timed


def _instrument(modules: list[ModuleType], clock: _Clock) -> None:
    """Replace each stage's public functions by timed ones, in this process only.

    The pipeline and the stages call each other through module attributes
    (``split.split(...)``), so replacing the attribute is enough to see every call.
    """
    for module in modules:
        stage = module.__name__.rsplit(".", 1)[1]
        for name in _entry_points(module):
            setattr(module, name, clock.wrap(stage, getattr(module, name)))


def _made(result: Any) -> tuple[tuple[Post, ...], tuple[Document, ...], str]:
    """Posts, documents and the write summary of what ``pipeline.run`` returned."""
    outcome = getattr(result, "outcome", result)
    if outcome is None:  # nothing changed since the last run: no stage ran
        return (), (), result.written.summary()
    linked = getattr(outcome, "linked", None)
    documents = linked.documents if linked is not None else outcome.documents
    return tuple(outcome.posts), tuple(documents), result.written.summary()


def compare_candidates(sources: Path) -> dict[str, object]:
    """Split ``sources`` into posts, then compare dedupe's candidate search with all pairs."""
    from tools.ingest import pipeline

    from .brute import compare

    made = pipeline.stages(pipeline.Options(sources=sources), "split")
    assert made.posts is not None
    return compare(made.posts)


def run(sources: Path, out: Path, truth: Path | None) -> dict[str, object]:
    """Run the pipeline on ``sources`` into ``out``, stage by stage; what was measured."""
    from tools.ingest import pipeline

    modules = stage_modules(pipeline)
    clock = _Clock([m.__name__.rsplit(".", 1)[1] for m in modules])
    _instrument(modules, clock)
    start = time.perf_counter()
    posts, documents, written = _made(pipeline.run(pipeline.Options(sources=sources, out=out)))
    total = time.perf_counter() - start
    result: dict[str, object] = {
        "seconds": clock.seconds,
        "other_seconds": total - sum(clock.seconds.values()),
        "total": total,
        "posts": len(posts),
        "documents": len(documents),
        "written": written,
    }
    if tracemalloc.is_tracing():
        result["traced_mb"] = clock.peaks
    if truth is not None:
        occurrences = read_truth(truth)
        spans = [(p.source, p.first, p.last) for p in posts]
        groups = [[(o.source, *o.lines) for o in d.origins] for d in documents]
        result["split"] = asdict(split_score(occurrences, spans))
        result["merged"] = merged_posts(occurrences, spans)
        result["duplicates"] = asdict(duplicate_score(occurrences, groups))
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.child", description=__doc__)
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--truth", type=Path)
    parser.add_argument("--trace", action="store_true", help="record tracemalloc peaks")
    parser.add_argument(
        "--brute", action="store_true", help="only compare dedupe's candidates with all pairs"
    )
    args = parser.parse_args(argv)
    if args.trace:
        tracemalloc.start()
    if args.brute:
        result = compare_candidates(args.sources)
    else:
        result = run(args.sources, args.out, args.truth)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
