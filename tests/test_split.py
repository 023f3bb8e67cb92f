"""Tests of the split stage on hand-built CleanSources: cases as data, plus properties.

The cases (``fixtures/split/cases.yaml``) write each block as ``"FIRST[-LAST] KIND[/HINT]:
text"`` so that a case reads like the text it stands for.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tools.ingest import split
from tools.ingest.errors import InputError
from tools.ingest.records import Block, CleanSource, Kind, Sidecar, Source

FIXTURES = Path(__file__).parent / "fixtures" / "split"
CASES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "cases.yaml").read_text("utf-8"))
FUNCTIONS: dict[str, list[list[Any]]] = yaml.safe_load(
    (FIXTURES / "functions.yaml").read_text("utf-8")
)
RULES = split.load_split_rules()
_BLOCK = re.compile(r"^(\d+)(?:-(\d+))? (\w+)(?:/(\w+))?: (.*)$", re.DOTALL)


def block(spec: str) -> Block:
    """``"3-4 paragraph/byline: text"`` -> the Block it describes."""
    match = _BLOCK.match(spec)
    assert match, f"bad block spec {spec!r}"
    first, last, kind, hint, text = match.groups()
    return Block(kind, text, int(first), int(last or first), hint=hint or "")  # type: ignore[arg-type]


def removed(spec: str) -> Block:
    line, label, text = re.match(r"^(\d+) ([\w-]+): (.*)$", spec).groups()  # type: ignore[union-attr]
    return Block("paragraph", text, int(line), int(line), label=label)


def cleaned(case: dict[str, Any]) -> CleanSource:
    kind: Kind = case.get("kind", "blog")
    source = Source(
        path=f"{kind}/case.{case.get('suffix', 'txt')}",
        kind=kind,
        lines=(),
        sidecar=Sidecar(**case.get("sidecar", {})),
    )
    return CleanSource(
        source,
        tuple(map(block, case["blocks"])),
        removed=tuple(map(removed, case.get("removed", []))),
    )


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_split_cases(case: dict[str, Any]) -> None:
    posts = split.split(cleaned(case), RULES)
    got: list[dict[str, object]] = [
        {
            "first": p.first,
            "last": p.last,
            "title": p.title,
            "bylines": list(p.bylines),
            "derived": p.title_derived,
            "date": p.date,
            "url": p.url,
        }
        for p in posts
    ]
    want = [{"derived": False, "date": None, "url": None, **p} for p in case["posts"]]
    for k, post in enumerate(posts[: len(want)]):  # the categories it is filed under
        if "filed" in want[k]:
            got[k]["filed"] = [[line.number, line.text] for line in post.filed]
    assert got == want


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_every_block_in_exactly_one_post(case: dict[str, Any]) -> None:
    source = cleaned(case)
    posts = split.split(source, RULES)
    # what heads the page above its first post (a cover, a label) is its posts' context
    heading = {line.number for line in posts[0].context} if posts else set()
    first = (posts[0].blocks[0].first, posts[0].blocks[0].text) if posts else None
    start = next((k for k, b in enumerate(source.blocks) if (b.first, b.text) == first), 0)
    above = list(source.blocks[:start])
    assert all(b.first in heading for b in above)
    assert [(b.first, b.text) for p in posts for b in p.blocks] == [
        (b.first, b.text) for b in source.blocks if b not in above
    ]


@pytest.mark.parametrize(
    "name",
    [
        "signature then a notes post with a seminar number",
        "an article without a sidecar takes its first heading and its By line",
    ],
)
def test_title_block_is_marked(name: str) -> None:
    """The block a title was read from is hinted "title"; no other block is."""
    posts = split.split(cleaned(next(c for c in CASES if c["name"] == name)), RULES)
    assert [p.blocks[0].hint for p in posts] == ["title"] * len(posts)
    assert all(b.hint != "title" for p in posts for b in p.blocks[1:])


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_text_functions(name: str) -> None:
    function = getattr(split, name)
    for given_text, want in FUNCTIONS[name]:
        got = (
            function(given_text, RULES)
            if name in ("title_and_bylines", "parse_names")
            else (function(given_text))
        )
        got = [got[0], list(got[1])] if name == "title_and_bylines" else got
        got = list(got) if name == "parse_names" else got
        assert got == want, given_text


def test_boundary_score_needs_prose_first() -> None:
    title = block("1 heading: Seminar 4: Notes by Ann Lee")
    subtitle = block("3 heading: Seminar 4: Contemporary Developments: a help or a hindrance")
    assert split.boundary_score([title], subtitle, RULES) < RULES.threshold
    prose = block("5 paragraph: A paragraph of prose that is long enough to count as body text.")
    assert split.boundary_score([title, prose], subtitle, RULES) >= RULES.threshold


def test_a_signature_s_role_heads_no_post() -> None:
    title = block("1 heading: Slides from the sixth seminar")
    prose = block(
        "3 paragraph: The slides from the sixth seminar are now online, with the handout."
    )
    name = block("5 paragraph: Dr Jo Example")
    role = block("6 paragraph: Consultant Psychiatrist")
    quoted = block("8 quote: The slides are now online, with two of the talks and the handout too.")
    assert split.boundary_score([title, prose, name], role, RULES, quoted) == -1
    apart = block("7 paragraph: Consultant Psychiatrist")  # a line between: no signature
    assert split.boundary_score([title, prose, name], apart, RULES, quoted) != -1


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("threshold: 2\n", "missing key 'weights'"),
        ("weights: {closer: two}\n", "give an integer for closer"),
        ("[not, a, mapping", "split.yaml:1: not valid YAML"),
    ],
)
def test_bad_rules_file_says_what_to_fix(tmp_path: Path, text: str, fix: str) -> None:
    bad = tmp_path / "split.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        split.load_split_rules(bad)
    assert fix in str(error.value)
    assert str(bad) in str(error.value)


LINES = [
    "heading: Introduction",
    "heading: Seminar 5: Notes by Ann Lee",
    "heading: Thoughts on Seminar 2",
    "paragraph: Thanks for reading.",
    "paragraph/byline: Harminder Kaur",
    "paragraph: Best regards,",
    "heading/title: A title",
    "item: 9.30 \u2013 Registration",
    "reference: Barr B (2015) Trends.",
    "paragraph: A paragraph of prose that is long enough to count as body text of a post.",
    "heading: Anne Rogers: Commissioning of self-management support",
    "paragraph/date: 1 May 2017",
]


@given(
    st.lists(st.tuples(st.sampled_from(LINES), st.integers(1, 3), st.booleans()), max_size=40),
    st.sampled_from(["blog", "slides", "article"]),
)
def test_property_split_is_a_partition(rows: list[tuple[str, int, bool]], kind: Kind) -> None:
    """Whatever the blocks, posts cover them all, in order, each once, with right ranges."""
    blocks, ends, line = [], [], 1
    for spec, gap, ended in rows:
        blocks.append(block(f"{line} {spec}"))
        if ended:
            ends.append(Block("paragraph", "Advertisements", line + 1, line + 1, "end-of-post"))
        line += gap + 1
    source = CleanSource(Source(f"{kind}/p.txt", kind, ()), tuple(blocks), removed=tuple(ends))
    posts = split.split(source, RULES)
    assert [(b.first, b.text) for p in posts for b in p.blocks] == [
        (b.first, b.text) for b in blocks
    ]
    assert all(p.first == p.blocks[0].first and p.last == p.blocks[-1].last for p in posts)
    assert all(p.title for p in posts)
    assert kind == "blog" or len(posts) == (1 if blocks else 0)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("6 May 2017 | Jo Bloggs | News", ("Jo Bloggs",)),
        ("Posted on 6 May 2017 by Jo Bloggs", ("Jo Bloggs",)),
        # the app a tweet was sent with is no one's name
        ("9:02 AM · Mar 3, 2017 · Twitter Web Client", ()),
    ],
)
def test_dateline_names(line: str, names: tuple[str, ...]) -> None:
    assert split._dateline_names(line, RULES) == names


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("14 Jul 2017 | A view from the back row", "A view from the back row"),
        ("By Jo Bloggs — May 4, 2017", None),  # a byline
        ("2 Nov 2017 · Jo Bloggs and Sam Example", None),  # the writers
        ("Jo Bloggs (@jo_b) · Feb 17, 2016", None),  # a tweet's poster
        ("Posted: 6 May 2017 | Category: Our members, Events", None),  # fields
        ("6 July 2017 | 10am to 4pm in the main hall", None),  # when an event is
        ("July 20, 2017 · Guest posts, Seminar 6", None),  # its categories
        ("Our blog by Jo Bloggs / 25 Jul 2017", None),  # a feed's name and writer
    ],
)
def test_a_title_beside_its_date_names_no_writer(line: str, title: str | None) -> None:
    found = split._dated_title(line, RULES)
    assert (found[0] if found else None) == title
