"""The built site in a real browser: search, filters, timeline, map, previews, phones, offline.

The site is built once for the module, as ``nox -s build`` builds it: ingest into a copy
of ``docs/`` (with the real sources plus one hostile probe text), ``sphinx-build -W -n``,
then the search indexes (``tools.sphinxext.search_index``). A thread serves it on
127.0.0.1, and Debian's Chromium (``/usr/bin/chromium``, driven by Playwright; no
downloaded browser) loads it, over HTTP and, as the README's "open index.html" does,
from the file system (``file://``), where the search page answers from the offline index.
Every page load records JavaScript errors and refuses, and records, any request that
would leave the site (127.0.0.1, or its folder for ``file://``).

The tests also measure the index (size, pages) and a query's time in the browser; the
numbers go to ``KB_SEARCH_METRICS`` (a path) when it is set, for the performance page.
Nothing is asserted about time.
"""

from __future__ import annotations

import functools
import http.server
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import axe_playwright_python
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
#: A source that tries to run code; the search must show it as text.
PROBE = (
    "Xylophonic probe <script>window.kbProbe = 1</script> and "
    '<img src=x onerror="window.kbProbe = 2"> are shown as text.\n'
    "This post about the xylophonic quartz checks that search results never run what a "
    "source says.\n"
)
GENERATED = ("_build", "documents", "seminars", "people", "concepts", "cite", "catalog.json")

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        # In CI a missing browser is a failure, not a skip: .ci/run installs it.
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)",
    ),
]


@dataclass(frozen=True)
class Site:
    """The built site: its folder, its address, and its catalog."""

    html: Path
    base: str
    catalog: dict[str, Any]
    metrics: dict[str, int]

    @property
    def file_base(self) -> str:
        """The site's address when opened from the file system."""
        return self.html.as_uri() + "/"

    def doc_page(self, *, title: str = "", source: str = "") -> str:
        """The address path of the document with this title or first origin."""
        for d in self.catalog["documents"]:
            if d["title"] == title or d["origins"][0]["source"] == source:
                return str(d["page"]).removesuffix(".md") + ".html"
        raise AssertionError(f"no document titled {title!r} or from {source!r}")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _run(*command: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Ingest, build and index the site in a temporary folder, and serve it."""
    tmp = tmp_path_factory.mktemp("browser-site")
    docs, sources, html = tmp / "docs", tmp / "sources", tmp / "docs" / "_build" / "html"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns(*GENERATED, ".ingest-*"))
    shutil.copytree(ROOT / "sources", sources)
    (sources / "blog" / "search-probe.txt").write_text(PROBE, "utf-8")
    python = sys.executable
    _run(python, "-m", "tools.ingest", "--sources", str(sources), "--out", str(docs), "--quiet")
    _run(python, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-j", "auto",
         "-b", "html", str(docs), str(html))  # fmt: skip
    metrics_file = tmp / "index-metrics.json"
    _run(python, "-m", "tools.sphinxext.search_index", str(html), "--metrics", str(metrics_file))
    handler = functools.partial(_Quiet, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(
            html=html,
            base=f"http://127.0.0.1:{server.server_address[1]}/",
            catalog=json.loads((docs / "catalog.json").read_text("utf-8")),
            metrics=json.loads(metrics_file.read_text("utf-8")),
        )
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A page with what it did wrong: JavaScript errors and requests off 127.0.0.1."""

    page: Any
    base: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def open(self, path: str) -> Any:
        self.page.goto(urljoin(self.base, path))
        return self.page

    def search(self, query: str, page: str = "search.html") -> Any:
        """Open the search page with this query string and wait for the results."""
        self.open(f"{page}?{query}")
        self.page.wait_for_selector(".kb-find[data-kb-state=done]", timeout=20_000)
        return self.page

    def result_paths(self) -> list[str]:
        """The results' paths under the site (``seminars/index.html`` over HTTP is
        ``seminars/``: one page, one path either way)."""
        hrefs = self.page.eval_on_selector_all(".kb-find-title", "els => els.map(e => e.href)")
        base = urlsplit(self.base).path
        paths = [urlsplit(h).path.removeprefix(base) for h in hrefs]
        return [p.removesuffix("index.html") if p.endswith("/index.html") else p for p in paths]

    def all_results(self) -> list[str]:
        """Every result's path, after showing every page of results."""
        while self.page.is_visible(".kb-find-more"):
            shown = self.page.locator(".kb-find-result").count()
            self.page.click(".kb-find-more")
            self.page.wait_for_function(
                f"document.querySelectorAll('.kb-find-result').length > {shown}"
            )
        return self.result_paths()

    def assert_clean(self) -> None:
        assert self.errors == [], "JavaScript errors"
        assert self.outside == [], "requests that left 127.0.0.1"


def _tab(
    browser: Any, site: Site, viewport: dict[str, int], base: str = "", scheme: str = "light"
) -> Iterator[Tab]:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    tab = Tab(page, base or site.base)

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(tab.base):
            request_route.continue_()
        else:
            tab.outside.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page.on("pageerror", lambda error: tab.errors.append(f"pageerror: {error}"))
    page.on(
        "console",
        lambda message: (
            tab.errors.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    yield tab
    context.close()


@pytest.fixture
def tab(browser: Any, site: Site) -> Iterator[Tab]:
    yield from _tab(browser, site, DESKTOP)


@pytest.fixture
def phone(browser: Any, site: Site) -> Iterator[Tab]:
    yield from _tab(browser, site, PHONE)


@pytest.fixture(params=["http", "file"])
def either(request: pytest.FixtureRequest, browser: Any, site: Site) -> Iterator[Tab]:
    """A tab on the site served over HTTP, then on the site opened from its folder."""
    yield from _tab(
        browser, site, DESKTOP, site.base if request.param == "http" else site.file_base
    )


QUERIES = [
    ("q=weak+ties", {"source": "blog/york-commissioning-event-reflections.txt"}),
    ("q=McNamara+fallacy", {"title": "The Silent Screams of Service Users"}),
    ("q=%22weak+ties%22", {"source": "blog/york-commissioning-event-reflections.txt"}),
]


@pytest.mark.parametrize(("query", "document"), QUERIES)
def test_query_finds_document(tab: Tab, site: Site, query: str, document: dict[str, str]) -> None:
    page = tab.search(query)
    assert site.doc_page(**document) in tab.result_paths()
    assert page.locator(".kb-find-results mark").count() > 0  # matches are marked
    tab.assert_clean()


def _filters_of(site: Site, path: str) -> set[str]:
    if not path or path.endswith("/"):
        path += "index.html"
    html = (site.html / path).read_text("utf-8")
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    return {str(s["data-pagefind-filter"]) for s in soup.select("[data-pagefind-filter]")}


FILTERED = [
    ("q=commissioning", "seminar", "4"),
    ("q=commissioning", "person", "anne-rogers"),
    ("q=co-production", "kind", "blog"),
    ("q=co-production", "concept", "weak-ties"),
    ("q=co-production", "year", "2016"),
]


@pytest.mark.parametrize(("query", "name", "value"), FILTERED)
def test_filter_in_the_address_narrows_results(
    tab: Tab, site: Site, query: str, name: str, value: str
) -> None:
    page = tab.search(query)
    everything = int(page.get_attribute(".kb-find", "data-kb-count"))
    page = tab.search(f"{query}&{name}={value}")
    narrowed = int(page.get_attribute(".kb-find", "data-kb-count"))
    assert 0 < narrowed < everything
    assert page.input_value(f"select[name={name}]") == value  # the form shows the address
    for path in tab.result_paths():
        assert f"{name}:{value}" in _filters_of(site, path), path
    tab.assert_clean()


def test_filter_without_words_lists_its_pages(tab: Tab, site: Site) -> None:
    page = tab.search("seminar=4")
    seminar = next(s for s in site.catalog["seminars"] if s["number"] == 4)
    assert tab.result_paths()[0] == "seminars/seminar-4.html"  # the seminar comes first
    while page.is_visible(".kb-find-more"):
        shown = page.locator(".kb-find-result").count()
        page.click(".kb-find-more")
        page.wait_for_function(f"document.querySelectorAll('.kb-find-result').length > {shown}")
    paths = tab.result_paths()
    assert len(paths) == int(page.get_attribute(".kb-find", "data-kb-count"))
    for doc in seminar["documents"]:
        assert f"documents/{doc}.html" in paths
    assert "4" in page.inner_text(".kb-find-status")
    tab.assert_clean()


# --- One search page, however the site is opened -------------------------------------

#: A query and a filter in the address, and a document each must find.
BOTH_WAYS = [
    ("q=commissioning&seminar=4", {"source": "blog/york-commissioning-event-reflections.txt"}),
    ("q=weak+ties&kind=blog", {"source": "blog/york-commissioning-event-reflections.txt"}),
    ("q=silent+screams&person=steve-flatt", {"title": "The Silent Screams of Service Users"}),
]


@pytest.mark.parametrize(("query", "document"), BOTH_WAYS)
def test_query_and_filter_in_the_address_find_the_document_served_or_from_a_file(
    either: Tab, site: Site, query: str, document: dict[str, str]
) -> None:
    page = either.search(query)
    offline = either.base.startswith("file:")
    assert page.get_attribute(".kb-find", "data-kb-index") == ("offline" if offline else "pagefind")
    paths = either.all_results()
    assert site.doc_page(**document) in paths
    name, value = query.split("&")[1].split("=")
    assert page.input_value(f"select[name={name}]") == value  # the form shows the address
    for path in paths:  # every result has the filter
        assert f"{name}:{value}" in _filters_of(site, path), path
    assert len(paths) == len(set(paths))  # no result twice
    assert page.is_visible(".kb-find-offline") == offline  # what serving adds, from a file
    if offline:
        assert "Served over HTTP" in page.inner_text(".kb-find-offline")
    either.assert_clean()


@pytest.mark.parametrize("query", ["q=co-production", "q=seminar", "seminar=4", "q=weak+ties"])
def test_no_result_appears_twice(either: Tab, query: str) -> None:
    either.search(query)
    paths = either.all_results()
    assert paths
    assert len(paths) == len(set(paths)), [p for p in paths if paths.count(p) > 1]
    either.assert_clean()


def test_pages_about_the_project_are_left_out_unless_asked_for(either: Tab, site: Site) -> None:
    page = either.search("q=weak+ties")
    kinds = {next(iter(_kinds(site, path))) for path in either.all_results()}
    assert "about" not in kinds
    left_out = int(page.get_attribute(".kb-find", "data-kb-about"))
    assert left_out > 0  # the performance and contributing pages say "weak ties"
    page.click(".kb-find-about")
    page.wait_for_url("**/search.html?q=weak+ties&kind=about")
    page.wait_for_selector(".kb-find[data-kb-state=done]")
    about = either.all_results()
    assert len(about) == left_out
    assert {next(iter(_kinds(site, path))) for path in about} == {"about"}
    assert "performance.html" in about
    either.assert_clean()


def _kinds(site: Site, path: str) -> set[str]:
    return {f.split(":", 1)[1] for f in _filters_of(site, path) if f.startswith("kind:")}


def test_the_old_address_leads_to_the_search_page(either: Tab, site: Site) -> None:
    either.open("find.html?q=commissioning&seminar=4")
    either.page.wait_for_url("**/search.html?q=commissioning&seminar=4")
    either.page.wait_for_selector(".kb-find[data-kb-state=done]")
    assert site.doc_page(source="blog/york-commissioning-event-reflections.txt") in (
        either.all_results()
    )
    either.assert_clean()


def test_the_sidebar_box_searches_from_a_file_too(browser: Any, site: Site) -> None:
    for tab in _tab(browser, site, DESKTOP, site.file_base):
        page = tab.open("index.html")
        page.fill(".sidebar-search", "McNamara fallacy")
        page.press(".sidebar-search", "Enter")
        page.wait_for_url("**/search.html?q=McNamara+fallacy")
        page.wait_for_selector(".kb-find[data-kb-state=done]")
        assert site.doc_page(title="The Silent Screams of Service Users") in tab.result_paths()
        tab.assert_clean()


def test_form_keeps_the_address_in_step(tab: Tab) -> None:
    page = tab.search("q=recovery")
    page.fill("#kb-find-q", "weak ties")
    page.press("#kb-find-q", "Enter")
    page.wait_for_url("**/search.html?q=weak+ties")
    page.select_option("select[name=seminar]", "4")
    page.wait_for_url("**/search.html?q=weak+ties&seminar=4")
    page.wait_for_selector(".kb-find[data-kb-state=done]")
    page.go_back()
    page.wait_for_url("**/search.html?q=weak+ties")
    page.wait_for_function("document.querySelector('select[name=seminar]').value === ''")
    tab.assert_clean()


def test_sidebar_search_box_leads_to_the_search_page(tab: Tab, site: Site) -> None:
    page = tab.open("seminars/seminar-4.html")
    page.fill(".sidebar-search", "McNamara fallacy")
    page.press(".sidebar-search", "Enter")
    page.wait_for_url("**/search.html?q=McNamara+fallacy")
    page.wait_for_selector(".kb-find[data-kb-state=done]")
    assert site.doc_page(title="The Silent Screams of Service Users") in tab.result_paths()
    tab.assert_clean()


def test_hostile_source_is_shown_as_text(tab: Tab, site: Site) -> None:
    page = tab.search("q=xylophonic")
    assert site.doc_page(source="blog/search-probe.txt") in tab.result_paths()
    results = page.locator(".kb-find-results")
    assert "<script>window.kbProbe = 1</script>" in results.inner_text()
    assert results.locator("script, img").count() == 0
    page.wait_for_timeout(200)
    assert page.evaluate("window.kbProbe") is None
    tab.assert_clean()


def test_long_document_results_point_to_sections(tab: Tab) -> None:
    page = tab.search("q=weak+ties")
    links = page.eval_on_selector_all(".kb-find-sections a", "els => els.map(e => e.href)")
    assert any("#" in link for link in links)
    target = next(link for link in links if "#" in link)
    tab.page.goto(target)
    anchor = urlsplit(target).fragment
    assert page.evaluate("id => document.getElementById(id) !== null", anchor)
    tab.assert_clean()


def test_timeline_links_each_seminar_to_its_page(tab: Tab, site: Site) -> None:
    page = tab.open("timeline.html")
    rows = page.locator("svg.kb-timeline a.kb-seminar-row")
    assert rows.count() == len(site.catalog["seminars"]) == 7
    hrefs = rows.evaluate_all("els => els.map(e => e.href.baseVal || e.getAttribute('href'))")
    assert [urlsplit(urljoin(page.url, h)).path for h in hrefs] == [
        f"/seminars/seminar-{n}.html" for n in range(1, 8)
    ]
    row = page.locator('svg.kb-timeline [data-kb-node="seminar:4"]')
    assert "3 documents" in row.locator("title").text_content()
    row.click()
    page.wait_for_url("**/seminars/seminar-4.html")
    assert "Seminar 4" in page.title()
    tab.assert_clean()


def test_map_has_every_entity_and_leads_to_its_page(tab: Tab, site: Site) -> None:
    page = tab.open("map.html")
    for kind, table in (("person", "people"), ("concept", "concepts")):
        shown = page.locator(f"svg.kb-map a.kb-node-{kind}").count()
        assert shown == len(site.catalog[table])
    node = page.locator('svg.kb-map [data-kb-node="person:anne-rogers"]')
    node.hover()
    assert page.locator("svg.kb-map.kb-focus .kb-edge.kb-on").count() > 0
    node.click()
    page.wait_for_url("**/people/anne-rogers.html")
    tab.assert_clean()


PREVIEWS = [("people/anne-rogers.html", "person"), ("concepts/weak-ties.html", "concept")]


@pytest.mark.parametrize(("target", "kind"), PREVIEWS)
def test_link_preview(tab: Tab, site: Site, target: str, kind: str) -> None:
    page = tab.open(site.doc_page(source="blog/york-commissioning-event-reflections.txt"))
    page.locator(f'article a[href$="{target.split("/")[1]}"]').first.hover()
    card = page.locator(".kb-preview")
    card.wait_for(state="visible")
    entry_id = target.split("/")[1].removesuffix(".html")
    if kind == "person":
        entry = next(p for p in site.catalog["people"] if p["id"] == entry_id)
        expected = [entry["name"], entry["affiliation"]]
    else:
        entry = next(c for c in site.catalog["concepts"] if c["id"] == entry_id)
        expected = [entry["term"], entry["definition"][:40]]
    for text in expected:
        assert text in card.inner_text()
    page.mouse.move(0, 0)
    card.wait_for(state="hidden")
    tab.assert_clean()


def _page_types(site: Site) -> list[str]:
    return [
        "index.html",
        "seminars/seminar-4.html",
        "people/anne-rogers.html",
        "concepts/weak-ties.html",
        site.doc_page(title="The Silent Screams of Service Users"),
        "search.html?q=weak+ties",
        "timeline.html",
        "map.html",
    ]


def test_no_errors_and_nothing_leaves_the_site(tab: Tab, site: Site) -> None:
    for path in _page_types(site):
        page = tab.open(path)
        page.wait_for_load_state("networkidle")
        assert tab.errors == [], path
        assert tab.outside == [], path


def test_pages_fit_a_phone(phone: Tab, site: Site) -> None:
    for path in _page_types(site):
        page = phone.open(path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{path} scrolls sideways: {width}"
    page = phone.search("")
    box = page.locator("#kb-find-q").bounding_box()
    assert box is not None
    assert 0 <= box["x"] <= box["x"] + box["width"] <= PHONE["width"]
    page.fill("#kb-find-q", "weak ties")
    page.press("#kb-find-q", "Enter")
    page.wait_for_url("**/search.html?q=weak+ties")
    page.wait_for_selector(".kb-find[data-kb-count]:not([data-kb-count='0'])")
    phone.assert_clean()


MEASURE = """async (query) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", location.href).href);
  const times = [];
  let count = 0;
  for (let i = 0; i < 6; i++) {
    const start = performance.now();
    const found = await pagefind.search(query);
    await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
    times.push(performance.now() - start);
    count = found.results.length;
  }
  return {times, count};
}"""


#: axe-core, as the PyPI package axe-playwright-python bundles it (test dependency group).
AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
#: The WCAG 2.0, 2.1 and 2.2 rules of levels A and AA, by axe-core's tags.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const found = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return found.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    where: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


def _accessibility_pages(site: Site) -> list[str]:
    """Every kind of page: home, seminar, person, concept, document (post, article,
    deck), the indexes, the glossary, the works cited, timeline, map, search with results
    and with a filter, and the pages about the project."""
    documents = {d["kind"]: str(d["page"]).removesuffix(".md") + ".html" for d in
                 site.catalog["documents"]}  # fmt: skip
    return [
        *_page_types(site),
        *(documents[kind] for kind in ("article", "slides")),
        "seminars/index.html",
        "people/index.html",
        "concepts/index.html",
        "concepts/glossary.html",
        "documents/index.html",
        "documents/overview.html",
        "documents/works-cited.html",
        "search.html?q=co-production&kind=blog",
        "search.html",
        "about-data.html",
        "catalog.html",
        "security.html",
        "accessibility.html",
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_accessibility_violation(
    browser: Any, site: Site, scheme: str, viewport: dict[str, int]
) -> None:
    """axe-core finds no WCAG 2.2 A or AA violation on any kind of page, in the light and
    the dark theme, on a desktop and a phone."""
    axe = AXE.read_text("utf-8")
    found: dict[str, Any] = {}
    for tab in _tab(browser, site, viewport, scheme=scheme):
        for path in _accessibility_pages(site):
            page = tab.open(path)
            page.wait_for_load_state("networkidle")
            if path.startswith("search.html?"):
                page.wait_for_selector(".kb-find[data-kb-state=done]", timeout=20_000)
            page.add_script_tag(content=axe)
            violations = page.evaluate(RUN_AXE, WCAG_TAGS)
            if violations:
                found[path] = violations
        tab.assert_clean()
    assert found == {}


def _tab_to(page: Any, selector: str, limit: int = 400, key: str = "Tab") -> int:
    """Press Tab (or ``key``) until the focus is on an element matching ``selector``;
    return how many presses it took (fails if it never gets there: not reachable)."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if page.evaluate("(s) => !!document.activeElement?.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} is not reachable with the Tab key")


#: The box of the focused element, a few pixels wider on each side (where an outline is),
#: once it is in the middle of the window.
FOCUSED_BOX = """() => {
  document.activeElement.scrollIntoView({block: "center", behavior: "instant"});
  const r = document.activeElement.getBoundingClientRect();
  return {x: Math.max(0, r.x - 4), y: Math.max(0, r.y - 4), width: r.width + 8,
          height: r.height + 8};
}"""


def _shows_focus(page: Any, looks: int = 6) -> bool:
    """Whether the focused element looks different from when it is not focused (an
    outline, a thicker stroke, a colour: anything a sighted keyboard user can see).

    On a busy machine the focus style may be painted after the first look, and the page
    may still move under it (results filling in above a control): up to ``looks`` looks,
    each measuring the element where it is now, the keyboard giving the focus back in
    between (Shift+Tab, Tab, so it is keyboard focus still, as ``:focus-visible``
    needs)."""
    element = page.evaluate_handle("document.activeElement")
    for _ in range(looks):
        page.evaluate(PAINTED)
        box = page.evaluate(FOCUSED_BOX)  # again each look: the page may have moved
        focused = page.screenshot(clip=box, animations="disabled")
        page.evaluate("document.activeElement.blur()")
        page.evaluate(PAINTED)
        plain = page.screenshot(clip=box, animations="disabled")
        if focused != plain:
            return True
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        if not page.evaluate("(e) => e === document.activeElement", element):
            return False
    return False


#: Resolves once the page has painted twice: what a style change shows is on the screen.
PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


@pytest.mark.parametrize(("target", "kind"), PREVIEWS)
def test_link_preview_opens_on_focus_and_closes_with_escape(
    tab: Tab, site: Site, target: str, kind: str
) -> None:
    page = tab.open(site.doc_page(source="blog/york-commissioning-event-reflections.txt"))
    name = target.split("/")[1]
    _tab_to(page, f'article a[href$="{name}"]')
    card = page.locator(".kb-preview")
    card.wait_for(state="visible")
    page.keyboard.press("Escape")
    card.wait_for(state="hidden")
    assert _shows_focus(page), "the focused link does not show its focus"
    tab.assert_clean()


def test_search_with_the_keyboard_alone(tab: Tab) -> None:
    """From the top of the search page: Tab to the box, type, Enter, then Tab to the
    first result and follow it with Enter; each control shows its focus."""
    page = tab.open("search.html")
    page.wait_for_selector(".kb-find[data-kb-state]")
    _tab_to(page, "#kb-find-q")
    assert _shows_focus(page), "the search box does not show its focus"
    page.focus("#kb-find-q")  # back where the Tab key left it
    page.keyboard.type("weak ties")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=weak+ties")
    page.wait_for_selector(".kb-find[data-kb-count]:not([data-kb-count='0'])")
    _tab_to(page, ".kb-find-title")
    href = page.evaluate("document.activeElement.href")
    focused = page.evaluate_handle("document.activeElement")
    assert _shows_focus(page), "a result link does not show its focus"
    focused.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    tab.assert_clean()


#: What has the focus, as a selector-like key: ``#kb-find-q``, ``select[name=kind]``,
#: ``button.kb-find-more``, ``a.kb-find-title``, or the tag and class of anything else.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "body";
  if (e.id) return "#" + e.id;
  if (e.name) return `${e.tagName.toLowerCase()}[name=${e.name}]`;
  return e.tagName.toLowerCase() + (e.classList[0] ? "." + e.classList[0] : "");
}"""
#: The search form's controls in the order the Tab key must reach them.
SEARCH_ORDER = [
    "#kb-find-q",
    "button.kb-find-button",
    *(f"select[name={name}]" for name in ("kind", "seminar", "person", "concept", "year")),
]


def _count(page: Any) -> int:
    return int(page.get_attribute(".kb-find", "data-kb-count"))


def _searched(page: Any, url: str) -> None:
    """Wait for the address ``url`` (a glob) and the search it asks for."""
    page.wait_for_url(url)
    page.wait_for_selector(".kb-find[data-kb-state=done]", timeout=20_000)


def test_search_filters_with_the_keyboard_alone(tab: Tab, site: Site) -> None:
    """Tab goes from the search box to its button and the five filters in order, each
    showing its focus. A filter opened with Space, moved with the arrows and chosen with
    Enter narrows the results and keeps the focus; Home on a closed filter gives every
    result back."""
    page = tab.search("q=co-production")
    everything = _count(page)
    _tab_to(page, "#kb-find-q")
    order = []
    for _ in SEARCH_ORDER:
        control = page.evaluate(FOCUSED)
        order.append(control)
        assert _shows_focus(page), f"{control} does not show its focus"
        page.focus(control)  # back where the Tab key left it
        page.keyboard.press("Tab")
    assert order == SEARCH_ORDER
    _tab_to(page, "select[name=seminar]", key="Shift+Tab")
    page.keyboard.press("Space")  # opens the list of seminars
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    _searched(page, "**/search.html?q=co-production&seminar=*")
    seminar = page.input_value("select[name=seminar]")
    assert seminar
    assert 0 < _count(page) < everything
    assert page.evaluate(FOCUSED) == "select[name=seminar]"  # the focus stays
    assert f"seminar: {seminar}" in page.inner_text(".kb-find-status")
    for path in tab.all_results():
        assert f"seminar:{seminar}" in _filters_of(site, path), path
    page.focus("select[name=seminar]")  # all_results clicked "More results"
    page.keyboard.press("Home")  # "Any", on the closed list
    _searched(page, "**/search.html?q=co-production")
    assert _count(page) == everything
    assert page.evaluate(FOCUSED) == "select[name=seminar]"
    tab.assert_clean()


def test_arrowing_through_a_filter_is_one_step_of_history(tab: Tab, site: Site) -> None:
    """The arrows on a closed filter change it at once (as Chromium does on Linux and
    Windows): each value narrows the results, and Back undoes the whole visit at once."""
    page = tab.search("q=co-production")
    everything = _count(page)
    _tab_to(page, "select[name=year]")
    values: list[str] = []
    for _ in range(2):
        page.keyboard.press("ArrowDown")
        page.wait_for_function(
            "(v) => document.querySelector('select[name=year]').value !== v",
            arg=values[-1] if values else "",
        )
        values.append(page.input_value("select[name=year]"))
        _searched(page, f"**/search.html?q=co-production&year={values[-1]}")
        assert 0 < _count(page) < everything
        for path in tab.result_paths():
            assert f"year:{values[-1]}" in _filters_of(site, path), path
    assert values[0] != values[1]
    page.go_back()
    _searched(page, "**/search.html?q=co-production")
    assert page.input_value("select[name=year]") == ""
    assert _count(page) == everything
    tab.assert_clean()


def test_more_results_with_the_keyboard_alone(tab: Tab) -> None:
    """The "More results" button comes after the results in the Tab order and shows its focus;
    Enter or Space adds the next results and moves the focus to the first of them (so
    the focus is never lost, not even when the last page hides the button), from where
    Tab goes on through the new ones."""
    page = tab.search("q=co-production")
    total = _count(page)
    shown = page.locator(".kb-find-result").count()
    assert shown < total  # there is a "More results"
    keys = itertools.cycle(["Enter", "Space"])
    while shown < total:
        _tab_to(page, "button.kb-find-more")
        last = page.evaluate("document.querySelectorAll('.kb-find-result').length - 1")
        page.keyboard.press("Shift+Tab")  # just before the button: the last result
        assert page.evaluate(
            "(n) => document.activeElement.closest('.kb-find-result') === "
            "document.querySelectorAll('.kb-find-result')[n]",
            last,
        )
        page.keyboard.press("Tab")
        assert _shows_focus(page), "More results does not show its focus"
        page.focus("button.kb-find-more")
        page.keyboard.press(next(keys))
        page.wait_for_function(f"document.querySelectorAll('.kb-find-result').length > {shown}")
        first_new = shown
        shown = page.locator(".kb-find-result").count()
        assert page.evaluate(
            "(n) => document.activeElement === "
            "document.querySelectorAll('.kb-find-result')[n].querySelector('a')",
            first_new,
        ), "the focus is not on the first new result"
        if shown < total:
            assert page.inner_text(".kb-find-more") == f"More results ({shown} of {total} shown)"
        page.keyboard.press("Tab")  # on through the new results
        assert page.evaluate(
            "(n) => [...document.querySelectorAll('.kb-find-result')].indexOf("
            "document.activeElement.closest('.kb-find-result')) >= n",
            first_new,
        )
    assert shown == total
    assert not page.is_visible(".kb-find-more")
    assert page.evaluate(FOCUSED) != "body"
    tab.assert_clean()


def test_map_and_timeline_nodes_are_reached_with_the_keyboard(tab: Tab) -> None:
    for path, selector in (
        ("map.html", "svg.kb-map a.kb-node-person"),
        ("timeline.html", "svg.kb-timeline a.kb-seminar-row"),
    ):
        page = tab.open(path)
        _tab_to(page, selector)
        href = page.evaluate("document.activeElement.href.baseVal || document.activeElement.href")
        focused = page.evaluate_handle("document.activeElement")
        assert _shows_focus(page), f"a {path} node does not show its focus"
        focused.focus()
        with page.expect_navigation(timeout=10_000):
            page.keyboard.press("Enter")
        assert urlsplit(page.url).path == urlsplit(urljoin(tab.base + path, href)).path
    tab.assert_clean()


#: Each picture: its page, the SVG, its text equivalent (the heading's id), the catalog's
#: tables its nodes come from.
PICTURE_PAGES = [
    ("map.html", "svg.kb-map", "kb-map-text", "map"),
    ("timeline.html", "svg.kb-timeline", "kb-timeline-text", "timeline"),
]


def _aria_links(tree: object) -> list[tuple[str, str]]:
    """The links of an ARIA snapshot (read as YAML), in order: their names and addresses."""
    found: list[tuple[str, str]] = []
    if isinstance(tree, list):
        for item in tree:
            found += _aria_links(item)
    elif isinstance(tree, dict):
        for key, value in tree.items():
            name = re.fullmatch(r'link "(.*)"', str(key))
            if name:
                url = next(v["/url"] for v in value if isinstance(v, dict) and "/url" in v)
                found.append((name.group(1), str(url)))
            else:
                found += _aria_links(value)
    return found


#: Every address an element links to, made absolute.
HREFS = "els => els.map(e => new URL(e.getAttribute('href'), location.href).href)"


@pytest.mark.parametrize(("path", "svg", "text_id", "noun"), PICTURE_PAGES)
def test_a_screen_reader_reaches_the_text_equivalent_of_each_picture(
    tab: Tab, site: Site, path: str, svg: str, text_id: str, noun: str
) -> None:
    """The picture is described by its text equivalent (``aria-describedby``), a link
    before it skips to it, and the text equivalent is in the accessibility tree (what a
    screen reader reads: Playwright's ARIA snapshot) as a heading and lists whose links
    go to exactly the pages the picture's nodes go to, each once."""
    page = tab.open(path)
    picture = page.locator(svg)
    playwright_api.expect(picture).to_have_accessible_description(
        re.compile(rf"^The same \d+ .* as the {noun}, as ")
    )
    section = page.locator(f"section:has(> #{text_id})")
    tree = yaml.safe_load(section.aria_snapshot())
    assert f'heading "The {noun} as text" [level=2]' in tree
    links = _aria_links(tree)
    pictured = picture.locator("a").evaluate_all(HREFS)
    listed = [urljoin(page.url, url) for _, url in links]
    assert len(listed) == len(set(listed)) == len(set(pictured))  # each node once
    assert set(listed) == set(pictured)
    names = [name for name, _ in links]
    if noun == "map":
        for table, field in (("people", "name"), ("concepts", "term")):
            for entry in site.catalog[table]:
                assert entry[field] in names, entry[field]
        assert f'heading "People ({len(site.catalog["people"])})" [level=3]' in tree
        probe = next(d for d in site.catalog["documents"] if d["origins"][0]["source"] ==
                     "blog/search-probe.txt")  # fmt: skip
        assert "<script>" in probe["title"]
        assert any(name.startswith(probe["title"]) for name in names)  # shown as text
        assert section.locator("script, img").count() == 0
        assert page.evaluate("window.kbProbe") is None
    else:
        assert [n.split(" ·")[0] for n in names] == [
            f"Seminar {s['number']}" for s in site.catalog["seminars"]
        ]
    # From the top of the page, the skip link comes before the picture's nodes; after
    # following it, the next Tab is in the text equivalent, not in the picture.
    presses = _tab_to(page, ".kb-picture-skip a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{path}#{text_id}")
    page.keyboard.press("Tab")
    assert page.evaluate(
        "(id) => !!document.activeElement.closest(`section:has(> #${id})`)", text_id
    ), "after the skip link, Tab is not in the text equivalent"
    page.goto(urljoin(tab.base, path))
    assert _tab_to(page, f"{svg} a") > presses  # the picture's nodes come after the link
    tab.assert_clean()


#: The system colours a page in forced colours mode may paint with, as the browser
#: computes them here.
SYSTEM_COLOURS = """() => Object.fromEntries(["Canvas", "CanvasText", "LinkText", "Highlight",
  "HighlightText", "ButtonText", "ButtonFace", "ButtonBorder", "GrayText", "Mark",
  "MarkText", "VisitedText", "AccentColor", "AccentColorText", "Field", "FieldText",
  "SelectedItem", "SelectedItemText"].map((name) => {
    const probe = document.createElement("span");
    probe.style.color = name;
    document.body.append(probe);
    const value = getComputedStyle(probe).color;
    probe.remove();
    return [name, value];
  }))"""
#: The contrast of a colour with the page's background (Canvas), WCAG's formula; a
#: colour with transparency, or drawn with an opacity, is first laid over the background.
CONTRAST = """
const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
const over = (fg, bg, alpha) => fg.slice(0, 3).map((c, i) => c * alpha + bg[i] * (1 - alpha));
const luminance = (c) => {
  const [r, g, b] = c.map((v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (colour, background, opacity) => {
  const fg = rgb(colour), bg = rgb(background);
  const alpha = (fg.length > 3 ? fg[3] : 1) * opacity;
  const [a, b] = [luminance(over(fg, bg, alpha)), luminance(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
};
"""
#: Every paint of every mark in a picture that is not a system colour, or that stands
#: out from the background by less than 3:1 (WCAG's contrast for graphics).
BAD_PAINT = (
    "([selector, system]) => {"
    + CONTRAST
    + """
  const allowed = new Set(Object.values(system));
  const background = system.Canvas;
  const bad = [];
  for (const e of document.querySelectorAll(`${selector} :is(text, circle, rect, path, line)`)) {
    const s = getComputedStyle(e);
    let opacity = 1;
    for (let n = e; n && n.tagName !== "svg"; n = n.parentElement) {
      opacity *= Number(getComputedStyle(n).opacity);
    }
    for (const [what, paint] of [["fill", s.fill], ["stroke", s.stroke]]) {
      if (paint === "none" || (what === "stroke" && parseFloat(s.strokeWidth) === 0)) continue;
      const canvas = paint === background;  // a shape filled like the page, outlined
      if (!allowed.has(paint)) bad.push(`${e.tagName}.${e.getAttribute("class")} ${what} ${paint}`);
      else if (!canvas && contrast(paint, background, opacity) < 3)
        bad.push(`${e.tagName}.${e.getAttribute("class")} ${what} ${paint} at ${opacity}`);
    }
  }
  return [...new Set(bad)].slice(0, 8);
}"""
)
#: The border of a control and its contrast with the background.
BORDER = (
    "([selector, background]) => {"
    + CONTRAST
    + """
  const s = getComputedStyle(document.querySelector(selector));
  return {style: s.borderTopStyle, width: parseFloat(s.borderTopWidth),
          contrast: contrast(s.borderTopColor, background, 1)};
}"""
)
#: The outline of what has the focus.
OUTLINE = """() => {
  const s = getComputedStyle(document.activeElement);
  return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_forced_colours_keep_controls_focus_and_pictures_visible(
    browser: Any, site: Site, scheme: str
) -> None:
    """In forced colours mode (Windows' high contrast themes, light and dark): every
    control of the search keeps a border that stands out, each shows an outline when it
    has the focus, and the map and the timeline are drawn in system colours that stand
    out from the background, with an outline on the focused node."""
    context = browser.new_context(viewport=DESKTOP, forced_colors="active", color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(urljoin(site.base, "search.html?q=co-production"))
        page.wait_for_selector(".kb-find[data-kb-state=done]", timeout=20_000)
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        system = page.evaluate(SYSTEM_COLOURS)
        for control in [*SEARCH_ORDER, "button.kb-find-more", ".sidebar-search"]:
            border = page.evaluate(BORDER, [control, system["Canvas"]])
            assert border["style"] != "none", f"{control} has no border"
            assert border["width"] >= 1, control
            assert border["contrast"] >= 3, f"{control}: {border}"
        for control in [*SEARCH_ORDER, "button.kb-find-more"]:
            _tab_to(page, control)
            outline = page.evaluate(OUTLINE)
            assert outline["style"] != "none", f"{control} shows no outline on focus"
            assert outline["width"] >= 1, control
            assert _shows_focus(page), f"{control} does not show its focus"
        for path, svg, _, _ in PICTURE_PAGES:
            page.goto(urljoin(site.base, path))
            assert page.evaluate(BAD_PAINT, [svg, system]) == [], path
            _tab_to(page, f"{svg} a")
            outline = page.evaluate(OUTLINE)
            assert outline["style"] != "none", f"a node of {path} shows no outline on focus"
            assert _shows_focus(page), f"a node of {path} does not show its focus"
            page.focus(f"{svg} a")  # the focused node: the highlight keeps its lines seen
            assert page.evaluate(BAD_PAINT, [svg, system]) == [], f"{path}, a node focused"
    finally:
        context.close()


#: The levels of a page's headings in its main content, in order.
HEADING_LEVELS = """() => [...document.querySelectorAll(
  ["h1", "h2", "h3", "h4", "h5", "h6"].map((h) => "article " + h).join(", ")
)].map((h) => Number(h.tagName[1]))"""


def test_pages_say_their_language_and_headings_leave_no_gap(tab: Tab, site: Site) -> None:
    for path in _accessibility_pages(site):
        page = tab.open(path)
        assert page.evaluate("document.documentElement.lang") == "en", path
        levels = page.evaluate(HEADING_LEVELS)
        assert levels[:1] == [1], f"{path}: the first heading is not the page's h1"
        gaps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert gaps == [], f"{path}: headings skip a level {gaps}"
    tab.assert_clean()


#: Every element, or its ``::before`` or ``::after``, whose transition or animation would
#: move: a computed duration above zero.
MOVING = """() => [...document.querySelectorAll("*")].flatMap((e) =>
  [null, "::before", "::after"].filter((pseudo) => {
    const s = getComputedStyle(e, pseudo);
    const long = (v) => v.split(",").some((t) => parseFloat(t) > 0);
    return long(s.transitionDuration) || (s.animationName !== "none" && long(s.animationDuration));
  }).map((pseudo) => e.tagName + "." + e.className + (pseudo || ""))
).slice(0, 5)"""
#: What is moving now (CSS animations and transitions, and script animations), and
#: whether the page scrolls smoothly.
RUNNING = """() => ({
  running: document.getAnimations().filter((a) => a.playState === "running")
    .map((a) => a.animationName || a.transitionProperty || "script").slice(0, 5),
  smooth: getComputedStyle(document.documentElement).scrollBehavior === "smooth",
})"""


def _move_about(page: Any, path: str) -> None:
    """Do on ``path`` what could set something moving: the results of a search and
    "More results", pointing at and focusing a picture's node, a link preview."""
    if path.startswith("search.html"):
        page.wait_for_selector(".kb-find[data-kb-state=done]", timeout=20_000)
        if page.is_visible(".kb-find-more"):
            page.click(".kb-find-more")
    elif path in ("map.html", "timeline.html"):
        node = page.locator(".kb-picture svg a[data-kb-node]").first
        node.hover()
        node.focus()
    elif path.startswith("documents/"):
        page.locator('article a[href*="people/"]').first.focus()
        page.locator(".kb-preview").wait_for(state="visible")


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_nothing_moves_for_a_reader_who_asks_for_reduced_motion(
    browser: Any, site: Site, motion: str
) -> None:
    """With reduced motion asked for, no element of the pages with pictures, search and
    previews has a transition or an animation (computed durations 0), nothing runs after
    the page is used, and nothing scrolls smoothly. Without it, the same check finds the
    theme's own motion: it can see what it looks for."""
    context = browser.new_context(viewport=DESKTOP, reduced_motion=motion)
    found: dict[str, Any] = {}
    try:
        page = context.new_page()
        for path in _page_types(site):
            page.goto(urljoin(site.base, path))
            page.wait_for_load_state("networkidle")
            _move_about(page, path)
            moving, now = page.evaluate(MOVING), page.evaluate(RUNNING)
            if moving or now["running"] or now["smooth"]:
                found[path] = (moving, now)
    finally:
        context.close()
    if motion == "reduce":
        assert found == {}
    else:
        assert found, "the check found no motion even where the theme has some"


#: Text zoomed to 200 %: the same window, half as many CSS pixels across.
ZOOMED = {"width": DESKTOP["width"] // 2, "height": DESKTOP["height"] // 2}


def test_text_zoomed_to_200_percent_loses_nothing(browser: Any, site: Site) -> None:
    """At 200 % zoom no page scrolls sideways (the map aside, which says it does) and
    the search still works."""
    context = browser.new_context(viewport=ZOOMED, device_scale_factor=2)
    try:
        page = context.new_page()
        for path in _accessibility_pages(site):
            page.goto(urljoin(site.base, path))
            page.wait_for_load_state("networkidle")
            width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], f"{path} scrolls sideways at 200 %: {width}"
    finally:
        context.close()


def test_measure_search(tab: Tab, site: Site) -> None:
    """Record the index's size and a query's time (first, and median of the next 5)."""
    tab.open("index.html")
    fetched: list[int] = []  # bytes of each file the search loads (the worker's too)
    tab.page.on(
        "requestfinished",
        lambda request: (
            fetched.append(request.sizes()["responseBodySize"])
            if "/pagefind/" in request.url
            else None
        ),
    )
    measured = tab.page.evaluate(MEASURE, "weak ties")
    assert measured["count"] > 0
    assert site.metrics["pages_indexed"] > 100
    result = {
        **site.metrics,
        "query": "weak ties",
        "results": measured["count"],
        "first_query_ms": round(measured["times"][0], 1),
        "median_query_ms": round(statistics.median(measured["times"][1:]), 1),
        "search_bytes": sum(fetched),  # what 6 searches fetched from pagefind/ in all
        "search_files": len(fetched),
        "browser": "chromium (Debian), headless",
    }
    target = os.environ.get("KB_SEARCH_METRICS")
    if target:
        Path(target).write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", "utf-8")
    print(json.dumps(result, sort_keys=True))
    tab.assert_clean()
