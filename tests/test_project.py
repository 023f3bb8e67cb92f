"""The project's own files agree with each other: pins, layout, one home per helper."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
INGEST = ROOT / "tools" / "ingest"
#: Each stage's package or module, in pipeline order; each exposes ``run``.
STAGES = ("load", "clean", "split", "dedupe", "link", "render", "write")


def _hooks() -> dict[str, dict[str, object]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_pins_match_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    runtime = sorted(project["project"]["dependencies"], key=str.casefold)
    hook = _hooks()["ingest-check"]
    assert sorted(map(str, hook["additional_dependencies"]), key=str.casefold) == runtime  # type: ignore[call-overload]
    lint = {r.split(">=")[0]: r for r in project["dependency-groups"]["lint"]}
    for hook_id in ("ruff-check", "ruff-format"):
        assert _hooks()[hook_id]["additional_dependencies"] == [lint["ruff"]]


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_has_one_entry_point_named_run(stage: str) -> None:
    path = INGEST / stage / "__init__.py"
    path = path if path.exists() else INGEST / f"{stage}.py"
    tree = ast.parse(path.read_text("utf-8"))
    names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert "run" in names, f"{path}: the stage's entry point is run()"


def _definitions(name: str) -> list[str]:
    return sorted(
        str(path.relative_to(ROOT))
        for path in INGEST.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name == name
    )


@pytest.mark.parametrize("name", ["fold", "slugify", "unaccented", "words"])
def test_text_helpers_have_one_home(name: str) -> None:
    assert _definitions(name) == ["tools/ingest/text.py"]


@pytest.mark.parametrize("key", ["honorifics", "particles", "not_name_words", "connectives"])
def test_the_name_model_has_one_rules_file(key: str) -> None:
    """What a name is made of, and what is never part of one, is listed once, in
    rules/names.yaml (read by tools/ingest/names.py), for split and link alike."""
    in_rules = [
        path.name
        for path in (INGEST / "rules").glob("*.yaml")
        if any(line.startswith(f"{key}:") for line in path.read_text("utf-8").splitlines())
    ]
    assert in_rules == ["names.yaml"]


def test_no_stage_module_keeps_its_own_honorifics() -> None:
    """No module spells "Prof" or "Mrs" in a word list: honorifics come from names.yaml."""
    for path in INGEST.rglob("*.py"):
        strings = {
            node.value.casefold()
            for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        assert not strings & {"prof", "mrs", "professor"}, path
