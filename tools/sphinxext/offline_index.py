"""The search index a page opened from a file can load: ``kb-search-offline.js``.

A browser lets a page opened from the file system (``file://``) run a classic script
that lies beside it, but not fetch a file or import a module, so Pagefind cannot load its
index there and the README's "open ``docs/_build/html/index.html``" would end in a search
that answers nothing. ``python -m tools.sphinxext.search_index`` therefore also writes
this smaller index, one script that sets ``window.kbSearchOffline``; the search page
(``_static/kb-search.js``) adds it to the page only when it is opened from a file, or
when Pagefind's index cannot be loaded.

It is read from the same built pages Pagefind reads (those marked ``data-pagefind-body``),
with the same filters and ranks, so the two searches agree on which pages match which
filters. It holds, for each page, its address, title, kind, rank, filters and opening
lines; and for each word (folded as :func:`search_words` folds it, which the script does
the same way), the pages it is on and how often. It has no passages, sections or
phrases: that is what serving the site adds, and the search page says so.

Pure functions but :func:`write_index`; the script is byte-identical run to run and is
not rewritten when it has not changed.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from bs4 import BeautifulSoup, Tag

from tools.ingest.text import unaccented, words

FILE: Final = "kb-search-offline.js"
GLOBAL: Final = "kbSearchOffline"
#: Bumped when the layout of the index changes; kb-search.js checks it.
FORMAT: Final = 1
#: How much of a page's text after its title is kept to show under the result.
SUMMARY_CHARS: Final = 240
#: The fewest words a paragraph needs to open a page's summary (see :func:`lead`).
LEAD_WORDS: Final = 12
#: Parts of a page's body that are not its text (Pagefind is told the same).
NOT_TEXT: Final = (".headerlink", ".kb-search-filters", "[data-pagefind-ignore]")


@dataclass(frozen=True)
class PageText:
    """What the index keeps of one built page."""

    url: str  # posix path under the site, e.g. "seminars/index.html"
    title: str
    kind: str
    rank: int
    filters: tuple[tuple[str, str], ...]
    text: str  # the body's text after the title, whitespace collapsed
    lead: str = ""  # its first paragraphs of prose, for the summary (see :func:`lead`)


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def lead(body: Tag) -> str:
    """The page's first paragraphs of prose: what a result shows under its title.

    A document page opens with lists of facts (kind, seminar, people) and a line on
    where it was found, a person's page with lists; a reader recognises a page by its
    prose, so paragraphs inside lists and tables, and paragraphs of fewer than
    :data:`LEAD_WORDS` words, are passed over until one is long enough.
    """
    found: list[str] = []
    for paragraph in body.find_all("p"):
        if paragraph.find_parent(["li", "table", "dl", "aside", "nav"]) is not None:
            continue
        text = _text(paragraph)
        if found or len(text.split()) >= LEAD_WORDS:
            found.append(text)
        if sum(len(t) for t in found) > SUMMARY_CHARS:
            break
    return " ".join(found)


def search_words(text: str) -> list[str]:
    """The words of ``text`` as the offline search compares them: accents dropped, case
    folded, apostrophes dropped, split at everything but letters and digits."""
    return list(words(unaccented(text)))


def read_page(url: str, html: str) -> PageText | None:
    """The page's entry, or None when the page is not marked for the search index."""
    soup = BeautifulSoup(html, "html.parser")
    body = soup.find(attrs={"data-pagefind-body": True})
    if not isinstance(body, Tag):
        return None
    filters: list[tuple[str, str]] = []
    for span in body.select("[data-pagefind-filter]"):
        name, _, value = str(span["data-pagefind-filter"]).partition(":")
        filters.append((name, value))
    sort = body.select_one("[data-pagefind-sort]")
    rank_text = str(sort["data-pagefind-sort"]).partition(":")[2] if sort else ""
    for selector in NOT_TEXT:
        for node in body.select(selector):
            node.decompose()
    heading = body.find("h1")
    title = _text(heading) if isinstance(heading, Tag) else ""
    if isinstance(heading, Tag):
        heading.decompose()
    if not title and soup.title is not None:
        title = _text(soup.title)
    kind = next((value for name, value in filters if name == "kind"), "page")
    return PageText(
        url=url,
        title=title or url,
        kind=kind,
        rank=int(rank_text) if rank_text.isdigit() else 99,
        filters=tuple(sorted(set(filters))),
        text=_text(body),
        lead=lead(body),
    )


def summary(text: str) -> str:
    """The opening of a page's text, cut at a word, with an ellipsis when cut."""
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[: SUMMARY_CHARS + 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "\u2026"


def _utf16(word: str) -> bytes:
    return word.encode("utf-16-be")


def labels(catalog: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """What the search page needs of ``catalog.json`` to name filter values."""
    return {
        "seminars": [
            {"number": s["number"], "title": s.get("title"), "titles": s.get("titles", [])[:1]}
            for s in catalog.get("seminars", [])
        ],
        "people": [{"id": p["id"], "name": p["name"]} for p in catalog.get("people", [])],
        "concepts": [{"id": c["id"], "term": c["term"]} for c in catalog.get("concepts", [])],
    }


def build_index(pages: Sequence[PageText], catalog: Mapping[str, Any]) -> dict[str, Any]:
    """The index as a JSON-ready mapping: pages, sorted words and their postings.

    ``postings[i]`` lists ``page, count`` pairs for ``words[i]``. Words are sorted by
    their UTF-16 code units, the order JavaScript compares strings in, so the script can
    find every word that starts with what the reader typed by bisection.
    """
    postings: dict[str, list[int]] = {}
    for number, page in enumerate(pages):
        counts = Counter(search_words(f"{page.title} {page.text}"))
        for word in sorted(counts):
            postings.setdefault(word, []).extend((number, counts[word]))
    ordered = sorted(postings, key=_utf16)
    return {
        "format": FORMAT,
        "pages": [
            {
                "url": p.url,
                "title": p.title,
                "kind": p.kind,
                "rank": p.rank,
                "filters": [list(pair) for pair in p.filters],
                "summary": summary(p.lead or p.text),
            }
            for p in pages
        ],
        "words": ordered,
        "postings": [postings[word] for word in ordered],
        "catalog": labels(catalog),
    }


def script(index: Mapping[str, Any]) -> str:
    """The index as a script. JSON is a JavaScript expression; ``ensure_ascii`` leaves no
    character that could end a line or the string early."""
    data = json.dumps(index, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    return f"window.{GLOBAL} = {data};\n"


def read_pages(outdir: Path, skip: Iterable[str] = ()) -> list[PageText]:
    """Every page under ``outdir`` marked for the index, in path order."""
    skipped = set(skip)
    found = []
    for path in sorted(outdir.rglob("*.html")):
        url = path.relative_to(outdir).as_posix()
        if url.split("/", 1)[0] in skipped:
            continue
        page = read_page(url, path.read_text("utf-8", errors="replace"))
        if page is not None:
            found.append(page)
    return found


def write_index(outdir: Path, pages: Sequence[PageText]) -> Path:
    """Write ``kb-search-offline.js`` into ``outdir`` unless it holds these bytes already."""
    catalog_file = outdir / "catalog.json"
    catalog = json.loads(catalog_file.read_text("utf-8")) if catalog_file.is_file() else {}
    data = script(build_index(pages, catalog)).encode("utf-8")
    target = outdir / FILE
    if target.is_file() and target.read_bytes() == data:
        return target
    temporary = target.with_name(f".{FILE}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return target
