"""The Sphinx side of the benchmark: a copy of the project's site, built and indexed.

A benchmark folder is laid out like the project (``sources/``, ``docs/``, ``tools/``), so
the project's own ``docs/conf.py`` works there unchanged: ``docs/`` holds a copy of the
hand-written files only (the pages the ingest writes are left out, so the ingest writes
them afresh) and ``tools`` links to a copy of the project's code taken when the run
started (:func:`freeze`). The project's own sources are
copied in beside the synthetic ones: the registries (``sources/registry/``) cite lines
of the real texts and the ingest refuses a registry whose citations do not resolve. So
an archive of N synthetic posts is ingested together with the few real texts; only the
synthetic files are scored.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from tools.ingest.write.swap import CATALOG, OWNED

from .procs import environment, measured, tail, tree_size

#: What ``python -m tools.ingest`` writes into ``docs/``, and what a build leaves there;
#: none of it is hand-written.
GENERATED = frozenset({*OWNED, CATALOG, "_build"})
_UPDATED = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")


def _ignore(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n in GENERATED or n.startswith(".ingest")}


def freeze(project: Path, copy: Path) -> Path:
    """Copy the project's code, hand-written docs and real sources to ``copy``; return it.

    A run takes many minutes while the project's code may be edited: every measurement
    of one run uses this one copy, so that a no-op re-run compares the code with itself.
    """
    copy.mkdir(parents=True)
    code: Callable[[str, list[str]], set[str]] = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(project / "tools", copy / "tools", ignore=code)
    shutil.copytree(project / "sources", copy / "sources")
    docs: Callable[[str, list[str]], set[str]] = _ignore
    shutil.copytree(project / "docs", copy / "docs", ignore=docs)
    return copy


def prepare(project: Path, work: Path) -> Path:
    """Lay ``work`` out like ``project`` around its generated ``sources/``; return docs/."""
    docs = work / "docs"
    ignore: Callable[[str, list[str]], set[str]] = _ignore
    shutil.copytree(project / "docs", docs, ignore=ignore)
    (work / "tools").symlink_to(project / "tools", target_is_directory=True)
    real = project / "sources"
    for path in sorted(real.rglob("*")):
        target = work / "sources" / path.relative_to(real)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif target.exists():
            raise FileExistsError(f"{target}: a synthetic source has the name of a real one")
        else:
            shutil.copy2(path, target)
    return docs


@dataclass(frozen=True)
class Build:
    seconds: float
    peak_mb: float
    ok: bool
    added: int | None  # documents Sphinx read because they are new
    changed: int | None  # ... because they changed
    removed: int | None
    warnings: int
    error: str = ""
    warning_lines: tuple[str, ...] = ()  # the first few, to say what they were


def build(work: Path, timeout: float | None = None) -> Build:
    """``sphinx-build -j auto -b html`` of ``work/docs``, full or incremental."""
    command: list[str | Path] = [
        sys.executable, "-m", "sphinx", "-j", "auto", "-b", "html",
        "-d", work / "doctrees", work / "docs", work / "html",
    ]  # fmt: skip
    done = measured(command, cwd=work, env=environment(work), timeout=timeout)
    counts = _UPDATED.search(done.stdout)
    added, changed, removed = (int(g) for g in counts.groups()) if counts else (None,) * 3
    return Build(
        seconds=done.seconds,
        peak_mb=done.peak_mb,
        ok=done.returncode == 0,
        added=added,
        changed=changed,
        removed=removed,
        warnings=sum("WARNING" in line for line in done.stderr.splitlines()),
        error="" if done.returncode == 0 else tail(done.stderr),
        warning_lines=tuple(line for line in done.stderr.splitlines() if "WARNING" in line)[:5],
    )


def indexes(work: Path) -> dict[str, object]:
    """Sizes of the built site, of Sphinx's search index and of a Pagefind index."""
    html = work / "html"
    search = html / "searchindex.js"
    result: dict[str, object] = {
        "html_bytes": tree_size(html),
        "searchindex_bytes": search.stat().st_size if search.exists() else None,
    }
    bundle = work / "pagefind"
    command: list[str | Path] = [sys.executable, "-m", "pagefind", "--site", html]
    command += ["--output-path", bundle, "--quiet"]
    done = measured(command, cwd=work, env=environment(work))
    result["pagefind"] = {
        "ok": done.returncode == 0,
        "seconds": done.seconds,
        "bytes": tree_size(bundle),
        "error": "" if done.returncode == 0 else tail(done.stderr or done.stdout),
    }
    return result


def as_dict(value: Build) -> dict[str, object]:
    return asdict(value)
