"""Split stage: cut a cleaned source into posts; a slide deck or an article is one post,
unless its own contents list names its items (a newsletter saved as a PDF).

A blog source may be a WordPress archive page saved as text: several posts in a row, each
starting with its title on a line of its own, with nothing but layout to tell a post's
title from a heading inside a post ("Introduction", "Anne Rogers: Commissioning of ...").
So every heading-like block is a *candidate*, and the rules in ``rules/split.yaml`` decide:

* the first block, a block hinted ``title`` (an HTML entry title, a message's subject, a
  heading the page's contents list names) and the block after a removed ``end-of-post``
  marker ("Advertisements", a separator rule) always start a post; so do a candidate
  after chrome the page repeats between its items ("Back to top") and, after a reply with
  prose, the line opening a thread's next reply ("Teasmaid · 19/09/2017 21:40");
* otherwise the candidate's signals are summed - what closes the post before it (a
  "Thanks for reading.", a signature, a given name signing off, a Blogger footer "Posted
  by X at 21:14", an archive's writer and date under its excerpt, a reference list, a
  wider gap) and what makes it look like a title (a byline, a dateline under it, "Seminar
  4:", "Summary"/"Notes", but not "Name: Talk title", a programme line, "By X", a labelled
  field "Venue: ..." or a person's name alone heading a team page's section) - and it
  starts a post when the sum reaches the threshold *and* the current post already has
  prose, so a subtitle right under a title never splits.

Every block goes to exactly one post, in order, except an article's cover above its first
listed heading when it holds no prose, and a newsletter's masthead (its name, tagline and
issue line, "Issue 14 | Autumn 2016", over its first item): the page's, not a post's;
under such a masthead each short heading over prose heads an item. The title block gets
``hint="title"`` so later stages can tell it from the body. A social network's post opens
with its writer's name over a time, or beside its handle ("Jo Bloggs @jo_b 6 Jul 2017"),
not a title; a personal blog's posts are its owner's (:func:`_owned`,
``clean/owner.py``). The posts of a page carry the lines heading it (``Post.context``: "Tag:
seminar 6", a booklet's cover; not its contents list), which may say what they are about.
All functions are pure except :func:`load_split_rules`, which reads the rules file.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from .clean.contents import CONTENTS, is_listed, listed_key, printed_title
from .clean.frame import CATEGORY, FILING, KICKER, PAGE_MARKS, is_archive_heading
from .clean.rules import Rules, is_field, is_field_label, load_rules, post_end_pattern, undashed
from .dates import (
    DATE_IN,
    DATELINE_PARTS,
    MIN_DATED_TITLE_WORDS,
    before_end_date,
    date_alone,
    dated_by_page,
    dated_title,
    day_and_month,
    entry_date,
    only_date,
)
from .dates import written_date as parse_date
from .errors import InputError, Problem
from .names import (
    BYLINE_PREFIX,
    BYLINE_TAIL,
    HANDLE,
    INITIAL_RE,
    MAX_SIGNATURE_NAMES,
    NAME_SEPARATOR,
    in_full,
    is_given_name,
    is_initialled_name,
    is_name_word,
    is_people_list,
    is_vouched_name,
    is_writers_line,
    name_and_role,
    name_words,
    recase,
    role_line,
    same_given,
    signed_name,
    unmarked,
    variant_key,
)
from .parallel import MIN_FILES, pmap
from .records import Block, CleanSource, Hint, Line, Owner, Post
from .text import CLOCK, CUT_MARKS, PROGRAMME_TIME, is_prose_text, is_worded
from .yamlfile import RULES_DIR, load_data

__all__ = [
    "SplitRules",
    "boundary_score",
    "derive_title",
    "load_split_rules",
    "parse_date",
    "parse_names",
    "run",
    "split",
    "split_all",
    "title_and_bylines",
]

RULES = RULES_DIR / "split.yaml"
_SPACE = re.compile(r"\s+")
_QUOTES = "'\"\u2018\u2019\u201c\u201d"  # straight and typographic quotes
_DASHES = "\u2013\u2014-"  # en dash, em dash, hyphen
_SENTENCE_END = re.compile(rf"[.,;!][{_QUOTES})\]]*$")  # "?" and ":" end headings too
#: What the writers of a byline are, after the names: ", peer volunteers" (lower case).
_ROLE_AFTER = re.compile(r",\s+[a-z][^,]{0,80}$")
_BY = re.compile(rf"(?:^|(?<=[\s.,;:{_DASHES}]))by\s+", re.IGNORECASE)
#: What follows the author's name in a dateline: its date, time, category or comments,
#: after a word, a bar or dot, or a spaced dash ("by Dr Jo Bloggs - Monday, 13 March"); a
#: print view writes the words capitalised ("Posted By Jo Bloggs On 7 November 2016").
_BY_END = re.compile(rf"\s+(?i:on|at|in)\s+|\s*[|\u00b7\u2022]\s*|\s+[{_DASHES}]\s+")
_THANKS = re.compile(
    r"^(?:many\s+|with\s+)?(?:thanks|thank\s+you)\s+(?:again\s+)?to\s+(?P<names>.+?)"
    # "Thanks to A and B, who led the workshop, for this post."
    r"(?:,\s+(?:who|our|the|a|an|both)\b[^,]{1,80},)?\s+for\s+"
    r"(?:his|her|their|your|the|this)\b"
    # (not for a piece elsewhere: "... for her write-up of seminar six on the blog")
    r"(?![^.]{0,80}\bon\s+(?:the|our)\s+(?:blog|website|site)\b)",
    re.IGNORECASE,
)
_TALK = re.compile(rf"^(?P<names>[^:,{_QUOTES}]+?)\s*(?::|,\s*[{_QUOTES}])\s*\S")
_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|[ivx]+)"
_REFERENCES = re.compile(r"^(references|bibliography|sources|further reading)\s*:?$", re.I)
#: A page marks its posts itself with at least this many end marks (or repeats of a mark).
MIN_MARKS = 2
#: A heading in capitals has at least this many letters ("NOTES", not "Q&A").
MIN_CAPITAL_LETTERS = 8
#: A dateline stands among a post's first blocks, an author's introduction among its first few.
DATELINE_BLOCKS = 2
INTRO_BLOCKS = 3
#: A page's heading is in the lines right above its first post: at most this many travel
#: with each post (so a page of many posts costs no more per post, however long its header).
MAX_CONTEXT_LINES = 30
#: A closing note about the writer is a sentence or two, no longer.
MAX_NOTE_WORDS = 45


@dataclass(frozen=True)
class Weights:
    """Points a title candidate gets for each signal (see ``rules/split.yaml``)."""

    closer: int
    thanks: int
    signature: int
    sign_off: int
    references_end: int
    wide_gap: int
    byline: int
    seminar_lead: int
    seminar_mention: int
    title_word: int
    talk_heading: int
    byline_next: int
    dateline_next: int
    bulletin_item: int


@dataclass(frozen=True)
class SplitRules:
    """The rules of ``rules/split.yaml``, checked and compiled."""

    threshold: int
    weights: Weights
    max_heading_words: int
    min_prose_words: int
    max_dateline_words: int
    sentence_starts: frozenset[str]
    title_words: tuple[str, ...]
    talk_words: frozenset[str]
    section_headings: frozenset[str]
    fields: Rules  # the clean stage's rules, for labelled fields (clean/rules.py is_field)
    closers: tuple[re.Pattern[str], ...]
    filed_lines: tuple[re.Pattern[str], ...]
    salutations: re.Pattern[str]
    author_lines: tuple[re.Pattern[str], ...]
    author_notes: tuple[re.Pattern[str], ...]
    minute_takers: tuple[re.Pattern[str], ...]
    poster_lines: tuple[re.Pattern[str], ...]
    issue_line: re.Pattern[str]
    issue_month: re.Pattern[str]
    bulletin_name: re.Pattern[str]
    not_name_words: frozenset[str]
    honorifics: frozenset[str]
    particles: frozenset[str]

    def heading_like(self, block: Block) -> bool:
        """A title candidate: a heading, or one short line that does not end a sentence."""
        if block.hint in ("date", "byline"):
            return False
        text = flat(block.text)
        if not is_worded(text):
            return False  # a rule drawn between items ("-----", "* * *") titles nothing
        if block.hint == "title":
            return True
        if PROGRAMME_TIME.match(text):
            return False  # "11.30 Presentations by A and B": a programme's line, as a heading too
        if text.count(",") >= 2 and is_people_list(text):
            return False  # "A, B, C and D": a list of people (the organisers), no title
        if block.kind == "heading":
            return True
        if (by := BYLINE_PREFIX.match(text)) and parse_names(text[by.end() :], self):
            return False  # "By Tony Vasquez" is a byline, never a title
        if is_field(text, self.fields):
            return False  # "Venue: Seminar Room", "Audience: Open to the public": a field
        return (
            block.kind == "paragraph"
            and "\n" not in block.text.strip()
            and 0 < len(text.split()) <= self.max_heading_words
            and not _SENTENCE_END.search(text)
        )

    def candidate(self, block: Block, after: Block | None) -> bool:
        """A title candidate: heading-like, or a name-like line with "By X" under it.

        The clean stage takes a short capitalised line after prose for a signature
        ("Anne Flatt"); with a byline right under it, it is a post's title ("Events
        Huddersfield" / "By Jacqui Crimlisk").
        """
        if self.heading_like(block):
            return True
        return block.hint == "byline" and after is not None and bool(_by_names(after, self))

    def is_prose(self, block: Block) -> bool:
        """Body text: a paragraph, quote or item of some length that is no byline.

        Whether a short line is a heading is mostly the clean stage's call (it sees the
        layout), but a long heading-shaped line that opens with a pronoun is a sentence.
        """
        text = flat(block.text)
        size = len(text.split())
        return (
            block.hint == ""
            and size >= self.min_prose_words
            and (
                block.kind in ("paragraph", "quote", "item")
                or (block.kind == "heading" and text.split()[0].casefold() in self.sentence_starts)
            )
            and not BYLINE_PREFIX.match(text)
            and not thanks_names(text, self)
        )


def load_split_rules(path: Path = RULES) -> SplitRules:
    """Read and check the split rules; raise :class:`InputError` saying what to fix."""
    where = str(path)
    try:
        data: Any = load_data(path)
        names = [f.name for f in fields(Weights)]
        missing = [n for n in names if not isinstance(data["weights"].get(n), int)]
        if missing:
            raise ValueError(f"weights: give an integer for {', '.join(missing)}")
        listed = {
            key: tuple(str(w).casefold() for w in data[key])
            for key in (
                "title_words",
                "talk_words",
                "sentence_starts",
                "section_headings",
            )
        }
        return SplitRules(
            threshold=int(data["threshold"]),
            weights=Weights(**{n: data["weights"][n] for n in names}),
            max_heading_words=int(data["max_heading_words"]),
            min_prose_words=int(data["min_prose_words"]),
            max_dateline_words=int(data["max_dateline_words"]),
            sentence_starts=frozenset(listed["sentence_starts"]),
            title_words=listed["title_words"],
            talk_words=frozenset(listed["talk_words"]),
            section_headings=frozenset(listed["section_headings"]),
            fields=(clean_rules := load_rules()),
            closers=(
                *(re.compile(str(p), re.IGNORECASE) for p in data["closers"]),
                post_end_pattern(clean_rules),
            ),
            salutations=re.compile(str(data["salutations"]), re.IGNORECASE),
            filed_lines=tuple(re.compile(str(p), re.IGNORECASE) for p in data["filed_lines"]),
            author_lines=tuple(re.compile(str(p), re.IGNORECASE) for p in data["author_lines"]),
            author_notes=tuple(re.compile(str(p)) for p in data["author_notes"]),
            minute_takers=tuple(re.compile(str(p)) for p in data["minute_takers"]),
            poster_lines=tuple(re.compile(str(p)) for p in data["poster_lines"]),
            issue_line=re.compile(str(data["issue_line"]), re.IGNORECASE),
            issue_month=re.compile(str(data["issue_month"]), re.IGNORECASE),
            bulletin_name=re.compile(str(data["bulletin_name"]), re.IGNORECASE),
            not_name_words=name_words().not_name,
            honorifics=name_words().honorific_keys,
            particles=frozenset(p.casefold() for p in name_words().particles),
        )
    except (
        OSError,
        yaml.YAMLError,
        KeyError,
        TypeError,
        AttributeError,
        ValueError,
        re.error,
    ) as error:
        what = f"missing key {error}" if isinstance(error, KeyError) else str(error)
        fix = "compare with the comments in tools/ingest/rules/split.yaml"
        raise InputError([Problem(where, 1, f"bad split rules: {what}; {fix}")]) from error


def split_all(cleaned: Sequence[CleanSource], rules: SplitRules) -> tuple[Post, ...]:
    """The posts of every cleaned source, in order, split on every core (parallel.py)."""
    every = pmap(lambda c: split(c, rules), cleaned, MIN_FILES)
    return tuple(post for posts in every for post in posts)


#: A web page's copy keeps at least this many different lines of its site's chrome (skip
#: links, menus, a footer) for the clean stage to drop; a printed text has none.
MIN_WEB_FRAME = 5


def split(cleaned: CleanSource, rules: SplitRules | None = None) -> tuple[Post, ...]:
    """The posts of one cleaned source, in source order (none if it has no blocks)."""
    rules = rules if rules is not None else load_split_rules()
    blocks = cleaned.blocks
    if not blocks:
        return ()
    titled = sum(b.hint == "title" for b in blocks)
    page = cleaned.source.path.lower().endswith((".html", ".htm"))
    # A saved page whose markup heads several entries, or a browser's copy of a web page
    # (its site's menus and footer dropped as chrome), filed as an article, is a page.
    # (different lines: a download's stamp on every page is one, "Downloaded by ...")
    framed = len({b.text for b in cleaned.removed if b.label == "chrome"}) >= MIN_WEB_FRAME
    listing = cleaned.source.kind == "article" and (titled >= MIN_MARKS if page else framed)
    if cleaned.source.kind != "blog" and not listing:
        # An article or deck is one post, unless its own contents list names its items (a
        # newsletter saved as a PDF): then each listed heading starts one. A web page filed
        # as an article (a news listing) is cut as a blog's page is.
        heads = _listed_heads(cleaned)
        if len(heads) < MIN_MARKS or _sections([blocks[i] for i in heads], rules):
            return (_post(cleaned, blocks, rules, single=True),)
        # the lines above the first listed heading are the cover (a booklet's title, its
        # seminar and date), a post only when they hold prose (an editorial)
        cover = not any(
            rules.is_prose(b) and _SENTENCE_END.search(flat(b.text)) for b in blocks[: heads[0]]
        )
        cuts = sorted({heads[0] if cover else 0, *heads})
    else:
        if cleaned.source.kind == "blog":
            blocks = _dated_heads(_unsectioned(cleaned, rules), rules)
            cleaned = replace(cleaned, blocks=blocks)
        cuts = _starts(cleaned, rules)
        # A page's label over its first post's title ("Events", "Steering group", a
        # category) heads the page, as a cover does: the post starts at its title.
        if at := _labelled(blocks, rules, {flat(b.text).casefold() for b in cleaned.removed}):
            cuts = [at, *(c for c in cuts if c > at)]
        elif len(cuts) > MIN_MARKS and _described(blocks[: cuts[1]], rules):
            cuts = cuts[1:]  # a listing's description over its entries heads the page
    # A heading with no text of its own after a post starts none: it is a section's
    # heading ("Latest news") or the page's, and stays with the post above.
    ends = [*cuts[1:], len(blocks)]
    cuts = [c for k, c in enumerate(cuts) if k == 0 or not _heading_only(blocks[c : ends[k]])]
    cuts = _unlisted(cuts, blocks, cleaned, rules)
    cuts = _one_per_entry(cuts, blocks, cleaned, rules)
    segments = [blocks[s:e] for s, e in zip(cuts, [*cuts[1:], len(blocks)], strict=True)]
    # the dates of the end marks that print one ("October 28th, 2017 · 23 notes"), and of
    # the filing lines under them ("Read more" / "14 November 2016 · News")
    foot = {
        b.first: d
        for b in cleaned.removed
        if b.label in ("end-of-post", FILING) and (d := parse_date(b.text))
    }
    posts = [_post(cleaned, seg, rules, single=len(segments) == 1, foot=foot) for seg in segments]
    if len(segments) > 1 or cuts[0] > 0:
        context = _page_context(cleaned, blocks[: cuts[0]], segments[0][0].first)
        posts = [replace(post, context=context) for post in posts]
        # a month's archive prints each entry's day and month ("31 Oct"), its year in the
        # page's heading ("Monthly archives: October 2016")
        heading = [line.text for line in context]
        posts = [
            replace(post, date=when)
            if post.date is None and (when := next(_dated(post.blocks, heading), None)) is not None
            else post
            for post in posts
        ]
    posts = _filed(posts, cleaned, rules)
    return tuple(_owned(posts, cleaned.owner) if cleaned.owner else posts)


def _dated(blocks: Sequence[Block], heading: Sequence[str]) -> Iterator[str]:
    """The dates of a post's date lines that give a day and month only, in the year its
    page's heading gives that month (:func:`~.dates.dated_by_page`)."""
    for block in blocks:
        if block.hint == "date" and (when := dated_by_page(flat(block.text), heading)):
            yield when


def _filing(text: str, rules: SplitRules) -> re.Match[str] | None:
    """The match of a line that files a post under categories or tags, if it is one."""
    line = undashed(text.strip())
    return next((m for p in rules.filed_lines if (m := p.fullmatch(line))), None)


#: A post's entry footer stands within this many lines under its last block.
FOOTER_REACH = 6
#: A filing line is short: "Posted in Seminars | Tagged commissioning, seminar 4".
MAX_FILED_CHARS = 200


#: A category printed over an entry stands at most this many lines over its title (its
#: meta lines between, which the clean stage moved under the title).
LABEL_REACH = 6


def _filed(posts: Sequence[Post], cleaned: CleanSource, rules: SplitRules) -> list[Post]:
    """The posts with the categories and tags their entry footers file them under
    (``rules.filed_lines``, or a footer's bare filing lines the clean stage found: label
    ``filing``), or a theme prints over their titles (labels ``category`` and
    ``kicker``, within :data:`LABEL_REACH` lines above), and the writer a footer names
    after them where the post names none (:data:`_FILED_BY`): the lines the clean stage
    dropped between a post's start and the next post's (the last post's: within
    :data:`FOOTER_REACH` lines of its end)."""
    filing = [
        Line(b.first, found["filed"].strip())
        for b in cleaned.removed
        if len(b.text) <= MAX_FILED_CHARS and (found := _filing(b.text, rules))
    ] + [
        Line(b.first, categories)
        for b in cleaned.removed
        if b.label == FILING and (categories := _undated(b.text))
    ]
    filing.sort(key=lambda line: line.number)
    # a category or a kicker printed over an entry's title files the entry under it
    over = [Line(b.first, b.text) for b in cleaned.removed if b.label in (CATEGORY, KICKER)]
    writers = [
        (b.first, names)
        for b in cleaned.removed
        if b.label == "end-of-post"
        and len(b.text) <= MAX_FILED_CHARS
        and (found := _FILED_BY.fullmatch(flat(b.text)))
        and (names := parse_names(found["names"], rules))
    ]
    if not filing and not writers and not over:
        return list(posts)
    out: list[Post] = []
    for k, post in enumerate(posts):
        end = posts[k + 1].first if k + 1 < len(posts) else post.last + FOOTER_REACH + 1
        top = max(post.first - LABEL_REACH, posts[k - 1].last + 1 if k else 0)
        filed = tuple(line for line in over if top <= line.number < post.first)
        filed += tuple(line for line in filing if post.first <= line.number < end)
        post = replace(post, filed=filed) if filed else post
        # the writer the footer names, where the post names none ("Posted in News by Jo
        # Bloggs | Leave a comment")
        by = next((names for at, names in writers if post.first <= at < end), ())
        out.append(replace(post, bylines=by) if by and not post.bylines else post)
    return out


def _undated(text: str) -> str:
    """A filing line without the date it leads with ("14 November 2016 · News" -> "News",
    "2 March 2016 in Seminar 2" -> "Seminar 2", "18 July 2017" -> ""): the date is the
    post's, not a category."""
    first, *rest = DATELINE_PARTS.split(text.strip())
    if not rest and only_date(first):
        return ""  # a date alone ("Read more" / "18 July 2017"): no category
    if rest and parse_date(first):
        return " · ".join(rest)
    found = DATE_IN.fullmatch(text.strip())
    return found["filed"] if found and parse_date(found["date"]) else text


#: An entry footer that names the post's writer after its categories or its date: "Posted
#: in Announcements by Jo Bloggs | Leave a comment", "Filed under Events by Jo Bloggs",
#: "Posted on 14 March 2017 by Jo Bloggs".
_FILED_BY = re.compile(
    r"(?i)(?:posted|filed|published)\s+(?:in|under|on):?\s+[^|\u00b7\u2022]{1,120}?"
    r"\s+by\s+(?P<names>[^|\u00b7\u2022]{2,80}?)\s*(?:[|\u00b7\u2022].*)?"
)


#: A section's number before its heading: "1.", "2.3", "4)".
_SECTION_NUMBER = re.compile(r"(?P<n>\d{1,2})(?:\.\d{1,2})*[.)]?\s+(?=\S)")
_SUBSECTION = re.compile(r"\d{1,2}\.\d{1,2}[.)]?\s+(?=\S)")


def _unsectioned(cleaned: CleanSource, rules: SplitRules) -> tuple[Block, ...]:
    """The blocks of a page, with the headings its own contents list names no longer
    hinted titles when they are a document's sections (:func:`_sections`: a planning
    document exported as text, "1. Purpose of the day", "2.1 Morning"), not a bulletin's
    items."""
    heads = _listed_heads(cleaned)
    if len(heads) < MIN_MARKS or not _sections([cleaned.blocks[i] for i in heads], rules):
        return cleaned.blocks
    sections = set(heads)
    return tuple(replace(b, hint="") if i in sections else b for i, b in enumerate(cleaned.blocks))


def _listed_heads(cleaned: CleanSource) -> list[int]:
    """Indexes of the title-hinted headings the page's own list of contents names (its
    chrome, or a printed contents list: clean/contents.py)."""
    listed = {listed_key(b.text) for b in cleaned.removed if b.label == "chrome"}
    listed |= {printed_title(b.text) for b in cleaned.removed if b.label == CONTENTS}
    return [
        i
        for i, b in enumerate(cleaned.blocks)
        if b.hint == "title" and is_listed(listed_key(flat(b.text)), listed)
    ]


def _sections(heads: Sequence[Block], rules: SplitRules) -> bool:
    """Whether the headings a document's contents list names are sections of one text, as
    a report numbers them: most are numbered and one is a section's word ("1.
    Introduction", "2. Regulation and its second notebook", "References"), or some are
    parts of parts ("2.1 Morning"). A booklet's
    parts ("Welcome", "Programme", "Acknowledgements") and a newsletter's items ("1. From
    the editor") are texts of their own."""
    texts = [flat(b.text) for b in heads]
    numbered = sum(bool(_SECTION_NUMBER.match(t)) for t in texts)
    bare = {_SECTION_NUMBER.sub("", listed_key(t)).strip(" .:") for t in texts}
    # a part of a part ("2.1 Morning") is a section's: no newsletter numbers its items so
    subsections = any(_SUBSECTION.match(t) for t in texts)
    return 2 * numbered > len(texts) and (subsections or bool(bare & rules.section_headings))


#: A page's entries, one per seminar in turn ("Seminar 1 - Leeds, ...", "Seminar 2 - ..."),
#: each a heading and a line or two: at least this many in a row make a list.
MIN_LISTED_SEMINARS = 3
MAX_ENTRY_BLOCKS = 3
#: A seminar's entry names it at its start.
ENTRY_PEEK = 40
_SEMINAR_ENTRY = re.compile(r"(?i)seminar\s+(\d{1,2})\b")
#: ... a section's heading that is the seminar's number alone: "Seminar 2", "SEMINAR 2:".
_SEMINAR_ONLY = re.compile(r"(?i)seminar\s+\d{1,2}\s*[.:]?")


def _unlisted(
    cuts: list[int], blocks: Sequence[Block], cleaned: CleanSource, rules: SplitRules
) -> list[int]:
    """The cuts without those of a page's list of the seminars, one entry each in turn
    ("Seminar 1 - Leeds, Tuesday 5 January 2016" / a line about it / "Seminar 2 - ..."):
    entries each a few blocks from the next (or headed by the seminar's number alone),
    with no date (but an event's when and where) or byline among them and no end mark of
    a post between them, are one page's parts, not posts (an archive's excerpts have
    their dates and "Continue reading"). What follows the last entry (the page's
    downloads, its reading list, its share links) stays with the page. The entries are
    read from the blocks, since a long entry's heading may be no cut."""
    ends = sorted(b.first for b in cleaned.removed if b.label == "end-of-post")
    entries = [
        (i, int(m[1]))
        for i, block in enumerate(blocks)
        if (m := _SEMINAR_ENTRY.match(flat(block.text[:ENTRY_PEEK])))
    ]
    is_cut = set(cuts)
    drop: set[int] = set()
    k = 0
    while k < len(entries):
        j = k
        while (
            j + 1 < len(entries)
            and entries[j + 1][1] == entries[j][1] + 1
            and (
                _entry_gap(blocks, entries[j][0], entries[j + 1][0]) <= MAX_ENTRY_BLOCKS
                # headings that name the seminar and nothing else head a page's sections,
                # however long ("Seminar 2" over its speakers' biographies)
                or all(_SEMINAR_ONLY.fullmatch(flat(blocks[e].text)) for e, _ in entries[j : j + 2])
            )
        ):
            j += 1
        start, last = entries[k][0], entries[j][0]
        listed = {i for i, _ in entries[k : j + 1]}
        if (
            j - k + 1 >= MIN_LISTED_SEMINARS
            and not any(
                _head_line(blocks[i], rules) and not _when_and_where(blocks[i], rules)
                # among the entries: under the last, the post's own footer may date it
                for i in range(start, last)
                if i not in listed
            )
            # an archive's excerpts end each with its mark; a page may end with share links
            and not any(blocks[start].first <= e <= blocks[last].first for e in ends)
        ):
            first = start if start != cuts[0] else start + 1  # a list that opens the page
            drop.update(i for i in listed if i in is_cut and i >= first)
        k = j + 1
    return [c for c in cuts if c not in drop]


#: A listing whose entries each end with their marks: at least this many such entries.
MIN_MARKED_ENTRIES = 2


def _one_per_entry(
    cuts: list[int], blocks: Sequence[Block], cleaned: CleanSource, rules: SplitRules
) -> list[int]:
    """The cuts without those of an entry's own subheadings, in a listing whose entries
    each end with their marks ("Continue reading →", its footer's date, "Leave a comment"):
    an entry runs from the marks above it to its own. Where most entries hold one cut and
    one date each, a later cut in an entry with one date or none, at a heading the page's
    markup does not mark as a title, is a subheading of its excerpt ("Looking back on
    seven seminars" / a line / "Seminar 1, Leeds, January 2016" / a line / "Continue
    reading →")."""
    marks = sorted(b.first for b in cleaned.removed if b.label == "end-of-post")
    if len(marks) < MIN_MARKED_ENTRIES:
        return cuts
    # marks with no text between them end one entry: "Continue reading →" / its footer's
    # date and writer / "Leave a comment"
    lines = [b.first for b in blocks if (not b.hint and rules.heading_like(b)) or rules.is_prose(b)]
    last_marks = [
        m
        for k, m in enumerate(marks)
        if k + 1 == len(marks) or _count_between(lines, m, marks[k + 1])
    ]
    # (a date a rule dropped counts: a journal's "Fri 7 Jul" over its note count)
    dates = sorted(
        [b.first for b in blocks if b.hint == "date" or is_dateline(b, rules)]
        + [
            b.first
            for b in cleaned.removed
            if (b.label in (FILING, "end-of-post") and parse_date(b.text) is not None)
            or only_date(flat(b.text))
            or day_and_month(flat(b.text))
        ]
    )
    entries: dict[int, list[int]] = {}
    for cut in cuts:
        entries.setdefault(bisect.bisect_left(last_marks, blocks[cut].first), []).append(cut)
    # over the first marks, the page's own head may stand over its first entry: only an
    # entry whose title the markup marks is one there
    inner = {
        k: found
        for k, found in entries.items()
        if k < len(last_marks) and (k or blocks[found[0]].hint == "title")
    }

    def dated(k: int) -> int:  # the dates in entry k: (its marks above, its own]
        low, high = last_marks[k - 1] if k else -1, last_marks[k]
        return bisect.bisect_right(dates, high) - bisect.bisect_right(dates, low)

    one = [k for k, found in inner.items() if len(found) == 1]
    if (
        len(one) < MIN_MARKED_ENTRIES
        or len(one) <= len(inner) - len(one)
        or not all(dated(k) == 1 for k in one)  # each entry its date
    ):
        return cuts
    drop: set[int] = set()
    marked = set(marks)
    for k, found in inner.items():
        if len(found) > 1 and dated(k) <= 1:
            drop.update(
                c for c in found[1:] if blocks[c].hint != "title" and blocks[c].first not in marked
            )
    return [c for c in cuts if c not in drop]


def _entry_gap(blocks: Sequence[Block], at: int, then: int) -> int:
    """How far apart two entries of a list of the seminars stand, in blocks: a list's
    items under an entry (its slides and handouts, one to a line) count as one."""
    between = blocks[at + 1 : then]
    items = any(b.kind == "item" for b in between)
    return 1 + sum(b.kind != "item" for b in between) + items


def _when_and_where(block: Block, rules: SplitRules) -> bool:
    """Whether a dateline says when and where an event is, not when a post was written:
    a part beside its date names a venue ("5 January 2016 · University of Leeds",
    "University of Leeds, Tuesday 5 January 2016"), by the organisation words of
    ``rules/names.yaml``."""
    parts = [p for part in DATELINE_PARTS.split(flat(block.text)) for p in part.split(", ")]
    return (
        len(parts) > 1
        and is_dateline(block, rules)
        and any(
            _venue_words() & set(re.findall(r"\w+", part.casefold()))
            for part in parts
            if parse_date(part) is None
        )
    )


@functools.cache
def _venue_words() -> frozenset[str]:
    """The organisation words of ``rules/names.yaml``, case-folded: "university", "college"."""
    return frozenset(w.casefold() for w in name_words().not_name_group("organisation"))


#: A page's label over its first title is short: "Events", "Steering group"; of this many
#: words only when the page's chrome names it too (its menu, its category).
MAX_LABEL_WORDS = 3


def _labelled(blocks: Sequence[Block], rules: SplitRules, chrome: set[str]) -> int:
    """Where the first post's title stands when a page opens with a short label over it
    (0 if it does not): the label is heading-like (of three words only when it repeats
    a line of the page's chrome: a menu item, a category), the title under it is longer
    and a title candidate, and under the title stand its dateline, its byline or its text
    ("Events" / "Recovery College Open Day at the University of Huddersfield" /
    "Saturday 14 October 2017"); the label may
    stand twice ("College News" as the page's heading and its breadcrumb)."""
    at = 1
    while at < len(blocks) and flat(blocks[at].text).casefold() == flat(blocks[0].text).casefold():
        at += 1
    if at + 1 >= len(blocks):
        return 0
    label, title, under = blocks[0], blocks[at], blocks[at + 1]
    words = len(flat(label.text).split())
    labelled = (
        (
            words < MAX_LABEL_WORDS
            or (words == MAX_LABEL_WORDS and flat(label.text).casefold() in chrome)
        )
        and rules.heading_like(label)
        and not _head_line(label, rules)
        and not is_vouched_name(flat(label.text))  # a person's name over their role
        and not flat(title.text).endswith(":")  # a sentence leading into a list
        and len(flat(title.text).split()) > words
        and rules.candidate(title, under)
        and not _head_line(title, rules)
        and (rules.is_prose(under) or _head_line(under, rules))
    )
    return at if labelled else 0


#: A listing page's description is a sentence or two; a widget's line is a label of a
#: few words ("All event types", "Apply filters").
MAX_DESCRIPTION_WORDS = 40
MAX_WIDGET_WORDS = 5


def _described(segment: Sequence[Block], rules: SplitRules) -> bool:
    """Whether the piece of a page above its first title is the page's heading, its
    description and its widgets, not a post: one short paragraph with no title over it
    and no dateline under it, among three or more blocks, the others short lines ("What's On" /
    "February 2016" / "Events listed here are open to members of the College." ;
    "Upcoming events in the School." / "Filter by" / "Lectures" / "Apply filters")."""
    prose = [b for b in segment if rules.is_prose(b)]
    return (
        len(prose) == 1
        and len(segment) > MIN_MARKS
        and segment[0].kind != "heading"
        and not any(b.hint for b in segment)
        and len(flat(prose[0].text).split()) <= MAX_DESCRIPTION_WORDS
        and all(len(flat(b.text).split()) <= MAX_WIDGET_WORDS for b in segment if b is not prose[0])
        # an excerpt's date under it makes it a post ("... The…" / "Posted on 1 May 2017"),
        # and so does a day's date anywhere (a search result's title, its "November 3,
        # 2017" and its excerpt); a month over the paragraph heads a listing ("February 2016")
        and not any(
            is_dateline(b, rules) and (k >= segment.index(prose[0]) or parse_date(flat(b.text)))
            for k, b in enumerate(segment)
        )
    )


def _heading_only(segment: Sequence[Block]) -> bool:
    """Whether a piece of a page is a heading and nothing else but its date and byline."""
    head = segment[0].kind == "heading" or segment[0].hint == "title"
    return head and all(block.hint in ("date", "byline") for block in segment[1:])


def _page_context(cleaned: CleanSource, cover: Sequence[Block], first: int) -> tuple[Line, ...]:
    """The lines that head a page of several posts, above the first (its frame's header:
    "Tag: Seminar 6", a wall's "Seminar 3: ..."; a booklet's cover), in line order; not
    its list of contents, whose lines name its posts, one each. Under an archive's heading
    ("Year: 2016"), that heading and the lines under it: the site's header above it (a
    ticker's latest headline, a menu) says nothing of what the page lists."""
    # (a listing's kicker or category over the first title files that entry, not the page)
    header = [
        Line(b.first, flat(b.text))
        for b in cleaned.removed
        if b.last < first and b.label not in (CATEGORY, KICKER)
    ]
    framed = [line for line in cleaned.source.frame if line.number < first]
    covered = [Line(b.first, flat(b.text)) for b in cover]
    titles = {listed_key(flat(b.text)) for b in cleaned.blocks if b.first >= first}
    lines = [line for line in [*header, *framed, *covered] if listed_key(line.text) not in titles]
    lines.sort(key=lambda line: line.number)
    heads = [i for i, line in enumerate(lines) if is_archive_heading(line.text)]
    return tuple(lines[heads[-1] if heads else 0 :][-MAX_CONTEXT_LINES:])


def _owned(posts: Sequence[Post], owner: Owner) -> list[Post]:
    """The posts of a personal blog with its owner as their writer (clean/owner.py).

    A post signed with the owner's given name alone ("Bernie x", "Sandy") is theirs. So is
    a post with no byline, when no post of the page is signed by anyone else and the
    frame says whose page it is, or a post is signed by them. Bylines the owner's name
    stands for point at the frame's line (``Post.owner``), not at the post's."""
    given = variant_key(owner.name).split()[0]

    def theirs(post: Post) -> bool:
        return len(post.bylines) == 1 and (
            variant_key(post.bylines[0]) == variant_key(owner.name)
            or (len(post.bylines[0].split()) == 1 and same_given(post.bylines[0], given))
        )

    signed = [p for p in posts if p.bylines]
    if not all(theirs(p) for p in signed) or not (owner.stated or signed):
        return [replace(p, bylines=(owner.name,), owner=owner) if theirs(p) else p for p in posts]
    return [
        p
        if p.bylines and variant_key(p.bylines[0]) == variant_key(owner.name)
        else replace(p, bylines=(owner.name,), owner=owner)
        for p in posts
    ]


def _starts(cleaned: CleanSource, rules: SplitRules) -> list[int]:
    """Indexes of the blocks of a blog source that start a post.

    One pass: what the signals need of the post being built is kept up to date block by
    block (:class:`_Open`), so the cost grows with the number of blocks, however long a
    post gets (an archive of 100,000 short lines is one post until something splits it).
    """
    blocks = cleaned.blocks
    ends = sorted(b.first for b in cleaned.removed if b.label == "end-of-post")
    counted_ends = [
        b.first for b in cleaned.removed if b.label == "end-of-post" and _counts_comments(b)
    ]
    marks = _repeated_marks(cleaned)
    kickers = [b.first for b in cleaned.removed if b.label == KICKER]  # clean/dated.py
    labels = Counter(
        flat(b.text).casefold()
        for b in blocks
        if len(b.text) <= MAX_LABEL_CHARS and "\n" not in b.text
    )
    starts = [0]
    current = replace(_Open.start(blocks[0], rules), top=True)
    peers = _peer_titles(blocks, ends, rules)
    footer = 0  # the blocks up to this index are a post's entry footer
    bulletin = False  # the page opened with a newsletter's masthead: its headings head items
    for i in range(1, len(blocks)):
        prev, block = blocks[i - 1], blocks[i]
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            after is not None
            and i + 2 < len(blocks)
            and not after.hint  # a writer's name the page repeats is no label
            and _repeated_label(after, labels)
        ):
            after = blocks[i + 2]  # under the title, the label and then its date
        # under a footer that counted the post's comments, its last line, a date heads
        # the next post ("Posted in News | 4 Comments" / "NOVEMBER 6, 2017" / its title)
        if (
            current.prose
            and not _between(counted_ends, prev, block)
            and (footer := max(footer, _footer(blocks, i, ends, rules))) >= i
        ):
            current.add(block, rules)  # the writer and date a theme prints under a post
            continue
        if (
            current.prose
            and block.hint != "title"
            and rules.heading_like(block)  # a paragraph over a date is a short entry's text
            and not _between(ends, prev, block)  # after an end mark, a title over its count
            and (foot := _foot_only(blocks, i, ends, rules))
        ):
            footer = foot  # the text's last line, over its footer's date and writer
            current.add(block, rules)
            continue
        if after is not None and _between(ends, block, after):
            after = None  # under a post's end, the next post's lines say nothing of this one
        # A post's comment count under its dateline ("November 7, 2016" / "3 Comments")
        # ends no post: nothing but its head stands above it.
        counted = current.headed and _head_line(prev, rules)
        ended = (_between(ends, prev, block) and not counted) or i in peers
        # an entry footer's dateline that counts the comments ends its post as a mark does
        # (under the text: the post's head may print its count under the title too)
        ended = ended or (
            current.prose
            and current.size > DATELINE_BLOCKS
            and current.before is not None
            and (
                rules.is_prose(current.before)
                or bool(_signature(flat(current.before.text), rules))
                or bool(_signed_inline(flat(current.before.text), rules))  # "Best wishes, Tom"
            )
            and _counts_comments(prev)
        )
        # A dropped line the page repeats between its items ("Back to top") ends a post
        # when a title candidate follows.
        marked = _between(marks, prev, block) and rules.candidate(block, after)
        # A byline or date after a post's end is its entry footer's, not a new post's.
        # (a programme's post may hold no prose, its lines of times many: a title with
        # text under it starts the next one; so does one under a footer of two end marks
        # or more, "Posted in News" / "Leave a comment", under a page's list of parts)
        texted = (
            current.prose
            or (
                (
                    current.size > MIN_UNTEXTED_BLOCKS
                    or _count_between(ends, prev.last, block.first) >= MIN_MARKS
                )
                and rules.candidate(block, after)
                # (past the title's dateline: "Posted by Jo Bloggs on 12 April 2017")
                and (
                    text := next(
                        (
                            b
                            for b in blocks[i + 1 : i + 3]
                            if not b.hint and not is_dateline(b, rules)
                        ),
                        None,
                    )
                )
                is not None
                and rules.is_prose(text)
            )
        )
        after_end = (ended or marked) and texted and block.hint not in ("byline", "date")
        # a reply's opening line starts the next reply once this one has its text; a
        # tweet's text may be short or quoted, and so no prose, when someone else answers
        who = _poster_who(block, rules) if current.prose or current.size > 1 else None
        # a listing's kicker ("NEWS") stood right over this title: it heads an entry
        kicked = _between(kickers, prev, block) and rules.candidate(block, after)
        hard = (
            block.hint == "title"
            or kicked
            or after_end
            or (
                who is not None
                and (current.prose or _answers(current, who, rules) or _counted(current.last))
            )
        )
        # a label the page prints over or under several entries' titles is none of them
        score = (
            -1 if hard or _repeated_label(block, labels) else _score(current, block, rules, after)
        )
        if bulletin and score >= 0 and _item_heading(block, after, rules):
            score += rules.weights.bulletin_item  # a newsletter's item under its heading
        # a title the clean stage marked (the page quotes it over its comments) heads the
        # lines under it up to its text: a category over the date there is its meta line
        held = (
            not hard
            and current.head.hint == "title"
            and not current.prose
            and block.kind != "heading"
            and after is not None
            and is_dateline(after, rules)
        )
        if hard or (score >= rules.threshold and not held):
            masthead = _masthead_above(current, rules)
            bulletin = bulletin or masthead
            # lines with no text over the page's first marked title (a table's column
            # heads) are the page's
            header = current.top and block.hint == "title" and current.head.hint != "title"
            if ((not hard or kicked or header) and not current.prose) or masthead:
                # labels over a title (_labels_only): the post above's, or the page's; a
                # newsletter's masthead, a listing's heading over its first kicker: the
                # page's
                starts.pop()
            starts.append(i)
            current = _Open.start(block, rules)
        else:
            current.add(block, rules)
    return starts


#: An entry's footer over its end mark is its date and its writer: this many lines at most.
MAX_FOOT_LINES = 2


def _foot_only(blocks: Sequence[Block], i: int, ends: Sequence[int], rules: SplitRules) -> int:
    """The index of the last line of an entry's footer right under ``blocks[i]``, or 0: its
    date and maybe its writer, and then the post's end mark ("The organising group: A, B
    and C" / "January 19, 2016" / "by Jo Bloggs" / "Posted in Seminar 1"). The line over
    such a footer is the text's last, not a title: a title has text of its own under it."""
    foot = blocks[i + 1 : i + 1 + MAX_FOOT_LINES]
    if not foot or not is_dateline(foot[0], rules):
        return 0
    for k, line in enumerate(foot):
        if k and not (BYLINE_PREFIX.match(flat(line.text)) and _by_names(line, rules)):
            return 0
        after = blocks[i + 2 + k] if i + 2 + k < len(blocks) else None
        if after is None or _between(ends, line, after):
            closed = after is not None or bisect.bisect_right(ends, line.last) < len(ends)
            return i + 1 + k if closed else 0
    return 0


#: A post with no prose ends at an end mark when it holds more than this many blocks (a
#: programme: its title, its venue and its lines of times), not labels over a title.
MIN_UNTEXTED_BLOCKS = 4


#: A label a page repeats over its entries is short: "Partner event", "Group".
MAX_LABEL_CHARS = 40


def _repeated_label(block: Block, labels: Counter[str]) -> bool:
    """Whether a block is a short line the page prints more than once (``labels``: each
    short line's count): a category over or under its entries' titles, no title itself."""
    return block.hint != "title" and labels[flat(block.text).casefold()] > 1


#: A footer's writer line is short ("Jo Bloggs", "Published by Jo Bloggs").
MAX_FOOTER_CHARS = 80


def _footer(blocks: Sequence[Block], i: int, ends: Sequence[int], rules: SplitRules) -> int:
    """The index of the last block of the post's entry footer that ``blocks[i]`` opens, or
    -1: its writer, then its date, then the post's end ("Jo Bloggs" / "Posted on 2 October
    2017" / "Leave a comment on ...", as WordPress's newer themes print them under each
    post) or its filing right under the date ("Tags: ... | Categories: ..."); or, after
    the post's end mark (its related posts, its share buttons), its date and within two
    lines "Published by Jo Bloggs" (an author box), no title between; or
    its dateline with its writer between two end marks, or after the page's last one
    ("Posted on 2 November 2017 by Jo Bloggs" / "Posted in Seminars | 2 Comments", as
    Twenty Fifteen prints it), or its byline with its time there ("Posted by Jo Bloggs at
    21:47", as Blogger prints it)."""
    block, after = blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None
    text = flat(block.text)
    if _counts_comments(block):
        return i  # "Posted by Jo Bloggs | Filed under Events | 1 Comment": its last line
    if (
        after is not None
        and len(text) <= MAX_FOOTER_CHARS
        and (after.hint == "date" or is_dateline(after, rules))  # the cheaper test first
        and (
            block.hint == "byline"
            or is_writers_line(text)  # "Jo Bloggs", "Jo Bloggs & Sam Example"
            or _signed_off(text, rules)  # "Pamela and Martin"
            or _by_names(block, rules)
        )
    ):
        then = blocks[i + 2] if i + 2 < len(blocks) else None
        if then is None or _between(ends, after, then) or _counts_comments(after):
            return i + 1  # "Jo" / "Jo Bloggs | May 30, 2017 | Events | 2 comments"
        # the categories and tags the footer files it under, right under its date
        return i + 2 if _filing(flat(then.text), rules) and then.first == after.last + 1 else -1
    # the writer's part is short; the categories and tags after a mark may be many
    # ("Written by Jo Bloggs on 06/02/2017 · Events, Seminar 5 · Tagged conference, York")
    head = DATELINE_PARTS.split(text, maxsplit=1)[0]
    if not (_between(ends, blocks[i - 1], block) and len(head) <= MAX_FOOTER_CHARS):
        return -1
    closed = after is None or _between(ends, block, after)
    by = BYLINE_PREFIX.match(text)
    if closed and by and _footer_byline(text[by.end() :], block, rules):
        return i  # "Posted by Jo Bloggs at 21:47" between "Read more" and "2 comments:"
    if not is_dateline(block, rules):
        return -1
    if closed and _BY.search(text):
        return i  # "Posted on 2 November 2017 by Jo Bloggs" between two end marks, or last
    if not _date_led(block, rules):
        return -1  # "Save the date: seminar five, 3 March 2017": a title naming a date
    for k in range(i + 1, min(i + 3, len(blocks))):
        if BYLINE_PREFIX.match(flat(blocks[k].text)) and _by_names(blocks[k], rules):
            return k
        if blocks[k].hint == "title" or blocks[k].kind == "heading":
            return -1
    return -1


#: A dateline's part that counts a post's comments or asks for one: the footer's last.
_COMMENTS_PART = re.compile(
    r"(?i)leave a (?:comment|reply)|(?:\d+|no|one) (?:comments?|responses?|replies)"
)


#: Blogger's footer copied as one line, its count glued to its time: "Posted by Jo at
#: 21:14 No comments:".
_TIMED_COUNT = re.compile(
    r"(?i)\bat \d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?\s+(?:\d+|no|one) (?:comments?|responses?):?$"
)


def _counts_comments(block: Block) -> bool:
    """Whether a dateline ends with its post's comment count ("Jo Bloggs | May 30, 2017 |
    Events | 2 comments", "Posted by Jo at 21:14 2 comments:"), as an entry's footer
    does."""
    text = flat(block.text)
    parts = DATELINE_PARTS.split(text)
    if len(parts) > 1 and _COMMENTS_PART.fullmatch(parts[-1].strip()) is not None:
        return True
    return len(text) <= MAX_FOOTER_CHARS and _TIMED_COUNT.search(text) is not None


#: When a regular event meets, as a listing prints it under the event's title: "Every
#: Tuesday, 2pm - 4pm", "Wednesdays, 10am - 1pm", "First Monday of the month, 7pm",
#: "Last Friday of every month".
_SCHEDULE = re.compile(
    r"(?i)(?:every|each|first|second|third|fourth|last)\s+(?:\w+\s+)?"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b(?:.{0,40}\d|\s+of\s+(?:every|each|the)\s+month)"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days\b.{0,40}\d"
)
#: A schedule line is short.
MAX_SCHEDULE_WORDS = 12


def _schedule(block: Block, rules: SplitRules) -> bool:
    """Whether a block says when a regular event meets (``_SCHEDULE``), alone on its line
    or as a field's value ("When: Every Tuesday, 2pm - 4pm")."""
    text = flat(block.text)
    if is_field(text, rules.fields):
        text = text.partition(":")[2].strip()
    return len(text.split()) <= MAX_SCHEDULE_WORDS and _SCHEDULE.match(text) is not None


def _footer_byline(named: str, block: Block, rules: SplitRules) -> bool:
    """Whether what follows "Posted by" in a line standing between two end marks is a
    footer's writer: a name with its time after it ("Jo Bloggs at 21:47", as Blogger
    prints it), or a writer alone, a name or a handle of a few words with no sentence
    mark ("coproblog", as Kubrick's heirs print it under "Read more")."""
    if _BY_END.search(named):
        return bool(_by_names(block, rules))
    return 0 < len(named.split()) <= MAX_HANDLE_WORDS and not named.endswith((".", "?", "!", ":"))


#: A writer's name or handle alone after "Posted by" is short: "Dr Jo Anne Bloggs".
MAX_HANDLE_WORDS = 4


def _answers(current: _Open, who: str, rules: SplitRules) -> bool:
    """Whether a reply by ``who`` answers the post being built, a reply with some text
    by someone else (a writer's own thread goes on: "1/9", "2/9", ...)."""
    head = _poster_who(current.head, rules) if current.size > 1 else None
    return head is not None and head.casefold() != who.casefold()


#: The count a writer puts at the end (or the start) of each post of a thread: "2/",
#: "6/6", "1/ Live from York".
_THREAD_COUNT = re.compile(r"(?:^|\s)\d{1,2}/(?:\d{1,2})?$|^\d{1,2}/\s")


def _counted(block: Block) -> bool:
    """Whether a post's text is counted as one of its writer's thread ("... 3/"): the
    writer's next post in the thread is another post, however short this one is."""
    return _THREAD_COUNT.search(flat(block.text)) is not None


def _poster_line(block: Block, rules: SplitRules) -> bool:
    """Whether a line opens a reply of a thread: a handle and when it wrote
    (``rules.poster_lines``: "Teasmaid · 19/09/2017 21:40"), the time a date or one counted
    back ("2 days ago")."""
    return _poster_who(block, rules) is not None


def _poster_who(block: Block, rules: SplitRules) -> str | None:
    """The writer a reply's opening line names (see :func:`_poster_line`), or ``None``
    if the line opens no reply."""
    text = flat(block.text)
    for pattern in rules.poster_lines:
        if (match := pattern.fullmatch(text)) is not None:
            when = match["when"].strip()
            if when.endswith("ago") or parse_date(when) is not None or day_and_month(when):
                return match["who"]
            return None
    return None


def _between(lines: Sequence[int], prev: Block, block: Block) -> bool:
    """Whether one of the sorted ``lines`` lies between two blocks in a row."""
    return _count_between(lines, prev.last, block.first) > 0


def _count_between(lines: Sequence[int], low: int, high: int) -> int:
    """How many of the sorted ``lines`` lie strictly between lines ``low`` and ``high``."""
    return max(0, bisect.bisect_left(lines, high) - bisect.bisect_right(lines, low))


def _repeated_marks(cleaned: CleanSource) -> list[int]:
    """The lines of dropped chrome the page repeats (at least ``MIN_MARKS`` times, the same
    words): "Back to top" or "Share on Facebook" under each item of a bulletin."""
    seen: dict[str, list[int]] = {}
    for block in cleaned.removed:
        if block.label in PAGE_MARKS:
            seen.setdefault(flat(block.text).casefold(), []).append(block.first)
    return sorted(n for lines in seen.values() if len(lines) >= MIN_MARKS for n in lines)


def _capital_titles(blocks: Sequence[Block], rules: SplitRules) -> frozenset[int]:
    """Headings the page's own style marks as titles: where a page writes two or more of
    its headings in capitals, each with prose under it (a bulletin's "SCHWARTZ ROUNDS ARE
    BACK"), and writes its text in mixed case, those headings head its items."""
    found = [
        i
        for i, block in enumerate(blocks[:-1])
        if rules.heading_like(block)
        and len(letters := [c for c in block.text if c.isalpha()]) >= MIN_CAPITAL_LETTERS
        and all(c.isupper() for c in letters)
        and rules.is_prose(blocks[i + 1])
    ]
    return frozenset(found) if len(found) >= 2 else frozenset()


def _peer_titles(blocks: Sequence[Block], ends: Sequence[int], rules: SplitRules) -> frozenset[int]:
    """The headings in capitals that head items (:func:`_capital_titles`). Where a page
    marks its posts' ends itself, those marks decide, not its capitals; but where every
    post under a mark opens with such a heading, one above the first mark opens a post
    too (a newsletter's first item, under its greeting: "Dear friends," / "Here is our
    news ..." / "ONE MONTH TO GO" / ... / "Read more" / "SEMINAR SIX: THE REPORT")."""
    capitals = _capital_titles(blocks, rules)
    if len(ends) < MIN_MARKS:
        return capitals
    heads: set[int] = set()  # the first block under each mark
    marks = iter(sorted(ends))
    mark = next(marks, None)
    for i, block in enumerate(blocks):
        while mark is not None and mark < block.first:
            heads.add(i)
            mark = next(marks, None)
    if capitals:
        if not heads or not heads <= capitals:
            return frozenset()
        return frozenset(i for i in capitals if blocks[i].first < ends[0])
    return _first_peer(blocks, heads, ends[0], rules)


def _first_peer(
    blocks: Sequence[Block], heads: set[int], end: int, rules: SplitRules
) -> frozenset[int]:
    """Where every post under a mark opens with a title right over its prose, no blank line
    between ("Read more" / "" / "Coercion, trust and the chaplain's chair" / "Of all the
    contributions ..."), the last title so set over the prose above the first mark (line
    ``end``) opens a post too, whatever stands above it (the page's name, its menu and
    heading): the first entry is shaped as the others are."""

    def titled(i: int) -> bool:
        under = blocks[i + 1] if i + 1 < len(blocks) else None
        return (
            rules.heading_like(blocks[i])
            and not rules.is_prose(blocks[i])
            and under is not None
            and under.first == blocks[i].last + 1
            and rules.is_prose(under)
            and not is_dateline(under, rules)  # "January 21, 2016 / Jo Bloggs / 3 Comments"
        )

    if len(heads) < MIN_MARKS or not all(titled(i) for i in heads):
        return frozenset()
    above = [i for i, block in enumerate(blocks) if block.last < end]
    k = len(above) - 1
    while k > 0 and rules.is_prose(blocks[above[k]]):
        k -= 1
    return frozenset({above[k]}) if above and k > 0 and titled(above[k]) else frozenset()


def _head_line(block: Block, rules: SplitRules) -> bool:
    """Whether a line under a post's title is its byline or its dateline."""
    return (
        block.hint in ("byline", "date")
        or is_dateline(block, rules)
        or bool(_by_names(block, rules))
    )


@dataclass
class _Open:
    """The post being built, as the signals see it: updated as blocks come, never rescanned."""

    head: Block  # the post's first block (its title, if it has one)
    last: Block
    before: Block | None  # the block before ``last``
    size: int
    prose: bool  # some block is prose
    references: bool  # some block is a reference or a "References" heading
    widest: int  # the widest gap, in lines, between two blocks in a row (-1: none yet)
    headed: bool = True  # nothing yet but headings, bylines and dates: the post's head
    bare: bool = True  # nothing yet but short labels, no byline or date: "More news"
    issued: bool = False  # some block is a newsletter's issue line ("Issue 14 | May 2017")
    ended: bool = False  # some block ends a sentence
    top: bool = False  # the page's first post

    @classmethod
    def start(cls, block: Block, rules: SplitRules) -> _Open:
        # A post's own title is no prose, however long: "Co-production series closes
        # with a focus on education" / "Dr A B, Chair" / date must not split at its byline.
        prose = rules.is_prose(block) and not rules.heading_like(block)
        bare = _label(block, rules)
        issued = _issue_line(block, rules)
        ended = _ends_sentence(block)
        return cls(
            block, block, None, 1, prose, _is_reference(block), -1, bare, issued=issued, ended=ended
        )

    def add(self, block: Block, rules: SplitRules) -> None:
        self.widest = max(self.widest, block.first - self.last.last - 1)
        self.before, self.last = self.last, block
        self.size += 1
        self.prose = self.prose or rules.is_prose(block)
        # (an excerpt cut short reads as a heading, "... and I am glad I …", but it ends
        # as a sentence does; a long title does not)
        self.headed = self.headed and (
            _head_line(block, rules)
            or (rules.heading_like(block) and not is_prose_text(flat(block.text)))
        )
        self.bare = self.bare and _label(block, rules)
        self.references = self.references or _is_reference(block)
        self.issued = self.issued or _issue_line(block, rules, self.before)
        self.ended = self.ended or _ends_sentence(block)


def _label(block: Block, rules: SplitRules) -> bool:
    """Whether a block is a short label a page prints over an entry, no byline or date:
    "More announcements", "Featured", a picture's caption."""
    return rules.heading_like(block) and not _head_line(block, rules)


#: A page prints at most this many labels over an entry's title ("Featured").
MAX_LABELS = 2


def _labels_only(current: _Open, block: Block, after: Block | None, rules: SplitRules) -> bool:
    """Whether the post being built is only a label standing apart ("More announcements",
    blank lines around it) and the candidate ``block`` after it has its byline or dateline
    right under it, no blank line between: that candidate is an entry's title, grouped
    with its byline as a title is, and the label heads no post of its own."""
    return (
        current.bare
        and current.size <= MAX_LABELS
        and block.first > current.last.last + 1
        and after is not None
        and after.first == block.last + 1
        and (after.hint == "byline" or bool(_by_names(after, rules)) or _date_led(after, rules))
        and not _head_line(block, rules)
        and not is_vouched_name(recase(flat(block.text)))  # a writer's name over the date
        and not is_field_label(flat(block.text), rules.fields)  # "Date" over "6 July 2017"
    )


#: A newsletter's masthead has at most this many lines: its name, a tagline, its issue,
#: and an email's subject, sender, time and addressee above them.
MAX_MASTHEAD = 10


def _issue_line(block: Block, rules: SplitRules, above: Block | None = None) -> bool:
    """Whether a block is a newsletter's issue line (``rules.issue_line``): a short line,
    no sentence, that names an issue with its number or date ("Issue 14 | November
    2016"); or a month and its year alone under the line ``above`` that names the page a
    newsletter ("Carers' Voice e-news" / "March 2017", ``rules.issue_month``)."""
    text = flat(block.text)
    if len(text.split()) > rules.max_heading_words or _ends_sentence(block):
        return False
    if rules.issue_line.search(text) is not None:
        return True
    return (
        above is not None
        and rules.issue_month.fullmatch(text) is not None
        and rules.bulletin_name.search(flat(above.text)) is not None
    )


def _masthead(current: _Open, after: Block | None, rules: SplitRules) -> bool:
    """Whether the post being built is a newsletter's masthead at the top of the page
    ("RE-IMAGINING PROFESSIONALISM" / "Towards co-production | News, June 2017"): a few
    lines, no sentence, an issue line among them, over a title candidate, the first item's
    title, with its text (``after``) under it. The masthead heads no post
    (:func:`_starts` leaves it to the page)."""
    return _masthead_only(current) and after is not None and rules.is_prose(after)


#: A newsletter's item heading is short: "Peer supervision training - dates for April".
MAX_ITEM_HEADING_WORDS = 10


def _item_heading(block: Block, after: Block | None, rules: SplitRules) -> bool:
    """Whether a candidate heads a newsletter's item: a short line over prose that starts
    a sentence of its own (a line wrapped mid-sentence, as a mailing list's digest wraps
    its messages, has its sentence go on under it in lower case)."""
    text = flat(block.text)
    return (
        after is not None
        and rules.is_prose(after)
        and len(text.split()) <= MAX_ITEM_HEADING_WORDS
        and not text.startswith(">")
        and not flat(after.text)[:1].islower()
        # a picture's caption ("PHOTO: ...", one in capitals) or a signature is no heading
        and not text.isupper()
        and not _LABEL_LEAD.match(text)
        and not name_and_role(text)
        and not is_vouched_name(text)
    )


#: A caption's label in capitals: "PHOTO: Jo Bloggs with her award".
_LABEL_LEAD = re.compile(r"[A-Z]{2,}:")


def _masthead_only(current: _Open) -> bool:
    """Whether the post being built is all a masthead: the page's first lines, a few, no
    sentence (its tagline may be long), an issue line among them (see :func:`_masthead`)."""
    return current.top and current.issued and not current.ended and current.size <= MAX_MASTHEAD


def _ends_sentence(block: Block) -> bool:
    """Whether a block ends a sentence, or where a list cut its excerpt ("... grew long. […]")."""
    text = flat(block.text)
    return text.endswith((".", "!", "?")) or text.removesuffix("]").endswith(CUT_MARKS)


def _masthead_above(current: _Open, rules: SplitRules) -> bool:
    """Whether the post that ends here, above the page's first item, was all a masthead
    (:func:`_masthead_only`), its head no entry title: only its head can be one (a title
    starts a post), and a digest's subject line is its issue line ("COPRO-MH Digest - 7
    Oct 2016 (#41)")."""
    head = current.head
    return _masthead_only(current) and (head.hint != "title" or _issue_line(head, rules))


def _is_reference(block: Block) -> bool:
    return block.kind == "reference" or bool(_REFERENCES.match(flat(block.text)))


def boundary_score(
    post: Sequence[Block], block: Block, rules: SplitRules, after: Block | None = None
) -> int:
    """How strongly ``block`` starts a new post after the blocks of the current ``post``.

    ``after`` is the block that follows ``block``, if any. -1 when ``block`` is no title
    candidate or the current post has no prose yet (unless the post is only a label over
    ``block``, :func:`_labels_only`); compare with ``rules.threshold``.
    """
    if not post:
        return -1
    current = _Open.start(post[0], rules)
    for earlier in post[1:]:
        current.add(earlier, rules)
    return _score(current, block, rules, after)


def _score(current: _Open, block: Block, rules: SplitRules, after: Block | None) -> int:
    """:func:`boundary_score` from what is known of the current post."""
    if not rules.candidate(block, after) or _name_heading(block, after, rules):
        return -1
    if _masthead(current, after, rules):
        return rules.threshold  # the first item's title under a newsletter's masthead
    if not current.prose and not _labels_only(current, block, after, rules):
        return -1
    if _closing(flat(current.last.text)) and _signature(flat(block.text), rules):
        return -1  # "With warm thanks," / "Pam": a signature, whatever stands under it
    if _signed_inline(flat(block.text), rules):
        return -1  # "Best wishes, Tom": the closing and signature of the post above
    if (after is None or not rules.is_prose(after)) and _signed_clause(flat(block.text), rules):
        return -1  # "See you there, Tom" over the post's footer
    if rules.is_prose(current.last) and _signed_role(block, after, rules):
        return -1  # "Jo Bloggs, Series Lead" over "Posted by Jo Bloggs at 14:27"
    if (
        rules.is_prose(current.last)
        and (signed := _signature(flat(block.text), rules))
        and _sign_off(signed)
    ):
        return -1  # "Dwayne" under the text, whatever stands under it: the post's writer
    if _cut_short(block, current, after, rules):
        return -1  # "We will ask…" / "By Jo · Aug 7, 2017": an excerpt's last words
    if _writer_under_head(current, block, after, rules):
        return -1  # title / subtitle / "Jo Bloggs" / "Jul 09, 2017": the post's writer
    if (
        block.first == current.last.last + 1
        and role_line(flat(block.text))
        and len(signer := _signature(flat(current.last.text), rules)) == 1
        and len(signer[0].split()) > 1
    ):
        return -1  # "Dr Jo Bloggs" / "Consultant Psychiatrist": a signature's role
    if _in_title(block, current.head):
        return -1  # "ENACTING CO-PRODUCTION" over a programme, under "Seminar 2: Enacting ..."
    if _listed_line(current.last, block, after) or (
        current.before is not None and _listed_line(current.before, current.last, block)
    ):
        return -1  # "Steering group: Thursday 19 October, 6pm" in a list of dates
    w, prev, text = rules.weights, flat(current.last.text), flat(block.text)
    score = 0
    if any(p.search(prev) for p in rules.closers):
        score += w.closer
    elif thanks_names(prev, rules):
        score += w.thanks
    elif (
        current.before is not None
        and rules.is_prose(current.before)
        and (by := BYLINE_PREFIX.match(prev))
        and _BY_END.search(prev, by.end())  # "... at 21:14": a footer, not "By X" alone
        and _by_names(current.last, rules)
    ):
        score += w.sign_off  # "Posted by Rosie Example at 21:14": a Blogger post's footer
    elif (
        current.before is not None
        and rules.is_prose(current.before)
        and (signed := _signature(prev, rules))
    ):
        # A given name alone under prose ("Pamela") signs a post off; a full name may
        # be a heading or an item too ("Harminder Kaur"), so it counts for less.
        score += w.sign_off if _sign_off(signed) else w.signature
    elif (
        current.last.hint == "date"
        and current.before is not None
        and (
            (current.before.hint == "byline" and current.size > DATELINE_BLOCKS + 1)
            # a whole date and nothing else: no tweet's time, no forum's "Jun 21"; or
            # its writer after it ("posted 1 Feb 2016 by Jo Bloggs"), under a sentence
            or (rules.is_prose(current.before) and only_date(prev))
            or (
                _ends_sentence(current.before)
                and parse_date(prev) is not None
                and bool(_BY.search(prev))
                and bool(_dateline_names(prev, rules))
            )
        )
    ):
        # the writer and date, or the date alone, an archive prints under each entry's
        # text (clean/dated.py)
        score += w.sign_off
    if current.references:
        score += w.references_end
    if current.size >= 3 and block.first - current.last.last - 1 > current.widest:
        score += w.wide_gap
    title, names = title_and_bylines(text, rules)
    score += w.byline if names else 0
    if re.match(rf"seminar\s+{_NUMBER}\b", title, re.IGNORECASE):
        score += w.seminar_lead
    elif re.search(rf"\bseminar\s+{_NUMBER}\b", title, re.IGNORECASE):
        score += w.seminar_mention
    lowered = title.casefold()
    if len(title.split()) >= 3 and any(
        re.search(rf"\b{re.escape(t)}\b", lowered) for t in rules.title_words
    ):
        score += w.title_word
    dated = after is not None and (is_dateline(after, rules) or _schedule(after, rules))
    # an event's own title over its date; an embedded tweet's quote over "— Name (@handle)
    # October 28, 2016" (a dashed line: an item) is a talk's heading still
    event = dated and after is not None and after.kind != "item"
    if _talk_heading(title, rules) and not event:
        score += w.talk_heading
    # the block under it is a byline, or the writer's line clean/dated.py moved under it
    # from above (so its line is the smaller): a signature under a last line is neither
    moved = after is not None and after.hint == "byline" and after.first < block.first
    if after is not None and not names and (moved or _by_names(after, rules)):
        score += w.byline_next
    elif dated or _dated_title(text, rules):  # or its date on its own line: "6 May 2017 | Title"
        score += w.dateline_next
    return score


#: A heading that repeats this many words or more of its post's title heads a part of it;
#: a title is at most so long (a post that opens with prose has none to repeat).
MIN_TITLE_ECHO = 2
MAX_TITLE_CHARS = 150


def _writer_under_head(
    current: _Open, block: Block, after: Block | None, rules: SplitRules
) -> bool:
    """Whether a name over a date, right under a post's title (and its subtitle), no
    blank line between, is that post's writer, as Substack and Medium print them, not a
    social network's post of its own."""
    return (
        current.size <= DATELINE_BLOCKS
        and rules.heading_like(current.head)
        and not is_vouched_name(recase(flat(current.head.text)))  # a poster's name
        and block.first == current.last.last + 1
        and after is not None
        and is_dateline(after, rules)
        and is_vouched_name(recase(flat(block.text)))
    )


def _cut_short(block: Block, current: _Open, after: Block | None, rules: SplitRules) -> bool:
    """Whether a short line is where a list cut its post's excerpt: it ends in an
    ellipsis, under the excerpt's prose and over the entry's footer, its writer or its
    date ("Our fourth seminar turns to the people…" / "By Jo Bloggs · Sep 12, 2016")."""
    return (
        flat(block.text).endswith(CUT_MARKS)
        and current.prose
        and after is not None
        and (is_dateline(after, rules) or bool(_by_names(after, rules)))
    )


def _in_title(block: Block, head: Block) -> bool:
    """Whether a heading repeats words of its post's title, in order ("ENACTING
    CO-PRODUCTION" over a programme in "Seminar 2: Enacting co-production"): a heading of
    a part of that post, not a new post's title."""
    words = re.findall(r"\w+", block.text.casefold())
    title = " ".join(re.findall(r"\w+", head.text.casefold()))
    return (
        block is not head
        and len(words) >= MIN_TITLE_ECHO
        and len(head.text) <= MAX_TITLE_CHARS
        and f" {' '.join(words)} " in f" {title} "
    )


#: A letter's closing line is short: "Best wishes,", "With warm thanks,".
MAX_CLOSING_WORDS = 4


def _closing(text: str) -> bool:
    """Whether a line closes a letter, a signature to follow: a few words and a comma."""
    return text.endswith(",") and len(text.split()) <= MAX_CLOSING_WORDS


def _name_heading(block: Block, after: Block | None, rules: SplitRules) -> bool:
    """A person's name alone heads a section of a team's or speakers' page, not a post;
    unless a time follows it, as a social network's post opens (see :func:`_poster`)."""
    return (
        block.hint != "title"
        and is_vouched_name(recase(flat(block.text)))
        and (after is None or not is_dateline(after, rules))
    )


def _date_led(block: Block, rules: SplitRules) -> bool:
    """A dateline whose date stands alone among its parts (:func:`~.dates.date_alone`)."""
    return block.hint == "date" or (is_dateline(block, rules) and date_alone(flat(block.text)))


def is_dateline(block: Block, rules: SplitRules) -> bool:
    """A short line that gives a date (and maybe a time, an author, a category): the line
    a blog or an events page prints under a title. A hinted date line is one too."""
    text = flat(block.text)
    if block.hint == "date":
        return True
    return (
        "\n" not in block.text.strip()
        and len(text.split()) <= rules.max_dateline_words
        and parse_date(text) is not None
        and not _SENTENCE_END.search(text.rstrip(")"))
        and _dated_title(text, rules) is None  # "14 Jul 2017 | A nurse's view": a title
    )


def _dated_heads(blocks: Sequence[Block], rules: SplitRules) -> tuple[Block, ...]:
    """The blocks with each entry's title hinted ``title`` where a page lists its entries
    with the date and the title on one line, prose under each ("07/11/2016 | Help or
    hindrance", as a table of posts copies a date cell and a title cell): two or more
    such titles of a title's length (:func:`_dated_title`) show the layout, and then a
    short one is a title too ("23/11/2015 | Welcome"). An event's when and where is no
    title ("5 January 2016 · University of Leeds")."""
    found, long = [], 0
    for i, block in enumerate(blocks[:-1]):
        text = flat(block.text)
        if (
            not block.hint
            and _dated_title(text, rules, min_words=1) is not None
            and rules.is_prose(blocks[i + 1])
            and not _when_and_where(block, rules)
        ):
            found.append(i)
            long += _dated_title(text, rules) is not None
    if long < MIN_MARKS:
        return tuple(blocks)
    heads = set(found)
    return tuple(replace(b, hint="title") if i in heads else b for i, b in enumerate(blocks))


def _dated_title(
    text: str, rules: SplitRules, min_words: int = MIN_DATED_TITLE_WORDS
) -> tuple[str, str] | None:
    """The title and the date of a line that prints both (:func:`~.dates.dated_title`),
    when the part beside the date names no writer ("By Jo Bloggs — May 4, 2017", "Jo
    Bloggs and Sam Example · 2 Nov 2017", "Jo Bloggs (@jo_b) · Feb 17, 2016"), is no
    field ("Category: News, Events") and gives no time of day ("6 July 2017 | 10am to 4pm
    in the main hall": when an event is)."""
    found = dated_title(text, min_words)
    if found is None:
        return None
    title = found[0]
    if (
        CLOCK.search(title)
        or BYLINE_PREFIX.match(title)
        or title_and_bylines(title, rules)[1]  # "Blog name by Jo Bloggs / 25 Jul 2017"
        or "@" in title
        or is_field(title, rules.fields)
        or is_field(found[1], rules.fields)
        or _categories(title)
        or parse_names(title, rules)
    ):
        return None
    return found


def _categories(text: str) -> bool:
    """Whether a line lists a post's categories: two or more short labels, each
    capitalised, between commas ("Guest posts, Seminar 6"); a title's comma is followed
    by lower case ("Care, control and the door")."""
    labels = [part.strip() for part in text.split(",")]
    return len(labels) > 1 and all(
        0 < len(label.split()) <= MAX_LABEL_WORDS and label[0].isupper() for label in labels
    )


#: The time a byline gives after its names, after a comma: ", January 2017", ", 3 May 2017".
_WHEN_AFTER = re.compile(r",\s*[^,]*\b(?:19|20)\d\d\.?\s*$")


def _names_part(text: str) -> str:
    """What names the writers in a byline, its prefix gone: up to the time, place or
    separator after them ("Jo Bloggs at 21:14", "Jo Bloggs | Peer Lead", "Jo Bloggs -")."""
    return _BY_END.split(text.rstrip(BYLINE_TAIL), maxsplit=1)[0]


def _by_names(block: Block, rules: SplitRules) -> tuple[str, ...]:
    """The names of a byline block: "By Jacqui Rogers", "Posted by Rosie Example at 21:14"
    (a Blogger post's footer), "Written by A and B, peer volunteers", "Many thanks to X
    for her ..."."""
    text = flat(block.text)
    if match := BYLINE_PREFIX.match(text):
        named = _names_part(text[match.end() :])
        named = _WHEN_AFTER.sub("", named)  # "A and B, January 2017": when, not who
        # "Written by A and B, peer volunteers": what they are, after a comma, in lower case;
        # "By A, Communications Officer": a vouched name and its role
        return (
            parse_names(named, rules)
            or parse_names(_ROLE_AFTER.sub("", named), rules)
            or _listed(name_and_role(named))
        )
    return thanks_names(text, rules)


#: A post's end mark stands at most this many lines under its text (its tags between).
FOOT_LINES = 4


def _post(
    cleaned: CleanSource,
    blocks: Sequence[Block],
    rules: SplitRules,
    single: bool,
    foot: Mapping[int, str] | None = None,
) -> Post:
    """One post made of ``blocks``: its title, bylines, line range, date and address.
    ``foot``: the date of each end mark that prints one, by its line; a post with no date
    of its own takes the one under it ("October 28th, 2017 · 23 notes")."""
    source, side = cleaned.source, cleaned.source.sidecar
    head = blocks[0]
    after = blocks[1] if len(blocks) > 1 else None
    # An untitled post (an aside) that opens with its dateline ("10/07/2017 | by Jo
    # Bloggs") over its text: the dateline is its date, not its title, and the post starts
    # where its text does, as a titled one starts at its title.
    dated = (
        source.kind == "blog"
        and head.hint != "title"
        and after is not None
        and _date_led(head, rules)
        and not _poster_line(head, rules)  # a forum's "Teasmaid · 19/09/2017": its head
        and rules.is_prose(after)
    )
    if dated:
        head = replace(head, hint="date")
        blocks = (head, *blocks[1:])
    titled = not dated and (
        head.hint == "title"
        or (source.kind == "blog" and rules.candidate(head, after))
        # a reply's header the clean stage took for a dateline ("Jo Bloggs @jo_b · 3 Mar
        # 2017", its date hinted): its writer's, read below
        or (source.kind == "blog" and head.hint == "date" and _poster_line(head, rules))
    )
    title, names = title_and_bylines(flat(head.text), rules) if titled else ("", ())
    # "14 Jul 2017 | Title"; a short one too where the page lists its entries so
    # (_dated_heads hinted it a title)
    shortest = 1 if head.hint == "title" else MIN_DATED_TITLE_WORDS
    title, dated_head = _dated_title(title, rules, shortest) or (title, "")
    who = _poster_who(head, rules) if titled and source.kind == "blog" else None
    # an account no name data knows, with its handle: "ESRC Co-production @ESRCcopro · 6
    # Jul 2017", a group's or a project's, heads its post and names a person only if its
    # name is one
    account = who is not None and not is_vouched_name(who) and "@" in flat(head.text)
    if titled and (
        _poster(title, names, after, rules) or (who and is_vouched_name(who)) or account
    ):
        # A social network's post opens with its writer's name and a time, no title: over
        # a dateline ("Nikhil Chaudhary" / "29 October 2016 at 21:14"), or with its
        # handle and day on one line ("Jo Bloggs @jo_b 6 Jul 2017")
        names = parse_names(who, rules) if account and who else (who or title,)
        title, titled = "", False
        hint: Hint = "byline" if names else "date"  # a group's account: its date alone
        blocks = (replace(head, hint=hint), *_hinted_head(blocks[1:], rules))
    elif titled:
        blocks = (replace(head, hint="title"), *blocks[1:])
        blocks = (blocks[0], *_hinted_head(blocks[1:], rules))
    elif source.kind != "blog":  # no sidecar title: the first heading or slide's title
        title = next((flat(b.text) for b in blocks if b.kind in ("heading", "slide")), "")
    if single and (side.title or source.title) and (source.kind != "blog" or not titled):
        title = side.title or source.title or title
    derived = not title
    if derived:
        title = derive_title(flat(next(filter(rules.is_prose, blocks), blocks[0]).text))
    elif not titled and head.kind == "heading" and flat(head.text).casefold() == title.casefold():
        blocks = (replace(head, hint="title"), *blocks[1:])  # an article's own title line
    blocks = _hinted_foot(blocks, rules)
    author = tuple(NAME_SEPARATOR.split(side.author.strip())) if single and side.author else ()
    body = _body_bylines(blocks[1:] if titled or names else blocks, rules)
    if source.kind != "blog" and not body and not names:
        body = list(_cover_authors(blocks, rules))
    hinted = next((d for b in blocks if b.hint == "date" and (d := parse_date(b.text))), None)
    hinted = hinted or entry_date(title, rules.fields.entry_labels)  # "Entry: 6 July 2017"
    hinted = hinted or parse_date(dated_head)
    hinted = hinted or (parse_date(flat(head.text)) if who else None)  # "Jo @jo · 6 Jul 2017"
    last = max(b.last for b in blocks)
    under = range(last + 1, last + 1 + FOOT_LINES)
    hinted = hinted or next((d for n in under if (d := (foot or {}).get(n))), None)
    return Post(
        source=source.path,
        kind=source.kind,
        title=title,
        title_derived=derived,
        bylines=_unique((*author, *names, *body)),
        blocks=tuple(blocks),
        first=blocks[1].first if dated else blocks[0].first,
        last=last,
        date=(side.date or hinted or source.date) if single else hinted,
        url=side.url,
        meta=cleaned.meta if single else (),
    )


#: An article's or a report's writers stand among its first lines, above its text.
COVER_BLOCKS = 6


def _cover_authors(blocks: Sequence[Block], rules: SplitRules) -> tuple[str, ...]:
    """The writers a report's or an article's cover names on a line of names alone, above
    its first paragraph ("Seminar 5 report" / "ESRC Seminar Series ..." / "York, 3 March
    2017" / "Jo Bloggs and Sam Example"), each a full name the data vouches for, or
    marked with an affiliation as an article's byline marks them."""
    for block in blocks[1:COVER_BLOCKS]:
        if rules.is_prose(block):
            break
        text = flat(block.text)
        names = parse_names(text, rules)
        # a name the data does not know ("Wiremu Tane") is a writer's where the line
        # marks every name with its affiliation, as only an article's byline does
        # ("Wiremu Tane1 and Ifeoma Nwachukwu2"), and the data knows one of them
        # or every name is initials and a surname, as journals print writers ("N. A.
        # Okafor1 and R. Hunter-Lewis2")
        marked = (
            len(names) > 1
            and unmarked(text) != text
            and (any(map(is_vouched_name, names)) or all(map(is_initialled_name, names)))
        )
        if names and (marked or all(is_vouched_name(n) for n in names)):
            return names
    return ()


def _hinted_foot(blocks: Sequence[Block], rules: SplitRules) -> tuple[Block, ...]:
    """A post's blocks with the writer and date under its text hinted ``byline`` and
    ``date`` (its entry footer, :func:`_footer`): the last two blocks, a name over a
    dateline under prose, or a dateline over "by" and a name."""
    if (
        len(blocks) >= 3
        and not blocks[-1].hint
        and (rules.is_prose(blocks[-2]) or flat(blocks[-2].text).endswith(CUT_MARKS))
    ):
        # "Posted on 2 November 2017 by Jo Bloggs", "April 3, 2017 · 2 min · Jo Bloggs"
        # alone under the text, or under an excerpt's last words ("We will ask…")
        last = blocks[-1]
        if is_dateline(last, rules) and (
            _BY.search(flat(last.text)) or _dateline_names(flat(last.text), rules)
        ):
            return (*blocks[:-1], replace(last, hint="date"))
    if len(blocks) < 4 or blocks[-1].hint or blocks[-2].hint:
        return tuple(blocks)
    date, by = blocks[-2], blocks[-1]
    if (
        any(rules.is_prose(b) for b in blocks[1:-2])
        and BYLINE_PREFIX.match(flat(by.text))
        and _by_names(by, rules)
        and is_dateline(date, rules)
    ):
        # the date over "by Jo Bloggs", as some themes print them under the text
        return (*blocks[:-2], replace(date, hint="date"), replace(by, hint="byline"))
    if not _text_end(blocks[:-2], rules):
        return tuple(blocks)
    name, date = blocks[-2], blocks[-1]
    text = flat(name.text)
    if is_dateline(date, rules) and (is_writers_line(text) or _by_names(name, rules)):
        return (*blocks[:-2], replace(name, hint="byline"), replace(date, hint="date"))
    return tuple(blocks)


def _text_end(blocks: Sequence[Block], rules: SplitRules) -> bool:
    """Whether the last of ``blocks`` ends a post's text: prose, or a signature under
    prose or under a letter's closing line ("With warm thanks," / "Pam")."""
    last = blocks[-1]
    if rules.is_prose(last):
        return True
    before = flat(blocks[-2].text) if len(blocks) > 1 else ""
    return (
        bool(before)
        and (rules.is_prose(blocks[-2]) or _closing(before))
        and bool(_signature(flat(last.text), rules))
    )


def _poster(title: str, names: tuple[str, ...], after: Block | None, rules: SplitRules) -> bool:
    """Whether a post's first line is its writer's name over a dateline ("Nikhil Chaudhary /
    29 October 2016 at 21:14"), as a social network shows a post, not its title."""
    return not names and after is not None and is_dateline(after, rules) and is_vouched_name(title)


def _hinted_head(blocks: Sequence[Block], rules: SplitRules) -> tuple[Block, ...]:
    """The blocks under a title, with its dateline hinted ``date`` and an author's line
    right under it (or under its dateline, or under a subtitle over them) hinted
    ``byline``: "By X", "X Y" alone, or "X Y, role", as an HTML page marks them. One
    copy of a post may print them and another not, so dedupe leaves them out."""
    out = list(blocks)
    # a subtitle right over the writer's name and date ("Notes after a day in
    # Huddersfield" / "Jo Bloggs" / "Jul 09, 2017") stays text, and the two under it are read
    skip = (
        len(out) > DATELINE_BLOCKS
        and not out[0].hint
        and is_vouched_name(flat(out[1].text))
        and is_dateline(out[2], rules)
    )
    for i, block in enumerate(out[: DATELINE_BLOCKS + skip]):
        if block.hint or (skip and i == 0):
            continue
        if is_dateline(block, rules):
            out[i] = replace(block, hint="date")
        elif (
            (BYLINE_PREFIX.match(flat(block.text)) and _by_names(block, rules))
            or name_and_role(flat(block.text))
            or is_vouched_name(flat(block.text))
            or _author_line(flat(block.text), rules)
        ):
            out[i] = replace(block, hint="byline")  # "By X", "Dr X Y, Chair of ...", "X Y"
        else:
            break
    return tuple(out)


def _body_bylines(blocks: Sequence[Block], rules: SplitRules) -> list[str]:
    """Names the body of a post gives as its authors, in order.

    "By X" lines and HTML byline hints; "Thanks to X for her contribution"; a signature
    under a salutation ("Best regards, / Martin & Pamela"); the post's last line when it
    is just a name. A name line elsewhere is a heading or a quote, not an author.
    """
    found: list[str] = []
    # the account a dateline names ("March 6, 2017 ~ Ruth Example"), and a byline or a
    # "Posted by" line ("Posted by Tom Example on 3 November 2016"); who the text says
    # wrote it: "Thanks to X for this post" (X wrote it, whoever posted it with a
    # dateline) or, as it opens, "Guest post by X" (X wrote it, whoever the byline names)
    posted: list[str] = []
    bylined: list[str] = []
    thanked: list[str] = []
    stated: list[str] = []
    # the post's last line of text: above its footer's writer and date, if it has one
    last = len(blocks) - 1
    if len(blocks) > 3 and blocks[-1].hint == "date" and blocks[-2].hint == "byline":
        last -= 2
    elif len(blocks) > 3 and is_dateline(blocks[-1], rules) and _BY.search(flat(blocks[-1].text)):
        last -= 1  # "Posted by Jo Bloggs on 1 November 2016" under the text
    elif len(blocks) > 2 and _counts_comments(blocks[-1]):
        last -= 1  # "Guest post | Filed under News | 4 Comments" under the text
    elif len(blocks) > 2 and blocks[-1].hint == "date" and only_date(flat(blocks[-1].text)):
        last -= 1  # the footer's date alone: "Jo Bloggs, research assistant" / "May 2, 2017"
    for i, block in enumerate(blocks):
        text, prev = flat(block.text), flat(blocks[i - 1].text) if i else ""
        if block.hint == "byline":
            # "Jo Bloggs in Seminars", "By Jo Bloggs | Peer Lead": the names end there
            bare = _names_part(BYLINE_PREFIX.sub("", text))
            guest = _author_line(text, rules)  # "Guest post by Jo Bloggs, a carer"
            names = parse_names(bare, rules) or _listed(name_and_role(bare)) or guest or (text,)
            (stated if guest else bylined).extend(names)
            found.extend(names)
        elif names := _by_names(block, rules):
            found.extend(names)
            if thanks_names(text, rules):
                thanked.extend(names)
            elif block.hint == "date":  # "Posted by Jo Bloggs on 3 November 2016"
                bylined.extend(names)
        elif (i < DATELINE_BLOCKS or i == len(blocks) - 1) and is_dateline(block, rules):
            posted.extend(names := _dateline_names(text, rules))  # at the head, or the foot
            found.extend(names)
        elif (i < INTRO_BLOCKS or i >= last - 1) and (names := _author_line(text, rules)):
            if i < min(INTRO_BLOCKS, last - 1):  # the text opens saying who wrote it
                stated.extend(names)
            found.extend(names)
        elif names := _minute_taker(block.text, rules):
            found.extend(names)
        elif rules.salutations.search(prev):
            # "Warm wishes," / "Jo Bloggs" or "Jo Bloggs, series administrator"
            found.extend(_signature(text, rules) or _listed(name_and_role(text)))
        elif (
            i > 1 and i == last and role_line(text) and (signer := _signed_under(blocks, i, rules))
        ):
            found.extend(signer)  # "Jo Bloggs" / "Chief Executive" under the text
        elif (
            i > 0
            and i == last
            and not prev.endswith(":")
            and not _signature(prev, rules)
            and not name_and_role(prev)
            and not _quotation(prev)  # "— Dr Jo Bloggs, at the seminar": who said it
        ):
            # A post's last line that is only names signs it, unless it is a list the
            # line before announces ("... many thanks:"), a list of three or more, or the
            # last of a list of names one to a line, each maybe with a role ("Marjorie
            # Example, carer" / "Rhiannon Example, Hafal").
            signed = (
                _signature(text, rules)
                or _listed(name_and_role(text))
                or _signed_inline(text, rules)
            )
            found.extend(signed if len(signed) <= MAX_SIGNATURE_NAMES else ())
            # a note right under the text, not one under a heading ("About" / "Jo Bloggs
            # leads the series", a sidebar's, whose heading the clean stage dropped)
            under = rules.is_prose(blocks[i - 1]) and block.first - blocks[i - 1].last <= 2
            if not signed and under and not _author_note(prev, rules):
                found.extend(_named_nowhere_else(_author_note(text, rules), blocks[:i]))
        elif i > 0 and i == last and (noted := _author_note(text, rules)):
            # a signature, then a note about its writer: "Hetty" / "Henrietta Bloggs (Hetty
            # to everyone) is a nurse in Wakefield.": the note names who signed in full
            signer = _signature(prev, rules)
            first = signer[0].split()[0] if len(signer) == 1 else ""
            if first and (same_given(first, noted[0].split()[0]) or f"({first} " in text):
                found.extend(_named_nowhere_else(noted, blocks[: i - 1]))
    if any(" " not in n for n in found):
        texts = [flat(b.text) for b in blocks]
        found = [in_full(n, texts) for n in found]
    if stated:
        return [n for n in found if n in stated or n not in (*posted, *bylined)]
    return [n for n in found if n in thanked or n not in posted] if thanked else found


def _quotation(text: str) -> bool:
    """Whether a paragraph is a quotation alone, in quotation marks ("“The supervisor's job
    is ...”"): the name under it says who said it, and signs nothing."""
    return len(text) > 2 and text[0] in _QUOTES and text.rstrip(".,")[-1] in _QUOTES


def _author_note(text: str, rules: SplitRules) -> tuple[str, ...]:
    """The writer a closing note describes: "Grace Bloggs is a peer researcher ..."
    (``rules.author_notes``), one full name the data vouches for."""
    if len(text.split()) > MAX_NOTE_WORDS:
        return ()
    for pattern in rules.author_notes:
        if match := pattern.match(text):
            names = parse_names(match["names"], rules)
            if len(names) == 1 and len(names[0].split()) > 1 and is_vouched_name(names[0]):
                return names
    return ()


def _named_nowhere_else(names: tuple[str, ...], blocks: Sequence[Block]) -> tuple[str, ...]:
    """``names`` whose surname no other block of the post holds."""
    text = " ".join(b.text for b in blocks)
    return tuple(n for n in names if not re.search(rf"\b{re.escape(n.split()[-1])}\b", text))


def _dateline_names(text: str, rules: SplitRules) -> tuple[str, ...]:
    """The author a dateline names: "Posted on 6 May 2017 by Jo Bloggs", "6 May 2017 | Jo
    Bloggs | News", "6 May 2017 / Jo Bloggs / 1 Comment", "FEB 11, 2018 • JO BLOGGS",
    "Monday 30 October 2017 | Author: Jo Bloggs" (a part that is only a person's name,
    maybe after its label)."""
    if match := _BY.search(text):
        # "Posted by Jo Bloggs on 6 May 2017", "by Jo Bloggs in News": the names end there;
        # "Posted by Jo Bloggs, Peer Lead, on 6 May 2017": a role may follow the name
        after = before_end_date(_BY_END.split(text[match.end() :], maxsplit=1)[0])
        if names := parse_names(after, rules) or _listed(name_and_role(after.rstrip(" ,"))):
            return names
        if HANDLE.fullmatch(after.strip()):
            return (after.strip(),)  # an account's handle ("kwainwright"): link reads it
    for part in DATELINE_PARTS.split(text):
        # a theme may print the whole line in capitals: "FEB 11, 2018 • JO BLOGGS"; a part
        # may carry its label: "30 October 2017 | Author: Jo Bloggs"
        part = BYLINE_PREFIX.sub("", part.strip())
        names = parse_names(recase(part), rules) if parse_date(part) is None else ()
        if names and all(len(n.split()) > 1 for n in names):
            return names
    return ()


def _minute_taker(text: str, rules: SplitRules) -> tuple[str, ...]:
    """Who took the minutes, by a line of a block (``rules.minute_takers``): one name."""
    folded = text.casefold()
    if "minute" not in folded and "note" not in folded:
        return ()  # most blocks: no pattern can match
    for line in text.splitlines():
        for pattern in rules.minute_takers:
            found = pattern.search(flat(line))
            if found and len(names := parse_names(found["names"], rules)) == 1:
                return names
    return ()


def _author_line(text: str, rules: SplitRules) -> tuple[str, ...]:
    """The names a post's opening sentence gives as its author (``rules.author_lines``)."""
    for pattern in rules.author_lines:
        if (match := pattern.match(text)) and (names := parse_names(match["names"], rules)):
            return names
    return ()


def title_and_bylines(text: str, rules: SplitRules) -> tuple[str, tuple[str, ...]]:
    """Split ``"Title by A and B"`` / ``"Title. By A"`` into the title and its bylines.

    "Keynote by Anne Rogers" is a talk in a programme, not a byline (``talk_words``);
    after a full stop ("... the achieved written. By Anne Rogers") it is one.
    """
    for match in reversed(list(_BY.finditer(text))):
        head = text[: match.start()].rstrip(f" .,;:{_DASHES}")
        before = head.split()[-1].strip(_QUOTES).casefold() if head else ""
        sentence_ended = "." in text[len(head) : match.start()]  # "written. By", not "written by"
        names = parse_names(text[match.end() :], rules)
        # A title's byline gives a full name: "Expert by Experience" is a role.
        full = all(len(name.split()) > 1 for name in names)
        if head and names and full and (sentence_ended or before not in rules.talk_words):
            return head, names
    return text, ()


def parse_names(text: str, rules: SplitRules) -> tuple[str, ...]:
    """The person names of ``"Steve Flatt and Pippa Hunter Jones"``; () if not all names.
    A name of one word must be a given name the data knows ("by Pamela", not "Expert by
    Experience")."""
    parts = NAME_SEPARATOR.split(unmarked(flat(text)).rstrip(" .:;,").strip())
    return tuple(parts) if parts and all(_is_name(p, rules) for p in parts) else ()


def _is_name(part: str, rules: SplitRules) -> bool:
    tokens = part.split()
    titled = bool(tokens) and tokens[0].casefold() in rules.honorifics
    tokens = tokens[1:] if titled else tokens
    if len(tokens) == 1 and not titled and not is_given_name(tokens[0].strip(_QUOTES)):
        return False  # "Cllr Stainthorpe" and "Pamela" are names; "Experience" is none
    return 0 < len(tokens) <= 4 and all(
        (t.casefold() in rules.particles and 0 < i < len(tokens) - 1)
        or (
            (is_name_word(t.strip(_QUOTES)) or INITIAL_RE.fullmatch(t) is not None)
            and t.casefold() not in rules.not_name_words
        )
        for i, t in enumerate(tokens)
    )


def _signature(text: str, rules: SplitRules) -> tuple[str, ...]:
    """The names of a line that is only a signature ("Harminder Kaur", "Martin & Pamela",
    or one given name the data knows: "Pamela", "Tom")."""
    # "— Tony", "~ Jo", and the kisses a British sign-off ends with ("Bernie x").
    return parse_names(signed_name(text), rules)


def _signed_under(blocks: Sequence[Block], i: int, rules: SplitRules) -> tuple[str, ...]:
    """The writer of a signature in two lines that ends the post at ``blocks[i]``, its role
    under its name: the name line, one full name the data vouches for, right under the
    text or under a closing line ("With best wishes,"), and right over the role."""
    name, above = blocks[i - 1], flat(blocks[i - 2].text)
    signer = _signature(flat(name.text), rules)
    return (
        signer
        if len(signer) == 1
        and len(signer[0].split()) > 1
        and is_vouched_name(signer[0])
        and blocks[i].first == name.last + 1
        and (rules.is_prose(blocks[i - 2]) or bool(rules.salutations.search(above)))
        else ()
    )


#: A list's labelled line: "Steering group: Thursday 19 October, 6pm" (a short label).
_LABELLED_LINE = re.compile(r"[^:.!?]{1,40}:\s+\S")


def _listed_line(prev: Block, block: Block, after: Block | None) -> bool:
    """Whether a line is one of a list of labelled lines, one under another with no blank
    line between ("Peer support group: every Tuesday, 2pm" / "Steering group: Thursday 19
    October, 6pm" / "Walk and talk: Saturday 4 November"): an item, not a title, however
    its date reads. Three in a row: ``block`` between ``prev`` and ``after`` (the caller
    asks again with the two above a list's last line)."""
    return (
        after is not None
        and prev.last + 1 == block.first
        and block.last + 1 == after.first
        and all(_LABELLED_LINE.match(flat(b.text)) for b in (prev, block, after))
    )


def _signed_role(block: Block, after: Block | None, rules: SplitRules) -> bool:
    """Whether a line of a name and a role ("Pamela Fisher, Principal Investigator") signs
    the text above it: nothing under it before the post's end (``after`` is None past an
    end mark), or only the footer's date, or the footer that names the same writer
    ("Posted by Pamela Fisher at 14:27", "November 20, 2015 · Pamela Fisher · News"). A
    speaker's name and role over a biography is a heading still."""
    name = name_and_role(flat(block.text))
    if name is None:
        return False
    if after is None or only_date(flat(after.text)):
        return True  # nothing more, or the footer's date alone ("February 18, 2016")
    named = _by_names(after, rules)
    if not named and is_dateline(after, rules):
        named = _dateline_names(flat(after.text), rules)
    key = variant_key(name)
    return any(variant_key(n) == key for n in named)


def _signed_inline(text: str, rules: SplitRules) -> tuple[str, ...]:
    """The names of a closing and its signature on one line: "Best wishes, Tom",
    "Thanks, Jo and Sam", "Best wishes, Jo Bloggs, project administrator"."""
    close, comma, rest = text.partition(",")
    if comma and rest.strip() and rules.salutations.fullmatch(close.strip()):
        return _signature(rest.strip(), rules) or _listed(name_and_role(rest.strip()))
    return ()


#: A closing before the name on a signature's line is short: "See you all there".
MAX_CLOSING_CLAUSE_WORDS = 5


def _signed_clause(text: str, rules: SplitRules) -> bool:
    """Whether a line is a short clause and given names alone after a comma, as a writer
    signs off in words of their own ("See you there, Tom", "Until next time, Pam and
    Martin"). The caller asks that no prose stand under it: a newsletter's item "Thank
    you, Hugh" heads its text."""
    close, comma, rest = text.partition(",")
    close = close.strip()
    return (
        bool(comma)
        and 0 < len(close.split()) <= MAX_CLOSING_CLAUSE_WORDS
        and not close.endswith((".", "!", "?", ":", ";"))
        and _signed_off(rest.strip(), rules)
    )


def _listed(name: str | None) -> tuple[str, ...]:
    return (name,) if name else ()


def _signed_off(text: str, rules: SplitRules) -> bool:
    """Whether a line is a signature in given names and nothing else ("Pamela and
    Martin", "Tom")."""
    names = _signature(text, rules)
    words = [w for w in text.split() if w not in ("and", "&")]
    return 0 < len(names) <= MAX_SIGNATURE_NAMES and _sign_off(names) and len(words) == len(names)


def _sign_off(names: tuple[str, ...]) -> bool:
    """A signature in given names alone ("Pamela", "Martin & Pam"), as a post ends."""
    return all(len(name.split()) == 1 for name in names)


def thanks_names(text: str, rules: SplitRules) -> tuple[str, ...]:
    """Who "Thanks to Leanne Winfield for her contribution." thanks, if they are names."""
    match = _THANKS.match(flat(text))
    return parse_names(match.group("names"), rules) if match else ()


def _talk_heading(text: str, rules: SplitRules) -> bool:
    """ "Anne Rogers: Commissioning of ..." or "Charlotte Scott, 'Power ...'"."""
    match = _TALK.match(text)
    return bool(match and parse_names(match.group("names"), rules))


def derive_title(text: str, limit: int = 70) -> str:
    """A title for an untitled post: its first sentence, cut at a word to ``limit`` chars."""
    sentence = re.split(r"(?<=[.!?])\s+", flat(text), maxsplit=1)[0].strip()
    if len(sentence) <= limit:
        return sentence.rstrip(".") or "Untitled"
    cut = sentence[: limit + 1].rsplit(" ", 1)[0] if " " in sentence[:limit] else sentence[:limit]
    return cut.rstrip(f" ,;:{_DASHES}") + "\u2026"


@functools.lru_cache(maxsize=16384)  # each block is read by several signals
def flat(text: str) -> str:
    """``text`` on one line: every run of whitespace (NBSP and line breaks too) one space."""
    return _SPACE.sub(" ", text).strip()


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` in order without repeats (compared case-insensitively)."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def run(cleaned: Sequence[CleanSource]) -> tuple[Post, ...]:
    """Stage 3, split: every cleaned source cut into posts by ``rules/split.yaml``."""
    return split_all(cleaned, load_split_rules())
