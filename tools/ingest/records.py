"""The records that flow between the stages of the pipeline.

Every record is a frozen dataclass: a stage never changes what it was given, it returns
new records. Line numbers always refer to the source file as it is on disk (1-based,
inclusive), so any fact in the catalog can be traced back to the text it came from.

    load   -> Source          (decoded text, one Line per line of the file)
    clean  -> CleanSource     (boilerplate dropped, text shaped into Blocks)
    split  -> Post            (one per post of an archive page; one per slide deck or article)
    dedupe -> Document        (one per distinct post, with every origin)
    link   -> Document        (seminar, people and concepts filled in) + entities
    render -> pages and catalog.json
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["blog", "slides", "article"]
KINDS: tuple[Kind, ...] = ("blog", "slides", "article")

#: What a line of text is known to be, when the input says so (an HTML ``<h1>`` that
#: is a post's title, a ``<time>`` element, a Word heading, a slide's title, a speaker
#: note, an image's alt text); plain text has no hints.
Hint = Literal["", "title", "date", "byline", "heading", "slide", "note", "alt"]


@dataclass(frozen=True)
class Line:
    """One line of decoded text and the line of the source file it came from."""

    number: int
    text: str
    hint: Hint = ""
    page: int = 0  # the page (or slide) of a PDF or PowerPoint file it is on; 0: none


@dataclass(frozen=True)
class Sidecar:
    """What a contributor knows about a source, from its optional ``NAME.yaml``."""

    url: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    retrieved: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Source:
    """A source file, decoded: the output of the load stage."""

    path: str  # relative to the sources folder, with forward slashes
    kind: Kind
    lines: tuple[Line, ...]
    sidecar: Sidecar = Sidecar()
    title: str | None = None  # the page's own title (HTML), if it has one
    date: str | None = None  # the page's own date (HTML), ISO 8601, if it has one
    warnings: tuple[str, ...] = ()
    # The text of the page's frame the loader dropped (HTML header, sidebars, footer), for
    # what it says of the page: whose it is (clean/owner.py).
    frame: tuple[Line, ...] = ()


BlockKind = Literal[
    "heading",  # a heading inside a text (or a post title before splitting)
    "paragraph",
    "item",  # one item of a bulleted list; consecutive items form one list
    "quote",
    "slide",  # the heading of a numbered slide: text is the slide's title line
    "footnote",  # a footnote's text; ``label`` says which
    "reference",  # one entry of a reference list
    "notes",  # a slide's speaker notes
    "image",  # what an image shows, from its alt text
]


@dataclass(frozen=True)
class Block:
    """A unit of cleaned text: a paragraph, a heading, a list item, a slide heading..."""

    kind: BlockKind
    text: str
    first: int  # first line of the source file it came from
    last: int  # last line of the source file it came from
    # slide number, footnote label, number of an ordered item, or (for a block the clean
    # stage removed) why it was dropped: "end-of-post", "boilerplate", "cover", ...
    label: str = ""
    hint: Hint = ""
    pages: tuple[int, int] | None = None  # first and last page (or slide) it is on, if any


@dataclass(frozen=True)
class Owner:
    """The person whose page a source is (a personal blog), as its frame names them."""

    name: str
    line: int  # the line of the source file that names them
    stated: bool  # the frame says whose page it is ("Name: X", "© 2017 X", "X's journal")


@dataclass(frozen=True)
class CleanSource:
    """A source after cleaning: its text as blocks, boilerplate gone."""

    source: Source
    blocks: tuple[Block, ...]
    meta: tuple[tuple[str, str], ...] = ()  # e.g. (("journal", "…"), ("year", "2015"))
    removed: tuple[Block, ...] = ()  # what the cleaning rules dropped, for the report
    masked: int = 0  # e-mail addresses and phone numbers masked (see clean/privacy.py)
    owner: Owner | None = None  # whose page it is, if its frame says (clean/owner.py)


@dataclass(frozen=True)
class Post:
    """One post (or one slide deck, one article) cut out of a source."""

    source: str
    kind: Kind
    title: str
    title_derived: bool
    bylines: tuple[str, ...]  # author names as the text gives them
    blocks: tuple[Block, ...]
    first: int
    last: int
    date: str | None = None
    url: str | None = None
    meta: tuple[tuple[str, str], ...] = ()
    owner: Owner | None = None  # the page's owner, when the byline is theirs (not in blocks)
    # the lines that head the page above its posts ("Tag: Seminar 6", a booklet's cover),
    # which may say what each of them is about (link/seminar.py page_signals)
    context: tuple[Line, ...] = ()
    # the categories and tags the page files the post under, as its entry footer prints
    # them ("Posted in Seminar 2", "Tagged oxford, seminar-2"; link/seminar.py
    # filed_signals), the words after the label
    filed: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Origin:
    """Where a document was found: a source file, a line range in it and, for a PDF or
    PowerPoint file, the pages (or slides) that range is on."""

    source: str
    lines: tuple[int, int]
    pages: tuple[int, int] | None = None


PageUnit = Literal["", "page", "slide"]
#: Files read by a library of their own (load/pdf.py, pptx.py, docx.py), not decoded as
#: text: their lines are the paragraphs of the text extracted from them.
FILE_SUFFIXES = (".pdf", ".pptx", ".docx")


def page_unit(source: str) -> PageUnit:
    """What ``Line.page`` counts in a source (a path relative to the sources folder):
    the slides of a ``.pptx`` deck or of a PDF in ``slides/``, the pages of another PDF,
    nothing ('') for a text, a web page or a Word file."""
    name = source.lower()
    if name.endswith(".pptx") or (name.endswith(".pdf") and name.startswith("slides/")):
        return "slide"
    return "page" if name.endswith(".pdf") else ""


@dataclass(frozen=True)
class Evidence:
    """Why the link stage made a link: the rule that fired and the passage it read."""

    rule: str  # e.g. "seminar-number", "seminar-date", "byline", "programme"
    text: str  # the passage, as it stands in the text
    source: str  # source file (relative to the sources folder)
    line: int  # line in that file


@dataclass(frozen=True)
class Mention:
    """A person or concept named in a document, with the sentence it stands in."""

    target: Literal["person", "concept"]
    id: str
    text: str  # the words as they stand in the text ("Joe", "weak ties")
    sentence: str
    line: int  # line of origins[0].source


@dataclass(frozen=True)
class Filing:
    """Where one copy of a document was found: the lines heading its page
    (:attr:`Post.context`) and the categories and tags it is filed under (:attr:`Post.filed`).
    A tag page's excerpt lacks the entry footer its own page has; another copy may hold it."""

    source: str
    context: tuple[Line, ...] = ()
    filed: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Document:
    """One distinct post, however many times it was found."""

    id: str
    title: str
    title_derived: bool
    kind: Kind
    bylines: tuple[str, ...]
    blocks: tuple[Block, ...]
    origins: tuple[Origin, ...]  # origins[0] is the canonical copy
    date: str | None = None
    url: str | None = None
    meta: tuple[tuple[str, str], ...] = ()
    owner: Owner | None = None  # the page's owner, when the byline is theirs (not in blocks)
    # where each copy was found: its page's heading and its categories and tags (canonical
    # copy first; copies with neither left out)
    filings: tuple[Filing, ...] = ()
    authors: tuple[str, ...] = ()  # person ids
    people: tuple[str, ...] = ()  # person ids
    concepts: tuple[str, ...] = ()  # concept ids
    seminar: int | None = None
    seminar_evidence: tuple[Evidence, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Fact:
    """A fact about a seminar and the address where it was published."""

    name: str  # "date", "venue", "title", ...
    value: str
    source: str  # URL, or "sources/<path>:<line>" for a fact read in a source
    note: str = ""  # why the registry records it (e.g. what a disagreement is about)


@dataclass(frozen=True)
class Talk:
    title: str
    speakers: tuple[str, ...]  # person ids
    seminar: int | None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Seminar:
    number: int
    title: str | None
    titles: tuple[str, ...]  # every title it was announced under
    date: str | None  # ISO 8601
    venue: str | None
    facts: tuple[Fact, ...]  # where each fact comes from, disagreements included
    documents: tuple[str, ...] = ()  # document ids
    speakers: tuple[str, ...] = ()  # person ids
    talks: tuple[Talk, ...] = ()
    # what the series' blog filed its posts under ("Open Dialogue"), each with a fact
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    role: Literal["author", "speaker", "mentioned"]
    document: str | None
    seminar: int | None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    affiliation: str | None
    reviewed: bool  # False: discovered by a rule, not yet accepted into the registry
    documents: tuple[str, ...] = ()
    seminars: tuple[int, ...] = ()
    roles: tuple[Role, ...] = ()
    passages: tuple[Evidence, ...] = ()  # where each registry fact (or the discovery) comes from


@dataclass(frozen=True)
class Concept:
    id: str
    term: str
    aliases: tuple[str, ...]
    definition: str
    definition_source: str  # the passage the definition rests on
    related: tuple[str, ...] = ()  # concept ids
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Linked:
    """The output of the link stage: documents and the entities they link to."""

    documents: tuple[Document, ...]
    seminars: tuple[Seminar, ...] = ()
    people: tuple[Person, ...] = ()
    concepts: tuple[Concept, ...] = ()
    series: tuple[Fact, ...] = ()  # facts about the series as a whole
