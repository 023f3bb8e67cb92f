"""Run ``python -m tools.ingest`` in a process of its own and measure it (for the tests).

:func:`ingest` gives the exit status, the output and the peak resident memory of that one
process and the workers it waited for (``ru_maxrss`` of the ``resource`` usage that
``os.wait4`` returns for it, so other processes of the test run never mix in). The child's
address space is capped (:data:`ADDRESS_CAP`): a regression that lets a file explode in
memory fails with a ``MemoryError`` instead of taking the machine down with it.
"""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

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


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_CAP, ADDRESS_CAP))


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
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(argv), stdout=out, stderr=err, env=environment(), cwd=ROOT, preexec_fn=_cap
        )
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                process.kill()
            time.sleep(0.02)
        process.returncode = os.waitstatus_to_exitcode(status)
        return Ran(
            code=process.returncode,
            stdout=_text(out),
            stderr=_text(err),
            peak_mb=usage.ru_maxrss / 1024,  # Linux gives kibibytes
            seconds=time.perf_counter() - start,
        )


def ingest(sources: Path, out: Path, *args: str, timeout: float = 60.0) -> Ran:
    return measured(command(sources, out, *args), timeout)


def _text(handle: IO[bytes]) -> str:
    handle.seek(0)
    return handle.read().decode("utf-8", errors="replace")


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
