"""The registries: the real ones load and say what the series reference says; broken ones
are reported line by line with a fix, all problems at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.ingest.errors import InputError
from tools.ingest.link import Registries, load_registries
from tools.ingest.text import fold

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
ERRORS: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "link" / "registry_errors.yaml").read_text("utf-8")
)


@pytest.fixture(scope="module")
def registries() -> Registries:
    return load_registries(SOURCES)


@pytest.mark.parametrize("case", ERRORS["cases"], ids=[c["name"] for c in ERRORS["cases"]])
def test_broken_registry_is_reported(case: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "a.txt").write_text(ERRORS["source"], encoding="utf-8")
    (tmp_path / "registry").mkdir()
    for name, default in ERRORS["defaults"].items():
        text = case["files"].get(name, default)
        if text is not None:
            (tmp_path / "registry" / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_registries(tmp_path)
    found = [(Path(p.path).name, p.line, p.message) for p in raised.value.problems]
    for name, line, words in case["problems"]:
        assert [f for f in found if f[:2] == (name, line) and words in f[2]], (words, found)
    assert len(found) == len(case["problems"]), found


# (number, date, venue, titles) as /work/shared/reference/seminar-series.md gives them.
SERIES = [
    (1, "2016-01-05", "University of Leeds", 0),
    (2, "2016-02-17", "St Catherine's College, University of Oxford", 1),
    (3, None, None, 1),
    (4, "2016-10-28", "University of York", 3),
    (5, "2017-03-03", "Research Centre for the Social Sciences, University of York", 2),
    (6, "2017-07-06", "University of Huddersfield", 1),
    (7, "2017-10-27", "University of Huddersfield", 1),
]


@pytest.mark.parametrize(("number", "date", "venue", "titles"), SERIES)
def test_seminars_match_the_reference(
    registries: Registries, number: int, date: str | None, venue: str | None, titles: int
) -> None:
    seminar = registries.seminars[number - 1]
    assert (seminar.number, seminar.date, seminar.venue) == (number, date, venue)
    assert len(seminar.titles) == titles
    for name, value in (("date", date), ("venue", venue), ("title", seminar.title)):
        if value is not None:
            assert any(f.name == name and f.value == value for f in seminar.facts)
    assert all(re.fullmatch(r"https://\S+|sources/\S+\.txt:\d+", f.source) for f in seminar.facts)


def test_known_disagreements_are_kept_as_facts(registries: Registries) -> None:
    fifth = registries.seminars[4]
    assert {f.value for f in fifth.facts if f.name == "venue"} == {
        "Research Centre for the Social Sciences, University of York",
        "Leeds",
    }
    assert len({f.value for f in fifth.facts if f.name == "title"}) == 2
    spellings = {f.value for s in registries.seminars for f in s.facts if f.name == "spelling"}
    assert spellings == {"ESRC", "ERSC"}
    assert {f.value for f in registries.series if f.name == "spelling"} == {"ESRC", "ERSC"}


def test_people_cite_the_passages_they_rest_on(registries: Registries) -> None:
    assert len(registries.people) >= 30
    for person in registries.people:
        assert person.reviewed
        assert person.passages
        lines = (SOURCES / person.passages[0].source).read_text("utf-8").splitlines()
        assert fold(person.passages[0].text) in fold(lines[person.passages[0].line - 1])
    joseph = next(p for p in registries.people if p.id == "joseph-alderdice")
    assert "Joe" in joseph.aliases


def _ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z]+", fold(text))
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_concepts_are_defined_in_our_own_words(registries: Registries) -> None:
    """No definition repeats five words in a row from the passage it rests on."""
    assert len(registries.concepts) >= 25
    ids = {c.id for c in registries.concepts}
    for concept in registries.concepts:
        path, line = concept.definition_source.removeprefix("sources/").rsplit(":", 1)
        cited = (SOURCES / path).read_text("utf-8").splitlines()[int(line) - 1]
        copied = _ngrams(concept.definition, 5) & _ngrams(cited, 5)
        assert not copied, (concept.id, copied)
        assert set(concept.related) <= ids - {concept.id}
