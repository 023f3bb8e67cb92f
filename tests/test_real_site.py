"""The real site, built as ``nox -s build`` builds it, read back as a reader gets it.

One Sphinx build of the real sources (in a temporary copy of ``docs/``), then: no warning
at all, every sentence of content of every source is on its document's page, every entry
of the catalog has its page, and no internal link is broken. A second build, with the
site's address set (``KB_BASEURL``), checks that every page and reference then says
where it is, and the first that without it none does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tools.ingest import pipeline
from tools.ingest.pages import page_url
from tools.ingest.records import Origin

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ("documents", "seminars", "people", "concepts", "cite", "catalog.json", "_build")

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Site:
    docs: Path
    html: Path
    warnings: str
    catalog: dict[str, list[dict[str, object]]]


#: The site's address for the second build, written without its final ``/`` on purpose.
BASE = "https://example.org/kb"


def _build(docs: Path, address: str | None = None) -> Site:
    """Ingest and build the real sources into ``docs``, with ``KB_BASEURL`` set to
    ``address`` (or unset)."""
    env = {k: v for k, v in os.environ.items() if k != "KB_BASEURL"}
    if address is not None:
        env["KB_BASEURL"] = address
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns(*GENERATED))
    run = [sys.executable, "-m", "tools.ingest", "--out", str(docs), "--quiet"]
    subprocess.run(run, cwd=ROOT, check=True, capture_output=True, env=env)
    html = docs / "_build" / "html"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-n",
            "-j",
            "auto",
            "-q",
            "-b",
            "html",
            str(docs),
            str(html),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert build.returncode == 0, build.stderr
    catalog = json.loads((docs / "catalog.json").read_text(encoding="utf-8"))
    return Site(docs, html, build.stderr, catalog)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _build(tmp_path_factory.mktemp("site") / "docs")


@pytest.fixture(scope="module")
def addressed(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The same site built with its own address known."""
    return _build(tmp_path_factory.mktemp("addressed") / "docs", BASE)


def html_of(site: Site, page: str) -> Path:
    return site.html / (page.removesuffix(".md") + ".html")


def normal(text: str) -> str:
    """NFKC, whitespace collapsed, and no space before punctuation (a removed footnote
    mark leaves one behind)."""
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    return re.sub(r" (?=[,.;:!?])", "", text)


def test_the_build_gives_no_warning(site: Site) -> None:
    assert site.warnings == ""


def test_every_catalog_entry_has_its_page(site: Site) -> None:
    for group in ("documents", "seminars", "people", "concepts"):
        assert site.catalog[group], group
        for entry in site.catalog[group]:
            assert html_of(site, str(entry["page"])).is_file(), entry["page"]


SENTENCE = re.compile(r"(?<=[.!?…])\s+")
FOOTNOTE_MARK = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


def test_every_sentence_of_content_is_on_its_documents_page(site: Site) -> None:
    """Each content block of each post is cut into sentences; each must be on the page of
    the document the post became. The line a title was read from is the page's H1 and
    its byline the header's authors, so every word of it must be there instead."""
    outcome = pipeline.build(pipeline.Options(sources=ROOT / "sources", out=site.docs))
    page_of = {o: d.id for d in outcome.linked.documents for o in d.origins}
    pages = {str(d["id"]): str(d["page"]) for d in site.catalog["documents"]}
    missing: list[str] = []
    checked = 0
    for post in outcome.posts:
        doc = page_of[Origin(post.source, (post.first, post.last))]
        soup = BeautifulSoup(html_of(site, pages[doc]).read_text(encoding="utf-8"), "html.parser")
        for mark in soup.select("a.footnote-reference"):
            mark.decompose()
        article = soup.find("article") or soup
        # Inline elements (links, emphasis) must not add spaces inside a sentence.
        text = normal(article.get_text(""))
        words = set(re.findall(r"\w+", article.get_text(" ").casefold()))
        for block in post.blocks:
            if block.hint == "title":
                lost = set(re.findall(r"\w+", block.text.casefold())) - words - {"by"}
                missing += [f"{doc}: title word {w!r}" for w in sorted(lost)]
                continue
            if block.kind == "heading" and normal(block.text).rstrip(":") == "References":
                continue  # stands as the references section's own heading
            for sentence in SENTENCE.split(FOOTNOTE_MARK.sub("", block.text)):
                sentence = normal(sentence)
                if len(sentence) < 3:
                    continue
                checked += 1
                if sentence not in text:
                    missing.append(f"{doc}: {sentence[:90]}")
    assert checked > 500
    assert missing == [], "\n".join(missing)


def test_no_internal_link_is_broken(site: Site) -> None:
    broken = []
    ids: dict[Path, set[str]] = {}
    pages = sorted(site.html.rglob("*.html"))
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids[page] = {str(tag["id"]) for tag in soup.find_all(id=True)}
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for anchor in soup.find_all("a", href=True):
            href = str(anchor["href"])
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site.html)} -> {href}")
            elif parts.fragment and target in ids and parts.fragment not in ids[target]:
                broken.append(f"{page.relative_to(site.html)} -> {href} (no such anchor)")
    assert broken == []


def head_of(site: Site, page: str) -> tuple[list[tuple[str, str]], dict[str, object]]:
    """A built page's ``citation_*`` meta tags, in order, and its one JSON-LD object."""
    soup = BeautifulSoup(html_of(site, page).read_text("utf-8"), "html.parser")
    meta = [
        (str(tag["name"]), str(tag["content"]))
        for tag in soup.find_all("meta", attrs={"name": re.compile("^citation_")})
    ]
    (script,) = soup.find_all("script", type="application/ld+json")
    data = json.loads(script.get_text())
    assert isinstance(data, dict)
    assert data["@context"] == "https://schema.org"
    return meta, data


SCHEMA_TYPES = {"blog": "BlogPosting", "article": "ScholarlyArticle"}
SCHEMA_TYPES["slides"] = "PresentationDigitalDocument"


def test_document_pages_carry_their_catalog_citation(site: Site) -> None:
    people = {p["id"]: p for p in site.catalog["people"]}
    for entry in site.catalog["documents"]:
        citation: dict[str, Any] = entry["citation"]  # type: ignore[assignment]
        meta, data = head_of(site, str(entry["page"]))
        values = dict(meta)
        assert values["citation_title"] == entry["title"] == data["headline"]
        authors = [v for k, v in meta if k == "citation_author"]
        names = [people[a]["name"] for a in entry["authors"]]  # type: ignore[attr-defined]
        assert [" ".join(reversed(a.split(", "))) for a in authors] == names
        assert [a["name"] for a in data.get("author", [])] == names  # type: ignore[attr-defined]
        assert data["@type"] == SCHEMA_TYPES[str(entry["kind"])]
        if entry["date"]:
            assert values["citation_publication_date"] == str(entry["date"]).replace("-", "/")
            assert data["datePublished"] == entry["date"]
        assert values.get("citation_public_url") == entry["url"] == data.get("url")
        for suffix in (".bib", ".ris", ".json"):
            name = f"cite/{entry['id']}{suffix}"
            assert (site.html / name).read_bytes() == (site.docs / name).read_bytes()
        assert json.loads((site.html / f"cite/{entry['id']}.json").read_text("utf-8")) == [citation]


def test_the_article_has_its_journal_in_meta_tags_and_json_ld(site: Site) -> None:
    (entry,) = [d for d in site.catalog["documents"] if d["kind"] == "article"]
    meta, data = head_of(site, str(entry["page"]))
    assert ("citation_journal_title", "Mental Health Review Journal") in meta
    assert ("citation_volume", "20") in meta
    assert ("citation_issue", "4") in meta
    assert ("citation_issn", "1361-9322") in meta
    issue: Any = data["isPartOf"]
    assert issue["issueNumber"] == "4"
    assert issue["isPartOf"]["volumeNumber"] == "20"
    assert issue["isPartOf"]["isPartOf"]["name"] == "Mental Health Review Journal"


def test_seminar_person_concept_and_catalog_pages_carry_schema_org(site: Site) -> None:
    people = {p["id"]: p["name"] for p in site.catalog["people"]}
    for seminar in site.catalog["seminars"]:
        meta, data = head_of(site, str(seminar["page"]))
        assert meta == []
        assert data["@type"] == "Event"
        assert data.get("startDate") == seminar["date"]
        venue: Any = data.get("location", {})
        assert venue.get("name") == seminar["venue"]
        performers = [p["name"] for p in data.get("performer", [])]  # type: ignore[attr-defined]
        assert performers == [people[p] for p in seminar["speakers"]]  # type: ignore[attr-defined]
        assert data["name"].startswith(f"Seminar {seminar['number']}")  # type: ignore[attr-defined]
    for person in site.catalog["people"]:
        _, data = head_of(site, str(person["page"]))
        assert (data["@type"], data["name"]) == ("Person", person["name"])
    for concept in site.catalog["concepts"]:
        _, data = head_of(site, str(concept["page"]))
        assert (data["@type"], data["name"]) == ("DefinedTerm", concept["term"])
    _, data = head_of(site, "catalog.md")
    assert data["@type"] == "Dataset"
    download: Any = data["distribution"]
    assert download["contentUrl"] == "catalog.json"
    assert (site.html / "catalog.json").is_file()
    assert f"{len(site.catalog['documents'])} documents" in str(data["description"])


def test_every_document_and_seminar_page_has_a_cite_box(site: Site) -> None:
    for entry in [*site.catalog["documents"], *site.catalog["seminars"]]:
        soup = BeautifulSoup(html_of(site, str(entry["page"])).read_text("utf-8"), "html.parser")
        (box,) = soup.select(".kb-cite")
        text = " ".join(box.get_text().split())
        assert "APA:" in text
        assert "Harvard:" in text
        links = [a["href"] for a in box.select("a.kb-cite-file")]
        assert [Path(str(href)).suffix for href in links] == [".bib", ".ris", ".json"]
        for href in links:
            target = html_of(site, str(entry["page"])).parent / str(href)
            assert target.resolve().is_file(), href


def _pages_described(site: Site) -> list[tuple[str, str | None]]:
    """Every page with metadata (documents, seminars, people, concepts, the data set's
    pages), with the address of its own that its item has (a document's original)."""
    found: list[tuple[str, str | None]] = [("catalog.md", None), ("about-data.md", None)]
    for group in ("documents", "seminars", "people", "concepts"):
        for entry in site.catalog[group]:
            found.append((str(entry["page"]), entry.get("url")))  # type: ignore[arg-type]
    return found


def _canonical(site: Site, page: str) -> list[str]:
    soup = BeautifulSoup(html_of(site, page).read_text("utf-8"), "html.parser")
    return [str(link["href"]) for link in soup.find_all("link", rel="canonical")]


def test_without_the_site_address_no_page_names_its_own(site: Site) -> None:
    """Unset, the metadata and references are as they were: no canonical link, no
    ``mainEntityOfPage`` or full-text address, a relative download, no ``url`` in a
    seminar's reference."""
    assert "base_url" not in site.catalog
    for page, original in _pages_described(site):
        meta, data = head_of(site, page)
        assert _canonical(site, page) == [], page
        assert "mainEntityOfPage" not in data, page
        assert data.get("url") == original, page
        assert "citation_fulltext_html_url" not in dict(meta), page
    for path in site.html.rglob("*.html"):
        assert '<link rel="canonical"' not in path.read_text("utf-8"), path
    _, data = head_of(site, "catalog.md")
    assert data["distribution"]["contentUrl"] == "catalog.json"  # type: ignore[index]
    for seminar in site.catalog["seminars"]:
        assert "url" not in seminar["citation"]  # type: ignore[operator]
        assert "url =" not in (site.docs / f"cite/seminar-{seminar['number']}.bib").read_text()


def test_with_the_site_address_every_page_and_reference_says_where_it_is(
    addressed: Site,
) -> None:
    """Set (``KB_BASEURL``), each page's canonical link, ``mainEntityOfPage``, and for a
    document ``citation_fulltext_html_url``, are its full address; the item's ``url``,
    ``citation_public_url`` and every citation file give its own address, or the page's
    when it has none; the data set's download is absolute."""
    site = addressed
    assert site.warnings == ""
    assert site.catalog["base_url"] == BASE + "/"  # type: ignore[comparison-overlap]
    for page, original in _pages_described(site):
        here = page_url(BASE + "/", page)
        meta, data = head_of(site, page)
        assert _canonical(site, page) == [here]
        assert data["mainEntityOfPage"] == here
        if page.startswith("documents/"):
            values = dict(meta)
            assert values["citation_fulltext_html_url"] == here
            assert values["citation_public_url"] == data["url"] == (original or here)
        elif page.startswith("seminars/"):
            assert data["url"] == here
    assert any(not original for page, original in _pages_described(site)
               if page.startswith("documents/"))  # fmt: skip  # the fallback is exercised
    for entry in [*site.catalog["documents"], *site.catalog["seminars"]]:
        here = page_url(BASE + "/", str(entry["page"]))
        key = entry.get("id") or f"seminar-{entry['number']}"
        wanted = entry.get("url") or here
        citation: Any = entry["citation"]
        assert citation["URL"] == wanted
        bib = (site.html / f"cite/{key}.bib").read_text("utf-8")
        assert f"  url = {{{wanted}}}" in bib.splitlines()
        ris = (site.html / f"cite/{key}.ris").read_bytes().decode("utf-8")
        assert f"UR  - {wanted}\r\n" in ris
    _, data = head_of(site, "about-data.md")
    assert data["distribution"]["contentUrl"] == BASE + "/catalog.json"  # type: ignore[index]
    assert data["url"] == BASE + "/catalog.html"


def test_a_catalog_made_for_another_address_is_refused(addressed: Site, tmp_path: Path) -> None:
    """The ingest and Sphinx must agree on the address: building the catalog made with
    one without it stops with the command that fixes it."""
    env = {k: v for k, v in os.environ.items() if k != "KB_BASEURL"}
    command = [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "dummy"]
    command += [str(addressed.docs), str(tmp_path)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "catalog.json was made for the site address 'https://example.org/kb/'" in done.stderr
    assert "run the ingest again with the same KB_BASEURL" in done.stderr
