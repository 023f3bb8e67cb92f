"""Escaped text renders to exactly the text, under the site's own MyST configuration.

Two layers: the construct corpus (``fixtures/escape/constructs.yaml``, every Markdown,
MyST, rST and HTML construct as text) and a Hypothesis property over arbitrary text
biased towards markup. Both parse with MyST's docutils parser and the settings of
``docs/conf.py`` (see ``conftest.py``) and check three things: no warning at all, a
doctree made only of plain nodes (so no raw, include, substitution, image, download,
reference, target, footnote, comment or cross-reference node can appear), and visible
text equal to :func:`~tools.ingest.escape.inline_text` / :func:`~.block_text`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from docutils import nodes
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import MystParse, bounded
from tools.ingest.escape import block_text, escape_block, escape_inline, inline_text

EXAMPLES = 300  # per property test; `nox -s fuzz` runs many more
CONSTRUCTS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "escape" / "constructs.yaml").read_text("utf-8")
)

#: The only nodes escaped text may produce; anything else is markup that got through.
PLAIN = (nodes.document, nodes.section, nodes.title, nodes.paragraph, nodes.Text)
PLAIN_LIST = (*PLAIN, nodes.bullet_list, nodes.list_item)

#: Fragments that start or end Markdown/MyST/rST/HTML syntax, mixed into random text.
FRAGMENTS = sorted(
    {
        *"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        *("\n", "\r", "\r\n", "\t", " ", "  ", "    ", "\u00a0", "\u2028", "\x00", "\x1c"),
        *("```", "~~~", ":::", "{note}", "{include}", "{raw}", "`x`", "$$", "<script>"),
        *("<!--", "-->", "% ", "[1]: ", "(x)=", "+++", "---", "| a |", "> ", "# ", "1. ", "- "),
        *("[^1]", "[^1]: ", "](javascript:x)", "<http://x>", "![](", "{{ x }}", ".. ", "::"),
        *(":role:", "**", "__", "&amp;", "&#32;", "&copy;", "\\\n", "  \n", "{#id}"),
        *("http://x.org", "www.x.org", "a@b.co", "(c)", "--", "..."),
    }
)

markup_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=24).map(
    "".join
)
any_text = st.one_of(markup_text, st.text())


def shape(doctree: nodes.document, allowed: tuple[type[Any], ...]) -> list[str]:
    """Names of the node types in ``doctree`` that escaped text must never produce."""
    found = {type(node).__name__ for node in doctree.findall() if not isinstance(node, allowed)}
    return sorted(found)


def paragraphs(doctree: nodes.document) -> list[str]:
    return [para.astext() for para in doctree.findall(nodes.paragraph)]


def check_inline(parse: MystParse, text: str) -> None:
    markdown = escape_inline(text)
    assert "\n" not in markdown
    assert "\r" not in markdown
    doctree, warnings = parse(markdown)
    assert warnings == ""
    assert shape(doctree, PLAIN) == []
    expected = inline_text(text)
    assert paragraphs(doctree) == ([expected] if expected else [])


def check_block(parse: MystParse, text: str) -> None:
    doctree, warnings = parse(escape_block(text))
    assert warnings == ""
    assert shape(doctree, PLAIN) == []
    assert paragraphs(doctree) == list(block_text(text))
    assert all(isinstance(child, nodes.paragraph) for child in doctree.children)


def check_heading(parse: MystParse, text: str) -> None:
    doctree, warnings = parse("# " + escape_inline(text))
    assert warnings == ""
    assert shape(doctree, PLAIN) == []
    assert [title.astext() for title in doctree.findall(nodes.title)] == [inline_text(text)]


def check_list_item(parse: MystParse, text: str) -> None:
    doctree, warnings = parse(f"- {escape_inline(text)}\n- {escape_inline(text)}")
    assert warnings == ""
    assert shape(doctree, PLAIN_LIST) == []
    assert paragraphs(doctree) == [inline_text(text)] * 2


@pytest.mark.parametrize("case", CONSTRUCTS, ids=[case["name"] for case in CONSTRUCTS])
def test_construct_is_shown_literally(myst_parse: MystParse, case: dict[str, Any]) -> None:
    check_inline(myst_parse, case["text"])
    check_block(myst_parse, case["text"])
    if inline_text(case["text"]).strip():
        check_heading(myst_parse, case["text"])
        check_list_item(myst_parse, case["text"])


def test_corpus_marks_what_the_configuration_alone_neutralises(myst_parse: MystParse) -> None:
    """Unescaped, a construct turns into markup unless the corpus marks it ``inert``.

    This keeps the corpus honest (most cases must exercise the parser) and records which
    constructs the site configuration, not the escaping, keeps literal.
    """
    literal = set()
    for case in CONSTRUCTS:
        doctree, warnings = myst_parse(case["text"])
        same = paragraphs(doctree) == list(block_text(case["text"]))
        if not warnings and not shape(doctree, PLAIN) and same:
            literal.add(case["name"])
    marked = {case["name"] for case in CONSTRUCTS if case.get("inert")}
    assert literal == marked, "update `inert:` in fixtures/escape/constructs.yaml"
    assert len(marked) < len(CONSTRUCTS) // 3


@bounded(EXAMPLES)
@given(any_text)
def test_property_inline_text_is_shown_literally(myst_parse: MystParse, text: str) -> None:
    check_inline(myst_parse, text)


@bounded(EXAMPLES)
@given(any_text)
def test_property_block_text_is_shown_literally(myst_parse: MystParse, text: str) -> None:
    check_block(myst_parse, text)


@bounded(EXAMPLES)
@given(any_text.filter(lambda text: inline_text(text).strip() != ""))
def test_property_heading_and_list_item_are_shown_literally(
    myst_parse: MystParse, text: str
) -> None:
    check_heading(myst_parse, text)
    check_list_item(myst_parse, text)


CONTRACT = [
    ("a\nb", "a b", ("a\nb",)),
    ("a\r\nb\rc", "a b c", ("a\nb\nc",)),
    ("one\n\n  \ntwo", "one     two", ("one", "two")),
    ("  lead", "  lead", ("  lead",)),
    ("nul\x00", "nul\ufffd", ("nul\ufffd",)),
    ("tab\there", "tab\there", ("tab\there",)),
    ("\n\n", "  ", ()),
]


@pytest.mark.parametrize(("text", "inline", "block"), CONTRACT)
def test_contract(text: str, inline: str, block: tuple[str, ...]) -> None:
    assert inline_text(text) == inline
    assert block_text(text) == block


ESCAPED = [
    ("*a*", "\\*a\\*"),
    ("  x ", "&#32;&#32;x&#32;"),
    ("a & b", "a \\& b"),
    ("caf\u00e9", "caf\u00e9"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "markdown"), ESCAPED)
def test_escape_inline_output(text: str, markdown: str) -> None:
    assert escape_inline(text) == markdown
