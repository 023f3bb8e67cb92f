"""The write stage: only what changed is written, all at once, and a failure harms nothing.

Every test compares snapshots of the whole output folder (bytes, mtime and inode of each
file), so "untouched" means untouched: not rewritten with the same bytes either.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from tools.ingest import write
from tools.ingest.write import LOCK, WriteReport, check_path, write_output
from tools.ingest.write import swap as write_swap
from tools.ingest.write.swap import JOURNAL, OLD, STAGING_PREFIX

Snapshot = dict[str, tuple[bytes, int, int]]

FILES: dict[str, bytes] = {
    "documents/a.md": b"# A\n",
    "documents/b.md": b"# B\n",
    "documents/sub/c.md": b"# C\n",
    "people/p.md": b"# P\n",
    "seminars/seminar-1.md": b"# S1\n",
    "catalog.json": b'{"documents": []}\n',
}
HAND_WRITTEN: dict[str, bytes] = {
    "index.md": b"# Home\n",
    "conf.py": b"project = 'x'\n",
    "_static/site.css": b"body {}\n",
    "documents.md": b"# Not the folder\n",
    "notes/people/x.md": b"# Nested, not owned\n",
}


def snapshot(out: Path) -> Snapshot:
    """Every file under ``out`` (but the lock file) with its bytes, mtime and inode."""
    result: Snapshot = {}
    for path in sorted(out.rglob("*")):
        if path.is_file() and path.name != LOCK:
            stat = path.stat()
            name = path.relative_to(out).as_posix()
            result[name] = (path.read_bytes(), stat.st_mtime_ns, stat.st_ino)
    return result


def contents(out: Path) -> dict[str, bytes]:
    return {name: data for name, (data, _, _) in snapshot(out).items()}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output folder with hand-written files and a first generated output."""
    folder = tmp_path / "docs"
    for name, data in HAND_WRITTEN.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    write_output(folder, FILES)
    return folder


def test_first_run_writes_everything(tmp_path: Path) -> None:
    report = write_output(tmp_path / "docs", FILES)
    assert report == WriteReport(written=6, unchanged=0, deleted=0)
    assert contents(tmp_path / "docs") == FILES


def test_unchanged_run_writes_nothing(out: Path) -> None:
    before = snapshot(out)
    report = write_output(out, FILES)
    assert report == WriteReport(written=0, unchanged=6, deleted=0)
    assert report.summary() == "nothing changed (6 files)"
    assert snapshot(out) == before


def test_only_the_changed_file_is_rewritten(out: Path) -> None:
    before = snapshot(out)
    report = write_output(out, {**FILES, "documents/b.md": b"# B, edited\n"})
    assert report == WriteReport(written=1, unchanged=5, deleted=0)
    after = snapshot(out)
    assert after["documents/b.md"][0] == b"# B, edited\n"
    assert {k: v for k, v in after.items() if k != "documents/b.md"} == {
        k: v for k, v in before.items() if k != "documents/b.md"
    }


def test_a_stale_file_is_deleted_and_nothing_else(out: Path) -> None:
    before = snapshot(out)
    files = {k: v for k, v in FILES.items() if k != "documents/a.md"}
    report = write_output(out, files)
    assert report == WriteReport(written=0, unchanged=5, deleted=1)
    assert snapshot(out) == {k: v for k, v in before.items() if k != "documents/a.md"}


def test_a_folder_with_no_files_left_goes(out: Path) -> None:
    files = {k: v for k, v in FILES.items() if not k.startswith("people/")}
    assert write_output(out, files).deleted == 1
    assert not (out / "people").exists()
    assert contents(out) == {**HAND_WRITTEN, **files}


def test_the_catalog_can_be_removed(out: Path) -> None:
    files = {k: v for k, v in FILES.items() if k != "catalog.json"}
    assert write_output(out, files) == WriteReport(written=0, unchanged=5, deleted=1)
    assert not (out / "catalog.json").exists()


def test_stray_entries_in_an_owned_folder_are_cleared(out: Path) -> None:
    (out / "documents" / "empty").mkdir()
    (out / "documents" / "link.md").symlink_to(out / "index.md")
    report = write_output(out, FILES)
    assert report.deleted == 2  # the symlink and the empty folder
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["a.md", "b.md", "sub"]
    assert (out / "index.md").read_bytes() == HAND_WRITTEN["index.md"]


def test_hand_written_files_are_never_touched(out: Path) -> None:
    hand = {k: v for k, v in snapshot(out).items() if k in HAND_WRITTEN}
    write_output(out, {**FILES, "documents/new.md": b"new\n"})
    write_output(out, {"catalog.json": b"{}\n"})
    write_output(out, {})
    assert {k: v for k, v in snapshot(out).items()} == hand


BAD_PATHS = [
    "index.md", "conf.py", "documents", "documents/", "../documents/x.md", "/documents/x.md",
    "documents/../conf.py", "documents/./x.md", "documents//x.md", "documents\\x.md",
    "other/x.md", ".ingest-old/documents/x.md",
]  # fmt: skip


@pytest.mark.parametrize("path", BAD_PATHS)
def test_paths_outside_the_owned_set_are_refused(out: Path, path: str) -> None:
    before = snapshot(out)
    with pytest.raises(ValueError, match="not a path the pipeline writes"):
        write_output(out, {**FILES, path: b"x"})
    assert snapshot(out) == before


@pytest.mark.parametrize("path", ["documents/x.md", "people/sub/y.md", "catalog.json"])
def test_owned_paths_are_accepted(path: str) -> None:
    check_path(path)


def fail_after(count: int, error: BaseException, real: Callable[..., Any]) -> Callable[..., Any]:
    """A stand-in for ``real`` that works ``count`` times, then raises ``error``."""
    calls = {"n": 0}

    def stand_in(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > count:
            raise error
        return real(*args, **kwargs)

    return stand_in


CHANGED = {
    **{k: v for k, v in FILES.items() if k != "documents/a.md"},
    "documents/b.md": b"# B, edited\n",
    "people/q.md": b"# Q\n",
    "concepts/k.md": b"# K\n",
    "catalog.json": b'{"documents": ["b"]}\n',
}


@pytest.mark.parametrize("count", [0, 1, 3])
@pytest.mark.parametrize(
    "error", [OSError(errno.ENOSPC, "No space left on device"), RuntimeError("bug")]
)
def test_a_failure_while_staging_leaves_the_output_as_it_was(
    out: Path, monkeypatch: pytest.MonkeyPatch, count: int, error: BaseException
) -> None:
    before = snapshot(out)
    monkeypatch.setattr(write_swap, "write_new", fail_after(count, error, write_swap.write_new))
    with pytest.raises(type(error)):
        write_output(out, CHANGED)
    assert snapshot(out) == before
    assert sorted(p.name for p in out.glob(".ingest-*")) == [LOCK]


def test_a_run_killed_while_staging_is_cleaned_up_next_time(out: Path) -> None:
    leftover = out / f"{STAGING_PREFIX}99999" / "documents"
    leftover.mkdir(parents=True)
    (leftover / "half.md").write_bytes(b"half")
    report = write_output(out, CHANGED)
    assert not report.recovered
    assert contents(out) == {**HAND_WRITTEN, **CHANGED}
    assert not (out / f"{STAGING_PREFIX}99999").exists()


def renames_in_a_swap(out: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many renames a swap from the ``out`` fixture's state to CHANGED makes."""
    calls: list[tuple[Any, ...]] = []
    real = os.rename

    def counting(*args: Any) -> None:
        calls.append(args)
        real(*args)

    with monkeypatch.context() as patch:
        patch.setattr(os, "rename", counting)
        write_output(out, CHANGED)
    return len(calls)


def test_the_swap_renames_each_changed_folder(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # documents and people: aside and in (2 + 2); concepts is new: in only (1)
    assert renames_in_a_swap(out, monkeypatch) == 5


def kill_on_out(out: Path, count: int, error: BaseException) -> Callable[[Path], None]:
    """An ``fsync_dir`` that dies on its ``count``-th call for ``out`` (from 0)."""
    calls = {"n": 0}
    real = write_swap.fsync_dir

    def stand_in(directory: Path) -> None:
        if directory == out:
            if calls["n"] == count:
                raise error
            calls["n"] += 1
        real(directory)

    return stand_in


#: Where a run can die once its journal exists: (what dies, after how many calls).
#: A swap writes the journal (os.replace, then fsync of out), makes five renames,
#: replaces the catalog (os.replace), fsyncs out, then removes the journal.
KILL_POINTS = [
    ("fsync", 0),  # journal written, nothing swapped
    *(("rename", n) for n in range(5)),  # folders half swapped
    ("replace", 1),  # folders swapped, catalog not
    ("fsync", 1),  # everything swapped, journal still there
]


@pytest.mark.parametrize(("what", "count"), KILL_POINTS)
def test_a_run_killed_mid_swap_is_completed_by_the_next(
    out: Path, monkeypatch: pytest.MonkeyPatch, what: str, count: int
) -> None:
    hand = {k: v for k, v in snapshot(out).items() if k in HAND_WRITTEN}
    kill = KeyboardInterrupt()  # what a signal looks like in Python: no cleanup may run
    with monkeypatch.context() as patch:
        if what == "rename":
            patch.setattr(os, "rename", fail_after(count, kill, os.rename))
        elif what == "replace":
            patch.setattr(os, "replace", fail_after(count, kill, os.replace))
        else:
            patch.setattr(write_swap, "fsync_dir", kill_on_out(out, count, kill))
        with pytest.raises(KeyboardInterrupt):
            write_output(out, CHANGED)
    assert (out / JOURNAL).exists()
    report = write_output(out, CHANGED)
    assert report.recovered
    assert report.written == 0
    assert report.summary().endswith("completed an interrupted run")
    assert contents(out) == {**HAND_WRITTEN, **CHANGED}
    assert {k: v for k, v in snapshot(out).items() if k in HAND_WRITTEN} == hand
    assert not (out / OLD).exists()
    assert not (out / JOURNAL).exists()


def test_a_tampered_journal_stops_the_run(out: Path) -> None:
    journal: Mapping[str, Any] = {
        "staging": "../../etc",
        "swap": ["documents"],
        "present": [],
        "catalog": "keep",
    }
    (out / JOURNAL).write_text(json.dumps(journal), "utf-8")
    before = snapshot(out)
    with pytest.raises(RuntimeError, match="journal"):
        write_output(out, FILES)
    assert snapshot(out) == before


def test_the_summary_counts() -> None:
    assert WriteReport(2, 3, 1).summary() == "2 written, 3 unchanged, 1 deleted"
    assert write.WriteReport(0, 0, 0, recovered=True).summary() == (
        "nothing changed (0 files); completed an interrupted run"
    )
