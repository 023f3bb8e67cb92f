"""The split stage on one blog file of many short lines: its time must grow linearly.

``python -m tools.bench.lines --sources S`` (the child) loads, cleans and splits ``S`` and
prints what each step took as JSON; :func:`measure` (the parent, called by
:mod:`.run`) writes a sources folder of N short lines for each N, runs the child on each
``repeat`` times in fresh processes, the sizes taking turns (so a change in the machine's
load falls on all of them alike), and keeps the median split time. The time compared is
the CPU time of the split (``time.process_time``): on a shared machine it varies far less
than the wall time, which is reported beside it.

The file is the worst case for a splitter that looks back over the post it is building:
short lines that each look like a title ("Seminar notes 17") between lines of prose, none
strong enough to start a post, so the whole file stays one post that grows line by line.
A splitter that rescans that post for every candidate takes N^2 steps; 100,000 lines
then take hours instead of seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .procs import environment, measured, tail

#: Line counts measured by default: linear growth means 10x the time for 10x the lines.
SIZES = (10_000, 100_000)
_REGISTRY = {"seminars.yaml": "seminars: []\n", "people.yaml": "people: []\n"}
_REGISTRY["concepts.yaml"] = "concepts: []\n"


def short_lines(count: int) -> str:
    """``count`` short lines: in turn a title-like line and a line of prose."""
    lines = [
        f"Seminar notes {i // 2}"
        if i % 2 == 0
        else f"We met again and talked about the work of week {i // 2}, as planned."
        for i in range(count)
    ]
    return "\n".join(lines) + "\n"


def write_sources(folder: Path, count: int) -> Path:
    """A sources folder with one blog file of ``count`` short lines and empty registries."""
    (folder / "blog").mkdir(parents=True)
    (folder / "blog" / "short-lines.txt").write_text(short_lines(count), encoding="utf-8")
    (folder / "registry").mkdir()
    for name, text in _REGISTRY.items():
        (folder / "registry" / name).write_text(text, encoding="utf-8")
    return folder


def split_once(sources: Path) -> dict[str, float | int]:
    """Load, clean and split ``sources`` in this process; seconds of each, and counts."""
    from tools.ingest import clean, load, split

    start = time.perf_counter()
    loaded = load.run(sources)
    loaded_at = time.perf_counter()
    cleaned = clean.run(loaded)
    cleaned_at, cpu = time.perf_counter(), time.process_time()
    posts = split.run(cleaned)
    done = time.perf_counter()
    return {
        "load": loaded_at - start,
        "clean": cleaned_at - loaded_at,
        "split": time.process_time() - cpu,
        "split_wall": done - cleaned_at,
        "blocks": sum(len(c.blocks) for c in cleaned),
        "posts": len(posts),
    }


def measure(
    scratch: Path, project: Path, sizes: Sequence[int], repeat: int, timeout: float
) -> list[dict[str, object]]:
    """For each size, the median split time of ``repeat`` runs, each in a fresh process
    running the code frozen in ``project``; the sizes take turns."""
    folders = {count: write_sources(scratch / f"lines-{count}", count) for count in sizes}
    runs: dict[int, list[dict[str, float | int]]] = {count: [] for count in sizes}
    peaks: dict[int, float] = dict.fromkeys(sizes, 0.0)
    failed: dict[int, str] = {}
    for _ in range(max(1, repeat)):
        for count in sizes:
            if count in failed:
                continue
            done = measured(
                [sys.executable, "-m", "tools.bench.lines", "--sources", folders[count]],
                cwd=project,
                env=environment(project),
                timeout=timeout,
            )
            if done.returncode != 0:
                failed[count] = tail(done.stderr)
                continue
            runs[count].append(json.loads(done.stdout))
            peaks[count] = max(peaks[count], done.peak_mb)
    results: list[dict[str, object]] = []
    for count in sizes:
        if count in failed:
            results.append({"lines": count, "ok": False, "error": failed[count]})
            continue
        splits = [float(r["split"]) for r in runs[count]]
        results.append(
            {
                "lines": count,
                "ok": True,
                "split_seconds": statistics.median(splits),
                "splits": splits,
                "split_wall_seconds": statistics.median(
                    float(r["split_wall"]) for r in runs[count]
                ),
                "clean_seconds": statistics.median(float(r["clean"]) for r in runs[count]),
                "blocks": runs[count][0]["blocks"],
                "posts": runs[count][0]["posts"],
                "peak_mb": peaks[count],
            }
        )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.lines", description=__doc__)
    parser.add_argument("--sources", type=Path, required=True)
    args = parser.parse_args(argv)
    json.dump(split_once(args.sources), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
