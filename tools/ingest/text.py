"""Pure text helpers every stage shares: folding, slugs, words and sort keys.

One function per meaning, so that two stages never disagree on what "the same text" or
"the slug of a title" is. Their cases are the table ``CASES`` in ``tests/test_text.py``.

- :func:`fold`: text compared loosely (quotes and dashes straightened, spaces collapsed,
  case folded). ``"Pamela\u2019s  Talk" -> "pamela's talk"``.
- :func:`unaccented`: text for sorting, accents dropped and case folded (``Öberg`` -> ``oberg``).
- :func:`words`: the words of a text, normalised so that copies of one text compare equal.
- :func:`slugify`: the one slug rule of the project, for document and person ids.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "APOSTROPHES",
    "CLOCK",
    "CUT_MARKS",
    "PROGRAMME_TIME",
    "PROSE_WORDS",
    "bare_letters",
    "fold",
    "is_prose_text",
    "is_question_title",
    "is_worded",
    "slugify",
    "unaccented",
    "words",
]

#: A line of prose has at least this many words (a title, a name or a menu item fewer).
PROSE_WORDS = 10
#: How a sentence ends: a stop, a question or exclamation mark, an ellipsis ("[…]" of a
#: truncated excerpt) or a colon before a list, maybe inside quotes or brackets.
_SENTENCE_END = re.compile("[.!?:\u2026][\"'\u2019\u201d)\\]]*$")
#: A sentence's end and what a social post puts after it lie in a line's last this many
#: characters.
AFTERWORD_CHARS = 40
#: A sentence ending inside a line, the next one starting ("... not perfect. But it ..."),
#: on a word in lower case ("Dr. Jo Bloggs" is no break).
_SENTENCE_BREAK = re.compile("\\b[a-z]{2,}[.!?][\"'\u2019\u201d)]* [\"'\u2018\u201c(]?[A-Z]")
#: What a social post may put after its last sentence: emoji, pictographs, a thread's
#: marks ("\U0001f9f5", "\U0001f604", "/end", "1/").
_AFTERWORD = re.compile(r"(?:\s*(?:[^\w\s.!?:\u2026\"'\u2019\u201d)\]]|/end\b|\d+/\d*))+$")


def is_worded(text: str) -> bool:
    """Whether a line has a letter or a digit (a divider "/", "·" or "-----" has none)."""
    return any(c.isalnum() for c in text)


def is_prose_text(text: str) -> bool:
    """A line of prose: long, and ending as a sentence does ("... 9am to 5pm)" on a
    helpline line in a sidebar, or "Location: ..." under an event's title, does not), maybe
    before a social post's emoji, or holding two sentences and longer than a title."""
    count = len(text.split())
    if count < PROSE_WORDS:
        return False
    tail = text[-AFTERWORD_CHARS:]  # how a line ends is in its last characters
    if _SENTENCE_END.search(tail) or _SENTENCE_END.search(_AFTERWORD.sub("", tail)):
        return True
    # two sentences in a line longer than any title ("Who holds the purse strings? Notes
    # on the York seminar" is one)
    return count >= 2 * PROSE_WORDS and _SENTENCE_BREAK.search(text) is not None


#: A title put as a question is one sentence shorter than two lines of prose.
MAX_QUESTION_TITLE_WORDS = 2 * PROSE_WORDS - 1


def is_question_title(text: str) -> bool:
    """Whether a line may be a title put as a question, though it reads as prose: one
    sentence that ends in a question mark ("What is Open Dialogue, and why does it matter
    for co-production?"). Only its place tells, over a date."""
    text = text.strip()
    return (
        text.endswith("?")
        and len(text.split()) <= MAX_QUESTION_TITLE_WORDS
        and _SENTENCE_BREAK.search(text) is None
    )


#: Characters written for an apostrophe; a slug or a word comparison drops them
#: (``O\u2019Neill`` and ``O'Neill`` are one name, ``LYPFT\u2019s`` one word).
APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u2032`]")
# A programme line's time, in every common form: "10.00", "10:15 -", "11:30-12:00", "2pm",
# "1.30pm - 2.15pm", "14.00 -", "9.30 am:", "12 noon". A time needs minutes, am/pm or
# noon, so "2 speakers" or "5 June" is none. Matched at a line's start, with what
# separates it from the text.
_CLOCK = r"(?:\d{1,2}(?:(?:[.:]\d{2})\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?)|12\s*noon|noon)"
PROGRAMME_TIME = re.compile(
    rf"\s*{_CLOCK}(?:\s*(?:[\u2013\u2014-]|to)\s*(?:{_CLOCK}|\d{{1,2}}[.:]\d{{2}}))?"
    r"(?:\s*[\u2013\u2014:-]+\s*|\s+)(?=\S)",
    re.IGNORECASE,
)
#: A time of day anywhere in a line: "10am", "2.30 pm", "14:00".
CLOCK = re.compile(r"(?i)\b\d{1,2}(?:[.:]\d{2})?\s?[ap]\.?m\b|\b\d{1,2}[.:]\d{2}\b")
#: How a listing ends an excerpt it cut: "…", "...", and so "[…]" once its bracket goes.
CUT_MARKS = ("\u2026", "...")
_WORD = re.compile(r"[^\W_]+")  # letters and digits; every other character separates words
_SLUG_WORD = re.compile(r"[a-z0-9]+")
#: Typographic quotes and dashes, and the plain characters they compare as.
_FOLD = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}


def fold(text: str) -> str:
    """Text compared loosely: quotes and dashes straightened, spaces collapsed, case folded."""
    text = unicodedata.normalize("NFC", text)
    for typographic, plain in _FOLD.items():  # six replaces: much faster than str.translate
        text = text.replace(typographic, plain)
    return " ".join(text.split()).casefold()


#: Latin letters that are no letter and accent, so Unicode does not take them apart: the
#: plain letters they are written as without the mark (Turkish dotless i as "i", so a
#: Turkish surname and its plain spelling are one name; Polish barred l as "l").
_OWN_LETTERS = str.maketrans(
    {
        "\u0131": "i",  # dotless i
        "\u0142": "l",  # ł
        "\u0141": "L",  # Ł
        "\u00f8": "o",  # ø
        "\u00d8": "O",  # Ø
        "\u0111": "d",  # đ
        "\u0110": "D",  # Đ
        "\u00f0": "d",  # ð
        "\u00d0": "D",  # Ð
        "\u0127": "h",  # ħ
        "\u00df": "ss",  # ß
        "\u00e6": "ae",  # æ
        "\u00c6": "AE",  # Æ
        "\u0153": "oe",  # œ
        "\u0152": "OE",  # Œ
        "\u00fe": "th",  # þ
        "\u00de": "Th",  # Þ
    }
)


def bare_letters(text: str) -> str:
    """``text`` with its accents dropped and its letters written plain ("Wiśniewski" ->
    "Wisniewski", a dotless i as "i"); case kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_OWN_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def unaccented(text: str) -> str:
    """``text`` for sorting: accents dropped, case folded (``Öberg`` sorts as ``oberg``)."""
    return bare_letters(text).casefold()


def words(text: str) -> tuple[str, ...]:
    """The words of ``text``: NFKC, case folded, apostrophes dropped, split at non-letters."""
    return tuple(_WORD.findall(APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())))


def slugify(text: str, max_length: int | None = None) -> str:
    """A lowercase ASCII slug: ``"Pippa Hunter Jones" -> "pippa-hunter-jones"``.

    Apostrophes are dropped (``"O\u2019Neill" -> "oneill"``), accents too, and every other run of
    characters outside ``a-z0-9`` becomes one hyphen. With ``max_length``, a longer slug is
    cut at a hyphen. The result may be empty: the caller chooses its fallback.
    """
    ascii_text = bare_letters(APOSTROPHES.sub("", text))
    ascii_text = ascii_text.encode("ascii", "ignore").decode().lower()
    slug = "-".join(_SLUG_WORD.findall(ascii_text))
    if max_length is not None and len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug.strip("-")
