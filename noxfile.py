"""Maintainer tasks: ``nox -s build`` builds the site, ``nox -s tests`` runs the tests.

Dependencies come from ``pyproject.toml`` (``[project].dependencies`` and the dependency
groups), so there is one list of them. ``nox -l`` lists every session.
"""

from __future__ import annotations

import os

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["lint", "check", "tests", "build"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
RUNTIME: list[str] = PYPROJECT["project"]["dependencies"]
HTML = "docs/_build/html"


def install(session: nox.Session, *groups: str) -> None:
    """Install the pipeline's dependencies and the named dependency groups."""
    session.install(*RUNTIME, *nox.project.dependency_groups(PYPROJECT, *groups))


@nox.session
def ingest(session: nox.Session) -> None:
    """Run the ingest pipeline only: sources/ -> docs/ pages and catalog.json."""
    install(session)
    session.run("python", "-m", "tools.ingest", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Ingest the sources, then build the site into docs/_build/html."""
    install(session, "docs")
    session.run("python", "-m", "tools.ingest")
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-n",
        "-j",
        "auto",
        "-b",
        "html",
        "docs",
        HTML,
        *session.posargs,
    )
    session.run("python", "-m", "tools.sphinxext.search_index", HTML)


@nox.session
def check(session: nox.Session) -> None:
    """Validate every source, sidecar and registry and print the ingest report.

    ``nox -s check -- --accept "Jane Example"`` accepts a discovered person into the registry.
    """
    install(session)
    session.run("python", "-m", "tools.ingest", "--check", *session.posargs)


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000: re-ingests and rebuilds when anything changes."""
    install(session, "docs")
    session.install("sphinx-autobuild")
    session.run("python", "-m", "tools.ingest")
    session.run(
        "sphinx-autobuild",
        "docs",
        HTML,
        "--watch",
        "sources",
        "--watch",
        "tools",
        "--pre-build",
        "python -m tools.ingest --quiet",
        "--post-build",
        f"python -m tools.sphinxext.search_index {HTML}",
        "--re-ignore",
        r"(^|/)(\.ingest-|_build/|__pycache__/)",
        *session.posargs,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (unit, golden, Sphinx builds and quality gates)."""
    install(session, "test")
    session.run("pytest", *session.posargs)


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
    session.install("pagefind[bin]")
    session.run("python", "-m", "tools.bench", *session.posargs)


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
