"""Run ``python -m tools.ingest`` in a process of its own and measure it (for the tests).

:func:`ingest` gives the exit status, the output and the peak resident memory of that one
process and of the workers it waited for, as :func:`tools.bench.procs.measured` reads it
from ``resource.getrusage`` in a small launcher (a process started straight from the test
run would count the test run's own memory in its peak). The child's address space is
capped (:data:`ADDRESS_CAP`): a regression that lets a file explode in memory fails with a
``MemoryError`` instead of taking the machine down with it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.bench import procs

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
#: Address space a run may map: a normal run of the project needs well under this.
ADDRESS_CAP = 1 << 30


@dataclass(frozen=True)
class Ran:
    code: int  # exit status; -N when killed by signal N
    stdout: str
    stderr: str
    peak_mb: float  # peak resident memory of the process (and of the workers it waited for)
    seconds: float


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT)}


def command(sources: Path, out: Path, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tools.ingest",
        "--sources",
        str(sources),
        "--out",
        str(out),
        *args,
    ]


def measured(argv: Sequence[str], timeout: float = 60.0) -> Ran:
    """Run ``argv`` from the project's root to its end (killed after ``timeout``)."""
    done = procs.measured(argv, ROOT, environment(), timeout, address_cap=ADDRESS_CAP)
    return Ran(done.returncode, done.stdout, done.stderr, done.peak_mb, done.seconds)


def ingest(sources: Path, out: Path, *args: str, timeout: float = 60.0) -> Ran:
    return measured(command(sources, out, *args), timeout)


def tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (the ingest's lock file aside): a digest of each file,
    the target of each link, and a mark for folders and other entries."""
    found: dict[str, str] = {}
    if not folder.exists():
        return found
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if name == ".ingest-lock":
            continue
        if path.is_symlink():
            found[name] = "link " + os.readlink(path)
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[name] = "folder" if path.is_dir() else "other"
    return found


def processes_naming(text: str) -> list[int]:
    """Live processes whose command line holds ``text`` (a run's unique output folder):
    the run itself and the workers it forked, which share its command line."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in line and state != "Z":
            found.append(int(entry.name))
    return found
