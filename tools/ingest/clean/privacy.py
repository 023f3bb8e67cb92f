"""Contact details in sources are not republished.

Blog pages carry e-mail addresses and phone numbers ("please email ...", "contact ...
on 0113 ..."). The knowledge base keeps the words around them but masks the details
themselves in every page and so in the search index; the ingest report counts them.
An address cannot tell whether it belongs to a person or an office, so every e-mail
address is masked. Pure: text in, masked text and a count out; cases in
``tests/fixtures/privacy/cases.yaml``.
"""

from __future__ import annotations

import re

EMAIL_MASK = "[e-mail address removed]"
PHONE_MASK = "[phone number removed]"

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+(?![\w-])")
# A phone number: an optional +country code, then 9 to 13 digits in groups separated by
# single spaces, dots or hyphens, with an optional (0) or area code in brackets. Years,
# page ranges and figures ("2016-2017", "pp. 324-331", "209") are too short to match.
PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[ .-]?(?:\(0\)[ .-]?)?|\(0\d{2,4}\)[ .-]?|0)"
    r"\d{2,5}(?:[ .-]?\d{2,4}){2,3}(?![\w])"
)


_DIGIT = re.compile(r"\d")


def mask_contacts(text: str) -> tuple[str, int]:
    """``text`` with e-mail addresses and phone numbers masked, and how many there were."""
    # Every address has an "@" and every number digits: most texts have neither, and
    # these tests take a fraction of the time of the searches.
    text, emails = EMAIL.subn(EMAIL_MASK, text) if "@" in text else (text, 0)
    pieces: list[str] = []
    position = phones = 0
    for found in PHONE.finditer(text) if _DIGIT.search(text) else ():
        if 9 <= sum(c.isdigit() for c in found.group(0)) <= 13:
            pieces += [text[position : found.start()], PHONE_MASK]
            position = found.end()
            phones += 1
    return "".join(pieces) + text[position:], emails + phones
