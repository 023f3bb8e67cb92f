"""Run a command in a process of its own and measure it: wall time and peak memory.

Peak memory is the largest resident set of the command and of the processes it waited
for (such as Sphinx's or the ingest's workers). It is read by a small launcher process
that starts the command, waits for it and reports ``resource.getrusage(RUSAGE_CHILDREN)``:
Linux counts in a new process's ``ru_maxrss`` the memory of the process it was started
from, so a command started straight from the benchmark (or from a test run) would never
show less than the benchmark's own size. The launcher is small, and starts nothing else,
so what it reports is the command's own peak.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024

#: ``python -c LAUNCHER REPORT CAP COMMAND...``: run COMMAND (its address space capped to
#: CAP bytes unless CAP is 0), then write its exit status, peak memory (KiB) and seconds.
LAUNCHER = """
import resource, subprocess, sys, time
report, cap, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def limit():
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
start = time.perf_counter()
code = subprocess.run(command, preexec_fn=limit if cap else None).returncode
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(report, "w") as handle:
    handle.write(f"{code} {peak} {seconds}")
"""


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
    address_cap: int = 0,
) -> Finished:
    """Run ``command`` to its end; its time, peak memory, exit code and output.

    After ``timeout`` seconds the command and every process it started are killed
    (it runs in a session of its own), and the result says so in ``stderr``. With
    ``address_cap``, the command may map at most that many bytes: a run that would take
    the machine's memory fails with a ``MemoryError`` instead.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as folder,
    ):
        report = Path(folder) / "report"
        start = time.perf_counter()
        launcher = [sys.executable, "-c", LAUNCHER, str(report), str(address_cap)]
        process = subprocess.Popen(
            [*launcher, *(str(part) for part in command)],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        killed = False
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            killed = True
        seconds = time.perf_counter() - start
        code, peak_kib = process.returncode, 0
        if report.exists():
            code_text, peak_text, seconds_text = report.read_text().split()
            code, peak_kib, seconds = int(code_text), int(peak_text), float(seconds_text)
        out.seek(0)
        err.seek(0)
        stderr = err.read().decode("utf-8", errors="replace")
        if killed:
            stderr += f"\nbench: killed after the time limit of {timeout:.0f} s"
        return Finished(
            seconds=seconds,
            peak_mb=peak_kib * 1024 / MB,  # Linux reports kibibytes
            returncode=code if not killed else -signal.SIGKILL,
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
