"""Read a file of the sources folder only once its type and size say it may be read.

A source, a sidecar or a registry comes in by pull request, so its path may name a link,
a pipe, a folder or a sparse file of gigabytes. Every stage that opens such a file does it
through :func:`read_bytes`: ``lstat`` first (nothing is followed, nothing is read), then an
open that follows no link and does not block on a pipe, a check that the file opened is
the one looked at, and a read of at most the limit.

:class:`Refused` (a ``ValueError``) says what is wrong and how to fix it, without the path:
the caller knows how to name the file to the contributor.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

__all__ = ["LINK", "Refused", "entry_problem", "read_bytes", "size_text", "utf8_problem"]

#: What a contributor is told about a symbolic link, wherever it stands in sources/.
LINK: Final = (
    "is a symbolic link: links are not followed (they could point outside sources/); "
    "put the real file or folder here instead"
)
_SPECIAL: Final = "is not a regular file (a pipe, socket or device): replace it with a text file"
_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class Refused(ValueError):
    """The file may not be read: the message says why and what to do."""


def size_text(count: int) -> str:
    """A size for a message: ``20.0 MB``, ``312 bytes``."""
    return f"{count / 1e6:.1f} MB" if count >= 1_000_000 else f"{count} bytes"


def entry_problem(mode: int) -> str:
    """Why an entry of this ``lstat`` mode is not a file to read, or '' if it is one."""
    if stat.S_ISLNK(mode):
        return LINK
    if stat.S_ISDIR(mode):
        return "is a folder, not a file: put a file here instead"
    if not stat.S_ISREG(mode):
        return _SPECIAL
    return ""


#: How to make a file small enough, unless the caller knows better for its kind of file.
SPLIT_IT = "split it into smaller files, or remove what is not text"


def _too_big(size: int, max_bytes: int, fix: str = SPLIT_IT) -> Refused:
    return Refused(f"the file is {size_text(size)}, over the {size_text(max_bytes)} limit: {fix}")


def read_bytes(path: Path, max_bytes: int, fix: str = SPLIT_IT) -> bytes:
    """The bytes of the regular file ``path``; :class:`Refused` for a link, a folder, a
    pipe, a device or a file over ``max_bytes``, decided before any byte is read.

    ``OSError`` (a missing or unreadable file) is the caller's to report.
    """
    info = os.lstat(path)
    problem = entry_problem(info.st_mode)
    if problem:
        raise Refused(problem)
    if info.st_size > max_bytes:
        raise _too_big(info.st_size, max_bytes, fix)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as error:
        if os.path.islink(path):  # replaced by a link since the lstat above
            raise Refused(LINK) from error
        raise
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(fd)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            raise Refused("the file changed while it was being read: run again")
        if not stat.S_ISREG(opened.st_mode):
            raise Refused(_SPECIAL)
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big(len(data), max_bytes, fix)
    return data


def utf8_problem(data: bytes) -> tuple[int, str] | None:
    """``(line, message)`` if ``data`` is not UTF-8, else None; the same words as a source
    that is not UTF-8 (see :func:`tools.ingest.load.decode`)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return line, (
            f"not valid UTF-8 (byte {error.start}): check the accents and quotes, "
            "and re-save the file as UTF-8"
        )
    return None
