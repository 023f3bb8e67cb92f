"""A build after a source is deleted is the build a fresh clone makes, search index included.

As a maintainer works: build the site (``python -m tools.site``, what ``nox -s build`` and
the preview run) with one more source than the repository has, delete that source, build
again in the same folders. Then build the repository's sources in fresh folders, as a new
clone would, and compare: the same files with the same bytes (Pagefind's own files are
named by a hash and not byte-stable run to run, so the index is compared by what it holds),
and no trace of the deleted source in any page or in either search index.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ("_build", "documents", "seminars", "people", "concepts", "cite", "catalog.json")
#: Not the site: Sphinx's pickled environment and build stamp.
NOT_SITE = (".doctrees", ".buildinfo")
#: Words only the deleted source has: its title, its author, its subject.
TRACES = ("zanzibar", "zybrowski")
EXTRA = """Zanzibar reflections on seminar 4

By Quentin Zybrowski

This post about the zanzibar method was written after seminar 4 on commissioning.
Quentin Zybrowski spoke about co-production and weak ties.
"""

pytestmark = pytest.mark.slow


def _copy(to: Path) -> tuple[Path, Path]:
    docs, sources = to / "docs", to / "sources"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns(*GENERATED, ".ingest-*"))
    shutil.copytree(ROOT / "sources", sources)
    return docs, sources


def _build(docs: Path, sources: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tools.site", "--sources", str(sources), "--docs", str(docs),
         "--quiet"],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def _site(html: Path) -> dict[str, bytes]:
    """Every file of the built site but Pagefind's, by path."""
    return {
        p.relative_to(html).as_posix(): p.read_bytes()
        for p in sorted(html.rglob("*"))
        if p.is_file() and p.relative_to(html).parts[0] not in (*NOT_SITE, "pagefind")
    }


def _pagefind_text(html: Path) -> str:
    """Everything Pagefind's index holds, decompressed (its files are gzipped)."""
    out = []
    for path in sorted((html / "pagefind").rglob("*")):
        if path.suffix in (".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta"):
            out.append(gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace"))
    return "\n".join(out).casefold()


def _pagefind_pages(html: Path) -> int:
    entry = json.loads((html / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    return sum(int(lang["page_count"]) for lang in entry["languages"].values())


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The maintainer's html after build, delete, build; a fresh clone's html; and what
    the maintainer's search index held before the delete."""
    kept_docs, kept_sources = _copy(tmp_path_factory.mktemp("maintainer"))
    extra = kept_sources / "blog" / "zanzibar-reflections.txt"
    extra.write_text(EXTRA, "utf-8")
    _build(kept_docs, kept_sources)
    before = _pagefind_text(kept_docs / "_build" / "html")
    extra.unlink()
    _build(kept_docs, kept_sources)
    fresh_docs, fresh_sources = _copy(tmp_path_factory.mktemp("fresh-clone"))
    _build(fresh_docs, fresh_sources)
    return kept_docs / "_build" / "html", fresh_docs / "_build" / "html", before


def test_the_deleted_source_was_in_the_first_build(builds: tuple[Path, Path, str]) -> None:
    """The checks below could fail: before the delete, every trace was there."""
    _, _, before = builds
    assert all(word in before for word in TRACES)


def test_the_rebuilt_site_is_the_fresh_clones(builds: tuple[Path, Path, str]) -> None:
    kept, fresh, _ = builds
    kept_files, fresh_files = _site(kept), _site(fresh)
    assert sorted(kept_files) == sorted(fresh_files)
    differ = [name for name in kept_files if kept_files[name] != fresh_files[name]]
    assert differ == []


def test_no_page_and_no_index_keeps_a_trace(builds: tuple[Path, Path, str]) -> None:
    kept, fresh, _ = builds
    for name, data in _site(kept).items():
        text = data.decode("utf-8", errors="replace").casefold()
        assert not any(word in text for word in TRACES), name
    assert not any(word in _pagefind_text(kept) for word in TRACES)
    assert _pagefind_pages(kept) == _pagefind_pages(fresh)
    assert not (kept / "searchindex.js").exists()  # Sphinx's own index is not built
