"""Shared fixtures: Sphinx test roots, and MyST parsing under the site's own configuration.

The escaping guarantee only means something under the configuration the site is built
with, so :func:`site_conf` reads ``docs/conf.py`` itself rather than a copy of its values.
"""

from __future__ import annotations

import io
import os
import runpy
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from myst_parser.parsers.docutils_ import Parser

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the test roots' conf.py import the project's ``tools``
    sys.path.insert(0, str(ROOT))

pytest_plugins = ["sphinx.testing.fixtures"]

#: Docutils settings the project's Sphinx extension (tools.sphinxext) forces on every build.
HARDENED_DOCUTILS = {"file_insertion_enabled": False, "raw_enabled": False}

MystParse = Callable[[str], tuple[nodes.document, str]]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where the ``test-*`` Sphinx roots live (copied into tmp_path before a build)."""
    return ROOT / "tests" / "roots"


@pytest.fixture(scope="session")
def site_conf() -> Mapping[str, Any]:
    """The namespace of ``docs/conf.py``, as Sphinx would read it."""
    return runpy.run_path(str(ROOT / "docs" / "conf.py"))


def docutils_settings(conf: Mapping[str, Any]) -> dict[str, Any]:
    """The docutils settings a site page is parsed with: MyST options and hardening."""
    settings: dict[str, Any] = {
        name: value for name, value in conf.items() if name.startswith("myst_")
    }
    settings["smart_quotes"] = bool(conf.get("smartquotes", True))
    settings.update(HARDENED_DOCUTILS)
    # MyST's docutils parser (not its Sphinx one) swaps raw nodes for a warning when raw
    # is disabled; keeping them lets the tests see raw HTML as the node a Sphinx build
    # would write out.
    settings["raw_enabled"] = True
    return settings


@pytest.fixture(scope="session")
def myst_parse(site_conf: Mapping[str, Any]) -> MystParse:
    """Parse MyST text as a site page is parsed; return the doctree and every warning."""
    settings = docutils_settings(site_conf)

    def parse(text: str) -> tuple[nodes.document, str]:
        stream = io.StringIO()
        overrides = {
            **settings,
            "warning_stream": stream,
            "report_level": 1,  # report even INFO messages: nothing may be dropped silently
            "halt_level": 5,
        }
        doctree = publish_doctree(text, parser=Parser(), settings_overrides=overrides)
        return doctree, stream.getvalue()

    return parse


# Property tests: deterministic by default (derandomised: the same examples every run,
# so a failure is not a flake), and a long randomised run for `nox -s fuzz`
# (`--hypothesis-profile=fuzz`, KB_FUZZ_EXAMPLES examples per test).
# No "explain" phase: it imports modules that warn, and warnings are errors here, so a
# failing example would end in a pytest INTERNALERROR instead of its report.
_PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink]
hypothesis_settings.register_profile(
    "kb", deadline=None, derandomize=True, database=None, phases=_PHASES
)
hypothesis_settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("KB_FUZZ_EXAMPLES", "20000")),
    deadline=None,
    phases=_PHASES,
    suppress_health_check=[HealthCheck.too_slow],
)


def pytest_configure(config: pytest.Config) -> None:
    """Use the project's profile unless ``--hypothesis-profile`` names another."""
    if not config.getoption("--hypothesis-profile", None):
        hypothesis_settings.load_profile("kb")


def bounded(examples: int) -> hypothesis_settings:
    """Settings for a property test: ``examples`` examples, or the profile's if more."""
    return hypothesis_settings(
        max_examples=max(
            examples, (hypothesis_settings.default or hypothesis_settings()).max_examples
        )
    )


#: Set to 1 to rewrite the golden files from the current output (then review the diff).
UPDATE_GOLDEN = "KB_UPDATE_GOLDEN"

Golden = Callable[[Path, str], None]


@pytest.fixture
def golden() -> Golden:
    """Compare text with a golden file: ``golden(path, text)``.

    The one golden-file mechanism of the tests. With ``KB_UPDATE_GOLDEN=1`` the file is
    rewritten from ``text`` instead (review the diff before committing). Tests that use it
    are parametrised one file each, so a run shows every file that differs, not only the
    first.
    """

    def check(path: Path, text: str) -> None:
        if os.environ.get(UPDATE_GOLDEN) == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        assert path.exists(), f"{path} is missing; create it with {UPDATE_GOLDEN}=1"
        assert text == path.read_text(encoding="utf-8"), (
            f"{path} differs; if the change is intended, rerun with {UPDATE_GOLDEN}=1"
        )

    return check
