"""The ingest pipeline: an ordered list of small stages.

    1. load    (:mod:`.load`)    read each file of ``sources/<kind>/``, decode it, read its sidecar
    2. clean   (:mod:`.clean`)   drop boilerplate by the rules in ``rules/``, shape text into blocks
    3. split   (:mod:`.split`)   cut archive pages into posts; a deck or an article is one post
    4. dedupe  (:mod:`.dedupe`)  merge copies of the same post, keeping every origin
    5. link    (:mod:`.link`)    tie each document to its seminar, people and concepts
    6. render  (:mod:`.render`)  one MyST page per document and entity, and ``catalog.json``
    7. write   (:mod:`.write`)   swap the new output in, rewriting only what changed

Stages 1 to 3 work file by file and parts of 5 and 6 document by document; on a large
collection those parts run on every core (:mod:`.parallel`), with the same output.

Before stage 1, :func:`run` asks :mod:`.state` whether anything changed since the last
run (sources, the pipeline's code and rules, library versions, the output itself); if
nothing did, the run stops there and reports "nothing changed".

Stages 1 to 6 (:func:`build`, or :func:`stages` to stop after a named one) are computed
in memory; nothing under the output folder is
touched until all of them have succeeded, so a failed run leaves the last good output as
it was. :func:`run` builds, then writes.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, Literal

from . import clean, dedupe, link, load, render, report, split, state, write
from .records import CleanSource, Linked, Post, Source

#: The stages that compute (1 to 6), in order; :func:`stages` can stop after any of them.
STAGES: Final = ("load", "clean", "split", "dedupe", "link", "render")
StageName = Literal["load", "clean", "split", "dedupe", "link", "render"]


@dataclass(frozen=True)
class Options:
    """Everything a run depends on."""

    sources: Path = Path("sources")
    out: Path = Path("docs")
    full: bool = False  # run every stage even if nothing changed since the last run
    #: The site's own address (``KB_BASEURL``, checked by :func:`.pages.base_url`): the
    #: references give their pages' addresses with it. None: not known, none given.
    base_url: str | None = None


@dataclass(frozen=True)
class Made:
    """What the stages made, up to the last one run; the fields of later stages are None."""

    sources: tuple[Source, ...]
    cleaned: tuple[CleanSource, ...] | None = None
    posts: tuple[Post, ...] | None = None
    deduped: dedupe.Deduped | None = None
    linked: Linked | None = None
    files: dict[str, bytes] | None = None


@dataclass(frozen=True)
class Outcome:
    """What stages 1 to 6 made, before anything is written."""

    cleaned: tuple[CleanSource, ...]
    posts: tuple[Post, ...]
    merges: tuple[dedupe.Match, ...]
    linked: Linked
    report: report.Report
    files: dict[str, bytes]


@dataclass(frozen=True)
class Result:
    """What a run did, for the command line and the tests."""

    outcome: Outcome | None  # None when nothing changed since the last run
    written: write.WriteReport
    report: str  # the text report (the last run's, when nothing changed)


def build(options: Options) -> Outcome:
    """Run stages 1 to 6; raise :class:`~.errors.InputError` on bad input."""
    with _collector_paused():
        return _build(options)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the stages run.

    They make millions of small records (lines, blocks, posts, mentions) that live until
    the end of the run and hold no reference cycles, and the collector's passes over them
    took a sixth of a run of 10,000 posts (measured with ``tools/bench``). Reference
    counting still frees everything else as usual; the workers forked meanwhile
    (:mod:`.parallel`) inherit the pause, so they do not copy the pages the collector
    would touch; and the collector is back, as it was, when the stages end.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def stages(options: Options, last: StageName = "render") -> Made:
    """Run the stages in order up to ``last`` (included), in memory; nothing is written.

    The quality gates and the benchmark use this to stop after the stage they measure.
    Raises :class:`~.errors.InputError` on bad input.
    """
    upto = STAGES.index(last)
    made = Made(sources=load.run(options.sources))
    if upto >= STAGES.index("clean"):
        made = replace(made, cleaned=clean.run(made.sources))
    if made.cleaned is not None and upto >= STAGES.index("split"):
        made = replace(made, posts=split.run(made.cleaned))
    if made.posts is not None and upto >= STAGES.index("dedupe"):
        made = replace(made, deduped=dedupe.run(made.posts))
    if made.deduped is not None and upto >= STAGES.index("link"):
        made = replace(made, linked=link.run(made.deduped.documents, options.sources))
    if made.linked is not None and upto >= STAGES.index("render"):
        made = replace(made, files=render.run(made.linked, options.base_url))
    return made


def _build(options: Options) -> Outcome:
    made = stages(options)
    cleaned, posts, deduped, linked = made.cleaned, made.posts, made.deduped, made.linked
    if cleaned is None or posts is None or deduped is None or linked is None or not made.files:
        raise AssertionError("the stages stopped before render")
    summary = report.make_report(cleaned, posts, deduped.matches, linked)
    files = {**made.files, report.PAGE: report.render_page(summary).encode("utf-8")}
    return Outcome(cleaned, posts, deduped.matches, linked, summary, files)


def run(options: Options) -> Result:
    """Build everything, then swap it into ``options.out``; skip both if nothing changed."""
    inputs = state.inputs_digest(options.sources, options.base_url)
    last = state.read_state(options.out)
    if not options.full and last is not None and state.up_to_date(options.out, last, inputs):
        return Result(None, write.WriteReport(0, len(last.outputs), 0), last.report)
    outcome = build(options)
    text = report.render_text(outcome.report)
    written = write.run(options.out, outcome.files)
    # Recorded only after the write succeeded. A state left from before can do no harm:
    # a run is skipped only if the output is exactly what the state says was written.
    now = state.State(inputs, state.file_digests(outcome.files), text)
    if now != last:
        state.write_state(options.out, now)
    return Result(outcome, written, text)
