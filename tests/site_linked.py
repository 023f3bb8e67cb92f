"""A small hand-made link-stage output for the site tests: 2 seminars, 3 people (one not
yet reviewed), 3 concepts and 3 documents.

Texts carry Markdown, MyST and HTML syntax on purpose (``*``, ``[...]``, ``<b>``,
``{term}``, `` ` ``, ``:::``, ``$``): every page must show them as text, and the site must
still build without a warning.
"""

from __future__ import annotations

from typing import Literal

from tools.ingest.records import (
    Block,
    Concept,
    Document,
    Evidence,
    Fact,
    Linked,
    Mention,
    Origin,
    Person,
    Role,
    Seminar,
    Talk,
)

NOTES = "seminar-4-notes"
REFLECTIONS = "york-reflections"
ARTICLE = "clark-2015"

S_ROGERS = "Anne Rogers spoke about *weak ties* and [networks] in commissioning."
S_NEWBIGGING = "Karen Newbigging asked who commissioning serves: `people` or <b>budgets</b>?"
S_ONEILL = "I'm Sam O'Neill and this was my first ESRC {term}`co-production` day."
S_CLARK = "Co-production needs time:\n::: to build trust $x$."


def _mention(
    target: Literal["person", "concept"], key: str, text: str, sentence: str, line: int
) -> Mention:
    return Mention(target=target, id=key, text=text, sentence=sentence, line=line)


def _block(text: str, line: int) -> Block:
    return Block(kind="paragraph", text=text, first=line, last=line)


DOCUMENTS = (
    Document(
        id=NOTES,
        title="Seminar 4: notes <on> *policy* & [commissioning]",
        title_derived=False,
        kind="blog",
        bylines=("Karen Newbigging",),
        blocks=(_block(S_ROGERS, 12), _block(S_NEWBIGGING, 14)),
        origins=(Origin("blog/archive.txt", (1, 40)), Origin("blog/copy.txt", (3, 30))),
        date="2016-10-28",
        authors=("karen-newbigging",),
        people=("anne-rogers", "karen-newbigging"),
        concepts=("commissioning", "weak-ties"),
        seminar=4,
        seminar_evidence=(Evidence("seminar-number", "Seminar 4", "blog/archive.txt", 2),),
        mentions=(
            _mention("person", "anne-rogers", "Anne Rogers", S_ROGERS, 12),
            _mention("concept", "weak-ties", "weak ties", S_ROGERS, 12),
            _mention("concept", "commissioning", "commissioning", S_ROGERS, 12),
            _mention("person", "karen-newbigging", "Karen Newbigging", S_NEWBIGGING, 14),
            _mention("concept", "commissioning", "commissioning", S_NEWBIGGING, 14),
        ),
    ),
    Document(
        id=REFLECTIONS,
        title="I'm Sam O'Neill and this was my first ESRC {term}`co-production` day",
        title_derived=True,
        kind="blog",
        bylines=("Sam",),
        blocks=(_block(S_ONEILL, 3),),
        origins=(Origin("blog/york.txt", (1, 20)),),
        authors=("sam-oneill",),
        people=("sam-oneill",),
        concepts=("co-production",),
        seminar=5,
        mentions=(
            _mention("person", "sam-oneill", "Sam O'Neill", S_ONEILL, 3),
            _mention("concept", "co-production", "co-production", S_ONEILL, 3),
        ),
    ),
    Document(
        id=ARTICLE,
        title="Co-production in mental health care",
        title_derived=False,
        kind="article",
        bylines=("Michael Clark",),
        blocks=(_block(S_CLARK, 40),),
        origins=(Origin("articles/clark.txt", (1, 300)),),
        date="2015",
        concepts=("co-production",),
        mentions=(_mention("concept", "co-production", "Co-production", S_CLARK, 40),),
    ),
)

SEMINARS = (
    Seminar(
        number=4,
        title="Contemporary developments in mental health policy and commissioning",
        titles=("Contemporary developments in mental health policy and commissioning",),
        date="2016-10-28",
        venue="University of York",
        facts=(
            Fact(
                "title",
                "Contemporary developments in mental health policy and commissioning",
                "sources/blog/archive.txt:2",
            ),
            Fact("date", "2016-10-28", "sources/blog/archive.txt:2"),
            Fact(
                "venue",
                "University of York",
                "https://coproductionblog.wordpress.com/tag/seminar-4/",
            ),
        ),
        documents=(NOTES,),
        speakers=("anne-rogers", "karen-newbigging"),
        talks=(
            Talk(
                "Weak ties & *networks* [draft]",
                ("anne-rogers",),
                4,
                Evidence("programme", "Anne Rogers: Weak ties", "blog/archive.txt", 5),
            ),
            Talk("Who does commissioning serve?", ("karen-newbigging",), 4),
        ),
    ),
    Seminar(
        number=5,
        title="Reconciling regulatory knowledge with co-production",
        titles=(
            "Reconciling regulatory knowledge with co-production",
            "Narrative and regulatory knowledge in co-production",
        ),
        date="2017-03-03",
        venue="Research Centre for the Social Sciences, University of York",
        facts=(
            Fact(
                "title",
                "Reconciling regulatory knowledge with co-production",
                "https://coproductionblog.wordpress.com/tag/conference/",
            ),
            Fact(
                "title",
                "Narrative and regulatory knowledge in co-production",
                "sources/blog/archive.txt:30",
            ),
            Fact("venue", "University of York", "sources/blog/archive.txt:31"),
            Fact("venue", "Leeds", "sources/blog/york.txt:1"),
            Fact("date", "2017-03-03", "javascript:alert(1)"),
        ),
        documents=(REFLECTIONS,),
    ),
)

PEOPLE = (
    Person(
        id="anne-rogers",
        name="Anne Rogers",
        aliases=("Prof. Rogers",),
        affiliation="University of Southampton",
        reviewed=True,
        documents=(NOTES,),
        seminars=(4,),
        roles=(Role("speaker", None, 4), Role("mentioned", NOTES, 4)),
    ),
    Person(
        id="karen-newbigging",
        name="Karen Newbigging",
        aliases=(),
        affiliation="University of Birmingham",
        reviewed=True,
        documents=(NOTES,),
        seminars=(4,),
        roles=(Role("author", NOTES, 4), Role("speaker", None, 4)),
    ),
    Person(
        id="sam-oneill",
        name="Sam O'Neill",
        aliases=("Sam",),
        affiliation=None,
        reviewed=False,
        documents=(REFLECTIONS,),
        seminars=(5,),
        roles=(Role("author", REFLECTIONS, 5),),
        passages=(Evidence("byline", "I'm Sam O'Neill", "blog/york.txt", 3),),
    ),
)

CONCEPTS = (
    Concept(
        id="co-production",
        term="Co-production",
        aliases=("coproduction", "co-production"),
        definition="Working *with* people who use services, not doing things <to> them.",
        definition_source="https://coproductionblog.wordpress.com/",
        related=("commissioning",),
        documents=(REFLECTIONS, ARTICLE),
    ),
    Concept(
        id="weak-ties",
        term="weak ties",
        aliases=("weak tie",),
        definition="Loose connections between people.\n\nThey carry new information: [1].",
        definition_source="sources/blog/archive.txt:12",
        related=(),
        documents=(NOTES,),
    ),
    Concept(
        id="commissioning",
        term="Commissioning",
        aliases=(),
        definition="Deciding which services are bought: `who pays`?",
        definition_source="",
        related=("weak-ties",),
        documents=(NOTES,),
    ),
)

LINKED = Linked(documents=DOCUMENTS, seminars=SEMINARS, people=PEOPLE, concepts=CONCEPTS)
