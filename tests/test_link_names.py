"""Name shapes, the word lists behind them, and sentence cuts: table cases as data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.ingest.errors import InputError
from tools.ingest.link.discover import known_alone
from tools.ingest.link.names import NameRules, load_rules, person_name, short_forms
from tools.ingest.link.segments import Segment, line_at, sentence_at, sentences

CASES: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "link" / "names.yaml").read_text("utf-8")
)


@pytest.fixture(scope="module")
def rules() -> NameRules:
    return load_rules()


@pytest.mark.parametrize(("words", "strong", "name"), CASES["shapes"])
def test_name_shape(rules: NameRules, words: str, strong: bool, name: str | None) -> None:
    assert person_name(words.split(), rules, strong=strong) == name


@pytest.mark.parametrize(("text", "expected"), CASES["sentences"])
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentences(text)] == expected


def test_short_forms_are_first_name_and_the_rest(rules: NameRules) -> None:
    assert short_forms("Pippa Hunter Jones", rules) == ("Pippa", "Hunter Jones")
    assert short_forms("Dr Pamela Fisher", rules) == ("Pamela", "Fisher")
    assert short_forms("Cher", rules) == ()


def test_lines_and_sentences_of_a_block_spanning_lines() -> None:
    segment = Segment(0, "slide", "From consumer involvement\nto co-production. Rachel", 18, 20)
    assert line_at(segment, 0) == 18
    assert line_at(segment, segment.text.index("Rachel")) == 19
    assert sentence_at(segment.text, segment.text.index("Rachel")) == "Rachel"
    long = "word " * 200 + "Pamela Fisher " + "word " * 200
    cut = sentence_at(long, long.index("Pamela"), limit=100)
    assert "Pamela Fisher" in cut
    assert cut.startswith("…")
    assert cut.endswith("…")


def test_rules_file_problems_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("honorifics: [Dr]\nnot_name_words: [University]\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_rules(path)
    messages = [p.message for p in raised.value.problems]
    assert "'not_name_words' belongs in tools/ingest/rules/names.yaml: move it" in messages
    assert "'speech_verbs' must be a list of words: add it" in messages


@pytest.mark.parametrize(
    ("name", "text", "alone"),
    [
        # a text that calls someone by the given name alone shows the name is a person's
        ("Aoife Mulcahy", "Aoife Mulcahy led the workshop. Aoife's rule was simple.", True),
        ("Kerry-Ann Moss", "Kerry-Ann Moss\nPeer Trainer. Kerry-Ann leads our courses.", True),
        ("Aoife Mulcahy", "Aoife Mulcahy led the workshop.", False),
        # a record's field labels share a first word: none of them is a person's name
        ("Funded Value", "Funded Value: £30,112\nFunded Period: Nov 15 - Nov 17", False),
        # a word at a line's start has its capital from its place: a slide's heading in
        # capitals over its bullets is no name
        (
            "Personal Budgets",
            "[9] Personal Budgets: A Different Route?\n- Personal health budgets give control",
            False,
        ),
        ("Nnamdi Eze", "Nnamdi Eze spoke.\n- Thanks to Nnamdi for the slides", True),
    ],
)
def test_known_alone(name: str, text: str, alone: bool) -> None:
    assert known_alone(name, text) is alone
