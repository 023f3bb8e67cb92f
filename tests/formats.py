"""Fixture files in the formats contributors have: built by the tests, never checked in.

Each builder writes one file with a writer library of the test group (reportlab for PDF)
or the library the pipeline reads it with (python-pptx, python-docx), and returns what a
reader of that file sees: every passage in reading order, with the page or slide it is
on. The tests compare the pipeline's blocks with that; ``tests/measure_pdf.py`` measures
how close each PDF library comes to it.

* :func:`article_pdf`: a repository cover sheet, then a two-column article with a title,
  running heads, page numbers, footnotes, words hyphenated at line ends, paragraphs that
  run on over a column and a page, and a one-column last page with its references.
* :func:`deck_pdf`: a slide deck printed to PDF, one slide a page, with a footer.
* :func:`deck_pptx`: a deck with speaker notes, a picture with alt text and a text box.
* :func:`notes_docx`: a Word document with headings, lists, a comment, a tracked
  insertion and deletion, and a page header.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

PassageKind = Literal["title", "heading", "paragraph", "item", "footnote", "reference", "slide"]


@dataclass(frozen=True)
class Passage:
    """A passage as a reader sees it, and the pages (or slides) it is on."""

    kind: PassageKind
    text: str
    pages: tuple[int, int]
    label: str = ""


@dataclass
class Built:
    """What a builder wrote: the passages in reading order, and text that must not appear."""

    passages: list[Passage] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # heads, footers, comments, deletions
    hyphenated: list[str] = field(default_factory=list)  # words broken at a line end
    notes: dict[int, str] = field(default_factory=dict)  # speaker notes by slide
    alt: dict[int, str] = field(default_factory=dict)  # alt text by slide

    def text(self) -> str:
        """The known text in reading order, a passage a line (what the measures compare);
        a footnote starts with its number, as a reader sees it ("¹ The term ...")."""
        return "\n".join(
            f"{p.label.translate(_SUPERSCRIPT)} {p.text}" if p.kind == "footnote" else p.text
            for p in self.passages
        )


# --- The article --------------------------------------------------------------------

COVER = (
    "Northfield Research Online",
    "Article (Accepted version)",
    "(Refereed)",
    "Original citation: Okafor, Ada and Lindqvist, Per (2016) Sharing the work of recovery: "
    "co-production in community teams. Journal of Practice Studies, 14 (2). pp. 101-104. "
    "ISSN 1234-5678",
    "This version available at: http://research.example.org/4417/",
    "Available in Northfield Research Online: March 2017",
)
TITLE = "Sharing the work of recovery: co-production in community teams"
AUTHORS = "Ada Okafor and Per Lindqvist"
HEADS = ("Journal of Practice Studies, 14 (2)", "Okafor and Lindqvist")
DOWNLOADED = "Downloaded from research.example.org by a reader on 1 March 2017"
#: "~" marks where a word may be broken at a line end (a soft hyphen); a word with a real
#: hyphen may be broken after it. "{1}" is the marker of footnote 1.
BODY: tuple[tuple[str, str], ...] = (
    ("heading", "Introduction"),
    (
        "paragraph",
        "Community mental health teams have talked about co-production for more than a "
        "decade, yet the phrase still means different things to different people. For some "
        "it names a way of running meetings; for others it is a promise that people who use "
        "services will share decisions about money, staffing and the shape of care.{1} This "
        "article follows three teams over eighteen months and asks what changed in their "
        "daily work once co-production became an explicit aim of their organi~sational plan.",
    ),
    (
        "paragraph",
        "We were interested less in formal structures than in ordinary moments: who spoke "
        "first at a review, who wrote the minutes, and whose account of a crisis was "
        "written into the notes. Those moments are where profes~sional habits either "
        "loosen or hold firm, and they are rarely recorded anywhere else.",
    ),
    ("heading", "Method"),
    (
        "paragraph",
        "Two researchers, one of whom has used mental health services for many years, "
        "joined team meetings as observers and held conversations with forty-one staff "
        "members and twenty-six people using the teams. We kept field notes by hand and "
        "typed them up within a day. Every quotation in this article was read back to the "
        "person who said it, and three people asked for their words to be changed before "
        "publication. Analysis was done together with a reference group of five peer "
        "workers who met monthly throughout the study and challenged our first readings of "
        "the material.",
    ),
    ("heading", "Findings"),
    (
        "paragraph",
        "The clearest change was in the language of the teams. Staff stopped speaking of "
        "patients who engage and began to describe people who had chosen not to come back, "
        "which opened a conversation about what the service had offered them. The reference "
        "group called this the difference between compliance and invitation.",
    ),
    (
        "paragraph",
        "A second change concerned time. Co-production takes longer at the start: a care "
        "plan written together may need three meetings instead of one.{2} Managers in two "
        "teams protected that time by moving administrative tasks to a shared rota, and "
        "both teams reported fewer missed appointments within six months. The third team "
        "had no such protection, and its staff described co-production as one more "
        "demand on an overstretched day.",
    ),
    (
        "paragraph",
        "Peer workers held the changes together. They translated between clinical and "
        "everyday language, noticed when a meeting had drifted back into old patterns and "
        "said so, and carried knowledge from one team to another. Their contracts, however, "
        "were the shortest and least secure of anyone in the study.",
    ),
    ("heading", "Discussion"),
    (
        "paragraph",
        "Our findings suggest that co-production is sustained by small, repeated "
        "arrangements rather than by a single policy. Where those arrangements were "
        "protected, people using services described being listened to in a way that "
        "changed decisions; where they were not, the word remained on posters. We end with "
        "a plea to commissioners to fund peer roles on the same terms as other posts.",
    ),
    (
        "paragraph",
        "The study has limits. Three teams in one region cannot stand for a national "
        "picture, and the teams that agreed to take part were those already curious about "
        "the idea. A team that had refused might have told a different story, and we "
        "would like to hear it. Future work should follow people who left services as "
        "well as those who stayed, since their reasons for leaving may say most about "
        "what was offered.",
    ),
    ("heading", "Acknowledgements"),
    (
        "paragraph",
        "We thank the members of the reference group, who gave their time and their "
        "judgement, and the staff of the three teams, who let us watch them at work on "
        "difficult days as well as good ones.",
    ),
    ("references", "References"),
    (
        "reference",
        "Barnes, M. and Cotterell, P. (2012) Critical Perspectives on User Involvement. "
        "Bristol: Policy Press.",
    ),
    (
        "reference",
        "Boyle, D. and Harris, M. (2009) The Challenge of Co-production. London: Nesta.",
    ),
    (
        "reference",
        "Slay, J. and Stephens, L. (2013) Co-production in Mental Health: A Literature "
        "Review. London: New Economics Foundation.",
    ),
)
FOOTNOTES = {
    "1": "We use the term as the teams used it, without settling on one definition.",
    "2": "Names and some details have been changed so that no team or person can be recognised.",
}
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_MARK = re.compile(r"\{(\d+)\}")


@dataclass
class _Frame:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    y: float = 0.0

    def __post_init__(self) -> None:
        self.y = self.top


@dataclass
class _Op:
    """One thing drawn on a page: text at (x, y) in a font, optionally raised."""

    x: float
    y: float
    text: str
    font: str
    size: float


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))


def _words(text: str) -> list[str]:
    return text.split()


def _shown(word: str) -> str:
    """A word as the reader sees it: soft hyphens gone, footnote marks superscript."""
    return _MARK.sub(lambda m: m.group(1).translate(_SUPERSCRIPT), word.replace("~", ""))


def _breaks(word: str) -> Iterator[tuple[str, str]]:
    """Where a word may be broken at a line end: (head as printed with its hyphen, rest)."""
    for at, char in enumerate(word):
        if char == "~":
            yield word[:at] + "-", word[at + 1 :]
        elif char == "-" and 0 < at < len(word) - 1:
            yield word[: at + 1], word[at + 1 :]


class _Flow:
    """Lays words out line by line into frames (columns), recording pages and breaks."""

    def __init__(self, frames: Iterator[_Frame], font: str, size: float, leading: float):
        self.frames = frames
        self.frame = next(frames)
        self.font, self.size, self.leading = font, size, leading
        self.ops: dict[int, list[_Op]] = {}
        self.notes: dict[int, list[str]] = {}  # footnote labels by page
        self.hyphenated: list[str] = []

    def room(self) -> None:
        if self.frame.y - self.leading < self.frame.bottom:
            self.frame = next(self.frames)

    def space(self, points: float) -> None:
        if self.frame.y != self.frame.top:
            self.frame.y -= points

    def line(self, words: Sequence[str], indent: float, font: str) -> None:
        """Draw one line of words; footnote marks as raised small digits."""
        self.room()
        self.frame.y -= self.leading
        page, x, y = self.frame.page, self.frame.x0 + indent, self.frame.y
        ops = self.ops.setdefault(page, [])
        text = " ".join(words).replace("~", "")
        for part in re.split(r"(\{\d+\})", text):  # a run of text, a raised mark, ...
            mark = _MARK.fullmatch(part)
            if mark:
                ops.append(_Op(x, y + self.size * 0.38, mark.group(1), font, self.size * 0.6))
                x += _width(mark.group(1), font, self.size * 0.6)
                self.notes.setdefault(page, []).append(mark.group(1))
            elif part:
                ops.append(_Op(x, y, part, font, self.size))
                x += _width(part, font, self.size)

    def paragraph(self, text: str, first: float, rest: float, font: str) -> tuple[int, int]:
        """Flow a paragraph; return the first and last page it is on."""
        words = _words(text)
        width = self.frame.x1 - self.frame.x0
        line: list[str] = []
        indent = first
        pages: list[int] = []

        def emit(last: bool = False) -> None:
            nonlocal line, indent
            self.room()
            pages.append(self.frame.page)
            self.line(line, indent, font)
            line, indent = [], rest

        while words:
            word = words.pop(0)
            trial = " ".join([*line, word])
            clean = _MARK.sub(lambda m: m.group(1), trial.replace("~", ""))
            if indent + _width(clean, font, self.size) <= width:
                line.append(word)
                continue
            used = _width(_MARK.sub("", " ".join(line).replace("~", "")), font, self.size)
            fits = [
                (head, tail)
                for head, tail in _breaks(word)
                if indent + used + _width(" " + head.replace("~", ""), font, self.size) <= width
            ]
            if fits and line:
                head, tail = fits[-1]
                line.append(head)
                self.hyphenated.append(_shown(word))
                words.insert(0, tail)
            elif not line:
                line.append(word)
                continue
            else:
                words.insert(0, word)
            emit()
        if line:
            emit(last=True)
        return pages[0], pages[-1]


def article_pdf(path: Path) -> Built:
    """Write the article (A5 pages) to ``path``; return what a reader sees, page by page."""
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen.canvas import Canvas

    width, height = A5
    margin, gutter = 40.0, 16.0
    column = (width - 2 * margin - gutter) / 2
    body_top, body_bottom = height - 70, 112.0
    built = Built(absent=[*HEADS, "101", "102", "103", "104", "Downloaded from"])
    built.passages += [Passage("paragraph", line, (1, 1)) for line in COVER]

    def frames() -> Iterator[_Frame]:
        yield _Frame(2, margin, margin + column, body_top - 62, body_bottom)
        yield _Frame(2, margin + column + gutter, width - margin, body_top - 62, body_bottom)
        yield _Frame(3, margin, margin + column, body_top, body_bottom)
        yield _Frame(3, margin + column + gutter, width - margin, body_top, body_bottom)
        page = 4
        while True:
            yield _Frame(page, margin, width - margin, body_top, 60)
            page += 1

    flow = _Flow(frames(), "Times-Roman", 9.5, 12.0)
    after_heading = True
    for kind, text in BODY:
        if kind in ("heading", "references"):
            if kind == "references":  # the references start a one-column page
                while flow.frame.page < 4:
                    flow.frame = next(flow.frames)
            flow.space(8)
            pages = flow.paragraph(text, 0, 0, "Times-Bold")
            built.passages.append(Passage("heading", text, pages))
            after_heading = True
            continue
        if kind == "reference":
            pages = flow.paragraph(text, 0, 14, "Times-Roman")
        else:
            pages = flow.paragraph(text, 0 if after_heading else 12, 0, "Times-Roman")
        shown = " ".join(_shown(w) for w in _words(text))
        built.passages.append(Passage(kind, shown, pages))  # type: ignore[arg-type]
        after_heading = False
    built.hyphenated = flow.hyphenated
    _place_footnotes(built, {n: page for page, ns in flow.notes.items() for n in ns})

    canvas = Canvas(str(path), pagesize=A5, invariant=True)
    canvas.setTitle("Microsoft Word - okafor_final_v3.docx")
    y = height - 90
    for line in COVER:  # the cover sheet, one line each (wrapped if long)
        for part in _wrap(line, "Helvetica", 9, width - 2 * margin):
            canvas.setFont("Helvetica", 9)
            canvas.drawString(margin, y, part)
            y -= 13
        y -= 9
    canvas.showPage()
    last = max(flow.ops)
    for page in range(2, last + 1):
        canvas.setFont("Helvetica", 7.5)
        head = HEADS[page % 2]
        if page % 2:
            canvas.drawRightString(width - margin, height - 36, head)
        else:
            canvas.drawString(margin, height - 36, head)
        canvas.drawCentredString(width / 2, 30, str(page + 99))
        canvas.saveState()  # a line up the margin, as journal sites stamp their PDFs
        canvas.translate(24, 160)
        canvas.rotate(90)
        canvas.drawString(0, 0, DOWNLOADED)
        canvas.restoreState()
        if page == 2:
            y = height - 92
            for part in _wrap(TITLE, "Times-Bold", 15, width - 2 * margin):
                canvas.setFont("Times-Bold", 15)
                canvas.drawString(margin, y, part)
                y -= 18
            canvas.setFont("Times-Italic", 10)
            canvas.drawString(margin, y - 4, AUTHORS)
        for op in flow.ops.get(page, []):
            canvas.setFont(op.font, op.size)
            canvas.drawString(op.x, op.y, op.text)
        labels = flow.notes.get(page, [])
        y = body_bottom - 16
        if labels:
            canvas.setLineWidth(0.5)
            canvas.line(margin, body_bottom - 6, margin + 60, body_bottom - 6)
        for label in labels:
            canvas.setFont("Times-Roman", 5)
            canvas.drawString(margin, y + 3, label)
            for part in _wrap(FOOTNOTES[label], "Times-Roman", 7.5, width - 2 * margin - 6):
                canvas.setFont("Times-Roman", 7.5)
                canvas.drawString(margin + 6, y, part)
                y -= 9.5
        canvas.showPage()
    canvas.save()
    built.passages.insert(len(COVER), Passage("title", TITLE, (2, 2)))
    built.passages.insert(len(COVER) + 1, Passage("paragraph", AUTHORS, (2, 2)))
    built.notes = {}
    return built


def _place_footnotes(built: Built, pages: dict[str, int]) -> None:
    """Put each footnote after the paragraph its marker is in (where a reader reads it),
    on the page its marker is on."""
    out: list[Passage] = []
    for passage in built.passages:
        out.append(passage)
        for label in re.findall("[¹²³⁴⁵⁶⁷⁸⁹]", passage.text):
            number = label.translate(str.maketrans("¹²³⁴⁵⁶⁷⁸⁹", "123456789"))
            page = pages[number]
            out.append(Passage("footnote", FOOTNOTES[number], (page, page), number))
    built.passages = out


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and _width(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


# --- The deck ------------------------------------------------------------------------


@dataclass(frozen=True)
class Slide:
    """A slide as its author wrote it: title, bullets, speaker notes, a picture's alt."""

    title: str
    bullets: tuple[str, ...] = ()
    notes: str = ""
    alt: str = ""


DECK = (
    Slide(
        "Peer support in crisis teams",
        ("Seminar 5, Sheffield", "Mira Haddad, peer support worker"),
        notes="Welcome everyone and thank the hosts before starting.",
    ),
    Slide(
        "Why peer support",
        (
            "People in crisis want to meet someone who has been there",
            "Shared experience builds trust faster than a job title",
            "Peer workers notice what the service takes for granted",
        ),
        notes="Tell the story of the first night shift, without names.",
        alt="A bar chart of referrals rising over two years",
    ),
    Slide(
        "What we changed",
        (
            "A peer worker on every crisis shift",
            "Plans written with the person, not about them",
            "Supervision from other peer workers",
        ),
    ),
    Slide(
        "What is still hard",
        (
            "Short contracts and low pay",
            "Being asked to act as a clinician on busy nights",
        ),
        notes="Ask the audience how their teams handle this.",
    ),
)
DECK_FOOTER = "Seminar 5: Sheffield, March 2017"


def deck_pdf(path: Path, deck: Sequence[Slide] = DECK) -> Built:
    """A deck printed to PDF (16:9, one slide a page, a footer and a slide number)."""
    from reportlab.pdfgen.canvas import Canvas

    width, height = 720.0, 405.0
    canvas = Canvas(str(path), pagesize=(width, height), invariant=True)
    built = Built(absent=[DECK_FOOTER])
    for number, slide in enumerate(deck, start=1):
        canvas.setFont("Helvetica-Bold", 28)
        canvas.drawString(48, height - 70, slide.title)
        built.passages.append(Passage("slide", slide.title, (number, number), str(number)))
        y = height - 130
        for bullet in slide.bullets:
            canvas.setFont("Helvetica", 18)
            canvas.drawString(60, y, "\u2022")
            canvas.drawString(80, y, bullet)
            built.passages.append(Passage("item", bullet, (number, number)))
            y -= 34
        canvas.setFont("Helvetica", 9)
        canvas.drawString(48, 20, DECK_FOOTER)
        canvas.drawRightString(width - 48, 20, str(number))
        canvas.showPage()
    canvas.save()
    return built


def deck_pptx(path: Path, deck: Sequence[Slide] = DECK) -> Built:
    """The deck as PowerPoint: title and content slides, notes, a picture with alt text."""
    from PIL import Image
    from pptx import Presentation
    from pptx.util import Inches, Pt

    presentation = Presentation()
    built = Built()
    for number, slide in enumerate(deck, start=1):
        layout = presentation.slide_layouts[1]  # "Title and Content"
        page = presentation.slides.add_slide(layout)
        assert page.shapes.title is not None
        page.shapes.title.text = slide.title
        built.passages.append(Passage("slide", slide.title, (number, number), str(number)))
        body = page.placeholders[1].text_frame
        for n, bullet in enumerate(slide.bullets):
            paragraph = body.paragraphs[0] if n == 0 else body.add_paragraph()
            paragraph.text = bullet
            built.passages.append(Passage("item", bullet, (number, number)))
        if slide.alt:
            picture = io.BytesIO()
            Image.new("RGB", (8, 8), (200, 80, 40)).save(picture, format="PNG")
            picture.seek(0)
            shape = page.shapes.add_picture(picture, Inches(7), Inches(5.5), Inches(1))
            shape._element.nvPicPr.cNvPr.set("descr", slide.alt)
            built.alt[number] = slide.alt
        if slide.notes:
            page.notes_slide.notes_text_frame.text = slide.notes
            built.notes[number] = slide.notes
        if number == 2:  # a text box: a paragraph, not a list item
            box = page.shapes.add_textbox(Inches(0.5), Inches(6.8), Inches(8), Inches(0.4))
            box.text_frame.text = "Source: crisis team records, 2015 to 2017"
            box.text_frame.paragraphs[0].runs[0].font.size = Pt(10)
            built.passages.append(
                Passage("paragraph", "Source: crisis team records, 2015 to 2017", (2, 2))
            )
    presentation.save(str(path))
    return built


def deck_transcript(deck: Sequence[Slide] = DECK) -> str:
    """The deck as a slide site's transcript page saved as text (see the seed's shape)."""
    lines = [
        "crisis-peer-support.pdf",
        "",
        "Sheffield Peer Network",
        "March 9, 2017",
        "",
        "Transcript",
        "",
    ]
    for number, slide in enumerate(deck, start=1):
        bullets = "".join(f" \u2022 {b}" for b in slide.bullets)
        lines.append(f"  {number}. {slide.title}{bullets}")
    return "\n".join(lines) + "\n"


# --- The Word document ---------------------------------------------------------------

DOC_TITLE = "Notes from the carers' forum"
DOC_HEADER = "DRAFT: not for circulation"
DOC_COMMENT = "Check this figure with Sam before we publish"
DOC_DELETED = "twelve carers came, though two left early"
DOC_INSERTED = "Fourteen carers came"


def notes_docx(path: Path) -> Built:
    """A Word document: title, headings, a bulleted and a numbered list, a comment, a
    tracked insertion and deletion (written as raw XML), and a page header."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = DOC_HEADER
    built = Built(absent=[DOC_HEADER, DOC_COMMENT, DOC_DELETED])
    document.add_paragraph(DOC_TITLE, style="Title")
    built.passages.append(Passage("title", DOC_TITLE, (0, 0)))

    def add(kind: PassageKind, text: str, style: str | None = None) -> Any:
        paragraph = document.add_paragraph(text, style=style)
        built.passages.append(Passage(kind, text, (0, 0)))
        return paragraph

    add("heading", "Who came", "Heading 1")
    first = add("paragraph", "The forum met in the library on a wet Tuesday evening. ")
    # A tracked change: the deletion is not published, the insertion is.
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    first._p.append(
        parse_xml(
            f'<w:del {w} w:id="1" w:author="Sam" w:date="2017-03-01T10:00:00Z">'
            f"<w:r><w:delText>{DOC_DELETED}</w:delText></w:r></w:del>"
        )
    )
    first._p.append(
        parse_xml(
            f'<w:ins {w} w:id="2" w:author="Sam" w:date="2017-03-01T10:00:00Z">'
            f"<w:r><w:t>{DOC_INSERTED}</w:t></w:r></w:ins>"
        )
    )
    first._p.append(parse_xml(f"<w:r {w}><w:t>, and three staff from the trust.</w:t></w:r>"))
    built.passages[-1] = Passage(
        "paragraph",
        f"The forum met in the library on a wet Tuesday evening. {DOC_INSERTED}, "
        "and three staff from the trust.",
        (0, 0),
    )
    commented = add("paragraph", "Most had cared for someone for more than ten years.")
    document.add_comment(commented.runs, text=DOC_COMMENT, author="Ada", initials="A")
    add("heading", "What we asked for", "Heading 2")
    for item in (
        "Carers invited to care plan reviews as a matter of course",
        "A named contact in each team",
        "Information in plain language",
    ):
        add("item", item, "List Bullet")
    add("heading", "Next steps", "Heading 2")
    for item in ("Write to the trust board", "Meet again in June"):
        add("item", item, "List Number")
    add("paragraph", "Thank you to everyone who came and spoke so openly.")
    document.save(str(path))
    return built
