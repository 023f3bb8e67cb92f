"""Table tests of the load stage; the cases are in tests/fixtures/load/*.yaml."""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.ingest.errors import InputError
from tools.ingest.load import NotText, decode, load_sources, text_lines, unescape_entities
from tools.ingest.load.html import extract, load_html_rules
from tools.ingest.records import Sidecar

FIXTURES = Path(__file__).parent / "fixtures" / "load"
BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
}


def cases(name: str) -> list[Any]:
    data = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    return [pytest.param(case, id=case.get("name", "?")) for case in data]


def case_bytes(case: dict[str, Any]) -> bytes:
    """The bytes a case describes (see the header of decode.yaml)."""
    if "latin1" in case:
        data = str(case["latin1"]).encode("latin-1")
    else:
        encoding = case.get("encoding", "utf-8")
        data = str(case["text"]).encode(encoding)
        if case.get("bom"):
            data = BOMS[encoding] + data
    return data * int(case.get("repeat", 1))


@pytest.mark.parametrize("case", cases("decode.yaml"))
def test_decode(case: dict[str, Any]) -> None:
    data = case_bytes(case)
    if "error" in case:
        with pytest.raises(NotText, match=case["error"].replace("(", r"\(").replace(")", r"\)")):
            decode(data, "sources/blog/x.txt")
        return
    text, warnings = decode(data, "sources/blog/x.txt")
    assert text == case["out"]
    assert len(warnings) == len(case["warnings"]), warnings
    for piece, warning in zip(case["warnings"], warnings, strict=True):
        assert piece in warning
        assert warning.startswith("sources/blog/x.txt: ")


@pytest.mark.parametrize("case", cases("lines.yaml"))
def test_line_numbers_match_the_file(case: dict[str, Any]) -> None:
    text, _ = decode(case_bytes(case), "x.txt")
    assert [[line.number, line.text] for line in text_lines(text)] == case["lines"]


def make_tree(root: Path, files: dict[str, Any]) -> None:
    """Write the files of a tree case (see the header of trees.yaml)."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        elif "latin1" in content:
            path.write_bytes(str(content["latin1"]).encode("latin-1"))
        elif "symlink" in content:
            path.symlink_to(content["symlink"])
        elif content.get("dir"):
            path.mkdir()
        elif content.get("fifo"):
            os.mkfifo(path)


@pytest.mark.parametrize("case", cases("trees.yaml"))
def test_load_tree(case: dict[str, Any], tmp_path: Path) -> None:
    make_tree(tmp_path, case["files"])
    root = tmp_path / case.get("root", "")
    options = {"max_bytes": case["max_bytes"]} if "max_bytes" in case else {}
    if "problems" in case:
        with pytest.raises(InputError) as raised:
            load_sources(root, **options)
        got = raised.value.problems
        assert len(got) == len(case["problems"]), "\n".join(map(str, got))
        for (rel, line, piece), problem in zip(case["problems"], got, strict=True):
            assert problem.path == (tmp_path / rel).as_posix()
            assert problem.line == line
            assert piece in problem.message, problem.message
        return
    sources = load_sources(root, **options)
    assert [[s.path, s.kind, len(s.lines)] for s in sources] == case["sources"]
    sidecars = {s.path: s.sidecar for s in sources if s.sidecar != Sidecar()}
    assert sidecars == {path: Sidecar(**fields) for path, fields in case["sidecars"].items()}


@pytest.mark.parametrize("case", cases("html.yaml"))
def test_html(case: dict[str, Any]) -> None:
    html = (FIXTURES / case["file"]).read_text(encoding="utf-8") if "file" in case else case["html"]
    page = extract(html, "blog/page.html", load_html_rules())
    assert [[line.number, line.text, line.hint] for line in page.lines] == case["lines"]
    assert page.title == case["title"]
    assert page.date == case["date"]
    assert len(page.warnings) == case["warnings"]


def test_html_source_gets_title_date_and_line_numbers(tmp_path: Path) -> None:
    """Through load_sources: an HTML file keeps its sourcelines and its page title."""
    make_tree(tmp_path, {"blog/p.html": (FIXTURES / "wordpress-archive.html").read_text()})
    (source,) = load_sources(tmp_path)
    assert source.title == "Seminar notes"
    assert source.date is None  # an archive page has no single date
    assert source.lines[0].number == 22  # the line of <h2 class="entry-title"> on disk


def test_deeply_nested_html_does_not_recurse(tmp_path: Path) -> None:
    depth = 10_000
    page = "<html><body>" + "<div>" * depth + "<p>deep text</p>" + "</div>" * depth
    make_tree(tmp_path, {"blog/deep.html": page + "</body></html>"})
    (source,) = load_sources(tmp_path)
    assert [line.text for line in source.lines] == ["deep text"]


def test_deep_nesting_beside_repeated_items_is_walked_once(tmp_path: Path) -> None:
    """A set of repeated items beside a very deep chain of elements: finding the page's
    other text counts words and headings once per element (no search per element, which
    would be quadratic in the depth), and keeps the deep text."""
    depth = 10_000
    words = "word " * 30
    items = "".join(f'<div class="item"><h3>Item {n}</h3><p>{words}</p></div>' for n in range(3))
    deep = "<div>" * depth + f"<h2>Deep</h2><p>{'deep ' * 70}</p>" + "</div>" * depth
    page = f"<html><body><div class='list'>{items}</div>{deep}</body></html>"
    make_tree(tmp_path, {"blog/deep-list.html": page})
    (source,) = load_sources(tmp_path)
    titles = [line.text for line in source.lines if line.hint == "title"]
    assert titles == ["Item 0", "Item 1", "Item 2", "Deep"]


def test_a_one_megabyte_line_loads(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {
            "blog/big.txt": "word " * 210_000,
            "blog/big2.html": "<article><p>" + "word " * 210_000 + "</p></article>",
        },
    )
    sources = load_sources(tmp_path)
    assert [len(s.lines) for s in sources] == [1, 1]
    assert all(s.lines[0].text.startswith("word word") for s in sources)


RSS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>A seminar series blog</title>
  <description>towards co-production</description>
  <item>
    <title>Coercion, consent and the locked door</title>
    <pubDate>Fri, 14 Jul 2017 09:12:44 +0000</pubDate>
    <dc:creator><![CDATA[Kate Example]]></dc:creator>
    <content:encoded><![CDATA[<p>What does it mean to co-produce care on a locked ward?</p>
<p>Dr Ana Example opened with a frank account.</p>
<p>10.00 Welcome: Dr Kate Example<br />
10.15 Keynote: <em>Who holds the keys?</em> (Dr Ana Example)<br />
11:15&#8211;11:30 Coffee</p>
]]></content:encoded>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Field notes</title>
  <entry>
    <title>Back from York</title>
    <updated>2017-03-10T11:00:00Z</updated>
    <author><name>Zainab Example</name></author>
    <content type="html">&lt;p&gt;Five things we learned in York.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_a_feed_saved_as_xml_is_read_and_other_xml_is_refused(tmp_path: Path) -> None:
    """A blog's feed saved as the browser gives it (``feed.xml``) is a source; an .xml file
    that is no feed is refused with a fix, and the rest of the tree is still read."""
    make_tree(tmp_path, {"blog/feed.xml": RSS, "blog/sitemap.xml": "<urlset><url/></urlset>"})
    with pytest.raises(InputError) as raised:
        load_sources(tmp_path)
    assert [(p.line, p.message) for p in raised.value.problems] == [
        (
            1,
            "a .xml file is read only as a blog's feed (RSS or Atom: its first element <rss> "
            "or <feed>), and this one is not: save the page as .html, or copy its text into "
            "a .txt file",
        )
    ]
    (tmp_path / "blog/sitemap.xml").unlink()
    (feed,) = load_sources(tmp_path)
    assert [line.text for line in feed.lines if line.hint == "title"] == [
        "Coercion, consent and the locked door"
    ]


def test_a_feed_saved_as_text_is_read_as_a_feed(tmp_path: Path) -> None:
    """What a file holds decides how it is read: an RSS feed named .txt gives, per item, its
    title, date, writer and paragraphs, each at its line on disk (a paragraph's rows broken
    by ``<br>`` each at its own line), and the feed's title as its frame; an Atom feed's
    escaped HTML and its author's name are read too."""
    make_tree(tmp_path, {"blog/feed.txt": RSS, "blog/atom.xml.txt": ATOM})
    atom, rss = load_sources(tmp_path)
    assert [(line.number, line.hint, line.text) for line in rss.lines if line.text] == [
        (8, "title", "Coercion, consent and the locked door"),
        (9, "date", "Fri, 14 Jul 2017 09:12:44 +0000"),
        (10, "byline", "Kate Example"),
        (11, "", "What does it mean to co-produce care on a locked ward?"),
        (12, "", "Dr Ana Example opened with a frank account."),
        (13, "", "10.00 Welcome: Dr Kate Example"),
        (14, "", "10.15 Keynote: Who holds the keys? (Dr Ana Example)"),
        (15, "", "11:15\u201311:30 Coffee"),
    ]
    assert [line.text for line in rss.frame] == ["A seminar series blog", "towards co-production"]
    assert [(line.hint, line.text) for line in atom.lines if line.text] == [
        ("title", "Back from York"),
        ("date", "2017-03-10T11:00:00Z"),
        ("byline", "Zainab Example"),
        ("", "Five things we learned in York."),
    ]


def test_a_page_saved_as_text_is_read_as_a_page(tmp_path: Path) -> None:
    page = "<!DOCTYPE html>\n<html><body><article><h1 class='entry-title'>A day</h1>\n"
    make_tree(tmp_path, {"blog/page.txt": page + "<p>We met in York.</p></article></body></html>"})
    (source,) = load_sources(tmp_path)
    assert [line.text for line in source.lines if line.text] == ["A day", "We met in York."]


@pytest.mark.parametrize(
    ("text", "out", "warned"),
    [
        (
            "Dr&nbsp;Adebayo chaired &#8211; it&#8217;s done\nB &amp; C\n",
            "Dr\u00a0Adebayo chaired \u2013 it\u2019s done\nB & C\n",
            True,
        ),
        ("AT&T and R&D stay as they are\n", "AT&T and R&D stay as they are\n", False),
        ("No entity here.\n", "No entity here.\n", False),
    ],
)
def test_a_plain_text_has_its_html_entities_decoded(text: str, out: str, warned: bool) -> None:
    got, warnings = unescape_entities(text, "blog/x.txt")
    assert got == out
    assert got.count("\n") == text.count("\n")
    assert bool(warnings) is warned
    assert all(w.startswith("blog/x.txt: decoded HTML entities") for w in warnings)
