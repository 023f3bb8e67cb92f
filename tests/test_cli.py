"""The command line end to end: ``python -m tools.ingest`` on the real sources and on bad ones.

These run the whole pipeline in a fresh process, as a maintainer or CI does, so they catch
what unit tests cannot: output that depends on the hash seed, a no-op run that rewrites
files, a bad source that leaves half-written output or prints a traceback.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


def ingest(
    sources: Path, out: Path, *args: str, seed: str = "0", base_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KB_BASEURL"}
    env.update({"PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)})
    if base_url is not None:
        env["KB_BASEURL"] = base_url
    return subprocess.run(
        [sys.executable, "-m", "tools.ingest", "--sources", str(sources), "--out", str(out), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


def tree(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: its digest and mtime, by relative path."""
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    (out / "index.md").write_text("# Hand-written\n", encoding="utf-8")
    result = ingest(SOURCES, out)
    assert result.returncode == 0, result.stderr
    return out


def test_the_sources_are_never_modified(tmp_path: Path) -> None:
    before = tree(SOURCES)
    assert ingest(SOURCES, tmp_path).returncode == 0
    assert tree(SOURCES) == before


def test_output_is_byte_identical_whatever_the_hash_seed_or_file_order(
    built: Path, tmp_path: Path
) -> None:
    # Copy the sources in reverse order, so directory order differs from the first run.
    sources = tmp_path / "sources"
    for path in sorted(SOURCES.rglob("*"), reverse=True):
        target = sources / path.relative_to(SOURCES)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    out = tmp_path / "out"
    assert ingest(sources, out, seed="12345").returncode == 0
    first = {k: v[0] for k, v in tree(built).items() if k != "index.md"}
    second = {k: v[0] for k, v in tree(out).items()}
    assert first == second


def test_a_run_with_nothing_changed_rewrites_no_file(built: Path) -> None:
    before = tree(built)
    result = ingest(SOURCES, built)
    assert result.returncode == 0, result.stderr
    assert "nothing changed" in result.stdout
    assert tree(built) == before


def test_a_full_run_with_nothing_changed_rewrites_no_file_either(built: Path) -> None:
    """``--full`` runs every stage; the write stage still leaves equal files alone."""
    before = tree(built)
    result = ingest(SOURCES, built, "--full")
    assert result.returncode == 0, result.stderr
    assert "nothing changed" in result.stdout
    assert tree(built) == before


def test_a_skipped_run_still_prints_the_report(built: Path) -> None:
    result = ingest(SOURCES, built)
    assert "nothing changed" in result.stdout
    assert "5 sources -> 12 posts" in result.stdout


def test_a_page_edited_by_hand_is_restored_though_no_source_changed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert ingest(SOURCES, out).returncode == 0
    page = out / "people" / "anne-rogers.md"
    original = page.read_bytes()
    page.write_text("edited by hand\n", encoding="utf-8")
    result = ingest(SOURCES, out)
    assert result.returncode == 0, result.stderr
    assert "1 written" in result.stdout
    assert page.read_bytes() == original


def test_a_changed_source_is_never_skipped(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    out = tmp_path / "out"
    assert ingest(sources, out).returncode == 0
    article = next((sources / "articles").glob("*.txt"))
    article.write_bytes(article.read_bytes() + b"\nA closing line added for this test.\n")
    result = ingest(sources, out)
    assert result.returncode == 0, result.stderr
    assert "nothing changed" not in result.stdout
    assert "A closing line added for this test" in "".join(
        p.read_text(encoding="utf-8") for p in (out / "documents").glob("*.md")
    )


def test_the_report_is_printed_and_written(built: Path) -> None:
    result = ingest(SOURCES, built, "--check")
    assert result.returncode == 0, result.stderr
    assert "copies merged" in result.stdout
    assert "merged blog/archive-seminars-4-5-6.txt" in result.stdout
    page = (built / "documents" / "report.md").read_text(encoding="utf-8")
    assert "# Ingest report" in page


BAD_INPUTS = {
    "an empty file": ("blog/empty.txt", b""),
    "a whitespace-only file": ("blog/blank.txt", b" \n\t\n"),
    "a binary file": ("blog/picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)),
    "HTML with no text": ("blog/empty.html", b"<html><body><script>x()</script></body></html>"),
    "an unknown kind folder": ("podcasts/episode.txt", b"A transcript.\n"),
    "a broken sidecar": ("blog/archive-seminar-6-and-4.yaml", b"url: [unclosed\n"),
    "an unknown sidecar field": ("blog/archive-seminar-6-and-4.yaml", b"auther: Someone\n"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_refused_clearly_and_the_output_is_untouched(
    built: Path, tmp_path: Path, name: str
) -> None:
    relative, data = BAD_INPUTS[name]
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / relative).parent.mkdir(parents=True, exist_ok=True)
    (sources / relative).write_bytes(data)
    before = tree(built)
    result = ingest(sources, built)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(str(sources / relative.split("/")[0])) or relative in first
    assert ":" in first.split(" ", 1)[0]  # path:line:
    assert tree(built) == before


def test_a_bad_site_address_is_refused_in_one_line_and_the_output_is_untouched(
    built: Path,
) -> None:
    before = tree(built)
    result = ingest(SOURCES, built, base_url="www.example.org")
    assert result.returncode == 2
    assert result.stderr.startswith("ingest: KB_BASEURL must be the site's address")
    assert "'www.example.org'" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert tree(built) == before


def test_a_new_site_address_is_never_skipped(tmp_path: Path) -> None:
    """The references carry the address, so a run with another one rewrites them (the
    state's digest includes it), and going back gives the first bytes again."""
    out = tmp_path / "out"
    assert ingest(SOURCES, out).returncode == 0
    first = tree(out)
    result = ingest(SOURCES, out, base_url="https://example.org/kb/")
    assert result.returncode == 0
    assert "nothing changed" not in result.stdout
    assert (
        b"https://example.org/kb/seminars/seminar-4.html"
        in (out / "cite" / "seminar-4.bib").read_bytes()
    )
    assert ingest(SOURCES, out).returncode == 0
    assert {k: v[0] for k, v in tree(out).items()} == {k: v[0] for k, v in first.items()}


def test_all_problems_are_reported_in_one_run(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "blog" / "empty.txt").write_bytes(b"")
    (sources / "slides" / "blank.txt").write_bytes(b"\n\n")
    result = ingest(sources, tmp_path / "out")
    assert result.returncode == 1
    assert "empty.txt" in result.stderr
    assert "blank.txt" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    (sources / "blog").mkdir(parents=True)
    (sources / "blog" / "empty.txt").write_bytes(b"")
    result = ingest(sources, tmp_path / "out", "--debug")
    assert result.returncode != 0
    assert "Traceback" in result.stderr


NEW_POST = """A day of co-production in Bradford

Thirty people met in Bradford to talk about peer support and shared decision-making.

The day ended with a long discussion of what reciprocity asks of services.
"""


def test_deleting_a_source_removes_its_pages_and_only_those(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "blog" / "bradford-day.txt").write_text(NEW_POST, encoding="utf-8")
    out = tmp_path / "out"
    assert ingest(sources, out).returncode == 0
    page = "documents/a-day-of-co-production-in-bradford.md"
    assert (out / page).exists()
    before = tree(out)
    (sources / "blog" / "bradford-day.txt").unlink()
    result = ingest(sources, out)
    assert result.returncode == 0, result.stderr
    after = tree(out)
    assert page not in after
    removed = set(before) - set(after)
    cite = [
        f"cite/a-day-of-co-production-in-bradford{suffix}" for suffix in (".bib", ".json", ".ris")
    ]
    assert removed == {page, *cite}  # the page, and how to cite it
    # Pages of other documents are not rewritten unless a link on them changed.
    others = [p for p in before if p.startswith("documents/") and p in after]
    unchanged = [p for p in others if after[p] == before[p]]
    assert len(unchanged) >= 8
