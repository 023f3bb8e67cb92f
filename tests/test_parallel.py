"""Running stages on every core (tools/ingest/parallel.py) changes nothing but the time.

The real collection is too small to start a pool, so these tests force one: a pure map,
an error raised in a worker, and the whole pipeline on a synthetic archive of a few
hundred posts, built once in one process and once with workers, byte for byte.
"""

from __future__ import annotations

import gc
import hashlib
import shutil
from pathlib import Path

import pytest

from tools.bench.generate import Spec, generate, write
from tools.bench.material import build_material
from tools.ingest import link as link_stage
from tools.ingest import parallel, pipeline
from tools.ingest.errors import InputError, Problem

ROOT = Path(__file__).resolve().parent.parent


def _square_or_fail(n: int) -> int:
    if n in (300, 321):  # dealt to different workers: 321 comes first in its worker's hand
        raise ValueError(f"item {n}")
    if n == 333:
        raise InputError([Problem("blog/x.txt", 3, "bad line"), Problem("blog/a.txt", 1, "x")])
    return n * n


@pytest.fixture
def two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_WORKERS", "2")


@pytest.mark.usefixtures("two_workers")
def test_a_parallel_map_keeps_the_order() -> None:
    items = list(range(1000))
    assert parallel.pmap(lambda n: n * n, items, min_items=10) == [n * n for n in items]


@pytest.mark.usefixtures("two_workers")
def test_an_error_in_a_worker_arrives_whole() -> None:
    with pytest.raises(InputError) as raised:
        parallel.pmap(_square_or_fail, list(range(322, 400)), min_items=10)
    assert [str(p) for p in raised.value.problems] == ["blog/a.txt:1: x", "blog/x.txt:3: bad line"]


@pytest.mark.usefixtures("two_workers")
def test_the_error_raised_is_the_first_in_input_order() -> None:
    """As the serial map: item 300 fails before item 321, whichever worker had which."""
    with pytest.raises(ValueError, match="item 300"):
        parallel.pmap(_square_or_fail, list(range(400)), min_items=10)


def test_workers_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_WORKERS", "1")
    assert parallel.workers() == 1
    assert parallel.pmap(str, list(range(500))) == [str(n) for n in range(500)]
    monkeypatch.setenv("KB_WORKERS", "nonsense")
    assert parallel.workers() >= 1


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic archive of 400 posts beside the real sources (the registries cite them)."""
    root = tmp_path_factory.mktemp("archive")
    material = build_material(ROOT / "sources" / "blog")
    sources = write(generate(Spec(posts=400, seed=7), material), root)
    for path in (ROOT / "sources").rglob("*"):
        target = sources / path.relative_to(ROOT / "sources")
        if path.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return sources


def _digest(sources: Path) -> str:
    files = pipeline.build(pipeline.Options(sources=sources, out=sources.parent / "out")).files
    digest = hashlib.sha256()
    for path, data in sorted(files.items()):
        digest.update(path.encode() + b"\0" + data)
    return digest.hexdigest()


def test_the_pipeline_writes_the_same_bytes_with_workers(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KB_WORKERS", "1")
    alone = _digest(archive)
    monkeypatch.setenv("KB_WORKERS", "2")
    assert _digest(archive) == alone


def test_the_collector_is_paused_while_the_stages_run_and_back_after(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The stages run with the cyclic collector paused (pipeline.py says why); a failing
    run gives it back too, as it was."""
    seen: list[bool] = []
    real = link_stage.link

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(link_stage, "link", spy)
    assert gc.isenabled()
    pipeline.build(pipeline.Options(sources=ROOT / "sources", out=tmp_path / "out"))
    assert seen == [False]
    assert gc.isenabled()
    with pytest.raises(InputError):
        pipeline.build(pipeline.Options(sources=tmp_path / "missing", out=tmp_path / "out"))
    assert gc.isenabled()
