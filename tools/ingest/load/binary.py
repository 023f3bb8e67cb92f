"""What the loaders of PDF, PowerPoint and Word files share: their result and their lines.

A ``.pdf``, ``.pptx`` or ``.docx`` file has no lines of its own, so its loader writes its
text the way a text source looks (:class:`Writer`): one :class:`~.records.Line` per
paragraph, heading, list item ("• " before it), slide title or speaker note, an empty
line between paragraphs, and each line numbered in order from 1. That number is what
``line`` means for such a file everywhere (origins, evidence); each line also records the
page or slide it is on (``Line.page``), which is what a reader looks up.

Office files are ZIP archives of XML: :func:`check_archive` refuses a damaged one, or
one that would unpack to far more than its size (a "ZIP bomb"), before a library reads
it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Final

from ..records import Hint, Line

#: An Office file may unpack to at most this much (its pictures count too).
MAX_UNPACKED: Final = 500_000_000
#: ... and to at most this many times its size (text XML packs about 10 to 1).
MAX_RATIO: Final = 200


class Unreadable(ValueError):
    """The file cannot be read as what its name says; the message says what to do."""


@dataclass(frozen=True)
class Extracted:
    """What a loader read: the lines of text, and warnings naming the file."""

    lines: tuple[Line, ...]
    warnings: tuple[str, ...] = ()


@dataclass
class Writer:
    """Collects the lines of an extracted text, numbered from 1, with their pages."""

    lines: list[Line] = field(default_factory=list)

    def paragraph(self, text: str, page: int = 0, hint: Hint = "") -> None:
        """A paragraph (or heading, title...): a blank line before it unless first."""
        text = " ".join(text.split())
        if not text:
            return
        self.gap()
        self.line(text, page, hint)

    def item(self, text: str, page: int = 0) -> None:
        """A list item: no blank line between two items of one list."""
        text = " ".join(text.split())
        if not text:
            return
        if self.lines and not self.lines[-1].text.startswith("• "):
            self.gap()
        self.line("• " + text, page)

    def slide(self, title: str, number: int) -> None:
        """The start of slide ``number``: its title (empty if it has none)."""
        self.gap()
        self.line(" ".join(title.split()), number, "slide")

    def line(self, text: str, page: int = 0, hint: Hint = "") -> None:
        """A line that goes on the paragraph before it (a paragraph's next page)."""
        number = self.lines[-1].number + 1 if self.lines else 1
        self.lines.append(Line(number, text, hint, page))

    def gap(self) -> None:
        """End the paragraph: an empty line (numbered as the line before it)."""
        if self.lines and self.lines[-1].text:
            last = self.lines[-1]
            self.lines.append(Line(last.number, "", "", last.page))

    def done(self) -> tuple[Line, ...]:
        return tuple(self.lines)


def check_archive(data: bytes, what: str) -> None:
    """Raise :class:`Unreadable` unless ``data`` is a sound ZIP archive of a sane size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # The sizes the archive declares bound what reading it can unpack: checked
            # first, so that a "ZIP bomb" is refused before anything is unpacked.
            unpacked = sum(member.file_size for member in archive.infolist())
            if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(len(data), 1):
                raise Unreadable(
                    f"this {what} would unpack to {unpacked} bytes, far more than a "
                    "document holds: it is damaged or hostile; open it and save it again"
                )
            bad = archive.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise Unreadable(
            f"this {what} is damaged, not a ZIP archive as it should be ({error}): "
            "open it and save it again, or export it as PDF"
        ) from error
    if bad is not None:
        raise Unreadable(
            f"this {what} is damaged (part {bad!r} fails its checksum): "
            "open it and save it again, or export it as PDF"
        )
