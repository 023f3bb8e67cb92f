"""Whose page a source is: the owner a personal blog names in its frame.

A personal blog (a student's placement diary, a journal, a lecturer's blog) often prints
no byline on its posts: the writer's name stands once, in the page's frame, as the site's
name ("Hollie Example: placement diary", "Bernie's journal"), a profile line ("Name:
Bernadette Example"), a copyright line ("© 2017 Sadia Example") or an about box
("Alexandra Example (Sandy to everyone) teaches social work ...", or "I'm Yusuf Example, a
researcher"), or a profile's heading over the name ("About Me" / "Rosemary Example"). The
clean stage drops
that frame as chrome; this module reads it first, with the patterns of
``rules/text.yaml`` (``page_owner`` says whose page it is; ``page_about`` only describes a
person, so the split stage needs a post signed by them too, see ``split.py``).

The name must be one person's name by the name model (:func:`~..names.is_vouched_name`),
and the frame must name one person only: a page whose frame names two is nobody's.
Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..names import is_vouched_name, recase, variant_key
from ..records import Owner
from .repeats import unrepeat
from .rules import Rules

__all__ = ["page_owner"]

#: A frame line longer than this says nothing of whose page it is.
MAX_OWNER_LINE = 400
#: A profile's name stands within this many lines under its heading ("About Me" / "My
#: photo" / "Rosemary Example").
PROFILE_LINES = 3
_TRAILING = " \t.,;:|\u2013\u2014-"
#: The name a person goes by, after their full name: "Marianne Example (Maz)".
_NICKNAME = re.compile(r"\s*\([^()]{1,30}\)\s*$")


def page_owner(frame: Iterable[tuple[int, str]], rules: Rules, header_end: int = 0) -> Owner | None:
    """The one person the frame lines (``(line, text)``) name as the page's owner, if any:
    stated when some line says whose page it is, else described by an about line. A name
    alone in the page's header (the frame lines above line ``header_end``, where its text
    starts: "Marianne Example (Maz)" under a journal's name) says whose page it is too."""
    found: dict[bool, dict[str, Owner]] = {True: {}, False: {}}
    under = 0  # frame lines left under a profile's heading ("About Me")
    for number, line in frame:
        if len(line) > MAX_OWNER_LINE:
            continue
        text = unrepeat(line) or line  # a name with its picture's alt text glued to it
        if any(p.fullmatch(text.strip()) for p in rules.owner_headings):
            under = PROFILE_LINES
            continue
        if under or number < header_end:
            under = max(under - 1, 0)
            if is_vouched_name(alone := recase(_NICKNAME.sub("", text).strip(_TRAILING))):
                found[True].setdefault(variant_key(alone), Owner(alone, number, True))
                under = 0
                continue
        for stated, patterns in ((True, rules.page_owner), (False, rules.page_about)):
            names = (
                recase(m["name"].strip(_TRAILING))
                for p in patterns
                if (m := p.fullmatch(text.strip()))
            )
            if (name := next(filter(is_vouched_name, names), None)) is not None:
                found[stated].setdefault(variant_key(name), Owner(name, number, stated))
                break
    for stated in (True, False):
        if found[stated]:
            owners = list(found[stated].values())
            return owners[0] if len(owners) == 1 else None
    return None
