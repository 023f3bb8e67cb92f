"""A real Sphinx build of pages made from hostile text shows the text and nothing else.

The ``test-hostile`` root uses the site's own ``docs/conf.py``; its pages are what
``render()`` makes from a document (and a person, a concept and a seminar) whose every
field is filled from the construct corpus: ``<script>``, ``javascript:`` links, MyST
directives, rST roles, comments, footnote and link definitions, ``{include}`` of
``/etc/passwd``, ``![](/etc/passwd)``... The build must give no warning, show every
construct as text, copy no file, and pass the post-build scan. The scan itself is
checked on hand-made pages with each kind of problem, and the hardening on a
hand-written page and on unsafe settings.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

from tools.ingest.escape import block_text, inline_text
from tools.ingest.records import (
    Block,
    BlockKind,
    Concept,
    Document,
    Evidence,
    Fact,
    Linked,
    Origin,
    Person,
    Seminar,
)
from tools.ingest.render import render
from tools.ingest.render.cite import flat, split_name
from tools.ingest.write import write_output
from tools.sphinxext.hardening import config_problems, reconfiguring_keys
from tools.sphinxext.scan import UnsafeOutputError, scan_html, scan_page
from tools.sphinxext.scan import main as scan_main

#: MyST-Parser 5.2 still uses an API that Sphinx 9 deprecates; nothing to fix here.
pytestmark = pytest.mark.filterwarnings(
    "ignore:'myst_parser\\.:sphinx.deprecation.RemovedInSphinx11Warning"
)

FIXTURES = Path(__file__).parent / "fixtures"
CONSTRUCTS: list[dict[str, Any]] = yaml.safe_load(
    (FIXTURES / "escape" / "constructs.yaml").read_text("utf-8")
)
HOSTILE = "<script>alert('x')</script> [a](javascript:alert(1)) {include} /etc/passwd"


def hostile_linked() -> Linked:
    """One document with a block of every kind per construct, and hostile entities."""
    blocks: list[Block] = []
    kinds: tuple[BlockKind, ...] = (
        *("paragraph", "item", "quote", "heading"),
        *("slide", "footnote", "reference"),
    )
    for number, case in enumerate(CONSTRUCTS, start=1):
        kind = kinds[number % len(kinds)]
        if kind == "footnote":
            blocks.append(Block("paragraph", f"See note [{number}].", number, number))
        blocks.append(Block(kind, case["text"], number, number, label=str(number)))
        blocks.append(Block("paragraph", case["text"], number, number))
    evidence = Evidence("seminar-number", HOSTILE, "blog/hostile.txt", 3)
    document = Document(
        id="hostile",
        title=HOSTILE,
        title_derived=False,
        kind="blog",
        bylines=(HOSTILE,),
        blocks=tuple(blocks),
        origins=(Origin("blog/hostile.txt", (1, 99)), Origin("blog/copy.txt", (5, 80))),
        date="2016-05-01",
        url="javascript:alert(document.domain)",
        authors=("mallory",),
        people=("mallory",),
        concepts=("injection",),
        seminar=6,
        seminar_evidence=(evidence,),
    )
    person = Person("mallory", HOSTILE, (HOSTILE,), HOSTILE, False, documents=("hostile",))
    concept = Concept("injection", HOSTILE, (HOSTILE,), HOSTILE, "blog/hostile.txt:3")
    fact = Fact("venue", HOSTILE, "javascript:alert(1)")
    seminar = Seminar(6, HOSTILE, (HOSTILE,), "2016-05-01", HOSTILE, (fact,), ("hostile",))
    return Linked(documents=(document,), seminars=(seminar,), people=(person,), concepts=(concept,))


def copy_root(rootdir: Path, name: str, target: Path) -> Path:
    """A fresh copy of a test root (and the site's static files, if it has any)."""
    srcdir = target / name
    shutil.copytree(rootdir / f"test-{name}", srcdir)
    site = rootdir.parent.parent / "docs"
    for folder in ("_static", "_templates"):
        if (site / folder).is_dir():
            shutil.copytree(site / folder, srcdir / folder)
    return srcdir


@pytest.fixture(scope="module")
def hostile_site(
    rootdir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SphinxTestApp]:
    srcdir = copy_root(rootdir, "hostile", tmp_path_factory.mktemp("build"))
    write_output(srcdir, render(hostile_linked()))
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def content_text(app: SphinxTestApp, page: str) -> str:
    """The text of a page's main content, whitespace collapsed as a reader sees it."""
    soup = BeautifulSoup((app.outdir / page).read_text("utf-8"), "html.parser")
    article = soup.find("article") or soup.body
    assert article is not None
    return " ".join(article.get_text().split())


def test_build_gives_no_warning(hostile_site: SphinxTestApp) -> None:
    assert hostile_site.warning.getvalue() == ""


@pytest.mark.parametrize("case", CONSTRUCTS, ids=[case["name"] for case in CONSTRUCTS])
def test_every_construct_is_shown_as_text(
    hostile_site: SphinxTestApp, case: dict[str, Any]
) -> None:
    text = content_text(hostile_site, "documents/hostile.html")
    for paragraph in block_text(case["text"]):
        assert " ".join(paragraph.split()) in text


def test_hostile_fields_are_shown_as_text(hostile_site: SphinxTestApp) -> None:
    expected = " ".join(inline_text(HOSTILE).split())
    for page in ("documents/hostile.html", "people/mallory.html", "concepts/injection.html"):
        assert expected in content_text(hostile_site, page), page
    document = content_text(hostile_site, "documents/hostile.html")
    assert "javascript:alert(document.domain)" in document


def test_hostile_fields_are_data_in_the_head(hostile_site: SphinxTestApp) -> None:
    """Meta tags and JSON-LD of every kind of page hold the hostile text as values."""
    expected = flat(HOSTILE)
    outdir = Path(hostile_site.outdir)
    soup = BeautifulSoup((outdir / "documents/hostile.html").read_text("utf-8"), "html.parser")
    meta = {(m["name"], m["content"]) for m in soup.find_all("meta", attrs={"name": True})}
    author = split_name(HOSTILE).inverted  # "Family, Given", as Google Scholar asks
    assert {("citation_title", expected), ("citation_author", author)} <= meta
    found = {}
    for page in (
        "documents/hostile.html",
        "people/mallory.html",
        "concepts/injection.html",
        "seminars/seminar-6.html",
    ):
        soup = BeautifulSoup((outdir / page).read_text("utf-8"), "html.parser")
        (script,) = soup.find_all("script", type="application/ld+json")
        assert "<" not in script.get_text()
        found[page] = json.loads(script.get_text())
    assert found["documents/hostile.html"]["headline"] == expected
    assert found["documents/hostile.html"]["author"] == [{"@type": "Person", "name": expected}]
    assert "url" not in found["documents/hostile.html"]  # javascript: is never an address
    assert found["people/mallory.html"]["name"] == expected
    assert found["concepts/injection.html"]["description"] == expected
    assert found["seminars/seminar-6.html"]["location"]["name"] == expected
    bib = (outdir / "cite" / "hostile.bib").read_text("utf-8")
    assert bib.startswith("@online{hostile,\n")
    assert bib.count("@") == 1


def test_no_file_is_copied_and_the_scan_finds_nothing(hostile_site: SphinxTestApp) -> None:
    outdir = Path(hostile_site.outdir)
    assert not (outdir / "_images").exists()
    assert not (outdir / "_downloads").exists()
    assert "root:x:0:0" not in "".join(p.read_text("utf-8") for p in outdir.rglob("*.html"))
    assert scan_html(outdir) == []


#: What a furo page of the site loads (a page in a sub-folder).
OWN_SCRIPTS = """
<script>
      document.body.dataset.theme = localStorage.getItem("theme") || "auto";
    </script>
<script src="../_static/documentation_options.js?v=5929fcd5"></script>
<script src="../_static/scripts/furo.js?v=46bd48cc"></script>
<script data-sd-tabs-storage-prefix="x" src="../_static/design-tabs.js?v=fcb327ea"></script>
<script src="../searchindex.js" defer></script>
"""

#: Hand-made pages: (name, page path, HTML, a part of each problem the scan must report).
SCAN_CASES: list[tuple[str, str, str, list[str]]] = [
    ("own scripts", "documents/x.html", OWN_SCRIPTS, []),
    ("foreign script", "x.html", '<script src="https://evil.example/x.js"></script>', ["evil"]),
    ("protocol-relative", "x.html", '<script src="//evil.example/x.js"></script>', ["evil"]),
    ("outside _static", "a/x.html", '<script src="../../_static/x.js"></script>', ["_static"]),
    ("inline script", "x.html", "<script>alert(1)</script>", ["not the site's own"]),
    ("json script", "x.html", '<script type="application/json">{}</script>', ["own"]),
    ("event handler", "x.html", '<img src="a.png" onerror="alert(1)">', ["onerror"]),
    ("upper-case handler", "x.html", '<p ONCLICK="x()">t</p>', ["onclick"]),
    ("javascript href", "x.html", '<a href="javascript:alert(1)">t</a>', ["unsafe address"]),
    ("obfuscated", "x.html", '<a href=" Java\tScript:alert(1)">t</a>', ["unsafe address"]),
    ("entity", "x.html", '<a href="&#106;avascript:alert(1)">t</a>', ["unsafe address"]),
    ("vbscript", "x.html", '<a href="vbscript:msgbox(1)">t</a>', ["unsafe address"]),
    ("data src", "x.html", '<img src="data:image/svg+xml,<svg onload=alert(1)>">', ["unsafe"]),
    ("svg xlink", "x.html", '<svg><a xlink:href="javascript:x()">t</a></svg>', ["unsafe"]),
    ("form action", "x.html", '<form action="javascript:x()"></form>', ["unsafe address"]),
    ("meta refresh", "x.html", '<meta http-equiv="Refresh" content="0;url=/x">', ["refresh"]),
    ("iframe", "x.html", '<iframe src="https://evil.example"></iframe>', ["embedded"]),
    ("object", "x.html", '<object data="x.swf"></object>', ["embedded"]),
    ("base", "x.html", '<base href="https://evil.example/">', ["every link"]),
    ("plain page", "x.html", '<p>javascript: is text here <a href="https://x.org">x</a></p>', []),
    (
        "json-ld",
        "x.html",
        '<script type="application/ld+json">{"a": "\\u003c/script"}</script>',
        [],
    ),
    (
        "json-ld with <",
        "x.html",
        '<script type="application/ld+json">{"a": "<b>"}</script>',
        ["end"],
    ),
    ("json-ld code", "x.html", '<script type="application/ld+json">alert(1)</script>', ["JSON"]),
    ("json-ld src", "x.html", '<script type="application/ld+json" src="x.js"></script>', ["from"]),
    ("meta text", "x.html", '<meta name="citation_title" content="javascript: a title">', []),
    ("meta address", "x.html", '<meta http-equiv="x" content="javascript:x()">', ["unsafe"]),
]


@pytest.mark.parametrize(
    ("page", "html", "expected"),
    [case[1:] for case in SCAN_CASES],
    ids=[case[0] for case in SCAN_CASES],
)
def test_scan_flags_each_kind_of_problem(page: str, html: str, expected: list[str]) -> None:
    problems = scan_page(page, html)
    assert len(problems) == len(expected), problems
    for problem, part in zip(problems, expected, strict=True):
        assert part in problem


@pytest.mark.parametrize("folder", ["_images", "_downloads"])
def test_scan_flags_copied_files(tmp_path: Path, folder: str) -> None:
    (tmp_path / folder / "abc").mkdir(parents=True)
    (tmp_path / folder / "abc" / "passwd").write_text("root:x:0:0\n", "utf-8")
    (tmp_path / "index.html").write_text("<p>fine</p>", "utf-8")
    assert scan_html(tmp_path) == [f"{folder}/abc/passwd: a file copied into the site by a page"]


def test_hand_written_unsafe_page_fails_the_build(
    rootdir: Path, tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    app = make_app("html", srcdir=copy_root(rootdir, "unsafe-page", tmp_path))
    with pytest.raises(UnsafeOutputError):
        app.build()
    warnings = app.warning.getvalue()
    assert 'Directive "include" disabled' in warnings
    assert '"raw" directive disabled' in warnings
    html = (app.outdir / "index.html").read_text("utf-8")
    assert "secret file content" not in html
    assert 'alert("raw")' not in html
    problems = scan_html(Path(app.outdir))
    assert any(p.startswith("_images/") for p in problems)
    assert any("javascript:alert(1)" in p for p in problems)


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ({"myst_enable_extensions": ["substitution"]}, "'substitution'"),
        ({"myst_disable_syntax": []}, "'html_block'"),
        ({"raw_enabled": True}, "raw_enabled must be False"),
        ({"suppress_warnings": ["myst.header"]}, "suppress_warnings must be empty"),
    ],
)
def test_unsafe_settings_stop_the_build(
    rootdir: Path,
    tmp_path: Path,
    make_app: Callable[..., SphinxTestApp],
    override: dict[str, Any],
    expected: str,
) -> None:
    srcdir = copy_root(rootdir, "unsafe-page", tmp_path)
    with pytest.raises(ConfigError, match=expected):
        make_app("html", srcdir=srcdir, confoverrides=override)


def test_site_configuration_is_safe(site_conf: dict[str, Any]) -> None:
    assert config_problems({**site_conf}) == []
    assert "tools.sphinxext" in site_conf["extensions"]


FRONT_MATTER = [
    ("---\nmyst:\n  enable_extensions: [substitution]\n---\n# T\n", ["myst"]),
    ("---\nhtml_meta:\n  x: y\nsubstitutions: {}\n---\n", ["html_meta", "substitutions"]),
    ("---\ndocument:\n  title: x\n---\n# T\n", []),
    ("# No front matter\n", []),
]


@pytest.mark.parametrize(("text", "keys"), FRONT_MATTER)
def test_reconfiguring_front_matter_is_found(text: str, keys: list[str]) -> None:
    assert reconfiguring_keys(text) == keys


def test_scan_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "index.html").write_text("<p>fine</p>", "utf-8")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "index.html").write_text('<a href="javascript:x()">x</a>', "utf-8")
    assert scan_main([str(tmp_path / "good")]) == 0
    assert scan_main([str(tmp_path / "bad")]) == 1
    assert "index.html: <a> href with an unsafe address" in capsys.readouterr().out
    assert scan_main([str(tmp_path / "missing")]) == 2
    assert scan_main([]) == 2
