"""Maintainer tasks: ``nox -s build`` builds the site, ``nox -s tests`` runs the tests.

Dependencies come from ``pyproject.toml`` (``[project].dependencies`` and the dependency
groups), so there is one list of them. ``nox -l`` lists every session.

Each session keeps its virtual environment between runs (``reuse_venv``) and installs
into it only when the dependencies it needs (or the Python running it) changed since it
last installed them: the list is written into the environment as a stamp and compared.
``nox -s NAME --reuse-venv=never`` makes a fresh environment. ``nox --no-venv
--no-install`` runs in the current Python with what is installed there (CI installs the
groups once per job that way).
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
from pathlib import Path
from types import FrameType

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "check", "tests", "build"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
RUNTIME: list[str] = PYPROJECT["project"]["dependencies"]
#: Written into a session's environment: the requirements it last installed.
STAMP = "kb-requirements.txt"


def install(session: nox.Session, *groups: str) -> None:
    """Install the pipeline's dependencies and the named groups, unless already there."""
    wanted = [*RUNTIME, *nox.project.dependency_groups(PYPROJECT, *groups)]
    location = getattr(session.virtualenv, "location", None)
    if not location:  # --no-venv: the current Python (session.install skips or refuses)
        session.install(*wanted)
        return
    stamp = Path(location) / STAMP
    text = f"# {sys.version.split()[0]} {session.python or ''}\n" + "\n".join(wanted) + "\n"
    if stamp.is_file() and stamp.read_text("utf-8") == text:
        digest = hashlib.sha256(text.encode()).hexdigest()[:12]
        session.log(f"dependencies unchanged ({digest}); not installing")
        return
    session.install(*wanted)
    stamp.write_text(text, "utf-8")


@nox.session
def ingest(session: nox.Session) -> None:
    """Run the ingest pipeline only: sources/ -> docs/ pages and catalog.json."""
    install(session)
    session.run("python", "-m", "tools.ingest", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Ingest the sources, then build the site into docs/_build/html with its search index."""
    install(session, "docs")
    session.run("python", "-m", "tools.site", *session.posargs)


@nox.session
def check(session: nox.Session) -> None:
    """Validate every source, sidecar and registry and print the ingest report.

    ``nox -s check -- --accept "Jane Example"`` accepts a discovered person into the registry.
    """
    install(session)
    session.run("python", "-m", "tools.ingest", "--check", *session.posargs)


def _interrupt(number: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # nox then stops the command it runs, and waits for it


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000: builds again, with the report, on each change."""
    install(session, "docs")
    # Stopping nox (SIGTERM, a closed terminal) stops the preview too; the preview also
    # stops by itself when nox's process ends (tools/preview.py).
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    session.run("python", "-m", "tools.preview", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (unit, golden, Sphinx builds, browser and accessibility tests,
    quality gates)."""
    install(session, "test")
    # One worker per core, each taking whole test files (--dist loadfile), so a file's
    # module fixtures (a built site, a scored corpus) are made once.
    session.run("pytest", "-n", "auto", "--dist", "loadfile", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check style with ruff and types with mypy (strict) on tools/."""
    install(session, "lint", "docs")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", "--diff", "tools", "tests", "noxfile.py")
    session.run("mypy")


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Measure the pipeline and the build on synthetic archives of 100 to 10,000 posts."""
    install(session, "docs")
    session.run("python", "-m", "tools.bench", *session.posargs)


@nox.session(default=False)
def data(session: nox.Session) -> None:
    """Derive rules/given_names.txt again from the names-dataset package (see the script)."""
    install(session, "data")
    session.run("python", "-m", "tools.data.given_names")


@nox.session(default=False)
def pdf_choice(session: nox.Session) -> None:
    """Measure the PDF libraries on the test PDFs (edit distance to the known text)."""
    install(session, "test", "pdf-choice")
    session.run("python", "-m", "tests.measure_pdf", *session.posargs)


@nox.session(default=False)
def fuzz(session: nox.Session) -> None:
    """Run the property tests much longer than the test suite does."""
    install(session, "test")
    session.env["KB_FUZZ_EXAMPLES"] = os.environ.get("KB_FUZZ_EXAMPLES", "20000")
    session.run(
        "pytest",
        "-m",
        "not slow",
        "-k",
        "property or fuzz",
        "--hypothesis-profile=fuzz",
        *session.posargs,
    )
