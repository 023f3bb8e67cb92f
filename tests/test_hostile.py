"""Hostile and huge input, built by each test: the run ends in exit 1 with ``path:line``
problems, never a traceback, in bounded memory and time, and reads nothing outside the
sources folder.

The runs that measure memory go through ``python -m tools.ingest`` in a process of its
own (:mod:`tests.ingest_run`): its peak resident memory comes from the ``resource`` usage
of that process, and its address space is capped, so a regression fails here instead of
filling the machine's memory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ingest_run import ROOT, SOURCES, Ran, ingest, measured, tree
from tools.bench.lines import short_lines
from tools.ingest import clean, load, split, state, yamlfile
from tools.ingest.errors import InputError, Problem, excerpt
from tools.ingest.link import load_registries
from tools.ingest.load import load_sources
from tools.ingest.records import CleanSource
from tools.ingest.yamlfile import MAX_DEPTH, MAX_YAML_BYTES, parse

#: The most memory a run may take on any hostile file (the real collection takes ~100 MB).
PEAK_MB = 300
REGISTRY_KEYS = {"seminars.yaml": "seminars", "people.yaml": "people", "concepts.yaml": "concepts"}


def sources_copy(tmp_path: Path) -> Path:
    """A copy of the project's sources (the registries cite their lines)."""
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    return sources


def refused(ran: Ran, where: Path | str, words: str, line: int | None = None) -> None:
    """Exit 1, no traceback, and a ``where:line: ...words...`` problem on stderr."""
    assert ran.code == 1, ran.stderr
    assert "Traceback" not in ran.stderr + ran.stdout, ran.stderr
    number = r"\d+" if line is None else str(line)
    pattern = rf"^{re.escape(str(where))}:{number}: .*{re.escape(words)}"
    assert re.search(pattern, ran.stderr, re.MULTILINE), ran.stderr
    assert ran.stderr.rstrip().endswith("nothing was written."), ran.stderr


# -- YAML that cannot explode ---------------------------------------------------------------


def bomb(levels: int = 9) -> str:
    """Nested aliases: 9 ** 9 (387 million) strings once expanded, in about 400 bytes."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * 9) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "target", ["blog/york-commissioning-event-reflections.yaml", *sorted(REGISTRY_KEYS)]
)
def test_an_alias_bomb_is_refused_in_bounded_memory(tmp_path: Path, target: str) -> None:
    sources = sources_copy(tmp_path)
    if target.startswith("blog/"):  # a sidecar: the bomb is the value of a known field
        path, text = sources / target, bomb() + "title: *a8\n"
    else:
        key = REGISTRY_KEYS[target]
        path = sources / "registry" / target
        text = bomb() + f"{key}:\n  - id: x\n    name: *a8\n"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    ran = ingest(sources, out)
    refused(ran, path, "anchors and aliases (&name, *name, <<: *name) are not accepted", 1)
    assert ran.peak_mb < PEAK_MB, ran.peak_mb
    assert len(ran.stderr) < 2000, "the value is not dumped into the message"
    assert tree(out) == {}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: &x 1\nb: *x\n", 1, "anchors and aliases"),
        ("base: {a: 1}\nmore:\n  <<: *base\n", 3, "anchors and aliases"),
        ("a:\n" + "".join(" " * i + "a:\n" for i in range(1, 40)), MAX_DEPTH + 1, "nested more"),
        ("[" * 100_000, 1, f"nested more than {MAX_DEPTH} deep"),
        ("[" + "0, " * 1000 + "0]", 1, "more than 1000 values"),  # MAX_NODES set to 1000
        ("a: !!python/object:os.system x\n", 1, "the tag 'tag:yaml.org,2002:python/object"),
        ("a: !custom x\n", 1, "the tag '!custom' is not accepted"),
        ("a: 1\n---\nb: 2\n", 2, "a second document"),
        ("? [a, b]\n: c\n", 1, "a key must be a word"),
        ("a: b\nc: \x00\n", 2, "not valid YAML (unacceptable character"),
        ("x" * (MAX_YAML_BYTES + 1), 1, f"over the {MAX_YAML_BYTES} limit"),
    ],
    ids=lambda value: str(value)[:24],
)
def test_yaml_that_could_explode_is_refused_with_its_line(
    text: str, line: int, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlfile, "MAX_NODES", 1000)  # the real 100,000 takes 3 s to reach
    start = time.perf_counter()
    node, problems = parse(text, "f.yaml")
    assert node is None
    assert [(p.path, p.line) for p in problems] == [("f.yaml", line)], problems
    assert words in problems[0].message
    assert len(problems[0].message) < 200
    assert time.perf_counter() - start < 5


def test_every_rules_file_reads_as_safe_load_reads_it() -> None:
    import yaml

    from tools.ingest.yamlfile import RULES_DIR, load_data

    for path in sorted(RULES_DIR.glob("*.yaml")):
        assert load_data(path) == yaml.safe_load(path.read_text("utf-8")), path.name


def test_no_yaml_is_read_but_through_the_hardened_reader() -> None:
    """``yaml.safe_load``/``yaml.load``/``compose`` appear nowhere in the pipeline but in
    yamlfile.py, the one reader that refuses what could explode."""
    pattern = re.compile(r"yaml\.(safe_load|load|full_load|unsafe_load|compose|parse)\b")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "tools" / "ingest").rglob("*.py"))
        if path.name != "yamlfile.py"
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert found == []


# -- Registry passages stay inside sources/ -------------------------------------------------

PASSAGE_SOURCE = "First line of the text.\nJane Example spoke about co-production.\n"


def tiny_sources(tmp_path: Path, cited: str, registry_file: str = "people.yaml") -> Path:
    """A source, a secret beside the sources folder, and a registry citing ``cited``."""
    sources = tmp_path / "sources"
    (sources / "blog").mkdir(parents=True)
    (sources / "blog" / "a.txt").write_text(PASSAGE_SOURCE, encoding="utf-8")
    (tmp_path / "outside.txt").write_text("Jane Example is the secret.\n", encoding="utf-8")
    (sources / "registry").mkdir()
    people = (
        "people:\n  - id: jane-example\n    name: Jane Example\n    passages:\n"
        f"      - file: {json.dumps(cited)}\n        line: 1\n        quote: Jane Example\n"
    )
    files = {"seminars.yaml": "seminars: []\n", "people.yaml": people}
    files["concepts.yaml"] = "concepts: []\n"
    for name, text in files.items():
        (sources / "registry" / name).write_text(text, encoding="utf-8")
    return sources


OUTSIDE = [
    "/etc/passwd",
    "/proc/self/environ",
    "../outside.txt",
    "../missing.txt",
    "blog/../../outside.txt",
    "blog/../../missing.txt",
    "./blog/a.txt",
    "blog//a.txt",
    "blog\\a.txt",
    "blog/link.txt",
    "linked/a.txt",
    "registry/people.yaml",
    "blog/.hidden.txt",
    "blog/a.yaml.txt.yaml/x",
]


@pytest.mark.parametrize("cited", OUTSIDE)
def test_a_passage_outside_sources_is_refused_and_tells_nothing(tmp_path: Path, cited: str) -> None:
    sources = tiny_sources(tmp_path, cited)
    (sources / "blog" / "link.txt").symlink_to(tmp_path / "outside.txt")
    (sources / "linked").symlink_to(sources / "blog", target_is_directory=True)
    (sources / "blog" / ".hidden.txt").write_text(PASSAGE_SOURCE, encoding="utf-8")
    (sources / "blog" / "a.yaml").write_text("title: Jane Example\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_registries(sources)
    # One message, the same words whether the target exists or not, whatever it holds.
    expected = (
        f"cited file {excerpt(cited)} is not in sources/: give the path of a .txt or .html "
        "file under sources/, such as blog/NAME.txt"
    )
    path = str(sources / "registry" / "people.yaml")
    assert raised.value.problems == (Problem(path, 5, expected),)


def test_a_passage_inside_sources_is_checked_against_its_line(tmp_path: Path) -> None:
    sources = tiny_sources(tmp_path, "blog/a.txt")
    with pytest.raises(InputError) as raised:
        load_registries(sources)
    assert "the quote is on line 2 of blog/a.txt, not 1" in str(raised.value)


AUDIT = """
import os, runpy, sys
opened = []
def audit(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        opened.append(os.path.abspath(os.fsdecode(args[0])))
sys.addaudithook(audit)
log, sys.argv = sys.argv[1], ["tools.ingest", *sys.argv[2:]]
try:
    runpy.run_module("tools.ingest", run_name="__main__", alter_sys=True)
finally:
    with open(log, "w") as handle:
        handle.write("\\n".join(opened))
"""


def test_no_file_outside_sources_is_opened_for_a_passage(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (tmp_path / "outside.txt").write_text("Jane Example is the secret.\n", encoding="utf-8")
    cited = ["/etc/passwd", "/proc/self/environ", "../outside.txt", "blog/../../outside.txt"]
    people = sources / "registry" / "people.yaml"
    entries = "".join(
        f"\n  - id: jane-example-{i}\n    name: Jane Example {i}\n    passages:\n"
        f"      - file: {json.dumps(path)}\n        line: 1\n        quote: Jane Example\n"
        for i, path in enumerate(cited)
    )
    people.write_text(people.read_text("utf-8") + entries, encoding="utf-8")
    log, out = tmp_path / "opened.txt", tmp_path / "out"
    command = [sys.executable, "-c", AUDIT, str(log), "--sources", str(sources)]
    ran = measured([*command, "--out", str(out)])
    for path in cited:
        refused(ran, people, f"cited file {excerpt(path)} is not in sources/")
    assert "secret" not in ran.stderr
    assert "root:" not in ran.stderr
    opened = log.read_text("utf-8").splitlines()
    assert any(p.startswith(str(sources)) for p in opened), "the audit hook saw the sources"
    own = (str(sources) + "/", str(out) + "/", str(log))  # the run's own folders
    for path in opened:
        assert not path.startswith(str(tmp_path)) or path.startswith(own), path
        assert not path.startswith(("/etc/", "/proc/")), path
    assert tree(out) == {}


def test_a_registry_file_that_is_a_link_is_refused(tmp_path: Path) -> None:
    sources = sources_copy(tmp_path)
    people = sources / "registry" / "people.yaml"
    real = tmp_path / "people.yaml"
    shutil.move(people, real)
    people.symlink_to(real)
    ran = ingest(sources, tmp_path / "out")
    refused(ran, people, "is a symbolic link: links are not followed", 0)


def test_a_registry_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    sources = sources_copy(tmp_path)
    shutil.move(sources / "registry", tmp_path / "registry")
    (sources / "registry").symlink_to(tmp_path / "registry", target_is_directory=True)
    ran = ingest(sources, tmp_path / "out")
    refused(ran, sources / "registry", "is a symbolic link", 0)
    with pytest.raises(InputError, match="is a symbolic link"):
        load_registries(sources)  # the link stage refuses it on its own too


# -- Size and type before content -----------------------------------------------------------

SPARSE = 2 * 1024**3


def sparse(path: Path, size: int = SPARSE) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


def test_sparse_two_gigabyte_files_are_refused_unread(tmp_path: Path) -> None:
    sources = sources_copy(tmp_path)
    sparse(sources / "blog" / "huge.txt")
    sparse(sources / "blog" / "archive-seminar-6-and-4.yaml")  # a sidecar
    ran = ingest(sources, tmp_path / "out")
    refused(ran, sources / "blog" / "huge.txt", "the file is 2147.5 MB, over the 20.0 MB limit")
    refused(ran, sources / "blog" / "archive-seminar-6-and-4.yaml", "over the 1.0 MB limit")
    assert ran.peak_mb < PEAK_MB, ran.peak_mb
    assert ran.seconds < 20


def test_a_sparse_registry_is_refused_unread(tmp_path: Path) -> None:
    sources = sources_copy(tmp_path)
    sparse(sources / "registry" / "concepts.yaml")
    ran = ingest(sources, tmp_path / "out")
    refused(ran, sources / "registry" / "concepts.yaml", "over the 1.0 MB limit", 0)
    assert ran.peak_mb < PEAK_MB, ran.peak_mb


def test_the_change_digest_reads_no_big_file_and_follows_nothing(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    (sources / "blog").mkdir(parents=True)
    (sources / "blog" / "a.txt").write_text("text\n", encoding="utf-8")
    digests = [state.inputs_digest(sources)]
    sparse(sources / "blog" / "huge.txt", 200 * 1024**3)  # 200 GB: read, it would take minutes
    os.mkfifo(sources / "blog" / "pipe.txt")  # opened, it would block for ever
    (sources / "blog" / "link.txt").symlink_to("/etc/passwd")
    (sources / "blog" / "empty").mkdir()
    start = time.perf_counter()
    for name in ("huge.txt", "pipe.txt", "link.txt", "empty"):
        digests.append(state.inputs_digest(sources))
        target = sources / "blog" / name
        target.rmdir() if target.is_dir() and not target.is_symlink() else target.unlink()
    digests.append(state.inputs_digest(sources))
    assert time.perf_counter() - start < 5
    assert len(set(digests[:-1])) == len(digests) - 1, "each entry changes the digest"
    assert digests[-1] == digests[0], "and it is the same again once they are gone"


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("link.txt", lambda p: p.symlink_to("/etc/passwd"), "is a symbolic link"),
        ("pipe.txt", lambda p: os.mkfifo(p), "is not a regular file (a pipe"),
        ("notes", lambda p: p.mkdir(), "subfolders are not read"),
    ],
)
def test_an_entry_added_after_a_good_run_is_reported(
    tmp_path: Path, name: str, make: Callable[[Path], object], words: str
) -> None:
    sources = sources_copy(tmp_path)
    out = tmp_path / "out"
    assert ingest(sources, out).code == 0
    before = tree(out)
    make(sources / "blog" / name)
    ran = ingest(sources, out, timeout=30)
    refused(ran, sources / "blog" / name, words, 0)
    assert tree(out) == before


# -- Linear splitting -----------------------------------------------------------------------


def cleaned_lines(tmp_path: Path, count: int) -> tuple[CleanSource, ...]:
    """One blog file of ``count`` short lines, loaded and cleaned."""
    root = tmp_path / f"lines-{count}"
    (root / "blog").mkdir(parents=True)
    (root / "blog" / "a.txt").write_text(short_lines(count), encoding="utf-8")
    return clean.run(load.run(root))


def split_seconds(cleaned: tuple[CleanSource, ...]) -> float:
    """CPU seconds the split stage takes on ``cleaned``."""
    rules = split.load_split_rules()
    start = time.process_time()
    posts = split.split_all(cleaned, rules)
    seconds = time.process_time() - start
    assert len(posts) == 1
    return seconds


def test_splitting_grows_linearly_with_short_lines(tmp_path: Path) -> None:
    # Linear is 10x for 10x the lines; the old splitter, rescanning the post for every
    # line, took 6 s for 10,000 lines and 68 s for 20,000, and never finished 100,000.
    # Compared as a ratio within one run, not against a clock: the suite runs on two
    # workers on a shared machine, and a quadratic splitter gives about 100x.
    # (5,000 and 50,000 lines: the ratio is the same, in half the suite's time)
    small = cleaned_lines(tmp_path, 5_000)
    fastest = min(split_seconds(small) for _ in range(3))
    big = split_seconds(cleaned_lines(tmp_path, 50_000))
    assert big / fastest < 30, (fastest, big)


# -- No traceback for any value -------------------------------------------------------------

SIDECAR_VALUES = [
    ("retrieved: 2017-13-45\n", 2, "field 'retrieved': "),
    ("date: 2016-02-30\n", 2, "field 'date': "),
    ("date: 2016-13\n", 2, "field 'date': "),
    ("date: 2016-10-28 25:00:00\n", 2, "field 'date': "),
    ("date: 2016-10-28T10:61\n", 2, "field 'date': "),
    ("date: 17 June 2015\n", 2, "field 'date': "),
    ("date: 2016-10-28 10:00:00\n", 2, "field 'date': "),  # a date, not a time: YYYY-MM-DD
    ("date: [2016]\n", 2, "field 'date' must be text, not a list"),
    ("date:\n  year: 2016\n", 2, "field 'date' must be text, not a mapping"),
    ("retrieved: yes\n", 2, "field 'retrieved' must be text, not true or false"),
    ("url: " + "x" * 5000 + "\n", 2, "(got 'xxxxxxxx"),
    ("title: a\ntitle: b\n", 3, "field 'title' is given twice"),
    ("? " + "x" * 3000 + "\n: 1\n", 2, "unknown field 'xxxxx"),
]


@pytest.mark.parametrize(
    ("text", "line", "words"), SIDECAR_VALUES, ids=[t[:20] for t, _, _ in SIDECAR_VALUES]
)
def test_a_bad_sidecar_value_is_a_problem_on_its_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "a.txt").write_text("Some text.\n", encoding="utf-8")
    (tmp_path / "blog" / "a.yaml").write_text("# a sidecar\n" + text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_sources(tmp_path)
    (problem,) = raised.value.problems
    assert (problem.path, problem.line) == ((tmp_path / "blog" / "a.yaml").as_posix(), line)
    assert words in problem.message, problem.message
    assert len(problem.message) < 300


def test_good_dates_are_kept_as_before(tmp_path: Path) -> None:
    (tmp_path / "blog").mkdir()
    cases = {
        "2015": "2015",
        "2015-06": "2015-06",
        "2016-02-29": "2016-02-29",
        "'2016-10-28'": "2016-10-28",
    }
    for i, value in enumerate(cases):
        (tmp_path / "blog" / f"a{i}.txt").write_text("Some text.\n", encoding="utf-8")
        (tmp_path / "blog" / f"a{i}.yaml").write_text(f"date: {value}\n", encoding="utf-8")
    loaded = load_sources(tmp_path)
    assert [s.sidecar.date for s in loaded] == list(cases.values())


PASSAGE = "      - file: blog/a.txt\n        line: {line}\n        quote: Jane Example\n"
PERSON = "  - id: {id}\n    name: Jane Example\n    passages:\n" + PASSAGE
SEMINAR = "  - number: {number}\n    date: {date}\n    facts: []\n"
REGISTRY_VALUES = [
    ("people.yaml", PERSON.format(id="jane", line="4:19"), 6, "must be a whole number from 1"),
    ("people.yaml", PERSON.format(id="jane", line="0"), 6, "(got 0)"),
    ("people.yaml", PERSON.format(id="jane", line="-3"), 6, "(got -3)"),
    ("people.yaml", PERSON.format(id="jane", line="1e3"), 6, "(got '1e3')"),
    ("people.yaml", PERSON.format(id="jane", line="9" * 5000), 6, "(got '99999"),
    ("people.yaml", PERSON.format(id="jane", line="[2]"), 6, "(got a list)"),
    ("people.yaml", PERSON.format(id="jane", line="null"), 6, "(got nothing)"),
    ("people.yaml", PERSON.format(id="[a, b]", line=2), 2, "field 'id' of a person must be text"),
    ("people.yaml", PERSON.format(id="J" * 5000, line=2), 2, "must be a slug"),
    ("people.yaml", PERSON.format(id="true", line=2), 2, "must be text: quote it"),
    ("seminars.yaml", SEMINAR.format(number=4, date="2017-13-45"), 3, "has the month 13"),
    ("seminars.yaml", SEMINAR.format(number=4, date="2017-02-29"), 3, "February 2017 has days"),
    ("seminars.yaml", SEMINAR.format(number="4:19", date="null"), 2, "whole number from 1"),
    ("seminars.yaml", SEMINAR.format(number=0, date="null"), 2, "whole number from 1"),
]


@pytest.mark.parametrize(
    ("name", "entry", "line", "words"),
    REGISTRY_VALUES,
    ids=[f"{n}:{e.split(chr(10))[0][:30]}" for n, e, _, _ in REGISTRY_VALUES],
)
def test_a_bad_registry_value_is_a_problem_on_its_line(
    tmp_path: Path, name: str, entry: str, line: int, words: str
) -> None:
    sources = tiny_sources(tmp_path, "blog/a.txt")
    (sources / "registry" / name).write_text(f"{REGISTRY_KEYS[name]}:\n{entry}", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_registries(sources)
    here = [p for p in raised.value.problems if p.path.endswith(name)]
    assert {p.line for p in here} == {line}, raised.value.problems
    assert any(words in p.message for p in here), here
    assert all(len(p.message) < 300 for p in here)


@pytest.mark.parametrize(
    ("target", "text", "words"),
    [
        ("blog/archive-seminar-6-and-4.yaml", "retrieved: 2017-13-45\n", "has the month 13"),
        ("registry/people.yaml", None, "field 'line' of a passage must be a whole number"),
    ],
)
def test_a_bad_value_ends_the_run_without_a_traceback(
    tmp_path: Path, target: str, text: str | None, words: str
) -> None:
    sources = sources_copy(tmp_path)
    path = sources / target
    if text is None:  # the first cited line of the registry, written as a time of day
        original = path.read_text("utf-8")
        text = re.sub(r"line: \d+", "line: 4:19", original, count=1)
        assert text != original
    path.write_text(text, encoding="utf-8")
    refused(ingest(sources, tmp_path / "out"), path, words)


@pytest.mark.parametrize("name", sorted(REGISTRY_KEYS))
def test_a_registry_that_is_not_utf8_gets_the_encoding_message(tmp_path: Path, name: str) -> None:
    sources = sources_copy(tmp_path)
    path = sources / "registry" / name
    data = path.read_bytes()
    second = data.index(b"\n") + 1
    path.write_bytes(data[:second] + b"# caf\xe9 in cp1252\n" + data[second:])
    ran = ingest(sources, tmp_path / "out")
    refused(ran, path, f"not valid UTF-8 (byte {second + 5})", 2)
    assert "re-save the file as UTF-8" in ran.stderr


# -- Nothing of the build machine published -------------------------------------------------


def test_the_report_and_pages_name_files_relative_to_the_sources_folder(tmp_path: Path) -> None:
    sources = sources_copy(tmp_path)
    (sources / "blog" / "cafe.txt").write_bytes(b"A caf\xe9 in Leeds\n\nWe met there.\n")
    page = "<html><body><p>A page with no article in it, about Leeds.</p></body></html>"
    (sources / "blog" / "page.html").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    ran = ingest(sources.resolve(), out, "--full")
    assert ran.code == 0, ran.stderr
    assert str(sources) not in ran.stdout  # the report printed, as on the page
    for path in out.rglob("*"):
        if path.is_file() and path.name != ".ingest-state.json":
            assert str(sources).encode() not in path.read_bytes(), path
    report = (out / "documents" / "report.md").read_text("utf-8")
    assert "blog\\/cafe\\.txt\\: not valid UTF\\-8" in report
    assert "blog\\/page\\.html\\: no \\<article\\>" in report


def test_the_real_collection_is_built_well_within_the_memory_limit(tmp_path: Path) -> None:
    ran = ingest(SOURCES, tmp_path / "out")
    assert ran.code == 0, ran.stderr
    assert ran.peak_mb < PEAK_MB, ran.peak_mb
