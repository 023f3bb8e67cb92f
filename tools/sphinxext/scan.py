"""The post-build scan: read every HTML page and refuse what the site never emits itself.

Escaping makes source text inert, and the hardening settings stop MyST from reading
HTML; this scan checks the result, so a hole anywhere else (a hand-written page, a new
directive, a theme template) shows up as a failed build instead of a live site. It is
an allowlist where it can be: a ``<script>`` is the site's own only if it loads a file
from ``_static/`` (Sphinx, furo, sphinx-design and our own static files) or the search
index, or if it is one of the theme's inline scripts, known by a hash of its text, or if it
is data: ``type="application/ld+json"``, no ``src``, a text that parses as JSON and holds
no ``<`` (so nothing in it can end the element; :mod:`.citation` writes it that way).
A ``<meta name=...>`` tag's ``content`` is text a page describes itself with (a title
may well begin with "javascript:"), never an address a browser follows, so the scan of
addresses leaves it out; ``<meta http-equiv>`` is checked as before.

Run after each HTML build (``build-finished``) and from the command line::

    python -m tools.sphinxext.scan docs/_build/html
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from bs4 import BeautifulSoup, Tag
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Inline scripts of the theme, by the SHA-256 of their text with whitespace collapsed.
OWN_INLINE_SCRIPTS: Final = frozenset(
    {
        # furo: sets the colour theme before the page paints
        "6f0ae86a4f3e49ff61583d5f50099ef5e7fd4f0a82f77f4802a2f847c2b8cdba",
    }
)
#: Where the site's own script files are, relative to the output folder.
OWN_SCRIPT_FOLDER: Final = "_static/"
OWN_SCRIPT_FILES: Final = frozenset({"searchindex.js"})
#: Folders Sphinx fills only when a page copies a file into the site.
COPIED_FILE_FOLDERS: Final = ("_images", "_downloads")
#: Elements the site never uses, each of which can load or run another document.
EMBEDDING_TAGS: Final = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet"})
#: Address schemes that run code or smuggle a document; compared after removing the
#: whitespace and control characters a browser ignores in a URL.
BAD_SCHEMES: Final = ("javascript:", "vbscript:", "data:")
_IGNORED_IN_URL: Final = re.compile(r"[\x00-\x20\x7f]+")


class UnsafeOutputError(SphinxError):
    """The built site contains something the scan refuses."""

    category = "Unsafe HTML output"


def script_hash(text: str) -> str:
    """The SHA-256 that :data:`OWN_INLINE_SCRIPTS` knows an inline script by."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def json_ld_problem(tag: Tag) -> str | None:
    """Why a ``<script type="application/ld+json">`` is not plain, inert data, or None."""
    if tag.get("src") is not None:
        return "JSON-LD loaded from an address"
    text = tag.get_text()
    if "<" in text:
        return "JSON-LD holding '<', which could end the script element"
    try:
        json.loads(text)
    except ValueError:
        return "JSON-LD that is not valid JSON"
    return None


def _is_json_ld(tag: Tag) -> bool:
    kind = tag.get("type")
    return isinstance(kind, str) and kind.strip().lower() == "application/ld+json"


def _own_script(page: str, tag: Tag, allowed: frozenset[str]) -> bool:
    """Whether a ``<script>`` on ``page`` (posix path in the output) is the site's own."""
    src = tag.get("src")
    if isinstance(src, str):
        if src in allowed:
            return True
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", src):
            return False  # a script from another site
        path = src.split("?", 1)[0].split("#", 1)[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        return target.startswith(OWN_SCRIPT_FOLDER) or target in OWN_SCRIPT_FILES
    digest = script_hash(tag.get_text())
    return digest in OWN_INLINE_SCRIPTS or f"sha256:{digest}" in allowed


def _attribute_values(tag: Tag) -> Iterable[tuple[str, str]]:
    for name, value in tag.attrs.items():
        yield name, " ".join(value) if isinstance(value, list) else str(value)


def scan_page(page: str, html: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The problems of one HTML page; ``page`` is its path relative to the output folder."""
    problems: list[str] = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        where = f"{page}: <{tag.name}>"
        if tag.name == "script" and _is_json_ld(tag):
            problem = json_ld_problem(tag)
            if problem:
                problems.append(f"{where} {problem}")
        elif tag.name == "script" and not _own_script(page, tag, allowed):
            shown = tag.get("src") or script_hash(tag.get_text())
            problems.append(f"{where} a script that is not the site's own ({shown})")
        if tag.name in EMBEDDING_TAGS:
            problems.append(f"{where} embedded content")
        if tag.name == "base":
            problems.append(f"{where} changes where every link on the page points")
        described = tag.name == "meta" and tag.get("name") is not None
        for name, value in _attribute_values(tag):
            if name.lower().startswith("on"):
                problems.append(f"{where} event handler attribute {name}={value[:60]!r}")
            if described and name.lower() == "content":
                continue  # text about the page, not an address
            if _IGNORED_IN_URL.sub("", value).lower().startswith(BAD_SCHEMES):
                problems.append(f"{where} {name} with an unsafe address {value[:60]!r}")
        equiv = tag.get("http-equiv")
        if tag.name == "meta" and isinstance(equiv, str) and equiv.strip().lower() == "refresh":
            problems.append(f"{where} http-equiv=refresh redirects the page")
    return problems


def scan_html(outdir: Path, allowed: Iterable[str] = ()) -> list[str]:
    """Every problem in a built HTML site, as ``path: what`` lines in path order.

    ``allowed`` adds script sources (exact ``src`` values) or inline scripts
    (``sha256:<hex>`` of :func:`script_hash`) to the site's own.
    """
    extra = frozenset(allowed)
    problems: list[str] = []
    for folder in COPIED_FILE_FOLDERS:
        for path in sorted((outdir / folder).rglob("*")):
            if not path.is_dir():
                where = path.relative_to(outdir).as_posix()
                problems.append(f"{where}: a file copied into the site by a page")
    for path in sorted(outdir.rglob("*.html")):
        page = path.relative_to(outdir).as_posix()
        problems += scan_page(page, path.read_text("utf-8", errors="replace"), extra)
    return problems


def scan_after_build(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: fail a successful HTML build whose output the scan refuses."""
    if exception is not None or app.builder.format != "html" or not app.config.kb_scan_html:
        return
    problems = scan_html(Path(app.outdir), app.config.kb_scan_allow)
    for problem in problems:
        logger.error(problem, type="kb", subtype="unsafe_html")
    if problems:
        raise UnsafeOutputError(
            f"{len(problems)} unsafe construct(s) in {app.outdir} (listed above); "
            "find the page that makes each one and fix it, or if a script is the site's "
            "own, add it to kb_scan_allow in docs/conf.py"
        )


def setup_scan(app: Sphinx) -> None:
    """Register the scan's settings and run it after every build."""
    app.add_config_value("kb_scan_html", True, "", types=frozenset({bool}))
    app.add_config_value("kb_scan_allow", [], "", types=frozenset({list, tuple}))
    app.connect("build-finished", scan_after_build)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tools.sphinxext.scan OUTDIR``: print problems, exit 1 if any."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m tools.sphinxext.scan OUTDIR (a built HTML site)", file=sys.stderr)
        return 2
    outdir = Path(args[0])
    problems = scan_html(outdir)
    for problem in problems:
        print(problem)
    pages = sum(1 for _ in outdir.rglob("*.html"))
    print(f"scan: {pages} pages, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
