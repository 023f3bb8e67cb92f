"""Skip a run when nothing it depends on has changed since the last one.

What a run writes depends only on the files under ``sources/`` (texts, sidecars,
registries), on the pipeline's own code and rules (``tools/ingest/``), on the
libraries that shape text and on the site's address (``KB_BASEURL``), which the
references carry. A successful run records a digest of all of them, with a
digest of every file it wrote and its text report, in ``OUT/.ingest-state.json``. The next
run computes the inputs' digest again (reading files is much cheaper than processing
them); when it is the same and every output file is still exactly as written, a new run
would write the same bytes, so it stops there. Anything else (a changed source, an edited
or deleted page, a missing or unreadable state file, another library version) means a
full run. ``python -m tools.ingest --full`` always does a full run.

The digest sees every entry under ``sources/`` as ``lstat`` gives it, and follows nothing:
a new link, pipe or folder changes it (and the run that follows reports it), and a file
is read only when it is a regular file within the size a source may have; a bigger one
counts by its size and time, so a sparse file of gigabytes costs nothing here.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Final

from .files import Refused, read_bytes
from .load import MAX_BYTES
from .write import current_files
from .write.swap import CATALOG, OWNED

__all__ = [
    "STATE",
    "State",
    "file_digests",
    "inputs_digest",
    "package_version",
    "read_state",
    "up_to_date",
    "write_state",
]

STATE: Final = ".ingest-state.json"
#: Bumped when the state file's layout changes; an older file is simply ignored.
FORMAT: Final = 1
#: Libraries whose version can change what a run writes.
LIBRARIES: Final = (
    "ftfy",
    "beautifulsoup4",
    "datasketch",
    "names",
    "nicknames",
    "numpy",
    "PyYAML",
    "pypdfium2",
    "python-pptx",
    "python-docx",
)
CODE: Final = Path(__file__).parent


@dataclass(frozen=True)
class State:
    """What the last successful run read and wrote."""

    inputs: str  # digest of sources, code and library versions
    outputs: Mapping[str, str]  # output path (relative to OUT) -> sha256 of its bytes
    report: str  # the run's text report, printed again when a run is skipped


def _tree(root: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and (suffixes is None or p.suffix in suffixes)
    )


def package_version(name: str) -> str:
    """The installed version of a distribution, or "not installed"."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _source_entries(digest: Any, folder: Path, prefix: str = "") -> None:
    """Add every entry under ``folder`` to ``digest``, by ``lstat``, following nothing."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        digest.update(f"unreadable folder {prefix or '.'} {error.errno}\n".encode())
        return
    for entry in entries:
        name = prefix + entry.name
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError as error:
            digest.update(f"unreadable {name} {error.errno}\n".encode())
            continue
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            digest.update(f"folder {name}\n".encode())
            _source_entries(digest, Path(entry.path), name + "/")
        elif stat.S_ISREG(mode) and info.st_size <= MAX_BYTES:
            try:
                data = read_bytes(Path(entry.path), MAX_BYTES)
            except (Refused, OSError) as error:  # changed since the scan: counted as such
                digest.update(f"unreadable {name} {error}\n".encode())
                continue
            digest.update(f"source {name} {len(data)}\n".encode())
            digest.update(data)
        else:  # a link, a pipe, a device, a file too big to be a source: never opened
            kind = "link" if stat.S_ISLNK(mode) else f"entry {stat.S_IFMT(mode):o}"
            digest.update(f"{kind} {name} {info.st_size} {info.st_mtime_ns}\n".encode())


def inputs_digest(sources: Path, base_url: str | None = None) -> str:
    """A digest of every entry under ``sources``, of the pipeline's code and rules, of
    the versions of :data:`LIBRARIES`, and of the site's address (``KB_BASEURL``)."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    digest.update(f"base_url {base_url or ''}\n".encode())
    _source_entries(digest, sources)
    for path in _tree(CODE, (".py", ".yaml", ".txt")):
        data = path.read_bytes()
        name = path.relative_to(CODE).as_posix()
        digest.update(f"code {name} {len(data)}\n".encode())
        digest.update(data)
    for name in LIBRARIES:
        digest.update(f"library {name} {package_version(name)}\n".encode())
    return digest.hexdigest()


def file_digests(files: Mapping[str, bytes]) -> dict[str, str]:
    """sha256 of each output file, by path."""
    return {path: hashlib.sha256(data).hexdigest() for path, data in sorted(files.items())}


def _current_outputs(out: Path) -> dict[str, str] | None:
    """sha256 of each file now in the folders the pipeline owns and of the catalog; None
    when those folders hold anything but regular files (the write stage would clear it)."""
    found: dict[str, str] = {}
    for folder in OWNED:
        files, stray = current_files(out / folder)
        if stray:
            return None
        found.update(
            (name, hashlib.sha256(p.read_bytes()).hexdigest()) for name, p in files.items()
        )
    catalog = out / CATALOG
    if catalog.is_file() and not catalog.is_symlink():
        found[CATALOG] = hashlib.sha256(catalog.read_bytes()).hexdigest()
    return found


def read_state(out: Path) -> State | None:
    """The state the last run left in ``out``, or None if there is none or it is unusable."""
    try:
        data = json.loads((out / STATE).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        outputs = data["outputs"]
        if not isinstance(outputs, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in outputs.items()
        ):
            return None
        return State(inputs=str(data["inputs"]), outputs=outputs, report=str(data["report"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def up_to_date(out: Path, state: State | None, inputs: str) -> bool:
    """Whether ``state`` was made from these ``inputs`` and ``out`` still holds its output."""
    return state is not None and state.inputs == inputs and _current_outputs(out) == state.outputs


def write_state(out: Path, state: State) -> None:
    """Record ``state`` in ``out`` (written to a temporary file, then renamed into place)."""
    data = {
        "format": FORMAT,
        "inputs": state.inputs,
        "outputs": dict(state.outputs),
        "report": state.report,
    }
    temporary = out / f"{STATE}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, out / STATE)
