"""Table tests of the clean stage; the cases are in tests/fixtures/clean/*.yaml."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.ingest.clean import clean, load_rules, normalise, rules_for
from tools.ingest.clean.blocks import Row, heading_like, name_like
from tools.ingest.clean.contents import drop_contents, drop_inline_contents
from tools.ingest.clean.dated import (
    date_feet,
    drop_feet_under_marks,
    drop_filing_feet,
    trim_filed_datelines,
)
from tools.ingest.clean.frame import FILING, FRAME, drop_frame, drop_related_titles
from tools.ingest.clean.mail import unquote
from tools.ingest.clean.metaline import meta_fields
from tools.ingest.clean.privacy import mask_contacts
from tools.ingest.clean.repeats import drop_repeats
from tools.ingest.clean.rules import Rules
from tools.ingest.dates import written_date
from tools.ingest.errors import InputError
from tools.ingest.load import load_sources
from tools.ingest.records import Block, Hint, Line, Source
from tools.ingest.yamlfile import RULES_DIR

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
SOURCES = Path(__file__).parent.parent / "sources"
WORD = re.compile(r"[^\W_]+")


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


def cases(name: str) -> list[Any]:
    data = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    return [
        pytest.param(case, id=str(case.get("name") if isinstance(case, dict) else case))
        for case in data
    ]


@pytest.mark.parametrize("case", cases("rules.yaml"))
def test_boilerplate_rule(case: list[Any], rules: Rules) -> None:
    kind, text, expected = case
    line = normalise(Line(1, text), rules).text
    matched = [rule.name for rule in rules.lines if rule.matches(line, kind)]
    assert matched == ([expected] if expected else [])


def test_every_boilerplate_rule_has_a_case(rules: Rules) -> None:
    data = yaml.safe_load((FIXTURES / "rules.yaml").read_text(encoding="utf-8"))
    covered = {name for _, _, name in data if name}
    assert {rule.name for rule in rules.lines} <= covered


@pytest.mark.parametrize("case", cases("shapes.yaml"))
def test_shapes(case: list[Any]) -> None:
    text, heading, name = case
    assert (heading_like(text), name_like(text)) == (heading, name)


def make_source(case: dict[str, Any]) -> Source:
    hints = case.get("hints", {})
    lines = tuple(
        Line(n, text, hints.get(n, ""))
        for n, text in enumerate(case["text"].split("\n")[:-1], start=1)
    )
    return Source(path=f"{case['kind']}/case.txt", kind=case["kind"], lines=lines)


@pytest.mark.parametrize("case", cases("blocks.yaml"))
def test_blocks(case: dict[str, Any], rules: Rules) -> None:
    cleaned = clean(make_source(case), rules)
    got = [[b.kind, b.text, b.first, b.last, b.label, b.hint] for b in cleaned.blocks]
    want = [[*block, "", ""][:6] for block in case["blocks"]]
    assert got == want
    if "removed" in case:
        assert [[b.label, b.text, b.first] for b in cleaned.removed] == case["removed"]
        assert all(b.first == b.last for b in cleaned.removed)
    if "meta" in case:
        assert [list(pair) for pair in cleaned.meta] == case["meta"]


def test_bad_rules_are_reported_with_their_file(tmp_path: Path) -> None:
    shutil.copytree(RULES_DIR, tmp_path / "rules")
    path = tmp_path / "rules" / "boilerplate.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + ("  - name: broken\n    label: ends-post\n    kinds: [blogs]\n    patterns: ['(']\n"),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as raised:
        load_rules(tmp_path / "rules")
    messages = [p.message for p in raised.value.problems]
    assert all(p.path == path.as_posix() for p in raised.value.problems)
    assert any("label must be one of" in m and "'ends-post'" in m for m in messages)
    assert any("unknown kinds ['blogs']" in m for m in messages)
    assert any("bad regular expression '('" in m for m in messages)


@pytest.mark.parametrize("kind", ["blog", "slides", "article"])
def test_a_one_megabyte_line_cleans(kind: str, rules: Rules) -> None:
    text = "word " * 210_000
    lines = (Line(1, "  1. " + text), Line(2, "*" + text + "-logo"), Line(3, ""))
    cleaned = clean(Source(f"{kind}/big.txt", kind, lines), rules)  # type: ignore[arg-type]
    assert sum(len(b.text) for b in cleaned.blocks) > 2_000_000


def seed_sources() -> list[Any]:
    if not SOURCES.is_dir():
        return []
    return [pytest.param(s, id=s.path) for s in load_sources(SOURCES)]


@pytest.mark.parametrize("source", seed_sources())
def test_seeds_lose_no_word(source: Source, rules: Rules) -> None:
    """Every word of a source is in a block, a block's label, or a removed block."""
    cleaned = clean(source, rules)
    glued = {b.first: b.text for b in cleaned.removed if b.label == "image-name"}
    marks = str.maketrans(rules.superscripts, "0123456789"[: len(rules.superscripts)])
    words: Counter[str] = Counter()
    for line in source.lines:
        text = normalise(line, rules).text
        body = text.lstrip(rules.superscripts)  # a footnote's mark becomes its label
        text = text[: len(text) - len(body)].translate(marks) + " " + body
        if line.number in glued:
            text = text.removesuffix(glued[line.number])
        text = mask_contacts(text)[0]  # contact details are masked, not lost
        words.update(WORD.findall(text))
    kept = Counter(w for b in cleaned.blocks for w in WORD.findall(b.text))
    kept.update(b.label for b in cleaned.blocks if b.kind in ("slide", "footnote"))
    dropped = Counter(
        w for b in cleaned.removed if b.label != "image-name" for w in WORD.findall(b.text)
    )
    assert words - kept - dropped == Counter()
    assert kept - words == Counter()


@pytest.mark.parametrize("source", seed_sources())
def test_seeds_keep_no_boilerplate(source: Source, rules: Rules) -> None:
    cleaned = clean(source, rules)
    for block in cleaned.blocks:
        assert not any(rule.matches(block.text, source.kind) for rule in rules.lines)
        assert not re.search(r"\*\*|\]\(#\)|<https?://|Researchesrc|Research Online", block.text)


def test_a_breadcrumb_repeating_the_headers_lines_makes_no_titles(rules: Rules) -> None:
    """A breadcrumb repeats the site's and the centre's names from the header above it;
    those copies head only menus, not text, so they are not the titles of items. A
    contents list's headings, which head text, still are."""
    lines = [
        "Example University", "Study", "Research", "",
        "You are here:", "Example University", "Research", "Centre for Social Study", "",
        "Centre for Social Study", "Centre home", "About the centre", "",
        "In this issue", "Rounds are back", "Awards shortlist", "",
        "Rounds are back", "Rounds return this autumn after a break, in the hall.", "",
        "Awards shortlist", "Thank you to everyone who sent a nomination; the judges met.",
    ]  # fmt: skip
    rows = [Row(n, text, 0) for n, text in enumerate(lines, 1)]
    kept, _ = drop_contents(rows, rules)
    titles = [row.text for row in kept if row.hint == "title"]
    assert titles == ["Rounds are back", "Awards shortlist"]


def test_each_posts_repeated_byline_is_no_listed_heading(rules: Rules) -> None:
    """An archive prints "By X" and its date under each post's title: a byline that
    stands again is no heading a list names, so it is never made a post's title."""
    lines = [
        "Seminar 4, Seminars", "Last Friday in York", "By Tom Example", "October 31, 2016", "",
        "Last Friday's seminar in York was about commissioning, and it was a lively day.", "",
        "A note on bursaries", "By Ravi Example", "October 12, 2016", "",
        "We have had several questions about travel bursaries, so here is how they work.", "",
        "Seminar 4, Seminars", "York, 28 October", "By Ravi Example", "October 3, 2016", "",
        "Our fourth seminar will be held at the University of York on Friday 28 October.",
    ]  # fmt: skip
    rows = [Row(n, text, 0) for n, text in enumerate(lines, 1)]
    kept, _ = drop_contents(rows, rules)
    assert [row.text for row in kept if row.hint == "title"] == []
    assert [row.text for row in kept].count("By Ravi Example") == 2


def test_a_long_line_never_meets_the_contents_pattern(
    monkeypatch: pytest.MonkeyPatch, rules: Rules
) -> None:
    """The printed-contents pattern retries its dot leaders from every start, so a hostile
    line of leaders would take quadratic time: only short lines ending in a digit meet it."""
    from tools.ingest.clean import contents

    seen: list[int] = []
    real = contents._PRINTED

    class Guarded:
        def fullmatch(self, text: str) -> re.Match[str] | None:
            assert len(text) <= 240, "a long line met the contents pattern"
            seen.append(len(text))
            return real.fullmatch(text)

    monkeypatch.setattr(contents, "_PRINTED", Guarded())
    rows = [
        Row(1, "Contents", 0, ""),
        Row(2, "." * 200_000 + "x 1", 0, ""),
        Row(3, "Introduction ........ 2", 0, ""),
    ]
    contents.drop_printed(rows, rules)
    assert seen == [len("Introduction ........ 2")]


def test_a_list_of_contents_on_one_line_names_the_parts_titles(rules: Rules) -> None:
    """A newsletter prints its contents on one line ("Inside: A * B * C"); each item heads
    its part further down, maybe as the end of a longer title; the line is chrome."""
    lines = [
        "Forum news", "Inside: Bob's Bit * A member's report from York * Dates for your diary",
        "Bob's Bit", "Hello everyone, and welcome to the spring newsletter of the forum.",
        "Who regulates the regulators? A member's report from York",
        "On 3 March I went with two other members to the fifth seminar in York.",
        "Dates for your diary", "Our annual meeting will be on 9 May, in the usual room.",
    ]  # fmt: skip
    rows = [Row(n, text, 0) for n, text in enumerate(lines, 1)]
    kept, removed = drop_inline_contents(rows, rules)
    assert [row.text for row in kept if row.hint == "title"] == [
        "Bob's Bit",
        "Who regulates the regulators? A member's report from York",
        "Dates for your diary",
    ]
    assert kept[1].text == ""
    assert [b.text for b in removed] == [
        "Bob's Bit",
        "A member's report from York",
        "Dates for your diary",
    ]
    prose = [Row(1, "Inside: the ward was quiet; nobody came; we waited all day", 0)]
    assert drop_inline_contents(prose, rules) == (prose, [])


@pytest.mark.parametrize(
    ("line", "excerpt"),
    [
        ("Last Friday I sat on a panel at the university about commissioning...", True),
        ("Last Friday I sat on a panel at the university about commissioning\u2026", True),
        ("Last Friday I sat on a panel at the university about commissioning.", False),
        ("Last Friday I went to the seminar in York and then...", False),  # opens otherwise
        ("Last Friday I sat...", False),  # too short to say whose words it repeats
    ],
)
def test_a_card_excerpt_of_a_paragraph_above_is_dropped(line: str, excerpt: bool) -> None:
    paragraph = "Last Friday I sat on a panel at the university about commissioning and care."
    rows = [Row(1, paragraph, 0), Row(2, "Published by", 0), Row(3, line, 0)]
    kept, removed = drop_repeats(rows)
    assert kept[0].text == paragraph
    assert (kept[2].text == "") is excerpt
    assert [b.first for b in removed] == ([3] if excerpt else [])


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("5 Comments \u00bb", "comments-link"),  # a link's arrow after its words
        ("Leave a comment \u00bb", "comments-link"),
        ("\u2014 filed under Seminar 6, Guest posts on 2017-07-20 by blogteam", "entry-footer"),
        ("\u2014 Home", None),  # after a dash, a pattern's line, never a menu word's
        ("\u2014 we met in Leeds in the spring \u00bb", None),
    ],
)
def test_a_line_is_read_without_its_dash_and_arrow(
    line: str, rule: str | None, rules: Rules
) -> None:
    found = rules_for("blog", rules)(line)
    assert (found.name if found else None) == rule


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        (
            "AuthorJo BloggsPosted onMarch 6, 2017CategoriesSeminar 5TagsYork, regulation"
            "Leave a comment on What we heard",
            [
                "Jo Bloggs",
                "March 6, 2017",
                "Seminar 5",
                "York, regulation",
                "Leave a comment on What we heard",
            ],
        ),
        (
            "Posted on 6 March 2017 Posted in News | 2 Comments",
            ["6 March 2017", "News", "2 Comments"],
        ),
        ("Posted onMarch 6, 2017", None),  # a date alone: no second field
        ("Posted on July 11, 2017 in Seminar reports · 3 Comments", None),  # one field
        ("Published on 6 March 2017, the report asks who gets to decide what counts.", None),
        ("Categories: News, Events", None),  # no date: the entry-footer rule reads it
        ("AuthorJo BloggsPosted onthe day after", None),  # no date in the date field
    ],
)
def test_meta_line_fields(line: str, fields: list[str] | None) -> None:
    """A meta line's fields, its hidden labels run together with them, one to a line."""
    assert meta_fields(line, load_rules().meta_fields) == fields


_EXCERPT = "The fourth seminar moved the talk from the consulting room to the committee room."


@pytest.mark.parametrize(
    ("lines", "dated"),
    [
        # a date under each excerpt, the last one with no text under it: each is a foot
        (
            [
                "Title A",
                _EXCERPT,
                "",
                "Posted on 2 November 2016",
                "",
                "Title B",
                _EXCERPT,
                "",
                "Posted on 17 October 2016",
                "",
            ],
            [3, 8],
        ),
        # the same dates with the last entry's text under the last one: each heads its entry
        (
            [
                "Title A",
                _EXCERPT,
                "",
                "Posted on 2 November 2016",
                "",
                "Title B",
                _EXCERPT,
                "",
                "Posted on 17 October 2016",
                "",
                "Title C",
                _EXCERPT,
            ],
            [],
        ),
        # one such date is no listing's pattern
        (["Title A", _EXCERPT, "", "Posted on 2 November 2016", ""], []),
        # a time of day or no year: no whole date
        (
            [
                "Title A",
                _EXCERPT,
                "",
                "2:05 PM - 3 Mar 2017",
                "",
                "Title B",
                _EXCERPT,
                "",
                "4:21 PM - 3 Mar 2017",
                "",
            ],
            [],
        ),
    ],
)
def test_date_feet(lines: list[str], dated: list[int]) -> None:
    rows = [Row(n, text, 0) for n, text in enumerate(lines, 1)]
    assert [i for i, row in enumerate(date_feet(rows)) if row.hint == "date"] == dated


def test_a_footers_writer_under_its_date_past_a_blanked_label_is_hinted() -> None:
    """ "26 January 2016" / ("Posted by", blanked by an earlier step) / "Jo Bloggs" /
    filing / "Leave a comment": the name is the footer's writer."""
    lines = [_EXCERPT, "", "26 January 2016", "", "Jo Bloggs", "Seminar 1, Guest posts"]
    rows = [Row(n, text, 0) for n, text in enumerate([*lines, "Leave a comment"], 1)]
    out, _ = drop_filing_feet(rows, lambda text: text == "Leave a comment", lambda _: False, {4})
    assert [(row.text, row.hint) for row in out[2:5]] == [
        ("26 January 2016", "date"),
        ("", ""),
        ("Jo Bloggs", "byline"),
    ]


def _saved_page(lines: list[str]) -> list[Row]:
    """Rows as a saved page's markup gives them: a blank row before each line, on its number."""
    return [Row(n, t, 0) for n, text in enumerate(lines, 1) for t in ("", text)]


@pytest.mark.parametrize(
    ("rows", "gone"),
    [
        # a saved page: the blank row markup puts before the date parts it from no mark
        (
            _saved_page([_EXCERPT, "Continue reading →", "24 February 2016 in Seminar 2"]),
            ["24 February 2016 in Seminar 2"],
        ),
        # a copied page: a blank line between the mark and the date parts them
        (
            [
                Row(n, text, 0)
                for n, text in enumerate(
                    [_EXCERPT, "Continue reading →", "", "24 February 2016 in Seminar 2", ""], 1
                )
            ],
            [],
        ),
    ],
)
def test_a_dateline_right_under_a_pages_last_mark_is_its_entrys_foot(
    rows: list[Row], gone: list[str]
) -> None:
    mark = "Continue reading →"
    _, blanked = drop_feet_under_marks(rows, lambda text: text == mark, lambda text: text == mark)
    assert [block.text for block in blanked] == gone


@pytest.mark.parametrize(
    ("lines", "trimmed", "filed"),
    [
        # a footer under an excerpt: its date stays, its categories file the post
        (
            [_EXCERPT, "4 Nov 2016 · Seminar 4, Reflections", ""],
            "4 Nov 2016",
            "Seminar 4, Reflections",
        ),
        # past a line a rule drops, and with "in" before the categories
        (
            [_EXCERPT, "Download the slides", "2 March 2016 in Seminar 2"],
            "2 March 2016",
            "Seminar 2",
        ),
        # a table's row, its excerpt right under it: no footer
        ([_EXCERPT, "07/11/2016 \u2013 Help or hindrance", _EXCERPT], None, None),
        # under a title, the part may be a venue: an event's head
        (["Seminar 1", "5 January 2016 · University of Leeds", ""], None, None),
        # a part a rule drops as more than the frame, or a writer: other steps read it
        ([_EXCERPT, "March 14, 2017 / coproblog / Leave a comment", ""], None, None),
        ([_EXCERPT, "6 May 2017 | Pamela Fisher", ""], None, None),
    ],
)
def test_trim_filed_datelines(lines: list[str], trimmed: str | None, filed: str | None) -> None:
    rows = [Row(n, text, 0) for n, text in enumerate(lines, 1)]
    out, blocks = trim_filed_datelines(
        rows,
        lambda text: text in ("Download the slides", "Leave a comment"),
        lambda text: text == "Leave a comment",
    )
    at = next(i for i, text in enumerate(lines) if written_date(text))
    assert out[at].text == (trimmed or lines[at])
    assert [block.text for block in blocks] == ([filed] if filed else [])


@pytest.mark.parametrize(
    ("lines", "unquoted"),
    [
        # a forwarded message's quotation: the marks go, a mark alone is a blank line
        (
            ["Worth going?", "> Seminar six", ">", "> by Sam Example", ">> " + _EXCERPT],
            ["Worth going?", "Seminar six", "", "by Sam Example", _EXCERPT],
        ),
        # one or two such lines are no quotation: a sum, an arrow
        (["> 50 people came", _EXCERPT], ["> 50 people came", _EXCERPT]),
    ],
)
def test_unquote(lines: list[str], unquoted: list[str]) -> None:
    rows = [Row(n, text, 0) for n, text in enumerate(lines, 1)]
    assert [row.text for row in unquote(rows)] == unquoted


def test_related_titles_under_a_heading_the_loader_dropped_with_the_frame() -> None:
    """A saved page's "Related news" heading goes with its frame (no row holds it), and its
    markup puts a blank row before each line: the titles under it are still other posts',
    and the text above them stays."""
    rows = [
        Row(31, "", 0),
        Row(31, "Huddersfield also hosted the sixth seminar, in July.", 0),
        Row(34, "", 0),
        Row(34, "Nursing lecturer wins national teaching fellowship", 0),
        Row(35, "", 0),
        Row(35, "Huddersfield hosts seminar on coercion and co-production", 0),
    ]
    frame = (Line(33, "Related news"),)
    kept, dropped = drop_related_titles(rows, [], load_rules(), frame)
    assert [b.text for b in dropped] == [rows[3].text, rows[5].text]
    assert kept[1].text == rows[1].text
    assert drop_related_titles(rows, [], load_rules())[1] == []  # no heading, no titles


def test_a_filing_cut_from_a_writers_line_under_a_title_is_no_page_tool() -> None:
    """A post's head as clean/metaline.py leaves it ("Filed under: News — Jo Example"
    under the title: the writer stays as the line, hinted, the filing goes) anchors no
    header: the site's name over the menu is the page's header, not the post's date."""
    texts = [
        "Seminar blog",
        "",
        "",  # the menu, which a rule dropped
        "",
        "7 November 2016",
        "Notes from York: commissioning and who holds the pen",
        "Jo Example",
        "",
        "The fourth seminar brought around seventy people to York on a grey October Friday.",
        "",
        "Slides from the day will go up next week, with the notes from the afternoon.",
    ]
    rows = [Row(n, text, 0, "byline" if n == 7 else "") for n, text in enumerate(texts, start=1)]
    removed = [
        Block("paragraph", "Home | About | Blog", 3, 3, FRAME),
        Block("paragraph", "Reflections, Seminar 4", 7, 7, FILING),
    ]
    kept, dropped = drop_frame(rows, removed, load_rules())
    assert [b.text for b in dropped] == ["Seminar blog"]
    assert kept[4].text == "7 November 2016"


def test_a_contents_list_goes_with_its_heading_however_the_page_marks_it() -> None:
    """A saved page marks its contents list's heading as a title (an ``<h2>In this
    issue</h2>``): it goes with the list, and the items' own headings stay."""
    texts: list[tuple[str, Hint]] = [
        ("In this issue", "title"),
        ("", ""),
        ("Rounds are back", ""),
        ("Awards shortlist", ""),
        ("", ""),
        ("Rounds are back", "title"),
        ("Rounds return this autumn after a break over the summer, in the lecture theatre.", ""),
        ("", ""),
        ("Awards shortlist", "title"),
        ("Thank you to everyone who sent a nomination; the judges met last week to decide.", ""),
    ]
    rows = [Row(n, text, 0, hint) for n, (text, hint) in enumerate(texts, start=1)]
    kept, dropped = drop_contents(rows, load_rules())
    assert [b.first for b in dropped] == [1, 3, 4]
    assert [row.text for row in kept if row.hint == "title"] == [
        "Rounds are back",
        "Awards shortlist",
    ]
