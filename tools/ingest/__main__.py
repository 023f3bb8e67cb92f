"""Command line: ``python -m tools.ingest [--sources DIR] [--out DIR] [--debug]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import InputError
from .pipeline import Options, run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.ingest",
        description="Turn the raw texts in SOURCES into MyST pages and catalog.json under OUT.",
    )
    parser.add_argument("--sources", type=Path, default=Path("sources"), help="default: sources")
    parser.add_argument("--out", type=Path, default=Path("docs"), help="default: docs")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")
    args = parser.parse_args(argv)
    try:
        result = run(Options(sources=args.sources, out=args.out))
    except InputError as error:
        if args.debug:
            raise
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"ingest: {len(error.problems)} problem(s); nothing was written.", file=sys.stderr)
        return 1
    print(
        f"ingest: {len(result.posts)} posts -> {len(result.documents)} documents; "
        f"{result.written.summary()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
