"""Which seminar a document is about, if any, and the passages that show it.

Every passage that points at a seminar is a :class:`Signal` with a weight. The rationale:

- *Decisive* signals name the seminar: its number ("Seminar 4", "seminar four", "the sixth
  seminar of seven", "the 5th ESRC-Co Leeds"), its date ("6th July 2017", "3rd March",
  "Friday 28 October") or its title ("Co-production in Coercive Environments"). They weigh
  10 in the title, 6 in the first two blocks and 3 further down: what a text opens with is
  what it is about; what it says later may be an aside.
- A sentence announcing what is to come ("Seminar 5 ... will be on 3 March 2017") weighs a
  quarter when the text is about something else: the seminar 4 notes announce seminar 5
  without being about it, and a guest post may end with the date of the next seminar. An
  announcement that names its seminar two ways (number, title, date) and no other seminar
  is about it. A sentence
  reporting attendance ("I attended the ERSC conference in York on 3rd March") weighs double.
  A date without a year weighs 0.8 of one with a year.
- *Weak* signals only hint: the venue's town (1, shared between the seminars held there),
  the seminar's month named without a day ("in July": 1, shared the same way),
  two or more words found only in that seminar's titles near the top (1 each), and people
  the text names who spoke at that seminar according to other texts (1.5 each, shared
  between their seminars).
- A seminar named by its town ("the Oxford seminar"), or by its month and town ("the
  October seminar in York"; a title's "Members' trip to York in October"), is decisive
  when only one seminar fits, and weighs like its number. When several fit ("the York
  seminar"), the one held nearest the day the text was written is meant, if it is nearer
  by six weeks or more than the next: it weighs 0.8 of a number.
- A day named from the day the text was written ("last Friday's seminar", "in York last
  week", "tomorrow") is a date when the text has one: a post of Friday 4 November 2016
  that talks of last Friday means 28 October. A week weighs 0.8 of a day.

A document is placed at the best-scoring seminar when it scores at least 3, leads the next by
at least 1.5, and either has decisive signals worth 2.5 or weak signals of two kinds;
otherwise it is about no seminar (a training project post, a slide deck from elsewhere). A
text with decisive signals worth 2.5 for three seminars or more looks back over the series
and is about none of them.
Pure functions.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, replace

from ..dates import RELATIVE, date_problem, relative_span
from ..names import is_byline
from ..records import Document, Evidence, Filing, Line, Seminar
from ..text import fold, is_prose_text
from .names import NameRules, alternation, tense_patterns
from .segments import Segment, evidence, sentence_span

#: A sentence announcing a seminar weighs this much when the text points at another too.
ANNOUNCED = 0.25
#: A seminar named by what several share ("the York seminar") and told apart by the day
#: the text was written weighs this much of one named outright; the one nearest that day
#: must be nearer than the next by this many days.
NEAREST = 0.8
#: A line of a page's heading with this many dates gives a span, not a day.
SPAN_DATES = 2
#: A passage naming this many of the series' places is about where the series met, not
#: where one seminar was ("in Leeds, Oxford, York and Huddersfield").
TOURING = 3
NEAR_DAYS = 45
#: Decisive signals worth this much name a seminar; a text that names this many seminars
#: so is about the series (a look back over all seven), not about one of them.
DECISIVE = 2.5
SERIES = 3
#: ... unless one of them outweighs all the others together this many times over: a recap
#: of seminar 5 that compares it with "the York commissioning seminar" and whose writer
#: organises "the seventh seminar" is about seminar 5.
DOMINANT = 2.0
#: What the heading of the page a post was cut from weighs for the seminar it names.
PAGE = 3.0
_SLUG = re.compile(r"[-_]")
#: What the category or tag a blog files a post under weighs for the seminar it names: as
#: much as the seminar named in the text's opening.
FILED = 6.0
_CARDINALS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
#: Days of the month as ordinal words ("fifth" 5, "twenty-seventh" 27), one table.
_FIRST_TWENTY = (
    *_ORDINALS,
    *[
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ],
)
_DAY_NUMBERS = {
    **{word: n for n, word in enumerate(_FIRST_TWENTY, 1)},
    **{f"twenty-{word}": 20 + n for n, word in enumerate(_FIRST_TWENTY[:9], 1)},
    "thirtieth": 30,
    "thirty-first": 31,
}
#: The same words longest first, so "twenty-first" wins over "first".
_DAY_WORDS = tuple(sorted(_DAY_NUMBERS, key=lambda w: (-len(w), w)))
# "Seminar 4", "seminar four", "seminar no. 4"; "the 4th seminar", "the sixth seminar of
# seven", "the 5th ESRC-Co Leeds" (an ordinal before the funder's name, spelled either way).
# An ordinal needs "the", "this" or "our" before it: "my first conference" is about the
# writer, not about seminar 1; and no count after it: "the first four seminars" are four.
_NUMBER = re.compile(
    rf"(?i)\bseminars?\s+(?:no\.?\s*|number\s+)?(?P<n>\d{{1,2}}|{'|'.join(_CARDINALS)})\b"
    rf"|\b(?:the|this|our)\s+(?P<o>\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(_ORDINALS)})\b"
    # ("the first four seminars", "the first 2 seminars": how many, not which)
    rf"(?!\s+(?:\d{{1,2}}|{'|'.join(_CARDINALS)})\b)"
    r"(?=(?:\s+[\w-]+){0,3}?\s+(?:seminar|conference)s?\b|\s+(?:ESRC|ERSC))"
    # "the final seminar", "the closing conference", "the last of the ESRC seminars", "the
    # last seminar of the series": the series' last one ("the last seminar" alone may be the
    # one before)
    # ("the final ESRC seminar", "the last seminar of the ESRC series" too)
    r"|\b(?i:the|this|our)\s+(?P<f>(?i:final|closing))\s+(?:[\w-]+\s+){0,2}?"
    r"(?i:seminar|conference)\b"
    r"|\b(?i:the)\s+(?P<l>(?i:last|final))\s+(?i:of\s+the)\s+(?:[\w-]+\s+){0,4}?"
    r"(?i:seminars|conferences)\b"
    r"|\b(?i:the)\s+(?P<s>(?i:last))\s+(?i:seminar|conference)\s+(?i:of|in)\s+the\s+"
    r"(?:[\w-]+\s+){0,3}?(?i:series)\b"
)
# "6th July 2017", "28 October", "3rd of March", "March 3, 2017", "2017-03-03", "06/07/2017".
_DATE = re.compile(
    rf"(?i)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})\b\.?"
    rf"(?:,?\s+(?P<y>\d{{4}}))?"
    rf"|\b(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}}))?"
    r"|\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b"
    # "06/07/2017", "6.7.17": day first, as British pages write it
    r"|\b(?P<nd>\d{1,2})[/.](?P<nm>\d{1,2})[/.](?P<ny>\d{4}|\d{2})\b"
    # "the fifth of January", "the twenty-seventh of October 2017": the day in words
    rf"|\bthe\s+(?P<wd>{'|'.join(_DAY_WORDS)})\s+of\s+(?P<m3>{_MONTH})\b(?:,?\s+(?P<y3>\d{{4}}))?"
)
# A title about several seminars at once: "Huddersfield to host two national seminars",
# "Planning for seminars 6 and 7", "Seven seminars, one question". Such a text is placed at
# none of them (:func:`decide`).
_SEVERAL = re.compile(
    rf"(?i)\b(?:{'|'.join(_CARDINALS[1:])}|both|\d)\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:seminars|conferences)\b"
    r"|\bseminars\s+\d{1,2}\s*(?:,|and|&|to|[\u2013-])\s*\d{1,2}\b"
)
# A text that says the event it is about is none of the series' seminars: "This is not one
# of our seminars", "Not one of ours, but worth knowing about", "Not part of the series, but
# close to our hearts", "this is NOT part of that series", "it is not a series event",
# "This is not a seminar post", "This is not a seminar of the series", "Not a seminar,
# but worth knowing about", "This one is not ours", "run by the School, not by the seminar
# series", "independent of the seminar series", "It is a university event and not part of
# the series". Such a text is placed at none, whatever seminar it mentions in passing.
#: A post's own dateline: "Posted on 5 January 2016 by Jo Bloggs", "Published 3 March".
_POSTED = re.compile(r"(?i)\s*(?:posted|published|written|updated)\b")

_NOT_OURS = re.compile(
    r"(?i)(?:^|(?<=[.!?]\s)|\b(?:is|was|it's|it\s+is|this\s+is|this\s+was|and)\s+)not\s+"
    r"(?:one\s+of\s+(?:our|the)\s+(?:(?:ESRC|ERSC)\s+)?seminars|one\s+of\s+ours\b"
    r"|part\s+of\s+(?:the|our|this|that|an?)\s+(?:(?:ESRC|ERSC)\s+)?(?:seminar\s+)?series"
    r"|an?\s+(?:ESRC\s+)?(?:seminar\s+)?series\s+(?:event|seminar)"
    r"|an?\s+seminar\s+(?:of|in)\s+(?:the|our|this)\s+(?:(?:ESRC|ERSC)\s+)?series"
    r"|an?\s+seminar\s+(?:post|event)|an?\s+seminar(?=\s*[,:;\u2013\u2014]))\b"
    # "This one is not ours", "organised by the School, not by the seminar series", "The
    # group is independent of the seminar series"
    r"|\b(?:this(?:\s+one|\s+event)?|it)\s+(?:is|was)\s+not\s+ours\b(?!\s+to\b)"
    r"|,\s+not\s+by\s+(?:us|the\s+(?:(?:ESRC|ERSC)\s+)?(?:seminar\s+)?series)\b"
    r"|\bindependent\s+of\s+(?:the|our|this)\s+(?:(?:ESRC|ERSC)\s+)?(?:seminar\s+)?series\b"
)
# A seminar named by its subject: "the seminar on coercion", "the day about commissioning",
# "the regulation seminar". Which one, if only one, is read from the distinctive words of
# the seminars' titles, compared by their stems (:data:`STEM`): "coercion" is seminar 6's
# "coercive".
_TOPIC = re.compile(
    r"(?i)\b(?:seminar|event|conference|day)\s+(?:on|about)\s+(?P<on>[\w-]+(?:\s+(?:and\s+)?[\w-]+)?)"
    r"|\bthe\s+(?P<the>[a-z][\w-]+(?:\s+[a-z][\w-]+)?)\s+(?:seminar|event|day)\b"
)
#: Two words share a stem when they share their first letters, this many.
STEM = 6
_MONTH_WORD = re.compile(rf"(?i)(?:{_MONTH})")
# A month named without a day ("our Huddersfield seminar in July", "in March 2017"): a hint,
# shared between the seminars held that month.
_MONTH_ONLY = re.compile(
    rf"(?i)\b(?:in|during|since|until|last|this|early|late|mid-?)\s+(?P<m>{_MONTH})\b\.?"
    r"(?!\s*\d{1,2}\b(?!\d))(?:,?\s+(?P<y>\d{4}))?"
)
#: What the series called its meetings: "the ESRC seminar" is one of them, whichever.
_SERIES_NOUNS = frozenset({"seminar", "conference"})
# A seminar named by when (and where) it was held: "the October seminar in York", "our
# March 2017 conference", "the York event in October". Which seminar that is, if only one,
# is read from the registry (:func:`_named`); a town alone is read by ``_event_pattern``.
_NAMED = re.compile(
    r"\b(?i:the|our|this|that)\s+(?P<before>(?:(?:[A-Z][\w'-]*|\d{4})\s+){1,3}?)"
    r"(?P<noun>(?i:seminar|conference|event|meeting))s?\b"
    r"(?P<after>(?:,?\s+(?:in|at|on)\s+(?:the\s+)?(?:University\s+of\s+)?"
    r"(?:[A-Z][\w-]*|\d{4})(?:\s+\d{4})?){0,2})"
)
# Every kind of date has a digit, or " of " ("the fifth of January"): a text without either
# is not searched for dates (much faster than the search).
_DIGIT = re.compile(r"\d")
# Words of the series title and grammar: they tell no seminar's title from another's.
_TITLE_STOP = frozenset(
    {"a", "an", "and", "or", "the", "of", "in", "on", "for", "with", "to", "towards", "help"}
    | {"mental", "health", "co", "production", "re", "imagining", "reimagining"}
    | {"professionalism"}
)


@dataclass(frozen=True)
class Signal:
    """One passage pointing at one seminar, with its weight."""

    seminar: int
    weight: float
    # number, date, title, title-words, month, venue, tour (a venue among the series'
    # others), topic, speakers, several
    kind: str
    decisive: bool
    evidence: Evidence
    announced: bool = False  # its sentence announces what is to come ("... will be on ...")
    opening: bool = False  # it stands in the title or the first block of text


def _places(seminar: Seminar) -> tuple[str, ...]:
    """The town of a venue: "Research Centre ..., University of York" -> ("York",)."""
    if not seminar.venue:
        return ()
    found = re.findall(r"University of ([A-Z][a-z]+)", seminar.venue)
    return tuple(found) or (seminar.venue.split(",")[-1].split()[-1],)


def _title_key(text: str) -> str:
    return _folded_key(fold(text))


def _folded_key(folded: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", folded.replace("&", " and ")).split())


def _needle(phrase: str) -> str:
    """A word that every text holding ``phrase`` holds as it is, once folded: the
    longest one other than "and" (which may stand for "&"); "" if there is none."""
    words = [w for w in phrase.split() if w != "and"]
    return max(words, key=len, default="")


def _title_phrases(seminar: Seminar) -> tuple[str, ...]:
    """What of each title is specific enough to find in a text (the part before a colon)."""
    out = []
    for title in seminar.titles:
        head = title.split(":")[0] if len(title.split(":")[0].split()) >= 2 else title
        key = _title_key(head)
        if len(key) >= 12:
            out.append(key)
    return tuple(dict.fromkeys(out))


def _title_words(seminars: Sequence[Seminar], subjects: bool = False) -> dict[int, frozenset[str]]:
    """Words of each seminar's titles (and ``subjects``) that no other seminar's use. A
    subject ("Open Dialogue") names a seminar as a whole phrase, never word by word in a
    lead, so only :data:`_TOPIC` reads it."""
    words = {
        s.number: {
            w for t in (*s.titles, *(s.subjects if subjects else ())) for w in _title_key(t).split()
        }
        - _TITLE_STOP
        for s in seminars
    }
    return {
        n: frozenset(
            w for w in ws if len(w) >= 4 and all(w not in o for m, o in words.items() if m != n)
        )
        for n, ws in words.items()
    }


def _topics(title_words: dict[int, frozenset[str]]) -> dict[str, tuple[int, ...]]:
    """The stem of each distinctive title word, with the seminars whose titles have it."""
    out: dict[str, set[int]] = {}
    for number, words in title_words.items():
        for word in words:
            if len(word) >= STEM:
                out.setdefault(word[:STEM], set()).add(number)
    return {stem: tuple(sorted(held)) for stem, held in out.items()}


@functools.lru_cache(maxsize=4)  # the same registry for every document of a run
def _seminar_tables(
    seminars: tuple[Seminar, ...],
) -> tuple[
    dict[str, list[int]],
    dict[int, tuple[str, ...]],
    dict[int, frozenset[str]],
    frozenset[str],
    dict[str, tuple[int, ...]],
]:
    """What :func:`text_signals` looks for: places (with the seminars held there), title
    phrases and distinctive title words, by seminar; and a word of each title phrase that
    a text must hold for the phrase to be there (:func:`_needle`); the stems of the words
    that name one seminar's subject (:func:`_topics`)."""
    places = {
        p: [s.number for s in seminars if p in _places(s)] for s in seminars for p in _places(s)
    }
    phrases = {s.number: _title_phrases(s) for s in seminars}
    needles = frozenset(_needle(p) for keys in phrases.values() for p in keys)
    topics = _topics(_title_words(seminars, subjects=True))
    return places, phrases, _title_words(seminars), needles, topics


def text_signals(
    doc: Document, segments: Sequence[Segment], seminars: Sequence[Seminar], rules: NameRules
) -> list[Signal]:
    """Signals read from the document's own text."""
    weigh = _Weigher(segments, rules)
    numbers = {s.number for s in seminars}
    signals: list[Signal] = []

    def add(
        number: int,
        w: float,
        kind: str,
        decisive: bool,
        segment: Segment,
        at: int,
        ahead: bool = False,  # the words look ahead ("next Friday") whatever the tense
    ) -> None:
        if number in numbers and w > 0:
            if weigh.backdrop(segment, at):  # "the theatre that hosted July's seminar"
                w, decisive = w * ANNOUNCED, False
            ev = evidence(doc, segment, at, f"seminar-{kind}")
            announced = ahead or weigh.announces(segment, at)
            opening = segment.kind == "title" or segment.index in (weigh.opening, 0)
            signals.append(Signal(number, w, kind, decisive, ev, announced, opening))

    places, phrases, title_words, needles, topics = _seminar_tables(tuple(seminars))
    for segment in segments:
        if (segment.kind == "title" or segment.hint == "title") and (
            several := _SEVERAL.search(segment.text)
        ):
            ev = evidence(doc, segment, several.start(), "seminar-several")
            signals.append(Signal(0, 0.0, "several", True, ev))
        if disowned := _NOT_OURS.search(segment.text):
            ev = evidence(doc, segment, disowned.start(), "seminar-not-ours")
            signals.append(Signal(0, 0.0, "not-ours", True, ev))
        for match in _NUMBER.finditer(segment.text):
            number = (
                max(numbers, default=0)
                if match.group("f") or match.group("l") or match.group("s")
                else _number(match.group("n") or match.group("o"))
            )
            add(
                number,
                weigh(segment, match.start(), 10, 6, 3),
                "number",
                True,
                segment,
                match.start(),
            )
        dated = _DIGIT.search(segment.text) or " of " in segment.text  # "the fifth of May"
        # the day the post went up, on its dateline ("Posted on 5 January 2016 by Jo"), is
        # no day the text names: a post about the team may go up on a seminar's day
        posted = segment.hint == "date" and _POSTED.match(segment.text) is not None
        dates = _DATE.finditer(segment.text) if dated and not posted else ()
        for match in dates:
            for seminar, exact in _dates(match, seminars):
                w = weigh(segment, match.start(), 8, 5, 3) * (1 if exact else 0.8)
                add(seminar, w, "date", True, segment, match.start())
        if doc.date:  # "last Friday's seminar", "in York last week"
            for match in RELATIVE.finditer(segment.text):
                ahead = weigh.announces(segment, match.start())
                if span := relative_span(match, doc.date, future=ahead):
                    first, last = span.first.isoformat(), span.last.isoformat()
                    held = [s.number for s in seminars if s.date and first <= s.date <= last]
                    one_day = 1.0 if span.first == span.last else 0.8
                    for seminar in held:
                        w = weigh(segment, match.start(), 8, 5, 3) * one_day / len(held)
                        add(seminar, w, "date", True, segment, match.start(), span.ahead)
        phrases_named = [*_NAMED.finditer(segment.text)]
        if segment.kind == "title":  # "Members' trip to York in October"; in a text, a hint
            phrases_named += _town_month(tuple(places)).finditer(segment.text)
        for match in phrases_named:
            held, dated = _named(match, seminars, places)
            if len(held) > 1 and (near := _nearest(held, seminars, doc.date)) is not None:
                # "the York seminar" in a post of 7 October 2016: the one held that month
                w = weigh(segment, match.start(), 10, 6, 3) * NEAREST
                add(near, w, "named", True, segment, match.start())
            elif len(held) == 1 and dated:
                w = weigh(segment, match.start(), 10, 6, 3)
                add(held[0], w, "named", True, segment, match.start())
            for seminar in held if len(held) > 1 and dated and near is None else ():
                w = weigh(segment, match.start(), 2, 1, 1) / len(held)
                add(seminar, w, "month", False, segment, match.start())
        for match in _MONTH_ONLY.finditer(segment.text):
            held = _months(match, seminars)
            for seminar in held:
                w = weigh(segment, match.start(), 2, 1, 1) / len(held)
                add(seminar, w, "month", False, segment, match.start())
        folded = fold(segment.text)
        if any(needle in folded for needle in needles):  # else no title phrase is here
            key = f" {_folded_key(folded)} "
            for number, keys in phrases.items():
                if found := next((p for p in keys if f" {p} " in key), None):
                    at = max(0, folded.find(found.split()[0]))
                    add(number, weigh(segment, at, 10, 6, 3), "title", True, segment, at)
        named_places = [p for p in places if p in segment.text]
        # "Seven seminars, in Leeds, Oxford, York and Huddersfield": a passage naming where
        # the series met, place after place, hints at each as weakly, but confirms none
        touring = len(named_places) >= TOURING
        for place, held in places.items():
            if place not in segment.text:
                continue
            if len(held) == 1 and (named := _event_pattern(place).search(segment.text)):
                add(
                    held[0],
                    weigh(segment, named.start(), 10, 6, 3),
                    "venue",
                    True,
                    segment,
                    named.start(),
                )
            elif venue := _place_pattern(place).search(segment.text):
                w = weigh(segment, venue.start(), 1, 1, 1) / len(held)
                for number in held:
                    add(number, w, "tour" if touring else "venue", False, segment, venue.start())
        for match in _TOPIC.finditer(segment.text):
            subject = (match["on"] or match["the"]).casefold().split()
            stems = [w[:STEM] for w in subject if len(w) >= STEM and w not in _TITLE_STOP]
            about = {n for stem in stems for n in topics.get(stem, ())}
            if len(about) == 1:
                w = weigh(segment, match.start(), 6, 4, 2)  # weaker than its title or date
                add(about.pop(), w, "topic", True, segment, match.start())
    top = [s for s in segments if s.kind == "title" or s.index in weigh.lead]
    words = set(_title_key(" ".join(s.text for s in top)).split())
    for number, distinctive in title_words.items():
        found_words = sorted(w for w in distinctive if w in words or f"{w}s" in words)
        if len(found_words) >= 2 and top:
            add(number, float(len(found_words)), "title-words", False, top[0], 0)
    return _best_per_place(signals)


class _Weigher:
    """The weight of a passage by where it stands and the tense of its sentence."""

    def __init__(self, segments: Sequence[Segment], rules: NameRules) -> None:
        # the first two blocks of text: a post's dateline and byline ("By A B") are no text;
        # a writer's line that is a sentence is ("Guest post by A B, who will speak at ...")
        text = [
            s.index
            for s in segments
            if s.kind != "title"
            and s.hint != "date"
            and (is_prose_text(s.text) or (s.hint != "byline" and not is_byline(s.text)))
        ]
        self.lead = frozenset(text[:2])
        # the first of them that is no heading either: where a text says what it is about
        self.opening = next((i for i in text if segments[i].hint != "title"), None)
        self.future, self.attended = tense_patterns(rules)
        self.behind = _backdrop(rules)

    def __call__(self, segment: Segment, at: int, title: float, lead: float, body: float) -> float:
        if segment.kind == "title":
            return title
        base = lead if segment.index in self.lead else body
        if self.announces(segment, at):
            return base  # :func:`decide` weighs it a quarter when the text is about another
        return base * 2 if self.attended.search(self._sentence(segment, at)) else base

    def backdrop(self, segment: Segment, at: int) -> bool:
        """Whether the words right before ``at``, in its sentence, name the seminar as where
        something else happens (``backdrop_cues``: "that hosted July's seminar")."""
        start, _ = sentence_span(segment.text, at)
        return self.behind.search(segment.text, start, at) is not None

    def announces(self, segment: Segment, at: int) -> bool:
        """Whether the sentence at ``at`` announces what is still to come."""
        return segment.kind != "title" and bool(self.future.search(self._sentence(segment, at)))

    @staticmethod
    def _sentence(segment: Segment, at: int) -> str:
        start, end = sentence_span(segment.text, at)
        return segment.text[start:end]


@functools.lru_cache(maxsize=8)
def _backdrop(rules: NameRules) -> re.Pattern[str]:
    """``backdrop_cues`` a few words before a seminar's mention: "that hosted July's"."""
    return re.compile(
        rf"(?i)\b(?:{alternation(rules.backdrop_cues)})\b(?:\s+[\w'\u2019-]+){{0,3}}\s*$"
    )


@functools.cache  # a few places, asked for by every document
def _place_pattern(place: str) -> re.Pattern[str]:
    """ "in York", "at York University", "University of York", not "Leeds Beckett".

    Every form holds the town as written, so a text without it is not searched."""
    at = rf"(?:in|at|to)\s+(?:the\s+)?(?:University\s+of\s+)?{place}"
    event = rf"{place}\s+(?:seminar|conference|event|meeting)"  # "our Huddersfield seminar"
    return re.compile(
        rf"\b(?:{at}|University\s+of\s+{place}|{place}\s+University|{event})\b(?!\s+[A-Z])"
    )


@functools.cache
def _event_pattern(place: str) -> re.Pattern[str]:
    """A seminar named by its town: "the Oxford seminar", "our York conference"."""
    return re.compile(rf"\b{place}\s+(?:seminar|conference)\b")


_VENUES = ("venue", "tour")


def _best_per_place(signals: list[Signal]) -> list[Signal]:
    """Count a venue once per seminar (a town named five times is still one hint)."""
    out: list[Signal] = []
    seen: set[int] = set()
    for signal in sorted(signals, key=lambda s: (s.kind not in _VENUES, -s.weight)):
        if signal.kind in _VENUES:
            if signal.seminar in seen:
                continue
            seen.add(signal.seminar)
        out.append(signal)
    return out


def _number(text: str) -> int:
    text = text.lower()
    if text in _CARDINALS:
        return _CARDINALS.index(text) + 1
    if text in _ORDINALS:
        return _ORDINALS.index(text) + 1
    return int(re.sub(r"\D", "", text))


def _dates(match: re.Match[str], seminars: Sequence[Seminar]) -> list[tuple[int, bool]]:
    """Seminars whose date this is: ``(number, whether the year was given too)``."""
    if match.group("iy"):
        y, m, d = match.group("iy"), int(match.group("im")), int(match.group("id"))
    elif match.group("nd"):
        d, m, y = int(match.group("nd")), int(match.group("nm")), match.group("ny")
        y = y if len(y) == 4 else f"20{y}"
    elif match.group("wd"):
        m = _MONTHS.index(match.group("m3").lower()[:3]) + 1
        d, y = _DAY_NUMBERS[match.group("wd").lower()], match.group("y3")
    else:
        m = _MONTHS.index((match.group("m") or match.group("m2")).lower()[:3]) + 1
        d = int(match.group("d") or match.group("d2"))
        y = match.group("y") or match.group("y2")
    return [
        (s.number, y is not None)
        for s in seminars
        if s.date and s.date[5:] == f"{m:02d}-{d:02d}" and (y is None or s.date[:4] == y)
    ]


@functools.cache
def _town_month(towns: tuple[str, ...]) -> re.Pattern[str]:
    """A town and a month named together, no seminar word: "York in October", "July in
    Huddersfield" (groups ``before``, ``after`` and ``b2``, read by :func:`_named`)."""
    either = "|".join(re.escape(t) for t in sorted(towns, key=len, reverse=True))
    if not either:
        return re.compile(r"(?!)")
    return re.compile(
        rf"\b(?P<before>(?:{either})\s+(?:in|last|this)\s+(?i:{_MONTH}))\b(?P<after>)"
        rf"|\b(?P<b2>(?i:{_MONTH})\s+(?:in|at)\s+(?:the\s+University\s+of\s+)?(?:{either}))\b"
    )


def _nearest(held: Sequence[int], seminars: Sequence[Seminar], written: str | None) -> int | None:
    """Of the seminars ``held`` that a phrase fits ("the York seminar": 4 and 5), the one
    held nearest the day the text was written, when it is nearer by :data:`NEAR_DAYS` or
    more than the next; None without a whole date of writing."""
    if not written or date_problem(written, full=True) is not None:
        return None
    day = datetime.date.fromisoformat(written)
    gaps = sorted(
        (abs((datetime.date.fromisoformat(s.date) - day).days), s.number)
        for s in seminars
        if s.number in held and s.date and len(s.date) == len("YYYY-MM-DD")
    )
    if len(gaps) < 2 or gaps[1][0] - gaps[0][0] < NEAR_DAYS:
        return None
    return gaps[0][1]


def _named(
    match: re.Match[str], seminars: Sequence[Seminar], places: Mapping[str, list[int]]
) -> tuple[list[int], bool]:
    """The seminars a :data:`_NAMED` phrase fits (every month, year and town it gives),
    and whether it gives a month or a year: "the October seminar in York" fits seminar 4;
    a meeting or an event that gives none of them fits none ("the Friends Meeting
    House"), as a seminar or a conference does ("the ESRC seminar": every one)."""
    parts = match.groupdict()
    text = " ".join(parts.get(k) or "" for k in ("before", "after", "b2"))
    words = re.findall(r"[\w'-]+", text)
    months = {_MONTHS.index(w.lower()[:3]) + 1 for w in words if _MONTH_WORD.fullmatch(w)}
    years = {w for w in words if w.isdigit() and len(w) == 4}
    towns = [set(places[w]) for w in words if w in places]
    if not (months or years or towns) and parts["noun"].casefold() not in _SERIES_NOUNS:
        # "the Friends Meeting (House)": a meeting or an event with no month, year or town
        # of the series' is none of its seminars ("the ESRC seminar" may be the nearest)
        return [], False
    fits = [
        s.number
        for s in seminars
        if s.date
        and all(int(s.date[5:7]) == m for m in months)
        and all(s.date[:4] == y for y in years)
        and all(s.number in held for held in towns)
    ]
    return fits, bool(months or years)


def _months(match: re.Match[str], seminars: Sequence[Seminar]) -> list[int]:
    """Seminars held in the month (and year, if given) that ``match`` names."""
    month = _MONTHS.index(match.group("m").lower()[:3]) + 1
    year = match.group("y")
    return [
        s.number
        for s in seminars
        if s.date and s.date[5:7] == f"{month:02d}" and (year is None or s.date[:4] == year)
    ]


def _one_seminar(
    doc: Document, lines: Sequence[tuple[int, str]], seminars: Sequence[Seminar], rules: NameRules
) -> Signal | None:
    """The first decisive signal of some lines read apart from the document's text
    ((line number, text) pairs), when their decisive signals name one seminar and no
    other; else None."""
    # a line with two dates is a span ("05 Jan 2016 - 02 Dec 2017": a web archive's
    # captures, an archive page's months), no day an event was held
    lines = [(n, text) for n, text in lines if len(_DATE.findall(text)) < SPAN_DATES]
    segments = [Segment(i, "paragraph", text, n, n) for i, (n, text) in enumerate(lines)]
    heading = replace(doc, title="", title_derived=True, blocks=(), date=None)
    found = [s for s in text_signals(heading, segments, seminars, rules) if s.decisive]
    return found[0] if len({s.seminar for s in found}) == 1 else None


def page_signals(
    doc: Document,
    seminars: Sequence[Seminar],
    rules: NameRules,
    mixed: Set[str] = frozenset(),
) -> list[Signal]:
    """A signal from the pages a document's copies were cut from, when the lines heading
    them name one seminar decisively and no other ("Tag: Seminar 6", a wall headed
    "Seminar 3: ...", a delegate booklet's cover): every post of such a page is about that
    seminar unless its own text says otherwise. It weighs like a decisive signal low in a
    text (3). Pages that name different seminars give none, nor do the ``mixed`` pages,
    whose own posts are about different seminars."""
    found = _copies_agree(doc, seminars, rules, lambda f: () if f.source in mixed else f.context)
    if found is None:
        return []
    _, signal = found
    return [
        Signal(signal.seminar, PAGE, "page", True, replace(signal.evidence, rule="seminar-page"))
    ]


def filed_signals(doc: Document, seminars: Sequence[Seminar], rules: NameRules) -> list[Signal]:
    """A signal from the categories and tags the blog files a document's copies under (an
    entry footer: "Posted in Seminar 2", "Tagged oxford, seminar-2"), when they name one
    seminar decisively and no other: the blog's own word on what the post is about."""
    found = _copies_agree(doc, seminars, rules, lambda f: f.filed, slugs=True)
    if found is None:
        return []
    filing, signal = found
    line = next(line for line in filing.filed if line.number == signal.evidence.line)
    evidence = replace(signal.evidence, rule="seminar-filed", text=line.text)
    return [Signal(signal.seminar, FILED, "filed", True, evidence)]


def _copies_agree(
    doc: Document,
    seminars: Sequence[Seminar],
    rules: NameRules,
    lines_of: Callable[[Filing], tuple[Line, ...]],
    slugs: bool = False,
) -> tuple[Filing, Signal] | None:
    """The first copy whose lines (its page's heading, its filing) name one seminar, with
    that signal (its evidence in that copy's source), when no copy's lines name another."""
    found: list[tuple[Filing, Signal]] = []
    for filing in doc.filings:
        lines = [(n.number, _SLUG.sub(" ", n.text) if slugs else n.text) for n in lines_of(filing)]
        if lines and (signal := _one_seminar(doc, lines, seminars, rules)) is not None:
            evidence = replace(signal.evidence, source=filing.source)
            found.append((filing, replace(signal, evidence=evidence)))
    return found[0] if len({signal.seminar for _, signal in found}) == 1 else None


def speaker_signals(
    doc: Document, first_mentions: Mapping[str, Evidence], speakers: Mapping[int, frozenset[str]]
) -> list[Signal]:
    """Signals from people the document names who spoke at a seminar, by other documents."""
    signals: list[Signal] = []
    for pid, where in first_mentions.items():
        held = sorted(n for n, people in speakers.items() if pid in people)
        for number in held:
            ev = Evidence("seminar-speakers", where.text, where.source, where.line)
            signals.append(Signal(number, 1.5 / len(held), "speakers", False, ev))
    return signals


def decide(signals: Sequence[Signal]) -> tuple[int | None, tuple[Evidence, ...]]:
    """The seminar the signals agree on, and its evidence most decisive first; or None."""
    if any(s.kind in ("several", "not-ours") for s in signals):
        return None, ()  # about several seminars at once, or an event it says is not one
    if _about_another(signals):
        signals = [replace(s, weight=s.weight * ANNOUNCED) if s.announced else s for s in signals]
    totals: dict[int, float] = {}
    for signal in signals:
        totals[signal.seminar] = totals.get(signal.seminar, 0.0) + signal.weight
    if not totals:
        return None, ()
    named: dict[int, float] = {}
    for signal in signals:
        if signal.decisive:
            named[signal.seminar] = named.get(signal.seminar, 0.0) + signal.weight
    ranked_named = sorted(named.values(), reverse=True)
    if sum(w >= DECISIVE for w in ranked_named) >= SERIES and (
        ranked_named[0] < DOMINANT * sum(ranked_named[1:])
    ):
        return None, ()  # "Two years, seven seminars": about the series, not one seminar
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    mine = [s for s in signals if s.seminar == best]
    decisive = sum(s.weight for s in mine if s.decisive)
    kinds = {s.kind for s in mine if not s.decisive and s.kind != "tour"}
    if score < 3 or score - runner_up < 1.5 or (decisive < DECISIVE and len(kinds) < 2):
        return None, ()
    ordered = sorted(mine, key=lambda s: (-s.weight, s.evidence.line, s.kind))
    evidence_list = list(dict.fromkeys(s.evidence for s in ordered))
    return best, tuple(evidence_list)


def _about_another(signals: Sequence[Signal]) -> bool:
    """Whether a text that announces a seminar is about something else: it names the
    seminar in passing, one way only and after the text's opening (a guest post ending "Our
    next seminar will be on 27 October"), or it points at another seminar on its own (the
    seminar 4 notes announce seminar 5). An announcement that names its seminar two ways
    ("Our third seminar, Contemporary Developments in Healthcare Practice, will ...") or in
    its opening ("For those of you with places on Friday: we will meet at ...") and no other
    seminar is about it. A hint shared between seminars (a town where two were held) points
    at none of them on its own."""
    ahead = [s for s in signals if s.announced and s.decisive]
    if not ahead:
        return False
    if len({s.kind for s in ahead}) < 2 and not any(s.opening for s in ahead):
        return True  # named in passing ("Our next seminar will be on 27 October")
    announced = {s.seminar for s in ahead}
    pointing: dict[tuple[str, int, str, str], set[int]] = {}
    for s in signals:
        if not s.announced:
            where = (s.evidence.source, s.evidence.line, s.evidence.text, s.kind)
            pointing.setdefault(where, set()).add(s.seminar)
    alone = {next(iter(held)) for held in pointing.values() if len(held) == 1}
    return len(announced) > 1 or bool(alone - announced)
