"""One MyST page per document: pure functions from a :class:`Document` to text.

The page is built from pieces the code writes (headings, list markers, footnote syntax,
links to the site's own pages made from ids by :func:`.pages.page_path`, one external
link whose address has been checked) and source text, which always goes through
:mod:`.escape`. So whatever a source contains, the page has exactly the structure below
and shows the source's words as they were written:

    front matter        one key, ``document``, whose values MyST never parses (see below)
    # Title             (derived titles are marked in the header)
    header list         kind, authors, date, seminar, people, concepts, original address
    provenance          every place the text was found, merged copies said so
    Cite this           APA and Harvard references, BibTeX, RIS and CSL-JSON files
    body                headings, paragraphs, lists, quotes, slide sections (a slide's
                        speaker notes in a "Speaker notes" box, its images' alt text
                        as "Image: ..."); a PDF's text marked with the pages it is on
    ## Notes            footnotes whose marker was not found in the text
    ## References       the reference list, each entry a target that the text's citations
                        of it link to (:mod:`.works`), its DOI a link

Footnotes whose marker (``[1]`` or a superscript ``¹``) occurs in the text become MyST
footnotes referenced there; the others are listed under Notes, because a MyST footnote
nobody references is a Sphinx warning.

Where a passage of a PDF stands, a badge says before it ("page 4", or "pages 4-5" for a
paragraph that runs over), whenever the text reaches a page not yet named; a slide's
heading names its slide ("Slide 12: ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..dates import dateline_only, day_and_month, written_date
from ..escape import block_text, escape_block, escape_inline, inline_text
from ..names import BYLINE_PREFIX, NAME_SEPARATOR, words_of, writer_words
from ..pages import PageKind, page_path
from ..records import Block, Document, Origin, page_unit
from .cite import cite_box, document_ref
from .markdown import directive, link, shown_date
from .mentions import links_from_placeholders, mark_first_mentions
from .meta import front_matter, safe_link
from .model import Site
from .places import origin_text, span
from .works import citation_links, mark_citations, reference_entries, references_section

KIND_LABELS = {"blog": "Blog post", "slides": "Slides", "article": "Article"}
DERIVED_TITLE = "derived from the text (the source gives none)"
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
#: Private-use characters that stand for a footnote reference while the text is escaped;
#: :mod:`.escape` leaves them alone. A text that already contains one gets no references.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_BODY_WITH_NOTES = ("paragraph", "item", "quote")


def _indent(markdown: str, first: str, rest: str) -> str:
    """Prefix the first line with ``first`` and every other non-blank line with ``rest``."""
    lines = markdown.split("\n")
    out = [first + lines[0]]
    out.extend(rest + line if line else rest.rstrip() for line in lines[1:])
    return "\n".join(out)


def _with_marks(markdown: str, labels: Sequence[str]) -> str:
    """Turn each placeholder back into its footnote reference ``[^label]``."""
    return _MARK.sub(lambda match: f"[^{labels[int(match.group(1))]}]", markdown)


def _markers(label: str) -> tuple[str, ...]:
    """How a text may point at footnote ``label``: ``[1]``, or ``¹`` for a number."""
    found = [f"[{label}]"]
    if label.isdigit():
        found.append(label.translate(_SUPERSCRIPTS))
    return tuple(found)


def _place_notes(
    blocks: Sequence[Block], notes: Sequence[Block]
) -> tuple[list[str], list[Block], list[Block]]:
    """Put a placeholder where each note's marker first occurs (each place used once).

    Returns the body texts (placeholders in), the notes placed and the notes not placed.
    """
    texts = [block.text for block in blocks]
    if any(_OPEN in text or _CLOSE in text for text in texts):
        return texts, [], list(notes)
    placed: list[Block] = []
    unplaced: list[Block] = []
    for note in notes:
        for index, block in enumerate(blocks):
            if block.kind not in _BODY_WITH_NOTES:
                continue
            marker = next((m for m in _markers(note.label) if m in texts[index]), None)
            if marker and note.label:
                texts[index] = texts[index].replace(marker, f"{_OPEN}{len(placed)}{_CLOSE}", 1)
                placed.append(note)
                break
        else:
            unplaced.append(note)
    return texts, placed, unplaced


def _footnote_labels(placed: Sequence[Block]) -> list[str]:
    """Keep the source's numbers when they are plain and distinct, else number anew."""
    labels = [note.label for note in placed]
    if len(set(labels)) == len(labels) and all(re.fullmatch(r"[1-9]\d{0,3}", x) for x in labels):
        return labels
    return [f"note-{index}" for index in range(1, len(placed) + 1)]


def _block(kind: str, text: str, label: str) -> str:
    """Markdown for one body block whose ``text`` is already escaped."""
    if kind == "heading":
        return f"## {text}"
    if kind == "slide":
        number = f" {escape_inline(label)}" if label.strip() else ""
        return f"## Slide{number}: {text}" if text else f"## Slide{number}"
    if kind == "item":
        return _indent(text, "- ", "  ")
    if kind == "quote":
        return _indent(text, "> ", "> ")
    if kind == "image":
        return f"*Image:* {text}"
    return text


def _body(
    blocks: Sequence[Block], texts: Sequence[str], labels: Sequence[str], source: str
) -> list[str]:
    """The body as Markdown chunks; consecutive items form one list, consecutive speaker
    notes one box; for a PDF ``source`` (not a deck), a badge wherever the text reaches
    a new page."""
    paged = page_unit(source) == "page"
    chunks: list[str] = []
    notes: list[str] = []
    previous = ""
    shown = 0  # the last page a badge named
    for block, text in zip(blocks, texts, strict=True):
        inline = block.kind in ("heading", "slide")
        empty = not (inline_text(text).strip() if inline else block_text(text))
        if empty and block.kind != "slide":
            continue
        escaped = "" if empty else escape_inline(text) if inline else escape_block(text)
        markdown = _with_marks(_block(block.kind, escaped, block.label), labels)
        if block.kind != "notes" and notes:
            chunks.append(_notes(notes))
            notes = []
        if paged and block.pages and block.pages[1] > shown:
            where = span(source, (block.first, block.last), block.pages)  # "pages 4-5"
            chunks.append(f"{{bdg-secondary-line}}`{where}`")
            shown = block.pages[1]
            previous = ""
        if block.kind == "notes":
            notes.append(markdown)
        elif block.kind == "item" and previous == "item":
            chunks[-1] += "\n" + markdown
        else:
            chunks.append(markdown)
        previous = block.kind
    if notes:
        chunks.append(_notes(notes))
    return chunks


def _notes(paragraphs: Sequence[str]) -> str:
    """A slide's speaker notes (escaped paragraphs) in a box of their own."""
    return directive("admonition", "Speaker notes", body="\n\n".join(paragraphs))


def _links(site: Site, page: str, kind: PageKind, keys: Iterable[str]) -> str:
    """Links to the pages of people or concepts, ordered by the name they show."""
    names = {
        key: site.people[key].name if kind == "person" else site.concepts[key].term for key in keys
    }
    ordered = sorted(names, key=lambda key: (names[key].casefold(), key))
    return ", ".join(link(names[key], page, page_path(kind, key)) for key in ordered)


def _header(document: Document, site: Site, page: str) -> str:
    """The facts about a document; every person, concept and seminar links to its page.

    The people, concepts and seminars come from the site's symmetric relations, so each
    page linked from here links back to this one.
    """
    fields: list[tuple[str, str]] = []
    if document.title_derived:
        fields.append(("Title", escape_inline(DERIVED_TITLE)))
    fields.append(("Kind", escape_inline(KIND_LABELS.get(document.kind, document.kind))))
    if document.authors:
        fields.append(
            (
                "Authors",
                ", ".join(
                    link(site.people[a].name, page, page_path("person", a))
                    for a in document.authors
                ),
            )
        )
    elif document.bylines:
        fields.append(("Authors", escape_inline("; ".join(document.bylines) + " (as written)")))
    if document.date:
        fields.append(("Date", shown_date(document.date)))
    seminars = sorted(n for n, docs in site.seminar_documents.items() if document.id in docs)
    if seminars:
        fields.append(
            (
                "Seminar",
                ", ".join(
                    link(_seminar_label(site, n), page, page_path("seminar", n)) for n in seminars
                ),
            )
        )
    named = site.document_people.get(document.id, frozenset()) - set(document.authors)
    if named:
        fields.append(("People named", _links(site, page, "person", named)))
    concepts = [c for c, docs in site.concept_documents.items() if document.id in docs]
    if concepts:
        fields.append(("Concepts", _links(site, page, "concept", concepts)))
    if document.url:
        fields.append(("Original", safe_link(document.url)))
    return "\n".join(f"- **{name}:** {value}" for name, value in fields)


def _seminar_label(site: Site, number: int) -> str:
    title = site.seminars[number].title
    return f"Seminar {number}: {title}" if title else f"Seminar {number}"


def _provenance(origins: Sequence[Origin]) -> str:
    if len(origins) == 1:
        return escape_inline(f"Found in {origin_text(origins[0])}.")
    intro = escape_inline(
        f"Found in {len(origins)} places; the copies were merged and the first is shown:"
    )
    return intro + "\n\n" + "\n".join("- " + escape_inline(origin_text(o)) for o in origins)


def _section(title: str, blocks: Iterable[Block], prefix: bool) -> list[str]:
    items = [
        _indent(escape_block(f"[{b.label}] {b.text}" if prefix and b.label else b.text), "- ", "  ")
        for b in blocks
        if block_text(b.text)
    ]
    return [f"## {title}", "\n".join(items)] if items else []


def _in_body(block: Block, has_references: bool) -> bool:
    """Whether a block belongs in the running text.

    Footnotes and references get sections of their own. The line a post's title was read
    from is the page's H1 already (its byline is the header's authors), the line that only
    dates the post is the header's date (:func:`shown_as_text`), and a "References" heading
    would stand twice above the references section.
    """
    if block.kind in ("footnote", "reference"):
        return False
    if block.hint == "title" and block.kind in ("heading", "paragraph"):
        return False
    heading = block.text.strip().rstrip(":").strip().casefold()
    return not (block.kind == "heading" and has_references and heading == "references")


def shown_as_text(block: Block, writers: Sequence[str] = (), date: str | None = None) -> bool:
    """Whether a block is shown as text of its page: not a post's dateline that says only
    its date and who wrote it ("March 2, 2016", "Posted on 3 February 2016 by Jo Bloggs",
    hinted ``date`` by the split stage; ``writers`` are the post's bylines), nor a day and
    month with no year that are the post's ``date`` ("14 Mar", a listing's date badge),
    which the page's header shows as the document's date and authors."""
    if block.hint != "date":
        return True
    if dateline_only(block.text, writers):
        return False
    return not (
        date and day_and_month(block.text) and written_date(f"{block.text} {date[:4]}") == date
    )


def body_blocks(
    blocks: Sequence[Block], writers: Sequence[str], date: str | None = None
) -> list[Block]:
    """The blocks of a post its page shows as text (:func:`shown_as_text`): not the
    datelines that only date it, nor the byline lines at its head (or over or under such a
    dateline under its text) that only name its writers ("By Jo Bloggs", "Jo Bloggs"), which the
    header shows. A signature under the text stays: it is the writer's own."""
    names = writer_words(writers)
    shown: list[Block] = []
    head = True
    for i, block in enumerate(blocks):
        if not shown_as_text(block, writers, date):
            continue
        head = head and block.hint in ("title", "date", "byline")
        bare = BYLINE_PREFIX.sub("", " ".join(block.text.split()))
        words = words_of(" ".join(NAME_SEPARATOR.split(bare)))  # "Jo and Sam": the names
        # at its head, or next to its date in the footer under it ("Jo Bloggs" / "Posted
        # on ...", or "19 January 2016" / "Jo Bloggs")
        last = len(blocks) - 1
        beside = [blocks[-1]] if i == last - 1 else [blocks[-2]] if i == last > 0 else []
        meta = head or any(b.hint == "date" and not shown_as_text(b, writers, date) for b in beside)
        # (or the account that posted it, by its handle alone: "esrccopro", where the text
        # names who wrote it: "Guest post by Jo Bloggs")
        if (
            meta
            and block.hint == "byline"
            and words
            and (all(w in names for w in words) or len(bare.split()) == 1)
        ):
            continue
        if i == len(blocks) - 1 and i and _signed_footer(block.text, names):
            continue
        shown.append(block)
    return shown


#: The time or day a footer's byline gives after the writer: " at 21:14", " on 6 May 2017".
_WHEN = re.compile(r"\s+(?:at|on)\s+\S*\d.*$")


def _signed_footer(text: str, names: frozenset[str]) -> bool:
    """Whether the last line of a post is its footer's byline naming only its writers,
    maybe with a time ("Posted by Jo Bloggs at 21:14", as Blogger prints it)."""
    line = " ".join(text.split())
    if not BYLINE_PREFIX.match(line):
        return False
    words = words_of(_WHEN.sub("", BYLINE_PREFIX.sub("", line)))
    return bool(words) and all(w in names for w in words)


def source(document: Document) -> str:
    """The file the document's text is shown from (its canonical copy)."""
    return document.origins[0].source if document.origins else ""


def render_page(document: Document, site: Site) -> str:
    """The MyST page of ``document``: front matter, title, header, provenance, body."""
    page = page_path("document", document.id)
    notes = [b for b in document.blocks if b.kind == "footnote"]
    references = [b for b in document.blocks if b.kind == "reference"]
    shown = body_blocks(document.blocks, document.bylines, document.date)
    body = [b for b in shown if _in_body(b, bool(references))]
    texts, placed, unplaced = _place_notes(body, notes)
    texts, cited = mark_citations(body, texts, reference_entries(document.blocks), document.id)
    texts, targets = mark_first_mentions(body, texts, document.mentions, page)
    labels = _footnote_labels(placed)
    title = document.title if inline_text(document.title).strip() else "Untitled document"
    chunks = [
        front_matter(document),
        f"# {escape_inline(title)}",
        _header(document, site, page),
        _provenance(document.origins),
        cite_box(document_ref(site, document), page),
        *(
            citation_links(links_from_placeholders(chunk, targets), cited)
            for chunk in _body(body, texts, labels, source(document))
        ),
        *_section("Notes", unplaced, prefix=True),
        *references_section(document.id, references),
        *(
            _indent(escape_block(note.text) or escape_inline(" "), f"[^{label}]: ", "    ")
            for note, label in zip(placed, labels, strict=True)
        ),
    ]
    return "\n\n".join(chunk for chunk in chunks if chunk) + "\n"
