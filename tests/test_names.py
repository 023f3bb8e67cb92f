"""The name model (tools/ingest/names.py): its cases as a table."""

from __future__ import annotations

import pytest

from tools.ingest.names import (
    TOKEN_RE,
    is_byline,
    is_given_name,
    is_initialled_name,
    is_name_word,
    is_names_line,
    name_words,
    role_line,
    same_given,
    variant_key,
)

SAME_GIVEN = [
    ("Phil", "Philip", True),
    ("Pete", "Peter", True),
    ("Matt", "Matthew", True),
    ("Kate", "Katherine", True),
    ("Bob", "Robert", True),
    ("J.", "Jan", True),  # an initial and a name
    ("Bernie", "Bernadette", True),  # clipped: the start and a pet ending
    ("Seun", "Oluwaseun", True),  # clipped: the end
    ("Rosie", "Rosemary", True),  # three letters before a pet ending
    ("Tunde", "Babatunde", True),
    ("Dan", "Danielle", False),  # three letters that are another name's short form (Daniel)
    ("Raj", "Rajinder", True),  # three letters the nickname table knows as no other name's
    ("Tom", "Tomasz", True),  # Thomas's short form, of a name the table does not know
    ("Ros", "Rosalind", True),
    # British short forms the package's table lacks (rules/names.yaml nicknames)
    ("Dee", "Deborah", True),
    ("Tash", "Natasha", True),
    ("Gaz", "Gareth", True),
    ("Dee", "Denise", False),
    ("Joni", "Jon", False),
    ("Christine", "Christopher", False),  # neither is the other clipped
    ("Jane", "John", False),
    ("Peter", "Paul", False),
    ("", "Paul", False),
]
VARIANTS = [
    ("Prof. Phil Marsh-Ogden's", "phil marsh ogden"),
    ("Dr Ann O'Neill", "ann o'neill"),
    ("Bernadette O\u2019Halloran", "bernadette o'halloran"),
    ("Tadhg Ó Briain", "tadhg o briain"),
    ("CLLR MARGARET EXAMPLE", "margaret example"),
    # letters Unicode does not take apart into a letter and an accent
    ("Mehmet Y\u0131ld\u0131z", "mehmet yildiz"),
    ("\u0141ukasz \u00d8stby", "lukasz ostby"),
]
GIVEN = [
    ("Siobhan", True),
    ("PETE", True),
    # British names written often, rarely words (an English top 1,000 below Zipf 3.5)
    ("Ewan", True),
    ("Hamish", True),
    ("Graeme", True),
    ("Harrogate", False),
    ("Council", False),
    ("Open", False),
]


@pytest.mark.parametrize(("a", "b", "same"), SAME_GIVEN)
def test_same_given(a: str, b: str, same: bool) -> None:
    assert same_given(a, b) is same
    assert same_given(b, a) is same


@pytest.mark.parametrize(("name", "key"), VARIANTS)
def test_variant_key(name: str, key: str) -> None:
    assert variant_key(name) == key


@pytest.mark.parametrize(("word", "given"), GIVEN)
def test_given_names_come_from_data(word: str, given: bool) -> None:
    assert is_given_name(word) is given


def test_honorifics_take_a_full_stop_and_any_case() -> None:
    words = name_words()
    assert all(words.is_honorific(h) for h in ("Dr", "dr.", "PROF.", "Cllr", "Revd", "Canon"))
    assert not words.is_honorific("Doctoral")


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Dr Lena Ortiz", True),
        ("Author: Aoife Ní Bhriain", True),
        ("Author Pamela Fisher", True),  # a theme's label, no colon, before a capital
        ("Author notes from the day", False),
        ("Words: Tom Ackroyd and Ruth Hallworth", True),
        ("Photographs and words by Marta Example", True),  # a credit line
        ("Interview by Chidi Example", True),
        ("Report prepared by Carys Example and Hugh Example", True),  # a report's makers
        ("Notes compiled by Jo Bloggs", True),
        ("Story by Alex Example", True),  # a news page's credit for its text
        ("Article by Jo Bloggs -", True),  # the dash a theme sets before the date
        ("Seminar summary by Harminder Example", True),  # what the writing is, then "by"
        ("Guest post by Jo Bloggs", True),
        ("A short reflection by Jo Bloggs", True),
        ("Guest post by Mrs Eileen Example, who spoke at the seminar. [\u2026]", False),  # cut
        ("Show notes by Callum Example.", False),  # a sentence of the text
        ("Talk by Jo Bloggs", False),  # a talk is given, not written
        ("Story of a ward by the river", False),
        ("Photographs of the day by the river", False),
        ("Ged Flanagan writes:", True),  # "writes:" vouches for a name the data lacks
        ("By the way", False),
        ("By train and bus, it took us four hours", False),
        ("The committee writes to every member:", False),
    ],
)
def test_is_byline(line: str, byline: bool) -> None:
    assert is_byline(line) is byline


@pytest.mark.parametrize("text", ["Dr Tomasz Wi?niewski", "Dr Tomasz Wis\u00b4niewski"])
def test_no_name_word_ends_where_a_letter_was_lost(text: str) -> None:
    """A letter an encoding lost, or an accent a PDF set apart, leaves the word whole: its
    first letters are no surname ("Tomasz Wi")."""
    assert [m.group() for m in TOKEN_RE.finditer(text)] == ["Dr", "Tomasz"]


def test_a_given_name_of_two_syllables_is_a_name_word() -> None:
    """ "Eun-ji Park", "Hyun-woo Kim": a given name of two short syllables joined by a hyphen
    is a name's word before a surname; a word a PDF broke at a line's end is not."""
    assert TOKEN_RE.findall("Dr Eun-ji Park spoke") == ["Dr", "Eun-ji", "Park"]
    assert TOKEN_RE.findall("Hyun-woo Kim") == ["Hyun-woo", "Kim"]
    assert "Hol-royd" not in TOKEN_RE.findall("Margaret Hol-royd, the chair")
    assert is_name_word("Eun-ji")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Rosalind Example (a) and Mohammed Iqbal Example (b)", True),  # affiliation marks
        ("Leila Haddad\u00b9, Sunita Mistry\u00b9\u00b2", True),
        ("Jo Bloggs* and Sam Example\u2020", True),
        # a PDF's text flattens the superscripts into digits glued to the names
        ("Emeka Nwachukwu1, Tomasz Kowalczyk2 and Hollie Braithwaite1,3", True),
        # ... or prints them as letters standing after each name
        ("Caoimhe Brennan a and Rosalind Aykroyd b", True),
        ("Jo Bloggs a, Sam Example b", True),
        ("Caoimhe Brennan and a friend", False),
        ("Room 101 and Room 102", False),
        ("Rosalind Example (Leeds) and Mo Example", False),  # a place is no mark
        ("School of Healthcare (a)", False),
    ],
)
def test_a_names_line_may_mark_each_writer_s_affiliation(line: str, names: bool) -> None:
    assert is_names_line(line) is names


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Chief Executive", True),
        ("Series Coordinator", True),
        ("Involvement Lead, Aire Trust", True),
        ("Jo Bloggs", False),  # a name, not a role
        ("With best wishes,", False),
        ("Thank you for reading.", False),
        ("Issue 14", False),
        ("chief executive", False),
    ],
)
def test_role_line(line: str, role: bool) -> None:
    assert role_line(line) is role


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Mo", "Mohammed", True),  # rules/names.yaml's nicknames, beside the package's
        ("Pip", "Philippa", True),
        ("Trix", "Beatrix", True),
        ("Mo", "Martin", False),
        ("Pip", "Penelope", False),
    ],
)
def test_short_forms_the_rules_add(a: str, b: str, same: bool) -> None:
    assert same_given(a, b) is same


@pytest.mark.parametrize(
    ("text", "initialled"),
    [
        ("N. A. Okafor", True),
        ("R Hunter-Lewis", True),
        ("Ngozi Okafor", False),  # a given name, no initials
        ("Okafor", False),
        ("N. A.", False),  # initials alone
    ],
)
def test_is_initialled_name(text: str, initialled: bool) -> None:
    assert is_initialled_name(text) is initialled
