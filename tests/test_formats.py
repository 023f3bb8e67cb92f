"""PDF, PowerPoint and Word sources, end to end, on files the tests build (tests/formats.py).

Each fixture knows every passage a reader sees, in reading order, with its page or
slide; the pipeline must give each once, in that order, on that page, and nothing of the
running heads, footers, comments or deleted text.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.formats import (
    COVER,
    DECK,
    DOC_INSERTED,
    Built,
    Passage,
    article_pdf,
    deck_pdf,
    deck_pptx,
    deck_transcript,
    notes_docx,
)
from tools.ingest.errors import InputError
from tools.ingest.load import load_sources
from tools.ingest.pipeline import Options, run, stages
from tools.ingest.records import Block, Document, Post
from tools.ingest.render.places import span

ROOT = Path(__file__).resolve().parent.parent
DASH = "\u2013"  # pages and lines are shown as ranges with an en dash
KINDS = {"slide": "slide", "item": "item", "footnote": "footnote", "reference": "reference"}


def tree(tmp_path: Path, seeds: bool = False) -> Path:
    """An empty sources folder; or, for a run of every stage (the registries cite them),
    a copy of the project's sources."""
    root = tmp_path / "sources"
    if seeds:
        shutil.copytree(ROOT / "sources", root)
    for folder in ("blog", "slides", "articles"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    return root


def posts(root: Path) -> tuple[Post, ...]:
    made = stages(Options(sources=root), "split")
    assert made.posts is not None
    return made.posts


def documents(root: Path) -> tuple[Document, ...]:
    made = stages(Options(sources=root), "dedupe")
    assert made.deduped is not None
    return made.deduped.documents


def assert_in_order(blocks: Sequence[Block], passages: Sequence[Passage]) -> None:
    """Each passage is the text of one block, in order, with the passage's pages; a
    passage of a special kind (slide, item, footnote, reference) is a block of it."""
    at = 0
    for passage in passages:
        found = next((i for i in range(at, len(blocks)) if blocks[i].text == passage.text), None)
        assert found is not None, f"not found after block {at}: {passage.text!r}"
        block = blocks[found]
        if passage.pages != (0, 0):
            assert block.pages == passage.pages, (passage.text, block.pages)
        if passage.kind in KINDS:
            assert block.kind == KINDS[passage.kind], (passage.text, block.kind)
        if passage.kind == "heading":
            assert block.kind == "heading", passage.text
        if passage.label:
            assert block.label == passage.label, passage.text
        at = found + 1
    texts = [block.text for block in blocks]
    for passage in passages:
        assert sum(passage.text in text for text in texts) == 1, passage.text


def assert_absent(blocks: Sequence[Block], built: Built) -> None:
    for text in built.absent:
        assert not any(text in block.text for block in blocks), text


def test_an_article_pdf_reads_in_order_with_its_pages(tmp_path: Path) -> None:
    root = tree(tmp_path)
    built = article_pdf(root / "articles" / "okafor-2016.pdf")
    assert built.hyphenated == ["organisational", "Co-production"]  # both line ends exist
    (post,) = posts(root)
    assert post.title == "Sharing the work of recovery: co-production in community teams"
    assert post.bylines == ("Ada Okafor", "Per Lindqvist")
    body = [p for p in built.passages if p.text not in COVER and p.kind != "title"]
    assert_in_order(post.blocks, body)
    assert_absent(post.blocks, built)
    assert all(block.pages for block in post.blocks)
    joined = " ".join(block.text for block in post.blocks)
    assert "organisational" in joined
    assert "Co-production takes" in joined
    assert "organi-" not in joined
    assert "Co production" not in joined
    meta = dict(post.meta)  # the cover page, read as facts and not shown as text
    assert meta["journal"] == "Journal of Practice Studies"
    assert meta["year"] == "2016"
    assert not any(line in joined for line in COVER)


def test_a_paragraph_cut_by_a_page_is_whole_and_its_footnote_follows(tmp_path: Path) -> None:
    root = tree(tmp_path)
    built = article_pdf(root / "articles" / "okafor-2016.pdf")
    (post,) = posts(root)
    running = next(p for p in built.passages if p.pages == (2, 3))
    index = next(i for i, b in enumerate(post.blocks) if b.text == running.text)
    assert post.blocks[index].pages == (2, 3)
    assert "²" in post.blocks[index].text
    note = post.blocks[index + 1]
    assert (note.kind, note.label, note.pages) == ("footnote", "2", (2, 2))


def test_a_deck_pdf_is_one_slide_a_page(tmp_path: Path) -> None:
    root = tree(tmp_path)
    built = deck_pdf(root / "slides" / "haddad-2017.pdf")
    (post,) = posts(root)
    assert post.title == DECK[0].title
    assert_in_order(post.blocks, built.passages)
    assert_absent(post.blocks, built)
    slides = [b for b in post.blocks if b.kind == "slide"]
    assert [b.label for b in slides] == ["1", "2", "3", "4"]
    assert [b.pages for b in slides] == [(1, 1), (2, 2), (3, 3), (4, 4)]


def test_a_pptx_keeps_notes_and_alt_text_on_their_slides(tmp_path: Path) -> None:
    root = tree(tmp_path)
    built = deck_pptx(root / "slides" / "haddad-2017.pptx")
    (post,) = posts(root)
    assert_in_order(post.blocks, built.passages)
    for number, notes in built.notes.items():
        (block,) = [b for b in post.blocks if b.text == notes]
        assert (block.kind, block.pages) == ("notes", (number, number))
    for number, alt in built.alt.items():
        (block,) = [b for b in post.blocks if b.text == alt]
        assert (block.kind, block.pages) == ("image", (number, number))
    kinds = [b.kind for b in post.blocks if b.pages == (2, 2)]  # notes come last
    assert kinds[0] == "slide"
    assert kinds[-1] == "notes"


def test_a_docx_keeps_structure_and_publishes_no_comment_or_deletion(tmp_path: Path) -> None:
    root = tree(tmp_path)
    built = notes_docx(root / "blog" / "carers-forum.docx")
    (post,) = posts(root)
    assert post.title == "Notes from the carers' forum"
    assert_in_order(post.blocks, [p for p in built.passages if p.kind != "title"])
    assert_absent(post.blocks, built)
    assert any(DOC_INSERTED in block.text for block in post.blocks)
    assert all(block.pages is None for block in post.blocks)


def test_a_deck_and_its_transcript_are_one_document_with_both_origins(tmp_path: Path) -> None:
    root = tree(tmp_path)
    deck_pptx(root / "slides" / "haddad-2017.pptx")
    (root / "slides" / "haddad-2017-transcript.txt").write_text(deck_transcript())
    (document,) = documents(root)
    sources = [origin.source for origin in document.origins]
    assert sorted(sources) == ["slides/haddad-2017-transcript.txt", "slides/haddad-2017.pptx"]
    pptx = next(o for o in document.origins if o.source.endswith(".pptx"))
    text = next(o for o in document.origins if o.source.endswith(".txt"))
    assert pptx.pages == (1, 4)
    assert text.pages is None


def test_pages_are_shown_on_the_page_and_recorded_in_the_catalog(tmp_path: Path) -> None:
    root = tree(tmp_path, seeds=True)
    article_pdf(root / "articles" / "okafor-2016.pdf")
    deck_pptx(root / "slides" / "haddad-2017.pptx")
    (root / "slides" / "haddad-2017-transcript.txt").write_text(deck_transcript())
    out = tmp_path / "out"
    run(Options(sources=root, out=out))
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    origins = {o["source"]: o for d in catalog["documents"] for o in d["origins"]}
    assert origins["articles/okafor-2016.pdf"]["pages"] == [2, 4]
    assert origins["slides/haddad-2017.pptx"]["slides"] == [1, 4]
    assert set(origins["slides/haddad-2017-transcript.txt"]) == {"source", "lines"}
    article = out / "documents" / "sharing-the-work-of-recovery-co-production-in-community.md"
    page = article.read_text(encoding="utf-8")
    assert f"okafor\\-2016\\.pdf\\, pages 2{DASH}4" in page
    badges = [line for line in page.splitlines() if line.startswith("{bdg-secondary-line}")]
    assert badges == [
        "{bdg-secondary-line}`page 2`",
        f"{{bdg-secondary-line}}`pages 2{DASH}3`",
    ]
    deck = (out / "documents" / "peer-support-in-crisis-teams.md").read_text(encoding="utf-8")
    assert f"haddad\\-2017\\.pptx\\, slides 1{DASH}4" in deck
    assert "## Slide 2: Why peer support" in deck
    assert deck.count(":::{admonition} Speaker notes") == 3
    assert "*Image:* A bar chart of referrals rising over two years" in deck


@pytest.mark.parametrize(
    ("source", "lines", "pages", "shown"),
    [
        ("blog/a.txt", (3, 9), None, f"lines 3{DASH}9"),
        ("blog/a.txt", (3, 3), None, "line 3"),
        ("articles/a.pdf", (3, 9), (2, 2), "page 2"),
        ("articles/a.pdf", (3, 9), (2, 5), f"pages 2{DASH}5"),
        ("slides/a.pdf", (3, 9), (4, 4), "slide 4"),
        ("slides/a.pptx", (3, 9), (1, 12), f"slides 1{DASH}12"),
        ("blog/a.docx", (3, 9), None, f"paragraphs 3{DASH}9"),
    ],
)
def test_where_a_passage_stands(
    source: str, lines: tuple[int, int], pages: tuple[int, int] | None, shown: str
) -> None:
    assert span(source, lines, pages) == shown


def encrypted_pdf(path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), encrypt="secret")
    canvas.drawString(72, 720, "A secret text.")
    canvas.save()


def scanned_pdf(path: Path) -> None:
    """A page with only a picture on it, as a scanner makes."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    picture = io.BytesIO()
    Image.new("L", (40, 40), 230).save(picture, format="PNG")
    picture.seek(0)
    canvas = Canvas(str(path))
    canvas.drawImage(ImageReader(picture), 72, 500, 200, 200)
    canvas.save()


def zip_bomb(path: Path) -> None:
    """A .docx whose one part unpacks to a thousand times its packed size."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 10_000_000)


def cut_short(path: Path, data: bytes) -> None:
    path.write_bytes(data[: len(data) // 2])


BAD = [
    ("articles/secret.pdf", encrypted_pdf, "the PDF is encrypted (it needs a password)"),
    ("articles/scan.pdf", scanned_pdf, "no text layer: run OCR first"),
    ("blog/bomb.docx", zip_bomb, "would unpack to 10000000 bytes"),
]


@pytest.mark.parametrize(("name", "make", "message"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_is_a_problem_on_its_line(
    tmp_path: Path, name: str, make: object, message: str
) -> None:
    root = tree(tmp_path)
    make(root / name)  # type: ignore[operator]
    with pytest.raises(InputError) as raised:
        load_sources(root)
    (problem,) = raised.value.problems
    assert problem.path == (root / name).as_posix()
    assert problem.line == 1
    assert message in problem.message


def test_a_damaged_deck_fails_the_run_with_no_traceback_and_keeps_the_output(
    tmp_path: Path,
) -> None:
    root = tree(tmp_path, seeds=True)
    deck = root / "slides" / "haddad-2017.pptx"
    deck_pptx(deck)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "tools.ingest", "--sources", str(root), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    cut_short(deck, deck.read_bytes())
    second = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert second.returncode != 0
    assert "Traceback" not in second.stderr + second.stdout
    assert f"{deck.as_posix()}:1: this PowerPoint deck is damaged" in second.stderr
    after = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert after == before


def test_runs_are_byte_identical_and_skipped_when_nothing_changed(tmp_path: Path) -> None:
    root = tree(tmp_path, seeds=True)
    article_pdf(root / "articles" / "okafor-2016.pdf")
    notes_docx(root / "blog" / "carers-forum.docx")
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(Options(sources=root, out=one)).outcome is not None
    assert run(Options(sources=root, out=two)).outcome is not None
    assert run(Options(sources=root, out=one)).outcome is None  # nothing changed
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for name in files:
        if name.name != ".ingest-state.json":
            assert (one / name).read_bytes() == (two / name).read_bytes(), name
    (root / "articles" / "okafor-2016.pdf").write_bytes(b"%PDF-1.4\n")  # a changed source
    with pytest.raises(InputError):
        run(Options(sources=root, out=one))


def test_many_files_load_the_same_on_every_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree(tmp_path)
    for n in range(36):  # more than parallel.MIN_FILES, so that the load stage forks
        deck_pdf(root / "slides" / f"deck-{n:02}.pdf", DECK[n % 4 :][:1])
    monkeypatch.setenv("KB_WORKERS", "2")
    spread = load_sources(root)
    monkeypatch.setenv("KB_WORKERS", "1")
    assert load_sources(root) == spread
    assert spread[5].lines[0].page == 1
    assert spread[5].lines[0].hint == "slide"
