"""Clean stage: drop boilerplate by the rules in ``rules/``, and shape text into Blocks.

:func:`clean` turns a :class:`~.records.Source` into a :class:`~.records.CleanSource`.
Every line is normalised first (non-breaking and other odd spaces become plain spaces, a
line of only such spaces is blank, zero-width characters and converter markdown such as
``**``, ``[Journal](#)`` and ``<http://...>`` go), then:

1. an article's repository cover page is cut off and read into ``meta``
   (:mod:`.clean.article`);
2. lines matched by ``rules/boilerplate.yaml`` are dropped;
3. an image's file name glued to the end of a line ("... Researchesrc-big-logo") is cut;
4. the text is shaped into blocks: for a blog, each non-blank line is a paragraph of its
   own (WordPress text has one paragraph per line, and lines that follow each other
   without a blank line, like a list of take-aways, must stay apart); for an article
   converted from PDF, runs of lines are paragraphs and paragraphs cut by page breaks
   are joined (:mod:`.clean.article`), and so for the text of a PDF or Word file, whose
   loader writes a paragraph a line; for slides, one ``slide`` block per numbered
   slide of the transcript, or per slide a deck's loader marked (:mod:`.clean.slides`).
   :mod:`.clean.blocks` then decides which blocks are headings, items, quotes,
   references, footnotes.

Every block of a PDF or PowerPoint file records the pages (or slides) it is on, from
its lines (``Block.pages``).

The contract with the split stage (``split.py``):

- ``CleanSource.blocks``: the text in reading order. ``Block.first``/``last`` are lines
  of the file on disk. A footnote moved out of a paragraph comes right after it.
  Headings are only *heading-like* blocks: which of them are post titles is for split to
  decide. A lone name closing a post is a ``paragraph`` with ``hint="byline"``.
- ``CleanSource.removed``: one Block per dropped line, sorted by line: ``kind`` is
  "paragraph", ``text`` the line as it stood (normalised), ``first == last`` its line,
  and ``label`` says why it went:

  ``"end-of-post"``  a WordPress post ended here ("Advertisements", "Share this:",
                     "Like this:", "Like Loading…", "Related", "Continue reading →",
                     "Leave a comment"): split cuts posts at these lines;
  ``"boilerplate"``  share buttons and the like;  ``"link-label"`` a link's label whose
                     address was lost ("REGISTER HERE");  ``"chrome"`` a slide site's
                     page around the transcript;  ``"cover"`` a repository cover page;
                     ``"running"`` a printed page's number, running head or foot;
                     ``"contents"`` a printed list of contents and its heading;
                     ``"profile"`` a forum writer's standing under their name ("Senior
                     member" / "Posts: 1,204"; :func:`.dated.drop_forum_profiles`);
                     ``"filing"`` the categories and tags an entry footer lists under
                     its date ("Reflections, Seminar 1"; :func:`.dated.drop_filing_feet`),
                     or under its "Read more" with its date ("14 November 2016 · News";
                     :func:`.dated.drop_feet_under_marks`), or with its date over its
                     comment link ("January 26, 2016 / Seminar 1 / Leave a comment":
                     the link is an ``"end-of-post"`` block of the same line;
                     :func:`.dated.cut_comment_feet`), or alone as a footer's last line
                     ("Seminar 7, News"; :func:`.dated.drop_label_feet`), or right under
                     a post's title, its writer after a dash staying as the line ("Filed
                     under: News — Jo Bloggs"; :func:`.metaline.filing_under_titles`);
                     ``"kicker"`` a listing's label over an entry's title ("NEWS" /
                     title / text, :func:`.dated.drop_kickers`): an entry ends above it;
                     ``"category"`` a category a theme prints over an entry's title or
                     its meta lines ("SEMINAR 4" / title / date;
                     :func:`.dated.drop_categories`, :func:`.dated.drop_run_labels`);
                     split files the entry under it, as under a kicker;
                     ``"image-name"`` an image file name cut from the end of a line
                     (``text`` is the name; the line itself stays in ``blocks``).
- ``CleanSource.meta``: facts read from what was dropped, as (key, value) pairs in the
  order found: from a cover page ``repository``, ``version``, ``citation``, ``authors``,
  ``year``, ``title``, ``journal``, ``volume``, ``issue``, ``pages``, ``issn``, ``doi``,
  ``copyright``, ``url``, ``available``; from a slide page ``file``, ``publisher``,
  ``date`` (ISO).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..parallel import MIN_FILES, pmap
from ..records import FILE_SUFFIXES, Block, CleanSource, Kind, Line, Owner, Source
from . import article as clean_article
from . import slides as clean_slides
from .blocks import Para, Row, classify, mark_ended, split_bullet
from .comments import drop_comments
from .contents import drop_contents, drop_inline_contents, drop_printed
from .dated import (
    bylines_under_titles,
    cut_comment_feet,
    date_above_title,
    date_feet,
    drop_captions,
    drop_categories,
    drop_feet_under_marks,
    drop_filing_feet,
    drop_forum_profiles,
    drop_kickers,
    drop_label_feet,
    drop_labels_under_dates,
    drop_run_labels,
    entry_headings,
    join_date_badges,
    join_forum_headers,
    join_poster_headers,
    trim_filed_datelines,
)
from .frame import (
    FRAME,
    drop_archive_names,
    drop_author_boxes,
    drop_frame,
    drop_related_titles,
    mark_menu_title,
    mark_quoted_title,
)
from .mail import mail_headers, unquote
from .metaline import drop_field_labels, filing_under_titles, split_meta_lines
from .owner import page_owner
from .privacy import mask_contacts
from .repeats import drop_repeats, repair_glued
from .rules import LineRule, Rules, load_rules, normal_key, unarrowed, undashed
from .running import drop_running

__all__ = ["clean", "clean_all", "load_rules", "normalise", "run"]

MAX_RULE_LINE = 300  # boilerplate is short; longer lines are never tested against rules
MAX_GLUED_TOKEN = 80
_COLUMNS = re.compile(r"[ ]*\t[\t ]*")
#: Characters that print nothing: zero-width spaces and joiners, a BOM, a soft hyphen, and
#: the marks that set the direction of text (a tweet's handle comes after a right-to-left
#: mark, "Jo Bloggs \u200f@jo_b"); a direction override could also make a line read
#: other than it is.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"[^\W\d_]{3,}")
# Every image name that ``rules.glued_image`` matches (clean/rules.py) has a hyphen or an
# underscore before its image word, or a dot before its extension: a last word without
# one is no image name, and most texts have none at all.
_MAY_BE_GLUED = re.compile(r"[-_.][^\s]*$")
Meta = tuple[tuple[str, str], ...]


def clean_all(sources: Sequence[Source], rules: Rules) -> tuple[CleanSource, ...]:
    """:func:`clean` of every source, in order, on every core (see parallel.py)."""

    def made(
        source: Source,
    ) -> tuple[tuple[Block, ...], Meta, tuple[Block, ...], int, Owner | None]:
        # Only what cleaning made travels back from a worker, not the source (this
        # process has it): that halves what is sent.
        cleaned = clean(source, rules)
        return cleaned.blocks, cleaned.meta, cleaned.removed, cleaned.masked, cleaned.owner

    every = pmap(made, sources, MIN_FILES)
    return tuple(CleanSource(source, *m) for source, m in zip(sources, every, strict=True))


def clean(source: Source, rules: Rules) -> CleanSource:
    """Drop boilerplate and shape the text of ``source`` into blocks."""
    rows = [normalise(line, rules) for line in source.lines]
    rule_for = rules_for(source.kind, rules)

    def dropped_line(text: str) -> bool:
        return rule_for(text) is not None

    def ends_post(text: str) -> bool:
        rule = rule_for(text)
        return rule is not None and rule.label == "end-of-post"

    def noise(text: str) -> bool:  # dropped, and more than a menu's word ("News")
        rule = rule_for(text)
        return rule is not None and rule.label != FRAME

    removed: list[Block] = []
    meta: list[tuple[str, str]] = []
    if source.kind == "article":
        rows, cover, meta = clean_article.cut_cover(rows, rules)
        removed += cover
        rows = clean_article.part_marks(rows)
    # alt text glued to the name it describes, repaired before any step reads the name;
    # the line stays, so no step takes it for a line a rule dropped
    rows, glued = repair_glued(rows)
    if source.kind == "blog":
        rows = unquote(rows)  # "> The sixth seminar ...": a forwarded message's quotation
        rows = split_meta_lines(rows, rules.meta_fields)  # "AuthorJo BloggsPosted on..."
        rows, labels = drop_field_labels(rows, rules.meta_fields)  # "Posted by" / "Jo Bloggs"
        removed += labels
        # title / "Filed under: News — Jo Bloggs" / text: the post's head, not its end
        rows, filing = filing_under_titles(rows, ends_post, dropped_line, rules.meta_fields)
        removed += filing
        rows, headers = mail_headers(rows, rules)
        removed += headers
        rows, named = drop_archive_names(rows)
        removed += named
        rows, posters = join_poster_headers(rows)
        removed += posters
        rows, forum = join_forum_headers(rows)
        removed += forum
        rows, profiles = drop_forum_profiles(rows)
        removed += profiles
        rows, badges = join_date_badges(rows)
        removed += badges
        rows, labels = drop_labels_under_dates(rows, dropped_line)
        removed += labels
        rows, captions = drop_captions(rows, dropped_line)
        removed += captions
        rows, labels = drop_run_labels(rows, dropped_line)
        removed += labels
        gone = frozenset(b.first for b in removed)
        rows, filing = drop_filing_feet(rows, ends_post, dropped_line, gone)
        removed += filing
        # "Read more" / its date
        rows, filing = drop_feet_under_marks(rows, ends_post, dropped_line)
        removed += filing
        rows, filing = cut_comment_feet(rows, ends_post, dropped_line)  # ".../ Leave a comment"
        removed += filing
        rows, filing = drop_label_feet(rows, ends_post, noise)  # "" / "Seminar 7, News"
        removed += filing
        rows, filing = trim_filed_datelines(rows, dropped_line, noise)  # "July 4, 2016 · News"
        removed += filing
        rows, relative = date_above_title(rows, dropped_line)
        removed += relative
        rows, categories = drop_categories(rows, dropped_line)
        removed += categories
        rows = bylines_under_titles(rows, dropped_line)
        rows = date_feet(rows, dropped_line)  # excerpt / "" / "Posted on November 14, 2016" / ""
        rows = entry_headings(rows, rules.entry_labels)
    if source.kind != "slides":  # a printed list of contents, before "Contents" is chrome
        rows, printed = drop_printed(rows, rules)
        removed += printed
        rows, inline = drop_inline_contents(rows, rules)
        removed += inline
    if source.kind == "blog":
        rows = mark_menu_title(rows, dropped_line)
    rows, dropped = drop_lines(rows, rule_for)
    removed += dropped
    if source.kind == "blog":  # "2 thoughts on “A carer at the table”": the post's title
        rows = mark_quoted_title(rows, removed)
    rows, related = drop_related_titles(rows, removed, rules, source.frame)
    removed += related
    rows, boxes = drop_author_boxes(rows, rules)
    removed += boxes
    rows, running = drop_running(
        rows, removed, rules, article=source.kind == "article", lines=source.lines
    )
    removed += running
    if source.kind == "blog":
        rows, comments = drop_comments(rows, removed, rules)
        removed += comments
        rows, kickers = drop_kickers(rows)
        removed += kickers
    if source.kind != "slides":  # a transcript's page is cut by clean_slides
        rows, listed = drop_contents(rows, rules)
        removed += listed
        rows, framed = drop_frame(rows, removed, rules, printed=source.kind == "article")
        removed += framed
    rows, repeated = drop_repeats(rows)
    removed += glued + repeated
    rows, unglued = unglue(rows, rules)
    removed += unglued
    ends = frozenset(b.first for b in removed if b.label == "end-of-post")
    pages = {line.number: line.page for line in source.lines if line.page}
    deck = any(row.hint == "slide" for row in rows)  # a .pptx, or a PDF in slides/
    slides = None
    if source.kind == "slides" and not deck:
        slides = clean_slides.slide_blocks(rows, removed, rules)
    if deck:
        blocks = clean_slides.marked_slides(rows, pages, rules)
    elif slides is not None:
        blocks, chrome, slide_meta = slides
        removed += chrome
        meta += slide_meta
    elif source.kind == "article" or source.path.lower().endswith(FILE_SUFFIXES):
        blocks = classify(clean_article.paragraphs(rows, ends, rules), rules)
    else:
        blocks = classify(line_paras(rows, ends, rules), rules)
    if pages:
        blocks, removed = _paged(blocks, pages), _paged(removed, pages)
    removed.sort(key=lambda b: (b.first, b.label, b.text))
    masked = [mask_contacts(block.text) for block in blocks]
    blocks = [replace(b, text=text) for b, (text, _) in zip(blocks, masked, strict=True)]
    owner = None
    if source.kind == "blog":  # a personal blog names its owner in the frame it drops
        frame = [*((b.first, b.text) for b in removed), *((n.number, n.text) for n in source.frame)]
        owner = page_owner(frame, rules, header_end=blocks[0].first if blocks else 0)
    return CleanSource(
        source, tuple(blocks), tuple(meta), tuple(removed), sum(n for _, n in masked), owner
    )


def _paged(blocks: Sequence[Block], pages: dict[int, int]) -> list[Block]:
    """The blocks with the pages (or slides) of their first and last lines."""
    out: list[Block] = []
    for block in blocks:
        first, last = pages.get(block.first, 0), pages.get(block.last, 0)
        out.append(replace(block, pages=(first, max(first, last))) if first else block)
    return out


def normalise(line: Line, rules: Rules) -> Row:
    """One line with plain spaces, no markdown debris, and its indentation measured. A tab
    between words parts a table's columns (a programme saved from a word processor:
    "14:15<TAB>Workshop: ...<TAB>A Speaker"): it becomes a dash, as a programme writes it."""
    raw = line.text.expandtabs(4)
    indent = len(raw) - len(raw.lstrip())
    text = _INVISIBLE.sub("", _COLUMNS.sub(" \u2013 ", line.text.strip()))
    for pattern, replacement in rules.markup:
        text = pattern.sub(replacement, text)
    return Row(line.number, " ".join(text.split()), indent, line.hint)


def _rule_for(text: str, kind: Kind, rules: Rules) -> LineRule | None:
    """The first boilerplate rule that drops a line of a source of ``kind``, if any."""
    if not text or len(text) > MAX_RULE_LINE:
        return None
    index = rules.index[kind]
    rule = index.first(text, normal_key(text))
    if rule is None and (bare := unarrowed(text)) != text:  # "5 Comments »": the link's words
        rule = index.first(bare, normal_key(bare))
    if rule is None and (bare := undashed(text)) != text:
        rule = index.first(bare, "")  # "— filed under ...": a pattern's, never a menu word's
    return rule


def rules_for(kind: Kind, rules: Rules) -> Callable[[str], LineRule | None]:
    """The first boilerplate rule that drops a line of a source of ``kind``, each line
    looked up once however many steps ask (one source's lines: the cache goes with it)."""
    seen: dict[str, LineRule | None] = {}

    def rule_for(text: str) -> LineRule | None:
        if text not in seen:
            seen[text] = _rule_for(text, kind, rules)
        return seen[text]

    return rule_for


def drop_lines(
    rows: list[Row], rule_for: Callable[[str], LineRule | None]
) -> tuple[list[Row], list[Block]]:
    """Blank out the lines a boilerplate rule matches; return them as removed blocks."""
    kept: list[Row] = []
    removed: list[Block] = []
    for row in rows:
        rule = None if row.hint else rule_for(row.text)
        if rule is None:
            kept.append(row)
        else:
            removed.append(Block("paragraph", row.text, row.number, row.number, rule.label))
            kept.append(replace(row, text=""))
    return kept, removed


def unglue(rows: list[Row], rules: Rules) -> tuple[list[Row], list[Block]]:
    """Cut an image file name glued to the last word of a line.

    Where the word ends and the name begins cannot be told from the letters alone
    ("Researchesrc-big-logo": "Research" + "esrc-big-logo"?), so the word must be one
    the same text uses elsewhere; the most used one wins. A name standing alone as the
    last word is cut if it has an image extension or two hyphens ("esrc-big-logo").
    """
    if not any(_MAY_BE_GLUED.search(row.text[-MAX_GLUED_TOKEN:]) for row in rows):
        return rows, []
    vocabulary = Counter(w.casefold() for row in rows for w in _WORD.findall(row.text))
    kept: list[Row] = []
    removed: list[Block] = []
    for row in rows:
        head, _, token = row.text.rpartition(" ")
        cut = _glued_name(token, vocabulary, rules) if len(token) <= MAX_GLUED_TOKEN else None
        if cut is None:
            kept.append(row)
            continue
        word, name = token[: len(token) - len(cut)], cut
        text = f"{head} {word}".strip()
        removed.append(Block("paragraph", name, row.number, row.number, "image-name"))
        kept.append(replace(row, text=text))
    return kept, removed


def _glued_name(token: str, vocabulary: Counter[str], rules: Rules) -> str | None:
    """The image name at the end of ``token``, or None if there is none to cut."""
    if not _MAY_BE_GLUED.search(token):
        return None
    best: tuple[int, int, str] | None = None
    for start in range(3, len(token)):
        word, name = token[:start], token[start:]
        if not word.isalpha() or not rules.glued_image.fullmatch(name):
            continue
        seen = vocabulary[word.casefold()]
        if seen and (best is None or (seen, start) > best[:2]):
            best = (seen, start, name)
    if best:
        return best[2]
    standalone = "." in token or token.count("-") + token.count("_") >= 2
    return token if standalone and rules.glued_image.fullmatch(token) else None


def line_paras(rows: list[Row], ends: frozenset[int], rules: Rules) -> list[Para]:
    """A blog's paragraphs: each non-blank line is one (see the module docstring)."""
    paras: list[Para] = []
    for i, row in enumerate(rows):
        item, text = split_bullet(row.text, rules)
        if not text:
            continue
        alone = (i == 0 or not rows[i - 1].text) and (i + 1 == len(rows) or not rows[i + 1].text)
        paras.append(Para(row.number, row.number, text, row.hint, alone, item))
    return mark_ended(paras, ends)


def run(sources: Sequence[Source]) -> tuple[CleanSource, ...]:
    """Stage 2, clean: every source cleaned by the rules in ``rules/``."""
    return clean_all(sources, load_rules())
