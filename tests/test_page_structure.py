"""Page structure, end to end through clean and split, and the functions it rests on.

The page cases (``fixtures/structure/pages.yaml``) are whole pages as contributors save
them: contents lists, sidebars, event listings, bulletins, newsletters, digests, handouts.
Each names the general rule it holds; the blind corpus (``tests/blind``) measures how the
rules do on pages nobody here wrote.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.ingest import split
from tools.ingest.clean import clean, load_rules
from tools.ingest.clean.owner import page_owner
from tools.ingest.dates import only_date, written_date
from tools.ingest.link.discover import Candidate, _covers, discovered_people, merge_variants
from tools.ingest.load.html import extract, load_html_rules
from tools.ingest.names import (
    is_signature,
    is_vouched_name,
    name_and_role,
    natural_order,
    recase,
    recase_lead,
    variant_key,
)
from tools.ingest.records import Block, Evidence, Kind, Line, Post, Source
from tools.ingest.render.document import body_blocks

FIXTURES = Path(__file__).parent / "fixtures" / "structure"
PAGES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "pages.yaml").read_text("utf-8"))


def _posts(case: dict[str, Any]) -> tuple[Post, ...]:
    kind: Kind = case.get("kind", "blog")
    lines = tuple(Line(n, t) for n, t in enumerate(case["text"].split("\n")[:-1], start=1))
    cleaned = clean(Source(path=f"{kind}/case.txt", kind=kind, lines=lines), load_rules())
    return split.split(cleaned)


@pytest.mark.parametrize("case", PAGES, ids=[c["name"] for c in PAGES])
def test_page(case: dict[str, Any]) -> None:
    posts = _posts(case)
    if "posts" in case:
        assert [[p.first, p.title] for p in posts] == case["posts"]
    if "bylines" in case:
        assert [list(p.bylines) for p in posts] == case["bylines"]
    if "dates" in case:
        assert [p.date for p in posts] == case["dates"]
    if "filed" in case:  # what each post's footer files it under
        assert [[line.text for line in p.filed] for p in posts] == case["filed"]
    if "context" in case:  # the lines heading the page its posts were cut from
        assert [[line.text for line in p.context] for p in posts] == case["context"]
    kept = {b.text for p in posts for b in p.blocks} | {p.title for p in posts}
    for line in case.get("gone", []):
        assert line not in kept
    # lines a post keeps as its meta (its writer, its date), not shown as its text
    shown = {b.text for p in posts for b in body_blocks(p.blocks, p.bylines, p.date)}
    for line in case.get("not_shown", []):
        assert line in kept
        assert line not in shown
    for line in case.get("kept", []):
        assert line in kept


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2017-07-10", "2017-07-10"),
        ("July 10, 2017", "2017-07-10"),
        ("Sept. 4, 2016", "2016-09-04"),
        ("Friday 3 March 2017, 9.30am to 4.00pm", "2017-03-03"),
        ("Published 4th December 2017", "2017-12-04"),
        ("Mon, 20 Feb 2017 09:14:22 +0000", "2017-02-20"),
        ("14/03/2017", "2017-03-14"),
        ("14.3.2017", "2017-03-14"),
        ("31/02/2017", None),  # no such day
        ("10.30 Welcome", None),
        ("Tues 14 Mar", None),  # no year: no whole date
        ("Tues 14 Mar '17, 6.30pm", "2017-03-14"),  # the year cut to two figures
        ("Mar 14th \u201917", "2017-03-14"),  # a typographic apostrophe
        ("Rock 'n' roll night, 14 Mar 'til late", None),
        ("14 Mar 17", None),  # no apostrophe: no year
    ],
)
def test_written_date(text: str, iso: str | None) -> None:
    assert written_date(text) == iso


@pytest.mark.parametrize(
    ("text", "recased"),
    [
        ("DR SIOBHAN WALSH AND IMRAN QURESHI", "Dr Siobhan Walsh and Imran Qureshi"),
        (
            "KEYNOTE: PROFESSOR ANNE ROGERS, UNIVERSITY OF SOUTHAMPTON",
            "Keynote: Professor Anne Rogers, University of Southampton",
        ),
        ("TADHG Ó BRIAIN", "Tadhg ó Briain"),
        ("Ordinary text with SOME capitals", "Ordinary text with SOME capitals"),
        ("NHS", "NHS"),  # too short to be a line in capitals
    ],
)
def test_recase(text: str, recased: str) -> None:
    assert recase(text) == recased
    assert len(recase(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "recased"),
    [
        (
            "DR EILIDH MACASKILL \u2013 Open Dialogue trainer",
            "Dr Eilidh Macaskill \u2013 Open Dialogue trainer",
        ),
        (
            "PROF. AURELIO BIANCHI: University of Trieste",
            "Prof. Aurelio Bianchi: University of Trieste",
        ),
        ("MATTHEW PRYCE, Peer Support Worker", "Matthew Pryce, Peer Support Worker"),
        ("NHS - the plan", "NHS - the plan"),  # too short to be a name in capitals
        ("No name here - just text", "No name here - just text"),
    ],
)
def test_recase_lead(text: str, recased: str) -> None:
    assert recase_lead(text) == recased
    assert len(recase_lead(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dr Anjali Mehta, Chair of the Institute", "Dr Anjali Mehta"),
        ("Tom Ackroyd, newsletter editor", "Tom Ackroyd"),
        ("Aoife O'Donoghue, Family therapist", "Aoife O'Donoghue"),
        ("Health & Medicine, presentations", None),
        ("Leeds, York and Oxford", None),
        ("Ruth Hallworth, who spoke at length about inspection reports and what they miss.", None),
    ],
)
def test_name_and_role(text: str, name: str | None) -> None:
    assert name_and_role(text) == name


@pytest.mark.parametrize(
    ("text", "vouched"),
    [
        ("Ruth Hallworth", True),
        ("Nnamdi Eze", True),  # a given name from the worldwide data
        ("Dr Lena Ortiz", True),
        ("Ingrid van Beek", True),
        ("Health & Medicine", False),
        ("Salford Quays", False),
        ("Pamela", False),  # one word
        ("The Revd Margaret Example", True),  # "The" before an honorific
        ("Pamela J. Fisher", True),  # a middle initial, with its full stop
        ("J. Fisher Pamela", False),  # an initial first: no given name the data knows
        ("Dr I. N. Example", True),  # initials first, after an honorific that vouches
        ("I. N. Example", False),  # no honorific, no given name: nothing vouches
        ("Dr I.", False),  # an initial alone
        ("Revd Canon Xanthe Example", True),  # two titles together vouch for the name
        ("Revd Canon", False),  # titles alone name no one
        ("Revd Canon Malcolm", False),  # titles and a given name: no surname ("Canon" is none)
    ],
)
def test_is_vouched_name(text: str, vouched: bool) -> None:
    assert is_vouched_name(text) is vouched


@pytest.mark.parametrize(
    ("text", "natural"),
    [
        ("Okonkwo-Hart, Adaeze", "Adaeze Okonkwo-Hart"),  # a repository's creator
        ("Fisher, Pamela J.", "Pamela J. Fisher"),
        ("Dr Ann Lee", "Dr Ann Lee"),  # in reading order already
        ("Lee, Ann, Professor", "Lee, Ann, Professor"),  # two commas: not one inverted name
        ("Leeds Beckett, University", "Leeds Beckett, University"),  # no person's name
    ],
)
def test_natural_order(text: str, natural: str) -> None:
    assert natural_order(text) == natural


@pytest.mark.parametrize(
    ("full", "short", "covers"),
    [
        ("Jude Kelechi Okafor", "Jude Okafor", True),
        ("Jude Kelechi Okafor", "J. K. Okafor", True),
        ("Peter Szabo", "Pete Szabo", True),
        ("Jude Kelechi Okafor", "Jane Okafor", False),
        ("Jude Kelechi Okafor", "J. M. Okafor", False),  # another middle name
        ("Jude Okafor", "Jude Kelechi Okafor", False),  # never the other way
        ("Youssef El Amrani", "Dr El Amrani", True),  # a surname alone, with its particle
        ("Youssef El Amrani", "Dr Amrani El", False),
        ("Saskia van der Berg", "van der Berg", True),
        ("Saskia van der Berg", "der Berg", True),
        ("Saskia van der Berg", "Saskia van der Berg", False),
    ],
)
def test_fuller_name(full: str, short: str, covers: bool) -> None:
    assert _covers(variant_key(full).split(), variant_key(short).split()) is covers


def test_a_short_form_of_one_person_merges_and_of_two_stays() -> None:
    names = ["Jude Kelechi Okafor", "J. K. Okafor", "Jude Okafor", "J. Smith", "Jane Smith"]
    merged = merge_variants({n: [] for n in [*names, "John Smith"]})
    assert set(merged) == {"Jude Kelechi Okafor", "J. Smith", "Jane Smith", "John Smith"}


def test_an_initial_with_its_full_stop_is_no_particle() -> None:
    """ "Dr O. Adeyemi" in one text and "Dr Olumide Adeyemi" in another are one person; "Ó
    Briain", a surname with its particle, is no short form of "Orla Briain"."""

    def found(*names: str) -> list[Candidate]:
        return [
            Candidate(n, Evidence("honorific", n, "blog/a.txt", i), None)
            for i, n in enumerate(names)
        ]

    people = discovered_people(found("O. Adeyemi", "Olumide Adeyemi"), ())
    assert [p.name for p in people] == ["Olumide Adeyemi"]
    people = discovered_people(found("Ó Briain", "Orla Briain"), ())
    assert sorted(p.name for p in people) == ["Orla Briain", "Ó Briain"]


def test_a_name_written_with_and_without_its_accents_is_one_person() -> None:
    found = [
        Candidate(name, Evidence("honorific", name, "blog/a.txt", line), None)
        for line, name in enumerate(["Ana Lúcia Example", "Ana Lucia Example", "Ana Example"])
    ]
    people = discovered_people(found, ())
    assert [(p.id, p.name) for p in people] == [("ana-lucia-example", "Ana Lúcia Example")]


HTML_HOLDER = """<html><body><div class="widget Blog">
<div class="post hentry"><h3 class="post-title entry-title">First post</h3>
<div class="post-body"><div>Text of the first post, in divs as Blogger writes it.</div></div>
<div class="post-footer"><span class="post-author vcard">Posted by Gwen Example</span></div>
</div></div><div class="sidebar"><h2>Archive</h2></div></body></html>"""

HTML_LISTING = """<html><body><div class="listing">
<div class="item item-event"><h3>An event</h3><p>{words}</p></div>
<div class="item item-news"><h3>A news story</h3><p>{words}</p></div>
</div></body></html>""".format(words="word " * 25)

HTML_TEASERS = """<html><body><div class="main"><h1>The seminar</h1><p>{main}</p></div>
<div class="side"><div class="teaser"><h3>Another event</h3><p>{words}</p></div>
<div class="teaser"><h3>A past event</h3><p>{words}</p></div></div></body></html>""".format(
    main="main " * 70, words="word " * 25
)


HTML_META_AUTHOR = """<html><head><title>The room, and who is in it | by Jean Example | Site</title>
<meta name="author" content="Jean Example"></head><body><article><div><nav>Search</nav>
<h1 class="pw-post-title">The room, and who is in it</h1><span>6 min read</span>
<p>{main}</p></div></article></body></html>""".format(main="main text here. " * 20)

HTML_REPOSITORY = """<html><head><meta name="author" content="Site Admin">
<meta name="eprints.creators_name" content="Okonkwo-Example, Adaeze">
<meta name="eprints.creators_name" content="Fisher, Pamela J.">
<title>A report of the fifth seminar - Repository</title></head><body><div class="page">
<h1 class="ep_tm_pagetitle">A report of the fifth seminar</h1><p>{main}</p></div>
</body></html>""".format(main="This report sums up the fifth seminar of the series. " * 5)

HTML_GHOST = """<html><head><title>What does choice mean behind a locked door?</title></head>
<body><main><article class="post-full post"><header class="post-full-header">
<section class="post-full-meta"><time datetime="2017-07-12">12 July 2017</time>
<span class="date-divider">/</span> <a href="/tag/reflections/">Reflections</a></section>
<h1 class="post-full-title">What does choice mean behind a locked door?</h1></header>
<section class="post-full-content"><p>{main}</p></section>
<footer class="post-full-footer"><section class="author-card">
<h4 class="author-card-name"><a href="/author/abena/">Abena Example</a></h4>
<p>Peer researcher in West Yorkshire, writing about research.</p></section></footer>
</article></main></body></html>""".format(main="I have been turning over one question. " * 6)

HTML_EPISODE = """<html><head><title>Ep. 14 \u2013 Open Dialogue and silence | Show</title>
</head><body><section class="episode"><div class="episode-header"><p>Episode 14</p>
<h1 class="episode-title">Open Dialogue and silence</h1></div>
<div class="show-notes"><p>{main}</p></div></section>
<section class="previous-episode"><article class="episode-teaser">
<h3><a href="/13">Recovery colleges, five years on</a></h3><p>{teaser}</p></article></section>
</body></html>""".format(
    main="This week two guests talk about the workshop they led. " * 8,
    teaser="Liam talks to a tutor about the first recovery colleges. " * 2,
)

HTML_ABOUT_AUTHOR = """<html><body><article class="post">
<h2 class="post-title">Starting in Leeds</h2><p>{main}</p>
<aside class="about-author"><h4>About the author</h4>
<p>Farah Example is a lecturer in mental health and a former community nurse.</p></aside>
</article><aside class="sidebar"><p>Farah Example is a lecturer.</p></aside>
</body></html>""".format(main="The first seminar of a new series was held at the university. " * 5)

#: A theme that marks only each post's text ("post-content"), its title and its footer
#: beside it in the post's box; the text has a heading of its own further down. The footer
#: links to the writer's and the categories' archives, with no class saying so.
HTML_CONTENT_BOXES = """<html><body><div class="content">
<div class="post-wrap"><div class="post-date">November 8, 2017</div>
<h2 class="post-title"><a href="https://blog.example/2017/11/08/room/">One more room</a></h2>
<div class="post-content"><p>{words}</p><h3>What supervision is for</h3><p>{words}</p></div>
<div class="post-meta">Posted by <a href="https://blog.example/author/jo-bloggs/">Jo Bloggs</a>
in <a href="https://blog.example/category/reflections/">Reflections</a>,
<a href="https://blog.example/category/seminar-7/">Seminar 7</a> &middot;
<a href="https://blog.example/2017/11/08/room/#comments">4 Comments</a></div></div>
<div class="post-wrap"><div class="post-date">July 14, 2017</div>
<h2 class="post-title"><a href="https://blog.example/view/">A retired nurse's view</a></h2>
<div class="post-content"><p>{words}</p></div>
<div class="post-meta">Posted by <a href="https://blog.example/author/esrccopro/">esrccopro</a>
&middot; <a href="https://blog.example/author/esrccopro/">View all posts by Sam Example</a></div>
</div></div></body></html>""".format(words="Supervision is one of the oddest things we do. " * 4)

#: A page whose own heading ("The team") is short, its title that heading and then, after a
#: dash, the site's name; its heading's class says nothing.
HTML_SHORT_OWN_TITLE = """<html><head><title>The team &#8211; Seminar blog</title></head>
<body><div class="page hentry"><h2 class="page-title">The team</h2>
<div class="page-body"><p>{words}</p></div></div></body></html>""".format(
    words="The series is run by a small team across four universities. " * 3
)

#: A post whose head names its writer and whose author box names them again.
HTML_AUTHOR_BOX_AGAIN = """<html><body><article class="post">
<h2 class="entry-title">Registration open</h2>
<div class="entry-meta">By <a href="/author/tom/">Tomasz Example</a> &mdash;
<time datetime="2017-06-12">12 June 2017</time></div>
<div class="entry-content"><p>{words}</p><p>Tom</p></div>
<div class="author-box"><h4 class="author-box-title">About the author</h4>
<p class="author-box-name">Tomasz Example</p>
<p class="author-box-bio">Tom looks after the blog and the bookings.</p></div>
</article></body></html>""".format(words="Registration for the sixth seminar is now open. " * 4)

HTML_KICKER = """<html><body><article><p class="series">ESRC Seminar Series</p>
<h1 class="entry-title">The seminar</h1><p>{main}</p></article></body></html>""".format(
    main="main " * 30
)


HTML_COLLECTION = """<html><head><title>Stories and regulation: the seminar in tweets</title>
</head><body><div class="wk-topbar"><a href="/">Home</a></div><div class="wk-collection">
<div class="wk-collection-header"><h1 class="wk-collection-header__title">Stories and
regulation: the seminar in tweets</h1></div><div class="items"><p>{words}</p></div>
</div></body></html>""".format(words="A tweet from the day about regulation. " * 6)

HTML_SINGLE_KICKER = """<html><head><title>Open dialogue in practice - Open Door</title></head>
<body><main><div class="meta"><a href="/c/seminars">Seminars</a></div>
<div><h2>Open dialogue in practice</h2></div><p>{words}</p></main></body></html>""".format(
    words="The third seminar had a grand title. " * 6
)

HTML_NEWS_ITEM = """<html><head><title>Calder Advocacy - News</title></head><body><main>
<p>News</p><h3>Advocates at the coercion seminar</h3>
<p class="date">Posted 14/07/2017 by Zofia Example</p><p>{words}</p></main></body></html>""".format(
    words="Three of our advocates went to the seminar. " * 6
)


HTML_SPEAKERS = """<html><head><title>Speaker biographies | Example</title></head><body>
<div id="main"><h1 class="page-title">Speaker biographies</h1>
<div class="speaker"><h2 class="speaker__name">The Revd Margaret Example</h2><p>{w}</p></div>
<div class="speaker"><h2 class="speaker__name">Dr Hamish Example</h2><p>{w}</p></div>
</div></body></html>""".format(
    w="She is a chaplain for mental health on acute and secure wards. " * 3
)

HTML_LINKED_TITLES = """<html><body><main>
<article class="BlogList-item"><a class="BlogList-item-title" href="/a">A year of groups</a>
<time datetime="2017-04-05">April 5, 2017</time><p>{words}</p></article>
<article class="BlogList-item"><a class="BlogList-item-title">Open dialogue in practice</a>
<div class="Blog-meta"><span>Seminars</span></div><p>{words}</p></article>
</main></body></html>""".format(words="Twelve months ago we started three small groups. " * 5)


HTML_MAIL_ROWS = """<html><head><title>Group news: May</title></head><body><table>
<tr><td class="preheader">Our May news <a href="#">View this email in your browser</a></td></tr>
<tr><td class="content"><h2>From the chair</h2><p>{w}</p></td></tr>
<tr><td class="content"><h2>Book now for June</h2><p>{w}</p></td></tr>
<tr><td class="content">Example Group is run by volunteers from the town, and it meets in
the library on the first Monday of each month; all are welcome.</td></tr>
</table></body></html>""".format(
    w="Spring has been busy for the group, and there is a lot to tell you. " * 2
)


HTML_COLUMNS = """<html><head><title>Seminar asks who decides - Example University</title>
</head><body><div id="wrap"><div id="left"><a href="/">News</a> <a href="/e">Events</a></div>
<div id="middle"><h1>Seminar asks who decides</h1><p>{w}</p></div>
<div id="right"><div class="box"><h3>Latest news</h3><ul><li><a href="#">{w}</a></li></ul>
</div></div></div></body></html>""".format(
    w="Researchers and people who use services met on campus for a day of talks. " * 2
)


@pytest.mark.parametrize(
    ("html", "titles", "bylines"),
    [
        (HTML_SPEAKERS, ["Speaker biographies"], []),
        (HTML_LINKED_TITLES, ["A year of groups", "Open dialogue in practice"], []),
        (HTML_COLLECTION, ["Stories and regulation: the seminar in tweets"], []),
        (HTML_SINGLE_KICKER, ["Open dialogue in practice"], []),
        (HTML_NEWS_ITEM, ["Advocates at the coercion seminar"], []),
        (HTML_HOLDER, ["First post"], ["Gwen Example"]),  # "widget" frames every post
        (HTML_LISTING, ["An event", "A news story"], []),  # siblings sharing a class
        (HTML_TEASERS, ["The seminar", "Another event", "A past event"], []),
        (HTML_KICKER, ["The seminar"], []),
        (HTML_META_AUTHOR, ["The room, and who is in it"], ["Jean Example"]),
        (HTML_GHOST, ["What does choice mean behind a locked door?"], ["Abena Example"]),
        (HTML_EPISODE, ["Open Dialogue and silence", "Recovery colleges, five years on"], []),
        (HTML_ABOUT_AUTHOR, ["Starting in Leeds"], ["Farah Example"]),
        (HTML_CONTENT_BOXES, ["One more room", "A retired nurse's view"], ["Jo Bloggs"]),
        (HTML_AUTHOR_BOX_AGAIN, ["Registration open"], ["Tomasz Example"]),
        (HTML_SHORT_OWN_TITLE, ["The team"], []),
        (HTML_MAIL_ROWS, ["From the chair", "Book now for June"], []),
        (HTML_COLUMNS, ["Seminar asks who decides"], []),
        (
            HTML_REPOSITORY,
            ["A report of the fifth seminar"],
            ["Adaeze Okonkwo-Example and Pamela J. Fisher"],
        ),
    ],
    ids=[
        "items-headed-by-peoples-names-are-one-page-not-posts",
        "each-article-of-a-list-starts-with-its-title-though-no-heading",
        "a-header-class-holding-the-pages-heading-stays",
        "own-heading-under-a-kicker",
        "own-heading-over-its-dateline",
        "chrome-class-frames-every-post",
        "siblings-share-a-class",
        "main-text-and-teasers",
        "kicker-above-title-dropped",
        "page-title-opens-with-heading-and-meta-author",
        "meta-above-the-title-and-an-author-card",
        "the-main-text-beside-a-teaser-article",
        "an-about-the-author-box-inside-a-post",
        "a-posts-text-box-with-headings-of-its-own-and-its-writer-linked",
        "an-author-box-naming-the-writer-again",
        "a-short-heading-the-pages-title-opens-with-before-the-sites-name",
        "an-emails-rows-under-its-short-preview-line",
        "a-main-column-and-a-sidebar-beside-a-short-menu-are-no-posts",
        "a-repository-records-creators-before-its-meta-author",
    ],
)
def test_html_posts(html: str, titles: list[str], bylines: list[str]) -> None:
    page = extract(html, "blog/case.html", load_html_rules())
    shown = [line for line in page.lines if line.text.strip()]
    assert not any("run by volunteers" in line.text for line in shown)  # a footer's
    assert shown[0].hint == "title"  # a post's meta lines stand under its title
    assert [line.text for line in page.lines if line.hint == "title"] == titles
    assert "ESRC Seminar Series" not in [line.text for line in page.lines]
    assert [line.text for line in page.lines if line.hint == "byline"] == bylines


_NEWS_WORDS = (
    "The group met again this month, and the minutes are now on the shared drive for "
    "anyone who wants to read them. "
)
HTML_BOLD_LEADS = f"""<html><head><title>Example Project - News</title></head><body>
<table><tr><td class="nav"><a href="/">Home</a> <a href="/news">News</a></td>
<td class="main"><h1>News</h1><table>
<tr><td>30/11/2017</td><td><b>Series complete</b><br>{_NEWS_WORDS}</td></tr>
<tr><td>27/10/2017</td><td><b>Reading group</b><br>{_NEWS_WORDS}</td></tr>
<tr><td>06/03/2017</td><td><strong>A new booklet</strong><br>{_NEWS_WORDS}</td></tr>
</table></td></tr></table></body></html>"""
HTML_NUMBERED_ROWS = f"""<html><head><title>The meetings - Example Project</title></head>
<body><main><h1>The meetings</h1><table>
<tr><td><b>1</b></td><td><p>{_NEWS_WORDS}</p></td></tr>
<tr><td><b>2</b></td><td><p>{_NEWS_WORDS}</p></td></tr>
</table></main></body></html>"""
HTML_BOLD_PARAGRAPHS = f"""<html><head><title>Questions - Example Project</title></head><body>
<main><h1>Your questions</h1>
<p><b>Who can come?</b><br>{_NEWS_WORDS}</p>
<p><b>Is it free?</b><br>{_NEWS_WORDS}</p>
<p><b>Can I bring a friend?</b><br>{_NEWS_WORDS}</p></main></body></html>"""


def test_items_of_a_list_headed_by_a_bold_line_are_posts() -> None:
    """A hand-made site's news table heads each row with a bold line over its text, beside
    its date, no heading element: each row is a post, its bold line its title (a date
    cell before it aside). A page's paragraphs that open in bold are one text (its
    questions and answers), not posts."""
    page = extract(HTML_BOLD_LEADS, "blog/case.html", load_html_rules())
    titles = [line.text for line in page.lines if line.hint == "title"]
    assert titles == ["Series complete", "Reading group", "A new booklet"]
    assert next(line.text for line in page.lines if line.hint == "date") == "30/11/2017"
    page = extract(HTML_NUMBERED_ROWS, "blog/case.html", load_html_rules())
    assert len([line for line in page.lines if line.hint == "title"]) == 1  # rows numbered
    page = extract(HTML_BOLD_PARAGRAPHS, "blog/case.html", load_html_rules())
    assert len([line for line in page.lines if line.hint == "title"]) == 1
    assert not any(line.hint == "title" for line in page.lines if line.text.endswith("?"))


def test_the_posting_accounts_handle_at_a_posts_head_is_not_its_text() -> None:
    """A guest post's head names the account that posted it by its handle; the text says
    who wrote it. The handle is meta, not text; a byline naming someone else is text."""
    blocks = [
        Block("heading", "Keys", 1, 1, hint="title"),
        Block("paragraph", "esrccopro", 2, 2, hint="byline"),
        Block("paragraph", "Guest post by Jo Bloggs, a peer mentor.", 3, 3),
    ]
    assert [b.text for b in body_blocks(blocks, ["Jo Bloggs"])][1:] == [blocks[2].text]
    named = [blocks[0], replace(blocks[1], text="Sam Example"), blocks[2]]
    assert "Sam Example" in [b.text for b in body_blocks(named, ["Jo Bloggs"])]


def test_html_footer_files_a_post_by_its_links() -> None:
    """The categories a footer links to file the post, though no class or word says so."""
    page = extract(HTML_CONTENT_BOXES, "blog/case.html", load_html_rules())
    assert "Filed under Reflections, Seminar 7" in [line.text for line in page.lines]


@pytest.mark.parametrize(
    ("text", "day", "month"),
    [
        ("It was the fifth of January, the first week back", "fifth", "January"),
        ("on the twenty-seventh of October 2017", "twenty-seventh", "October"),
        ("the first of the seminars", None, None),
    ],
)
def test_a_day_written_in_words_is_a_date(text: str, day: str | None, month: str | None) -> None:
    from tools.ingest.link.seminar import _DATE, _DAY_NUMBERS

    found = _DATE.search(text)
    assert (found["wd"], found["m3"]) == (day, month) if found else day is None
    if day:
        assert 1 <= _DAY_NUMBERS[day] <= 31


HTML_ABOUT = """<html><body><div id="alpha">
<div class="entry"><h3 class="entry-header">Marking criteria, rewritten</h3>
<div class="entry-body"><p>{words}</p><p>Sandy</p></div></div>
<div class="entry"><h3 class="entry-header">Placement season</h3>
<div class="entry-body"><p>{words}</p></div></div>
</div>
<div id="beta" class="sidebar"><div class="module-about module"><h2>About</h2>
<p>Alexandra Example (Sandy to everyone) teaches social work at a university.</p>
</div></div></body></html>""".format(words="A paragraph of the post, long enough. " * 6)


@pytest.mark.parametrize("sidebar", ['class="sidebar"', 'id="beta"'])
def test_a_personal_blogs_owner_in_its_sidebar_wrote_its_posts(sidebar: str) -> None:
    """The about box (chrome, or just outside the posts) names the blog's owner; a post
    signed with her nickname confirms it; every post is hers, and her line is the box's."""
    html = HTML_ABOUT.replace('id="beta" class="sidebar"', sidebar)
    page = extract(html, "blog/case.html", load_html_rules())
    source = Source("blog/case.html", "blog", page.lines, frame=page.frame)
    posts = split.split(clean(source, load_rules()))
    assert [p.bylines for p in posts] == [("Alexandra Example",)] * 2
    assert {p.owner.line if p.owner else 0 for p in posts} == {8}  # the about box's line


@pytest.mark.parametrize(
    ("line", "owner", "stated"),
    [
        ("Name: Bernadette Example", "Bernadette Example", True),
        ("© 2017 Sadia Example. All rights reserved.", "Sadia Example", True),
        ("Copyright © Jo Example 2016", "Jo Example", True),
        ("Hollie Example: placement diary", "Hollie Example", True),
        ("Alexandra Example (Sandy) teaches social work.", "Alexandra Example", False),
        ("I'm Yusuf Example, a researcher. I write here about services.", "Yusuf Example", True),
        ("This blog is edited by Tom Example for the seminar series.", "Tom Example", False),
        ("Both Sides of the Door is written by Raj Example, a peer worker.", "Raj Example", False),
        ("© 2017 University of Leeds", None, None),  # no person
        ("Re-imagining professionalism: a seminar series blog", None, None),
    ],
)
def test_page_owner(line: str, owner: str | None, stated: bool | None) -> None:
    found = page_owner([(1, line)], load_rules())
    assert ((found.name, found.stated) if found else (None, None)) == (owner, stated)


def test_a_frame_naming_two_people_is_nobodys() -> None:
    frame = [(1, "Name: Bernadette Example"), (9, "© 2017 Sadia Example")]
    assert page_owner(frame, load_rules()) is None


def test_a_printed_list_of_names_keeps_a_name_to_a_line() -> None:
    """An article's wrapped lines join into paragraphs, but a list of names, one to a line,
    is not prose: each name stays a block of its own, so each is read as a person."""
    text = [
        "Members receive this newsletter and a discount on our",
        "annual conference, with first refusal on places.",
        "A warm welcome to",
        "Farah Example",
        "Beata Nowak",
        "Colin Raistrick",
    ]
    lines = tuple(Line(n, t) for n, t in enumerate(text, start=1))
    cleaned = clean(Source(path="article/case.txt", kind="article", lines=lines), load_rules())
    assert [b.text for b in cleaned.blocks][-2:] == ["Beata Nowak", "Colin Raistrick"]


HTML_CMS = """<html><body>
<div class="uoh-topbar"><ul><li>Current students</li><li>Staff</li></ul></div>
<div class="uoh-header"><p>School of Human and Health Sciences</p></div>
<div class="uoh-main"><div class="post"><h1 class="entry-title">The sixth seminar</h1>
<p>{words}</p><div class="entry-footer"><span class="byline">By Jo Example</span>
<span>Filed under Events</span></div></div>
<div class="uoh-sidebar"><h2>Getting here</h2><p>A ten-minute walk from the station.</p></div>
</div><div class="uoh-footer"><p>Queensgate, Huddersfield</p></div></body></html>""".format(
    words="A paragraph of the post, long enough to be one. " * 5
)


def test_a_cms_names_its_header_footer_and_sidebar_by_class() -> None:
    """Divs whose classes name them a header, footer, top bar or sidebar (with a site's
    prefix, "uoh-footer") are the site's frame; a post's own footer keeps its byline."""
    page = extract(HTML_CMS, "blog/case.html", load_html_rules())
    texts = [line.text for line in page.lines if line.text]
    assert texts[0] == "The sixth seminar"
    for chrome in ("Current students", "School of Human and Health Sciences", "Getting here"):
        assert chrome not in texts
    assert "Queensgate, Huddersfield" not in texts
    assert [line.text for line in page.lines if line.hint == "byline"] == ["Jo Example"]
    assert "Filed under Events" not in texts


HTML_ASPNET = """<html><body><form method="post" id="mainform">
<div class="site-header"><a href="/">University</a><input type="text" value="Search"></div>
<div class="school-bar"><ul><li>School home</li><li>Courses</li></ul></div>
<div class="content-area"><div class="news-detail__main">
<h1>Learning together</h1><div class="news-detail__date">Thu, 02 November 2017</div>
<p>{words}</p><p>{words}</p></div>
<div class="news-detail__related"><h2>Related news</h2><ul><li>Another story</li></ul></div>
</div></form></body></html>""".format(words="Students and trainers met to plan a course. " * 6)


def test_a_page_wrapped_in_a_form_and_marked_by_its_heading_alone() -> None:
    """ASP.NET sites wrap the whole page in a <form>: it is no chrome. With no post element,
    the main text is the nearest element around the <h1> that holds half the page."""
    page = extract(HTML_ASPNET, "blog/case.html", load_html_rules())
    texts = [line.text for line in page.lines if line.text]
    assert texts[0] == "Learning together"
    assert "Students and trainers met to plan a course." in texts[2]
    assert not {"School home", "Related news", "Another story"} & set(texts)
    assert not page.warnings


def test_a_name_in_a_table_row_is_no_byline() -> None:
    """A programme table's speaker cell stands on its row's line after the session's cell:
    no byline of the page, though it is a name alone."""
    html = """<html><body><article><h1 class="entry-title">The programme</h1>
<p>{words}</p><table>
<tr><td>9.30</td><td>Registration and refreshments</td><td></td></tr>
<tr><td>10.00</td><td>Welcome</td><td>Dr Christine Example, University of Huddersfield</td></tr>
<tr><td>10.15</td><td>Keynote: Coercion as structure</td><td>Professor Dai Example</td></tr>
<tr><td>11.15</td><td>Break</td><td></td></tr>
</table><p>Lunch is provided, and the venue is fully accessible to everyone.</p>
</article></body></html>""".format(words="The sixth seminar asks about coercion. " * 5)
    page = extract(html, "blog/case.html", load_html_rules())
    source = Source("blog/case.html", "blog", page.lines, frame=page.frame)
    posts = split.split(clean(source, load_rules()))
    assert [p.bylines for p in posts] == [()]


def test_a_list_pages_meta_author_is_the_sites_owner() -> None:
    """A personal site's list of posts names its owner in ``<meta name="author">``: the
    posts are theirs, and the author's line is the meta's."""
    html = """<html><head>
<meta name="author" content="Kofi Example"><title>Posts | Kofi Example</title></head><body>
<div class="article-list-item"><h3 class="article-title">A day of stories</h3><p>{w}</p></div>
<div class="article-list-item"><h3 class="article-title">A new paper</h3><p>{w}</p></div>
</body></html>""".format(w="The fifth seminar was about regulation and stories. " * 4)
    page = extract(html, "blog/case.html", load_html_rules())
    source = Source("blog/case.html", "blog", page.lines, frame=page.frame)
    posts = split.split(clean(source, load_rules()))
    assert [p.bylines for p in posts] == [("Kofi Example",)] * 2
    assert {p.owner.line if p.owner else 0 for p in posts} == {2}


def test_the_posts_of_a_page_carry_the_lines_heading_it_not_its_contents() -> None:
    """A tag page's heading ("Tag: seminar 6") says what each of its posts is about (the
    link stage reads it); its list of contents names one post each and says nothing of
    the others, and the site's header above the heading (a ticker's latest headline)
    nothing of any."""
    text = """Skip to content
Latest:
Notes from the fifth seminar
Tag: seminar 6
In this issue
Locked doors, open conversations
Guest post: consent and the law

Locked doors, open conversations
July 10, 2017
Can you co-produce anything behind a locked door? That was the question we set ourselves.

Guest post: consent and the law
June 30, 2017
We asked one of our panellists to set out the legal background for readers of the blog.
"""
    lines = tuple(Line(n, t) for n, t in enumerate(text.split("\n")[:-1], start=1))
    posts = split.split(clean(Source("blog/case.txt", "blog", lines), load_rules()))
    assert [p.first for p in posts] == [9, 13]
    for post in posts:
        shown = [line.text for line in post.context]
        assert shown == ["Tag: seminar 6", "In this issue"]


def test_a_sidebars_written_by_card_names_a_single_posts_writer() -> None:
    """A single post's sidebar (an ``<aside>``, dropped as chrome) may name its writer under
    "Written by": the page's frame keeps the sidebar's text, and the writer is the owner."""
    html = """<html><body><article class="post"><h1 class="entry-title">More chairs</h1>
<div class="entry-content"><p>{w}</p></div></article>
<aside class="blog-sidebar"><div class="widget writer-card"><h5>Written by</h5>
<p class="writer-card-name"><strong>Grace Example</strong></p></div>
<div class="widget"><h5>Recent Posts</h5><ul><li>More chairs</li></ul></div></aside>
</body></html>""".format(w="On Friday a dozen of us went along to the last seminar. " * 4)
    page = extract(html, "blog/case.html", load_html_rules())
    source = Source("blog/case.html", "blog", page.lines, frame=page.frame)
    posts = split.split(clean(source, load_rules()))
    assert [p.bylines for p in posts] == [("Grace Example",)]


def test_a_printed_page_keeps_its_programme_rows_and_short_lines_apart() -> None:
    """A page saved as text wraps its paragraphs near its width: a line well short of it
    ends a paragraph, and a programme's rows (columns parted by tabs) are one block each,
    their columns parted by a dash as a programme writes them."""
    text = [
        "This is the fifth seminar in a series led from the university, and it asks what",
        "regulators know and how the knowledge of people who use services can count.",
        "Programme",
        "09:30\tArrival and coffee",
        "14:15\tWorkshop: Writing a Standard Together\tNikhil Example and Dr Aoife Example",
        "",
        "Also at the Centre",
        "Methods lunch: ethnography behind locked doors",
    ]
    lines = tuple(Line(n, t) for n, t in enumerate(text, start=1))
    cleaned = clean(Source(path="article/case.txt", kind="article", lines=lines), load_rules())
    blocks = [b.text for b in cleaned.blocks]
    assert blocks[0].startswith("This is the fifth seminar")
    assert "09:30 \u2013 Arrival and coffee" in blocks
    row = "14:15 \u2013 Workshop: Writing a Standard Together \u2013 Nikhil Example and Dr Aoife"
    assert f"{row} Example" in blocks
    assert blocks[-2:] == ["Also at the Centre", "Methods lunch: ethnography behind locked doors"]


@pytest.mark.parametrize(
    ("line", "only"),
    [
        ("March 2, 2016", True),
        ("Wednesday, 2 November 2016", True),
        ("Posted on 6 May 2017", True),
        ("Friday 3 March 2017, 9.30am to 4.00pm", False),  # a time: an event's, kept
        ("6 May 2017 | Jo Bloggs", False),  # a writer
        ("Posted 14 January 2016 · 2 comments", True),  # a count of comments says nothing
        ("Oct 31, 2017 · 5 min read", True),  # nor does a reading time
        ("6 May 2017 · 3 comments · Jo Bloggs", False),
    ],
)
def test_only_date(line: str, only: bool) -> None:
    assert only_date(line) is only


@pytest.mark.parametrize(
    ("line", "only"),
    [
        ("Posted on February 3, 2016 by Jo O'Bloggs", True),  # the writer the post names
        ("March 8, 2017 / Jo O'Bloggs / Leave a comment", True),
        ("6 May 2017 | Jo O'Bloggs and Sam Example", False),  # someone else too
        ("Posted on 6 May 2017 by coproblog in Seminars", False),  # a category
    ],
)
def test_only_date_beside_its_writer(line: str, only: bool) -> None:
    assert only_date(line, ["Jo O'Bloggs"]) is only


def test_a_profiles_heading_names_the_owner_under_it() -> None:
    """Blogger's "About Me" / "My photo" / the owner's name: the frame's profile."""
    frame = [(50, "About Me"), (51, "My photo"), (52, "Rosemary Example"), (53, "Yorkshire")]
    owner = page_owner(frame, load_rules())
    assert owner is not None
    assert (owner.name, owner.line, owner.stated) == ("Rosemary Example", 52, True)


def test_a_page_builders_widget_class_on_all_its_text_is_no_chrome() -> None:
    """A page builder (Elementor) puts a class that names chrome ("elementor-widget") on
    every block of the page's own text: a class on half the page's words is how it is
    built, and stays; a sidebar widget beside it is still chrome."""
    words = "Come and find out what the Recovery College is about, and meet our tutors. " * 3
    html = f"""<html><body><div class="elementor">
<div class="elementor-widget"><h2>Open day at the college</h2></div>
<div class="elementor-widget"><p>{words}</p></div>
<div class="elementor-widget"><p>{words}</p></div></div>
<div class="widget"><p>Recent posts</p></div></body></html>"""
    page = extract(html, "blog/case.html", load_html_rules())
    texts = [line.text for line in page.lines if line.text]
    assert "Open day at the college" in texts
    assert words.strip() in texts
    assert "Recent posts" not in texts


def test_a_name_in_the_header_with_its_pictures_alt_text_glued_is_the_owner_once() -> None:
    """A writer's archive shows the writer's picture and name; copied, the picture's alt
    text is glued to the name. The owner is the name, said once."""
    found = page_owner([(2, "Tom ExampleTom Example")], load_rules(), header_end=5)
    assert found is not None
    assert found.name == "Tom Example"


@pytest.mark.parametrize(
    ("line", "signed"),
    [
        ("\u2014 Pamela Example", True),  # a dash before the name
        ("Pamela", True),
        ("Pam x", True),  # a kiss after it
        ("Max", True),  # a name that ends in "x" keeps it
        ("Bernie xx", True),
        ("News", False),
        ("About the series", False),
    ],
)
def test_is_signature(line: str, signed: bool) -> None:
    assert is_signature(line) is signed
