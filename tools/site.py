"""Build the site the one way every path builds it: ingest, Sphinx, search index.

``nox -s build``, the live preview (:mod:`tools.preview`) and the tests that compare an
incremental build with a fresh one all run these three steps, so what a maintainer
previews is what a fresh clone publishes::

    python -m tools.site [--sources DIR] [--docs DIR] [--quiet] [SPHINX-OPTION ...]

1. ``python -m tools.ingest``: sources to MyST pages and ``catalog.json`` under DOCS;
2. ``sphinx-build -W --keep-going -n -j auto -b html DOCS DOCS/_build/html``, warnings
   as errors; the project's extension deletes pages of documents that no longer exist;
3. ``python -m tools.sphinxext.search_index``: the Pagefind index and the offline index.

Each step runs as its own process, and the first that fails ends the build with its exit
code; its own messages say what is wrong (an ingest problem is ``path:line: ...``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Where the HTML goes, under the docs folder.
HTML = Path("_build") / "html"


@dataclass(frozen=True)
class Step:
    """One command of the build, and what it is for the messages."""

    name: str
    command: tuple[str, ...]


def steps(
    sources: Path, docs: Path, *, quiet: bool = False, sphinx_options: Sequence[str] = ()
) -> tuple[Step, ...]:
    """The three commands that build ``docs`` from ``sources``."""
    html = docs / HTML
    python = sys.executable
    ingest = [python, "-m", "tools.ingest", "--sources", str(sources), "--out", str(docs)]
    sphinx = [python, "-m", "sphinx", "-W", "--keep-going", "-n", "-j", "auto", "-b", "html"]
    return (
        Step("ingest", (*ingest, *(["--quiet"] if quiet else []))),
        Step(
            "sphinx", (*sphinx, *(["-q"] if quiet else []), *sphinx_options, str(docs), str(html))
        ),
        Step("search index", (python, "-m", "tools.sphinxext.search_index", str(html))),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the steps in order; stop at the first that fails and return its exit code."""
    parser = argparse.ArgumentParser(prog="python -m tools.site", description=__doc__)
    parser.add_argument("--sources", type=Path, default=Path("sources"), help="default: sources")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="default: docs")
    parser.add_argument("--quiet", action="store_true", help="print summaries only")
    args, sphinx_options = parser.parse_known_args(argv)
    for step in steps(args.sources, args.docs, quiet=args.quiet, sphinx_options=sphinx_options):
        code = subprocess.run(step.command, check=False).returncode
        if code != 0:
            print(f"build: the {step.name} step failed (exit {code}); see above.", file=sys.stderr)
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
