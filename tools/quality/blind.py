"""Score the pipeline on a blind corpus: texts and a hand annotation nobody here wrote rules on.

A corpus folder (``tests/blind/dev``, ``tests/blind/sealed``) holds ``sources/<kind>/*`` and
``annotation.yaml`` (its schema is in ``tests/blind/BRIEF.md``). The corpus is ingested
together with the project's own ``sources/`` (the registries cite lines of the seeds, so
they come along), up to the link stage, and only the corpus's files are scored.

How things are matched:

* a predicted post matches an annotated post of the same file when both start on the same
  line (the predicted post's leading lines that the annotation puts outside every post,
  its chrome and blank lines, passed over), or when the lines they share are at least 90%
  of each range (one-to-one, in order);
* a predicted person matches an annotated person when one of the person's names (its
  name and aliases, honorifics and possessives dropped, case and accents folded) is one of
  the annotated person's variants of two words or more (or the only variant there is).

The measures (:class:`Scores`): post boundary precision and recall; seminar placement
(matched annotated posts whose document has the annotated seminar, none included); author
precision and recall over (post, person) pairs (an author the annotation gives to another
copy of the post is right too); new speakers per seminar, precision and
recall over (seminar, person) pairs for people not in the registry; people recall (every
annotated person linked to some document of the corpus); non-persons (people linked to the
corpus's documents who match no annotated person); people split in two (annotated people
matched by two or more predicted people); chrome lines left (annotated chrome still in a
post); content sentences lost (annotated ``keep`` sentences in no post); duplicate pairs.
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import ftfy
import yaml

from tools.ingest import pipeline
from tools.ingest.clean.privacy import mask_contacts
from tools.ingest.errors import InputError
from tools.ingest.names import name_words
from tools.ingest.records import Block, Linked, Post
from tools.ingest.render.document import body_blocks
from tools.ingest.text import fold

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class AnnotatedPost:
    key: str
    source: str
    title: str | None
    first: int
    last: int
    seminar: int | None
    authors: tuple[str, ...]
    speakers: tuple[str, ...]
    people: tuple[str, ...]
    keep: tuple[str, ...]


@dataclass(frozen=True)
class Annotation:
    posts: tuple[AnnotatedPost, ...]
    chrome: Mapping[str, tuple[str, ...]]  # file -> chrome strings
    variants: Mapping[str, tuple[str, ...]]  # person name -> every form the texts use
    non_persons: tuple[str, ...]
    duplicates: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Scores:
    """What :func:`score` measured; counts beside the ratios, for the report."""

    boundary_precision: float
    boundary_recall: float
    seminar_placement: float
    author_precision: float
    author_recall: float
    speaker_precision: float
    speaker_recall: float
    people_recall: float
    non_persons: int
    split_people: int
    chrome_left: int
    sentences_lost: int
    duplicate_precision: float
    duplicate_recall: float
    counts: dict[str, int] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)

    def table(self) -> str:
        rows = [
            f"{k:22} {v:.3f}" if isinstance(v, float) else f"{k:22} {v}"
            for k, v in asdict(self).items()
            if k not in ("counts", "misses")
        ]
        rows.append("counts: " + ", ".join(f"{k} {v}" for k, v in self.counts.items()))
        return "\n".join(rows)


def read_annotation(path: Path) -> Annotation:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    posts: list[AnnotatedPost] = []
    chrome: dict[str, tuple[str, ...]] = {}
    for source, entry in data["files"].items():
        chrome[source] = tuple(str(c) for c in entry.get("chrome") or ())
        for p in entry.get("posts") or ():
            posts.append(
                AnnotatedPost(
                    key=str(p["key"]),
                    source=source,
                    title=p.get("title"),
                    first=int(p["first"]),
                    last=int(p["last"]),
                    seminar=p.get("seminar"),
                    authors=tuple(p.get("authors") or ()),
                    speakers=tuple(p.get("speakers") or ()),
                    people=tuple(p.get("people") or ()),
                    keep=tuple(str(k) for k in p.get("keep") or ()),
                )
            )
    variants = {
        str(p["name"]): (*(str(v) for v in p.get("variants") or ()), str(p["name"]))
        for p in data.get("people") or ()
    }
    return Annotation(
        posts=tuple(posts),
        chrome=chrome,
        variants=variants,
        non_persons=tuple(str(n) for n in data.get("non_persons") or ()),
        duplicates=tuple(tuple(g) for g in data.get("duplicates") or ()),
    )


def name_key(name: str) -> str:
    """A name compared loosely: honorifics, possessives and full stops dropped, case and
    accents folded, hyphens as spaces; mojibake mended, as the pipeline mends it."""
    text = unicodedata.normalize("NFKD", ftfy.fix_text(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['\u2019]s\b", "", text).replace(".", " ").replace("-", " ")
    words = [w for w in text.split() if not name_words().is_honorific(w)]
    return fold(" ".join(words))


def ingest(corpus: Path, work: Path, refused: list[str] | None = None) -> pipeline.Made:
    """The project's sources and the corpus's in one folder, through the link stage.

    A corpus file the pipeline refuses (an :class:`InputError` naming it) is taken out and
    the rest ingested again; its path goes into ``refused``, and it scores as a file of
    which nothing was found."""
    sources = work / "sources"
    shutil.copytree(ROOT / "sources", sources)
    own: set[str] = set()
    for path in sorted((corpus / "sources").rglob("*")):
        if path.is_file():
            target = sources / path.relative_to(corpus / "sources")
            if target.exists():
                raise SystemExit(f"{path}: a project source has this name already")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            own.add(target.relative_to(sources).as_posix())
    while True:
        try:
            return pipeline.stages(pipeline.Options(sources=sources), "link")
        except InputError as error:
            root = sources.resolve()
            paths = [Path(problem.path).resolve() for problem in error.problems]
            named = {p.relative_to(root).as_posix() for p in paths if p.is_relative_to(root)}
            bad = sorted(named & own)
            if not bad:
                raise
            for name in bad:
                (sources / name).unlink()
                own.discard(name)
            if refused is not None:
                refused.extend(bad)


def same_lines(post: Post, first: int, last: int, outside: Set[int] = frozenset()) -> bool:
    """Whether ``post`` is the annotated post of lines ``first`` to ``last`` (same file):
    the same start line, once the lines above either start that the annotation puts
    outside every post (``outside``: its chrome lines and the blank ones, such as a
    heading's opening tag alone on its line in a saved page) are passed over, or lines
    shared that are at least 90% of each range. (Annotators differ on whether a post's
    header, a tweet's name and handle over its text, is the post's or the page's; which
    line holds the text's start, they agree on.)"""
    start = post.first
    while start < first and start in outside:
        start += 1
    while first < start and first in outside:  # the annotation's start on an element's tag
        first += 1
    shared = min(post.last, last) - max(post.first, first) + 1
    return (start == first and post.last >= first) or (
        shared >= 0.9 * (post.last - post.first + 1) and shared >= 0.9 * (last - first + 1)
    )


def match_posts(
    posts: Sequence[Post],
    annotated: Sequence[AnnotatedPost],
    outside: Mapping[str, Set[int]] | None = None,
) -> dict[str, Post]:
    """Annotated key -> the predicted post it matches (one-to-one, in order); ``outside``:
    by file, the lines the annotation puts outside every post (:func:`same_lines`)."""
    outside = outside or {}
    taken: set[int] = set()
    found: dict[str, Post] = {}
    for want in annotated:
        ours = [(i, p) for i, p in enumerate(posts) if i not in taken and p.source == want.source]
        # a post that starts on the annotated line first, then one that starts over it
        exact = [(i, p) for i, p in ours if p.first == want.first]
        for i, post in exact or ours:
            if same_lines(post, want.first, want.last, outside.get(want.source, frozenset())):
                taken.add(i)
                found[want.key] = post
                break
    return found


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


class People:
    """Predicted people matched to annotated ones by their names."""

    def __init__(self, linked: Linked, variants: Mapping[str, tuple[str, ...]]) -> None:
        self.names = {p.id: p.name for p in linked.people}
        self.registry = {p.id for p in linked.people if p.reviewed}
        keys: dict[str, set[str]] = defaultdict(set)
        for person, forms in variants.items():
            long = [f for f in forms if len(name_key(f).split()) >= 2]
            for form in long or forms:
                keys[name_key(form)].add(person)
        self.keys = keys
        self.by_id: dict[str, str | None] = {}
        for p in linked.people:
            hits = {a for n in (p.name, *p.aliases) for a in keys.get(name_key(n), ())}
            self.by_id[p.id] = next(iter(hits)) if len(hits) == 1 else None

    def of(self, pid: str) -> str | None:
        return self.by_id.get(pid)


def score(corpus: Path) -> Scores:
    """Ingest ``corpus`` with the project's sources and score it (see the module doc)."""
    annotation = read_annotation(corpus / "annotation.yaml")
    refused: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kb-blind-") as work:
        made = ingest(corpus, Path(work), refused)
    assert made.posts is not None
    assert made.linked is not None
    files = {
        str(path.relative_to(corpus / "sources")): path
        for path in (corpus / "sources").rglob("*")
        if path.is_file()
    }
    scores = measure(annotation, made.posts, made.linked, files)
    scores.counts["files refused"] = len(refused)
    scores.misses["files refused"] = refused
    return scores


def measure(
    annotation: Annotation,
    all_posts: Sequence[Post],
    linked: Linked,
    corpus_files: Mapping[str, Path] | None = None,
) -> Scores:
    """Compare what the pipeline made of the corpus with its annotation."""
    corpus_files = corpus_files or {}
    files = set(annotation.chrome)
    posts = [p for p in all_posts if p.source in files]
    matched = match_posts(posts, annotation.posts, _outside(annotation, corpus_files))
    documents = [d for d in linked.documents if any(o.source in files for o in d.origins)]
    doc_of = {(o.source, o.lines): d for d in linked.documents for o in d.origins}
    people = People(linked, annotation.variants)
    misses: dict[str, list[str]] = defaultdict(list)

    # Post boundaries.
    for want in annotation.posts:
        if want.key not in matched:
            misses["posts missed"].append(f"{want.source}:{want.first} {want.title}")
    hit_ids = {id(p) for p in matched.values()}
    for post in posts:
        if id(post) not in hit_ids:
            misses["posts extra"].append(f"{post.source}:{post.first} {post.title}")

    # Seminar placement, authors.
    placed = 0
    author_hits = author_right = author_found = author_wanted = 0
    # A document merged from copies carries the writer one copy names though another does
    # not: an author is right for a post when the annotation gives it to a copy of it.
    copies: dict[str, set[str]] = {}
    by_key = {want.key: want for want in annotation.posts}
    for group in annotation.duplicates:
        union = {a for key in group if key in by_key for a in by_key[key].authors}
        for key in group:
            copies.setdefault(key, set()).update(union)
    for want in annotation.posts:
        hit = matched.get(want.key)
        doc = doc_of.get((hit.source, (hit.first, hit.last))) if hit else None
        if doc is None:
            continue
        if doc.seminar == want.seminar:
            placed += 1
        else:
            misses["seminar"].append(f"{want.key}: {doc.seminar} for {want.seminar}")
        got = {people.of(a) or f"?{people.names.get(a, a)}" for a in doc.authors}
        right = set(want.authors) | copies.get(want.key, set())
        author_found += len(got)
        author_wanted += len(want.authors)
        author_hits += len(got & set(want.authors))
        author_right += len(got & right)
        for wrong in sorted(got - right):
            misses["authors extra"].append(f"{want.key}: {wrong}")
        for missing in sorted(set(want.authors) - got):
            misses["authors missed"].append(f"{want.key}: {missing}")

    # Speakers per seminar, new people only (not in the registry).
    registry_names = {people.of(p) for p in people.registry} - {None}
    wanted_speakers = {
        (want.seminar, s)
        for want in annotation.posts
        if want.seminar
        for s in want.speakers
        if s not in registry_names
    }
    corpus_docs = {d.id for d in documents}
    found_speakers: set[tuple[int, str]] = set()
    for person in linked.people:
        if person.reviewed:
            continue
        for role in person.roles:
            if role.role == "speaker" and role.seminar and role.document in corpus_docs:
                found_speakers.add((role.seminar, people.of(person.id) or f"?{person.name}"))
    speaker_hits = found_speakers & wanted_speakers
    misses["speakers extra"] = sorted(f"{s}: {n}" for s, n in found_speakers - wanted_speakers)
    misses["speakers missed"] = sorted(f"{s}: {n}" for s, n in wanted_speakers - found_speakers)

    # People: recall, non-persons, split in two.
    linked_ids = {p for d in documents for p in (*d.people, *d.authors)}
    found_people = {people.of(p) for p in linked_ids} - {None}
    wanted_people = {n for want in annotation.posts for n in want.people}
    non_persons = sorted(people.names[p] for p in linked_ids if people.of(p) is None)
    by_person: dict[str, set[str]] = defaultdict(set)
    for pid in linked_ids:
        if (who := people.of(pid)) is not None:
            by_person[who].add(pid)
    split = {who: ids for who, ids in by_person.items() if len(ids) > 1}
    misses["people missed"] = sorted(wanted_people - found_people)
    misses["non-persons"] = non_persons
    misses["split people"] = sorted(f"{w}: {sorted(ids)}" for w, ids in split.items())

    # Chrome left and sentences lost, from the blocks of the posts of each file.
    # (A post's dateline and byline that only date it and name its writers are shown in
    # the page's header, not as its text.)
    blocks: dict[str, list[Block]] = defaultdict(list)
    for post in posts:
        blocks[post.source].extend(body_blocks(post.blocks, post.bylines, post.date))
        blocks[post.source].append(_title_block(post))
    chrome_left = 0
    titles: defaultdict[str, set[int]] = defaultdict(set)
    for want in annotation.posts:
        titles[want.source].add(want.first)
    for source, strings in annotation.chrome.items():
        lines = _visible_lines(corpus_files.get(source))
        for chrome in strings:
            key = _flatten(chrome)
            # The lines that are this chrome and nothing else (for HTML: an element's
            # visible text on a line of its own); a block still holds the chrome when it
            # covers such a line and has its words, or when it is the chrome entirely.
            # Case counts: a heading in capitals ("SCHWARTZ ROUNDS ARE BACK") is not the
            # contents line that lists it ("Schwartz Rounds are back").
            cased = _words(chrome)
            # A post's own title line is never its chrome, though a sidebar lists it too.
            where = {n for n, words in lines.items() if cased and words == cased} - titles[source]
            left = any(
                key
                and key in _flatten(b.text)
                and (
                    (_words(b.text) == cased and b.first not in titles[source])
                    or any(b.first <= n <= b.last for n in where)
                )
                for b in blocks[source]
            )
            if left:
                chrome_left += 1
                misses["chrome left"].append(f"{source}: {chrome}")
    lost = 0
    flat = {s: " ".join(_flatten(b.text) for b in bs) for s, bs in blocks.items()}
    kept = 0
    for want in annotation.posts:
        for sentence in want.keep:
            kept += 1
            # The pipeline masks contact details on purpose (clean/privacy.py): a sentence
            # holding an address is kept when its masked form is.
            if _flatten(mask_contacts(sentence)[0]) not in flat.get(want.source, ""):
                lost += 1
                misses["sentences lost"].append(f"{want.key}: {sentence[:60]}")

    # Duplicates: pairs of annotated posts in one document.
    key_doc = {k: doc_of.get((p.source, (p.first, p.last))) for k, p in matched.items()}
    wanted_pairs = {frozenset(pair) for g in annotation.duplicates for pair in combinations(g, 2)}
    found_pairs = {
        frozenset((a, b))
        for a, b in combinations(sorted(key_doc), 2)
        if key_doc[a] is not None and key_doc[a] is key_doc[b]
    }
    misses["duplicates missed"] = sorted(" = ".join(sorted(p)) for p in wanted_pairs - found_pairs)
    misses["duplicates extra"] = sorted(" = ".join(sorted(p)) for p in found_pairs - wanted_pairs)

    return Scores(
        boundary_precision=ratio(len(matched), len(posts)),
        boundary_recall=ratio(len(matched), len(annotation.posts)),
        seminar_placement=ratio(placed, len(annotation.posts)),
        author_precision=ratio(author_right, author_found),
        author_recall=ratio(author_hits, author_wanted),
        speaker_precision=ratio(len(speaker_hits), len(found_speakers)),
        speaker_recall=ratio(len(speaker_hits), len(wanted_speakers)),
        people_recall=ratio(len(found_people & wanted_people), len(wanted_people)),
        non_persons=len(non_persons),
        split_people=len(split),
        chrome_left=chrome_left,
        sentences_lost=lost,
        duplicate_precision=ratio(len(found_pairs & wanted_pairs), len(found_pairs)),
        duplicate_recall=ratio(len(found_pairs & wanted_pairs), len(wanted_pairs)),
        counts={
            "files": len(files),
            "posts annotated": len(annotation.posts),
            "posts predicted": len(posts),
            "people annotated": len(wanted_people),
            "new speakers annotated": len(wanted_speakers),
            "chrome strings": sum(map(len, annotation.chrome.values())),
            "keep sentences": kept,
        },
        misses={k: v for k, v in misses.items() if v},
    )


def _title_block(post: Post) -> Block:
    return Block("heading", post.title if not post.title_derived else "", post.first, post.first)


def _outside(annotation: Annotation, files: Mapping[str, Path]) -> dict[str, frozenset[int]]:
    """By file, the lines the annotation puts outside every post: blank lines, and lines
    that are one of its chrome strings and nothing else."""
    found: dict[str, frozenset[int]] = {}
    for source, strings in annotation.chrome.items():
        chrome = {_words(s) for s in strings}
        lines = _visible_lines(files.get(source))
        found[source] = frozenset(n for n, words in lines.items() if not words or words in chrome)
    return found


def _visible_lines(path: Path | None) -> dict[int, tuple[str, ...]]:
    """The words of each line of a file as its reader sees it (tags dropped)."""
    if path is None:
        return {}
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in (".html", ".htm"):
        text = re.sub(r"<[^>]*>", " ", text)
    return {n: _words(html.unescape(line)) for n, line in enumerate(text.splitlines(), 1)}


def _words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as written (case kept), for telling a line from its copy."""
    return tuple(re.findall(r"\w+", ftfy.fix_text(text)))


def _flatten(text: str) -> str:
    """Text compared for sentences: mojibake mended (as the pipeline mends it, so an
    annotation quoting a re-encoded page as it shows compares with the mended text),
    folded, every run of non-word characters one space."""
    return " ".join(re.findall(r"\w+", fold(ftfy.fix_text(text))))


def corpora(names: Iterable[str]) -> dict[str, Path]:
    return {name: ROOT / "tests" / "blind" / name for name in names}
