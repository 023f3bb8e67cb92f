"""What a person's name is made of: honorifics and particles, from ``rules/names.yaml``.

The one source of these lists for every stage: split (bylines, signatures), link (people
in running text) and render (people sorted by surname). A stage that needs another form
(lower case, with a full stop) derives it here rather than keeping a list of its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import InputError, Problem
from .yamlfile import RULES_DIR, load_data

__all__ = ["NAMES_FILE", "NameWords", "name_words"]

NAMES_FILE = RULES_DIR / "names.yaml"


@dataclass(frozen=True)
class NameWords:
    """The words around and inside names, as written in the rules file."""

    honorifics: tuple[str, ...]  # "Dr", "Prof", ...: each may take a full stop
    particles: tuple[str, ...]  # "van", "de", ...: lower case inside a name

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
        lists = {key: data[key] for key in ("honorifics", "particles")}
        if not all(isinstance(v, list) for v in lists.values()):
            raise TypeError("'honorifics' and 'particles' must be lists of words")
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        fix = "compare with the comments in tools/ingest/rules/names.yaml"
        raise InputError(
            [Problem(path.as_posix(), 1, f"bad name rules: {error}; {fix}")]
        ) from error
    return NameWords(
        honorifics=tuple(str(w) for w in lists["honorifics"]),
        particles=tuple(str(w) for w in lists["particles"]),
    )
