"""The render stage: the linked records as files, ``{relative path: bytes}``; pure.

Output is a mapping rather than files on disk so that nothing under the output folder
is touched until every stage has succeeded (:mod:`.write` swaps it in). Paths are posix
and relative to the output folder (``docs/``):

* ``documents/<id>.md``: one MyST page per document (:mod:`.render.document`);
* the seminar, person and concept pages and the indexes (:mod:`.render.site`);
* ``cite/<id>.bib``, ``.ris`` and ``.json``: how to cite each document and seminar, as
  BibTeX, RIS and CSL-JSON (:mod:`.render.cite`);
* ``catalog.json``: every document and entity as data, for the search page and for
  anyone who wants the knowledge base without the site. Each document and seminar has
  its ``citation`` (a CSL-JSON item), from which the site makes its ``citation_*`` meta
  tags and schema.org data. When the site's own address is known (``KB_BASEURL``), the
  catalog records it as ``base_url`` and the references give the pages' addresses.

The bytes depend on the records only: documents and entities are sorted by id, JSON keys
are sorted, and the same records always give the same files.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Sequence
from functools import partial
from typing import Final

from .. import pages
from ..parallel import pmap
from ..records import Document, Linked, Origin, Seminar, page_unit
from .cite import cite_files, csl_item, document_ref, seminar_ref
from .document import render_page
from .meta import safe_url
from .model import Site, build_site
from .site import page_makers
from .works import sentence_words

__all__ = ["CATALOG", "check_ids", "page_path", "render", "render_catalog", "run", "to_json"]

CATALOG: Final = "catalog.json"
#: Ids longer than this make file names some file systems refuse (with the ``.md``).
_ID_MAX: Final = 120

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]


def page_path(document_id: str) -> str:
    """Where a document's page goes, relative to the output folder (the catalog's ``page``)."""
    return pages.page_path("document", document_id)


def check_ids(documents: Sequence[Document]) -> None:
    """Raise ValueError unless every id is a safe, distinct file name.

    Ids are made by the dedupe stage, not read from the input, so a bad one is a bug in
    the pipeline rather than something a contributor can fix. A slug (:data:`.pages.SLUG`:
    lower case, so no two ids differ only in case; no dots, so no ``..``) of sane length.
    """
    bad = sorted(
        {d.id for d in documents if not (pages.SLUG.fullmatch(d.id) and len(d.id) <= _ID_MAX)}
    )
    twice = sorted(name for name, count in Counter(d.id for d in documents).items() if count > 1)
    if bad or twice:
        raise ValueError(f"document ids not usable as file names: {bad}; used twice: {twice}")


def to_json(value: object) -> JsonValue:
    """A record as JSON data: dataclasses become objects, tuples become arrays."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    raise TypeError(f"cannot put a {type(value).__name__} into the catalog: {value!r}")


def catalog_entry(document: Document, site: Site) -> dict[str, JsonValue]:
    """What the catalog says about one document (its text is on its page)."""
    return {
        "citation": to_json(csl_item(document_ref(site, document))),
        "id": document.id,
        "title": document.title,
        "title_derived": document.title_derived,
        "kind": document.kind,
        "authors": list(document.authors),
        "bylines": list(document.bylines),
        "date": document.date,
        "seminar": document.seminar,
        "seminar_evidence": to_json(document.seminar_evidence),
        "page": page_path(document.id),
        "origins": [_origin(origin) for origin in document.origins],
        "people": list(document.people),
        "concepts": list(document.concepts),
        # Only an address that is safe as a link: the search page makes links of these.
        "url": safe_url(document.url) if document.url else None,
    }


def _origin(origin: Origin) -> dict[str, JsonValue]:
    """Where a copy was found: its file and lines, and for a PDF or a deck its first and
    last page (``pages``) or slide (``slides``)."""
    entry: dict[str, JsonValue] = {
        "source": origin.source,
        "lines": [origin.lines[0], origin.lines[1]],
    }
    unit = page_unit(origin.source)
    if unit and origin.pages:
        entry[f"{unit}s"] = [origin.pages[0], origin.pages[1]]
    return entry


def _with_page(record: object, page: str, **more: JsonValue) -> JsonValue:
    """An entity as JSON, with the path of its page relative to the output folder."""
    entry = to_json(record)
    assert isinstance(entry, dict)
    entry["page"] = page
    entry.update(more)
    return entry


def _sources(seminar: Seminar) -> JsonValue:
    """Every address a fact about ``seminar`` comes from, once each, in order."""
    return list(dict.fromkeys(fact.source for fact in seminar.facts))


def render_catalog(linked: Linked) -> bytes:
    """``catalog.json``: sorted keys, two-space indent, UTF-8, a final newline."""
    return _catalog_text(linked).encode("utf-8")


def _catalog_text(linked: Linked, site: Site | None = None) -> str:
    site = site or build_site(linked)
    catalog: dict[str, JsonValue] = {
        "documents": [catalog_entry(d, site) for d in sorted(linked.documents, key=lambda d: d.id)],
        "seminars": [
            _with_page(
                s,
                pages.page_path("seminar", s.number),
                sources=_sources(s),
                citation=to_json(csl_item(seminar_ref(site, s.number))),
            )
            for s in sorted(linked.seminars, key=lambda s: s.number)
        ],
        "people": [
            _with_page(p, pages.page_path("person", p.id))
            for p in sorted(linked.people, key=lambda p: p.id)
        ],
        "concepts": [
            _with_page(c, pages.page_path("concept", c.id))
            for c in sorted(linked.concepts, key=lambda c: c.id)
        ],
        "series": to_json(linked.series),
    }
    if site.base_url:  # only when set: without an address the catalog is as it always was
        catalog["base_url"] = site.base_url
    return json.dumps(catalog, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def render(linked: Linked, base_url: str | None = None) -> dict[str, bytes]:
    """Every file the pipeline writes under the output folder, by relative path;
    ``base_url`` is the site's own address (KB_BASEURL), when known."""
    check_ids(linked.documents)
    sentence_words()  # a broken rules/works.yaml is reported here, once, before any worker
    site = build_site(linked, base_url).indexed()
    makers = page_makers(site)
    makers.update({page_path(d.id): partial(render_page, d, site) for d in linked.documents})
    makers[CATALOG] = partial(_catalog_text, linked, site)
    references = [document_ref(site, d) for d in linked.documents]
    references += [seminar_ref(site, n) for n in site.seminars]
    for reference in references:
        for path, text in cite_files(reference).items():
            makers[path] = partial(str, text)
    paths = sorted(makers)
    return dict(zip(paths, pmap(lambda path: makers[path]().encode("utf-8"), paths), strict=True))


def run(linked: Linked, base_url: str | None = None) -> dict[str, bytes]:
    """Stage 6, render: every page and ``catalog.json``, as ``{relative path: bytes}``."""
    return render(linked, base_url)
