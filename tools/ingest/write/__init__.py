"""The write stage: swap the rendered files in under the output folder, all at once.

The pipeline owns the folders in :data:`OWNED` and the file :data:`CATALOG` under the
output folder (``docs/``) and nothing else: it deletes stale files there, and never
touches ``index.md``, ``conf.py`` or any other hand-written file.

How a run goes, and why:

1. Nothing changed (same bytes, no stale file): nothing is written, no mtime moves, so
   an incremental Sphinx build has nothing to redo.
2. Otherwise each owned folder that differs is built complete in
   ``.ingest-staging-<pid>/``: unchanged files are hard links to the current ones (their
   mtime stays), changed ones are written and fsynced. An exception, a kill or a full
   disk here leaves the current output as it was; the next run deletes the leftovers.
3. A journal (:data:`JOURNAL`) records the swap, then each folder is swapped with two
   renames (current -> ``.ingest-old/``, staged -> current) and ``catalog.json`` with
   :func:`os.replace`. If the run dies during the swap, the next run finds the journal
   and completes it (the staged tree is complete before the journal exists).

One run at a time: a lock file (POSIX ``flock``) stops a second run from cleaning up the
first one's staging folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final

from ..interrupt import committing
from . import swap as write_swap
from .swap import CATALOG, JOURNAL, OLD, OWNED, STAGING_PREFIX, CatalogAction, Journal

__all__ = ["CATALOG", "OWNED", "WriteReport", "current_files", "recover", "run", "write_output"]

LOCK: Final = ".ingest-lock"
#: Files written at once while staging (threads: each mostly waits for the disk).
IO_THREADS: Final = 8


@dataclass(frozen=True)
class WriteReport:
    """What a write did, for the command line and the tests."""

    written: int
    unchanged: int
    deleted: int
    recovered: bool = False

    def summary(self) -> str:
        if self.written or self.deleted:
            text = f"{self.written} written, {self.unchanged} unchanged, {self.deleted} deleted"
        else:
            text = f"nothing changed ({self.unchanged} files)"
        return text + ("; completed an interrupted run" if self.recovered else "")


def check_path(path: str) -> None:
    """Raise ValueError unless ``path`` is a file the pipeline may write."""
    parts = PurePosixPath(path).parts
    ok = (
        "\\" not in path
        and not PurePosixPath(path).is_absolute()
        and all(part not in ("", ".", "..") for part in parts)
        and ((len(parts) >= 2 and parts[0] in OWNED) or path == CATALOG)
        and path == "/".join(parts)
    )
    if not ok:
        raise ValueError(f"not a path the pipeline writes: {path!r} (owned: {OWNED}, {CATALOG})")


def current_files(folder: Path) -> tuple[dict[str, Path], int]:
    """Regular files under ``folder`` by posix path, and how many other entries are there.

    The others (symlinks, special files, empty folders) are not the pipeline's output;
    their presence makes the folder be swapped, which clears them.
    """
    files: dict[str, Path] = {}
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return files, 1
    stray = 0
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        stray += not (dirnames or filenames) and here != folder
        for name in [*dirnames, *filenames]:
            path = here / name
            if path.is_symlink() or not (path.is_dir() or path.is_file()):
                stray += 1
            elif path.is_file():
                files[path.relative_to(folder.parent).as_posix()] = path
    return files, stray


def _same(path: Path | None, data: bytes) -> bool:
    return (
        path is not None
        and path.is_file()
        and not path.is_symlink()
        and (path.stat().st_size == len(data) and path.read_bytes() == data)
    )


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out/.ingest-lock`` (where ``fcntl`` exists)."""
    try:
        import fcntl
    except ImportError:  # Windows: runs are not guarded
        yield
        return
    with open(out / LOCK, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"another ingest run is writing to {out}; try again") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(out: Path) -> bool:
    """Complete a swap a killed run left half done; delete leftovers. True if it did."""
    recovered = False
    journal_path = out / JOURNAL
    if journal_path.exists():
        with committing():
            write_swap.swap(out, write_swap.read_journal(journal_path))
        recovered = True
    for leftover in sorted(out.glob(STAGING_PREFIX + "*")):
        shutil.rmtree(leftover)
    if (out / OLD).exists():
        shutil.rmtree(out / OLD)
    (out / (JOURNAL + ".tmp")).unlink(missing_ok=True)
    return recovered


def write_output(out: Path, files: Mapping[str, bytes]) -> WriteReport:
    """Make the owned part of ``out`` hold exactly ``files``, rewriting only what changed."""
    for path in files:
        check_path(path)
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        recovered = recover(out)
        return _write(out, files, recovered)


def _write(out: Path, files: Mapping[str, bytes], recovered: bool) -> WriteReport:
    """Compare with what is on disk; stage, journal and swap only the folders that differ."""
    written = unchanged = deleted = 0
    to_swap: list[str] = []
    for folder in OWNED:
        current, stray = current_files(out / folder)
        new = {path: data for path, data in files.items() if path.split("/", 1)[0] == folder}
        changed = [path for path, data in new.items() if not _same(current.get(path), data)]
        stale = [path for path in current if path not in new]
        written += len(changed)
        unchanged += len(new) - len(changed)
        deleted += len(stale) + stray
        if changed or stale or stray:
            to_swap.append(folder)
    catalog = out / CATALOG
    catalog_action: CatalogAction = "keep"
    if CATALOG in files and not _same(catalog, files[CATALOG]):
        catalog_action, written = "replace", written + 1
    elif CATALOG not in files and (catalog.exists() or catalog.is_symlink()):
        catalog_action, deleted = "delete", deleted + 1
    else:
        unchanged += CATALOG in files
    if to_swap or catalog_action != "keep":
        journal = Journal(
            staging=f"{STAGING_PREFIX}{os.getpid()}",
            swap=tuple(to_swap),
            present=tuple(f for f in to_swap if any(p.startswith(f + "/") for p in files)),
            catalog=catalog_action,
        )
        try:
            _stage(out, files, journal)
            with committing():  # a Ctrl-C here waits until the swap is whole (interrupt.py)
                write_swap.write_journal(out / JOURNAL, journal)
                write_swap.swap(out, journal)
        except BaseException:  # an interrupt between staging and swap included
            if not (out / JOURNAL).exists():  # no swap begun: the staged files go
                shutil.rmtree(out / journal.staging, ignore_errors=True)
            raise
    return WriteReport(written=written, unchanged=unchanged, deleted=deleted, recovered=recovered)


def _stage(out: Path, files: Mapping[str, bytes], journal: Journal) -> None:
    """Build the new version of every folder to swap in the staging folder, or nothing.

    Files are written by a few threads at once: each waits for its ``fsync``, and the
    disk takes several together (a full run of 10,000 documents writes as many files).
    """
    staging = out / journal.staging
    try:
        staging.mkdir()
        jobs: list[tuple[Path, Path, bytes, bool]] = []
        for path, data in sorted(files.items()):
            folder = path.split("/", 1)[0]
            replace_catalog = path == CATALOG and journal.catalog == "replace"
            if folder not in journal.swap and not replace_catalog:
                continue
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            jobs.append((out / path, target, data, path != CATALOG))
        pool = ThreadPoolExecutor(max_workers=IO_THREADS)
        try:
            for _ in pool.map(lambda job: _stage_file(*job), jobs):
                pass  # raises the first failure
        finally:  # on a failure or an interrupt, the files not yet begun are not written
            pool.shutdown(cancel_futures=True)
        for directory in sorted({p.parent for p in staging.rglob("*")} | {staging}):
            write_swap.fsync_dir(directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _stage_file(current: Path, target: Path, data: bytes, may_link: bool) -> None:
    """A hard link to the current file if it is unchanged, else the new bytes."""
    if may_link and _same(current, data):
        write_swap.link_or_copy(current, target)
    else:
        write_swap.write_new(target, data)


def run(out: Path, files: Mapping[str, bytes]) -> WriteReport:
    """Stage 7, write: swap ``files`` in under ``out``, rewriting only what changed."""
    return write_output(out, files)
