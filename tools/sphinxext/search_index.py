"""Build the site's search index with Pagefind, check it, and measure it.

Run after ``sphinx-build``::

    python -m tools.sphinxext.search_index docs/_build/html [--metrics FILE]

It runs ``python -m pagefind`` (the ``pagefind[bin]`` package) with the site's options,
writes the smaller index for a site opened from a file (:mod:`.offline_index`,
``kb-search-offline.js``) from the same pages, then checks what the search page relies
on: the index exists, it holds exactly the pages the templates marked for it
(``data-pagefind-body``), Pagefind added no HTML page, and the post-build scan
(:mod:`.scan`) still passes on every page. Pagefind's files live under ``pagefind/`` and
are loaded by ``_static/kb-search.js`` with ``import()``, so no page has a ``<script>``
that is not the site's own. It prints the index's size (and writes it as JSON with
``--metrics``) for the performance page.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from .offline_index import FILE as OFFLINE_FILE
from .offline_index import read_pages, write_index
from .scan import scan_html

BUNDLE: Final = "pagefind"
#: Parts of a page's body that are not its text: the ``¶`` permalinks of the headings.
EXCLUDE_SELECTORS: Final = (".headerlink",)


def pagefind_command(outdir: Path) -> list[str]:
    """The Pagefind command line for a built site."""
    command = [sys.executable, "-m", "pagefind", "--site", str(outdir), "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def marked_pages(outdir: Path) -> list[str]:
    """The HTML pages that ask to be indexed (an element with ``data-pagefind-body``)."""
    return [page.url for page in read_pages(outdir, skip=[BUNDLE])]


def metrics(outdir: Path) -> dict[str, int]:
    """Size of the index: pages in it, and the bytes and files of ``pagefind/``."""
    bundle, offline = outdir / BUNDLE, outdir / OFFLINE_FILE
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return {
        "pages_indexed": sum(int(lang["page_count"]) for lang in entry["languages"].values()),
        "html_pages": sum(
            1 for p in outdir.rglob("*.html") if p.relative_to(outdir).parts[0] != BUNDLE
        ),
        "bundle_bytes": sum(p.stat().st_size for p in files),
        "bundle_files": len(files),
        "index_bytes": sum(
            p.stat().st_size for p in files if p.parent.name in {"index", "fragment", "filter"}
        ),
        "offline_bytes": offline.stat().st_size if offline.is_file() else 0,
    }


def check_index(outdir: Path, marked: int | None = None) -> list[str]:
    """Every problem with a built index, as sentences that say what to fix.

    ``marked`` is the number of pages marked for the index, when the caller has read them.
    """
    bundle = outdir / BUNDLE
    if not (bundle / "pagefind-entry.json").is_file():
        return [f"{bundle}: no Pagefind index; run {' '.join(pagefind_command(outdir))}"]
    problems = [
        f"{path.relative_to(outdir)}: Pagefind wrote an HTML page (the playground?); "
        "build without --write-playground"
        for path in sorted(bundle.rglob("*.html"))
    ]
    if marked is None:
        marked = len(marked_pages(outdir))
    indexed = metrics(outdir)["pages_indexed"]
    if marked != indexed:
        problems.append(
            f"{indexed} pages indexed but {marked} marked with data-pagefind-body: the "
            "index is stale or Pagefind skipped pages; rebuild it after sphinx-build"
        )
    problems += scan_html(outdir)
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Index, check, print the metrics; exit 1 on a problem."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="a built HTML site (docs/_build/html)")
    parser.add_argument("--metrics", type=Path, help="write the index's size here as JSON")
    args = parser.parse_args(argv)
    if not (args.outdir / "index.html").is_file():
        parser.error(f"{args.outdir} is not a built site (no index.html); run sphinx-build")
    # Pagefind names its files by content hash and never removes old ones.
    shutil.rmtree(args.outdir / BUNDLE, ignore_errors=True)
    subprocess.run(pagefind_command(args.outdir), check=True)
    pages = read_pages(args.outdir, skip=[BUNDLE])
    write_index(args.outdir, pages)
    problems = check_index(args.outdir, len(pages))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    found = metrics(args.outdir)
    text = json.dumps(found, indent=2, sort_keys=True) + "\n"
    if args.metrics:
        args.metrics.write_text(text, "utf-8")
    print(
        f"search index: {found['pages_indexed']} pages, "
        f"{found['bundle_bytes'] / 1024:.0f} KiB in {found['bundle_files']} files"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
