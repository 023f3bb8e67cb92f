"""The up-to-date check (tools/ingest/state.py): what makes a run skippable, and what not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.ingest import state


def _sources(root: Path) -> Path:
    (root / "blog").mkdir(parents=True)
    (root / "blog" / "post.txt").write_text("A title\n\nSome text.\n", encoding="utf-8")
    return root


def _written(out: Path, files: dict[str, bytes], inputs: str) -> state.State:
    for path, data in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    last = state.State(inputs, state.file_digests(files), "report\n")
    state.write_state(out, last)
    return last


FILES = {"documents/a.md": b"# A\n", "catalog.json": b"{}\n"}


def test_the_digest_changes_with_any_source_byte_or_name(tmp_path: Path) -> None:
    sources = _sources(tmp_path / "sources")
    first = state.inputs_digest(sources)
    assert state.inputs_digest(sources) == first
    post = sources / "blog" / "post.txt"
    post.write_text("A title\n\nSome text!\n", encoding="utf-8")
    second = state.inputs_digest(sources)
    assert second != first
    post.rename(sources / "blog" / "renamed.txt")
    assert state.inputs_digest(sources) not in (first, second)


def test_the_digest_changes_with_the_site_address(tmp_path: Path) -> None:
    sources = _sources(tmp_path / "sources")
    unset = state.inputs_digest(sources)
    assert state.inputs_digest(sources, None) == unset
    one = state.inputs_digest(sources, "https://example.org/kb/")
    assert one != unset
    assert state.inputs_digest(sources, "https://example.org/other/") not in (unset, one)


def test_a_written_state_is_read_back_and_up_to_date(tmp_path: Path) -> None:
    inputs = state.inputs_digest(_sources(tmp_path / "sources"))
    out = tmp_path / "out"
    out.mkdir()
    last = _written(out, FILES, inputs)
    assert state.read_state(out) == last
    assert state.up_to_date(out, state.read_state(out), inputs)
    assert not state.up_to_date(out, last, "another digest")


def _same_bytes_behind_a_link(out: Path) -> None:
    """The page replaced by a link to a file with the same bytes: not what was written."""
    page = out / "documents" / "a.md"
    elsewhere = out.parent / "elsewhere.md"
    elsewhere.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(elsewhere)


@pytest.mark.parametrize(
    "change",
    [
        lambda out: (out / "documents" / "a.md").write_bytes(b"# B\n"),
        lambda out: (out / "documents" / "a.md").unlink(),
        lambda out: (out / "documents" / "extra.md").write_bytes(b"# stray\n"),
        lambda out: (out / "catalog.json").unlink(),
        _same_bytes_behind_a_link,
    ],
    ids=["edited", "deleted", "added", "no-catalog", "symlink"],
)
def test_any_change_to_the_output_means_a_full_run(tmp_path: Path, change: object) -> None:
    out = tmp_path / "out"
    out.mkdir()
    last = _written(out, FILES, "inputs")
    change(out)  # type: ignore[operator]
    assert not state.up_to_date(out, last, "inputs")


@pytest.mark.parametrize(
    "text", ["", "not json", "[]", '{"format": 1}', '{"format": 99, "inputs": "", "outputs": {}}']
)
def test_an_unusable_state_file_is_ignored(tmp_path: Path, text: str) -> None:
    (tmp_path / state.STATE).write_text(text, encoding="utf-8")
    assert state.read_state(tmp_path) is None
