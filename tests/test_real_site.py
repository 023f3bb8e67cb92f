"""The real site, built as ``nox -s build`` builds it, read back as a reader gets it.

One Sphinx build of the real sources (in a temporary copy of ``docs/``), then: no warning
at all, every sentence of content of every source is on its document's page, every entry
of the catalog has its page, and no internal link is broken.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tools.ingest import pipeline
from tools.ingest.records import Origin

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ("documents", "seminars", "people", "concepts", "catalog.json", "_build")

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Site:
    docs: Path
    html: Path
    warnings: str
    catalog: dict[str, list[dict[str, object]]]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    docs = tmp_path_factory.mktemp("site") / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns(*GENERATED))
    run = [sys.executable, "-m", "tools.ingest", "--out", str(docs), "--quiet"]
    subprocess.run(run, cwd=ROOT, check=True, capture_output=True)
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
    )
    assert build.returncode == 0, build.stderr
    catalog = json.loads((docs / "catalog.json").read_text(encoding="utf-8"))
    return Site(docs, html, build.stderr, catalog)


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
