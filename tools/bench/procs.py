"""Run a command in a process of its own and measure it: wall time and peak memory.

Peak memory is the child's ``ru_maxrss`` as ``os.wait4`` reports it for that one child
(the largest resident set of the child and of the processes it waited for, such as
Sphinx's parallel workers), so measurements of different runs never mix, as they would
with ``RUSAGE_CHILDREN`` in the parent.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class Finished:
    seconds: float
    peak_mb: float  # peak resident set size of the process
    returncode: int
    stdout: str
    stderr: str


def measured(
    command: Sequence[str | Path],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
) -> Finished:
    """Run ``command`` to its end; its time, peak memory, exit code and output.

    After ``timeout`` seconds the command and every process it started are killed
    (it runs in a session of its own), and the result says so in ``stderr``.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(part) for part in command],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        killed = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - start > timeout and not killed:
                os.killpg(process.pid, signal.SIGKILL)
                killed = True
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stderr = err.read().decode("utf-8", errors="replace")
        if killed:
            stderr += f"\nbench: killed after the time limit of {timeout:.0f} s"
        return Finished(
            seconds=seconds,
            peak_mb=usage.ru_maxrss * 1024 / MB,  # Linux reports kibibytes
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", errors="replace"),
            stderr=stderr,
        )


@dataclass(frozen=True)
class Entry:
    mtime_ns: int
    digest: str


def snapshot(root: Path) -> dict[str, Entry]:
    """Every file under ``root``: its modification time and a digest of its content.

    The ingest's own bookkeeping (``.ingest-*``: its lock file) is left out: it is not
    output, and Sphinx excludes it.
    """
    entries = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.relative_to(root).as_posix().startswith(".ingest"):
            data = path.read_bytes()
            entries[path.relative_to(root).as_posix()] = Entry(
                mtime_ns=path.stat().st_mtime_ns, digest=hashlib.sha256(data).hexdigest()
            )
    return entries


@dataclass(frozen=True)
class Changes:
    touched: tuple[str, ...]  # rewritten (new modification time), added or removed
    differ: tuple[str, ...]  # content differs, added or removed


def compare(before: Mapping[str, Entry], after: Mapping[str, Entry]) -> Changes:
    """Which files a run touched, and which of them it actually changed."""
    names = sorted(set(before) | set(after))
    touched = [n for n in names if (e := before.get(n)) is None or e != after.get(n)]
    differ = [
        n
        for n in touched
        if n not in before or n not in after or before[n].digest != after[n].digest
    ]
    return Changes(touched=tuple(touched), differ=tuple(differ))


def tree_size(root: Path) -> int:
    """Bytes in the files under ``root`` (0 when it does not exist)."""
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) if root.exists() else 0


def tail(text: str, lines: int = 12) -> str:
    """The end of a process's output, for a report of why it failed."""
    return "\n".join(text.strip().splitlines()[-lines:])


def environment(root: Path) -> dict[str, str]:
    """The environment for child processes: the project at ``root`` importable first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(root), env.get("PYTHONPATH"))))
    return env
