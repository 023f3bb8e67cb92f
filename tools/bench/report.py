"""Write the benchmark's results: a MyST page, an SVG plot and the raw JSON.

The page says on which machine and with which command the numbers were taken, because
numbers from a shared two-core machine mean little without that; every comparison it
draws is a ratio within the one run it reports.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tools.ingest.state import package_version

from .plot import line_chart
from .targets import verdicts

Run = Mapping[str, Any]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def code_version(project: Path) -> str:
    """The commit the code is at, and how many files of it differ from that commit."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(project), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    changed = [line for line in git("status", "--porcelain", "--", "tools").splitlines() if line]
    return f"{commit}, {len(changed)} changed or new files under tools/" if changed else commit


def machine(project: Path) -> dict[str, object]:
    """What the numbers were taken on: CPUs, memory, load, versions, the code's commit."""
    return {
        "code": code_version(project),
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "cpu_model": _cpu_model(),
        "memory_gib": _memory_gib(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "sphinx": package_version("sphinx"),
        "myst_parser": package_version("myst-parser"),
        "furo": package_version("furo"),
        "datasketch": package_version("datasketch"),
        "platform": platform.platform(),
    }


def _n(run: Run) -> str:
    return f"{run['n']:,}"


def _fmt(value: object, unit: str = "", digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


def _kib(value: object) -> str:
    return "-" if not isinstance(value, int) else f"{value / 1024:,.0f} KiB"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _stages_table(runs: Sequence[Run]) -> list[str]:
    done = [r for r in runs if r["full"].get("ok")]
    stages = list(dict.fromkeys(stage for r in done for stage in r["full"]["seconds"]))
    rows = [[stage, *(_fmt(r["full"]["seconds"].get(stage)) for r in done)] for stage in stages]
    rows.append(["between stages", *(_fmt(r["full"]["other_seconds"]) for r in done)])
    rows.append(["**total (in process)**", *(f"**{r['full']['total']:.2f}**" for r in done)])
    rows.append(["whole process", *(_fmt(r["full"]["wall_seconds"]) for r in done)])
    return _table(["stage (seconds)", *(f"N = {_n(r)}" for r in done)], rows)


def _score(score: Mapping[str, Any] | None) -> str:
    if not score:
        return "-"
    return (
        f"P {score['precision']:.4f} / R {score['recall']:.4f} "
        f"({score['correct']:,} of {score['predicted']:,} found, {score['expected']:,} true)"
    )


def _runs(full: Run) -> str:
    """ ", median of 3 runs (52.1, 49.8, 55.0 s)" when the ingest was timed more than once."""
    totals = full.get("totals") or []
    if len(totals) < 2:
        return ""
    each = ", ".join(f"{t:.1f}" for t in totals)
    return f", the median of {len(totals)} runs (in process: {each} s)"


def _size_section(run: Run) -> list[str]:
    full = run["full"]
    lines = [f"### {_n(run)} posts", ""]
    if not full.get("ok"):
        return [*lines, "The ingest failed:", "", "```text", full.get("error", ""), "```", ""]
    traced = run.get("traced", {}).get("traced_mb", {})
    sphinx, idx = run.get("sphinx_full"), run.get("indexes", {})
    pagefind = idx.get("pagefind", {})
    candidates = _candidates(full)
    rows = [
        ["source files / size",
         f"{run['source_files']:,} / {run['source_bytes'] / 2**20:.1f} MiB"],
        ["distinct posts (truth)", f"{run['distinct_posts']:,}"],
        ["posts split / documents", f"{full['posts']:,} / {full['documents']:,}"],
        ["ingest seconds (in process / whole process)",
         f"{full['total']:.2f} / {full['wall_seconds']:.2f}" + _runs(full)],
        ["peak memory: process RSS / Python (tracemalloc)",
         f"{full['peak_mb']:.0f} MB / {max(traced.values(), default=0):.0f} MB"],
        ["split precision / recall", _score(full.get("split"))],
        ["posts holding two true posts (merged)", _fmt(full.get("merged"))],
        ["duplicate pairs precision / recall", _score(full.get("duplicates"))],
        ["LSH candidates vs all pairs",
         "-" if not candidates else
         f"same answers: {candidates.get('same')}, {candidates.get('speedup', 0):.1f}x faster"],
        ["Sphinx full build seconds / peak",
         "not built" if not sphinx else
         f"{sphinx['seconds']:.1f} s / {sphinx['peak_mb']:.0f} MB, {sphinx['warnings']} warnings"],
        ["searchindex.js", _kib(idx.get("searchindex_bytes"))],
        ["Pagefind index", _kib(pagefind.get("bytes")) if pagefind.get("ok") else "-"],
    ]  # fmt: skip
    lines += [*_table(["measure", "value"], rows), ""]
    for step in ("candidates", "traced", "noop", "edited"):
        found = full.get(step) if step == "candidates" else run.get(step)
        if found and not found.get("ok"):
            lines += [f"The {step} run failed:", "", "```text", found.get("error", ""), "```", ""]
    for step in ("sphinx_full", "sphinx_noop", "sphinx_edited"):
        build = run.get(step)
        if build and not build["ok"]:
            lines += [f"The {step} build failed:", "", "```text", build["error"], "```", ""]
    return lines


def _candidates(full: Run) -> Mapping[str, Any]:
    found = full.get("candidates") or {}
    return found if found.get("ok") else {}


def _read(build: Mapping[str, Any]) -> str:
    """How many documents an incremental build read (new or changed)."""
    if build.get("added") is None:
        return "?"
    return str(build["added"] + build["changed"])


def _ratio(a: float | None, b: float | None) -> str:
    return "-" if not a or not b else f"{a / b:.2f}"


def _comparisons(runs: Sequence[Run]) -> list[str]:
    rows = []
    for r in runs:
        if not r["full"].get("ok"):
            continue
        cand = _candidates(r["full"])
        noop = r.get("noop", {})
        sf, sn, se = r.get("sphinx_full") or {}, r.get("sphinx_noop"), r.get("sphinx_edited")
        rows.append([
            _n(r),
            f"{cand['speedup']:.1f}x, same: {cand['same']}" if cand else "-",
            _ratio(noop.get("total"), r["full"]["total"]),
            _fmt(r.get("noop_files", {}).get("touched")),
            "-" if not sn else f"{_ratio(sn['seconds'], sf.get('seconds'))}; read {_read(sn)}",
            _fmt(r.get("edited_files", {}).get("touched")),
            "-" if not se else f"{_ratio(se['seconds'], sf.get('seconds'))}; read {_read(se)}",
        ])  # fmt: skip
    header = [
        "N", "LSH vs all pairs", "no-op ingest / full", "files touched by no-op",
        "Sphinx after no-op / full", "files touched by one edit", "Sphinx after edit / full",
    ]  # fmt: skip
    return _table(header, rows)


def _plot(runs: Sequence[Run]) -> str:
    done = [r for r in runs if r["full"].get("ok")]
    series = {
        "ingest (in process)": [(r["n"], r["full"]["total"]) for r in done],
        "ingest (process)": [(r["n"], r["full"]["wall_seconds"]) for r in done],
        "Sphinx full build": [
            (r["n"], r["sphinx_full"]["seconds"]) for r in done if r.get("sphinx_full")
        ],
    }
    return line_chart({k: v for k, v in series.items() if v}, "posts (N)", "seconds")


def _plot_lines(embed: bool) -> list[str]:
    """The plot as an image, or where to find it.

    The site's post-build scan (``tools/sphinxext/scan.py``) refuses any file a page copies
    into ``_images/``, so the image is embedded only when asked (``--embed-plot``), once
    the scan lets this one SVG through.
    """
    if embed:
        return ["![Ingest and Sphinx build time against N](_static/bench-time.svg)"]
    return [
        "The plot of these times against N (log-log, with lines of linear growth) is",
        "`docs/_static/bench-time.svg` in the repository.",
    ]


def page(
    results: Mapping[str, Any], embed: bool = False, search: Mapping[str, Any] | None = None
) -> str:
    """The MyST text of docs/performance.md."""
    runs, info = results["runs"], results["machine"]
    lines = [
        "# Performance at scale",
        "",
        "How the ingest pipeline and the Sphinx build behave on synthetic archives of N blog",
        "posts built from the words, names and headings of the real blog texts, with known",
        "exact copies, near copies (words changed, re-spaced, re-encoded) and excerpts, so",
        "splitting and de-duplication can be scored against a truth file. The machine is",
        "shared, so comparisons are ratios within this one run, and the full ingest of each",
        "size is timed several times (`--repeat`, each in a fresh process): the median run",
        "is the one reported.",
        "",
        "Re-run (this page, the plot and the raw results are rewritten):",
        "",
        "```console",
        f"$ {results['command'].strip()}",
        "```",
        "",
        "## Machine",
        "",
        *_table(
            ["", ""],
            [
                ["CPU", f"{info['cpu_model']}, {info['cpus']} CPUs ({info['cpus_usable']} usable)"],
                ["memory", _fmt(info["memory_gib"], " GiB", 1)],
                ["load average at start", ", ".join(map(str, info["load_average"]))],
                ["Python / Sphinx", f"{info['python']} / {info['sphinx']}"],
                ["code measured", info["code"]],
                [
                    "MyST-Parser / furo / datasketch",
                    f"{info['myst_parser']} / {info['furo']} / {info['datasketch']}",
                ],
            ],
        ),
        "",
        "## Targets",
        "",
        *_table(
            ["target", "measured", "met"],
            [
                [v.target, v.measured, {True: "yes", False: "**no**", None: "not measured"}[v.met]]
                for v in verdicts(runs, results.get("lines") or ())
            ],
        ),
        "",
        "## Time by stage",
        "",
        *_stages_table(runs),
        "",
        *_plot_lines(embed),
        "",
        "## Comparisons (ratios within this run)",
        "",
        *_comparisons(runs),
        "",
        "## Each size",
        "",
    ]
    for run in runs:
        lines += _size_section(run)
    lines += _lines_section(results.get("lines") or ())
    lines += _search_section(search)
    lines += ["Raw results: `docs/_static/bench-results.json` in the repository.", ""]
    return "\n".join(lines)


def _lines_section(runs: Sequence[Run]) -> list[str]:
    """The split stage on one blog file of N short lines (:mod:`.lines`)."""
    if not runs:
        return []
    lines = [
        "## Split on short lines",
        "",
        "One blog file of N short lines, a title-like line and a line of prose in turn, none",
        "strong enough to start a post: the worst case for a splitter that looks back over",
        "the post it builds. Load, clean and split run in a fresh process, the sizes taking",
        "turns; the split time is the CPU time of the split stage, the median of the runs",
        "(its wall time beside it). Linear growth is 10x for 10x the lines.",
        "",
    ]
    rows = []
    first: float | None = None
    for run in runs:
        if not run.get("ok"):
            rows.append([f"{run['lines']:,}", "failed", "-", "-", "-", "-", "-"])
            continue
        seconds = float(run["split_seconds"])
        first = first or seconds
        rows.append(
            [
                f"{run['lines']:,}",
                f"{run['blocks']:,} / {run['posts']:,}",
                f"{seconds:.2f} ({', '.join(f'{s:.2f}' for s in run['splits'])})",
                f"{seconds / first:.1f}x",
                _fmt(run.get("split_wall_seconds")),
                f"{float(run['clean_seconds']):.2f}",
                f"{float(run['peak_mb']):.0f}",
            ]
        )
    header = [
        "lines", "blocks / posts", "split CPU s (runs)", "vs the first", "split wall s",
        "clean s", "peak MB",
    ]  # fmt: skip
    return [*lines, *_table(header, rows), ""]


#: Where the browser test ``test_measure_search`` leaves its figures for this page.
SEARCH_METRICS = "search-metrics.json"


def _search_section(search: Mapping[str, Any] | None) -> list[str]:
    """Search on the real site, measured in headless Chromium by the browser tests."""
    lines = ["## Search in the browser (the real site)", ""]
    command = (
        f"KB_SEARCH_METRICS=docs/_static/{SEARCH_METRICS} "
        "python -m pytest tests/test_browser.py -k measure_search -s"
    )
    if not search:
        return [*lines, f"Not measured yet: run `{command}`, then the benchmark.", ""]
    return [
        *lines,
        f"Measured with `{command}` ({search.get('browser', 'a browser')}): the query "
        f"“{search['query']}” on the built site, served over HTTP.",
        "",
        *_table(
            ["", ""],
            [
                ["pages indexed", _fmt(search.get("pages_indexed"), digits=0)],
                ["Pagefind bundle, all files", _kib(search.get("bundle_bytes"))],
                [
                    "of which index data (index, fragments, filters)",
                    _kib(search.get("index_bytes")),
                ],
                ["fetched by 6 searches", _kib(search.get("search_bytes"))],
                ["results", _fmt(search.get("results"), digits=0)],
                ["first query (loads the index)", _fmt(search.get("first_query_ms"), " ms", 0)],
                ["next queries, median of 5", _fmt(search.get("median_query_ms"), " ms", 1)],
            ],
        ),
        "",
    ]


def write_report(results: Mapping[str, Any], out: Path, embed: bool = False) -> None:
    """Write the page to ``out`` and the plot and raw JSON to ``_static/`` beside it."""
    static = out.parent / "_static"
    static.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(results, indent=1, sort_keys=True, ensure_ascii=False)
    (static / "bench-results.json").write_text(raw + "\n", encoding="utf-8")
    if any(r["full"].get("ok") for r in results["runs"]):
        (static / "bench-time.svg").write_text(_plot(results["runs"]), encoding="utf-8")
    metrics = static / SEARCH_METRICS
    search = json.loads(metrics.read_text(encoding="utf-8")) if metrics.is_file() else None
    out.write_text(page(results, embed, search), encoding="utf-8")
