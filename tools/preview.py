"""Live preview of the site: build, serve, and build again when a file changes.

``nox -s serve`` runs ``python -m tools.preview``. It builds the site with the same three
steps as ``nox -s build`` (:mod:`tools.site`), serves ``docs/_build/html`` on
http://127.0.0.1:8000, and watches ``sources/``, the hand-written part of ``docs/`` and
``tools/``; after a change it builds again and the open pages reload themselves.

What a contributor sees, by design:

* every build prints the **ingest report** (new documents, merged copies, people waiting
  for review, warnings), not only the first one;
* when the sources have a problem, the ingest step's ``path:line: ...`` messages are
  printed once, and again only if they change; nothing else is printed about it (no
  traceback). The last good site stays served, and every page of it carries a banner
  saying the preview is stale and why, until a build succeeds;
* stopping the preview (Ctrl-C, ``SIGTERM`` or ``SIGHUP``, or the end of the process
  that started it, e.g. nox) stops the server and any build step still running.

The banner and the reload script are added to pages as they are served, never written
into the built site, which stays exactly what ``nox -s build`` makes.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Final
from urllib.parse import urlsplit

from .site import HTML, Step, steps

CODE: Final = Path(__file__).resolve().parent
#: Under docs/: what the pipeline and Sphinx write, which a build itself changes.
GENERATED: Final = frozenset(
    {"_build", "documents", "seminars", "people", "concepts", "cite", "catalog.json"}
)
SKIPPED: Final = frozenset({"__pycache__", ".git"})
POLL_SECONDS: Final = 0.5
#: Paths the server answers itself.
STATE_PATH: Final = "/_preview/state"
SCRIPT_PATH: Final = "/_preview/live.js"
LIVE_SCRIPT: Final = """(() => {
  "use strict";
  let seen = null;
  async function poll() {
    try {
      const response = await fetch("STATE_PATH", { cache: "no-store" });
      const state = await response.json();
      if (seen !== null && state.version !== seen) location.reload();
      seen = state.version;
    } catch (error) { /* the preview stopped or is restarting */ }
    setTimeout(poll, 1000);
  }
  poll();
})();
""".replace("STATE_PATH", STATE_PATH)
_BODY: Final = re.compile(rb"<body[^>]*>", re.IGNORECASE)


@dataclass
class Status:
    """What the served pages show: the build count and why the preview is stale, if it is."""

    builds: int = 0
    stale: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def version(self) -> str:
        with self.lock:
            return f"{self.builds}:{'stale' if self.stale else 'fresh'}"

    def banner(self) -> bytes:
        with self.lock:
            stale = self.stale
        script = f'<script src="{SCRIPT_PATH}"></script>'
        if stale is None:
            return script.encode()
        text = html.escape(f"Preview is stale: {stale}")
        style = (
            "position:sticky;top:0;z-index:1000;padding:0.6rem 1rem;font:600 0.95rem sans-serif;"
            "background:#b3261e;color:#fff"
        )
        div = f'<div class="kb-preview-stale" role="alert" style="{style}">{text}</div>'
        return (div + script).encode()


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site; adds the banner and the reload script to each HTML page."""

    status: Status

    def __init__(self, *args: Any, status: Status, **kwargs: Any) -> None:
        self.status = status
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a request log would bury the ingest report

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == STATE_PATH:
            self._send(json.dumps({"version": self.status.version()}).encode(), "application/json")
            return
        if path == SCRIPT_PATH:
            self._send(LIVE_SCRIPT.encode(), "text/javascript")
            return
        file = Path(self.translate_path(self.path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            page = file.read_bytes()
            match = _BODY.search(page)
            at = match.end() if match else 0
            self._send(page[:at] + self.status.banner() + page[at:], "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _walk(root: Path, skip_top: frozenset[str]) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        top = here == root
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not (top and d in skip_top))
        for name in sorted(files):
            if not (top and name in skip_top) and not name.startswith(".ingest-"):
                yield here / name


def snapshot(sources: Path, docs: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every watched file."""
    found: dict[str, tuple[int, int]] = {}
    for root, skip in ((sources, frozenset[str]()), (docs, GENERATED), (CODE, frozenset())):
        for path in _walk(root, skip):
            try:
                stat = path.stat()
            except OSError:
                continue  # deleted while we looked: the next poll sees it gone
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


class Preview:
    """The build loop, with the child process it may be waiting for."""

    def __init__(self, sources: Path, docs: Path, status: Status, stop: threading.Event) -> None:
        self.steps: tuple[Step, ...] = steps(sources, docs, sphinx_options=["-q"])
        self.status = status
        self.stop = stop
        self.child: subprocess.Popen[str] | None = None
        self.last_problems: str | None = None

    def build(self) -> None:
        """Run the build steps; on a failure, mark the preview stale and say why once."""
        for step in self.steps:
            if self.stop.is_set():
                return
            capture = step.name == "ingest"
            self.child = subprocess.Popen(
                step.command,
                stdout=subprocess.PIPE if capture else None,
                stderr=subprocess.STDOUT if capture else None,
                text=True,
                start_new_session=True,  # Ctrl-C reaches the preview, which stops the step
            )
            output, _ = self.child.communicate()
            code = self.child.returncode
            self.child = None
            if self.stop.is_set():
                return
            if capture and code == 0:
                print(output, end="", flush=True)
                self.last_problems = None
            if code != 0:
                self._failed(step, code, output if capture else None)
                return
        with self.status.lock:
            self.status.builds += 1
            self.status.stale = None
        print("preview: built; open pages reload themselves.", flush=True)

    def _failed(self, step: Step, code: int, output: str | None) -> None:
        if output is not None:  # the ingest step: its path:line problems, once
            if output != self.last_problems:
                print(output, end="", flush=True)
            else:
                print("preview: the same problems as before (above).", flush=True)
            self.last_problems = output
            why = "the sources have problems (see the terminal); fix them and save"
        else:
            why = f"the {step.name} step failed (exit {code}; see the terminal)"
        with self.status.lock:
            self.status.stale = why
        print(f"preview: {why}; still serving the last good build.", flush=True)

    def halt(self, *, wait: bool = False) -> None:
        """Stop the step that is running, if any. A signal handler or the parent watcher
        only asks (the build loop is waiting for the step); the loop's end also waits."""
        child = self.child
        if child is None or child.poll() is not None:
            return
        child.terminate()
        if wait:
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def _watch_parent(stop: threading.Event, preview: Preview) -> None:
    """Stop when the process that started the preview ends (nox killed, terminal closed)."""
    parent = os.getppid()
    while not stop.wait(POLL_SECONDS):
        if os.getppid() != parent:
            stop.set()
            preview.halt()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.preview", description=__doc__)
    parser.add_argument("--sources", type=Path, default=Path("sources"), help="default: sources")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="default: docs")
    parser.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="default: 8000 (0: any free)")
    args = parser.parse_args(argv)

    stop = threading.Event()
    status = Status()
    preview = Preview(args.sources, args.docs, status, stop)

    def on_signal(number: int, frame: FrameType | None) -> None:
        stop.set()
        preview.halt()

    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, on_signal)
    threading.Thread(target=_watch_parent, args=(stop, preview), daemon=True).start()

    seen = snapshot(args.sources, args.docs)
    preview.build()
    if stop.is_set():
        preview.halt(wait=True)
        return 0
    html_dir = args.docs / HTML
    html_dir.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(Handler, directory=str(html_dir), status=status)
    server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[0], server.server_address[1]
    host = host.decode() if isinstance(host, bytes) else host
    print(f"preview: serving http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        while not stop.wait(POLL_SECONDS):
            now = snapshot(args.sources, args.docs)
            if now == seen:
                continue
            while not stop.wait(POLL_SECONDS):  # let a burst of saves settle
                settled = snapshot(args.sources, args.docs)
                if settled == now:
                    break
                now = settled
            seen = now
            print("preview: a file changed; building again.", flush=True)
            preview.build()
    finally:
        preview.halt(wait=True)
        server.shutdown()
        server.server_close()
        thread.join()
    print("preview: stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
