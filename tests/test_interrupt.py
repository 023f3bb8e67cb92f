"""Interrupting a run: Ctrl-C, SIGTERM and SIGKILL at several moments of a real run.

Each test starts ``python -m tools.ingest`` on a collection large enough for the
per-file stages to run in worker processes (400 synthetic posts beside the real texts,
``KB_WORKERS=2``), over the output of a good run, with one source changed so that the run
has something to write. It stops the run at a given moment and checks the exit status,
the one line on stderr (no traceback), that the output is as it was, and that no process
of the run is left a few seconds later.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ingest_run import ROOT, SOURCES, command, environment, processes_naming, tree
from tools.bench.generate import Spec, generate, write
from tools.bench.material import build_material

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@dataclass(frozen=True)
class Collection:
    sources: Path
    out: Path  # the output of a good run, before the change
    before: dict[str, str]  # tree(out)


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    work = tmp_path_factory.mktemp("interrupt")
    archive = generate(Spec(posts=400, seed=1), build_material(SOURCES / "blog"))
    write(archive, work)
    sources = work / "sources"
    for path in sorted(SOURCES.rglob("*")):
        target = sources / path.relative_to(SOURCES)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            shutil.copy2(path, target)
    out = work / "out"
    done = subprocess.run(
        command(sources, out, "--quiet"), env=env(), cwd=ROOT, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    changed = sources / "blog" / "york-commissioning-event-reflections.txt"
    with changed.open("a", encoding="utf-8") as handle:
        handle.write("\nA paragraph added after the good run, so the next run writes.\n")
    return Collection(sources, out, tree(out))


def env() -> dict[str, str]:
    return {**environment(), "KB_WORKERS": "2"}


@dataclass(frozen=True)
class Stopped:
    code: int
    stdout: str
    stderr: str
    out: Path


def run(
    collection: Collection,
    tmp_path: Path,
    stop: Callable[[subprocess.Popen[bytes]], None],
    prefix: tuple[str, ...] = (),
) -> Stopped:
    """Start a run over a copy of the good output, ``stop`` it, and wait for its end."""
    out = tmp_path / "out"
    shutil.copytree(collection.out, out, symlinks=True)
    argv = command(collection.sources, out, "--quiet")
    if prefix:  # a wrapper script (python -c SCRIPT ARG), then the ingest's own options
        argv = [*prefix, *argv[3:]]
    process = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(),
        cwd=ROOT,
        start_new_session=True,  # a group of its own, as a terminal gives a command
    )
    try:
        stop(process)
        # communicate() returns only once every process holding the pipes has exited.
        stdout, stderr = process.communicate(timeout=30)
        deadline = time.monotonic() + 5
        while processes_naming(str(out)) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = processes_naming(str(out))
    finally:  # whatever happened, nothing of this run outlives the test
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
    assert left == [], "a process of the run is left"
    return Stopped(process.returncode, stdout.decode(), stderr.decode(), out)


def when_working(process: subprocess.Popen[bytes], out: Path) -> None:
    """Wait until the run has worker processes (a parallel stage is running)."""
    deadline = time.monotonic() + 60
    while len(processes_naming(str(out))) < 2:
        assert process.poll() is None, "the run ended before any parallel stage"
        assert time.monotonic() < deadline, "no parallel stage"
        time.sleep(0.005)


def catches(pid: int, signum: int) -> bool:
    """Whether the process has a handler of its own for ``signum`` (/proc's SigCgt)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(mask, 16) >> (signum - 1) & 1)


def one_line(stopped: Stopped, words: str) -> None:
    assert "Traceback" not in stopped.stderr + stopped.stdout, stopped.stderr
    assert stopped.stderr.count("\n") == 1, stopped.stderr
    assert stopped.stderr.startswith(f"ingest: {words}"), stopped.stderr


def untouched(stopped: Stopped, collection: Collection) -> None:
    """The output is as the good run left it; no staging folder or journal is left."""
    assert tree(stopped.out) == collection.before
    assert not [p.name for p in stopped.out.iterdir() if p.name.startswith(".ingest-staging")]


@pytest.mark.parametrize(
    ("signum", "group", "code"),
    [
        (signal.SIGINT, False, 130),
        (signal.SIGTERM, False, 143),
        (signal.SIGINT, True, 130),  # Ctrl-C in a terminal: the workers get it too
        (signal.SIGTERM, True, 143),
    ],
    ids=["SIGINT", "SIGTERM", "SIGINT-to-the-group", "SIGTERM-to-the-group"],
)
def test_a_signal_during_a_parallel_stage_stops_the_run_cleanly(
    collection: Collection, tmp_path: Path, signum: int, group: bool, code: int
) -> None:
    def stop(process: subprocess.Popen[bytes]) -> None:
        when_working(process, tmp_path / "out")
        if group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)

    stopped = run(collection, tmp_path, stop)
    assert stopped.code == code, stopped.stderr
    one_line(stopped, f"interrupted by {signal.Signals(signum).name}; nothing was written")
    untouched(stopped, collection)


def test_sigkill_of_the_main_process_leaves_no_worker_behind(
    collection: Collection, tmp_path: Path
) -> None:
    def stop(process: subprocess.Popen[bytes]) -> None:
        when_working(process, tmp_path / "out")
        process.kill()  # the main process only: its workers must go by themselves

    stopped = run(collection, tmp_path, stop)
    assert stopped.code == -signal.SIGKILL
    assert "Traceback" not in stopped.stderr
    assert tree(stopped.out) == collection.before
    again = subprocess.run(
        command(collection.sources, stopped.out, "--quiet"),
        env=env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr  # the next run cleans up and completes


def test_sigterm_while_the_libraries_load(collection: Collection, tmp_path: Path) -> None:
    def stop(process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 30
        while not catches(process.pid, signal.SIGTERM):  # the handlers are in place
            assert process.poll() is None
            assert time.monotonic() < deadline
            time.sleep(0.001)
        process.send_signal(signal.SIGTERM)

    stopped = run(collection, tmp_path, stop)
    assert stopped.code == 143, stopped.stderr
    one_line(stopped, "interrupted by SIGTERM; nothing was written")
    untouched(stopped, collection)


#: Runs the ingest with one function of the write stage sending SIGINT to the process
#: the first time it is called: a moment no outside timing can hit reliably.
AT_WRITE = """
import os, runpy, signal, sys
import tools.ingest.write as write
where, sys.argv = sys.argv[1], ["tools.ingest", *sys.argv[2:]]
module, name = (write, "_stage_file") if where == "staging" else (write.write_swap, "swap")
original = getattr(module, name)
def signalled(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGINT)
    setattr(module, name, original)
    return original(*args, **kwargs)
setattr(module, name, signalled)
runpy.run_module("tools.ingest", run_name="__main__", alter_sys=True)
"""


def test_ctrl_c_while_the_new_output_is_staged_writes_nothing(
    collection: Collection, tmp_path: Path
) -> None:
    prefix = (sys.executable, "-c", AT_WRITE, "staging")
    stopped = run(collection, tmp_path, lambda process: None, prefix)
    assert stopped.code == 130, stopped.stderr
    one_line(stopped, "interrupted by SIGINT; nothing was written")
    untouched(stopped, collection)


def test_ctrl_c_during_the_swap_lets_it_finish_and_still_fails(
    collection: Collection, tmp_path: Path
) -> None:
    prefix = (sys.executable, "-c", AT_WRITE, "swap")
    stopped = run(collection, tmp_path, lambda process: None, prefix)
    assert stopped.code == 130, stopped.stderr  # never 0 once interrupted
    one_line(stopped, "interrupted by SIGINT once the new output was swapped in")
    assert tree(stopped.out) != collection.before
    assert not (stopped.out / ".ingest-journal.json").exists()
    again = subprocess.run(
        command(collection.sources, stopped.out, "--quiet"),
        env=env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert "nothing changed" in again.stdout  # the swapped output was whole
