"""Articles converted from PDF: the cover page, paragraphs, page breaks and footnotes.

A PDF-to-text converter leaves three kinds of damage that this module repairs:

- a **repository cover page** (an EPrints cover sheet: "Original citation: ...", "This
  version available at: ...", a copyright notice) before the article. It is recognised
  by the markers in ``rules/cover.yaml``, dropped (label ``"cover"``) and read into
  ``meta``: the citation line gives authors, year, title, journal, volume, issue, ISSN;
- **paragraphs cut by page breaks**: a paragraph that ends mid-sentence (no full stop,
  question mark, colon...) followed by one that starts in lower case is one paragraph;
- **footnotes that land mid-paragraph**: the footnote at the foot of a page sits between
  the two halves of a paragraph the page break cut. A paragraph starting with a
  superscript digit ("¹ The term ...") between two such halves is moved after the
  rejoined paragraph, and becomes a ``footnote`` block;
- **affiliation letters glued to the words around them**: a journal sets them raised, and
  the text keeps them with no space ("Amira Haddada and Siobhan Walshb" over "aNorthern
  Peer Research Collective ...; bSchool of Health ..."). Where the line under the writers'
  names opens each affiliation with such a letter, the letters are parted from both.

Lines of a paragraph are joined with a space (the converter wraps lines); list lines
("- ...") are items of their own. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..names import NAME_SEPARATOR, is_byline, is_names_line, is_vouched_name
from ..records import Block
from ..text import PROGRAMME_TIME
from .blocks import (
    Para,
    Row,
    ends_open,
    footnote_label,
    goes_on,
    mark_ended,
    merge,
    split_bullet,
)
from .rules import Rules

Meta = list[tuple[str, str]]


#: A paragraph this long that no marker matches is the article's own text (its abstract):
#: the cover ends above it.
COVER_PROSE_WORDS = 40


def cut_cover(rows: list[Row], rules: Rules) -> tuple[list[Row], list[Block], Meta]:
    """Drop a repository cover page from the top of the text and read its facts.

    The cover runs from the first line to the last line a marker matches, among the
    first ``max_lines`` non-blank lines, above the article's first long paragraph; with
    fewer than ``min_markers`` matches there is no cover (an article may well quote a
    copyright line), and nothing is dropped.
    """
    cover = rules.cover
    head = [row for row in rows if row.text][: cover.max_lines]
    hits: list[tuple[Row, dict[str, str]]] = []
    for row in head:
        match = next((m for p in cover.markers if (m := p.fullmatch(row.text))), None)
        if match:
            groups = {k: v.strip() for k, v in match.groupdict().items() if v and v.strip()}
            hits.append((row, groups))
        elif len(row.text.split()) >= COVER_PROSE_WORDS:
            break  # the article's text has begun: a "© 2018" under it is no cover's
    if len(hits) < cover.min_markers:
        return rows, [], []
    end = hits[-1][0].number
    meta: dict[str, str] = {}
    for _, groups in hits:
        for key, value in groups.items():
            meta.setdefault(key, value)
            if key == "citation":
                for key2, value2 in _citation(value, rules).items():
                    meta.setdefault(key2, value2)
    removed = [
        Block("paragraph", row.text, row.number, row.number, "cover")
        for row in rows
        if row.text and row.number <= end
    ]
    kept = [row if row.number > end else Row(row.number, "", 0, row.hint) for row in rows]
    return kept, removed, list(meta.items())


#: An affiliation that opens with its raised letter glued to it: "aNorthern Peer ...",
#: "; bSchool of Health ...".
_GLUED_AFFILIATION = re.compile(r"(^|;\s*)([a-h])(?=[A-Z][a-z])")


def part_marks(rows: list[Row]) -> list[Row]:
    """The rows with the affiliation letters a converter glued to the writers' names and
    to their affiliations parted from them, where the line under a line of names (right
    under it, or past one blank line) opens its affiliations with those letters ("Amira
    Haddada and Jo Bloggsb" / "aNorthern Peer Research Collective; bSchool of Health" ->
    "Amira Haddad a and Jo Bloggs b" / "a Northern ...; b School ..."). A name that
    merely ends in one of the letters stays whole unless every name of the line ends in
    one and the line is names without them."""
    out = list(rows)
    for i in range(len(out) - 1):
        row, k = out[i], i + 1
        if k + 1 < len(out) and not out[k].text:  # past one blank line
            k += 1
        under = out[k]
        if not row.text or not under.text or under.number > row.number + 2:
            continue
        letters = {m[2] for m in _GLUED_AFFILIATION.finditer(under.text)}
        if not letters or not _GLUED_AFFILIATION.match(under.text):
            continue
        marks = "".join(sorted(letters))
        parted = re.sub(
            rf"(?<=[^\W\d_]{{2}})([{marks}])(?=\s*(?:[,;&]|\s+and\s|$))", r" \1", row.text
        )
        if parted != row.text and is_names_line(parted):
            named = NAME_SEPARATOR.split(parted.strip(" ,"))
            if all(n.strip()[-2:-1] == " " for n in named if n.strip()):
                out[i] = replace(row, text=parted)
                out[k] = replace(under, text=_GLUED_AFFILIATION.sub(r"\1\2 ", under.text))
    return out


def _citation(text: str, rules: Rules) -> dict[str, str]:
    """The fields of a citation line, by the ``citation`` patterns (searched, in order)."""
    fields: dict[str, str] = {}
    for pattern in rules.cover.citation:
        match = pattern.search(text)
        if match:
            for key, value in match.groupdict().items():
                if value and value.strip():
                    fields.setdefault(key, value.strip())
    return fields


#: The page's width is the length of its lines at this share, longest last (a few long
#: lines, a URL, do not count); a line shorter than ``SHORT_LINE`` of it ends a paragraph.
WIDE_SHARE = 0.9
SHORT_LINE = 0.6
#: A line of a narrow column (a report's box) at least this share of the column's width
#: fills it: it was wrapped there.
FULL_LINE = 0.8
#: A line longer than ``LONG_LINE`` of the page's width was never wrapped by a converter:
#: it stands alone (a report's cover: its title, its series, its place and date).
LONG_LINE = 1.25


def paragraphs(rows: list[Row], ends: frozenset[int], rules: Rules) -> list[Para]:
    """Runs of lines as paragraphs, list lines as items, page breaks mended. An author's
    line ("Author: Dr Aoife Ní Bhriain", "Ged Flanagan writes:") stands on its own, and a
    list of names one to a line (new members, a committee) is a list: an item per name,
    whether or not a colon announces it."""
    paras: list[Para] = []
    previous = ""
    column = 0  # the longest line of the paragraph being read, once it has two
    widths = sorted(len(row.text) for row in rows if row.text)
    width = widths[int(WIDE_SHARE * (len(widths) - 1))] if widths else 0
    for row in rows:
        item, text = split_bullet(row.text, rules)
        if not text:
            previous, column = "", 0
            continue
        # A converter wraps a paragraph's lines near the page's width: a line well short of
        # it ends its paragraph (a title, the last line), and a programme's row starts one,
        # unless the words say the sentence goes on (a narrow column's lines).
        # A paragraph already wrapped over lines of about one length is a column of that
        # width: a line that fills it and ends open goes on (a title's last line is short).
        narrow = column > 1 and ends_open(previous) and len(previous) >= FULL_LINE * column
        ended = (len(previous) < SHORT_LINE * width or len(previous) > LONG_LINE * width) and not (
            narrow or goes_on(previous, text, rules)
        )
        timed = PROGRAMME_TIME.match(text) is not None
        name = is_vouched_name(text)
        listed = name and (previous.endswith(":") or is_vouched_name(previous))
        if listed and paras and is_vouched_name(paras[-1].text):
            paras[-1] = replace(paras[-1], item=True)  # the list's first name
        # a line of names alone (a paper's writers under its title, a signature after the
        # last sentence) stands alone, and what follows it starts anew
        names = is_names_line(text) and ("," in text or not goes_on(previous, text, rules))
        # under two or more writers' names, an affiliation starts anew
        named = is_names_line(previous) and NAME_SEPARATOR.search(previous) is not None
        alone = is_byline(previous) or is_byline(text) or listed or ended or timed
        alone = alone or names or named
        if (
            previous
            and not item
            and paras
            and not row.hint
            and paras[-1].hint != "title"
            and not alone
            and not (paras[-1].item and is_vouched_name(paras[-1].text))  # a name ends
        ):
            paras[-1] = merge(paras[-1], Para(row.number, row.number, text))
            column = max(column, len(previous), len(text))
        else:
            paras.append(Para(row.number, row.number, text, row.hint, item=item or listed))
            column = 0
        previous = text
    return mark_ended(_mend(paras, rules), ends)


def _mend(paras: list[Para], rules: Rules) -> list[Para]:
    """Join paragraphs a page break cut, moving a footnote found between them after them."""
    out: list[Para] = []
    notes: list[Para] = []
    for para in paras:
        open_before = bool(out) and not out[-1].item and ends_open(out[-1].text)
        if open_before and is_names_line(out[-1].text):
            # writers' names go on ("... Tomasz Example" / "and Niamh Example"); their
            # affiliations start anew ("... Rosalind Example b" / "a Department of ...")
            open_before = is_names_line(f"{out[-1].text} {para.text}")
        if footnote_label(para.text, rules):
            (notes if open_before else out).append(para)
            continue
        if open_before and not para.item and para.text[:1].islower() and not out[-1].ended:
            out[-1] = merge(out[-1], para)
            continue
        out.extend(notes)
        notes.clear()
        out.append(para)
    return out + notes
