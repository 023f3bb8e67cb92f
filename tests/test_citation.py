"""Citing and saving: the reference of a document or seminar in every format, read back by
the libraries reference managers use, and hostile text escaped in each.

* BibTeX is read by ``bibtexparser`` (with ``pylatexenc``'s LaTeX decoding), RIS by
  ``rispy``, CSL-JSON by ``citeproc-py`` formatting a bibliography (its bundled Harvard
  style): each must give back the catalog's title, authors, date and journal;
* the formatted APA and Harvard references go through MyST and render to their text;
* the ``citation_*`` meta tags and JSON-LD, written into a page, read back as the values;
* a property test feeds hostile titles and names to all of them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import rispy
import yaml
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import LatexDecodingMiddleware
from bs4 import BeautifulSoup
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from hypothesis import example, given
from hypothesis import strategies as st
from jinja2 import Environment

from tests.conftest import MystParse, bounded
from tools.ingest.pages import base_url, page_url
from tools.ingest.records import Document, Fact, Origin, Seminar
from tools.ingest.render.cite import (
    Name,
    Reference,
    apa,
    bibtex,
    cite_files,
    csl_item,
    csl_json,
    document_reference,
    flat,
    harvard,
    markdown,
    plain,
    ris,
    seminar_reference,
    split_name,
)
from tools.sphinxext.citation import citation_meta, document_ld, script_json, seminar_ld

ROOT = Path(__file__).resolve().parent.parent
SERIES = (Fact("title", "Re-imagining professionalism", "https://series.example.org/"),)

ARTICLE = Document(
    id="clark-2015",
    title="Co-production in mental health care",
    title_derived=False,
    kind="article",
    bylines=("Michael Clark",),
    blocks=(),
    origins=(Origin("articles/clark.txt", (1, 9)),),
    date="2015",
    url="http://eprints.lse.ac.uk/64331/",
    meta=(
        ("journal", "Mental Health Review Journal"),
        ("volume", "20"),
        ("issue", "4"),
        ("pages", "213-219"),
        ("issn", "1361-9322"),
    ),
    authors=("michael-clark",),
)
NAMES = {"michael-clark": "Michael Clark", "ann-van-os": "Ann van Os"}


def reference() -> Reference:
    return document_reference(ARTICLE, NAMES, SERIES)


def test_names_are_split_for_references() -> None:
    assert split_name("Michael Clark") == Name("Clark", "Michael")
    assert split_name("Clark, Michael") == Name("Clark", "Michael")
    assert split_name("Ann van Os") == Name("van Os", "Ann")
    assert split_name("Pamela") == Name(literal="Pamela")
    assert Name("Hunter-Jones", "Pippa Anne").initials == "Hunter-Jones, P. A."


def test_a_blog_post_is_on_the_series_blog_only_at_its_address() -> None:
    post = Document("p", "A post", False, "blog", ("Ann van Os",), (), (), url=None)
    assert document_reference(post, NAMES, SERIES).container is None
    on_blog = Document(
        "p", "A post", False, "blog", (), (), (), url="https://series.example.org/2016/x"
    )
    assert document_reference(on_blog, NAMES, SERIES).container == "Re-imagining professionalism"


def test_apa_and_harvard_of_an_article() -> None:
    ref = reference()
    assert plain(apa(ref)) == (
        "Clark, M. (2015). Co-production in mental health care. Mental Health Review "
        "Journal, 20(4), 213-219. http://eprints.lse.ac.uk/64331/"
    )
    assert plain(harvard(ref)) == (
        "Clark, M. (2015) 'Co-production in mental health care', Mental Health Review "
        "Journal, 20(4), pp. 213-219. Available at: http://eprints.lse.ac.uk/64331/"
    )
    assert [text for text, italic in apa(ref) if italic] == ["Mental Health Review Journal", "20"]


def test_bibtex_reads_back_as_the_catalog_says() -> None:
    library = parse_string(bibtex(reference()), append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert (entry.entry_type, entry.key) == ("article", "clark-2015")
    fields = {key: field.value for key, field in entry.fields_dict.items()}
    assert fields["title"] == ARTICLE.title
    assert fields["author"] == "Clark, Michael"
    assert fields["year"] == "2015"
    assert fields["journal"] == "Mental Health Review Journal"
    assert (fields["volume"], fields["number"], fields["issn"]) == ("20", "4", "1361-9322")
    assert fields["pages"] in ("213--219", "213\u2013219")  # decoded to an en dash, or not
    assert fields["url"] == ARTICLE.url


def test_ris_reads_back_as_the_catalog_says() -> None:
    (record,) = rispy.loads(ris(reference()))
    assert record["type_of_reference"] == "JOUR"
    assert record["title"] == ARTICLE.title
    assert record["authors"] == ["Clark, Michael"]
    assert record["year"] == "2015"
    assert record["journal_name"] == "Mental Health Review Journal"
    assert (record["volume"], record["number"]) == ("20", "4")
    assert (record["start_page"], record["end_page"]) == ("213", "219")
    assert record["urls"] == [ARTICLE.url]


def bibliography(items: list[dict[str, Any]]) -> list[str]:
    """What citeproc-py makes of CSL-JSON items, in its bundled Harvard style."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bib.bibliography()]


def test_csl_json_is_formatted_by_a_csl_processor() -> None:
    items = json.loads(csl_json(reference()))
    (entry,) = bibliography(items)
    assert entry.startswith("Clark, M. (2015)")
    assert "Co-production in mental health care" in entry
    assert "Mental Health Review Journal, 20(4), pp. 213\u2013219" in entry


def test_a_seminar_reference() -> None:
    seminar = Seminar(4, "Policy and commissioning", (), "2016-10-28", "University of York", ())
    seminar = Seminar(**{**seminar.__dict__, "speakers": ("ann-van-os",)})
    ref = seminar_reference(seminar, NAMES, SERIES)
    item = csl_item(ref)
    assert item["title"] == "Seminar 4: Policy and commissioning"
    assert item["issued"] == {"date-parts": [[2016, 10, 28]]}
    assert item["event-place"] == "University of York"
    assert plain(apa(ref)).startswith("van Os, A. (2016, October 28). Seminar 4: Policy")
    assert sorted(cite_files(ref)) == [f"cite/seminar-4{s}" for s in (".bib", ".json", ".ris")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        ("https://example.org/kb", "https://example.org/kb/"),
        (" http://example.org/ ", "http://example.org/"),
        ("https://example.org/a%20b/", "https://example.org/a%20b/"),
        ("example.org/kb", ValueError),  # no scheme
        ("ftp://example.org/", ValueError),
        ("javascript:alert(1)//", ValueError),
        ("https:///kb/", ValueError),  # no host
        ("https://example.org/?page=1", ValueError),
        ("https://example.org/#top", ValueError),
        ("https://example.org/a b/", ValueError),
        ('https://example.org/"><script>', ValueError),
        ("https://example.org/{x}/", ValueError),  # would unbalance a BibTeX value
        ("https://[::1/", ValueError),  # urlsplit refuses it
    ],
)
def test_the_site_address_is_checked(value: str | None, expected: object) -> None:
    if expected is ValueError:
        with pytest.raises(ValueError, match="KB_BASEURL must be the site's address"):
            base_url(value)
    else:
        assert base_url(value) == expected


def test_without_an_address_of_its_own_a_reference_gives_its_page_on_the_site() -> None:
    """The original address wins; a document without one, and a seminar, give the page's
    address on this site when it is known, in every format; unknown, they give none."""
    page = page_url("https://example.org/kb/", "documents/clark-2015.md")
    assert page == "https://example.org/kb/documents/clark-2015.html"
    assert document_reference(ARTICLE, NAMES, SERIES, page).url == ARTICLE.url
    offline = Document(**{**ARTICLE.__dict__, "url": None})
    assert document_reference(offline, NAMES, SERIES).url is None
    assert "url" not in bibtex(document_reference(offline, NAMES, SERIES))
    seminar = Seminar(4, "Policy and commissioning", (), "2016-10-28", "University of York", ())
    here = page_url("https://example.org/kb/", "seminars/seminar-4.md")
    for ref in (
        document_reference(offline, NAMES, SERIES, page),
        seminar_reference(seminar, NAMES, SERIES, here),
    ):
        assert ref.url is not None
        assert ref.url.startswith("https://example.org/kb/")
        fields = parse_string(bibtex(ref)).entries[0].fields_dict
        assert fields["url"].value == ref.url
        assert rispy.loads(ris(ref))[0]["urls"] == [ref.url]
        assert csl_item(ref)["URL"] == ref.url
        assert plain(apa(ref)).endswith(" " + ref.url)
        assert plain(harvard(ref)).endswith("Available at: " + ref.url)
    assert seminar_reference(seminar, NAMES, SERIES).url is None


def test_meta_tags_follow_google_scholar() -> None:
    tags = citation_meta(csl_item(reference()))
    assert tags == [
        ("citation_title", ARTICLE.title),
        ("citation_author", "Clark, Michael"),
        ("citation_publication_date", "2015"),
        ("citation_journal_title", "Mental Health Review Journal"),
        ("citation_volume", "20"),
        ("citation_issue", "4"),
        ("citation_firstpage", "213"),
        ("citation_lastpage", "219"),
        ("citation_issn", "1361-9322"),
        ("citation_public_url", ARTICLE.url),
        ("citation_language", "en"),
    ]


def test_citation_file_agrees_with_the_project() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors", "version"} <= set(cff)
    conf = (ROOT / "docs" / "conf.py").read_text("utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert f'project = "{cff["title"]}"' in conf
    assert f'\nversion = "{cff["version"]}"' in pyproject
    assert f'author = "{cff["authors"][0]["name"]}"' in conf
    about = " ".join((ROOT / "docs" / "about-data.md").read_text("utf-8").split())
    assert f"*{cff['title']}* (Version {cff['version']})" in about
    assert cff["authors"][0]["name"] in about


# --- Hostile text -----------------------------------------------------------------------

#: Characters that mean something in one of the formats or in HTML.
SPECIAL = "{}\\%&$#_^~@\"'<>/=,;:[]()*`\n\r\t\u2028 "
hostile = st.text(
    alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8")),
    min_size=1,
    max_size=40,
).filter(lambda text: bool(flat(text)))

HOSTILE = '</script><script>alert(1)</script>"> {\\} %\n@misc{x,\nER  - \nTY  - JOUR'
_LATEX_BACK = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciicircum{}": "^",
    r"\textasciitilde{}": "~",
}
_LATEX = re.compile("|".join(re.escape(k) for k in _LATEX_BACK) + r"|\\([%&$#_])")


def latex_back(value: str) -> str:
    """The inverse of the BibTeX escaping (pylatexenc reads ``\\textbraceleft{}`` as
    nothing and ``^`` as a modifier letter, so it is not the judge of those)."""
    return _LATEX.sub(lambda m: m.group(1) or _LATEX_BACK[m.group()], value)


def hostile_reference(title: str, author: str) -> Reference:
    document = Document(
        id="hostile",
        title=title,
        title_derived=False,
        kind="article",
        bylines=(author,),
        blocks=(),
        origins=(),
        date="2016-05-01",
        meta=(("journal", title), ("volume", author)),
    )
    return document_reference(document, {}, SERIES)


@bounded(150)
@given(title=hostile, author=hostile)
@example(title=HOSTILE, author=HOSTILE)
def test_hostile_text_is_escaped_in_every_format(
    myst_parse: MystParse, title: str, author: str
) -> None:
    ref = hostile_reference(title, author)
    name = split_name(author)
    # BibTeX: one entry with exactly its fields, each value reading back as given.
    library = parse_string(bibtex(ref))
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry.key == "hostile"
    fields = {key: field.value for key, field in entry.fields_dict.items()}
    assert sorted(fields) == ["author", "date", "journal", "title", "volume", "year"]
    assert latex_back(fields["title"]) == flat(title)
    assert latex_back(fields["journal"]) == flat(title)
    assert latex_back(fields["author"]) == name.inverted
    # RIS: one record, the title and author as given.
    (record,) = rispy.loads(ris(ref))
    assert record["title"] == flat(title)
    assert record["authors"] == [name.inverted]
    assert record["id"] == "hostile"
    # CSL-JSON.
    (item,) = json.loads(csl_json(ref))
    assert item["title"] == flat(title)
    # APA and Harvard on the page: MyST renders them to exactly their text.
    for runs in (apa(ref), harvard(ref)):
        doctree, warnings = myst_parse(markdown(runs))
        assert warnings == ""
        assert " ".join(doctree.astext().split()) == " ".join(plain(runs).split())
    # Meta tags, written as the page template writes them, read back as the values.
    tags = citation_meta(item)
    template = Environment(autoescape=True).from_string(
        '{% for n, c in tags %}<meta name="{{ n }}" content="{{ c }}">{% endfor %}'
        '<script type="application/ld+json">{{ ld|safe }}</script>'
    )
    data = document_ld({"kind": "article", "citation": item}, {})
    html = template.render(tags=tags, ld=script_json(data))
    soup = BeautifulSoup(html, "html.parser")
    read = [(m["name"], m["content"]) for m in soup.find_all("meta")]
    assert read == tags
    assert ("citation_title", flat(title)) in read
    (script,) = soup.find_all("script")
    assert "<" not in script.get_text()
    assert json.loads(script.get_text()) == data
    assert data["name"] == flat(title)
    event = seminar_ld({"citation": {"title": title}, "venue": author}, {}, title)
    assert json.loads(script_json(event))["location"]["name"] == flat(author)


@pytest.mark.parametrize("name", ["O'Brien{", "x}", "\\", "}{"])
def test_bibtex_braces_always_balance(name: str) -> None:
    text = bibtex(hostile_reference(name, name))
    body = re.sub(r"\\text[a-z]+\{\}", "", text)
    depth = 0
    for char in body:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
