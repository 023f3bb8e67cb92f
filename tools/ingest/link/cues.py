"""Contexts that say what a name is doing in a text: writing it, speaking, or being named.

Each rule reads one convention of how seminar blogs, programmes and articles are written,
and returns :class:`Cue` records naming the places (spans) where names stand. The spans are
resolved afterwards, against the registry or by discovery, so the same rules serve people
already known and people nobody has registered yet:

- author: a byline at the end of the title ("... Summary by Harminder Kaur"), a signature
  after a letter's closing ("Best regards, / Martin & Pamela") or at the very end of a post,
  a name alone at the head of an article, and a guest post's thanks ("Thanks to Leanne
  Winfield for her contribution");
- speaker: a programme line ("10.30 - Keynote by Anne Rogers, ..."), a talk heading ("Anne
  Rogers: Commissioning of ..." or "Charlotte Scott, 'Power Sharing ...'"), a speech verb
  ("David Pilgrim argued"; not when the words between say the person was in the audience:
  "X, who attended with us, said"), a speaking turn ("Then came X", "He was followed by
  X"), a chair ("Chaired by Professor X"), a talk by or from someone ("a keynote talk by
  Professor David Pilgrim") and a possessive talk ("Shirin Teifouri's eloquent challenge");
- mentioned: an honorific ("Dr Christine Rhodes") or an organisation ("Heather McDonald from
  Leeds and York Partnership NHS Foundation Trust"), which make an unknown name a person.

A cue is *strong* when its context alone shows a person (honorific, byline, programme,
thanks, signature); the others need a known first name before they introduce a new person.
Pure functions.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from ..names import (
    BYLINE_PREFIX,
    MAX_SIGNATURE_NAMES,
    ROLE_MARKS,
    TOKEN,
    UPPER,
    credited_by,
    is_given_name,
    name_and_role,
    name_words,
)
from ..records import Document, Evidence
from ..text import PROGRAMME_TIME, is_prose_text
from .names import (
    NameRules,
    alternation,
    any_blocked,
    is_blocked,
    is_name_shape,
    tense_patterns,
    trim,
)
from .segments import Segment, evidence, sentences

CueRole = Literal["author", "speaker", "mentioned"]

# In a programme line, names stand after these words ("... led by A and B", "chaired by C",
# "Panel with A, B and C", "a response from D"), after a dash that ends the line's title,
# or after a semicolon that ends the one before ("Panel: Cllr A, a council; Dr B, a GP").
_PROGRAMME_BY = re.compile(
    r"(?P<by>(?i:\b(?:by|with|from|chair(?:ed)?(?:\s+by)?|led\s+by|hosted\s+by|facilitated\s+by))\s+)"
    r"|\s[\u2013\u2014-]\s+|:\s+|\?(?=\s+[^\s\u2013\u2014-])\s+"  # "... Be Shared? Dr A, B and C"
    r"|\s\("  # "14:30 Panel: Students and Educators (Matt A, Bernadette B, Tendai C)"
    r"|;\s+"  # "Panel: Cllr A, a council; Dr B, a GP; C, a commissioner"
)
# What may follow the names of a programme line or a list: the line's end, a comma, a dash,
# a bracket, a quoted title, "of/from/at" an organisation, or "on" a talk's subject ("Dr A
# on the Five Year Forward View"). A capitalised run followed by anything else ("Advance
# Statements in Practice") is a title, not names; a verb after them ("Adam Montgomery is a
# peer worker ...") makes them the slot's subject.
_AFTER_NAMES = re.compile(
    r"\s*(?:$|[,;:()\u2013\u2014\u2018\u201c\"'.?!]|-\s|(?:of|from|at|with|on)\s"
    r"|(?:is|was|will|has|gives|presents|leads|opens|closes|talks|speaks)\b)"
)
# An announcement's list of speakers: "Speakers include Dr A, role, organisation, Professor
# B, ..., and Ms C"; "Speakers at the sixth seminar include ..."; "Confirmed speakers: ...",
# "with contributions from ...".
_SPEAKER_LIST = re.compile(
    r"(?i:\b(?:(?:confirmed\s+|invited\s+|keynote\s+|our\s+|the\s+)?speakers?"
    r"\s+(?:at|for|on)\s+[^,.;:]{1,60}?\s+(?:will\s+)?(?:include[sd]?|including|are|were)\s*:?"
    r"|(?:confirmed\s+|invited\s+|keynote\s+|our\s+|the\s+)?speakers?"
    r"(?:\s+(?:will\s+)?(?:include[sd]?|including|are|were))?\s*:?"
    r"|(?:contributors|panell?ists|presenters)(?:\s+(?:include[sd]?|are|were))?\s*:?"
    r"|(?:on\s+)?the\s+panel(?:\s+(?:include[sd]?|are|were|was))?\s*:"
    r"|with\s+(?:contributions|presentations|talks)\s+from|featuring"
    # "Chair: A.", "Facilitators: B and C" (a label and its colon)
    r"|(?:co-)?chair(?:s|person)?\s*:|(?:moderators?|facilitators?|hosts?|compere)\s*:"
    # "The afternoon panel was chaired by A. He was joined by Cllr B, role, and C, role"
    r"|(?:panel|chair|chaired)\b[^;:]{0,160}?\b(?:was|were)\s+joined\s+"
    r"(?:on\s+(?:the\s+)?\w+\s+)?by))\s+"
)
# A line that heads a list of speakers set one to a line: "Speakers", "SPEAKERS", "Our
# speakers:", "Panel:", "Keynote speakers".
_SPEAKERS_HEAD = re.compile(
    r"(?i)\s*(?:(?:confirmed|invited|keynote|guest|our|the)\s+)?"
    r"(?:speakers|presenters|panell?ists|panel|facilitators)\s*:?\s*"
)
# A sentence that leads into such a list, ending in a colon: "We are delighted to welcome
# three speakers:", "Speakers on the day will include:".
_SPEAKERS_LEAD = re.compile(
    r"(?i).{0,80}\b(?:speakers|presenters|panell?ists|facilitators)\b[^:.;]{0,40}:\s*"
)
# Where the name that opens a line of such a list ends: its role after a dash, a colon, a
# comma or a bracket ("Dr Eilidh MacAskill - Open Dialogue trainer").
_ROLE_AFTER = re.compile(r"\s+[\u2013\u2014-]\s+|\s*:\s+|\s*,\s+|\s*\(|\s*$")
# A quoted title: curly or straight quotes (a re-encoded copy loses the curly ones); a closing
# quote must be followed by a space, punctuation or the end, so "People's" stays inside.
_QUOTED = re.compile(
    r"(?:[\u2018\u201c\"]|(?<!\w)')(?P<t>[^\u201c\u201d\"]{3,}?)[\u2019\u201d\"'](?=[\s.,;:)]|$)"
)
_ADVERBS = (
    "also|then|later|further|briefly|persuasively|passionately|clearly|eloquently|rightly|"
    "first|finally|powerfully|movingly|helpfully|openly|candidly|herself|himself|themselves"
)
_PROGRAMME_NOUNS = ("opening", "closing", "welcome", "chair", "chaired", "led", "discussion")
_WORD = rf"(?:[A-Z][A-Z-]+\b|{TOKEN}\b)"  # a capitalised word or an abbreviation (NHS)
_ORG_PHRASE = rf"{_WORD}(?:\s+(?:{_WORD}|of\b|and\b|&|for\b|the\b)){{0,8}}"


@dataclass(frozen=True)
class Span:
    """Where a name stands: a segment and character offsets in it."""

    segment: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Cue:
    """A context rule that fired, the names it points at and the role it gives them."""

    rule: str
    role: CueRole
    names: tuple[Span, ...]
    strong: bool
    evidence: Evidence
    talk: str | None = None
    affiliation: str | None = None


#: What a name is, said after it before the next name: " of a Bradford user-led".
_OF_A_PART = r"\s+(?:of|from)\s+(?:a|an|the)\s[^,.;]"
_OF_A = re.compile(_OF_A_PART + "*")


def name_spans(segment: Segment, start: int, end: int, rules: NameRules) -> tuple[Span, ...]:
    """The names of a matched group of names, honorifics and leading non-name words dropped.

    Stops at the first run that is not a name ("Jane Example, University of Somewhere").
    """
    spans: list[Span] = []
    for match in _compiled(rules).name.finditer(segment.text, start, end):
        words = match.group("run").split()
        kept = trim(words, rules)
        if spans and _bracketed(segment.text, start, match.start("run")):
            continue  # a name's organisation in brackets: "A (Leeds Mind), B (York CCG)"
        if spans and _OF_A.fullmatch(segment.text, spans[-1].end, match.start("run")):
            continue  # what a name is, after it: "A of a Bradford user-led group, and B"
        if not kept or any_blocked(kept, rules) or _abbreviated(words, segment.text, match.end()):
            break
        dropped = words[: len(words) - len(kept)]
        if spans and any(is_blocked(w, rules) for w in dropped):
            break  # a later item that opens with a word no name holds: "..., Who Defines Risk?"
        text = " ".join(kept)
        offset = segment.text.index(kept[0], match.start("run"))
        spans.append(Span(segment.index, offset, offset + len(" ".join(kept)), text))
    return tuple(spans)


#: An abbreviation in brackets right after a run of words: " (WY-FI)", " (CQC)".
_ABBREVIATION = re.compile(r"\s*\((?P<a>[A-Z][A-Za-z&.\-]{1,12})\)")


def _abbreviated(words: Sequence[str], text: str, end: int) -> bool:
    """Whether a run of capitalised words is followed by its own initials in brackets, as
    a body gives its short name ("West Yorkshire Finding Independence (WY-FI)", "Care
    Quality Commission (CQC)"): no person's name is shortened so."""
    found = _ABBREVIATION.match(text, end)
    if found is None:
        return False
    letters = [c for c in found["a"] if c.isupper()]
    initials = [w[0] for w in words if w[:1].isupper()]
    return len(letters) >= 2 and letters == initials[-len(letters) :]


def _affiliation(text: str, rules: NameRules) -> str | None:
    """The last comma-separated phrase that starts or ends with an organisation word."""
    found = None
    for phrase in re.split(r"\s*,\s*", text):
        words = phrase.strip(" .;:()").split()
        if words and (
            words[0].casefold() in rules.organisations
            or words[-1].casefold() in rules.organisations
        ):
            found = " ".join(words)
    return found


#: A cue rule: its name, role, strength, pattern, and a pattern every match contains.
_CueRule = tuple[str, CueRole, bool, re.Pattern[str], re.Pattern[str] | None]


@dataclass(frozen=True)
class _Patterns:
    """The regular expressions of the cue rules, compiled once per set of name rules."""

    rules: tuple[_CueRule, ...]
    talk_noun: re.Pattern[str]
    talk_by: re.Pattern[str]
    programme_lead: re.Pattern[str]
    group: re.Pattern[str]
    heading: re.Pattern[str]
    whole: re.Pattern[str]
    closing: re.Pattern[str]
    signed_inline: re.Pattern[str]
    byline: re.Pattern[str]
    name: re.Pattern[str]


def _cue_rules(rules: NameRules) -> tuple[_CueRule, ...]:
    """The sentence-level cue rules: thanks, honorific, of-organisation, speech verb,
    possessive talk."""
    group = rules.group
    talk = alternation(rules.talk_nouns)
    verbs = alternation(rules.speech_verbs)
    # "will then present", "is to chair": an announced talk
    announced = (
        rf"(?:will|shall|(?:is|are)\s+(?:going\s+)?to)(?:\s+(?:{_ADVERBS}))?"
        rf"\s+(?:{alternation(rules.announced_verbs)})\b"
    )
    gave = rf"gave\s+(?:an?|the|her|his|their)\s+(?:[\w-]+\s+)?(?:{talk})"
    # A name, or an honorific before it, starts with one of these: a look-ahead for them
    # turns most places of a text away at once (a quarter of the time of these rules).
    persons = alternation(rules.person_nouns)
    initials = re.escape("".join(sorted({h[0] for h in rules.honorifics})))
    named = rf"(?=[{UPPER}{initials}])(?<![\w-])"
    # names joined as a group, each maybe with what they are between commas: "Aoife
    # Example, a family therapist, and Deepak Example, a peer worker, ran the session"
    described = _described(rules)
    # Each rule: its name, role, strength, pattern, and a much faster pattern that every
    # match of it contains (an honorific, an apostrophe), which a text must hold before
    # the rule is searched for at all.
    return (
        (
            "thanks",
            "author",
            True,
            re.compile(
                rf"\b(?i:thanks?(?:\s+you)?)\s+to\s+(?P<g>{group})(?:,[^.;:]{{1,200}},)?"
                rf"\s+for\s+(?:\w+\s+){{0,3}}?"
                rf"(?i:{alternation(rules.contribution_nouns)})\b"
            ),
            None,
        ),
        (
            "honorific",
            "mentioned",
            True,
            re.compile(rf"{named}(?:{rules.honorific})\s+(?P<g>{rules.run})"),
            re.compile(alternation(rules.honorifics)),
        ),
        (
            "of-organisation",
            "mentioned",
            False,
            re.compile(
                rf"{named}(?P<g>{rules.run})\s+(?:of|from)\s+(?:the\s+)?(?P<org>{_ORG_PHRASE})"
            ),
            None,
        ),
        (
            # "Sandra Kowalski, who manages the College", "Ruth Achterberg, a third-year
            # student, has won": a relative clause or an appositive with "a" says what a
            # person is or does; the data must know the given name (not strong)
            "described",
            "mentioned",
            False,
            re.compile(
                rf"{named}(?P<g>{rules.run}),\s+(?:(?:who|whom|whose)\b"
                rf"|(?:a|an)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,6}},)"
            ),
            re.compile(r",\s+(?:who|whom|whose|an?)\s"),
        ),
        (
            # "Mikko Laitinen, a family therapist from Tornio", "Gemma Hartley, a carer from
            # Wakefield": an appositive whose noun only a person is (``person_nouns``), with
            # capitalised words in it too (the "described" rule takes lower case only); the
            # data must know the given name (not strong)
            "described-as",
            "mentioned",
            False,
            re.compile(
                rf"{named}(?P<g>{rules.run}),\s+(?:a|an|the|our|their)\s+"
                rf"(?:[\w'\u2019-]+\s+){{0,3}}?(?i:{persons})s?\b"
            ),
            re.compile(r",\s+(?:a|an|the|our|their)\s"),
        ),
        (
            # "the group facilitator, Declan Fahy", "the Trust's carers lead, Tony Example",
            # "said Recovery College manager Thandiwe
            # Moyo", "Tutor Marguerite Fenwick-Hall": the noun before a full name (with a
            # comma only after "the", "our": in "Name, psychologist, Pennine Moors NHS
            # Foundation Trust" an organisation follows)
            "titled-by-role",
            "mentioned",
            True,
            re.compile(
                rf"(?:\b(?i:the|our|their|an?)\s+(?:[\w'\u2019-]+\s+){{0,2}}?(?i:{persons}),\s+"
                rf"|(?<![\w-])(?i:{persons})\s+)"
                rf"{named}(?P<g>{rules.run}\s+{rules.run})"
            ),
            re.compile(rf"\w,?\s+[{UPPER}]"),
        ),
        (
            # "Our keynote, Prof. Chidi Example, took that thread", "the opening speaker,
            # Dr Jo Example,": what the person gave, set before the name between commas (a
            # talk's own title may stand there too: "The first talk, The Locked Door, ...")
            "titled-by-talk",
            "speaker",
            True,
            re.compile(
                rf"\b(?i:the|our|their)\s+(?:[\w-]+\s+)?(?i:{talk})(?:\s+(?i:speakers?))?,\s+"
                rf"(?:{named}(?:{rules.honorific})\s+)?(?!(?i:the|an?|this|that)\s){named}"
                rf"(?P<g>{rules.run}\s+{rules.run}),"
            ),
            re.compile(rf"(?i:{talk})(?:\s+speakers?)?,\s"),
        ),
        (
            # "new members Ade Example, Lesley Example and Tomasz Example", "tutors Pete A
            # and Nasreen B", "two nursing students, A and B,": a plural role noun before
            # a list of full names
            "titled-by-roles",
            "mentioned",
            True,
            # (the noun in lower case, or opening a sentence: "Survivors Speak Out", mid
            # sentence, is a group's name)
            re.compile(
                rf"(?:(?<![\w-])(?=[a-z])|^|(?<=[.!?:]\s))(?i:{persons})s,?\s+{named}(?P<g>{group})"
            ),
            re.compile(rf"[a-z]s,?\s+[{UPPER}{initials}]"),
        ),
        # Beside a person: "written with Dr Priti Nair and Alasdair MacLeod" (coordinated
        # with a person's name), "Zoë Lindgren and I took the train" (with the writer), "I'm
        # Ffion Roberts" (introducing oneself), "DAN WHITELEY: And I'm ..." (a transcript's
        # turn). The data must know the given name (not strong).
        (
            "with-a-person",
            "mentioned",
            False,
            re.compile(
                rf"{named}(?:{rules.honorific})\s+{rules.run}\s+(?:and|&)\s+{named}(?P<g>{rules.run})"
            ),
            re.compile(alternation(rules.honorifics)),
        ),
        (
            # "Liam talks to Helen Example about ...", "in conversation with X", "This week
            # Liam is joined by X": who an interviewer talks with. The data must know the
            # given name (not strong).
            "in-conversation",
            "mentioned",
            False,
            re.compile(
                r"\b(?i:(?:talks?|talked|talking|speaks?|spoke|speaking|chats?|chatted)\s+(?:to|with)"
                r"|in\s+conversation\s+with|interviews|interviewed|(?:is|are|was|were)\s+joined\s+by)"
                rf"\s+{named}(?P<g>{group})"
            ),
            re.compile(r"(?i)\b(?:talk|spoke|speak|chat|conversation|interview|joined)"),
        ),
        (
            # "Emeka Obi and Fergal Ó Briain in conversation after lunch", "A, a
            # psychologist, was in conversation with B": a session of people talking at the
            # seminar (who they talk with: the "in-conversation" rule)
            "in-conversation-pair",
            "speaker",
            False,
            re.compile(
                rf"{named}(?P<g>{group})(?:,[^.;:]{{1,80}},)?\s+(?:(?:was|were|are|is)\s+)?"
                r"in\s+conversation\b"
            ),
            re.compile(r"(?i)\bin\s+conversation\b"),
        ),
        (
            # "a walk led by Barnaby Example", "a day organised by A and B", "a course
            # co-delivered by C": who runs something, a person whatever the text is about
            # (at a seminar, "chaired by" and a talk by someone make a speaker). The data
            # must know the given name.
            "led-by",
            "mentioned",
            False,
            re.compile(
                r"\b(?i:(?:co-)?(?:led|organised|organized|hosted|co-ordinated|coordinated"
                r"|convened|delivered|facilitated|run|taught|designed))"
                rf"\s+by\s+{named}(?P<g>{group})"
            ),
            re.compile(
                r"(?i)\b(?:led|organi[sz]ed|hosted|ordinated|convened|delivered|facilitated"
                r"|run|taught|designed)\s+by\b"
            ),
        ),
        (
            # "Contact Callum Example to book", "Media enquiries: Graham Example, Press
            # Office": whom to ask. The data must know the given name (not strong).
            "contact",
            "mentioned",
            False,
            re.compile(
                r"\b(?i:(?:(?:media|press|general)\s+)?(?:contact|enquiries|queries)\s*:?"
                rf"|e-?mail|ring|phone|call)\s+{named}(?P<g>{rules.run})"
            ),
            re.compile(r"(?i)\b(?:contact|enquiries|queries|e-?mail|ring|phone|call)\b"),
        ),
        (
            "with-the-writer",
            "mentioned",
            False,
            re.compile(rf"{named}(?P<g>{rules.run})\s+and\s+I\b"),
            re.compile(r"\sand\s+I\b"),
        ),
        (
            "introduced",
            "mentioned",
            False,
            re.compile(rf"\b(?:I['\u2019]m|I\s+am|[Mm]y\s+name\s+is)\s+{named}(?P<g>{rules.run})"),
            re.compile(r"\bI['\u2019]m\b|\bI\s+am\b|\b[Mm]y\s+name\b"),
        ),
        ("turn", "mentioned", False, re.compile(rf"^{named}(?P<g>{rules.run})\s*:\s"), None),
        (
            # "a barrister, Temitope Adebayo, talked": a role, then the name between commas
            "named-role",
            "mentioned",
            False,
            re.compile(
                rf"\b(?i:a|an|our|their|my|his|her)\s+(?:[a-z][\w-]*\s+){{0,4}}?[a-z][\w-]*,"
                rf"\s+{named}(?P<g>{rules.run}),"
            ),
            None,
        ),
        (
            "speech-verb",
            "speaker",
            False,
            re.compile(
                rf"{named}(?P<g>{described})(?:\s*\([^)]{{0,80}}\))?(?:\s*,[^,.;]{{1,80}},)?"
                rf"(?:\s+(?:of|from)\s+(?:the\s+)?{_ORG_PHRASE})?"
                rf"(?:\s+(?:{_ADVERBS}))?\s+(?:{gave}|(?:{verbs})\b|{announced})"
            ),
            None,
        ),
        (
            # "Greg (Grzegorz Nowak) spoke for our group": a name in brackets after the
            # one the text calls the person by, before the verb, is that person's full name
            "bracketed-speaker",
            "speaker",
            False,
            re.compile(
                rf"{named}[{UPPER}][\w'\u2019-]+\s*\((?P<g>{rules.run})\)"
                rf"(?:\s+(?:{_ADVERBS}))?\s+(?:{gave}|(?:{verbs})\b|{announced})"
            ),
            re.compile(r"\w\)\s"),
        ),
        (
            # "A will present on supervision, and Dr B on what training leaves out": the
            # verb left out before the second speaker's "on" (gapping)
            "gapped-verb",
            "speaker",
            False,
            re.compile(
                rf"\b(?:(?:{verbs})|{announced})\s+on\s[^.;:]{{1,160}}?,?\s+and\s+"
                rf"{named}(?P<g>{rules.one})\s+on\s"
            ),
            re.compile(r"\bon\s[^.;:]{1,160}\sand\s"),
        ),
        (
            # "The afternoon panel brought together Dr A, B and C": who was on it
            "line-up",
            "speaker",
            False,
            re.compile(
                rf"\b(?i:{talk})\b[^.;:]{{0,40}}?\b(?i:{alternation(rules.line_up_verbs)})\s+"
                rf"(?:together\s+)?{named}(?P<g>{described})"
            ),
            re.compile(rf"(?i)\b(?:{alternation(rules.line_up_verbs)})\s"),
        ),
        (
            # "Chaired by Professor A.", "the panel, moderated by B and C": a chair speaks
            "chaired-by",
            "speaker",
            False,
            re.compile(
                rf"\b(?i:chaired|co-chaired|moderated|facilitated|compered)\s+by\s+"
                rf"{named}(?P<g>{group})"
            ),
            re.compile(r"(?i)(?:chair|moderat|facilitat|compere)ed\s+by"),
        ),
        (
            # "Then came Bob Example", "He was followed by Dr A": the next on the floor;
            # "followed by Dr A, consultant psychiatrist, and B, peer support worker"
            "speaking-turn",
            "speaker",
            False,
            re.compile(
                rf"\b(?i:{alternation(rules.turn_phrases)})\s+{named}"
                rf"(?P<g>{_described(rules, articles=False)})"
            ),
            None,
        ),
        (
            # "Ward manager A and peer support worker B heard a keynote from C": people in
            # the audience (link/roles.py: a weak cue makes none of them a speaker); the
            # data must know the given name (not strong)
            "listener",
            "mentioned",
            False,
            re.compile(
                rf"{named}(?P<g>{rules.one}(?:{rules.joiner}(?:[a-z][\w-]*\s+){{0,4}}"
                rf"{rules.one})*)\s+(?:{alternation(rules.listener_verbs)})\b"
            ),
            re.compile(rf"\s(?:{alternation(rules.listener_verbs)})\b"),
        ),
        (
            "possessive-talk",
            "speaker",
            False,
            re.compile(rf"{named}(?P<g>{group})['\u2019]s?\s+(?:[\w-]+\s+){{0,2}}?(?i:{talk})\b"),
            re.compile("['\u2019]"),
        ),
    )


def _described(rules: NameRules, articles: bool = True) -> str:
    """A regex: names joined as a group, each maybe with what they are between commas:
    "Aoife Example, a family therapist, and Deepak Example, a peer worker, ran the session",
    "presentations by Dr Yusuf Example, forensic psychologist, and Dr Ingrid Example". After
    "by" or "from" (``articles`` false) only a role in lower case: "a keynote from A, the
    Swapping Chairs workshop with B" lists talks, not one person's role."""
    lower = r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,4}"
    role = rf"(?:(?:a|an|the|our|who)\s[^,.;]{{1,80}}|{lower})" if articles else lower
    ahead = r"(?=,\s*(?:and\s+)?[A-Z])"  # another name follows
    appositive = rf"(?:\s*,\s+{role}{ahead})?"
    if articles:  # "Ayesha Example of a Bradford user-led organisation, and B"
        appositive = rf"(?:{_OF_A_PART}{{1,80}}{ahead}|{appositive})"
    return rf"{rules.one}{appositive}(?:{rules.joiner}{rules.one}{appositive})*"


@functools.lru_cache(maxsize=8)
def _compiled(rules: NameRules) -> _Patterns:
    """Every pattern of the cues, compiled once per set of name rules."""
    talk = alternation(rules.talk_nouns)
    talk_noun = re.compile(rf"\b(?i:{talk})\b")
    listed = _described(rules, articles=False)
    talk_by = re.compile(
        rf"\b(?:by|from|with)\s+(?P<between>(?:[^\s,.;:()]+\s+){{0,5}}?)(?P<g>{listed})"
    )
    nouns = alternation((*rules.talk_nouns, *_PROGRAMME_NOUNS))
    closings = alternation(rules.closings)
    return _Patterns(
        rules=_cue_rules(rules),
        talk_noun=talk_noun,
        talk_by=talk_by,
        programme_lead=re.compile(rf"(?i:(?:{nouns})(?:\s+[\w-]+){{0,2}}?\s+(?:by|with|from))\s+"),
        group=re.compile(rules.group),
        heading=re.compile(
            rf"(?P<g>{rules.group})(?:\s*:\s*(?P<a>\S.*)|\s*,\s*(?P<b>[\u2018\u201c\"'].+))$"
        ),
        whole=re.compile(rf"\s*(?P<g>{rules.group})\s*[.,]?\s*"),
        closing=re.compile(rf"\s*(?i:{closings})\s*[,.!]?\s*"),
        signed_inline=re.compile(rf"\s*(?i:{closings})\s*[,.!]?\s+(?P<g>{rules.group})\s*[.,]?\s*"),
        byline=re.compile(rf"(?:^|[\s.,:\u2013\u2014-])(?i:by)\s+(?P<g>{rules.group})\s*$"),
        name=re.compile(rf"(?:{rules.honorific}\s+)?(?P<run>{rules.run})"),
    )


#: A line of a list that is a name and a role is short.
MAX_ROLE_LINE = 80


def find_cues(doc: Document, segments: Sequence[Segment], rules: NameRules) -> tuple[Cue, ...]:
    """Every cue of every rule in a document, in reading order."""
    cues: list[Cue] = []
    compiled = _compiled(rules)
    patterns, talk_noun, talk_by = compiled.rules, compiled.talk_noun, compiled.talk_by
    headings = [_heading(doc, segment, rules) for segment in segments]
    turns = _turns(headings)
    # lines that are a name and a role ("Marjorie Example, carer"), maybe after a label
    # ("Nurse of the Year: Olamide Example, Becklin Centre"): two together are a list
    with_roles = {
        s.index
        for s in segments
        if len(s.text) <= MAX_ROLE_LINE and name_and_role(_LABEL.sub("", s.text.strip()))
    }
    listed: dict[int, list[Cue]] = {}
    for cue in _speaker_lines(doc, segments, rules):
        listed.setdefault(cue.names[0].segment, []).append(cue)
    timed = [_programme(doc, segment, rules) for segment in segments]
    writers = _live_writers(doc, segments, timed)
    for segment, heading, programme in zip(segments, headings, timed, strict=True):
        cues.extend(listed.get(segment.index, ()))
        cues.extend(cue for cue in programme if _label(cue) not in writers)
        cues.extend(_speaker_list(doc, segment, rules))
        cues.extend(_name_list(doc, segment, rules))
        cues.extend(cue for cue in heading if _label(cue) not in turns)
        in_list = bool({segment.index - 1, segment.index + 1} & with_roles)
        cues.extend(_name_alone(doc, segment, rules, in_list))
        for rule, role, strong, pattern, needs in patterns:
            if needs and not needs.search(segment.text):
                continue
            for match in _matches(rule, pattern, needs, segment.text):
                if rule == "of-organisation" and not any(
                    w.casefold() in rules.organisations for w in match.group("org").split()
                ):
                    continue
                names = name_spans(segment, *match.span("g"), rules)
                if rule == "honorific" and not names:
                    continue
                # "X, a governor who attended with us, said", "X said in the plenary",
                # "X, Dean of the School, said: '...'": a person, and no speaker
                heard = rule == "speech-verb" and (
                    _in_audience(match.group(), rules)
                    or _from_the_floor(segment.text, match.end(), rules)
                    or _quoted_by_role(segment.text, match, rules)
                )
                aff = match.group("org") if rule == "of-organisation" else None
                ev = evidence(doc, segment, match.start("g"), rule)
                cues.append(
                    Cue(rule, "mentioned" if heard else role, names, strong, ev, affiliation=aff)
                )
        # A talk by someone: "by Name" and a talk noun in one sentence. Most texts have
        # no "by Name" at all, and then their sentences need not be looked at.
        if not talk_by.search(segment.text):
            continue
        for start, end in sentences(segment.text):
            if not talk_noun.search(segment.text, start, end):
                continue
            for match in talk_by.finditer(segment.text, start, end):
                between = {w.casefold() for w in match.group("between").split()}
                if between & rules.bystander_words or _asked(segment.text, match, rules):
                    continue
                names = name_spans(segment, *match.span("g"), rules) or _after_a_label(
                    segment, match.end("g"), end, rules
                )
                if credited_by(segment.text, match.start()):
                    # "Photographs by X": who took the pictures, a person but no speaker
                    ev = evidence(doc, segment, match.start("g"), "credit")
                    cues.append(Cue("credit", "mentioned", names, True, ev))
                    continue
                ev = evidence(doc, segment, match.start("g"), "talk-by")
                cues.append(Cue("talk-by", "speaker", names, False, ev))
    cues.extend(_authors(doc, segments, rules))
    return tuple(c for c in cues if c.names)


def _bracketed(text: str, start: int, at: int) -> bool:
    """Whether ``at`` is inside brackets opened after ``start``."""
    opened = text.rfind("(", start, at)
    return opened >= 0 and text.find(")", opened, at) < 0


#: Rules whose every match starts at one of the few words before where their quick
#: pattern matches (a role noun before a name: "... members A B", "the group facilitator,
#: C D"), with how many words back to try: only those places are tried, as a scan of every
#: place of a text with the many role nouns is slow.
_ANCHORED = {"titled-by-roles": 2, "titled-by-role": 5}


def _matches(
    rule: str, pattern: re.Pattern[str], needs: re.Pattern[str] | None, text: str
) -> Iterator[re.Match[str]]:
    """The matches of a cue rule's pattern in ``text``, in order."""
    if needs is None or rule not in _ANCHORED:
        yield from pattern.finditer(text)
        return
    end = 0
    for found in needs.finditer(text):
        starts = [text.rfind(" ", 0, found.start()) + 1]  # the noun's word, then those before
        while len(starts) < _ANCHORED[rule] and starts[-1] > 0:
            starts.append(text.rfind(" ", 0, starts[-1] - 1) + 1)
        for start in reversed(starts):
            if start >= end and (match := pattern.match(text, start)):
                end = match.end()
                yield match
                break


#: A place or an organisation and a role may stand between "from" and a name: "a response
#: from Leeds campaigner A B", "a talk by York GP C D".
MAX_LABEL_WORDS = 3


def _after_a_label(segment: Segment, start: int, end: int, rules: NameRules) -> tuple[Span, ...]:
    """The names of the next group of names after ``start``, when only a short label in
    lower case stands between (the capitalised word before it named no person): "from
    Leeds campaigner Gareth Bishop"."""
    later = _compiled(rules).group.search(segment.text, start, end)
    if later is None:
        return ()
    label = segment.text[start : later.start()].split()
    if not label or len(label) > MAX_LABEL_WORDS or not all(w.islower() for w in label):
        return ()
    return name_spans(segment, *later.span(), rules)


def _in_audience(text: str, rules: NameRules) -> bool:
    """Whether the words between a name and its speech verb say the person was in the
    room, not on the programme: "Zoë Ackroyd, a public governor who attended with Dr
    Fontaine, said" (``attendance_cues``); or not in the room at all: "Professor X, who
    was not at the seminar, told the magazine" (``absence_cues``). Who they are ("a
    carer") says nothing."""
    absent = _audience_patterns(rules)[2]
    return bool(tense_patterns(rules)[1].search(text) or absent.search(text))


@functools.lru_cache(maxsize=8)
def _audience_patterns(
    rules: NameRules,
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """``floor_cues`` right after a speech verb; ``question_nouns`` right before by/from;
    ``absence_cues`` anywhere."""
    return (
        re.compile(rf"(?i)\s*(?:{alternation(rules.floor_cues)})\b"),
        re.compile(rf"(?i)\b(?:{alternation(rules.question_nouns)})\s*$"),
        re.compile(rf"(?i)\b(?:{alternation(rules.absence_cues)})\b"),
    )


def _from_the_floor(text: str, end: int, rules: NameRules) -> bool:
    """Whether the words right after a speech verb put the speaker in the audience: "X
    said in the plenary that ...", "X asked from the floor" (``floor_cues``)."""
    return _audience_patterns(rules)[0].match(text, end) is not None


#: A press quote: the speaker's role between commas, then "said:" and a quotation.
_PRESS_QUOTE = re.compile(r",[^,.;]{1,80},\s+(?:said|says|added|commented)\s*:\s*[\u201c\"\u2018']")


def _quoted_by_role(text: str, match: re.Match[str], rules: NameRules) -> bool:
    """Whether a speech verb quotes someone named with their post, as a news story quotes
    its sources: "Dr X, the Trust's Chief Executive, said: '...'"; a recap's speakers say
    things without a post and a colon ("Dr X, a psychiatrist, said that ...")."""
    start = match.end("g")
    return _PRESS_QUOTE.match(text, start) is not None and not re.search(
        rf"(?i)\b(?:{alternation(rules.talk_nouns)})\b", text[start : match.end()]
    )


def _asked(text: str, match: re.Match[str], rules: NameRules) -> bool:
    """Whether a talk-by match names someone who asked ("a question from X"), or someone
    the writer agreed, went or talked with ("I agree with Kirsty about the workshop")."""
    if _audience_patterns(rules)[1].search(text, 0, match.start()) is not None:
        return True
    return match.group().startswith("with") and bool(
        _companion(rules).search(text, 0, match.start())
    )


@functools.lru_cache(maxsize=8)
def _companion(rules: NameRules) -> re.Pattern[str]:
    """``companion_verbs`` right before "with"."""
    return re.compile(rf"(?i)\b(?:{alternation(rules.companion_verbs)})\s+$")


def _programme(doc: Document, segment: Segment, rules: NameRules) -> list[Cue]:
    """A programme line: ``"10.30 - Keynote by Anne Rogers, Professor ..., University of
    Southampton 'Title'"``, ``"11.30am Whose Story Counts? - Ruth Hallworth"``, ``"1.30pm -
    2.30pm Workshops ... led by A and B"``. Its names stand right after the time (and a
    lead such as "Keynote by"), after "by", "with", "chaired by", or after a dash."""
    time = PROGRAMME_TIME.match(segment.text)
    if time is None or "\n" in segment.text.strip():
        return []
    compiled = _compiled(rules)
    at = time.end()
    cue_match = compiled.programme_lead.match(segment.text, at)
    at = cue_match.end() if cue_match else at
    cues: list[Cue] = []
    # After "by", "with", "chaired by" names are what the words announce; at the start, after
    # a colon or a dash a capitalised run may as well be a talk's title ("Keynote: Learning
    # Alongside, Not About"), so there a name needs an honorific or a given name the data knows.
    found = list(_PROGRAMME_BY.finditer(segment.text, at))
    starts = {at: False} | {m.end(): bool(m.group("by")) for m in found}
    # a speaker with an honorific after the talk's title and a comma ("Keynote: Lessons
    # from Ten Years of Training, Professor A")
    honoured = re.compile(rf",\s+(?=(?:{rules.honorific})\s+[{UPPER}])")
    starts = dict(
        sorted(starts.items() | {(m.end(), False) for m in honoured.finditer(segment.text, at)})
    )
    dashes = {m.end() for m in found if any(d in m.group() for d in "-\u2013\u2014")}
    brackets = {m.end() for m in found if m.group().strip() == "("}
    for start, announced in starts.items():
        # "Title - Names": after a dash, names are what the line announces when its start
        # held none ("Growing Voices Together - A Speaker"); else the dash starts a title.
        announced = announced or (start in dashes and not cues)
        lead = re.match(rf"(?:{rules.honorific}\s+)?[{UPPER}]", segment.text[start:])
        match = compiled.group.match(segment.text, start) if lead else None
        if match is None:
            continue
        # names joined in one group ("A and the Revd B") vouch for each other; a title
        # before a comma and a speaker ("Keynote: Partnership Behind Locked Doors, Ms A")
        # is vouched for by nobody
        spans = name_spans(segment, *match.span(), rules)
        names = spans if announced else _vouched_group(segment.text, spans, rules)
        if not names or not _AFTER_NAMES.match(segment.text, names[-1].end):
            continue
        rest = segment.text[names[-1].end :]
        quoted = _QUOTED.search(rest)
        aff = _affiliation(rest[: quoted.start()] if quoted else rest.split(".")[0], rules)
        title = quoted.group("t").strip() if quoted else None
        if title is None and (start in dashes or start in brackets) and not cues:
            # "Title - Names", "Title (Names)": the title before them
            title = segment.text[at:start].rstrip(" (").strip(" \u2013\u2014-:") or None
        ev = evidence(doc, segment, start, "programme")
        cues.append(Cue("programme", "speaker", names, True, ev, talk=title, affiliation=aff))
    return cues


def _vouched_group(text: str, spans: Sequence[Span], rules: NameRules) -> tuple[Span, ...]:
    """The names of a group a programme line gives where a title may stand: each vouched
    for by itself (:func:`_vouched`), by a name before it in the group, or by the next name
    when "and" or "&" joins them ("A and the Revd B"). Of two parts with only a comma
    between, the second may be the first's talk: each must vouch for itself."""
    alone = [_vouched(text, span, rules) for span in spans]
    joined = re.compile(rf"(?i)\s+(?:and|&)\s+(?:the\s+)?(?:(?:{rules.honorific})\s+)?")
    if len(spans) == 2 and re.fullmatch(r"\s*,\s*", text[spans[0].end : spans[1].start]):
        # two parts and a comma between, no "and": a speaker and a title ("Dr Matthew
        # Example, Consent Under Pressure"), each vouched for by itself
        return tuple(span for span, vouched in zip(spans, alone, strict=True) if vouched)
    return tuple(
        span
        for i, span in enumerate(spans)
        if any(alone[: i + 1])
        or (
            i + 1 < len(spans)
            and alone[i + 1]
            and joined.fullmatch(text, span.end, spans[i + 1].start) is not None
        )
    )


def _vouched(text: str, span: Span, rules: NameRules) -> bool:
    """Whether a name is a person's by itself: an honorific before it, or a first word that
    is a given name the data knows (``names.is_given_name``)."""
    before = text[: span.start].rstrip()
    return bool(re.search(rf"(?:^|\s)(?:{rules.honorific})$", before)) or is_given_name(
        span.text.split()[0]
    )


_SENTENCE_END = re.compile(r"[.!?][\u2019\u201d\"')]*$")
#: An author's affiliation after the name at the head of a handout or paper is short.
MAX_AFFILIATION_WORDS = 10
#: A list of people: items between these separators ("A, B and C", "A · B · C", "A; B").
_ITEM_SEP = re.compile(r"\s*(?:[,;\u00b7\u2022|]|\s&\s|\band\b)\s*")
_LABEL = re.compile(r"^[^:]{1,60}:\s+")  # "Volunteer of the Year: " before a list
#: A list needs this many items, and this share of them names, to be a list of people.
MIN_LIST_ITEMS = 3
LIST_NAME_SHARE = 0.75


def _name_list(doc: Document, segment: Segment, rules: NameRules) -> list[Cue]:
    """A line that lists people: "Martin Webber, Pamela Fisher, ... and Tomasz Wisniewski",
    "Unsung Hero: A (estates), B (pharmacy), C (ward)", "Ms A \u00b7 Revd B \u00b7 C". Most of
    its items are names on their own (an honorific or a bracketed role allowed), and one at
    least has an honorific or a given name the data knows; each name is a person."""
    text = segment.text
    label = _LABEL.match(text)
    # A sentence is no list, unless a label introduces it: "The organising group: A, B and C."
    ended = _SENTENCE_END.search(text.rstrip())
    if "\n" in text.strip() or len(text) > 400 or (ended and not label):
        return []
    start = label.end() if label else 0
    stop = len(text.rstrip().rstrip(".")) if ended else len(text)
    items = [
        (m.start() + start, m.group())
        for m in re.finditer(r"[^,;\u00b7\u2022|&]+", text[start:stop])
        if m.group().strip()
    ]
    pieces: list[tuple[int, str]] = []
    for at, item in items:  # "B and C" is two items
        for part in re.finditer(r"(?:^|\s+and\s+)(?P<p>(?:(?!\s+and\s+).)+)", item):
            if part.group("p").strip():
                pieces.append((at + part.start("p"), part.group("p")))
    if len(pieces) < MIN_LIST_ITEMS:
        return []
    compiled = _compiled(rules)
    names: list[Span] = []
    for at, piece in pieces:
        bare = re.sub(r"\s*\([^)]{0,80}\)\s*$", "", piece).strip()
        offset = text.index(bare, at) if bare else at
        whole = compiled.name.fullmatch(text, offset, offset + len(bare)) if bare else None
        spans = name_spans(segment, offset, offset + len(bare), rules) if whole else ()
        if len(spans) == 1 and is_name_shape(spans[0].text.split(), rules):
            names.append(spans[0])
    if len(names) < LIST_NAME_SHARE * len(pieces) or not any(
        _vouched(text, span, rules) for span in names
    ):
        return []
    ev = evidence(doc, segment, names[0].start, "name-list")
    return [Cue("name-list", "mentioned", tuple(names), True, ev)]


def _speaker_lines(doc: Document, segments: Sequence[Segment], rules: NameRules) -> list[Cue]:
    """A "Speakers" heading, or a sentence that leads into the speakers with a colon ("We are
    delighted to welcome three speakers:"), over lines that each open with a name, its role
    after it ("Dr Eilidh MacAskill - Open Dialogue trainer", "Matthew Pryce, Peer Support
    Worker"): each of those names is a speaker. The first line that opens otherwise ends
    the list."""
    cues: list[Cue] = []
    whole = _compiled(rules).whole
    listing = False
    for segment in segments:
        at = 0
        for line in segment.text.split("\n"):
            start, at = at, at + len(line) + 1
            if _SPEAKERS_HEAD.fullmatch(line) or _SPEAKERS_LEAD.fullmatch(line):
                listing = True
                continue
            if not listing:
                continue
            role = _ROLE_AFTER.search(line)
            found = whole.fullmatch(line, 0, role.start() if role else len(line))
            spans = (
                name_spans(segment, start + found.start("g"), start + found.end("g"), rules)
                if found
                else ()
            )
            if not spans:
                listing = False
                continue
            ev = evidence(doc, segment, start, "speaker-lines")
            cues.append(Cue("speaker-lines", "speaker", spans, True, ev))
    return cues


def _speaker_list(doc: Document, segment: Segment, rules: NameRules) -> list[Cue]:
    """``"Speakers include Dr A, role, organisation, Professor B, ..., and Ms C."``: every
    item of the list that is a name is a speaker; roles and organisations between are not."""
    cues: list[Cue] = []
    for found in _SPEAKER_LIST.finditer(segment.text):
        # the list is in the sentence its lead-in ends in
        end = next((e for s, e in sentences(segment.text) if s <= found.end() - 1 < e), None)
        end = end if end is not None else len(segment.text)
        names: list[Span] = []
        listed = segment.text[found.end() : end]
        # "A, role, organisation; B, role; and C": with semicolons between the people,
        # only the first part of each is a name, the rest says who they are
        items = r"(?:^|(?<=;))[^,;]+" if ";" in listed else r"[^,;]+"
        for item in re.finditer(items, listed):
            start = found.end() + item.start()
            text = item.group()
            start += len(text) - len(text.lstrip())
            text = re.sub(r"^(?:and|&)\s+", "", text.strip())
            start = segment.text.index(text, start) if text else start
            whole = _compiled(rules).group.match(segment.text, start)
            if whole is None or not text:
                continue
            spans = name_spans(segment, *whole.span(), rules)
            if (
                spans
                and _AFTER_NAMES.match(segment.text, spans[-1].end)
                and not _owning_body(segment.text, spans[-1].end)
            ):
                names.extend(spans)
        if names:
            ev = evidence(doc, segment, found.end(), "speaker-list")
            cues.append(Cue("speaker-list", "speaker", tuple(names), True, ev))
    return cues


#: A possessive and the words after it, up to the item's end: "'s College", "'s NHS Trust".
_POSSESSED = re.compile(r"['\u2019]s\s+(?P<words>[^,;()]{1,60})")


def _owning_body(text: str, end: int) -> bool:
    """Whether the name that ends at ``end`` names a body in the possessive, as a list
    gives a speaker's organisation: "St Catherine's College", "St Mary's Hospital" (a word
    of the ``organisation`` group among the words after it)."""
    found = _POSSESSED.match(text, end)
    return found is not None and any(w.casefold() in _bodies() for w in found["words"].split())


@functools.cache
def _bodies() -> frozenset[str]:
    """The words that name a body ("College", "Hospital"), case-folded."""
    return frozenset(w.casefold() for w in name_words().not_name_group("organisation"))


def _heading(doc: Document, segment: Segment, rules: NameRules) -> list[Cue]:
    """``"Anne Rogers: Commissioning of self-management support"`` or ``"Name, 'Title'"``."""
    text = segment.text.strip()
    if "\n" in text or len(text) > 200 or text.endswith(".") or PROGRAMME_TIME.match(text):
        return []
    lead = len(segment.text) - len(segment.text.lstrip())
    found = _compiled(rules).heading.match(segment.text.rstrip(), lead)
    if found is None:
        return []
    names = name_spans(segment, *found.span("g"), rules)
    title = (
        (found.group("a") or found.group("b")).strip().strip("\u2018\u2019\u201c\u201d\"'").strip()
    )
    strong = bool(re.match(rules.honorific + r"\s", found.group("g")))
    ev = evidence(doc, segment, lead, "talk-heading")
    return [Cue("talk-heading", "speaker", names, strong, ev, talk=title or None)]


def _label(cue: Cue) -> str:
    return " ".join(span.text.casefold() for span in cue.names)


def _live_writers(
    doc: Document, segments: Sequence[Segment], timed: Sequence[list[Cue]]
) -> frozenset[str]:
    """The names that open a timed line with a colon ("10:05 - Callum: We are under way.")
    as a live blog's writers sign each update: a name that does so twice or more, or one
    of the post's writers. A programme gives each speaker's line once ("11.00 Professor
    Anne Example: Weak ties")."""
    opened = Counter(
        _label(cue)
        for cues in timed
        for cue in cues[:1]
        if cue.names and segments[cue.names[-1].segment].text[cue.names[-1].end :].startswith(":")
    )
    written = {w for byline in doc.bylines for w in byline.casefold().split()}
    return frozenset(
        label for label, count in opened.items() if count > 1 or set(label.split()) <= written
    )


def _turns(headings: Sequence[list[Cue]]) -> frozenset[str]:
    """The names that open two or more ``"Name: ..."`` lines of one text: the turns of an
    interview or a transcript ("Chidi: How did you start?" / "Phil: By accident."), not
    talk headings, which give each speaker's name once."""
    seen = Counter(_label(cue) for cues in headings for cue in cues if cue.names)
    return frozenset(label for label, count in seen.items() if count > 1)


def _name_alone(
    doc: Document, segment: Segment, rules: NameRules, in_list: bool = False
) -> list[Cue]:
    """A line that is one person's name and nothing else, as a team page lists its people
    ("Efua Owusu-Ansah" over her role), or, in a list of such lines (``in_list``), with a
    short role or body after a comma ("Marjorie Example, carer"): a person when an
    honorific or a given name the data knows vouches for it. (A post's title is never read
    so; a signature is read by :func:`_authors` too, as the post's author.)"""
    text = segment.text.strip()
    if segment.kind == "title" or "\n" in text or len(text) > 80 or BYLINE_PREFIX.match(text):
        return []
    whole = _compiled(rules).whole
    found = whole.fullmatch(segment.text)
    if found is None and in_list and (named := name_and_role(_LABEL.sub("", text))):
        # with a short role or body after a comma, in a list of such lines: "Marjorie
        # Example, carer" / "Rhiannon Example, Hafal", maybe each after its label ("Nurse
        # of the Year: Olamide Example, Becklin Centre")
        at = segment.text.index(named)
        found = whole.fullmatch(segment.text, at, at + len(named))
    if found is None:
        return []
    names = name_spans(segment, *found.span("g"), rules)
    if len(names) != 1 or not _vouched(segment.text, names[0], rules):
        return []
    if not is_name_shape(names[0].text.split(), rules) or len(names[0].text.split()) < 2:
        return []
    ev = evidence(doc, segment, names[0].start, "name-alone")
    return [Cue("name-alone", "mentioned", names, True, ev)]


#: A name in brackets after a paragraph's last sentence: its writer's signature.
_SIGNED_AFTER = re.compile(r"(?<=[.!?\u201d\"])\s+\((?P<n>[^()]{3,60})\)\s*$")
#: The kinds of segment that title a text or a slide: never a writer's name, though a title
#: in capitals is recased and may look like one ("WHAT REGULATORS KNOW").
_TITLES = ("title", "slide")


def _authors(doc: Document, segments: Sequence[Segment], rules: NameRules) -> list[Cue]:
    """Bylines in the title, signatures, and a name alone at the head of an article."""
    cues: list[Cue] = []
    compiled = _compiled(rules)
    whole, closing = compiled.whole, compiled.closing
    signed_inline, byline = compiled.signed_inline, compiled.byline

    def add(rule: str, segment: Segment, start: int, end: int) -> None:
        names = name_spans(segment, start, end, rules)
        cues.append(Cue(rule, "author", names, True, evidence(doc, segment, start, rule)))

    if segments and len(segments[0].text) <= 200 and (found := byline.search(segments[0].text)):
        add("byline", segments[0], *found.span("g"))
    for number, segment in enumerate(segments):
        # a contribution signed in brackets after its last sentence, as a post gathering
        # several people's thoughts prints each ("... it shows. (Jo Bloggs)")
        if (
            (bracket := _SIGNED_AFTER.search(segment.text))
            and is_prose_text(segment.text[: bracket.start()])
            and not PROGRAMME_TIME.match(segment.text)  # a programme's talk and its speaker
            and (signed := whole.fullmatch(segment.text, *bracket.span("n")))
        ):
            add("signature", segment, *signed.span("g"))
        if closing.fullmatch(segment.text) and number + 1 < len(segments):
            after = segments[number + 1]
            if signed := whole.fullmatch(after.text):
                add("signature", after, *signed.span("g"))
        elif inline := signed_inline.fullmatch(segment.text):
            add("signature", segment, *inline.span("g"))
    # A name alone next to another is an item of a list of people (new members, a
    # committee, one to a line): neither a signature nor a byline; nor is the last line of
    # a list of names each with a role or a body ("Marjorie Example, carer").
    named = [s.kind not in _TITLES and whole.fullmatch(s.text) is not None for s in segments]
    listed = [
        a and ((i > 0 and named[i - 1]) or (i + 1 < len(named) and named[i + 1]))
        for i, a in enumerate(named)
    ]
    if (
        segments
        and (last := whole.fullmatch(segments[-1].text))
        and segments[-1].kind not in _TITLES
    ):
        names = name_spans(segments[-1], *last.span("g"), rules)
        announced = len(segments) > 1 and segments[-2].text.rstrip().endswith(":")
        # the last of a list of names, or of names each with a role or a body
        after_list = len(segments) > 1 and (named[-2] or bool(name_and_role(segments[-2].text)))
        if len(names) <= MAX_SIGNATURE_NAMES and not announced and not after_list:
            add("signature", segments[-1], *last.span("g"))
    if doc.kind in ("article", "slides"):
        for number, segment in enumerate(segments[:5]):
            if is_prose_text(segment.text):
                break  # its writers stand above its text; a team page's names come after
            if segment.kind in _TITLES or segment.hint == "title" or listed[number]:
                continue
            # The name alone, or with the author's affiliation after a comma ("Dr Ruth
            # Hallworth, University of Salford"), as a handout or a paper heads its text;
            # several such, parted by a middle dot, a bar or a semicolon ("A, role · B,
            # role", "A, role; B, role").
            for start, end in _parts(segment.text):
                comma = segment.text.find(",", start, end)
                head = (
                    comma
                    if comma > 0 and len(segment.text[comma:end].split()) <= MAX_AFFILIATION_WORDS
                    else end
                )
                if alone := whole.fullmatch(segment.text, start, head):
                    add("byline", segment, *alone.span("g"))
    return cues


_PART = re.compile(rf"[^{re.escape(ROLE_MARKS)}]+")


def _parts(text: str) -> list[tuple[int, int]]:
    """Where each part of a line parted by middle dots, bars or semicolons starts and
    ends, spaces around it left out."""
    out = []
    for match in _PART.finditer(text):
        start, end = match.span()
        start += len(match.group()) - len(match.group().lstrip())
        end -= len(match.group()) - len(match.group().rstrip())
        if start < end:
            out.append((start, end))
    return out
