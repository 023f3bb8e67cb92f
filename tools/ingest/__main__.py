"""Command line: ``python -m tools.ingest [--sources DIR] [--out DIR] [--check] [--accept NAME]``.

The site's own address, when it has one, comes from the environment variable
``KB_BASEURL`` (``https://example.org/kb/``): the references of documents and seminars
then give their pages' addresses (see :mod:`.pages`).

Exit codes: 0 done, 1 the input has problems (each printed as ``path:line: message``),
2 the command line itself (or ``KB_BASEURL``) is wrong, 130 and 143 the run was stopped
by Ctrl-C (SIGINT) or SIGTERM (see :mod:`.interrupt`): one line says so, and nothing was written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import InputError
from .interrupt import Interrupted, handled


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools.ingest",
        description="Turn the raw texts in SOURCES into MyST pages and catalog.json under OUT.",
    )
    parser.add_argument("--sources", type=Path, default=Path("sources"), help="default: sources")
    parser.add_argument("--out", type=Path, default=Path("docs"), help="default: docs")
    parser.add_argument(
        "--check",
        action="store_true",
        help="check every source, sidecar and registry and print the report; write nothing",
    )
    parser.add_argument(
        "--accept",
        metavar="NAME",
        action="append",
        default=[],
        help="add a person the rules discovered to sources/registry/people.yaml (repeatable)",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="run every stage even if no source, rule or code changed since the last run",
    )
    parser.add_argument("--quiet", action="store_true", help="print one summary line only")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with handled():
        try:
            return _main(args)
        except Interrupted as stop:
            if args.debug:
                raise
            print(f"ingest: {stop}.", file=sys.stderr)
            return stop.code


def _main(args: argparse.Namespace) -> int:
    # Imported here, under the signal handlers: a Ctrl-C while the libraries load (a
    # good part of a short run) stops as cleanly as one during the stages.
    from . import accept, pages, report
    from .pipeline import Options, build, run

    try:
        base_url = pages.base_url(os.environ.get(pages.BASE_URL_VARIABLE))
    except ValueError as error:
        print(f"ingest: {error}.", file=sys.stderr)
        return 2
    options = Options(sources=args.sources, out=args.out, full=args.full, base_url=base_url)
    try:
        if args.accept:
            outcome = build(options)
            for line in accept.accept(options.sources, outcome.linked, args.accept):
                print(line)
            return 0
        if args.check:
            outcome = build(options)
            print(report.render_text(outcome.report), end="")
            print("check: every source, sidecar and registry is valid.")
            return 0
        result = run(options)
    except InputError as error:
        if args.debug:
            raise
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            f"ingest: {len(error.problems)} problem(s) found; nothing was written.",
            file=sys.stderr,
        )
        return 1
    except (OSError, RuntimeError) as error:
        # A full disk, a permission problem, or another run holding the output's lock:
        # the output folder is as it was before this run (see write.py).
        if args.debug:
            raise
        print(f"ingest: {error}; the previous output was left as it was.", file=sys.stderr)
        return 1
    if not args.quiet:
        print(result.report, end="")
    print(f"ingest: wrote {args.out}: {result.written.summary()}")
    return 0


if __name__ == "__main__":
    code = main()
    if code in (130, 143):
        # Interrupted: everything to undo was undone as the exception unwound. Leave now
        # rather than wait, at interpreter exit, for threads of the worker pool it cut
        # short (the workers themselves are killed, see parallel.py).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
