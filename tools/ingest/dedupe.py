"""Dedupe stage: merge the copies of one post into one Document that keeps every origin.

Archive pages overlap, so one post is found several times: exactly, with other whitespace
or quotes, re-encoded (typographic quotes, dashes, NBSP), or as an excerpt (its first
paragraphs and "Continue reading"). Two different posts must never merge, even when they
share a template (seminar announcements) or quote the same paragraph.

How, so that it scales to tens of thousands of posts without comparing all pairs:

1. :func:`.text.words` normalises a post's text (NFKC, casefold, apostrophes dropped, every
   other punctuation mark or symbol a space); its shingles are its word 5-grams (the
   whole text, if it is shorter). Each word, and so each shingle, is a 64-bit hash,
   computed for a whole post at once with numpy (BLAKE2b word hashes, so the same on every
   run and machine), and the post's MinHash is made from them. This is done for every
   post on every core (:mod:`.parallel`), and only arrays of integers come back: they
   compare much faster, and take far less memory, than sets of strings.
2. Candidates: MinHash LSH on the shingles (near and exact copies), and a prefix index on
   the first words of the text, with and without the title (excerpts: an excerpt starts
   where its post starts). LSH Ensemble would find excerpts by containment too, but only
   approximately; the prefix index is exact.
3. Every candidate pair is verified on the exact shingle sets (on every core too): the
   same words for an exact copy; Jaccard >= ``NEAR`` for a near copy (or >= ``GRAY``
   with ``NEAR_WORDS`` of the words lined up in order, for a short post with a few words
   changed); or containment of the shorter in the start of the longer >= ``EXCERPT`` for
   an excerpt.
4. Verified pairs are grouped by union-find; the longest copy is canonical.

Everything is sorted before use and MinHash has a fixed seed, so the result does not
depend on input order or ``PYTHONHASHSEED``. Pure: posts in, documents out.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from .clean.rules import excerpt_phrases, load_rules
from .names import is_given_name
from .parallel import pmap
from .records import Block, Document, Filing, Origin, Post
from .text import slugify, words

__all__ = [
    "Deduped",
    "Match",
    "Similarity",
    "candidate_pairs",
    "dedupe",
    "deduplicate",
    "run",
    "similarity",
]

SHINGLE = 5  # words per shingle: long enough that two posts on one topic share few
NUM_PERM = 128
SEED = 1  # fixed, so MinHash signatures are the same on every run
SCHEME = "affine32"  # named, so a datasketch upgrade cannot change the signatures silently
LSH_THRESHOLD = 0.5  # candidates only; low, as a missed candidate can never be verified
# Thresholds, measured over every pair of posts of the seeds, the variants in
# tests/fixtures/split/variants/ and the cases in tests/fixtures/dedupe/ (43 pairs of
# copies, 506 pairs of different posts: tests/test_quality_split_dedupe.py prints them):
# copies have Jaccard 1.0 (re-encoded, re-spaced, straight quotes) or >= 0.88 (a few words
# edited); different posts reach 0.42 at most (two "Key Points" posts from one template).
NEAR = 0.8
# A short post with a few words changed loses five shingles a word: three changes in 128
# words leave Jaccard 0.78. So a pair that shares at least half its shingles is also a
# near copy when its words line up, in order, for at least NEAR_WORDS of their length
# (difflib's ratio: three changes in 128 words give 0.977). Different posts stay far from
# both: Jaccard 0.42 at most, as above.
GRAY = 0.5
NEAR_WORDS = 0.9
# Excerpts lie wholly in the start of their post (containment 1.0 measured, a " [...]" or
# "Continue reading" tail aside); different posts reach 0.50 at most (two seminar
# announcements from one template), a post quoting another's paragraph less.
EXCERPT = 0.9
MIN_EXCERPT_WORDS = 25  # a shorter text is too little evidence: "Seminar 6 notes" posts
# An excerpt under its post's own title may open another way (a guest post's note on where
# it first appeared, a paragraph the longer copy adds above): with the same title of at
# least MIN_TITLE_WORDS words, containment >= TITLED_EXCERPT is enough (fresh11's guest
# post and its writer's longer copy: 0.87). Different posts from one template stay at 0.50.
TITLED_EXCERPT = 0.8
MIN_TITLE_WORDS = 3
# An excerpt of one or two sentences under the same title ("Seminar 6 is now full" over
# "Thank you for ... All places for 6 July have now gone.", 18 words) is one too when it
# lies in its post's start as a longer excerpt must (EXCERPT): a title and a dozen words
# in order are enough evidence together.
MIN_TITLED_EXCERPT_WORDS = 12
MAX_TITLE_COPIES = 16  # a title on more posts than this pairs none of them by title
PREFIX_WORDS = 8  # prefix-index key length
MAX_LEAD_WORDS = 6  # a body's first block this short may be missing from another copy
MAX_SLUG = 60  # a document id is its title's slug, cut at a hyphen to this length

Relation = Literal["exact", "near", "excerpt"]


@dataclass(frozen=True)
class Match:
    """Two posts found to be copies of one post (``a`` < ``b``), how, and how closely."""

    a: Origin
    b: Origin
    relation: Relation
    score: float  # 1.0 for exact; else Jaccard (near) or containment (excerpt)


@dataclass(frozen=True)
class Deduped:
    """Documents, and the verified matches that merged their origins (for the report)."""

    documents: tuple[Document, ...]
    matches: tuple[Match, ...]


Hashes = NDArray[np.uint64]
_MULTIPLIER = np.uint64(0x100000001B3)  # mixes the word hashes of a shingle in order


@dataclass(frozen=True, eq=False)  # arrays: compared by identity, never by value
class _Text:
    """What dedupe compares of one post, as hashes: made for every post (on every core,
    so it holds no strings, which would be slow to send back), compared for few.

    The post's words (title included) and its body's words (without a title block) are
    64-bit hashes, one per word; the "kept" counts leave out an excerpt's "Continue
    reading" tail.
    """

    word_hashes: Hashes  # one per word
    body_hashes: Hashes  # one per word of the body
    body_start: int | None  # where the body starts in the words, if it is their tail
    kept: int
    body_kept: int
    shingles: Hashes  # the distinct shingles of the kept words, sorted
    lead: int  # words of a short first block of the body (a name, a caption), else 0
    signature: Hashes  # the MinHash of ``shingles``
    title: tuple[int, ...] = ()  # the title's word hashes, if it has a title of its own

    @functools.cached_property
    def word_shingles(self) -> Hashes:
        return _shingle_hashes(self.word_hashes)

    @functools.cached_property
    def body_shingles(self) -> Hashes:
        if self.body_start is not None and len(self.body_hashes) > SHINGLE:
            return self.word_shingles[self.body_start :]  # a view: no copy
        return _shingle_hashes(self.body_hashes)


def dedupe(posts: Sequence[Post]) -> tuple[Document, ...]:
    """One :class:`Document` per distinct post, in order of their canonical origin."""
    return deduplicate(posts).documents


def deduplicate(posts: Sequence[Post]) -> Deduped:
    """Like :func:`dedupe`, and also say which copies were merged and why."""
    ordered = sorted(posts, key=lambda p: (p.source, p.first, p.last, p.title))
    texts = _texts(ordered)
    verified = pmap(lambda pair: _verify(ordered, texts, *pair), _candidates(texts))
    matches = [match for match in verified if match]
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = {_origin(p): i for i, p in enumerate(ordered)}
    for match in matches:
        a, b = root(index[match.a]), root(index[match.b])
        parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ordered)):
        groups[root(i)].append(i)
    members = [sorted(g, key=lambda i: (-len(texts[i].word_hashes), i)) for g in groups.values()]
    members.sort(key=lambda g: (ordered[g[0]].source, ordered[g[0]].first, g[0]))
    documents = _documents([[ordered[i] for i in g] for g in members])
    return Deduped(documents=documents, matches=tuple(sorted(matches, key=_match_key)))


def candidate_pairs(posts: Sequence[Post]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of ``posts`` worth verifying; far fewer than all pairs."""
    return _candidates(_texts(posts))


def _lead(post: Post) -> int:
    """The words of the body's first block when it is a short line one copy may print and
    another not (a writer's name, a kicker, a caption): at most ``MAX_LEAD_WORDS``."""
    body = [b for b in post.blocks if _compared(b) and b.hint != "title"]
    count = len(words(body[0].text)) if len(body) > 1 else 0
    return count if count <= MAX_LEAD_WORDS else 0


def _words(post: Post) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a post's content (:func:`_compared`), and of its body (without the
    title)."""
    content = [(b.hint, words(b.text)) for b in post.blocks if _compared(b)]
    every = tuple(itertools.chain.from_iterable(found for _, found in content))
    body = tuple(itertools.chain.from_iterable(f for hint, f in content if hint != "title"))
    return every, body


#: An author's line longer than this is a sentence of the text ("Thanks to Jo Bloggs, a
#: PhD student at ..., for this summary of our sixth seminar."), which every copy has.
MAX_BYLINE_WORDS = 8


def _compared(block: Block) -> bool:
    """Whether a block is compared with other copies. A date or author line from a page's
    markup is not (one copy has them, another not), unless the author's line is a sentence
    of the text; nor a slide's speaker notes or an image's alt text: a deck's file has
    them, a transcript of the deck never does."""
    if block.hint == "byline":
        return len(block.text.split()) > MAX_BYLINE_WORDS
    return block.hint != "date" and block.kind not in ("notes", "image")


def _texts(posts: Sequence[Post]) -> list[_Text]:
    """:func:`_text` of every post, on every core. datasketch (a second to import) and
    the permutations are loaded here first, so the workers inherit them."""
    _permutations()
    return pmap(_text, posts)


def _text(post: Post) -> _Text:
    """Hash the words, shingles and MinHash of one post."""
    from datasketch import MinHash  # imported here: it takes a second to load

    words, body = _words(post)
    hashes = _word_hashes(words)
    start = len(words) - len(body)
    kept = len(_strip_tail(words))
    shingles = np.unique(_first_shingles(hashes, _shingle_hashes(hashes), kept))
    # The shingles are hashed already (the low 32 bits serve); MinHash's seeded
    # permutations do the mixing. sha1, datasketch's default, took half the run time.
    signature = MinHash(NUM_PERM, SEED, hashfunc=int, permutations=_permutations(), scheme=SCHEME)
    signature.update_batch((shingles & np.uint64(0xFFFFFFFF)).tolist())
    # The body is the words after the title, almost always: then its hashes are a view.
    tail = words[start:] == body
    return _Text(
        word_hashes=hashes,
        body_hashes=hashes[start:] if tail else _word_hashes(body),
        body_start=start if tail else None,
        kept=kept,
        body_kept=len(_strip_tail(body)),
        shingles=shingles,
        lead=_lead(post),
        signature=signature.hashvalues,
        title=tuple(hashes[:start].tolist()) if tail else (),
    )


@functools.cache
def _permutations() -> object:
    """MinHash's seeded permutations, drawn once (they are the same for every post)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


@functools.lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest())


def _word_hashes(words: Sequence[str]) -> Hashes:
    return np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))


def _shingle_hashes(word_hashes: Hashes, size: int = SHINGLE) -> Hashes:
    """One hash per word ``size``-gram, in text order (one for a text of ``size`` words or
    fewer, none for no words)."""
    count = len(word_hashes)
    width = min(size, count)
    out = np.zeros(count - width + 1 if count else 0, dtype=np.uint64)
    with np.errstate(over="ignore"):  # wrapping around 2**64 is the point
        for offset in range(width):
            out = out * _MULTIPLIER + word_hashes[offset : offset + len(out)]
    return out


def _first_shingles(word_hashes: Hashes, shingled: Hashes, count: int) -> Hashes:
    """:func:`_shingle_hashes` of the first ``count`` words, from the whole text's
    ``shingled`` where it can be sliced from it."""
    if count >= len(word_hashes):
        return shingled
    if count > SHINGLE:
        return shingled[: count - SHINGLE + 1]
    return _shingle_hashes(word_hashes[:count])


@functools.cache
def _tail() -> re.Pattern[str]:
    """The excerpt links of the cleaning rules ("continue reading", ...) as words."""
    phrases = (" ".join(words(p)) for p in excerpt_phrases(load_rules()))
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b")


def _strip_tail(words: tuple[str, ...]) -> tuple[str, ...]:
    """Drop an excerpt's "Continue reading (title)" from its last few words."""
    tail = " ".join(words[-12:])
    found = list(_tail().finditer(tail))
    return words[: len(words) - len(tail[found[-1].start() :].split())] if found else words


def _candidates(texts: Sequence[_Text]) -> list[tuple[int, int]]:
    """Pairs (i < j) that may be copies: same words, LSH neighbours, or same opening."""
    from datasketch import LeanMinHash, MinHashLSH  # imported here: it takes a second to load

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    buckets: dict[tuple[object, ...], list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for i, text in enumerate(texts):
        if not len(text.shingles):
            continue
        signature = LeanMinHash(seed=SEED, hashvalues=text.signature, scheme=SCHEME)
        pairs.update((int(j), i) for j in lsh.query(signature))
        lsh.insert(i, signature, check_duplication=False)
        opening = text.word_hashes[:PREFIX_WORDS].tolist()
        body_opening = text.body_hashes[:PREFIX_WORDS].tolist()
        # and the body's opening after a short first line one copy has and another not
        after_lead = text.body_hashes[text.lead : text.lead + PREFIX_WORDS].tolist()
        for key in {("all", *opening), ("body", *body_opening), ("body", *after_lead)}:
            if len(key) > PREFIX_WORDS // 2:  # a few words are too common a start to index
                pairs.update((j, i) for j in buckets[key])
                buckets[key].append(i)
        # and the same title (a post and its copy that opens another way); a title many
        # posts share ("Seminar notes") is no evidence, and would cost a pair per two
        key = ("title", *text.title)
        if len(text.title) >= MIN_TITLE_WORDS and len(buckets[key]) < MAX_TITLE_COPIES:
            pairs.update((j, i) for j in buckets[key])
            buckets[key].append(i)
    return sorted(pairs)


@dataclass(frozen=True)
class Similarity:
    """How alike two posts are: the numbers :func:`dedupe` compares with its thresholds."""

    jaccard: float  # shared shingles / all shingles of the two
    containment: float  # share of the shorter's shingles found in the start of the longer


def similarity(a: Post, b: Post) -> Similarity:
    """The exact similarity of two posts (for the report and for measuring thresholds)."""
    return _similarity(_text(a), _text(b))


def _similarity(a: _Text, b: _Text) -> Similarity:
    return Similarity(jaccard=_jaccard(a, b), containment=_containment(a, b))


def _jaccard(a: _Text, b: _Text) -> float:
    shared = len(np.intersect1d(a.shingles, b.shingles, assume_unique=True))
    union = len(a.shingles) + len(b.shingles) - shared
    return shared / union if union else 0.0


def _word_ratio(a: _Text, b: _Text) -> float:
    """How much of the two texts' words line up in order (1.0: the same words)."""
    one, other = a.word_hashes.tolist(), b.word_hashes.tolist()
    return difflib.SequenceMatcher(None, one, other, autojunk=False).ratio()


def _containment(a: _Text, b: _Text, minimum: int = MIN_EXCERPT_WORDS) -> float:
    """How much of the shorter text lies in the start of the longer (its words, or its
    body's), if it has ``minimum`` words at least; else 0.0."""
    short, long = sorted((a, b), key=lambda t: len(t.word_hashes))
    return max(
        _prefix_containment(
            short.kept,
            (short.word_hashes, short.word_shingles),
            (long.word_hashes, long.word_shingles),
            minimum,
        ),
        _prefix_containment(
            short.body_kept,
            (short.body_hashes, short.body_shingles),
            (long.body_hashes, long.body_shingles),
            minimum,
        ),
    )


def _verify(posts: Sequence[Post], texts: Sequence[_Text], i: int, j: int) -> Match | None:
    """The match between posts ``i`` and ``j`` if their shingles confirm it, else None."""
    found = _compare(posts[i], posts[j], texts[i], texts[j])
    return Match(_origin(posts[i]), _origin(posts[j]), *found) if found else None


def _compare(one: Post, other: Post, a: _Text, b: _Text) -> tuple[Relation, float] | None:
    """How two posts are copies of one post, with the score that shows it; or None."""
    if np.array_equal(a.word_hashes, b.word_hashes) and _words(one)[0] == _words(other)[0]:
        return "exact", 1.0  # the same hashes, and (checked, as they are few) the same words
    jaccard = _jaccard(a, b)
    if jaccard >= NEAR:
        return "near", round(jaccard, 4)
    if jaccard >= GRAY and (aligned := _word_ratio(a, b)) >= NEAR_WORDS:
        return "near", round(aligned, 4)
    containment = _containment(a, b)
    titled = len(a.title) >= MIN_TITLE_WORDS and a.title == b.title
    if containment >= (TITLED_EXCERPT if titled else EXCERPT):
        return "excerpt", round(containment, 4)
    if titled and (short := _containment(a, b, MIN_TITLED_EXCERPT_WORDS)) >= EXCERPT:
        return "excerpt", round(short, 4)
    return None


def _prefix_containment(
    kept: int,
    hashed: tuple[Hashes, Hashes],
    long: tuple[Hashes, Hashes],
    minimum: int = MIN_EXCERPT_WORDS,
) -> float:
    """How much of the first ``kept`` words of the shorter text lie in the start of the
    longer; 0.0 if that is too short. ``hashed`` and ``long`` are (word hashes, shingle
    hashes) of the two. The window is a little longer than ``kept``, as an excerpt may skip
    a caption. (Sets of Python integers: faster than ``numpy.unique`` at these sizes.)
    """
    if kept < minimum:
        return 0.0
    mine = set(_first_shingles(*hashed, kept).tolist())
    window = set(_first_shingles(*long, kept + max(20, kept // 5)).tolist())
    return len(mine & window) / len(mine)


def _match_key(match: Match) -> tuple[str, tuple[int, int], str, tuple[int, int]]:
    return (match.a.source, match.a.lines, match.b.source, match.b.lines)


def _origin(post: Post) -> Origin:
    paged = [b.pages for b in post.blocks if b.pages]
    pages = (min(p[0] for p in paged), max(p[1] for p in paged)) if paged else None
    return Origin(source=post.source, lines=(post.first, post.last), pages=pages)


def _documents(groups: Iterable[Sequence[Post]]) -> tuple[Document, ...]:
    """Documents of groups of copies (canonical copy first), with unique slug ids.

    Fields come from the canonical copy; where it lacks one (a derived title, no date)
    the first other copy that has it fills in.
    """
    documents: list[Document] = []
    taken: set[str] = set()
    for copies in groups:
        canon = copies[0]
        titled = next((c for c in copies if not c.title_derived), canon)
        base = slugify(titled.title, MAX_SLUG) or "untitled"
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident)
        others = sorted(copies[1:], key=lambda p: (p.source, p.first))
        documents.append(
            Document(
                id=ident,
                title=titled.title,
                title_derived=titled.title_derived,
                kind=canon.kind,
                bylines=_fullest_bylines(copies),
                # the owner's line is in the canonical copy's source only when it gave them
                owner=canon.owner if canon.bylines else None,
                blocks=canon.blocks,
                origins=tuple(_origin(p) for p in (canon, *others)),
                date=next((c.date for c in copies if c.date), None),
                url=next((c.url for c in copies if c.url), None),
                meta=canon.meta,
                filings=tuple(
                    Filing(c.source, c.context, c.filed)
                    for c in (canon, *others)
                    if c.context or c.filed
                ),
            )
        )
    return tuple(documents)


def _fullest_bylines(copies: Sequence[Post]) -> tuple[str, ...]:
    """The first copy's bylines that name a person, in full or by a given name, or else
    the first copy's that has any (a page that prints only the blog's account, "by
    coproblog", names nobody where another copy keeps the writer's signature), each given
    name alone ("Jo", a signature) made the one full name another copy gives it ("Posted
    by Jo Bloggs | 1 Comment", an excerpt's footer); a given name two full names start is
    left as it is."""
    named = [c.bylines for c in copies if c.bylines]
    bylines = next(
        (b for b in named if any(" " in n or is_given_name(n) for n in b)),
        named[0] if named else (),
    )
    fuller: dict[str, set[str]] = {}
    for name in (n for c in copies for n in c.bylines if " " in n):
        fuller.setdefault(name.split()[0].casefold(), set()).add(name)

    def full(name: str) -> str:
        found = fuller.get(name.casefold(), set()) if " " not in name else set()
        return next(iter(found)) if len(found) == 1 else name

    return tuple(map(full, bylines))


def run(posts: Sequence[Post]) -> Deduped:
    """Stage 4, dedupe: the posts merged into documents, with the matches that merged them."""
    return deduplicate(posts)
