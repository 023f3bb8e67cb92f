"""Every bad value of every sidecar field is a ``path:line`` message, never a traceback.

Each field gets a table of bad values, written as a contributor might type them (quoted
or not: YAML reads ``2017-13-40`` unquoted as a timestamp, and PyYAML's constructor raises
on it). Each is checked three ways: :func:`read_sidecar` on its own, each command-line
path in-process (a plain run, ``--check`` and ``--accept``), and, for the values that used
to end in a traceback, the real command in a fresh process. Dates are also checked against
the calendar by :func:`date_problem`, on a table of their own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.ingest.__main__ import main
from tools.ingest.dates import date_problem, iso_parts
from tools.ingest.load.sidecar import FIELDS, read_sidecar

ROOT = Path(__file__).resolve().parent.parent
#: The sidecar's first line is a comment, so a problem on line 2 names the value's line.
HEAD = "# what we know about post.txt\n"

NOT_TEXT = ["[a, b]", "{a: b}", "\n  - a\n  - b", "\n  a: b", "yes", "no", "true", "off"]
BAD_DATES = [
    "2017-13-40",
    "2017-02-30",
    "'2017-02-30'",
    '"2017-13-01"',
    "2017-00",
    "2016-02-30",
    "2017-04-31",
    "0000",
    "17 June 2015",
    "2015-06-17 10:00:00",
    "2015-06-17T10:00:00Z",
    "2015-6-1",
    "1:30",
    "012",
    "2015.5",
    ".inf",
    "''",
]
#: field -> bad values, as they would be typed after ``field: ``.
BAD: dict[str, list[str]] = {
    "url": ["example.org", "ftp://example.org/a", "'https:// a'", "12", "2017-01-01", *NOT_TEXT],
    "title": NOT_TEXT,
    "author": NOT_TEXT,
    "date": [*BAD_DATES, *NOT_TEXT],
    "retrieved": [*BAD_DATES, *NOT_TEXT],
    "notes": NOT_TEXT,
}
CASES = [(field, value) for field, values in BAD.items() for value in values]


def test_every_field_has_a_table_of_bad_values() -> None:
    assert set(BAD) == set(FIELDS)


def _sidecar(field: str, value: str) -> str:
    return f"{HEAD}{field}: {value}\n"


@pytest.mark.parametrize(("field", "value"), CASES)
def test_a_bad_value_is_a_problem_on_its_line(field: str, value: str) -> None:
    sidecar, problems = read_sidecar(_sidecar(field, value), "blog/post.yaml")
    assert [(p.path, p.line) for p in problems] == [("blog/post.yaml", 2)]
    assert f"field '{field}'" in problems[0].message
    assert getattr(sidecar, field) is None


GOOD = [
    ("date", "2015", "2015"),
    ("date", "'2015'", "2015"),
    ("date", "2016-02", "2016-02"),
    ("date", "2016-02-29", "2016-02-29"),
    ("date", '"2016-02-29"', "2016-02-29"),
    ("retrieved", "2026-11-20", "2026-11-20"),
    ("url", "https://example.org/a?b=1", "https://example.org/a?b=1"),
    ("title", "'yes'", "yes"),
    ("title", "2017-13-40", "2017-13-40"),  # any text is a title
    ("author", "Jane Example", "Jane Example"),
    ("notes", "null", None),
]


@pytest.mark.parametrize(("field", "value", "kept"), GOOD)
def test_a_good_value_is_kept_as_written(field: str, value: str, kept: str | None) -> None:
    sidecar, problems = read_sidecar(_sidecar(field, value), "blog/post.yaml")
    assert problems == ()
    assert getattr(sidecar, field) == kept


DATES = [
    ("2016", None, (2016, None, None)),
    ("2016-10", None, (2016, 10, None)),
    ("2016-10-28", None, (2016, 10, 28)),
    ("2016-02-29", None, (2016, 2, 29)),
    ("2017-02-29", "has the day 29, and February 2017 has days 01 to 28", None),
    ("2017-13-40", "has the month 13, and months go from 01 to 12", None),
    ("2017-00-10", "has the month 00", None),
    ("2017-04-31", "April 2017 has days 01 to 30", None),
    ("2017-04-00", "has the day 00", None),
    ("0000", "the year 0000, which does not exist", None),
    ("28 October 2016", "is not a date written as YYYY, YYYY-MM or YYYY-MM-DD", None),
    ("2016-10-28T10:00", "is not a date written as", None),
    ("", "is not a date written as", None),
]


@pytest.mark.parametrize(("text", "problem", "parts"), DATES)
def test_dates_are_checked_against_the_calendar(
    text: str, problem: str | None, parts: tuple[int, int | None, int | None] | None
) -> None:
    found = date_problem(text)
    assert (found is None) == (problem is None)
    if problem is not None:
        assert found is not None
        assert problem in found
    assert iso_parts(text) == parts


def test_a_whole_date_is_asked_for_where_the_day_is_needed() -> None:
    assert date_problem("2016-10-28", full=True) is None
    assert "not a whole date" in (date_problem("2016-10", full=True) or "")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A collection of one post and empty registries: each command line run is quick."""
    root = tmp_path_factory.mktemp("tiny")
    (root / "sources" / "blog").mkdir(parents=True)
    (root / "sources" / "registry").mkdir()
    for name in ("people", "seminars", "concepts"):
        (root / "sources" / "registry" / f"{name}.yaml").write_text(f"{name}: []\n", "utf-8")
    (root / "sources" / "blog" / "post.txt").write_text(
        "A post about seminar 4\n\nBy Quentin Zybrowski\n\nSome words on co-production.\n",
        "utf-8",
    )
    return root


PATHS = [[], ["--check"], ["--accept", "Quentin Zybrowski"]]


@pytest.mark.parametrize(("field", "value"), CASES)
def test_every_command_line_path_reports_a_bad_value_and_exits_1(
    tiny: Path, field: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sidecar = tiny / "sources" / "blog" / "post.yaml"
    sidecar.write_text(_sidecar(field, value), "utf-8")
    registry = (tiny / "sources" / "registry" / "people.yaml").read_bytes()
    for path in PATHS:
        argv = ["--sources", str(tiny / "sources"), "--out", str(tiny / "out"), *path]
        assert main(argv) == 1, path
        err = capsys.readouterr().err
        location = f"{tiny / 'sources' / 'blog' / 'post.yaml'}:2: field '{field}'"
        assert location in err, (path, err)
        assert "Traceback" not in err
    assert not (tiny / "out").exists()  # nothing was written
    assert (tiny / "sources" / "registry" / "people.yaml").read_bytes() == registry


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("value", ["2017-13-40", "2017-02-30", "'2017-02-30'"])
def test_the_real_command_shows_no_traceback(tiny: Path, value: str, path: list[str]) -> None:
    """The values that used to end in a traceback, through a fresh process."""
    sidecar = tiny / "sources" / "blog" / "post.yaml"
    sidecar.write_text(_sidecar("date", value), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tools.ingest", "--sources", str(tiny / "sources"),
         "--out", str(tiny / "out"), *path],
        capture_output=True, text=True, cwd=ROOT, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert f"{sidecar}:2: field 'date': " in done.stderr
    assert "correct it, or leave the field out" in done.stderr
