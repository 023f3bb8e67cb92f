"""The targets the project set itself for scale, checked against one benchmark run.

Each target is judged from ratios and counts within one run where it can be, because the
machine is shared: a time limit in seconds is the only absolute (and is said to be so).
A target that the run could not measure (the size was not run, a build failed) is
reported as not measured, never as met.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Run = Mapping[str, Any]
GIB_MB = 1024.0


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    met: bool | None  # None: not measured


def _by_n(runs: Sequence[Run]) -> dict[int, Run]:
    return {int(r["n"]): r for r in runs if r.get("full", {}).get("ok")}


def _median_of(full: Run) -> str:
    runs = len(full.get("totals") or [])
    return f"; the median of {runs} runs" if runs > 1 else ""


def _scale(runs: dict[int, Run]) -> list[Verdict]:
    out = []
    big = runs.get(10000)
    if big is None:
        out.append(Verdict("ingest of 10,000 posts < 60 s and < 1 GiB peak", "not run", None))
    else:
        seconds, peak = big["full"]["total"], big["full"]["peak_mb"]
        out.append(
            Verdict(
                "ingest of 10,000 posts < 60 s and < 1 GiB peak",
                f"{seconds:.1f} s (process {big['full']['wall_seconds']:.1f} s"
                f"{_median_of(big['full'])}), {peak:.0f} MB",
                seconds < 60 and peak < GIB_MB,
            )
        )
    if big is None or 1000 not in runs:
        out.append(Verdict("10,000 posts take at most 12x as long as 1,000", "not run", None))
    else:
        ratio = big["full"]["total"] / runs[1000]["full"]["total"]
        out.append(
            Verdict("10,000 posts take at most 12x as long as 1,000", f"{ratio:.1f}x", ratio <= 12)
        )
    return out


def _quality(runs: dict[int, Run]) -> list[Verdict]:
    scores = {n: r["full"].get("duplicates") for n, r in runs.items()}
    if not scores or any(s is None for s in scores.values()):
        return [Verdict("duplicate precision and recall 1.0 at every N", "not run", None)]
    shown = "; ".join(
        f"N={n:,}: P {s['precision']:.4f}, R {s['recall']:.4f} "
        f"({s['correct']:,} of {s['expected']:,} pairs)"
        for n, s in sorted(scores.items())
    )
    met = all(s["precision"] == 1.0 and s["recall"] == 1.0 for s in scores.values())
    return [Verdict("duplicate precision and recall 1.0 at every N", shown, met)]


def _noop(runs: dict[int, Run]) -> list[Verdict]:
    out = []
    done = [r for r in runs.values() if r.get("noop", {}).get("ok")]
    if done:
        shown = "; ".join(
            f"N={r['n']:,}: {r['noop_files']['touched']} files, "
            f"{r['noop']['total'] / r['full']['total']:.2f} of a full run"
            for r in done
        )
        met = all(
            r["noop_files"]["touched"] == 0 and r["noop"]["total"] < r["full"]["total"] / 5
            for r in done
        )
        out.append(Verdict("no-op re-run rewrites no file and takes < 1/5 of a full run",
                           shown, met))  # fmt: skip
    else:
        out.append(Verdict("no-op re-run rewrites no file and takes < 1/5 of a full run",
                           "not run", None))  # fmt: skip
    built = [r for r in runs.values() if r.get("sphinx_noop", {}).get("ok")]
    reread = [
        (r["n"], (r["sphinx_noop"]["added"] or 0) + (r["sphinx_noop"]["changed"] or 0))
        for r in built
    ]
    out.append(
        Verdict(
            "after a no-op re-run Sphinx re-reads no document",
            "; ".join(f"N={n:,}: {count} re-read" for n, count in reread) or "not run",
            all(count == 0 for _, count in reread) if reread else None,
        )
    )
    return out


def _edit(runs: dict[int, Run]) -> list[Verdict]:
    done = [r for r in runs.values() if r.get("edited", {}).get("ok")]
    if not done:
        return [Verdict("after one source changes only changed pages are rewritten and re-read",
                        "not run", None)]  # fmt: skip
    parts, met = [], True
    for r in done:
        files = r["edited_files"]
        same = len(files["touched_same_content"])
        text = f"N={r['n']:,}: {files['touched']} files rewritten ({same} unchanged)"
        met = met and same == 0
        build = r.get("sphinx_edited")
        if build and build["ok"]:
            read = (build["added"] or 0) + (build["changed"] or 0)
            text += f", Sphinx re-read {read} for {files['pages_touched']} pages rewritten"
            met = met and read <= files["pages_touched"]
        parts.append(text)
    return [Verdict("after one source changes only changed pages are rewritten and re-read",
                    "; ".join(parts), met)]  # fmt: skip


#: The most the split stage may take on 10 times the lines (linear growth is 10x).
LINES_RATIO = 12.0


def _lines(lines: Sequence[Run]) -> list[Verdict]:
    """The split stage on short lines: 100,000 take at most 12x the time of 10,000."""
    target = "split of 100,000 short lines takes at most 12x as long as 10,000"
    done = {int(r["lines"]): float(r["split_seconds"]) for r in lines if r.get("ok")}
    if 10_000 not in done or 100_000 not in done:
        return [Verdict(target, "not run", None)]
    ratio = done[100_000] / done[10_000]
    shown = f"{done[10_000]:.2f} s and {done[100_000]:.2f} s of CPU: {ratio:.1f}x"
    return [Verdict(target, shown, ratio <= LINES_RATIO)]


def verdicts(runs: Sequence[Run], lines: Sequence[Run] = ()) -> list[Verdict]:
    """Every target with what was measured and whether it is met."""
    by_n = _by_n(runs)
    return [*_scale(by_n), *_quality(by_n), *_noop(by_n), *_edit(by_n), *_lines(lines)]
