"""Turn a saved web page into lines of post text, the way a text source looks.

A saved blog page is mostly site: menus, sidebars, share buttons, comments, ads. This
module keeps only the posts (the page's ``<article>``s, or ``.hentry``/``.post``, or
sibling elements the page repeats, each headed by a heading or a bold line of its own,
or ``<main>``), drops the chrome listed in ``rules/html.yaml``, and writes each block element
(paragraph, list item, heading, quote) as one :class:`~.records.Line`, with an empty line
between paragraphs and ``"• "`` before list items, so the clean stage reads it exactly
like a text source. Each line carries the ``sourceline`` of the tag it came from.

The entry title becomes a line with ``hint="title"``, the post's ``<time>`` a line with
``hint="date"`` and its author a line with ``hint="byline"``: the split stage needs these
to cut an archive page into posts. With a single post, its date (ISO) is returned too.

The tree is walked with an explicit stack, never by recursion, so a page of 10,000
nested elements cannot raise ``RecursionError``. Pure: text in, lines out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, PageElement, Tag
from bs4 import ProcessingInstruction as Pi

from ..dates import DATE_ALONE_WORDS, DATELINE_PARTS, date_alone, day_and_month, written_date
from ..errors import InputError, Problem
from ..names import (
    BYLINE_PREFIX,
    is_byline,
    is_name_shaped,
    is_vouched_name,
    natural_order,
    recase,
)
from ..records import Hint, Line
from ..text import is_prose_text, is_worded
from ..yamlfile import RULES_DIR, load_data

BLOCK_TAGS = frozenset(
    (
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dd",
        "dt",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "main",
        "figure",
        "figcaption",
        "table",
        "tr",
        "td",
        "th",
        "caption",
        "address",
        "hr",
        "body",
        "html",
        "center",
        "details",
        "summary",
    )
)
_FLOW_TAGS = frozenset({"p", "li", "td", "th", "blockquote", "dd", "figcaption"})
_SPACE = re.compile(r"[ \t\n\r\f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SITE_SEPARATORS = (" | ", " \u2013 ", " \u2014 ", " - ", " :: ")


class NoText(ValueError):
    """The page has no post text at all; the message says what to do."""


@dataclass(frozen=True)
class HtmlRules:
    """The lists of ``rules/html.yaml`` (see the comments there for where each comes from)."""

    drop_tags: frozenset[str]
    site_tags: frozenset[str]
    post_drop_tags: frozenset[str]
    site_classes: re.Pattern[str]  # a class naming an element a site header or footer
    post_drop_classes: re.Pattern[str]  # ... or a post's footer
    drop_classes: re.Pattern[str]
    ignore_classes: re.Pattern[str]
    post_tags: tuple[str, ...]
    post_classes: tuple[str, ...]
    main_tags: tuple[str, ...]
    title_classes: re.Pattern[str]  # a class naming a heading a post's title
    meta_classes: frozenset[str]
    date_classes: frozenset[str]
    author_classes: tuple[str, ...]  # best first
    author_not_parts: frozenset[str]  # ... but not an element with one of these parts
    filing_leads: re.Pattern[str]  # where a meta block's text says how its post is filed
    filing_classes: frozenset[str]  # an element that lists a post's categories or tags
    author_paths: frozenset[str]  # a folder of a link's address: the link names the writer
    filing_paths: frozenset[str]  # ... or a category or tag the post is filed under


@dataclass(frozen=True)
class HtmlPage:
    """What a page gave: its lines, its own title and, for a single post, its date."""

    lines: tuple[Line, ...]
    title: str | None
    date: str | None
    warnings: tuple[str, ...]
    frame: tuple[Line, ...] = ()  # the text of the chrome dropped, element by element


def load_html_rules(path: Path | None = None) -> HtmlRules:
    """Read ``rules/html.yaml`` (or ``path``) into :class:`HtmlRules`."""
    path = path or RULES_DIR / "html.yaml"
    try:
        data = load_data(path)
        names = {key: [str(v).lower() for v in data[key]] for key in HtmlRules.__dataclass_fields__}
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        raise InputError(
            [
                Problem(
                    path.as_posix(),
                    1,
                    f"cannot read the HTML rules ({error!r}): "
                    "every list of HtmlRules must be there",
                )
            ]
        ) from error

    def anyof(key: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in names[key]), re.IGNORECASE)

    return HtmlRules(
        drop_tags=frozenset(names["drop_tags"]),
        site_tags=frozenset(names["site_tags"]),
        post_drop_tags=frozenset(names["post_drop_tags"]),
        site_classes=anyof("site_classes"),
        post_drop_classes=anyof("post_drop_classes"),
        drop_classes=anyof("drop_classes"),
        ignore_classes=anyof("ignore_classes"),
        post_tags=tuple(names["post_tags"]),
        post_classes=tuple(names["post_classes"]),
        main_tags=tuple(names["main_tags"]),
        title_classes=anyof("title_classes"),
        meta_classes=frozenset(names["meta_classes"]),
        date_classes=frozenset(names["date_classes"]),
        author_classes=tuple(names["author_classes"]),
        author_not_parts=frozenset(names["author_not_parts"]),
        filing_classes=frozenset(names.get("filing_classes") or ()),
        author_paths=frozenset(names["author_paths"]),
        filing_paths=frozenset(names["filing_paths"]),
        filing_leads=re.compile(
            rf"\b(?:{'|'.join(re.escape(w) for w in names['filing_leads'])})\b.*", re.IGNORECASE
        ),
    )


def extract(html: str, path: str, rules: HtmlRules) -> HtmlPage:
    """Keep the posts of a page as lines; raise :class:`NoText` if nothing is left."""
    soup = BeautifulSoup(html, "html.parser")
    title, title_line = _page_title(soup)
    published = soup.find("meta", attrs={"property": "article:published_time"})
    heading = _own_h1(soup, title)  # before the chrome goes: a theme's hero may hold it
    heading_line = (
        Line(heading.sourceline or 1, heading.get_text(" "), "title") if heading else None
    )
    frame = _drop_chrome(soup, rules, title)
    roots = _find_posts(soup, rules)
    warnings: list[str] = []
    if not roots and (main := _around_heading(soup)) is not None:
        roots = [main]
    elif roots and (main := _beside_posts(soup, roots)) is not None:
        roots = sorted([main, *roots], key=lambda tag: tag.sourceline or 0)
    if not roots:
        roots = [soup.body or soup]
        warnings.append(
            f"{path}: no <article>, .post or <main> found: kept the text of the "
            "whole page; check the result for site menus and footers"
        )
    frame += _outside(soup.body or soup, roots, rules)  # the rest of the page's frame
    writer = _Writer()
    if len(roots) == 1 and heading and heading_line and _above(heading_line, roots[0]):
        _emit_heading(heading, heading_line, roots[0], rules, writer)
    titles = _first_headings(roots) if len(roots) > 1 else frozenset()
    for root in roots:
        start = len(writer.lines)
        _walk(root, rules, writer, titles)
        if len(roots) > 1:
            _first_line_title(writer.lines, start, rules)
        _drop_kicker(writer.lines, start, rules)
        _footer_meta(writer.lines, start)
    lines = writer.lines
    if not lines:
        raise NoText(
            "the HTML page has no text in its posts: save the page with its content, "
            "or copy the post text into a .txt file"
        )
    if len(roots) == 1 and title and not any(line.hint == "title" for line in lines):
        # The post's own heading when the page's title opens with it ("What is the student
        # in the room for? | by A B | Medium"), maybe under a kicker ("Seminars"); or a
        # heading with its dateline under it (a news page titled "Site - News"); else the
        # page's title, site name cut off.
        at = _own_heading(lines, title)
        if at is not None:
            lines[at] = Line(lines[at].number, lines[at].text.strip(), "title")
            _drop_kicker(lines, 0, rules)
        else:
            lines[:0] = [Line(title_line, _strip_site(title, soup), "title"), Line(title_line, "")]
    if len(roots) == 1 and not any(line.hint == "byline" for line in lines):
        _add_meta_author(lines, soup)
    elif len(roots) > 1 and (author := _meta_author(soup)) is not None:
        # a list page's author is the site's owner (clean/owner.py reads it in the frame)
        frame.append(Line(author[0], f"Author: {author[1]}"))
    date = None
    if len(roots) == 1:
        times = [_iso(t) for t in roots[0].find_all("time") if isinstance(t, Tag)]
        meta = [_iso(published, "content")] if isinstance(published, Tag) else []
        date = next((d for d in [*meta, *times] if d), None)
    frame.sort(key=lambda line: line.number)
    return HtmlPage(tuple(lines), title, date, tuple(warnings), tuple(frame))


#: A page title opens with the post's heading when that heading has this many words.
MIN_TITLE_WORDS = 3
#: A heading over a dateline has at most this many words.
MAX_HEADING_WORDS = 15


#: The metadata that names a page's authors, one ``<meta>`` per author, most specific
#: first: the scholarly tags repositories and journals write (Highwire's
#: ``citation_author``, Dublin Core, EPrints), then the ``author`` a blog or CMS writes.
_AUTHOR_METAS = ("citation_author", "dc.creator", "dcterms.creator", "eprints.creators_name")


def _meta_author(soup: BeautifulSoup, *, scholarly: bool = False) -> tuple[int, str] | None:
    """The line and name of the page's ``<meta name="author">`` (as blogging platforms and
    CMSs write it), if it is there and short enough to be a name. ``scholarly``: a
    repository's or journal's list of authors first (``_AUTHOR_METAS``), each put back in
    reading order ("Fisher, Pamela" is Pamela Fisher) and joined with "and"."""
    kinds = (*_AUTHOR_METAS, "author") if scholarly else ("author",)
    for kind in kinds:
        found = [
            (meta.sourceline or 1, name)
            for meta in soup.find_all("meta", attrs={"name": re.compile(rf"(?i)^{kind}$")})
            if isinstance(meta, Tag)
            and (name := _SPACE.sub(" ", str(meta.get("content") or "")).strip())
            and len(name) <= MAX_META_AUTHOR
        ]
        if found:
            names = " and ".join(natural_order(name) for _, name in found)
            return found[0][0], names
    return None


def _add_meta_author(lines: list[Line], soup: BeautifulSoup) -> None:
    """A single post's author from the page's ``<meta name="author">``, as a byline line
    under the title, if the meta is there."""
    author = _meta_author(soup, scholarly=True)
    at = next((i for i, line in enumerate(lines) if line.hint == "title"), None)
    if author is not None and at is not None:
        lines.insert(at + 1, Line(author[0], author[1], "byline"))


#: A meta author longer than this is no person's name (a list of credits, a site).
MAX_META_AUTHOR = 80
#: A kicker above an entry title ("ESRC Seminar Series: ...", "News") is short.
MAX_KICKER_WORDS = 12


#: A page's own heading is among its first lines of text: after a kicker, at most.
HEADING_LINES = 3
#: The heading the page's title opens with may stand under a post's meta lines (its date,
#: a divider, its category: Ghost), a few lines further down.
TITLED_LINES = 6


def _own_heading(lines: list[Line], title: str) -> int | None:
    """The index of the line that is a single post's own heading, among its first lines:
    one the page's title opens with (a short one when the site's name follows it after a
    dash: "The team" in "The team \u2013 Seminar blog"), or a short one with a dateline
    under it."""
    shown = [i for i, line in enumerate(lines) if line.text.strip()][: TITLED_LINES + 1]
    for i in shown[:TITLED_LINES]:  # the page's title names it: a post's meta may stand above
        head = lines[i].text.strip()
        if (
            head
            and title.casefold().startswith(head.casefold())
            and (len(head.split()) >= MIN_TITLE_WORDS or _site_follows(title[len(head) :]))
        ):
            return i
    for k, i in enumerate(shown[:HEADING_LINES]):
        head = lines[i].text.strip()
        words = len(head.split())
        under = lines[shown[k + 1]] if k + 1 < len(shown) else None
        dated = lines[i].hint == "date" or written_date(head) is not None
        if 0 < words <= MAX_HEADING_WORDS and under is not None and under.hint == "date":
            return None if dated else i  # a date over a date line is no heading
    return None


def _first_line_title(lines: list[Line], start: int, rules: HtmlRules) -> None:
    """One of several posts (an ``<article>`` of a list page) whose title is no heading (a
    Squarespace list links its titles): its first line, when short, is its title, or the
    line under its date when the date stands over it as a badge ("15 Jun"); or its date,
    when that line is its dateline (an untitled aside). A category badge over the title
    (read as a filing line: "Filed under Seminar 7") is none (:func:`_drop_kicker` moves
    it under the title)."""
    shown = [
        i
        for i in range(start, len(lines))
        if lines[i].text.strip() and not rules.filing_leads.match(lines[i].text.strip())
    ]
    if shown and not any(lines[i].hint == "title" for i in shown):
        first = lines[shown[0]]
        badge = first.hint == "date" or (not first.hint and _badge_date(first.text))
        if badge and len(shown) > 1 and _title_shaped(lines[shown[1]].text):
            # a date printed as a badge over the title ("15 Jun"): the title is next
            lines[shown[0]] = Line(first.number, first.text.strip(), "date")
            shown, first = shown[1:], lines[shown[1]]
        if not first.hint and len(first.text.split()) <= MAX_HEADING_WORDS:
            # an untitled post's dateline ("10/07/2017 | by Jo Bloggs") is its date
            hint: Hint = "date" if date_alone(first.text) else "title"
            lines[shown[0]] = Line(first.number, first.text.strip(), hint)


def _title_shaped(text: str) -> bool:
    """Whether a line may be a title: short, no sentence's full stop at its end."""
    return 0 < len(text.split()) <= MAX_HEADING_WORDS and not text.rstrip().endswith(".")


def _badge_date(text: str) -> bool:
    """Whether a line is only a date, with its year or without ("15 Jun", "Jun 15, 2016")."""
    return day_and_month(text) or (
        len(text.split()) <= DATE_ALONE_WORDS and written_date(text) is not None
    )


def _drop_kicker(lines: list[Line], start: int, rules: HtmlRules) -> None:
    """Drop the short lines a post puts above its own title (a series name or a category
    as a kicker): the title starts the post, and they are the site's labels, not its text.
    Its date, byline and filing there (Ghost prints "12 July 2017 / Reflections" above the
    title; a side column "by Jo Bloggs" / "Filed under Seminar 7") move under the title,
    where a post's meta lines stand, a filing line on the title's line."""
    at = next((i for i in range(start, len(lines)) if lines[i].hint == "title"), None)
    if at is None or at == start:
        return
    before = [i for i in range(start, at) if lines[i].text.strip()]
    meta = ("date", "byline")
    if before and all(
        lines[i].hint in meta
        or (not lines[i].hint and len(lines[i].text.split()) <= MAX_KICKER_WORDS)
        for i in before
    ):
        moved = [
            lines[i]
            for i in before
            if (lines[i].hint in meta and is_worded(lines[i].text))
            or rules.filing_leads.match(lines[i].text)
        ]
        for i in reversed(before):
            del lines[i]
        title = next(i for i in range(start, len(lines)) if lines[i].hint == "title")
        # a filing line takes its title's line: the split stage files a post under the
        # filing lines from its first line on (split.py _filed), not the previous post
        number = lines[title].number
        moved = [
            replace(line, number=number) if not line.hint and line.number < number else line
            for line in moved
        ]
        lines[title + 1 : title + 1] = moved


def _footer_meta(lines: list[Line], start: int) -> None:
    """Move the date and byline a post's entry footer prints under its text ("Published
    January 4, 2016 by A B") up under its title, where a post's meta lines stand: the
    element holds one post, so they are its own, and a line closing its text ("A B, blog
    editor") is no title over a dateline. A kind of meta line the post already has under
    its title stays where it is; a byline that names again the writer named there (an
    author box's) goes. The post is the lines from ``start`` on, the last ones:
    they are rebuilt on their own, so a page of many posts costs no more per post."""
    post = lines[start:]
    at = next((i for i, line in enumerate(post) if line.hint == "title"), None)
    if at is None:
        return
    meta = ("date", "byline")
    head = at + 1
    while head < len(post) and (not post[head].text or post[head].hint in meta):
        head += 1
    if head >= len(post):
        return
    last = len(post) - 1  # a theme's "By A B," beside the footer's date is a byline
    while last > head and (not post[last].text or post[last].hint in meta):
        last -= 1
    if last > head and not post[last].hint and is_byline(post[last].text.rstrip(" ,|")):
        name = BYLINE_PREFIX.sub("", post[last].text).rstrip(" ,|")
        post[last] = Line(post[last].number, name, "byline")
    present = {line.hint for line in post[at + 1 : head]}
    footer = {
        i for i in range(head, len(post)) if post[i].hint in meta and post[i].hint not in present
    }
    # an author box under the text naming the writer the head names already: said twice
    named = {line.text.casefold() for line in post[at + 1 : head] if line.hint == "byline"}
    again = {
        i
        for i in range(head, len(post))
        if post[i].hint == "byline" and post[i].text.casefold() in named
    }
    if not footer and not again:
        lines[start:] = post
        return
    kept: list[Line] = []
    for i, line in enumerate(post):
        if i in again:
            continue
        if i in footer:
            if kept and not kept[-1].text:
                kept.pop()  # the blank line the writer put before it
            continue
        kept.append(line)
    lines[start:] = [*kept[: at + 1], *(post[i] for i in sorted(footer)), *kept[at + 1 :]]


def _tokens(tag: Tag) -> list[str]:
    """The class tokens and the id of a tag, lower-cased."""
    classes = tag.get("class") or []
    tokens = [str(c).lower() for c in (classes if isinstance(classes, list) else [classes])]
    ident = tag.get("id")
    return [*tokens, str(ident).lower()] if ident else tokens


def _outermost(soup: Tag, match: Callable[[Tag], bool]) -> list[Tag]:
    """The tags that match and are inside no other match, in document order (iterative)."""
    found: list[Tag] = []
    stack: list[Tag] = [soup]
    while stack:
        tag = stack.pop()
        if tag is not soup and match(tag):
            found.append(tag)
            continue
        stack.extend(c for c in reversed(tag.contents) if isinstance(c, Tag))
    return found


def _find_posts(soup: BeautifulSoup, rules: HtmlRules) -> list[Tag]:
    """The outermost post containers of the first kind (tag, class, main) the page has."""
    for name in rules.post_tags:
        if found := _outermost(soup, lambda t, n=name: t.name == n):  # type: ignore[misc]
            # a featured post a theme prints above the list in a box of its own
            return _with_others(soup, found, rules) if len(found) > 1 else found
    for token in rules.post_classes:
        if found := _outermost(soup, lambda t, c=token: c in _tokens(t)):  # type: ignore[misc]
            return _lifted(found)
    if found := _repeated(soup, rules):
        return _with_others(soup, found, rules)
    main = _outermost(soup, lambda t: t.name in rules.main_tags or t.get("role") == "main")
    return main[:1]


#: A post's title stands at most this many levels above its text's container.
MAX_LIFT = 3


def _lifted(roots: list[Tag]) -> list[Tag]:
    """Each post container that opens with no heading, replaced by the nearest element
    around it that holds a heading above it and no other container: a theme may mark only
    a post's text ("post-content") and print its date and title beside it, in the post's
    box, though the text has headings of its own further down. Each root's few ancestors
    are counted once, so the search is linear in the posts."""
    if len(roots) < 2:  # one post: the page's own heading is found apart (_own_h1)
        return roots
    chains = [_ancestors(root) for root in roots]
    holding: dict[int, int] = {}  # ancestor id -> how many roots it holds
    for chain in chains:
        for tag in chain:
            holding[id(tag)] = holding.get(id(tag), 0) + 1
    out: list[Tag] = []
    for root, chain in zip(roots, chains, strict=True):
        lifted = root
        for tag in chain if not _opens_with_heading(root) else ():
            if holding[id(tag)] > 1:
                break
            heading = tag.find(_HEADINGS)
            if isinstance(heading, Tag) and (heading.sourceline or 0) <= (root.sourceline or 0):
                lifted = tag
                break
        out.append(lifted)
    return out


def _opens_with_heading(tag: Tag) -> bool:
    """Whether the first text of ``tag`` is a heading's (read up to that text only)."""
    for text in tag.descendants:
        if not isinstance(text, NavigableString) or isinstance(text, Comment):
            continue
        if not text.strip():
            continue
        for parent in text.parents:
            if parent is tag:
                return False
            if parent.name in _HEADINGS:
                return True
    return False


def _ancestors(tag: Tag) -> list[Tag]:
    """Up to :data:`MAX_LIFT` elements around ``tag``, nearest first, below the page's
    body and main element."""
    chain: list[Tag] = []
    for parent in tag.parents:
        if len(chain) >= MAX_LIFT or parent.name in ("body", "html", "main", "[document]"):
            break
        chain.append(parent)
    return chain


#: A repeated container holds at least this many words (a row of menu links does not).
MIN_POST_WORDS = 20
#: Siblings left when the short ones among them are left out: at least this many.
MIN_LEFT_ITEMS = 3
#: The page's own text beside a set of repeated items has at least this many words outside
#: links: a paragraph or two, more than a sidebar box holds.
MIN_MAIN_WORDS = 60
_HEADINGS = ("h1", "h2", "h3", "h4")


def _tree_counts(
    soup: Tag, rules: HtmlRules, *, links: bool
) -> tuple[list[Tag], dict[int, int], dict[int, bool]]:
    """Every element (parents before children), and by element id the words it holds (with
    or without the labels of links) and whether it holds a heading (a heading element, or
    an element a title class names: a theme's ``<div class="entry-title">``): counted once
    each, children before parents, so linear in the size of the page however deeply it
    nests."""
    order: list[Tag] = []
    stack: list[Tag] = [soup]
    while stack:
        tag = stack.pop()
        order.append(tag)
        stack.extend(c for c in tag.contents if isinstance(c, Tag))
    words: dict[int, int] = {}
    heading: dict[int, bool] = {}
    for tag in reversed(order):  # children first
        children = [c for c in tag.contents if isinstance(c, Tag)]
        counted = [c for c in children if links or c.name != "a"]
        own = sum(len(str(t).split()) for t in _texts(tag)) if links or tag.name != "a" else 0
        words[id(tag)] = own + sum(words[id(c)] for c in counted)
        heading[id(tag)] = (
            tag.name in _HEADINGS
            or any(heading[id(c)] for c in children)
            or any(rules.title_classes.fullmatch(token) for token in _tokens(tag))
        )
    return order, words, heading


#: A bold lead that heads an item is short: "Series complete", "Seminar 4 report".
MAX_LEAD_WORDS = 12
_BOLD = ("b", "strong")


def _bold_lead(item: Tag) -> bool:
    """Whether an item opens with a line of bold text of its own, as a hand-made site or
    an e-mail heads each entry of a list with no heading element (``<td><b>Series
    complete</b><br>All seven seminars ...``): its first text, past a date beside it
    (a news table's first cell), is a short ``<b>`` or ``<strong>`` with a line break or
    the end of its block right after it. Read up to that text only."""
    for text in item.descendants:
        if not isinstance(text, NavigableString) or isinstance(text, Comment):
            continue
        if not text.strip() or date_alone(text.strip()):
            continue
        bold = next((p for p in text.parents if p.name in _BOLD or p is item), item)
        lead = bold.get_text(" ")
        # words, not a number: a row's number in bold ("<b>2</b>") heads no entry
        if bold is item or len(lead.split()) > MAX_LEAD_WORDS or not any(map(str.isalpha, lead)):
            return False
        after = bold.next_sibling
        while isinstance(after, NavigableString) and not after.strip():
            after = after.next_sibling
        return after is None or (isinstance(after, Tag) and after.name == "br")
    return False


def _repeated(soup: BeautifulSoup, rules: HtmlRules) -> list[Tag]:
    """Posts that the page's structure shows though no class names them: two or more
    sibling elements of one tag sharing a class, each with some text (a short one among
    them, an e-mail's preview line over its items, is left out) and two or more (at least
    half of them) with a heading (a news list of ``<div class="news-item"><h2>...``; a
    blog's untitled aside among its posts, but none after the last: an e-mail's footer in
    a box like its items'). The largest such set of siblings wins.

    Each element's words and headings are counted once, children before parents, so the
    search is linear in the size of the page however deeply it nests.
    """
    order, words, heading = _tree_counts(soup, rules, links=True)
    led: dict[int, bool] = {}  # an item with a bold lead and no heading: read when asked

    def headed(item: Tag) -> bool:
        if heading[id(item)]:
            return True
        if item.name == "p":  # a paragraph's bold opening is its own, not an entry's title
            return False
        if id(item) not in led:
            led[id(item)] = _bold_lead(item)
        return led[id(item)]

    best: list[Tag] = []
    for parent in order:
        # Siblings of one tag that share a class are one set, whatever other classes they
        # have ("listing-item listing-item-news" beside "listing-item listing-item-event").
        groups: dict[tuple[str, str], list[Tag]] = {}
        for child in parent.contents:
            if isinstance(child, Tag):
                for token in dict.fromkeys(str(c) for c in child.get("class") or [""]):
                    groups.setdefault((child.name, token), []).append(child)
        for siblings in groups.values():
            # a short one among them (an e-mail's preview line, a row of links) is none,
            # where three or more are left (a page's menu column beside its main text and
            # its sidebar leaves two: columns, not posts)
            group = [g for g in siblings if words[id(g)] >= MIN_POST_WORDS]
            if len(group) < (2 if len(group) == len(siblings) else MIN_LEFT_ITEMS):
                continue
            if len(group) <= len(best):
                continue
            titled = [g for g in group if headed(g)]
            if (
                len(titled) >= 2
                and 2 * len(titled) >= len(group)  # an aside among them has no title
                and not _people(titled)
            ):
                # a short one with a heading between the posts is an entry with a short
                # excerpt ("Programme for 28 October" / "Here is the running order."); one
                # before them all is the list's head (a newsletter's own title)
                first, last = siblings.index(group[0]), siblings.index(group[-1])
                group = [
                    g
                    for g in siblings[first : last + 1]
                    if words[id(g)] >= MIN_POST_WORDS or heading[id(g)]
                ]
                # but none after the last title: an e-mail's footer in the items' box
                best = group[: group.index(titled[-1]) + 1]
    return best


def _people(group: list[Tag]) -> bool:
    """Whether each item of a set is headed by a person's name alone: a team's or a
    speakers' page, one text about several people, not a list of posts."""
    for item in group:
        head = item.find(_HEADINGS)
        text = _SPACE.sub(" ", head.get_text(" ")).strip() if isinstance(head, Tag) else ""
        if not is_vouched_name(recase(text)):
            return False
    return True


def _with_others(soup: BeautifulSoup, group: list[Tag], rules: HtmlRules) -> list[Tag]:
    """A set of repeated items and the page's other text, in document order: an event page
    has its own text in a main column and teasers of other events beside it, so the
    teasers do not stand for the whole page. The other text is each outermost element
    that holds no item and sits in none, with a heading and ``MIN_MAIN_WORDS`` words that
    are not the labels of links (a sidebar box of links, or a short call to enrol, has
    fewer).

    Words and headings are counted once, children before parents, so the search is linear
    in the size of the page however deeply it nests (as :func:`_repeated`)."""
    _, words, heading = _tree_counts(soup, rules, links=False)
    inside = {id(item) for item in group}
    related = set(inside)
    for item in group:  # the items' ancestors, each walked once
        for parent in item.parents:
            if id(parent) in related:
                break
            related.add(id(parent))
    others: list[Tag] = []
    stack: list[Tag] = [soup]
    while stack:
        tag = stack.pop()
        if id(tag) in inside:
            continue
        if id(tag) not in related and heading[id(tag)] and words[id(tag)] >= MIN_MAIN_WORDS:
            others.append(tag)
            continue
        stack.extend(c for c in tag.contents if isinstance(c, Tag))
    if not others:
        return group
    position = {id(tag): n for n, tag in enumerate(soup.find_all(True))}  # document order
    return sorted([*group, *others], key=lambda tag: position[id(tag)])


def _texts(tag: Tag) -> list[NavigableString]:
    """The text nodes right inside ``tag``, as a reader sees them (no comments)."""
    return [
        s
        for s in tag.contents
        if isinstance(s, NavigableString)
        and not isinstance(s, Comment | Declaration | Doctype | Pi)
    ]


def _drop_chrome(soup: BeautifulSoup, rules: HtmlRules, title: str | None = None) -> list[Line]:
    """Remove chrome in place: first by tag and class, then the site's header and footer;
    return the text of what was removed, a line per string (in the order dropped).

    A post container is never dropped for its own classes (WordPress gives an article
    classes from its tags, like ``tag-related-work``), but a chrome block that holds one
    goes with it: that is how a comment list of ``<article>``s disappears. Both passes
    walk the tree with a stack and skip what they drop, so each is linear in its size.
    """

    holders: set[int] = set()  # the tags that hold every post (Blogger's "widget Blog")
    frame: list[Line] = []
    builder = _builder_classes(soup, rules)  # "elementor-widget": on everything, no chrome

    def chrome(tag: Tag, inside: bool) -> bool:
        tokens = [
            t for t in _tokens(tag) if not rules.ignore_classes.fullmatch(t) and t not in builder
        ]
        post = tag.name in rules.post_tags or bool(set(rules.post_classes) & set(tokens))
        return tag.name not in ("html", "body", "main") and (
            (
                tag.name in rules.drop_tags
                and not _page_form(tag)
                and not (inside and _is_meta(tag, rules))  # a post's author box
            )
            or tag.has_attr("hidden")
            or _HIDDEN_STYLE.search(str(tag.get("style") or "")) is not None
            or (
                not post
                and id(tag) not in holders
                and any(rules.drop_classes.fullmatch(t) for t in tokens)
            )
            or (tag.name == "table" and _field_table(tag))
        )

    def site(tag: Tag, inside: bool) -> bool:
        classes = [t for t in _tokens(tag) if not rules.ignore_classes.fullmatch(t)]
        if inside:
            return tag.name in rules.post_drop_tags or any(
                rules.post_drop_classes.fullmatch(t) for t in classes
            )
        return tag.name in rules.site_tags or (
            tag.name not in ("html", "body", "main")
            and id(tag) not in holders
            and id(tag) not in posts
            and any(rules.site_classes.fullmatch(t) for t in classes)
            and not _holds_title(tag, title)  # a collection's header, with the page's heading
        )

    for drop in (chrome, site):
        found = _find_posts(soup, rules)
        posts = {id(post) for post in found}
        holders.clear()
        holders.update(_common_ancestors(found))
        stack: list[tuple[Tag, bool]] = [(soup, False)]
        while stack:
            tag, inside = stack.pop()
            if tag is not soup and drop(tag, inside):
                if inside and drop is site and (_only_dateline(tag, rules) or _is_meta(tag, rules)):
                    # "April 3, 2017 · 2 min · Jo Bloggs": the post's own dateline; a footer
                    # its class names a meta block ("<footer class=entry-meta>This entry was
                    # posted in ... by Jo Bloggs"): its date, writer and filing are read
                    continue
                if inside and drop is site:  # an entry footer: its byline, date and filing stay
                    for meta in _outermost(tag, lambda t: _kept_in_footer(t, rules)):
                        tag.insert_before(meta.extract())
                frame.extend(_text_lines(tag, rules))
                tag.decompose()
                continue
            inside = inside or id(tag) in posts
            stack.extend((c, inside) for c in tag.contents if isinstance(c, Tag))
    return frame


def _kept_in_footer(tag: Tag, rules: HtmlRules) -> bool:
    """Whether an element of a post's footer stays when the footer goes: its date or its
    writer (:func:`_is_meta`), or the categories it files the post under."""
    return _is_meta(tag, rules) or bool(rules.filing_classes & _parts(tag, rules))


#: A dateline is short: "Posted on 3 March 2017 by Jo Bloggs in News".
MAX_DATELINE_WORDS = 16


def _only_dateline(tag: Tag, rules: HtmlRules) -> bool:
    """Whether an entry footer says nothing but its post's dateline, in plain text: a date,
    maybe a reading time and the writer, no sentence, and no element marked as a date or
    an author, which would be kept on its own ("April 3, 2017 · 2 min · Farah Example",
    as a Hugo theme prints it)."""
    text = " ".join(tag.get_text(" ").split())
    return (
        0 < len(text.split()) <= MAX_DATELINE_WORDS
        and not any(_is_meta(t, rules) for t in tag.find_all(True))
        and not text.endswith((".", "!", "?"))
        and written_date(text) is not None
    )


def _builder_classes(soup: BeautifulSoup, rules: HtmlRules) -> frozenset[str]:
    """The chrome-like classes a page builder puts on the page's text itself: a class that
    ``drop_classes`` names (Elementor's "elementor-widget" has "widget") whose elements
    hold at least half of the page's words is how the page is built, not its chrome.
    One walk: each element's words are counted once (:func:`_tree_counts`), and an
    element is counted for a class only if none of its ancestors has it."""
    _, words, _ = _tree_counts(soup, rules, links=True)
    total = words[id(soup)]
    held: dict[str, int] = {}
    stack: list[tuple[Tag, frozenset[str]]] = [(soup, frozenset())]
    while stack:
        tag, open_ = stack.pop()
        found = {t for t in _tokens(tag) if rules.drop_classes.fullmatch(t)} - open_
        for token in found:
            held[token] = held.get(token, 0) + words[id(tag)]
        inner = open_ | found
        stack.extend((c, inner) for c in tag.contents if isinstance(c, Tag))
    return frozenset(t for t, n in held.items() if total and 2 * n >= total)


#: How far up from a page's heading its main text is looked for.
MAX_HEADING_DEPTH = 8


def _around_heading(soup: BeautifulSoup) -> Tag | None:
    """The page's main text when no post element marks it: the nearest element around the
    page's ``<h1>`` that holds at least half of the page's words (a CMS page of divs:
    "news-detail__main", "#content"), or None."""
    heading = soup.find("h1")
    body = soup.body or soup
    if not isinstance(heading, Tag):
        return None
    total = len(body.get_text(" ").split())
    for depth, tag in enumerate(heading.parents):
        if depth >= MAX_HEADING_DEPTH or tag is body or not isinstance(tag, Tag):
            return None
        if 2 * len(tag.get_text(" ").split()) >= total:
            return tag
    return None


def _beside_posts(soup: BeautifulSoup, roots: list[Tag]) -> Tag | None:
    """The page's main text when the post elements found are not it: the text around its
    ``<h1>`` (:func:`_around_heading`) when that holds none of them and lies in none (a
    podcast's episode in a ``<section>``, with the previous episode as an ``<article>``
    teaser under it), or None."""
    main = _around_heading(soup)
    if main is None:
        return None
    inside = {id(tag) for tag in main.find_all(True)}
    around = {id(parent) for parent in main.parents}  # main inside a root
    if any(id(root) in inside or id(root) in around or root is main for root in roots):
        return None
    return main


def _holds_title(tag: Tag, title: str | None) -> bool:
    """Whether ``tag`` holds the page's own heading: an ``<h1>`` the page's title opens
    with, or holds after a number ("Ep. 14 - Open Dialogue, ..." for "Open Dialogue, ...")."""
    heading = tag.find("h1")
    text = _heading_text(heading) if isinstance(heading, Tag) else ""
    if not text or not title:
        return False
    folded = title.casefold()
    return folded.startswith(text) or (len(text.split()) >= MIN_TITLE_WORDS and text in folded)


#: The page's own heading is among its first few ``<h1>``s (a theme's site name is one).
OWN_H1S = 3


def _own_h1(soup: BeautifulSoup, title: str | None) -> Tag | None:
    """The first of the page's first ``<h1>``s that its title opens with (never the site's
    name, which a title ends with)."""
    for heading in soup.find_all("h1", limit=OWN_H1S):
        text = _heading_text(heading) if isinstance(heading, Tag) else ""
        if text and title and title.casefold().startswith(text):
            return heading if isinstance(heading, Tag) else None
    return None


def _heading_text(heading: Tag) -> str:
    """A heading's text as a page's title is compared with it: spaces collapsed, folded."""
    return _SPACE.sub(" ", heading.get_text(" ")).strip().casefold()


def _above(heading: Line, root: Tag) -> bool:
    """Whether the page's heading stands above its one post's text ``root``, outside it: a
    block theme prints the title and the date in one group and the content in the next,
    and a theme's "hero" banner holds the title."""
    return heading.number < (root.sourceline or 0)


def _emit_heading(heading: Tag, line: Line, root: Tag, rules: HtmlRules, writer: _Writer) -> None:
    """Emit the page's heading (``line``, read before the page's chrome went) as its
    post's title, and the date and byline between it and the post's text as its meta
    lines, if the heading is still there."""
    writer.emit(line.number, line.text, "title")
    if heading.decomposed:
        return
    done: set[int] = set()
    for tag in heading.find_all_next(True):
        if tag is root or not isinstance(tag, Tag):
            break
        if id(tag.parent) in done:
            done.add(id(tag))  # inside a meta block already read
        elif _is_meta(tag, rules):
            done.add(id(tag))
            for number, text, hint in _meta_lines(tag, rules):
                writer.emit(number, text, hint, tight=True)


#: An inline style that hides its element: nothing a reader sees ("display:none" on an
#: email's preview text, which only an inbox shows beside its subject).
_HIDDEN_STYLE = re.compile(r"(?i)(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b")


def _page_form(tag: Tag) -> bool:
    """Whether a ``<form>`` wraps the page itself, as ASP.NET sites (Sitecore, Contensis)
    wrap the whole body in one: it holds the page's heading or its main text."""
    return tag.name == "form" and tag.find(("h1", "main", "article")) is not None


def _outside(top: Tag, roots: list[Tag], rules: HtmlRules) -> list[Line]:
    """The visible text outside the posts (a sidebar nobody marked as chrome), a line per
    string, walked with a stack (linear in the page's size)."""
    skip = {id(root) for root in roots}
    out: list[Line] = []
    stack: list[Tag] = [top]
    while stack:
        tag = stack.pop()
        if id(tag) in skip or tag.name in rules.drop_tags:
            continue
        for child in tag.contents:
            if isinstance(child, Tag):
                stack.append(child)
            elif type(child) is NavigableString and (flat := _SPACE.sub(" ", child).strip()):
                out.append(Line(tag.sourceline or top.sourceline or 1, flat))
    return out


#: Dropped elements whose text a reader sees: a sidebar and a menu (their text is the
#: page's frame, where clean/owner.py looks for whose page it is).
_SHOWN = frozenset({"aside", "nav"})


def _text_lines(tag: Tag, rules: HtmlRules) -> list[Line]:
    """The visible text of a dropped element, a line per string, at its element's line:
    a sidebar's or a menu's too (``<aside>``, ``<nav>``), never a script's or a form's."""
    hidden = rules.drop_tags - _SHOWN
    if tag.name in hidden:  # scripts, styles, forms: nothing a reader sees as text
        return []
    out: list[Line] = []
    for text in tag.find_all(string=True):
        parent = text.parent
        if isinstance(text, Comment) or parent is None or parent.name in hidden:
            continue
        if flat := _SPACE.sub(" ", str(text)).strip():
            out.append(Line(parent.sourceline or tag.sourceline or 1, flat))
    return out


def _common_ancestors(tags: list[Tag]) -> set[int]:
    """The ids of the elements that hold every one of ``tags``. A class that names chrome
    ("widget") on such an element names the site's frame of the posts, not chrome beside
    them; a block of comments holds only some ``<article>``s, never the posts too.

    They are the ancestors of the posts' lowest common ancestor, found by walking up from
    each post only until the chain of the one before: linear for sibling posts."""
    if not tags:
        return set()
    chain = list(tags[0].parents)
    on_chain = {id(parent): n for n, parent in enumerate(chain)}
    lowest = 0  # index in ``chain`` of the lowest element holding every post so far
    for tag in tags[1:]:
        for parent in tag.parents:
            if id(parent) in on_chain:
                lowest = max(lowest, on_chain[id(parent)])
                break
        else:
            return set()
    return {id(parent) for parent in chain[lowest:]}


class _Writer:
    """Collects lines: a blank line between paragraphs, none between list items."""

    def __init__(self) -> None:
        self.lines: list[Line] = []

    def emit(
        self, number: int, text: str, hint: Hint = "", item: bool = False, tight: bool = False
    ) -> None:
        """Add a line; ``tight`` (after a ``<br>``) and list items get no blank before."""
        text = _CONTROL.sub("", _SPACE.sub(" ", text)).strip(" ")
        if not text.strip():
            return
        text = "• " + text if item else text
        last = self.lines[-1].text if self.lines else ""
        if last and not tight and not (item and last.startswith("• ")):
            self.lines.append(Line(number, ""))
        self.lines.append(Line(number, text, hint))


def _first_headings(roots: list[Tag]) -> frozenset[int]:
    """The first heading of each of several posts: its title, whatever its class."""
    firsts = (root.find(_HEADINGS) for root in roots)
    return frozenset(id(h) for h in firsts if isinstance(h, Tag))


def _walk(
    root: Tag, rules: HtmlRules, writer: _Writer, titles: frozenset[int] = frozenset()
) -> None:
    """Emit one line per block of text under ``root``, iteratively (no recursion)."""
    buf: list[str] = []
    seen = len(writer.lines)  # this root's lines looked at for prose, up to here
    texted = False  # a line of prose of this root came already
    line = cursor = root.sourceline or 1
    hints: list[Hint] = [""]
    item = tight = started = False
    rows = _simple_rows(root)

    def flush() -> None:
        nonlocal item, tight, started
        if "".join(buf).strip():
            writer.emit(line, "".join(buf), hints[-1], item, tight)
            item = tight = False
        buf.clear()
        started = False

    stack: list[tuple[PageElement, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, Comment | Declaration | Doctype | Pi):
                # a line starts at its first visible text, not at the indentation before it
                line = line if started else cursor
                started = started or not node.isspace()
                buf.append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        if leaving:
            flush()
            item = tight = False
            if _is_title(node, rules) or id(node) in titles:
                hints.pop()
            continue
        cursor = node.sourceline or cursor
        if node.name == "br":
            had_text = bool("".join(buf).strip())
            flush()
            tight = had_text
            continue
        if not texted:  # each line looked at once
            texted = any(is_prose_text(line.text) for line in writer.lines[seen:])
            seen = len(writer.lines)
        if _is_meta(node, rules, texted):
            flush()
            for number, text, hint in _meta_lines(node, rules):
                writer.emit(number, text, hint)
            continue
        if (filing := _filing_line(node, rules)) is not None:
            flush()
            writer.emit(node.sourceline or cursor, filing)
            continue
        if node.name in ("td", "th") and id(node.parent) in rows:
            so_far = "".join(buf).strip()
            if so_far:  # a programme's row is one line: "10.00 - Opening"; "Venue: Room 2"
                buf.append(" " if so_far.endswith(":") else f" {CELL_SEPARATOR} ")
            stack.extend((child, False) for child in reversed(node.contents))
            continue
        if node.name == "pre":  # a message or a poem as written: its own lines
            flush()
            for number, text, tight_line in _pre_lines(node):
                writer.emit(number, text, tight=tight_line)
            continue
        if node.name in BLOCK_TAGS:
            flush()
            item = item or node.name == "li"
            if _is_title(node, rules) or id(node) in titles:
                hints.append("title")
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    flush()


#: A line of preformatted text this share of its longest line long was wrapped there: the
#: next line goes on with its paragraph (a message's body, wrapped at 72 characters).
PRE_WRAPPED = 0.6


def _pre_lines(pre: Tag) -> list[tuple[int, str, bool]]:
    """The lines of a ``<pre>`` block as (line number, text, tight): a paragraph's wrapped
    lines joined into one line, short lines ("All best," / "Maggie", a signature's) on
    their own, tight under the line before (no blank line between)."""
    raw = pre.get_text().split("\n")
    width = max((len(line.strip()) for line in raw), default=0)
    out: list[tuple[int, list[str], bool]] = []  # a paragraph's words joined once, at the end
    start = pre.sourceline or 1
    joining = tight = False
    for offset, line in enumerate(raw):
        text = line.strip()
        if not text:
            joining = tight = False
            continue
        if joining:
            out[-1][1].append(text)
        else:
            out.append((start + offset, [text], tight))
        joining = len(text) >= PRE_WRAPPED * width
        tight = True
    return [(number, " ".join(parts), was_tight) for number, parts, was_tight in out]


#: A record's table of fields has this many rows at least, and this share of them labelled.
MIN_FIELD_ROWS = 3
FIELD_SHARE = 0.75
#: A row with no label that holds this many words is a text, not a field: a message under
#: its header's fields ("Subject:", "From:", "Date:") on a mailing list's archive page.
MIN_BODY_WORDS = 25


def _field_table(table: Tag) -> bool:
    """Whether a table is a record's fields, each row a label and its value ("Item Type:" /
    "Monograph", "Date Deposited:" / "04 Jul 2017"), as a repository or a grant record
    prints them: the page's metadata (read from its meta tags), not its text."""
    rows = [tr for tr in table.find_all("tr") if isinstance(tr, Tag)]
    labelled = 0
    for tr in rows:
        first = tr.find(("th", "td"))
        if isinstance(first, Tag) and first.get_text().strip().endswith(":"):
            labelled += 1
        elif len(tr.get_text(" ").split()) >= MIN_BODY_WORDS:
            return False  # a message under its header's fields (a list archive's page)
    return len(rows) >= MIN_FIELD_ROWS and labelled >= FIELD_SHARE * len(rows)


#: What stands between the cells of a table's row read as one line.
CELL_SEPARATOR = "\u2013"


def _simple_rows(root: Tag) -> frozenset[int]:
    """The table rows under ``root`` whose cells hold text alone, no blocks (a programme's
    time and event, a list of names and roles, a field and its label: "Venue: Room 2"): each
    is read as one line. A layout table's cells, which hold paragraphs, stay lines of
    their own."""
    simple: set[int] = set()
    for tr in root.find_all("tr"):
        cells = [c for c in tr.find_all(("td", "th"), recursive=False) if isinstance(c, Tag)]
        blocks = any(
            isinstance(d, Tag) and d.name in BLOCK_TAGS for c in cells for d in c.descendants
        )
        if not blocks:
            simple.add(id(tr))
    return frozenset(simple)


def _is_title(tag: Tag, rules: HtmlRules) -> bool:
    return tag.name in ("h1", "h2", "h3") and any(
        rules.title_classes.fullmatch(token) for token in _tokens(tag)
    )


def _parts(tag: Tag, rules: HtmlRules) -> set[str]:
    """A tag's class tokens and their parts ("c-news-item__date": "date", "news", ...),
    but for the tokens never read (a post's tag "tag-save-the-date" has no date)."""
    tokens = [t for t in _tokens(tag) if not rules.ignore_classes.fullmatch(t)]
    return {*tokens, *(part for token in tokens for part in re.split(r"[-_]+", token) if part)}


#: A block a writer's class names ("hb-author") is a byline when this short: "by Jo Bloggs".
MAX_BYLINE_WORDS = 6


def _short(tag: Tag) -> bool:
    """Whether an element's text is as short as a byline."""
    return len(tag.get_text(" ").split()) <= MAX_BYLINE_WORDS


def _is_meta(tag: Tag, rules: HtmlRules, texted: bool = False) -> bool:
    """A "posted on ... by ..." block, a short block a writer's class names ("by Jo
    Bloggs" in a theme's "hb-author" box) before the post's text (``texted``: some came
    already; a tweet's writer in a collection's card is no byline), or a bare ``<time>``
    outside running text."""
    parts = _parts(tag, rules)
    if rules.meta_classes & parts:
        return True
    if rules.date_classes & parts and written_date(tag.get_text(" ")) is not None:
        return True  # "<span class=published>Published November 8, 2017</span>"
    if tag.name in BLOCK_TAGS and set(rules.author_classes) & parts and _short(tag):
        return not texted
    return tag.name == "time" and not any(p.name in _FLOW_TAGS for p in tag.parents)


def _meta_lines(tag: Tag, rules: HtmlRules) -> list[tuple[int, str, Hint]]:
    """The date and author of a post's meta block, as hinted lines; the rest is chrome."""
    candidates = [tag, *(t for t in tag.find_all(True) if isinstance(t, Tag))]
    date = next(
        (t for t in candidates if t.name == "time" or rules.date_classes & _parts(t, rules)), None
    )
    author = next(
        (
            t
            for whole in (True, False)
            for name in rules.author_classes
            for t in candidates
            # a class, or else a part of one in a short line ("hb-author": "by Jo Bloggs",
            # not an author box's note; Twenty Ten's "meta-prep-author" holds only "Posted
            # on", its "author vcard" the name); "<p class=byline>" alone
            if (name in _tokens(t) if whole else name in _parts(t, rules) and _short(t))
            and not (t is not tag and rules.author_not_parts & _parts(t, rules))
            and t.get_text().strip()
            and (t is not tag or date is None)
        ),
        None,
    )
    lines: list[tuple[int, str, Hint]] = []
    if date is not None:
        text = date.get_text(" ").strip() or str(date.get("datetime") or "")
        lines.append((date.sourceline or 1, text, "date"))
    if author is not None:
        name = BYLINE_PREFIX.sub("", _SPACE.sub(" ", author.get_text(" ")).strip())
        parts = [p for p in DATELINE_PARTS.split(name) if p.strip()]
        dated = [p for p in parts if written_date(p) is not None]
        if dated and len(parts) > 1:  # "Thursday 5 January 2017 · Tom Greaves" in one element
            if date is None:
                lines.append((author.sourceline or 1, dated[0].strip(), "date"))
            name = next(p.strip() for p in parts if p not in dated)  # then its category
        lines.append((author.sourceline or 1, name, "byline"))
    elif (noted := _noted_author(tag)) is not None:
        lines.append((*noted, "byline"))
    elif (linked := _linked(tag, rules.author_paths)) and is_name_shaped(
        name := _SPACE.sub(" ", linked[0].get_text(" ")).strip()
    ):
        # "Posted by <a href=".../author/jo-bloggs/">Jo Bloggs</a> in ...", not the site's
        # account ("esrccopro") nor "View all posts by Jo Bloggs"
        lines.append((linked[0].sourceline or 1, name, "byline"))
    filed = rules.filing_leads.search(_BEFORE_MARK.sub(r"\1", _SPACE.sub(" ", tag.get_text(" "))))
    if filed is not None:  # "Filed under Seminar 6 | 4 Comments": chrome the clean stage
        # (with no separator left over where a comment link was: "... tagged york. |")
        lines.append((tag.sourceline or 1, filed.group().strip(" |\u00b7\u2022"), ""))
    elif linked := _linked(tag, rules.filing_paths):  # "... in Reflections, Seminar 7"
        names = ", ".join(_SPACE.sub(" ", a.get_text(" ")).strip() for a in linked)
        lines.append((tag.sourceline or 1, f"Filed under {names}", ""))
    return lines


def _linked(tag: Tag, folders: frozenset[str]) -> list[Tag]:
    """The links in ``tag`` with text whose address has one of ``folders`` as a folder of
    its path ("https://blog.example/category/seminar-7/": "category")."""
    found: list[Tag] = []
    for link in tag.find_all("a", href=True):
        if not isinstance(link, Tag) or not link.get_text().strip():
            continue
        path = urlsplit(str(link.get("href"))).path.casefold().split("/")
        if folders.intersection(path[:-1] if path[-1] else path[:-2]):
            found.append(link)
    return found


def _filing_line(tag: Tag, rules: HtmlRules) -> str | None:
    """A post's categories or tags printed by themselves, in an element a class names
    (``filing_classes``: "Seminar 7 · Guest posts" in a "cats" box), as the filing line
    the clean stage drops and the split stage reads: "Filed under Seminar 7, Guest posts"."""
    if not rules.filing_classes & _parts(tag, rules):
        return None
    text = _BEFORE_MARK.sub(r"\1", _SPACE.sub(" ", tag.get_text(" "))).strip()
    if not text or rules.filing_leads.match(text):
        return text or None
    return "Filed under " + ", ".join(p.strip() for p in DATELINE_PARTS.split(text) if p.strip())


#: A space the joined text of links put before a comma or a full stop: "Guest posts ,
#: Seminar 6", "tagged york .".
_BEFORE_MARK = re.compile(r"\s+([,;.])")


#: An author box's note about the writer: "Farah Example is a lecturer in ...".
_NOTE = re.compile(r"(?P<name>(?:\S+\s+){1,3}?\S+)\s+(?:is|was|works|writes|teaches|leads)\b")


def _noted_author(tag: Tag) -> tuple[int, str] | None:
    """The line and name of the writer an author box describes in its first words ("Farah
    Example is a lecturer ..."), when no element of it carries the name; else None."""
    for par in [tag, *tag.find_all(("p", "div"))]:
        if not isinstance(par, Tag):
            continue
        text = _SPACE.sub(" ", par.get_text(" ")).strip()
        match = _NOTE.match(text)
        if match and is_vouched_name(match["name"]):
            return par.sourceline or 1, match["name"]
    return None


def _page_title(soup: BeautifulSoup) -> tuple[str | None, int]:
    """The page's own title: ``og:title`` if it has one, else ``<title>``."""
    og = soup.find("meta", attrs={"property": "og:title"})
    if isinstance(og, Tag) and str(og.get("content") or "").strip():
        return _SPACE.sub(" ", str(og.get("content"))).strip(), og.sourceline or 1
    tag = soup.find("title")
    if isinstance(tag, Tag) and tag.get_text().strip():
        return _SPACE.sub(" ", tag.get_text()).strip(), tag.sourceline or 1
    return None, 1


def _site_follows(rest: str) -> bool:
    """Whether the rest of a page's ``<title>`` after its own heading is the site's name
    after a separator: " \u2013 Seminar blog"."""
    return any(rest.startswith(sep) and rest[len(sep) :].strip() for sep in _SITE_SEPARATORS)


def _strip_site(title: str, soup: BeautifulSoup) -> str:
    """``"Post | Blog name"`` -> ``"Post"``, using ``og:site_name`` when the page has it."""
    site = soup.find("meta", attrs={"property": "og:site_name"})
    name = str(site.get("content") or "").strip() if isinstance(site, Tag) else ""
    for sep in _SITE_SEPARATORS:
        if name and title.endswith(sep + name):
            return title[: -len(sep + name)].strip()
    head, sep, _ = title.rpartition(" | ")
    return head.strip() if sep and head.strip() else title


def _iso(tag: Tag, attribute: str = "datetime") -> str | None:
    """The ISO date (YYYY-MM-DD) of a ``<time datetime>`` or a meta tag, if it has one."""
    match = re.match(r"\d{4}-\d{2}-\d{2}", str(tag.get(attribute) or "").strip())
    return match.group(0) if match else None
