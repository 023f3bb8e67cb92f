"""The swap step of the write stage, and the journal that makes it survive a kill.

:func:`swap` is idempotent: it looks at what is on disk and only does the renames that
are still to do, so the same function performs a swap and completes one that a killed
run left half done. Each step is a single rename within the output folder:

* a folder with a new version:  current -> ``.ingest-old/<folder>``, staged -> current
  (done once the staged folder is gone from the staging folder);
* a folder with no files left:  current -> ``.ingest-old/<folder>`` (done once current
  is gone);
* ``catalog.json``: :func:`os.replace` from staging, or unlink.

The journal is written (atomically, fsynced) only after the staging folder is complete,
so a journal on disk always means "roll forward".
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

OWNED: Final = ("documents", "seminars", "people", "concepts", "cite")
CATALOG: Final = "catalog.json"
STAGING_PREFIX: Final = ".ingest-staging-"
OLD: Final = ".ingest-old"
JOURNAL: Final = ".ingest-journal.json"

CatalogAction = Literal["keep", "replace", "delete"]


@dataclass(frozen=True)
class Journal:
    """A swap in progress: which folders change, and what happens to the catalog."""

    staging: str  # name of the staging folder, directly under the output folder
    swap: tuple[str, ...]  # owned folders to swap
    present: tuple[str, ...]  # those of them that have a new version (others go away)
    catalog: CatalogAction


def fsync_dir(directory: Path) -> None:
    """Make renames and new entries in ``directory`` durable (a no-op on Windows)."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data`` and flush it to disk before returning."""
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link an unchanged file into staging (mtime kept); copy where links fail."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def write_journal(path: Path, journal: Journal) -> None:
    """Write the journal atomically: a reader sees all of it or none of it."""
    temporary = path.with_name(path.name + ".tmp")
    data = {
        "staging": journal.staging,
        "swap": list(journal.swap),
        "present": list(journal.present),
        "catalog": journal.catalog,
    }
    temporary.unlink(missing_ok=True)
    write_new(temporary, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    os.replace(temporary, path)
    fsync_dir(path.parent)


def read_journal(path: Path) -> Journal:
    """Read a journal back, refusing one that names anything outside the owned set."""
    try:
        data = json.loads(path.read_text("utf-8"))
        journal = Journal(
            staging=str(data["staging"]),
            swap=tuple(str(f) for f in data["swap"]),
            present=tuple(str(f) for f in data["present"]),
            catalog=data["catalog"],
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise RuntimeError(f"{path}: unreadable journal ({error}); {_FIX}") from error
    valid = (
        journal.staging.startswith(STAGING_PREFIX)
        and "/" not in journal.staging
        and "\\" not in journal.staging
        and set(journal.swap) <= set(OWNED)
        and set(journal.present) <= set(journal.swap)
        and journal.catalog in ("keep", "replace", "delete")
    )
    if not valid:
        raise RuntimeError(f"{path}: journal names unexpected paths: {data}; {_FIX}")
    return journal


_FIX = (
    "the previous run was interrupted while swapping its output in; check the owned "
    f"folders {OWNED}, then delete the journal and the .ingest-* folders and run again"
)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def swap(out: Path, journal: Journal) -> None:
    """Do whatever renames of ``journal`` are still to do, then clean up."""
    staging = out / journal.staging
    old = out / OLD
    old.mkdir(exist_ok=True)
    for folder in journal.swap:
        current, staged, aside = out / folder, staging / folder, old / folder
        if folder in journal.present and not _exists(staged):
            continue  # already swapped in
        if _exists(current) and not _exists(aside):
            os.rename(current, aside)
        if folder in journal.present:
            os.rename(staged, current)
    staged_catalog = staging / CATALOG
    if journal.catalog == "replace" and _exists(staged_catalog):
        os.replace(staged_catalog, out / CATALOG)
    elif journal.catalog == "delete":
        (out / CATALOG).unlink(missing_ok=True)
    fsync_dir(out)
    (out / JOURNAL).unlink()
    fsync_dir(out)
    shutil.rmtree(old)
    shutil.rmtree(staging, ignore_errors=True)
