"""The ingest pipeline: an ordered list of small stages.

    1. load    (:mod:`.load`)    read each file of ``sources/<kind>/``, decode it, read its sidecar
    2. clean   (:mod:`.clean`)   drop boilerplate by the rules in ``rules/``, shape text into blocks
    3. split   (:mod:`.split`)   cut archive pages into posts; a deck or an article is one post
    4. dedupe  (:mod:`.dedupe`)  merge copies of the same post, keeping every origin
    5. link    (:mod:`.link`)    tie each document to its seminar, people and concepts
    6. render  (:mod:`.render`)  one MyST page per document and entity, and ``catalog.json``
    7. write   (:mod:`.write`)   swap the new output in, rewriting only what changed

Stages 1 to 6 are computed in memory; nothing under the output folder is touched until
all of them have succeeded, so a failed run leaves the last good output as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import clean, dedupe, link, load, render, split, write
from .records import Document, Post


@dataclass(frozen=True)
class Options:
    """Everything a run depends on."""

    sources: Path = Path("sources")
    out: Path = Path("docs")


@dataclass(frozen=True)
class Result:
    """What a run did, for the report and the tests."""

    documents: tuple[Document, ...]
    posts: tuple[Post, ...]
    written: write.WriteReport


def run(options: Options) -> Result:
    """Run every stage in order; raise :class:`~.errors.InputError` on bad input."""
    sources = load.load_sources(options.sources)
    rules = clean.load_rules()
    cleaned = tuple(clean.clean(source, rules) for source in sources)
    posts = tuple(post for source in cleaned for post in split.split(source))
    documents = dedupe.dedupe(posts)
    registries = link.load_registries(options.sources)
    linked = link.link(documents, registries)
    files = render.render(linked)
    written = write.write_output(options.out, files)
    return Result(documents=linked.documents, posts=posts, written=written)
