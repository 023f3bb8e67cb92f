"""Works cited: the references a document makes, found in its text; pure functions.

Two things are recognised, by general rules (author names and a year), not by a list of
known works:

* **entries** of a document's reference list (the blocks the clean stage marked
  ``reference``): the first author's name (the words before the first initials, comma,
  ``&`` or ``and``, leading initials skipped: "L Stevens (2008)" is Stevens), the first
  year, and a DOI when the entry gives one;
* **in-text citations** in its running text, in two forms: in brackets, one or more
  parts split at ``;`` ("(Barr et al, 2015)", "(e.g. Durand et al. 2014)", "(DH 2010 &
  2012)", "(see Boyle et al, 2010; Alakeson, 2013)"), each part names then years; and
  in the sentence, names then a bracketed year ("Needham & Carr (2009)", "Bee et al.
  (2015:111)"). Capitalised words that start a sentence ("For Cahn (2000)") are not
  names: :func:`sentence_words` reads them from ``rules/works.yaml``.

A citation is linked to the entry of the same document with its year whose first author
it names: the same words (folded), a spelling one letter away for a long name
("Yankelovitch" for "Yankelovich"), or the initials of a body's name ("DH" for
"Department of Health"). When two entries fit ("Gilbert et al 2010" and "Gilbert &
Clark 2010"), a second author named decides, or "et al" picks the entry with most
authors.

What is not recognised (measured against a hand annotation: ``tests/test_works_cited.py``
prints the figures): a citation whose names hold a bracket ("Department of Health (DH)
1999"), a possessive ("Wagner's chronic care model (1998)"), a title instead of names, or
a date that is not a year alone ("march 20th 2017").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ..errors import InputError, Problem
from ..escape import block_text, escape_block, escape_inline
from ..pages import page_path, site_page
from ..records import Block, Document
from ..text import fold
from ..yamlfile import RULES_DIR, read_yaml
from .markdown import bullets, join_lines, link, plural
from .meta import safe_link
from .model import Site

#: A year as a citation gives it ("2015", "2015a").
YEAR: Final = r"(?:1[5-9]|20)\d\d[a-z]?"
_APOSTROPHES: Final = "'\u2019"
_WORD: Final = rf"[A-Z][\w{_APOSTROPHES}\-]*\.?"
_CONNECTOR: Final = r"(?:of|for|the|and the|de|van|von|der|du|le|la)"
# Bounded repetitions: a run of capitalised words (an all-capitals slide) cannot make a
# search try every run length from every word, so finding citations stays linear.
_AUTHOR: Final = rf"{_WORD}(?:[ \t]+(?:{_WORD}|{_CONNECTOR}(?=[ \t]+[A-Z]))){{0,5}}"
_AUTHORS: Final = (
    rf"{_AUTHOR}(?:(?:,[ \t]*|[ \t]+(?:and|&)[ \t]+){_AUTHOR}){{0,5}}(?:,?[ \t]+et[ \t]+al\.?)?"
)
_YEARS: Final = rf"{YEAR}(?:[ \t]*(?:&|and|,)[ \t]*{YEAR})*"
_PAGE: Final = r"(?::[ \t]*\d+(?:[-\u2013]\d+)?)?"
#: A part of a bracketed citation: names, then one or more years (and a page).
PART: Final = re.compile(rf"(?P<names>{_AUTHORS}),?[ \t]+(?P<years>{_YEARS}){_PAGE}")
#: Words that may open a bracketed citation before the names.
_LEAD: Final = re.compile(r"^(?:e\.g\.|i\.e\.|see(?: for example| also)?|cf\.?)[,:]?\s+", re.I)
_BRACKETS: Final = re.compile(r"\(([^()]{1,300})\)")
#: A citation in the sentence: names, then the year in brackets.
NARRATIVE: Final = re.compile(rf"(?P<names>{_AUTHORS})[ \t]+\((?P<years>{_YEARS}){_PAGE}\)")
_YEAR_RE: Final = re.compile(rf"(?<!\d){YEAR}(?!\d)")
#: The rules file: the words that start sentences (see the comments there).
WORKS_RULES: Final = RULES_DIR / "works.yaml"
_SENTENCE_WORD: Final = re.compile(r"[^\W\d_]+")
_INITIALS: Final = re.compile(r"^(?:[A-Z]{1,3}\.?|(?:[A-Z]\.[\s-]?){1,3}|[A-Z]-[A-Z]\.?)$")
_DOI: Final = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>()\[\]{}]+[^\s\"<>()\[\]{}.,;:])")
_ET_AL: Final = re.compile(r",?\s+et\s+al\.?$")
_SPLIT_NAMES: Final = re.compile(r",\s*|\s+(?:and|&)\s+|\s+with\s+")
#: Block kinds whose text is searched for citations.
CITING: Final = ("paragraph", "item", "quote", "notes", "footnote", "slide")


@dataclass(frozen=True)
class Entry:
    """One item of a document's reference list."""

    number: int  # 1-based position in the list
    text: str
    line: int  # first line of the source it stands on
    names: tuple[str, ...]  # the authors' names as written, first author first
    year: str | None
    doi: str | None


@dataclass(frozen=True)
class Citation:
    """One in-text citation of one work (a part with two years cites two)."""

    block: int  # index of the block in the document's blocks
    start: int  # where the cited words stand in the block's text
    end: int
    names: tuple[str, ...]  # the names as written ("Barr", or "Le Boutillier")
    et_al: bool
    year: str

    @property
    def first(self) -> str:
        return self.names[0] if self.names else ""


@dataclass(frozen=True)
class Works:
    """What a document cites: its entries, its citations, and each citation's entry."""

    entries: tuple[Entry, ...]
    citations: tuple[Citation, ...]
    links: tuple[int | None, ...]  # per citation, the number of its entry (or None)


@functools.cache
def sentence_words(path: Path = WORKS_RULES) -> frozenset[str]:
    """The ``sentence_words`` of ``rules/works.yaml``: capitalised words that start a
    sentence, not a name, dropped from the front of a citation's names ("For Cahn
    (2000)"). Raises :class:`~.errors.InputError` naming the line of what is wrong."""
    where = path.as_posix()
    try:
        root, problems = read_yaml(path)
    except OSError as error:
        raise InputError([Problem(where, 0, f"cannot read the works rules: {error}")]) from error
    if problems:
        raise InputError(problems)
    pairs = root.pairs if root is not None and root.pairs is not None else ()
    found = next((value for key, _, value in pairs if key == "sentence_words"), None)
    if found is None or found.items is None:
        fix = "add 'sentence_words: [...]', a list of lower-case words (see its comments)"
        raise InputError([Problem(where, found.line if found else 1, f"no word list: {fix}")])
    words: set[str] = set()
    bad: list[Problem] = []
    for item in found.items:
        word = item.scalar
        if not (isinstance(word, str) and _SENTENCE_WORD.fullmatch(word) and word.islower()):
            bad.append(
                Problem(
                    where,
                    item.line,
                    f"sentence_words: {word!r} is not one lower-case word; write each word "
                    "alone, in lower case, and quote one YAML reads as true, false or "
                    "null ('on', 'no')",
                )
            )
        else:
            words.add(word)
    if bad:
        raise InputError(bad)
    return frozenset(words)


def _words(text: str) -> list[str]:
    return re.findall(rf"[^\W\d_][\w{_APOSTROPHES}\-]*\.?", text)


def _is_initials(word: str) -> bool:
    return bool(_INITIALS.match(word))


def _clean_names(names: str) -> tuple[tuple[str, ...], bool]:
    """The names of a citation, sentence words dropped from the front, and "et al"."""
    et_al = bool(_ET_AL.search(names))
    names = _ET_AL.sub("", names)
    parts = [p.strip() for p in _SPLIT_NAMES.split(names) if p.strip()]
    starts = sentence_words()
    if parts:
        words = parts[0].split()
        while len(words) > 1 and words[0].casefold() in starts:
            words = words[1:]
        if words and words[0].casefold() in starts:
            return (), et_al
        parts[0] = " ".join(words)
    return tuple(parts), et_al


def entry_names(text: str) -> tuple[str, ...]:
    """The authors of a reference entry as written, from the words before its year."""
    year = _YEAR_RE.search(text)
    head = text[: year.start()] if year else text
    head = head.split("“")[0].split('"')[0].split("(")[0]
    names: list[str] = []
    for part in _SPLIT_NAMES.split(_ET_AL.sub("", head.strip())):
        words = [w for w in _words(part) if not _is_initials(w)]
        if words:
            names.append(" ".join(w.rstrip(".") for w in words))
    return tuple(names)


def reference_entries(blocks: Sequence[Block]) -> tuple[Entry, ...]:
    """The entries of a document's reference list, in order."""
    entries: list[Entry] = []
    for block in blocks:
        if block.kind != "reference" or not block_text(block.text):
            continue  # the page lists the same entries (render/document.py)
        year = _YEAR_RE.search(block.text)
        doi = _DOI.search(block.text)
        entries.append(
            Entry(
                number=len(entries) + 1,
                text=block.text,
                line=block.first,
                names=entry_names(block.text),
                year=year.group() if year else None,
                doi=doi.group(1) if doi else None,
            )
        )
    return tuple(entries)


def _years(text: str) -> list[str]:
    return _YEAR_RE.findall(text)


def find_citations(text: str) -> list[tuple[int, int, tuple[str, ...], bool, str]]:
    """``(start, end, names, et al, year)`` of each citation in ``text``, in order."""
    found: list[tuple[int, int, tuple[str, ...], bool, str]] = []
    taken: list[tuple[int, int]] = []
    for bracket in _BRACKETS.finditer(text):
        offset = bracket.start(1)
        for part in re.finditer(r"[^;]+", bracket.group(1)):
            raw = part.group()
            lead = _LEAD.match(raw.lstrip())
            skip = (len(raw) - len(raw.lstrip())) + (lead.end() if lead else 0)
            match = PART.fullmatch(raw[skip:].rstrip())
            if not match:
                continue
            names, et_al = _clean_names(match["names"])
            if not names:
                continue
            start = offset + part.start() + skip
            end = start + match.end()
            for year in _years(match["years"]):
                found.append((start, end, names, et_al, year))
            taken.append((bracket.start(), bracket.end()))
    for match in NARRATIVE.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        names, et_al = _clean_names(match["names"])
        if not names:
            continue
        start = match.start("names") + match["names"].find(names[0])
        for year in _years(match["years"]):
            found.append((start, match.end(), names, et_al, year))
    return sorted(found, key=lambda item: (item[0], item[1], item[4]))


def _close(a: str, b: str) -> bool:
    """The same word, or (both long) one letter added, dropped or changed."""
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def names_match(cited: str, written: str) -> bool:
    """Whether a citation's name ``cited`` names an entry's author ``written``."""
    a, b = fold(cited).split(), fold(written).split()
    if not a or not b:
        return False
    if len(a) <= len(b) and all(_close(x, y) for x, y in zip(a, b, strict=False)):
        return True
    capitals = "".join(w[0] for w in written.split() if w[:1].isupper())
    return len(a) == 1 and len(capitals) > 1 and cited == capitals


def link_citation(citation: Citation, entries: Sequence[Entry]) -> int | None:
    """The number of the entry ``citation`` points to, or None."""
    fits = [
        e
        for e in entries
        if e.year == citation.year and e.names and names_match(citation.first, e.names[0])
    ]
    if len(fits) > 1 and len(citation.names) > 1:
        second = citation.names[1]
        fits = [e for e in fits if any(names_match(second, n) for n in e.names[1:])] or fits
    if len(fits) > 1:
        wanted = 3 if citation.et_al else len(citation.names)
        best = [e for e in fits if (len(e.names) >= 3) == (wanted >= 3)]
        fits = best or fits
    return fits[0].number if fits else None


def document_works(document: Document) -> Works:
    """The entries and in-text citations of ``document``, each citation linked."""
    entries = reference_entries(document.blocks)
    citations = [
        Citation(index, start, end, names, et_al, year)
        for index, block in enumerate(document.blocks)
        if block.kind in CITING
        for start, end, names, et_al, year in find_citations(block.text)
    ]
    links = tuple(link_citation(c, entries) for c in citations)
    return Works(entries, tuple(citations), links)


def work_key(names: Iterable[str], year: str | None) -> tuple[str, str]:
    """What makes two references one work in the index: the first author's first word
    (folded) and the year."""
    first = next(iter(names), "")
    words = fold(first).split()
    return (words[0] if words else "", year or "")


def doi_url(doi: str) -> str:
    """The address of a DOI (the DOI's characters are all safe in a URL path)."""
    return "https://doi.org/" + doi


# --- On the document's page -------------------------------------------------------------

#: Private-use characters that stand for a citation's link while the text is escaped
#: (the footnotes' and mentions' placeholders are ``\ue000``-``\ue004``).
_START, _MID, _END = "\ue005", "\ue006", "\ue007"
_PLACEHOLDER: Final = re.compile(f"{_START}(\\d+){_MID}(.*?){_END}", re.DOTALL)
PROTECTED: Final = re.compile(f"{_START}.*?{_END}", re.DOTALL)
#: Block kinds whose citations become links (their text is escaped as a block).
LINKED: Final = ("paragraph", "item", "quote", "notes")


def anchor(document_id: str, number: int) -> str:
    """The label of entry ``number`` of a document's reference list (unique in the site:
    document ids are)."""
    return f"cite-{document_id}-{number}"


def mark_citations(
    blocks: Sequence[Block], texts: Sequence[str], entries: Sequence[Entry], document_id: str
) -> tuple[list[str], list[str]]:
    """Put placeholders around each citation that has an entry in the reference list.

    Returns the texts and the label each placeholder links to, by number; a text that
    already holds one of the placeholder characters is left alone.
    """
    out = list(texts)
    if not entries or any(c in text for text in texts for c in (_START, _MID, _END)):
        return out, []
    targets: list[str] = []
    for index, (block, text) in enumerate(zip(blocks, texts, strict=True)):
        if block.kind not in LINKED:
            continue
        pieces: list[str] = []
        position = 0
        for start, end, names, et_al, year in find_citations(text):
            number = link_citation(Citation(index, start, end, names, et_al, year), entries)
            if number is None or start < position:
                continue  # no entry, or the second year of a part already linked
            pieces += [text[position:start], f"{_START}{len(targets)}{_MID}", text[start:end], _END]
            targets.append(anchor(document_id, number))
            position = end
        out[index] = "".join(pieces) + text[position:]
    return out, targets


def citation_links(markdown: str, targets: Sequence[str]) -> str:
    """Turn each placeholder of escaped ``markdown`` into a link to its entry."""
    return _PLACEHOLDER.sub(lambda m: f"[{m.group(2)}](#{targets[int(m.group(1))]})", markdown)


def references_section(document_id: str, blocks: Sequence[Block]) -> list[str]:
    """The "References" section: each entry escaped, with its label (where citations
    link to) and, when it gives a DOI, a link to it."""
    items = []
    for entry in reference_entries(blocks):
        body = escape_block(entry.text)
        if entry.doi:
            body += "\n\n" + safe_link(doi_url(entry.doi))
        lines = f"({anchor(document_id, entry.number)})=\n{body}".split("\n")
        items.append("\n".join(["- " + lines[0], *("  " + x if x else "" for x in lines[1:])]))
    return ["## References", "\n".join(items)] if items else []


# --- The works-cited index --------------------------------------------------------------


@dataclass(frozen=True)
class CitedWork:
    """One work in the index: how it is shown, its DOI, and the documents citing it."""

    key: tuple[str, str]
    label: str  # the reference entry as written, or the citation's words and year
    doi: str | None
    documents: tuple[str, ...]  # ids, sorted


def cited_works(documents: Iterable[Document]) -> list[CitedWork]:
    """Every work cited by ``documents``, once, with every document citing it.

    A work is known by its first author's first word and its year (:func:`work_key`),
    so the same book cited in two documents is one entry. Its label is the longest
    reference entry that describes it, or, when no document lists it, the words of its
    first citation ("Anthony 1993").
    """
    labels: dict[tuple[str, str], tuple[int, str]] = {}
    dois: dict[tuple[str, str], str] = {}
    citing: dict[tuple[str, str], set[str]] = {}
    for document in documents:
        works = document_works(document)
        for entry in works.entries:
            key = work_key(entry.names, entry.year)
            if not key[0] or not key[1]:
                continue
            citing.setdefault(key, set()).add(document.id)
            text = " ".join(entry.text.split())
            if labels.get(key, (0, ""))[0] < 2 or len(text) > len(labels[key][1]):
                labels[key] = (2, text)
            if entry.doi:
                dois.setdefault(key, entry.doi)
        for citation, entry_number in zip(works.citations, works.links, strict=True):
            if entry_number is not None:
                continue
            key = work_key(citation.names, citation.year)
            citing.setdefault(key, set()).add(document.id)
            label = (
                f"{', '.join(citation.names)}{' et al.' if citation.et_al else ''} {citation.year}"
            )
            if key not in labels:
                labels[key] = (1, label)
    return [
        CitedWork(key, labels[key][1], dois.get(key), tuple(sorted(citing[key])))
        for key in sorted(citing)
    ]


def works_cited_page(site: Site) -> str:
    """``documents/works-cited.md``: each work cited once, with the documents citing it."""
    page = site_page("documents", "works-cited")
    works = cited_works(site.documents[key] for key in sorted(site.documents))
    intro = (
        f"{plural(len(works), 'work')} cited by the documents of the collection, each "
        "once, with every document that cites it. A work is an entry of a document's "
        "reference list, or, when the document has no list, what its text cites "
        '("(Anthony 1993)"); the same author and year in two documents is one work. '
        "In a document's text, each citation with an entry in its reference list links "
        "to that entry."
    )
    items = []
    for work in works:
        label = escape_inline(work.label)
        doi = f" ({safe_link(doi_url(work.doi))})" if work.doi else ""
        docs = ", ".join(
            link(site.documents[d].title, page, page_path("document", d)) for d in work.documents
        )
        items.append(f"{label}{doi}  \n  Cited in: {docs}")
    return join_lines(
        "# Works cited",
        escape_inline(intro),
        bullets(items) if items else "No document cites another work yet.",
    )
