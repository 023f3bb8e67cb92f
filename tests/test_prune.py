"""What the post-build pruning deletes: pages and source copies no build made.

``stale_files`` on a folder laid out like a built site (the build's own pages, one page
of a deleted document, theme files, Pagefind's files), then ``remove_empty_folders``.
"""

from __future__ import annotations

from pathlib import Path

from tools.sphinxext.prune import remove_empty_folders, stale_files

FILES = [
    "index.html",
    "search.html",
    "documents/kept.html",
    "documents/gone.html",
    "people/gone-person.html",
    "_sources/documents/kept.md.txt",
    "_sources/documents/gone.md.txt",
    "_static/theme.html",  # a theme's file: never the builder's page
    "pagefind/fragment/x.pf_fragment",
    "catalog.json",
    "kb-search-offline.js",
]


def test_only_pages_no_build_made_are_stale(tmp_path: Path) -> None:
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    pages = {"index.html", "search.html", "documents/kept.html"}
    sources = {"_sources/documents/kept.md.txt"}
    stale = [p.relative_to(tmp_path).as_posix() for p in stale_files(tmp_path, pages, sources)]
    assert stale == [
        "_sources/documents/gone.md.txt",
        "documents/gone.html",
        "people/gone-person.html",
    ]
    for name in stale:
        (tmp_path / name).unlink()
    remove_empty_folders(tmp_path)
    assert not (tmp_path / "people").exists()
    assert (tmp_path / "documents" / "kept.html").is_file()
    assert (tmp_path / "pagefind" / "fragment" / "x.pf_fragment").is_file()
