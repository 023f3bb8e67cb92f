"""The one model of people's names that every stage shares.

* What surrounds and joins a name, and what is never part of one: honorifics, particles
  and the words no name holds ("University", "Leeds", "Keynote"), from ``rules/names.yaml``,
  read by split (bylines, signatures), link (people in running text), render (people sorted
  by surname) and the sentence cuts. A stage that needs another form (lower case, with a
  full stop) derives it here rather than keeping a list of its own.
* Which words are given names: the given names of the US census (the ``names`` package's
  ``dist.male.first`` and ``dist.female.first``, 5,494 names), every name of the
  ``nicknames`` package's table (English names and their nicknames), and
  ``rules/given_names.txt``: about 54,000 given names of many countries (Aoife, Nnamdi,
  Kwabena, Xiaolu, Tadhg), derived once from the ``names-dataset`` package by
  ``tools/data/given_names.py``, common English words left out. A name the data does not
  know may still be a person's when its context says so (an honorific, a byline, a
  programme line): that is the link stage's call, not this module's.
* When two forms of a name are one person: :func:`variant_key` folds case, accents,
  honorifics, possessives and full stops, and :func:`same_given` knows nicknames
  ("Phil" and "Philip", "Pete" and "Peter") and initials ("J." and "Jan").

Why these packages: both are MIT-licensed, small (under 1 MB), need nothing at run time
and load in milliseconds. The worldwide data set (``names-dataset``, MIT, 730,000 given
names) takes about 900 MB of memory and 5 s to load, so the pipeline never loads it: the
derived file keeps the names ranked in the top 1,000 of some country (its long tail holds
words such as "Open" and "Act") and loads in tens of milliseconds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Final

import yaml
from nicknames import NickNamer

from .errors import InputError, Problem
from .text import APOSTROPHES, bare_letters
from .yamlfile import RULES_DIR, load_data

__all__ = [
    "BYLINE_PREFIX",
    "BYLINE_TAIL",
    "DAMAGED",
    "HANDLE",
    "INITIAL",
    "INITIAL_RE",
    "LOWER",
    "MAX_NAME_WORDS",
    "MAX_SIGNATURE_NAMES",
    "NAMES_FILE",
    "NAME_SEPARATOR",
    "TOKEN",
    "TOKEN_RE",
    "UPPER",
    "NameWords",
    "credited_by",
    "given_names",
    "in_capitals",
    "in_full",
    "is_byline",
    "is_given_name",
    "is_initialled_name",
    "is_name_shaped",
    "is_name_word",
    "is_names_line",
    "is_people_list",
    "is_signature",
    "is_syllable_name",
    "is_vouched_name",
    "is_writers_line",
    "name_and_role",
    "name_words",
    "natural_order",
    "recase",
    "recase_lead",
    "role_line",
    "same_given",
    "signed_name",
    "unmarked",
    "variant_key",
    "words_of",
    "writer_words",
]

NAMES_FILE = RULES_DIR / "names.yaml"
#: Given names of many countries, derived from a data package (see the module doc).
GIVEN_NAMES_FILE = RULES_DIR / "given_names.txt"


def _letters(test: str) -> str:
    """The Latin letters (Basic Latin to Latin Extended-B, and Latin Extended Additional)
    for which ``str.<test>()`` holds, as the inside of a regex character class."""
    blocks = (range(0x41, 0x7B), range(0xC0, 0x250), range(0x1E00, 0x1F00))
    chars = (chr(c) for block in blocks for c in block)
    return "".join(c for c in chars if c.isalpha() and getattr(c, test)())


#: Capital and small letters of names written in Latin script ("Wiśniewski", "Ó Briain").
UPPER = _letters("isupper")
LOWER = _letters("islower")
#: One word of a name: "Pilgrim", "McDonald", "O'Brien", "Hunter-Jones", and a given name
#: of two syllables before a surname ("Eun-ji Park", "Hyun-woo Kim"; not "Hol-royd", which
#: a PDF broke). It needs a lower case letter, so abbreviations (NHS, SCIE, WY-FI) never
#: count as names.
TOKEN = (
    rf"(?![{UPPER}]\.)(?:[{UPPER}][{LOWER}]{{1,4}}-[{LOWER}]{{2,4}}(?=\s+[{UPPER}][{LOWER}])"
    rf"|[{UPPER}][{LOWER}]*(?:['\u2019]?[{UPPER}][{LOWER}]+)*"
    rf"(?:-[{UPPER}][{LOWER}]*(?:['\u2019]?[{UPPER}][{LOWER}]+)*)*)"
)
#: An initial before a name: "J." in "J. P. Achterberg", "S" in "Dr S Mahmood".
INITIAL = rf"[{UPPER}](?:\.|(?=\s[{UPPER}]))"
INITIAL_RE = re.compile(rf"[{UPPER}]\.?")
#: What a letter an encoding lost ("Wi?niewski") or an accent a PDF set apart from its
#: letter ("Wis\u00b4niewski") leaves inside a word: no name ends before it.
DAMAGED = "?\ufffd\u00b4\u00a8\u02c6\u02dc\u02c7`"
#: A given name of two syllables on its own ("Eun-ji"), which TOKEN takes before a surname.
_SYLLABLES = re.compile(rf"[{UPPER}][{LOWER}]{{1,4}}-[{LOWER}]{{2,4}}")
TOKEN_RE = re.compile(rf"(?<![\w'\u2019-]){TOKEN}(?![{UPPER}{LOWER}\d_-]|[{DAMAGED}][{LOWER}])")


def is_name_word(word: str) -> bool:
    """Whether ``word`` is written like a word of a person's name ("McDonald", "O'Brien",
    "Hunter-Jones", "Wi\u015bniewski", "Eun-ji"): a capital, then small letters (never an
    abbreviation)."""
    return TOKEN_RE.fullmatch(word) is not None or _SYLLABLES.fullmatch(word) is not None


#: What a credit line says its people made: "Words by", "Photographs and words by".
_CREDITS = r"(?:words|text|photographs|photos|photography|pictures|images|illustrations|interview)"
#: A credit just before "by": "Photographs by", "Words and pictures by" (who made the
#: pictures or wrote the words, never a talk's speaker).
_CREDITED: Final = re.compile(rf"(?i)\b{_CREDITS}(?:\s*(?:,|and|&)\s*{_CREDITS})*\s+$")


#: What a news page calls the text it credits, at the start of its byline: "Story by X,
#: Press Office", "Article by X" (mid-sentence, "a story by X" may be a talk).
_WRITEUPS = r"(?:story|news\s+story|article|feature)"
_WRITEUP_CREDIT: Final = re.compile(rf"(?i)\s*{_WRITEUPS}\s+")
#: What a series' blog calls a text its byline credits, after up to two words that say
#: which ("Seminar summary by X", "Guest post by X", "A short reflection by X"): on a short
#: line of its own, with no full stop or cut mark at its end (an excerpt that starts "Guest
#: post by X, ... I went to ...", or is cut: "Guest post by X, who spoke at ... […]", and
#: the sentence "Show notes by X.", are text).
_WRITINGS = (
    r"(?=.{0,80}(?<![.!?\u2026\]])$)(?:[\w'\u2019-]+\s+){0,2}?"
    r"(?:summary|report|reflections?|review|recap|write-?up|post|blog|notes|account"
    r"|response|round-?up|digest|piece|column|essay|letter)"
)


def credited_by(text: str, at: int) -> bool:
    """Whether the "by" at ``at`` in ``text`` follows a credit ("Photographs by X"), or
    opens a news page's byline ("Story by X")."""
    return (
        _CREDITED.search(text, max(0, at - 60), at) is not None
        or _WRITEUP_CREDIT.fullmatch(text, 0, at) is not None
    )


#: What stands before an author's name in a byline: "By", "Written by", "Posted by:",
#: "Published by", "Author:", "Words:", "Words by", "Photographs and words by", "Interview by",
#: "Story by", "Seminar summary by", "Guest post by", "Report prepared by", "Compiled by".
BYLINE_PREFIX: Final = re.compile(
    rf"^\s*(?:(?:written\s+|posted\s+|published\s+|{_WRITEUPS}\s+|{_WRITINGS}\s+"
    rf"|{_CREDITS}(?:\s*(?:,|and|&)\s*{_CREDITS})*\s+"
    # a report's or a set of notes' makers: "Report prepared by", "Notes compiled by"
    r"|(?:(?:the\s+)?(?:report|notes|minutes|summary|briefing)\s+)?(?:prepared|compiled|edited)\s+)?by:?\s+"
    # a theme's label for screen readers, glued to the name: "Post author:Sunita"; or
    # with no colon before a capitalised name, as Twenty Twenty prints it: "Author Jo Bloggs"
    r"|(?:post\s+)?author(?::\s*|\s+(?=(?-i:[A-Z])))|words:\s+)",
    re.IGNORECASE,
)
#: What a theme prints after a byline's names, before the date it sets apart: "By Jo Bloggs
#: - " over "October 20, 2017", "By Jo Bloggs |".
BYLINE_TAIL: Final = " ,\u2013\u2014-|\u00b7\u2022"
#: How a line joins several people's names: "A and B", "A & B", "A, B and C".
NAME_SEPARATOR: Final = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+&\s+|\s+and\s+)\s*")
#: A post's last line of more names than this is a list of people, not its signature
#: ("Martin & Pamela" sign; "A, B, C and D" are the organisers being thanked).
MAX_SIGNATURE_NAMES = 2


@dataclass(frozen=True)
class NameWords:
    """The words around and inside names, as written in the rules file."""

    honorifics: tuple[str, ...]  # "Dr", "Prof", ...: each may take a full stop
    particles: tuple[str, ...]  # "van", "de", ...: lower case inside a name
    connectives: tuple[str, ...] = ()  # "and", "of", ...: lower case when recasing capitals
    not_name_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # "University", "Leeds"...
    place_surnames: tuple[str, ...] = ()  # "Park", "Hall": a surname after a given name
    nicknames: tuple[tuple[str, tuple[str, ...]], ...] = ()  # name -> short forms, added

    @property
    def not_name(self) -> frozenset[str]:
        """Every word of ``not_name_words``, case-folded: no word of a person's name."""
        return frozenset(w.casefold() for _, words in self.not_name_groups for w in words)

    def not_name_group(self, name: str) -> tuple[str, ...]:
        """The words of one group of ``not_name_words`` ("organisation"), as written."""
        return next((words for group, words in self.not_name_groups if group == name), ())

    @property
    def honorific_keys(self) -> frozenset[str]:
        """Honorifics case-folded, with and without a full stop (``dr``, ``dr.``)."""
        folded = {h.casefold() for h in self.honorifics}
        return frozenset(folded | {f"{h}." for h in folded})

    def is_honorific(self, word: str) -> bool:
        """Whether ``word`` (``"Dr"``, ``"prof."``) is an honorific."""
        return word.casefold() in self.honorific_keys


@functools.cache
def name_words(path: Path = NAMES_FILE) -> NameWords:
    """Read ``rules/names.yaml``; raise :class:`InputError` naming what to fix."""
    try:
        data = load_data(path)
        lists = {key: data[key] for key in ("honorifics", "particles", "connectives")}
        if not all(isinstance(v, list) for v in lists.values()):
            raise TypeError("'honorifics', 'particles' and 'connectives' must be lists of words")
        groups = data["not_name_words"]
        if not isinstance(groups, dict) or not all(isinstance(v, list) for v in groups.values()):
            raise TypeError("'not_name_words' must map group names to lists of words")
        short = data.get("nicknames") or {}
        if not isinstance(short, dict) or not all(isinstance(v, list) for v in short.values()):
            raise TypeError("'nicknames' must map given names to lists of their short forms")
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        fix = "compare with the comments in tools/ingest/rules/names.yaml"
        raise InputError(
            [Problem(path.as_posix(), 1, f"bad name rules: {error}; {fix}")]
        ) from error
    return NameWords(
        honorifics=tuple(str(w) for w in lists["honorifics"]),
        particles=tuple(str(w) for w in lists["particles"]),
        connectives=tuple(str(w) for w in lists["connectives"]),
        not_name_groups=tuple(
            (str(group), tuple(str(w) for w in words)) for group, words in groups.items()
        ),
        place_surnames=tuple(str(w) for w in data.get("place_surnames") or ()),
        nicknames=tuple(
            (str(name).casefold(), tuple(str(n).casefold() for n in short))
            for name, short in (data.get("nicknames") or {}).items()
        ),
    )


@functools.cache
def given_names() -> frozenset[str]:
    """Every given name the data knows, case-folded (see the module doc)."""
    found: set[str] = set()
    for table in ("dist.male.first", "dist.female.first"):
        text = resources.files("names").joinpath(table).read_text(encoding="utf-8")
        found.update(line.split()[0].casefold() for line in text.splitlines() if line.strip())
    for name, nicknames in (*NickNamer.default_lookup().items(), *name_words().nicknames):
        found.add(name.casefold())  # name -> its nicknames, the package's and ours
        found.update(n.casefold() for n in nicknames)
    text = GIVEN_NAMES_FILE.read_text(encoding="utf-8")
    found.update(line for line in text.splitlines() if line and not line.startswith("#"))
    return frozenset(found)


#: A blog account's handle: one word in lower case ("kwainwright", "tomasz.zielinski").
HANDLE: Final = re.compile(r"[a-z][a-z0-9._-]{2,40}")


def is_syllable_name(word: str) -> bool:
    """Whether ``word`` is a given name of two syllables joined by a hyphen, the second in
    small letters ("Eun-ji", "Hyun-woo"), as Korean names are written in Latin script."""
    return _SYLLABLES.fullmatch(word) is not None


def is_given_name(word: str) -> bool:
    """Whether ``word`` ("Siobhan", "PETE") is a given name the data knows."""
    return _plain(word) in given_names()


def is_vouched_name(text: str) -> bool:
    """Whether ``text`` is one person's name and nothing else, vouched for by the data:
    two to four name words (particles inside allowed), the first a given name the data
    knows or an honorific before them ("Ruth Hallworth", "Dr Lena Ortiz", "Ingrid van
    Beek", "Pamela J. Fisher", and after an honorific initials first: "Dr I. N. Okafor");
    "Health & Medicine" or "Salford Quays" is none."""
    words = text.split()
    if len(words) > 1 and words[0] == "The" and name_words().is_honorific(words[1]):
        words = words[1:]  # "The Revd Margaret Ashdown", "The Rt Hon ..."
    vouched = bool(words) and name_words().is_honorific(words[0])
    while words and name_words().is_honorific(words[0]):
        words = words[1:]  # one title or a few together: "Revd Canon Malcolm Example"
    particles = {p.casefold() for p in name_words().particles}
    return (
        2 <= len(words) <= 4
        and (vouched or is_given_name(words[0]))
        and all(
            is_name_word(w)
            or (0 < i < len(words) - 1 and (w.casefold() in particles or INITIAL_RE.fullmatch(w)))
            # initials first, after an honorific: "Dr I. N. Okafor"
            or (vouched and i == 0 < len(words) - 1 and INITIAL_RE.fullmatch(w) is not None)
            for i, w in enumerate(words)
        )
    )


def is_initialled_name(text: str) -> bool:
    """Whether ``text`` is initials and a surname, as journals print their writers: "N. A.
    Okafor", "R Hunter-Lewis" (a person's shape, whether or not the data knows them)."""
    *initials, surname = text.split()
    return (
        bool(initials) and all(INITIAL_RE.fullmatch(i) for i in initials) and is_name_word(surname)
    )


#: The marks that part people on one line, each with a role: "A, role · B, role", "A, role;
#: B, role" (a handout's or a paper's writers).
ROLE_MARKS: Final = "\u00b7|\u2022;"
_DIGIT = re.compile(r"\d")
#: The mark a paper puts after each writer's name to point at an affiliation: "(a)",
#: "(1)", "¹", "*", "†".
_AFFILIATION_MARK = re.compile(
    r"\s*(?:\([a-z0-9]\)|[\u00b9\u00b2\u00b3\u2070-\u2079*\u2020\u2021]+)(?=[\s,;]|$)"
)


#: The same marks as a PDF's text gives them, superscripts flattened into digits glued to
#: the name: "Emeka Example1, Tomasz Example2 and Hollie Example1,3".
_GLUED_MARK = re.compile(r"(?<=[^\W\d_])\d{1,2}(?:,\d{1,2})*(?=[\s,;]|$)")


#: ... or a letter standing after it: "Caoimhe Example a and Rosalind Example b".
_LETTER_MARK = re.compile(r"(?<=[^\W\d_]{2})\s+[a-h](?=\s*(?:[,;&]|\sand\s|$))")


def unmarked(text: str) -> str:
    """A line of writers' names without the marks that point at their affiliations:
    "Rosalind Example (a) and Mo Example (b)" -> "Rosalind Example and Mo Example",
    "Emeka Example1 and Hollie Example2" -> "Emeka Example and Hollie Example",
    "Caoimhe Example a and Rosalind Example b" -> "Caoimhe Example and Rosalind Example"."""
    text = _LETTER_MARK.sub("", text)
    if "(" not in text and "*" not in text and text.isascii() and not _DIGIT.search(text):
        return text  # no other mark can be there: most lines, looked at cheaply
    return _GLUED_MARK.sub("", _AFFILIATION_MARK.sub("", text))


def is_names_line(text: str) -> bool:
    """Whether a line is people's names and nothing else, each vouched for by the data
    ("Priya Raghunathan, Sipho Dlamini and Hannah Goldberg"; "Dr Pamela Fisher"; marks
    pointing at affiliations aside: "Priya Raghunathan¹")."""
    line = " ".join(unmarked(text).split()).strip(BYLINE_TAIL)
    names = [n for n in NAME_SEPARATOR.split(line) if n]
    return bool(names) and all(is_vouched_name(n) for n in names)


def is_writers_line(text: str) -> bool:
    """Whether a line names a text's writers and nothing else: :func:`is_names_line`, at
    most :data:`MAX_SIGNATURE_NAMES` names ("Jo Bloggs & Sam Example"). A longer list of
    names over a footer's date is the people the text names (its organising group)."""
    line = " ".join(unmarked(text).split()).strip(" ,")
    return len(NAME_SEPARATOR.split(line)) <= MAX_SIGNATURE_NAMES and is_names_line(line)


#: A full name in running text: a capitalised given name and surname ("Tom Example",
#: "Olusegun Example-Smith", "Kirsty O'Example").
_FULL_NAME = re.compile(r"\b([A-Z][a-z]+)\s+((?:O['\u2019]|Mc|Mac)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
#: A short form that ends its full given name is this long at least ("Segun": "Olusegun").
MIN_SHORT_END = 4


def in_full(name: str, texts: Iterable[str]) -> str:
    """A writer signed with a given name alone ("Tom", "Segun"), in full when ``texts``
    (the post's) name one person whose given name is that name, a form of it ("Tom":
    "Thomas") or ends with it ("Segun": "Olusegun"), and whom the data vouches for: "Tom
    Example is a peer researcher", "Here one of them, Kirsty Example, writes about the day".
    Any other name comes back as it is."""
    if " " in name or not is_given_name(name):
        return name
    short = name.casefold()
    found = {
        f"{given} {surname}"
        for text in texts
        if short[:3] in text.casefold()  # the name's start, or a nickname's ("Tom")
        for given, surname in _FULL_NAME.findall(text)
        if (
            same_given(given, name)
            or (len(short) >= MIN_SHORT_END and given.casefold().endswith(short))
        )
        and is_vouched_name(f"{given} {surname}")
    }
    return found.pop() if len(found) == 1 else name


#: A person's name has at most this many words ("Ingrid van Beek", "Mary Anne de Vries").
MAX_NAME_WORDS = 4


def _shaped(words: list[str]) -> bool:
    """Whether words are written as one person's name: two to :data:`MAX_NAME_WORDS`
    name words."""
    return 2 <= len(words) <= MAX_NAME_WORDS and all(map(is_name_word, words))


def is_name_shaped(text: str) -> bool:
    """Whether a line is written as one person's name, whether or not the data knows it
    ("Dev Mistry"), none of its words one the data says is no name's ("Guest Posts")."""
    words = text.split()
    return _shaped(words) and not any(w.casefold() in name_words().not_name for w in words)


#: A kiss a British sign-off ends with: "Bernie x", "Pam xx".
_KISSES = re.compile(r"\s+x{1,3}\s*$", re.IGNORECASE)
#: What may stand before a signature's name: a dash or a tilde ("— Tony", "~ Jo").
_SIGN_LEAD = "\u2013\u2014-~ "


def signed_name(text: str) -> str:
    """The name part of a signature line: the dash before it and the kisses after it
    dropped ("— Pamela Fisher" -> "Pamela Fisher", "Bernie x" -> "Bernie")."""
    return _KISSES.sub("", text.strip().lstrip(_SIGN_LEAD)).rstrip(" ,")


def is_signature(text: str) -> bool:
    """Whether a line is a writer's signature: one name the data vouches for, or a given
    name alone (:func:`signed_name`: "— Pamela Fisher", "Pamela", "Pam x")."""
    bare = signed_name(text)
    return is_vouched_name(bare) or is_given_name(bare)


def is_people_list(text: str) -> bool:
    """Whether a line is a list of three or more people's names and nothing else ("Pamela
    Fisher, Martin Webber, ... and Ravi Chandrasekaran"): every item two to four name
    words, most of them names the data vouches for."""
    items = [i for i in NAME_SEPARATOR.split(text.strip().rstrip(".")) if i]
    shaped = all(_shaped(i.split()) for i in items)
    return len(items) >= 3 and shaped and 2 * sum(map(is_vouched_name, items)) >= len(items)


def is_byline(text: str) -> bool:
    """Whether a line is an author's line and nothing else: "By Dr Lena Ortiz", "Author:
    Aoife Ní Bhriain", "Words: Tom Ackroyd and Ruth Hallworth", "Ged Flanagan writes:"."""
    line = " ".join(text.split())
    if match := BYLINE_PREFIX.match(line):
        return is_names_line(line[match.end() :])
    # "X writes:" says X is a person, so the data need not know the given name ("Ged")
    words = line.removesuffix(" writes:").split()
    return line.endswith(" writes:") and _shaped(words)


#: A line is in capitals when it has this many letters, nearly all of them capitals.
MIN_CAPITAL_LETTERS = 8
CAPITAL_SHARE = 0.9
_RECASED_WORD = re.compile(r"[^\W\d_]+")


def words_of(text: str) -> list[str]:
    """The words of ``text``, letters only, case-folded: how a line is compared with the
    names of a post's writers ("Posted on 3 May by Jo O'Bloggs" has "jo", "o", "bloggs")."""
    return _RECASED_WORD.findall(text.casefold())


def writer_words(writers: Iterable[str]) -> frozenset[str]:
    """Every word of the writers' names (:func:`words_of`)."""
    return frozenset(w for writer in writers for w in words_of(writer))


_CAPITALS = re.compile(rf"[{UPPER}]{{2}}")
_UPPERS = re.compile(rf"[{UPPER}]")
_LETTERS = re.compile(r"[^\W\d_]")


def in_capitals(text: str) -> bool:
    """Whether a line is written in capitals: ``MIN_CAPITAL_LETTERS`` letters at least,
    nearly all of them capitals ("DR SIOBHAN WALSH", a journal's running head)."""
    if _CAPITALS.search(text) is None:
        return False  # no two capitals in a row: ordinary text (most lines; fast)
    letters = len(_LETTERS.findall(text))
    uppers = len(_UPPERS.findall(text))
    return letters >= MIN_CAPITAL_LETTERS and uppers >= CAPITAL_SHARE * letters


def recase(text: str) -> str:
    """A line written in capitals as ordinary text, letter for letter the same length: "DR
    SIOBHAN WALSH AND IMRAN QURESHI" -> "Dr Siobhan Walsh and Imran Qureshi", so its names
    read like names. Honorifics take their written case; particles and small words
    (``rules/names.yaml``) lower case. Any other text is returned as it is."""
    if not in_capitals(text):
        return text
    words = name_words()
    honorifics = {h.casefold(): h for h in words.honorifics}
    small = {w.casefold() for w in (*words.connectives, *words.particles)}

    def word(match: re.Match[str]) -> str:
        found = match.group()
        folded = found.casefold()
        if folded in honorifics:
            new = honorifics[folded]
        elif folded in small and match.start() > 0:
            new = found.lower()
        else:
            new = found[:1] + found[1:].lower()
        return new if len(new) == len(found) else found

    return _RECASED_WORD.sub(word, text)


#: Where a line's leading name ends and its role begins: a spaced dash, a colon, a comma.
_LEAD_END = re.compile(r"\s+[\u2013\u2014-]\s+|\s*:\s+|,\s+")
#: A leading name is this many words at most ("The Revd Dr Margaret Ashdown-Smith").
MAX_LEAD_WORDS = 6


def recase_lead(text: str) -> str:
    """A line that opens with a name in capitals before its role ("DR EILIDH MACASKILL -
    Open Dialogue trainer", "PROF. AURELIO BIANCHI: University of Trieste") with that name
    read as ordinary text (:func:`recase`), letter for letter the same length; any other
    line is returned as it is."""
    end = _LEAD_END.search(text)
    if end is None or len(text[: end.start()].split()) > MAX_LEAD_WORDS:
        return text
    lead = recase(text[: end.start()])
    return lead + text[end.start() :]


#: A role after a name ("Tom Ackroyd, newsletter editor") is short.
MAX_ROLE_WORDS = 8


def name_and_role(text: str) -> str | None:
    """The name of a line that is a vouched name and a short role after a comma ("Dr Anjali
    Mehta, Chair of the Institute", "Tom Ackroyd, newsletter editor"), else None."""
    name, comma, role = text.strip().partition(",")
    words = role.split()
    if not comma or not 0 < len(words) <= MAX_ROLE_WORDS or role.rstrip().endswith((".", "!", "?")):
        return None
    return name.strip() if is_vouched_name(name.strip()) else None


def role_line(text: str) -> bool:
    """Whether a line is a signature's role, alone under the name ("Chief Executive",
    "Series Coordinator", "Involvement Lead"): a few words, the first capitalised, no
    figure, no sentence, and no person's name."""
    words = text.split()
    return (
        0 < len(words) <= MAX_ROLE_WORDS
        and text[:1].isupper()
        and not any(c.isdigit() for c in text)
        and not text.rstrip().endswith((".", "!", "?", ":", ","))
        and not is_vouched_name(text.strip())
    )


def natural_order(text: str) -> str:
    """A name as a catalogue inverts it, put back in reading order: "Okonkwo-Hart, Adaeze"
    gives "Adaeze Okonkwo-Hart", "Fisher, Pamela J." "Pamela J. Fisher". Anything else
    ("Dr Ann Lee", "Lee, Ann, Professor") is returned as it is."""
    surname, comma, given = text.strip().partition(",")
    if not comma or "," in given or not surname.strip() or not 0 < len(given.split()) <= 3:
        return text.strip()
    natural = f"{given.strip()} {surname.strip()}"
    return natural if is_vouched_name(natural) else text.strip()


@functools.cache
def _nicknamer() -> NickNamer:
    """The nickname package's table, with the short forms ``rules/names.yaml`` adds."""
    table = {name: set(short) for name, short in NickNamer.default_lookup().items()}
    for name, short in name_words().nicknames:
        table.setdefault(name, set()).update(short)
    return NickNamer(nickname_lookup=table)


@functools.cache
def _forms(given: str) -> frozenset[str]:
    """A given name and the names the nickname table ties to it, both ways."""
    table = _nicknamer()
    key = _plain(given)
    return frozenset({key, *table.nicknames_of(key), *table.canonicals_of(key)})


def same_given(a: str, b: str) -> bool:
    """Whether two given names can be one person's: equal, nickname and name ("Phil",
    "Philip"), two nicknames of one name ("Kate", "Katie"), an initial and a name ("J." and
    "Jan"), or a short form the table does not know (:func:`_clipped`)."""
    x, y = _plain(a), _plain(b)
    if not x or not y:
        return False
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return (
        y in _forms(x)
        or x in _forms(y)
        or bool(_canonicals(x) & _canonicals(y))
        or _clipped(*sorted((x, y), key=len))
    )


#: Endings a short form adds to the part of the name it keeps ("Bern-ie", "Fred-dy").
_PET_ENDINGS = ("ie", "y", "i", "o", "s")


def _clipped(short: str, full: str) -> bool:
    """Whether ``short`` is the start or the end of ``full`` clipped, as many languages
    shorten names, where the nickname table is English: "Bernie" for "Bernadette", "Rosie"
    for "Rosemary" (the start and a pet ending), "Seun" for "Oluwaseun", "Tunde" for
    "Babatunde" (the end), "Raj" for "Rajinder", "Tom" for "Tomasz". The kept part has at
    least four letters (three when the table knows the short form as no other name's, or
    knows nothing of the full name), three before a pet ending; the full name is longer
    by three or more, so "Jon" and "Joni" or "Dan" and "Danielle" stay apart."""
    if len(full) - len(short) < 3:
        return False
    pet = [short[: -len(e)] for e in _PET_ENDINGS if short.endswith(e)]
    # three letters are enough when the nickname table knows them as no other name's
    # short form ("Raj" for "Rajinder", "Ros" for "Rosalind"; "Dan" is Daniel's), or does
    # not know the full name at all ("Tom" for the Polish "Tomasz")
    kept = 4 if len(short) > 3 or (_canonicals(short) and len(_forms(full)) > 1) else 3
    return (
        (len(short) >= kept and full.startswith(short))
        or any(len(stem) >= 3 and full.startswith(stem) for stem in pet)  # "Ros-ie"
        or (len(short) >= 4 and full.endswith(short))
    )


def _canonicals(given: str) -> frozenset[str]:
    return frozenset(_nicknamer().canonicals_of(given))


def variant_key(name: str) -> str:
    """A name as compared for identity: accents, case, honorifics, possessives, full stops
    and hyphens folded ("Prof. Phil Marsh-Ogden's" -> "phil marsh ogden")."""
    text = re.sub(r"['\u2019]s$", "", " ".join(name.split()))
    words = [w for w in re.split(r"[\s.\-]+", text) if w]
    while words and name_words().is_honorific(words[0]):
        words = words[1:]
    return " ".join(_plain(w) for w in words)


def _plain(word: str) -> str:
    """One word case-folded, without accents, a full stop or a curly apostrophe."""
    plain = APOSTROPHES.sub("'", word.strip(".").casefold())  # curly or straight: one name
    return bare_letters(plain)
