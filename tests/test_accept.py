"""``--accept`` works for every person the report lists, and writes as the file is written.

The real sources plus two posts that name five new people in every way the rules find
them: a byline under the title (not on the post's first line), a signature at the end,
two honorifics in one sentence, and an author only the sidecar gives. Each is accepted
alone into a fresh copy of the real registry, then all at once: the command succeeds, the
entry cites a line that names the person, it lands in id order with the registry's own
indentation and blank lines, and the person no longer waits for review. ``insert`` is
checked on its own on registries of other layouts.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tools.ingest import accept as accept_module
from tools.ingest.__main__ import main
from tools.ingest.accept import Layout, insert, layout
from tools.ingest.errors import InputError, Problem
from tools.ingest.pipeline import Options, build
from tools.ingest.text import fold
from tools.ingest.yamlfile import parse, top_list

ROOT = Path(__file__).resolve().parent.parent
POST = """Zanzibar reflections on seminar 4

By Quentin Zybrowski

This post about the zanzibar method was written after seminar 4 on commissioning. Dr Yolanda \
Abernathy-Smith spoke about co-production, and Professor Xavier Okonkwo chaired the afternoon.

Best wishes,
Wilhelmina Drake
"""
OTHER = """Notes from the seminar 5 afternoon

The afternoon session on regulatory knowledge at seminar 5 was lively and thoughtful.
"""
NEWCOMERS = {
    "quentin-zybrowski": "Quentin Zybrowski",
    "vera-lindqvist-ohara": "Vera Lindqvist-Ohara",
    "wilhelmina-drake": "Wilhelmina Drake",
    "xavier-okonkwo": "Xavier Okonkwo",
    "yolanda-abernathy-smith": "Yolanda Abernathy-Smith",
}


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = tmp_path_factory.mktemp("accept") / "sources"
    shutil.copytree(ROOT / "sources", sources)
    (sources / "blog" / "zanzibar.txt").write_text(POST, "utf-8")
    (sources / "blog" / "afternoon.txt").write_text(OTHER, "utf-8")
    (sources / "blog" / "afternoon.yaml").write_text("author: Vera Lindqvist-Ohara\n", "utf-8")
    return sources


@pytest.fixture
def sources(collection: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "sources"
    shutil.copytree(collection, copy)
    return copy


def _entries(sources: Path) -> list[tuple[str, int]]:
    """(id, line) of each registry entry, in file order."""
    path = sources / "registry" / "people.yaml"
    root, problems = parse(path.read_text("utf-8"), str(path))
    assert problems == ()
    found: list[Problem] = []
    out = []
    for node in top_list(root, "people", str(path), found):
        ident = next(v.scalar for k, _, v in node.pairs or () if k == "id")
        out.append((str(ident), node.line))
    return out


def test_the_report_lists_the_five_newcomers_with_lines_that_name_them(collection: Path) -> None:
    report = build(Options(sources=collection, out=collection.parent / "out")).report
    assert {p.id for p in report.newcomers} == set(NEWCOMERS)
    for person in report.newcomers:
        for passage in person.passages:
            where, _, _ = passage.partition(": ")
            file, _, line = where.rpartition(":")
            text = (collection / file).read_text("utf-8").splitlines()[int(line) - 1]
            if file.endswith(".txt") and "afternoon" not in file:  # a sidecar author has no line
                assert fold(person.name) in fold(text), passage


@pytest.mark.parametrize("ident", sorted(NEWCOMERS))
def test_each_newcomer_is_accepted_in_id_order_with_a_passage_naming_them(
    sources: Path, ident: str, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = sources / "registry" / "people.yaml"
    before = registry.read_text("utf-8")
    args = ["--sources", str(sources), "--out", str(sources.parent / "out")]
    assert main([*args, "--accept", NEWCOMERS[ident]]) == 0, capsys.readouterr().err
    entries = _entries(sources)
    ids = [i for i, _ in entries]
    assert ids == sorted(ids)
    assert ident in ids
    after = registry.read_text("utf-8").splitlines()
    line = dict(entries)[ident]
    block = after[line - 1 : line + 8]
    assert block[:5] == [
        f"  - id: {ident}",
        f"    name: {NEWCOMERS[ident]}",
        "    aliases: []",
        "    affiliation: null",
        "    passages:",
    ]
    assert block[5].startswith("      - file: ")  # the file's own nesting of lists
    file = block[5].split(": ", 1)[1]
    cited = int(block[6].split(": ", 1)[1])
    quote = block[7].split(": ", 1)[1]
    text = (sources / file).read_text("utf-8").splitlines()[cited - 1]
    assert fold(quote) in fold(text)
    assert fold(NEWCOMERS[ident]) in fold(text)
    if line != entries[-1][1]:
        assert block[8] == ""  # a blank line parts entries
    if line != entries[0][1]:
        assert after[line - 2] == ""
    # nothing else in the file moved
    removed = [x for x in before.splitlines() if x not in after]
    assert removed == []
    assert main([*args, "--check"]) == 0
    assert f"  {NEWCOMERS[ident]} ({ident})" not in capsys.readouterr().out  # no longer waits


def test_all_newcomers_at_once(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--sources", str(sources), "--out", str(sources.parent / "out")]
    accepted = [f"--accept={name}" for name in reversed(NEWCOMERS.values())]
    assert main([*args, *accepted]) == 0, capsys.readouterr().err
    ids = [i for i, _ in _entries(sources)]
    assert ids == sorted(ids)
    assert set(NEWCOMERS) <= set(ids)
    assert main([*args, "--check"]) == 0
    assert "wait for review" not in capsys.readouterr().out


def test_an_unknown_name_names_a_line_that_exists(
    sources: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--sources", str(sources), "--out", str(sources.parent / "out")]
    assert main([*args, "--accept", "Nobody Atall"]) == 1
    err = capsys.readouterr().err
    assert f"{sources / 'registry' / 'people.yaml'}:1: no person waiting for review" in err
    assert "Quentin Zybrowski" in err  # the names that are waiting


def test_a_rolled_back_entry_is_reported_on_lines_that_exist(
    sources: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = sources / "registry" / "people.yaml"
    before = registry.read_bytes()

    def refuse(root: Path) -> None:
        raise InputError([Problem(str(registry), 9999, "something is wrong")])

    monkeypatch.setattr(accept_module, "load_registries", refuse)
    args = ["--sources", str(sources), "--out", str(sources.parent / "out")]
    assert main([*args, "--accept", "Wilhelmina Drake"]) == 1
    err = capsys.readouterr().err
    assert registry.read_bytes() == before
    assert ":9999:" not in err
    assert f"{registry}:1: the entries for Wilhelmina Drake were not added" in err


ENTRY = {"b": ["- id: b", "  name: B"]}
INSERTS = [
    (  # PyYAML's own layout: no blank lines, lists not indented under their key
        "people:\n- id: a\n  name: A\n- id: c\n  name: C\n",
        Layout("", "", False),
        "people:\n- id: a\n  name: A\n- id: b\n  name: B\n- id: c\n  name: C\n",
    ),
    (  # a comment that leads into the next entry stays with it
        "people:\n- id: a\n\n# the c family\n- id: c\n",
        Layout("", "", True),
        "people:\n- id: a\n\n- id: b\n  name: B\n\n# the c family\n- id: c\n",
    ),
    (  # last in order: after the last entry, before the comments that end the file
        "people:\n- id: a\n  name: A\n\n# end of file\n",
        Layout("", "", True),
        "people:\n- id: a\n  name: A\n\n- id: b\n  name: B\n\n# end of file\n",
    ),
    (  # first in order
        "people:\n- id: c\n",
        Layout("", "", True),
        "people:\n- id: b\n  name: B\n\n- id: c\n",
    ),
    (  # an empty registry
        "people: []\n",
        Layout("", "", True),
        "people:\n- id: b\n  name: B\n",
    ),
]


@pytest.mark.parametrize(("text", "style", "expected"), INSERTS)
def test_insert_keeps_the_file_as_written(text: str, style: Layout, expected: str) -> None:
    assert insert(text, "people.yaml", ENTRY, style) == expected


LAYOUTS = [
    ("people:\n  - id: a\n    passages:\n      - file: x\n\n  - id: b\n", Layout("  ", "  ", True)),
    ("people:\n- id: a\n  passages:\n  - file: x\n- id: b\n", Layout("", "", False)),
    ("people:\n  - id: a\n    passages:\n    - file: x\n  - id: b\n", Layout("  ", "", False)),
]


@pytest.mark.parametrize(("text", "expected"), LAYOUTS)
def test_the_layout_is_read_from_the_file(text: str, expected: Layout) -> None:
    assert layout(text) == expected
