"""Problems with the input, reported the way a contributor can act on them.

A stage that finds something wrong with a source does not stop at the first problem: it
collects :class:`Problem` records, and the pipeline raises :class:`InputError` with all
of them at once, so one run tells a contributor everything there is to fix. The command
line prints each as ``path:line: message`` with no traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

#: A message quotes at most this much of a bad value: the value may be huge or hostile.
MAX_EXCERPT: Final = 60


def excerpt(value: object, limit: int = MAX_EXCERPT) -> str:
    """``value`` quoted for a message, cut to ``limit`` characters: a bad value may be huge."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "\u2026"
    return repr(text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: where, what, and how to fix it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class InputError(Exception):
    """The input cannot be ingested as it is; ``problems`` says why, all of it."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[InputError], tuple[tuple[Problem, ...]]]:
        # Raised in a worker process (parallel.py), it is pickled back by its problems.
        return (InputError, (self.problems,))
