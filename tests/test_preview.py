"""The live preview (``nox -s serve``, ``python -m tools.preview``) as a contributor uses it.

One preview runs on a copy of ``docs/`` and ``sources/``, started by a small parent
process as nox starts it. The test reads what it prints and what it serves while a
sidecar gets an impossible date and then a good one: the report after every build, the
problem once and cleanly, the stale banner while the sources are broken; then it kills the
parent, as when nox is killed, and the preview must stop, server and all.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ("_build", "documents", "seminars", "people", "concepts", "cite", "catalog.json")
#: The parent: starts the preview and waits, as nox does; killing it must stop the preview.
PARENT = """
import subprocess, sys
child = subprocess.Popen(sys.argv[1:])
print(f"child {child.pid}", flush=True)
child.wait()
"""

pytestmark = pytest.mark.slow


class Output:
    """The preview's output, line by line, read by a thread."""

    def __init__(self, stream: object) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.reader.start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.put(line)

    def until(self, pattern: str, timeout: float = 180) -> list[str]:
        """Lines up to and including the first that matches ``pattern``."""
        got: list[str] = []
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            got.append(line)
            self.seen.append(line)
            if re.search(pattern, line):
                return got
        raise AssertionError(f"no line matching {pattern!r}; got:\n{''.join(got)}")


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie, ended but not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Output, Path, int]]:
    docs, sources = tmp_path / "docs", tmp_path / "sources"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns(*GENERATED, ".ingest-*"))
    shutil.copytree(ROOT / "sources", sources)
    command = [
        sys.executable, "-c", PARENT, sys.executable, "-m", "tools.preview",
        "--docs", str(docs), "--sources", str(sources), "--port", "0",
    ]  # fmt: skip
    parent = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    output = Output(parent.stdout)
    child = int(output.until(r"^child \d+")[-1].split()[1])
    try:
        yield parent, output, sources, child
    finally:
        for pid in (parent.pid, child):
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        parent.wait()
        output.reader.join(timeout=10)  # the pipe ends with the processes
        if parent.stdout is not None:
            parent.stdout.close()


def test_the_preview_reports_each_build_marks_itself_stale_and_stops_with_its_parent(
    preview: tuple[subprocess.Popen[str], Output, Path, int],
) -> None:
    parent, output, sources, child = preview
    first = output.until(r"preview: serving http://")
    assert any("sources ->" in line for line in first)  # the ingest report
    url = re.search(r"http://[\d.]+:\d+/", first[-1])
    assert url is not None
    base = url.group(0)
    assert "kb-preview-stale" not in _get(base + "index.html")

    sidecar = sources / "blog" / "york-commissioning-event-reflections.yaml"
    good = sidecar.read_text("utf-8")
    sidecar.write_text(good + "date: 2017-13-40\n", "utf-8")
    broken = output.until(r"still serving the last good build")
    problems = [line for line in broken if ": field 'date': " in line]
    assert len(problems) == 1  # once
    assert f"{sidecar}:" in problems[0]
    assert not any("Traceback" in line for line in broken)
    page = _get(base + "index.html")
    assert "kb-preview-stale" in page
    assert "Preview is stale" in page

    sidecar.write_text(good, "utf-8")
    fixed = output.until(r"preview: built")
    assert any("sources ->" in line for line in fixed)  # the report again, every build
    assert "kb-preview-stale" not in _get(base + "index.html")
    assert "Traceback" not in "".join(output.seen)

    os.kill(parent.pid, signal.SIGKILL)  # nox killed: the preview must notice and stop
    parent.wait()
    deadline = time.monotonic() + 15
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(child)
    with pytest.raises(urllib.error.URLError):
        _get(base + "index.html")


def test_sigterm_stops_the_preview(
    preview: tuple[subprocess.Popen[str], Output, Path, int],
) -> None:
    parent, output, _, child = preview
    output.until(r"preview: serving http://")
    os.kill(child, signal.SIGTERM)
    output.until(r"preview: stopped")
    assert parent.wait(timeout=15) == 0
    assert not _alive(child)
