"""What reference managers and search engines read in a page's ``<head>``, from the catalog.

For each page ``catalog.json`` describes, :func:`page_head` makes

* the ``citation_*`` meta tags of a document (Google Scholar's inclusion guidelines,
  which Zotero's "Embedded Metadata" reader follows): ``citation_title``, one
  ``citation_author`` per author, ``citation_publication_date`` (``YYYY/MM/DD``), and
  for an article ``citation_journal_title``, ``citation_volume``, ``citation_issue``,
  ``citation_firstpage``/``citation_lastpage`` and ``citation_issn``; the original
  address as ``citation_public_url`` (or, when it has none, the page's own);
* schema.org JSON-LD: ``BlogPosting``, ``ScholarlyArticle`` or
  ``PresentationDigitalDocument`` for a document, ``Event`` for a seminar (date, place,
  performers), ``Person``, ``DefinedTerm`` for a concept, ``Dataset`` for the pages
  about the catalog (``kb_dataset_pages``).

All of it comes from the catalog's values, which are source text: ``docs/_templates/
page.html`` writes the meta tags with Jinja's autoescaping, and the JSON-LD is JSON with
``<``, ``>`` and ``&`` written as ``\\u003c``, ``\\u003e``, ``\\u0026``, so no value can
end the ``<script>`` element (the post-build scan checks both: :mod:`.scan`).

The site's own address (``html_baseurl``, which ``docs/conf.py`` takes from the
environment variable ``KB_BASEURL``) is checked when the build starts
(:func:`check_base_url`). When it is set, every page described here also says where it
is: ``mainEntityOfPage`` (and ``url``, unless the item has an address of its own) in the
JSON-LD, ``citation_fulltext_html_url`` for a document, an absolute ``contentUrl`` for
the catalog, and Sphinx's canonical link; the references in the catalog give the same
addresses (the ingest reads the same variable). Unset, no page names an absolute address
of the site, and the output is what it was before the setting existed.

The render stage writes the citation files under ``docs/cite/``; :func:`copy_cite_files`
mirrors that folder into the site at ``build-finished``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from tools.ingest import pages
from tools.ingest.render.cite import flat

#: schema.org types of the kinds of documents.
DOCUMENT_TYPES: Final = {
    "blog": "BlogPosting",
    "article": "ScholarlyArticle",
    "slides": "PresentationDigitalDocument",
}
CITE_FOLDER: Final = "cite"
logger = logging.getLogger(__name__)
_JSON_ESCAPES: Final = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}

Json = dict[str, Any]


@dataclass(frozen=True)
class Head:
    """What goes into one page's ``<head>``: meta tags, and the JSON-LD text."""

    meta: tuple[tuple[str, str], ...]
    jsonld: str


def script_json(data: object) -> str:
    """JSON that is safe inside ``<script type="application/ld+json">``: sorted keys, and
    no ``<``, ``>`` or ``&`` (each written as a JSON escape, which reads back the same)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return text


def _text(value: object) -> str | None:
    """A catalog value as one line of text, or None when missing or blank."""
    if value is None or isinstance(value, dict | list):
        return None
    text = flat(str(value))
    return text or None


def _name(author: Mapping[str, Any]) -> str:
    """A CSL name as written in a byline: ``Michael Clark``."""
    literal = _text(author.get("literal"))
    if literal:
        return literal
    return " ".join(p for p in (_text(author.get("given")), _text(author.get("family"))) if p)


def _inverted(author: Mapping[str, Any]) -> str:
    """A CSL name as Google Scholar prefers it: ``Clark, Michael``."""
    family, given = _text(author.get("family")), _text(author.get("given"))
    if family and given:
        return f"{family}, {given}"
    return _name(author)


def _date_parts(citation: Mapping[str, Any]) -> list[int]:
    issued = citation.get("issued")
    if not isinstance(issued, dict):
        return []
    parts = issued.get("date-parts")
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list)):
        return []
    return [p for p in parts[0] if isinstance(p, int) and not isinstance(p, bool)][:3]


def iso_date(citation: Mapping[str, Any]) -> str | None:
    """``2016-10-28`` (or ``2016-10``, ``2016``) from a CSL item's ``issued``."""
    parts = _date_parts(citation)
    if not parts:
        return None
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])


def citation_meta(citation: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The ``citation_*`` meta tags of a document, in the order Google Scholar lists them."""
    tags: list[tuple[str, str]] = []

    def add(name: str, value: object) -> None:
        text = _text(value)
        if text:
            tags.append((f"citation_{name}", text))

    add("title", citation.get("title"))
    for author in citation.get("author") or []:
        if isinstance(author, dict):
            add("author", _inverted(author))
    parts = _date_parts(citation)
    if parts:
        add("publication_date", "/".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])]))
    if citation.get("type") == "article-journal":
        add("journal_title", citation.get("container-title"))
        add("volume", citation.get("volume"))
        add("issue", citation.get("issue"))
        pages_value = _text(citation.get("page")) or ""
        first, _, last = pages_value.partition("-")
        add("firstpage", first)
        add("lastpage", last)
        add("issn", citation.get("ISSN"))
    add("publisher", citation.get("publisher"))
    add("public_url", citation.get("URL"))
    add("language", citation.get("language"))
    return tags


def _people(ids: Iterable[object], people: Mapping[str, Json]) -> list[Json]:
    found = []
    for key in ids:
        person = people.get(str(key))
        name = _text(person.get("name")) if person else None
        if name:
            found.append({"@type": "Person", "name": name})
    return found


def _clean(data: Json) -> Json:
    """``data`` without empty values (None, blank strings, empty lists and objects)."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def document_ld(entry: Json, concepts: Mapping[str, Json]) -> Json:
    """schema.org for a document: its type by kind, title, authors, date, where published."""
    citation = entry.get("citation") or {}
    kind = str(entry.get("kind"))
    title = _text(citation.get("title"))
    data: Json = {
        "@context": "https://schema.org",
        "@type": DOCUMENT_TYPES.get(kind, "CreativeWork"),
        "name": title,
        "headline": title,
        "author": [
            {"@type": "Person", "name": _name(a)}
            for a in citation.get("author") or []
            if isinstance(a, dict) and _name(a)
        ],
        "datePublished": iso_date(citation),
        "inLanguage": "en",
        "url": _text(citation.get("URL")),
        "publisher": _clean({"@type": "Organization", "name": _text(citation.get("publisher"))})
        if citation.get("publisher")
        else None,
        "about": [
            {"@type": "DefinedTerm", "name": term}
            for key in entry.get("concepts") or []
            if (term := _text((concepts.get(str(key)) or {}).get("term")))
        ],
    }
    container = _text(citation.get("container-title"))
    if kind == "article" and container:
        periodical = _clean(
            {"@type": "Periodical", "name": container, "issn": _text(citation.get("ISSN"))}
        )
        volume = _text(citation.get("volume"))
        issue = _text(citation.get("issue"))
        part: Json = periodical
        if volume:
            part = {"@type": "PublicationVolume", "volumeNumber": volume, "isPartOf": part}
        if issue:
            part = {"@type": "PublicationIssue", "issueNumber": issue, "isPartOf": part}
        data["isPartOf"] = part
        first, _, last = (_text(citation.get("page")) or "").partition("-")
        data["pageStart"], data["pageEnd"] = first or None, last or None
    elif kind == "blog" and container:
        data["isPartOf"] = {"@type": "Blog", "name": container}
    return _clean(data)


def seminar_ld(entry: Json, people: Mapping[str, Json], series: str | None) -> Json:
    """schema.org ``Event`` for a seminar: name, date, place, performers, its series."""
    citation = entry.get("citation") or {}
    venue = _text(entry.get("venue"))
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": _text(citation.get("title")),
            "startDate": _text(entry.get("date")),
            "location": {"@type": "Place", "name": venue, "address": venue} if venue else None,
            "performer": _people(entry.get("speakers") or [], people),
            "superEvent": {"@type": "EventSeries", "name": series} if series else None,
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "inLanguage": "en",
        }
    )


def person_ld(entry: Json) -> Json:
    """schema.org ``Person``: name, other names, affiliation."""
    affiliation = _text(entry.get("affiliation"))
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": _text(entry.get("name")),
            "alternateName": [a for a in map(_text, entry.get("aliases") or []) if a],
            "affiliation": {"@type": "Organization", "name": affiliation} if affiliation else None,
        }
    )


def concept_ld(entry: Json, glossary: str) -> Json:
    """schema.org ``DefinedTerm``: the term, its other names, its definition, the glossary."""
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "DefinedTerm",
            "name": _text(entry.get("term")),
            "alternateName": [a for a in map(_text, entry.get("aliases") or []) if a],
            "description": _text(entry.get("definition")),
            "inDefinedTermSet": {"@type": "DefinedTermSet", "name": glossary},
        }
    )


def dataset_ld(catalog: Json, catalog_url: str, name: str, creator: str) -> Json:
    """schema.org ``Dataset`` for the collection: what it holds, its download, its funder."""
    facts = {f.get("name"): _text(f.get("value")) for f in catalog.get("series") or []}
    dates = sorted(d for s in catalog.get("seminars") or [] if (d := _text(s.get("date"))))
    counts = {key: len(catalog.get(key) or []) for key in ("documents", "seminars", "people")}
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": name,
            "description": (
                f"The record of the seminar series {facts.get('title') or ''}: "
                f"{counts['documents']} documents, {counts['seminars']} seminars and "
                f"{counts['people']} people, with where each fact was read."
            ),
            "creator": {"@type": "Organization", "name": creator},
            "funder": {"@type": "Organization", "name": facts["funder"]}
            if facts.get("funder")
            else None,
            "temporalCoverage": f"{dates[0][:10]}/{dates[-1][:10]}" if dates else None,
            "inLanguage": "en",
            "isAccessibleForFree": True,
            "distribution": {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": catalog_url,
            },
        }
    )


class CitationState:
    """The catalog, read once per build, by Sphinx document name."""

    def __init__(self) -> None:
        self.catalog: Json = {}
        self.entries: dict[str, tuple[str, Json]] = {}
        self.people: dict[str, Json] = {}
        self.concepts: dict[str, Json] = {}
        self.heads: dict[str, Head] = {}

    def load(self, app: Sphinx) -> None:
        """``builder-inited``: read ``catalog.json`` (absent before the first ingest)."""
        path = Path(app.srcdir) / app.config.kb_catalog
        self.catalog = json.loads(path.read_text("utf-8")) if path.is_file() else {}
        self.entries = {}
        for group, kind in (
            ("documents", "document"),
            ("seminars", "seminar"),
            ("people", "person"),
            ("concepts", "concept"),
        ):
            for entry in self.catalog.get(group) or []:
                page = entry.get("page")
                if isinstance(page, str) and page.endswith(".md"):
                    self.entries[pages.docname(page)] = (kind, entry)
        made_for = self.catalog.get("base_url") or ""
        if self.catalog and made_for != app.config.html_baseurl:
            logger.warning(
                "catalog.json was made for the site address %r, this build is for %r; run "
                "the ingest again with the same %s (python -m tools.site does both)",
                made_for or "(none)",
                app.config.html_baseurl or "(none)",
                pages.BASE_URL_VARIABLE,
                type="kb",
                subtype="base_url",
            )
        self.people = {str(p.get("id")): p for p in self.catalog.get("people") or []}
        self.concepts = {str(c.get("id")): c for c in self.catalog.get("concepts") or []}
        names = [*self.entries, *app.config.kb_dataset_pages]
        self.heads = {name: head for name in names if (head := self.head(app, name))}

    def outdated(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        """``env-get-outdated``: rewrite the pages whose ``<head>`` changed with the catalog
        (the counts of the Dataset change with every new document, the text of its page
        does not)."""
        before: dict[str, Head] = getattr(env, "kb_citation_heads", {})
        env.kb_citation_heads = dict(self.heads)  # type: ignore[attr-defined]
        names = set(before) | set(self.heads)
        return sorted(
            name
            for name in names
            if before.get(name) != self.heads.get(name) and name in env.found_docs
        )

    def head(self, app: Sphinx, pagename: str) -> Head | None:
        """The meta tags and JSON-LD of a page, or None for a page without any; with the
        page's own address when the site's is known."""
        found = self._head(app, pagename)
        if found is None:
            return None
        meta, data = found
        base = app.config.html_baseurl
        if base:
            here = pages.page_url(base, pagename)
            data["mainEntityOfPage"] = here
            data.setdefault("url", here)
            if meta:  # a document: its full text is this page
                meta.append(("citation_fulltext_html_url", here))
        return Head(tuple(meta), script_json(data))

    def _head(self, app: Sphinx, pagename: str) -> tuple[list[tuple[str, str]], Json] | None:
        """The meta tags and JSON-LD data of a page, without the page's own address."""
        series = next(
            (
                _text(f.get("value"))
                for f in self.catalog.get("series") or []
                if f.get("name") == "title"
            ),
            None,
        )
        base = app.config.html_baseurl
        if pagename in app.config.kb_dataset_pages and self.catalog:
            download = f"{base}catalog.json" if base else "catalog.json"
            data = dataset_ld(
                self.catalog,
                download if base else "../" * pagename.count("/") + download,
                app.config.html_title or app.config.project,
                app.config.author,
            )
            if base:  # one landing page for the data set, whichever page describes it
                data["url"] = pages.page_url(base, app.config.kb_dataset_pages[0])
            return [], data
        found = self.entries.get(pagename)
        if found is None:
            return None
        kind, entry = found
        if kind == "document":
            return citation_meta(entry.get("citation") or {}), document_ld(entry, self.concepts)
        if kind == "seminar":
            return [], seminar_ld(entry, self.people, series)
        if kind == "person":
            return [], person_ld(entry)
        return [], concept_ld(entry, f"Glossary of {series or 'the series'}")

    def context(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        """``html-page-context``: give the template the page's ``kb_head``."""
        head = self.heads.get(pagename)
        if head is not None:
            context["kb_head"] = head


def copy_cite_files(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: make the site's ``cite/`` the same as ``docs/cite/``.

    Files whose bytes are unchanged are left alone; files no longer written are deleted.
    """
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.srcdir) / CITE_FOLDER
    target = Path(app.outdir) / CITE_FOLDER
    wanted = {p.name: p for p in source.iterdir() if p.is_file()} if source.is_dir() else {}
    if target.is_dir():
        for path in target.iterdir():
            if path.name not in wanted or not path.is_file():
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    if not wanted:
        if target.is_dir():
            target.rmdir()
        return
    target.mkdir(exist_ok=True)
    for name, path in sorted(wanted.items()):
        out = target / name
        data = path.read_bytes()
        if not (out.is_file() and out.read_bytes() == data):
            out.write_bytes(data)


def check_base_url(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``html_baseurl`` is the site's address ending with ``/``, or
    empty; anything else is a warning saying what to write instead (an error with
    ``-W``, as the site is built), and the build goes on without an address."""
    try:
        config.html_baseurl = pages.base_url(config.html_baseurl) or ""
    except ValueError as error:
        logger.warning("%s", error, type="kb", subtype="base_url")
        config.html_baseurl = ""


def setup_citation(app: Sphinx) -> None:
    """Register the settings and connect the handlers (the copy runs before the scan)."""
    app.add_config_value(
        "kb_dataset_pages", ["catalog", "about-data"], "html", types=frozenset({list, tuple})
    )
    state = CitationState()
    app.connect("config-inited", check_base_url)
    app.connect("builder-inited", state.load)
    app.connect("env-get-outdated", state.outdated)
    app.connect("html-page-context", state.context)
    app.connect("build-finished", copy_cite_files, priority=450)
