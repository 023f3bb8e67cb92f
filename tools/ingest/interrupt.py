"""Ctrl-C and SIGTERM: stop the run at once, write nothing, and say so in one line.

While :func:`handled` is active, SIGINT and SIGTERM raise :class:`Interrupted` in the main
thread, wherever it is. It is a ``BaseException``, so no ``except Exception`` of a stage
swallows it; it unwinds through the stages' ``finally`` blocks (the write stage removes
its staging folder, the lock is released) up to the command line, which prints one line
and exits with 128 + the signal's number: 130 for Ctrl-C, 143 for SIGTERM.

One step must not be cut in half: the swap of the new output into place. During it
(:func:`committing`) a signal is only noted, and acted on once the swap is complete; the
message then says that the new output had been written. The first signal is the one
acted on: later ones are ignored while the run unwinds.

Worker processes (:mod:`.parallel`) leave both signals to this process, which kills them
when it is interrupted; and they die with it if it is killed (see ``parallel.py``).
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType
from typing import Final

__all__ = ["SIGNALS", "Interrupted", "committing", "handled"]

SIGNALS: Final = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """The run was stopped by a signal; ``written`` if after the output was swapped in."""

    def __init__(self, signum: int, written: bool = False) -> None:
        super().__init__(signum, written)
        self.signum = signum
        self.written = written

    @property
    def code(self) -> int:
        """The exit status a shell gives a process stopped by this signal."""
        return 128 + self.signum

    def __str__(self) -> str:
        name = signal.Signals(self.signum).name
        if self.written:
            return (
                f"interrupted by {name} once the new output was swapped in: the output is "
                "whole, but run again to see the report"
            )
        return f"interrupted by {name}; nothing was written, the previous output is as it was"


class _State:
    active = False  # handle() is in force
    acted = False  # an Interrupted was raised: later signals are ignored
    committing = False  # in the swap: signals wait
    written = False  # the swap is done
    pending: int | None = None  # a signal that came during the swap


def _handler(signum: int, frame: FrameType | None) -> None:
    if _State.acted:
        return
    if _State.committing:
        _State.pending = _State.pending or signum
        return
    _State.acted = True
    raise Interrupted(signum, _State.written)


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into :class:`Interrupted` for the life of the block.

    Only the main thread can install handlers; elsewhere the block runs unchanged.
    """
    try:
        previous = {signum: signal.signal(signum, _handler) for signum in SIGNALS}
    except ValueError:  # not the main thread
        yield
        return
    _State.active, _State.acted, _State.written, _State.pending = True, False, False, None
    try:
        yield
    finally:
        _State.active = False
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def committing() -> Iterator[None]:
    """A step that must run to its end: a signal during it is acted on when it is done."""
    if not _State.active:
        yield
        return
    _State.committing = True
    try:
        yield
        _State.written = True
    finally:
        _State.committing = False
    if _State.pending is not None and not _State.acted:
        _State.acted = True
        raise Interrupted(_State.pending, written=True)
