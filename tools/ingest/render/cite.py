"""How to cite a document or a seminar: one reference, many formats; pure functions.

A :class:`Reference` is made from the records (a document's title, its authors' names,
its date, what the clean stage read from an article's citation line: journal, volume,
issue, pages, ISSN; a seminar's title, date, venue and speakers) and then written as

* CSL-JSON (:func:`csl_item`), which also goes into ``catalog.json`` as the entry's
  ``citation``, so the Sphinx extension makes the page's ``citation_*`` meta tags and
  schema.org JSON-LD from the catalog alone (``tools/sphinxext/citation.py``);
* BibTeX (:func:`bibtex`) and RIS (:func:`ris`), the files a reference manager imports,
  written by the render stage under ``cite/`` and linked from the page;
* APA (7th edition) and Harvard (Cite Them Right) references (:func:`apa`,
  :func:`harvard`), shown in the page's "Cite this" box.

Every value is source text, so untrusted. Each format gets it on one line (line breaks
and runs of whitespace become one space, control characters U+FFFD, as on the page), and
then escaped the way that format needs: BibTeX's special characters become LaTeX
commands whose braces always balance (BibTeX counts braces even after a backslash), RIS
cannot be escaped at all but a value without a line break cannot start a tag, JSON is
written by :mod:`json`, and the formatted references are escaped by :mod:`..escape`
where the page shows them. The output depends on the records only (no access date).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal
from urllib.parse import urlsplit

from .. import pages
from ..dates import iso_parts
from ..escape import escape_inline, inline_text
from ..records import Document, Fact, Seminar
from .markdown import directive
from .meta import safe_url
from .model import Site

__all__ = [
    "CITE_FOLDER",
    "FORMATS",
    "Reference",
    "apa",
    "bibtex",
    "cite_files",
    "cite_path",
    "csl_item",
    "csl_json",
    "document_ref",
    "document_reference",
    "flat",
    "harvard",
    "markdown",
    "ris",
    "seminar_ref",
    "seminar_reference",
]

ReferenceKind = Literal["blog", "slides", "article", "seminar"]
#: Where the render stage writes the citation files, relative to the output folder; the
#: Sphinx extension copies the folder to the same place in the site.
CITE_FOLDER: Final = "cite"
#: The files written for each reference: suffix, and what the page's button says.
FORMATS: Final = ((".bib", "BibTeX"), (".ris", "RIS"), (".json", "CSL-JSON"))
#: CSL, RIS and BibTeX types of each kind of reference.
CSL_TYPES: Final[Mapping[ReferenceKind, str]] = {
    "blog": "post-weblog",
    "article": "article-journal",
    "slides": "speech",
    "seminar": "speech",
}
RIS_TYPES: Final[Mapping[ReferenceKind, str]] = {
    "blog": "BLOG",
    "article": "JOUR",
    "slides": "SLIDE",
    "seminar": "GEN",
}
BIBTEX_TYPES: Final[Mapping[ReferenceKind, str]] = {
    "blog": "online",
    "article": "article",
    "slides": "misc",
    "seminar": "misc",
}
#: What APA and Harvard put in brackets after the title of a deck or a seminar.
GENRES: Final[Mapping[ReferenceKind, str]] = {"slides": "Slides", "seminar": "Seminar"}
_MONTHS: Final = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
#: LaTeX for BibTeX's special characters; every replacement has balanced braces.
_BIBTEX: Final = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_BIBTEX_SPECIAL: Final = re.compile("[" + re.escape("".join(_BIBTEX)) + "]")
#: Words that start a surname ("van Os", "de Souza").
_PARTICLES: Final = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "ter",
        "ten",
        "dos",
        "das",
        "bin",
        "ibn",
    ]
)


def flat(text: str) -> str:
    """``text`` on one line: line breaks and whitespace runs one space, controls U+FFFD."""
    return " ".join(inline_text(text).split())


@dataclass(frozen=True)
class Name:
    """A person's name as references need it: family and given names, or one literal."""

    family: str = ""
    given: str = ""
    literal: str = ""

    @property
    def full(self) -> str:
        return self.literal or f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """``Clark, Michael``."""
        return self.literal or (f"{self.family}, {self.given}" if self.given else self.family)

    @property
    def initials(self) -> str:
        """``Clark, M.`` (``Hunter-Jones, P.-A.`` for hyphenated given names)."""
        if self.literal:
            return self.literal
        letters = " ".join(
            "-".join(part[:1] + "." for part in word.split("-") if part)
            for word in self.given.split()
        )
        return f"{self.family}, {letters}" if letters else self.family


def split_name(text: str) -> Name:
    """A name as written (``Michael Clark``, ``Clark, Michael``, ``Rachel van Os``)."""
    name = flat(text)
    if "," in name:
        family, _, given = name.partition(",")
        if family.strip() and given.strip():
            return Name(family=family.strip(), given=flat(given))
    words = name.split()
    if len(words) < 2:
        return Name(literal=name)
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    return Name(family=" ".join(words[start:]), given=" ".join(words[:start]))


@dataclass(frozen=True)
class Reference:
    """What a reference says, every value one line of plain text (see :func:`flat`)."""

    key: str  # the page's id: a slug, so safe as a BibTeX key and a file name
    kind: ReferenceKind
    title: str
    authors: tuple[Name, ...] = ()
    date: str | None = None  # ISO 8601 (year, year-month or full date), checked
    container: str | None = None  # the journal, the blog, the series
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None  # "12-19"
    issn: str | None = None
    publisher: str | None = None
    place: str | None = None  # a seminar's venue
    #: Where to read it: the original address when it is safe as a link, else the
    #: page's address on this site when the site's address is known (KB_BASEURL).
    url: str | None = None

    @property
    def parts(self) -> tuple[int, int | None, int | None] | None:
        return iso_parts(self.date) if self.date else None


def _opt(value: str | None) -> str | None:
    """A value on one line, or None when it is missing or blank."""
    if value is None:
        return None
    text = flat(value)
    return text or None


def _series_title(series: Iterable[Fact]) -> str | None:
    return next((_opt(fact.value) for fact in series if fact.name == "title"), None)


def _host(url: str | None) -> str | None:
    """The host of an http(s) address, lower case, or None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return parts.hostname if parts.scheme in ("http", "https") else None


def _series_blog(document: Document, series: Sequence[Fact]) -> str | None:
    """The series' title when ``document`` is a post of the series' own blog: its address
    is on the host where the series' title was published."""
    host = _host(document.url)
    for fact in series:
        if fact.name == "title" and host and _host(fact.source) == host:
            return _opt(fact.value)
    return None


def document_reference(
    document: Document,
    names: Mapping[str, str],
    series: Sequence[Fact] = (),
    address: str | None = None,
) -> Reference:
    """The reference of a document; ``names`` gives each person id's name, ``address``
    its page's address on this site (None when the site's address is not known).

    The authors are the linked people when the link stage found them, else the bylines
    as written. An article's journal, volume, issue, pages and ISSN come from its
    citation line (the clean stage's ``meta``); a blog post on the series' own blog (the
    host the series' title was published on) is in that blog, named by the series title;
    a deck's publisher comes from its cover. Its address is the original one when the
    sources give one that is safe as a link, else ``address``.
    """
    meta = dict(document.meta)
    if document.authors:
        authors = tuple(split_name(names.get(a, a)) for a in document.authors)
    else:
        authors = tuple(split_name(b) for b in document.bylines if flat(b))
    date = document.date or meta.get("year")
    kind: ReferenceKind = document.kind
    return Reference(
        key=document.id,
        kind=kind,
        title=_opt(document.title) or "Untitled document",
        authors=authors,
        date=date if date and iso_parts(date) else None,
        container=_opt(meta.get("journal"))
        if kind == "article"
        else _series_blog(document, series)
        if kind == "blog"
        else None,
        volume=_opt(meta.get("volume")),
        issue=_opt(meta.get("issue")),
        pages=_opt(meta.get("pages")),
        issn=_opt(meta.get("issn")),
        publisher=_opt(meta.get("publisher")),
        url=(safe_url(document.url) if document.url else None) or address,
    )


def seminar_reference(
    seminar: Seminar,
    names: Mapping[str, str],
    series: Sequence[Fact] = (),
    address: str | None = None,
) -> Reference:
    """The reference of a seminar: an event of the series, its speakers as authors;
    ``address`` is its page's address on this site, when known."""
    label = f"Seminar {seminar.number}"
    title = _opt(seminar.title)
    return Reference(
        key=f"seminar-{seminar.number}",
        kind="seminar",
        title=f"{label}: {title}" if title else label,
        authors=tuple(split_name(names.get(p, p)) for p in sorted(seminar.speakers)),
        date=seminar.date if seminar.date and iso_parts(seminar.date) else None,
        container=_series_title(series),
        place=_opt(seminar.venue),
        url=address,
    )


def _names(site: Site, keys: Iterable[str]) -> dict[str, str]:
    """The names of the people ``keys`` (ids), by id."""
    return {key: site.people[key].name for key in keys if key in site.people}


def document_ref(site: Site, document: Document) -> Reference:
    """:func:`document_reference` with the site's names, series and address."""
    page = pages.page_path("document", document.id)
    return document_reference(
        document, _names(site, document.authors), site.series, site.address(page)
    )


def seminar_ref(site: Site, number: int) -> Reference:
    """:func:`seminar_reference` with the site's names, series and address."""
    seminar = site.seminars[number]
    page = pages.page_path("seminar", number)
    return seminar_reference(
        seminar, _names(site, seminar.speakers), site.series, site.address(page)
    )


# --- CSL-JSON ---------------------------------------------------------------------------


def _csl_name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    return {"family": name.family, "given": name.given}


def csl_item(ref: Reference) -> dict[str, object]:
    """The reference as one CSL-JSON item (keys in CSL's names; absent values left out)."""
    item: dict[str, object] = {"id": ref.key, "type": CSL_TYPES[ref.kind], "title": ref.title}
    if ref.authors:
        item["author"] = [_csl_name(name) for name in ref.authors]
    if ref.parts:
        item["issued"] = {"date-parts": [[part for part in ref.parts if part is not None]]}
    optional = {
        "container-title": ref.container,
        "volume": ref.volume,
        "issue": ref.issue,
        "page": ref.pages,
        "ISSN": ref.issn,
        "publisher": ref.publisher,
        "event-place": ref.place,
        "genre": GENRES.get(ref.kind),
        "URL": ref.url,
        "language": "en",
    }
    item.update({key: value for key, value in optional.items() if value})
    return item


def csl_json(ref: Reference) -> str:
    """A CSL-JSON file: an array of one item, sorted keys, a final newline."""
    return json.dumps([csl_item(ref)], indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --- BibTeX -----------------------------------------------------------------------------


def bibtex_value(text: str) -> str:
    """``text`` as the inside of a braced BibTeX value: LaTeX for the special characters."""
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX[match.group()], flat(text))


def bibtex(ref: Reference) -> str:
    """A BibTeX entry (biblatex's ``@online`` for a blog post), one field a line."""
    fields: list[tuple[str, str]] = [("title", ref.title)]
    if ref.authors:
        fields.append(("author", " and ".join(name.inverted for name in ref.authors)))
    if ref.parts:
        fields.append(("year", str(ref.parts[0])))
        fields.append(("date", ref.date or ""))  # biblatex's full date
    container = "journal" if ref.kind == "article" else "howpublished"
    for name, value in (
        (container, ref.container),
        ("volume", ref.volume),
        ("number", ref.issue),
        ("pages", ref.pages.replace("-", "--") if ref.pages else None),
        ("issn", ref.issn),
        ("publisher", ref.publisher),
        ("address", ref.place),
        ("type", GENRES.get(ref.kind)),
        ("url", ref.url),
    ):
        if value:
            fields.append((name, value))
    body = ",\n".join(
        f"  {name} = {{{value if name == 'url' else bibtex_value(value)}}}"
        for name, value in fields
    )
    return f"@{BIBTEX_TYPES[ref.kind]}{{{ref.key},\n{body}\n}}\n"


# --- RIS --------------------------------------------------------------------------------


def ris(ref: Reference) -> str:
    """An RIS record: ``TY`` first, ``ER`` last, one tag a line (CRLF, as RIS asks)."""
    lines = [("TY", RIS_TYPES[ref.kind]), ("TI", ref.title)]
    lines += [("AU", name.inverted) for name in ref.authors]
    if ref.parts:
        year, month, day = ref.parts
        lines.append(("PY", str(year)))
        month_day = [f"{part:02d}" if part else "" for part in (month, day)]
        lines.append(("DA", "/".join([str(year), *month_day, ""])))
    for tag, value in (
        ("JO" if ref.kind == "article" else "T2", ref.container),
        ("VL", ref.volume),
        ("IS", ref.issue),
        ("SP", ref.pages.split("-")[0] if ref.pages else None),
        ("EP", ref.pages.split("-")[-1] if ref.pages and "-" in ref.pages else None),
        ("SN", ref.issn),
        ("PB", ref.publisher),
        ("CY", ref.place),
        ("M3", GENRES.get(ref.kind)),
        ("UR", ref.url),
        ("LA", "en"),
        ("ID", ref.key),
    ):
        if value:
            lines.append((tag, value))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {flat(value)}".rstrip() + "\r\n" for tag, value in lines)


# --- APA and Harvard --------------------------------------------------------------------

#: A formatted reference: runs of text, each in italics or not.
Runs = list[tuple[str, bool]]


def _join_names(names: Sequence[str], last: str) -> str:
    if len(names) <= 2:
        return f" {last} ".join(names)
    return ", ".join(names[:-1]) + f", {last} " + names[-1]


def _end(text: str) -> str:
    """``text`` ending with a full stop (unless it ends with ``.``, ``?`` or ``!``)."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _apa_date(ref: Reference) -> str:
    if not ref.parts:
        return "(n.d.)."
    year, month, day = ref.parts
    if ref.kind == "article" or not month:
        return f"({year})."
    return f"({year}, {_MONTHS[month - 1]}{f' {day}' if day else ''})."


def apa(ref: Reference) -> Runs:
    """APA 7: ``Clark, M. (2015). Title. *Journal*, *20*(4), 1-2. URL``."""
    runs: Runs = []
    if ref.authors:
        runs.append((_end(_join_names([n.initials for n in ref.authors], "&")) + " ", False))
    genre = f" [{GENRES[ref.kind]}]" if ref.kind in GENRES else ""
    if ref.kind in ("slides", "seminar"):
        title: Runs = [(ref.title, True), (_end(genre), False)]
    else:
        title = [(_end(ref.title), False)]
    if ref.authors:
        runs += [(_apa_date(ref) + " ", False), *title]
    else:
        runs += [*title, (" " + _apa_date(ref), False)]
    if ref.kind == "article" and ref.container:
        runs += [(" ", False), (ref.container, True)]
        if ref.volume:
            runs += [(", ", False), (ref.volume, True)]
        if ref.issue:
            runs.append((f"({ref.issue})", False))
        if ref.pages:
            runs.append((f", {ref.pages}", False))
        runs.append((".", False))
    elif ref.container:
        italic = ref.kind == "blog"
        runs += [(" ", False), (ref.container, italic), ("." if italic else "", False)]
        if not italic:
            runs[-2:] = [(_end(ref.container), False)]
    for extra in (ref.place, ref.publisher):
        if extra:
            runs.append((" " + _end(extra), False))
    if ref.url:
        runs.append((" " + ref.url, False))
    return runs


def harvard(ref: Reference) -> Runs:
    """Harvard (Cite Them Right): ``Clark, M. (2015) 'Title', *Journal*, 20(4).``."""
    runs: Runs = []
    year = f"({ref.parts[0]})" if ref.parts else "(no date)"
    if ref.authors:
        runs.append((_join_names([n.initials for n in ref.authors], "and") + f" {year} ", False))
    if ref.kind in ("slides", "seminar"):
        runs += [(ref.title, True), (f" [{GENRES[ref.kind]}]", False)]
    else:
        runs.append((f"'{ref.title}'", False))
    if not ref.authors:
        runs.append((f" {year}", False))
    if ref.container:
        runs += [(", ", False), (ref.container, True)]
    if ref.kind == "article" and ref.volume:
        runs.append((f", {ref.volume}" + (f"({ref.issue})" if ref.issue else ""), False))
    if ref.pages:
        runs.append((f", pp. {ref.pages}", False))
    if ref.parts and ref.parts[2] and ref.kind != "article":
        day, month = ref.parts[2], _MONTHS[(ref.parts[1] or 1) - 1]
        runs.append((f", {day} {month}", False))
    for extra in (ref.place, ref.publisher):
        if extra:
            runs.append((f", {extra}", False))
    runs.append((".", False))
    if ref.url:
        runs.append((f" Available at: {ref.url}", False))
    return runs


def plain(runs: Runs) -> str:
    """A formatted reference as plain text."""
    return "".join(text for text, _ in runs)


def markdown(runs: Runs) -> str:
    """A formatted reference as MyST: every run escaped, italic runs in ``*...*``.

    Neighbouring runs of one style are joined first; an italic run is never blank and
    has no space at either end (values are :func:`flat`), so ``*`` always pairs.
    """
    merged: Runs = []
    for text, italic in runs:
        if merged and merged[-1][1] == italic:
            merged[-1] = (merged[-1][0] + text, italic)
        elif text:
            merged.append((text, italic))
    return "".join(f"*{escape_inline(t)}*" if i else escape_inline(t) for t, i in merged)


# --- Files and the page's box -----------------------------------------------------------


def cite_path(key: str, suffix: str) -> str:
    """Where a citation file goes, relative to the output folder: ``cite/<key><suffix>``."""
    return f"{CITE_FOLDER}/{key}{suffix}"


def cite_files(ref: Reference) -> dict[str, str]:
    """The BibTeX, RIS and CSL-JSON files of a reference, by path."""
    texts = {".bib": bibtex(ref), ".ris": ris(ref), ".json": csl_json(ref)}
    return {cite_path(ref.key, suffix): texts[suffix] for suffix, _ in FORMATS}


def cite_box(ref: Reference, page: str) -> str:
    """The "Cite this" box of a page: APA and Harvard, and the three files to download.

    The files are linked with sphinx-design buttons, whose address Sphinx takes as it is:
    a Markdown link to a file would make Sphinx copy it into ``_downloads/``, which the
    post-build scan refuses.
    """
    depth = "../" * page.count("/")
    buttons = [
        directive(
            "button-link",
            f"{depth}{cite_path(ref.key, suffix)}",
            # primary: the secondary outline is too faint on the dark theme (axe-core)
            options=(("color", "primary"), ("outline", ""), ("class", "kb-cite-file")),
            body=f"Download {label}",
        )
        for suffix, label in FORMATS
    ]
    body = "\n\n".join(
        [
            f"**APA:** {markdown(apa(ref))}",
            f"**Harvard:** {markdown(harvard(ref))}",
            escape_inline(
                "Save it to a reference manager (Zotero, Mendeley, EndNote...) from one of "
                "these files; Zotero's browser connector also reads this page itself."
            ),
            *buttons,
        ]
    )
    return directive("admonition", "Cite this", options=(("class", "kb-cite"),), body=body)
