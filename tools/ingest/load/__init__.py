"""Load stage: read every file of ``sources/<kind>/``, decode it and read its sidecar.

Layout: ``sources/blog/``, ``sources/slides/`` and ``sources/articles/`` hold the texts
(``*.txt``, saved pages ``*.html``/``*.htm``, and files as published: ``*.pdf`` and
``*.docx`` anywhere, ``*.pptx`` in ``slides/``); ``NAME.yaml`` beside ``NAME.txt`` is its
sidecar. A PDF, PowerPoint or Word file is read by its own module (:mod:`.pdf`,
:mod:`.pptx`, :mod:`.docx`) into the same lines a text gives, each with its page or slide.
``sources/registry/`` belongs to the link stage, and dotfiles and ``README`` files are
documentation: all are skipped. Anything else is reported, never guessed at. What a text
file holds decides how it is read, not only its name: a web feed (:mod:`.feed`) or a page
saved under ``.txt`` (it opens with its doctype or ``<html>``) is read as markup.

Decoding follows a fixed policy, not statistics, so a file always decodes the same way:
a BOM decides (UTF-8, UTF-16 or UTF-32); otherwise the bytes must be UTF-8, and if they
are not they are read as cp1252 (the usual Windows editor encoding) or, for bytes cp1252
does not define, latin-1, each with a warning naming the file. Then mojibake is repaired
with ``ftfy.fix_encoding`` (never ``fix_text``, whose defaults also change correct text),
line ends become ``\\n``, and control characters are removed and counted; a plain text's
HTML entities ("&#8217;", "&nbsp;", left by a copy from a page's source) are decoded. None
of this changes the number of lines, so ``Line.number`` is always the line of the file on
disk.

Every problem of every file is collected and raised together as one
:class:`~.errors.InputError`, each with the line it is on and how to fix it.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import ftfy
from ftfy import fixes

from ..errors import InputError, Problem
from ..files import SPLIT_IT, read_bytes
from ..parallel import MIN_FILES, pmap
from ..records import FILE_SUFFIXES, Kind, Line, Sidecar, Source
from ..yamlfile import MAX_YAML_BYTES
from .binary import Extracted
from .feed import is_feed, read_feed
from .html import HtmlRules, extract, load_html_rules
from .sidecar import read_sidecar

MAX_BYTES = 20_000_000
#: PDF, PowerPoint and Word files carry their pictures: they may be this many times
#: larger than a text (100 MB by default).
FILE_FACTOR = 5
FOLDERS: tuple[tuple[str, Kind], ...] = (
    ("blog", "blog"),
    ("slides", "slides"),
    ("articles", "article"),
)
SKIPPED_FOLDERS = ("registry",)
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
#: A text that is a saved web page, whatever its name: it opens with its doctype or <html>.
_HTML_DOCUMENT = re.compile(
    r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.S | re.I
)
#: A blog's feed saved as it comes ("feed.xml", "atom.xml"): read only if it is one (feed.py).
FEED_SUFFIXES = (".xml", ".rss", ".atom")
SOURCE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *FEED_SUFFIXES, *FILE_SUFFIXES)
SIDECAR_SUFFIX = ".yaml"
#: What a file in another format can be turned into, so that the message can say how.
_CONVERT = {
    ".doc": "open it in Word or LibreOffice and save it as .docx",
    ".odt": "open it in Word or LibreOffice and save it as .docx",
    ".rtf": "open it in Word or LibreOffice and save it as .docx",
    ".ppt": "open it in PowerPoint or LibreOffice and save it as .pptx",
    ".odp": "open it in PowerPoint or LibreOffice and save it as .pptx",
    ".key": "export it from Keynote as PowerPoint (.pptx) or PDF",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF file (name it .pdf: PDFs are read as they are)"),
    (b"PK\x03\x04", "a ZIP archive (if it is a Word or PowerPoint file, name it .docx or .pptx)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc or .ppt: save it as .docx or .pptx)"),
)
_FIX_TEXT = "convert it to text (UTF-8) first, e.g. copy its text into a .txt file"


class NotText(ValueError):
    """The bytes are not text (an image, a PDF, a binary file); the message says why."""


def load_sources(root: Path, *, max_bytes: int = MAX_BYTES) -> tuple[Source, ...]:
    """Read every source under ``root``, sorted by path; raise InputError on any problem."""
    problems: list[Problem] = []
    sources: list[Source] = []
    html_rules = load_html_rules()  # a broken rules/html.yaml raises InputError
    jobs = [
        (path, kind, sidecar)
        for folder, kind in _kind_folders(root, problems)
        for path, sidecar in _folder_files(root, folder, problems)
    ]

    def load_one(job: tuple[str, Kind, str]) -> tuple[Source | None, list[Problem]]:
        found: list[Problem] = []
        return _load_file(root, *job, max_bytes, html_rules, found), found

    for source, found in pmap(load_one, jobs, MIN_FILES):  # decoding takes time: all cores
        problems.extend(found)
        if source is not None:
            sources.append(source)
    if problems:
        raise InputError(problems)
    return tuple(sorted(sources, key=lambda s: s.path))


def decode(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Decode a file's bytes by the policy above; raise :class:`NotText` for binary data.

    Returns the text (lines separated by ``\\n``) and the warnings, each naming ``path``.
    """
    warnings: list[str] = []
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    magic = next((what for sig, what in _MAGIC if data.startswith(sig)), None)
    if encoding is None and magic:
        raise NotText(f"this is {magic}, not text: {_FIX_TEXT}")
    if encoding is None and data.count(b"\x00") > max(1, len(data) // 100):
        raise NotText(
            "this is binary data (many NUL bytes), not text: if it is UTF-16 text, "
            f"save it with a BOM or as UTF-8; otherwise {_FIX_TEXT}"
        )
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            text = data.decode(encoding, errors="replace")
            warnings.append(
                f"{path}: invalid {encoding} at byte {error.start}, replaced by "
                "'\ufffd': re-save the file as UTF-8"
            )
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            text, used = _decode_legacy(data)
            warnings.append(
                f"{path}: not valid UTF-8 (byte {error.start}), decoded as {used}: "
                "check the accents and quotes, and re-save the file as UTF-8"
            )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # ftfy leaves ASCII as it is (mojibake always has other characters): most lines
    # need not be given to it at all.
    text, changed = _repair_lines(text, ftfy.fix_encoding, lambda line: not line.isascii())
    if changed:
        warnings.append(
            f"{path}: repaired mojibake (text decoded with the wrong encoding) on "
            f"{len(changed)} line(s), first on line {changed[0]}"
        )
    controls = len(_CONTROL.findall(text))
    if controls:
        if controls > max(16, len(text) // 10):
            raise NotText(
                f"this is binary data ({controls} control characters), not text: " + _FIX_TEXT
            )
        text = _CONTROL.sub("", text)
        warnings.append(f"{path}: removed {controls} control character(s) (NUL and the like)")
    return text, tuple(warnings)


def _repair_lines(
    text: str, repair: Callable[[str], str], needs: Callable[[str], object]
) -> tuple[str, list[int]]:
    """``text`` with ``repair`` applied to each line that ``needs`` it, and the numbers
    (from 1) of the lines it changed; the number of lines stays the same."""
    lines = text.split("\n")
    fixed = [repair(line) if needs(line) else line for line in lines]
    changed = [i + 1 for i, (a, b) in enumerate(zip(lines, fixed, strict=True)) if a != b]
    return ("\n".join(fixed) if changed else text), changed


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """cp1252 if it defines every byte, else latin-1 (which always decodes)."""
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1 (bytes undefined in cp1252)"


#: An HTML entity or character reference left in a text copied from a page's source or a
#: feed: "&amp;", "&#8217;", "&#x2013;", "&nbsp;".
_ENTITY = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,30});")


def unescape_entities(text: str, path: str) -> tuple[str, tuple[str, ...]]:
    """A plain text with the HTML entities left in it decoded (``ftfy``'s
    ``unescape_html``, line by line, only where one stands), and a warning naming the file.
    The line count does not change."""
    if not _ENTITY.search(text):
        return text, ()
    text, changed = _repair_lines(text, fixes.unescape_html, _ENTITY.search)
    if not changed:
        return text, ()
    return text, (
        f"{path}: decoded HTML entities ('&amp;', '&#8217;') on {len(changed)} line(s), "
        f"first on line {changed[0]}: the text was copied from a page's source",
    )


def text_lines(text: str) -> tuple[Line, ...]:
    """One :class:`Line` per line of ``text``, numbered from 1 as on disk."""
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return tuple(Line(i, part) for i, part in enumerate(parts, start=1))


def _display(root: Path, relative: str) -> str:
    return (root / relative).as_posix()


def _kind_folders(root: Path, problems: list[Problem]) -> list[tuple[str, Kind]]:
    """The kind folders under ``root``; report unknown folders, links and stray texts."""
    if not root.is_dir():
        problems.append(
            Problem(
                root.as_posix(),
                0,
                "the sources folder does not exist: "
                "pass --sources with the folder that holds blog/, slides/...",
            )
        )
        return []
    kinds = dict(FOLDERS)
    found: list[tuple[str, Kind]] = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        name = entry.name
        skipped = name in SKIPPED_FOLDERS and entry.is_dir(follow_symlinks=False)
        if name.startswith(".") or skipped:
            continue
        where = _display(root, name)
        if entry.is_symlink():
            problems.append(
                Problem(
                    where,
                    0,
                    "is a symbolic link: links are not followed; "
                    "put the real folder or file here instead",
                )
            )
        elif entry.is_dir() and name in kinds:
            found.append((name, kinds[name]))
        elif entry.is_dir():
            problems.append(
                Problem(
                    where,
                    0,
                    f"unknown kind folder '{name}': use one of "
                    "blog/, slides/, articles/ (registries go in registry/)",
                )
            )
        elif Path(name).suffix.lower() in SOURCE_SUFFIXES:
            problems.append(
                Problem(
                    where, 0, "is not in a kind folder: move it into blog/, slides/ or articles/"
                )
            )
    return found


def _is_readme(name: str) -> bool:
    return name.split(".")[0].upper() == "README"


def _folder_files(root: Path, folder: str, problems: list[Problem]) -> list[tuple[str, str]]:
    """The source files of a kind folder (relative paths) and their sidecars ('' if none).
    Sources may share a name: a page saved both as ``.html`` and as ``.txt`` is two copies
    of one page, and its sidecar ``NAME.yaml`` says what is known of both."""
    sources: dict[str, list[str]] = {}
    sidecars: dict[str, str] = {}
    for entry in sorted(os.scandir(root / folder), key=lambda e: e.name):
        name, rel = entry.name, f"{folder}/{entry.name}"
        if name.startswith(".") or _is_readme(name):
            continue
        stem, suffix = os.path.splitext(name)
        mode = entry.stat(follow_symlinks=False).st_mode
        problem = _entry_problem(folder, suffix.lower(), mode)
        if problem:
            problems.append(Problem(_display(root, rel), 0, problem))
        elif suffix.lower() == SIDECAR_SUFFIX:
            sidecars[stem] = rel
        else:
            sources.setdefault(stem, []).append(rel)
    for stem, rel in sidecars.items():
        if stem not in sources:
            problems.append(
                Problem(
                    _display(root, rel),
                    0,
                    f"sidecar with no source: there is no {stem}.txt, .html, .xml, "
                    ".pdf, .pptx or .docx beside it; rename or delete it",
                )
            )
    return sorted((rel, sidecars.get(stem, "")) for stem, rels in sources.items() for rel in rels)


def _entry_problem(folder: str, suffix: str, mode: int) -> str:
    """Why an entry of a kind folder cannot be read, or '' if it can."""
    if stat.S_ISLNK(mode):
        return (
            "is a symbolic link: links are not followed (they could point outside "
            "sources/); copy the file here instead"
        )
    if stat.S_ISDIR(mode):
        return f"subfolders are not read: move its files into {folder}/ itself"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe, socket or device): replace it with a text file"
    if suffix == ".yml":
        return "sidecars are named NAME.yaml: rename this .yml file to .yaml"
    if suffix == ".pptx" and folder != "slides":
        return "a PowerPoint deck is a slide deck: move it into slides/"
    if suffix not in (*SOURCE_SUFFIXES, SIDECAR_SUFFIX):
        how = _CONVERT.get(suffix, "copy its text into a .txt file")
        return (
            f"unknown file type '{suffix or '(none)'}': sources are .txt, .html, .pdf, "
            f".docx, a blog's feed (.xml) or (in slides/) .pptx files, described by a "
            f"NAME.yaml beside them; "
            f"{how}, or move it out of {folder}/"
        )
    return ""


def _read(root: Path, relative: str, max_bytes: int) -> bytes:
    """Read a file, its type and size checked from ``lstat`` first (see :mod:`..files`)."""
    fix = (
        "make its pictures smaller (PowerPoint and Word: Compress Pictures; a PDF: print it "
        "to a new PDF), or split it"
        if relative.lower().endswith(FILE_SUFFIXES)
        else SPLIT_IT
    )
    return read_bytes(root / relative, max_bytes, fix)


def _load_file(
    root: Path,
    relative: str,
    kind: Kind,
    sidecar_path: str,
    max_bytes: int,
    html_rules: HtmlRules,
    problems: list[Problem],
) -> Source | None:
    """Decode one source and its sidecar; add problems instead of raising."""
    where = _display(root, relative)
    sidecar = Sidecar()
    notes: tuple[str, ...] = ()
    if sidecar_path:
        sidecar, notes = _load_sidecar(root, sidecar_path, max_bytes, problems)
    try:
        suffix = os.path.splitext(relative)[1].lower()
        limit = max_bytes * FILE_FACTOR if suffix in FILE_SUFFIXES else max_bytes
        data = _read(root, relative, limit)
        if not data.strip():
            raise ValueError("the file is empty: add its text, or delete it")
        # Warnings reach the report page: they name the file as the sources folder does,
        # never by the path of the folder on the machine that builds the site.
        if suffix in FILE_SUFFIXES:
            got = read_file(data, relative, suffix, kind)
            return Source(relative, kind, got.lines, sidecar, warnings=got.warnings + notes)
        text, warnings = decode(data, relative)
        if not text.strip():
            raise ValueError("the file has only whitespace: add its text, or delete it")
        if suffix in FEED_SUFFIXES and not is_feed(text):
            raise ValueError(
                f"a {suffix} file is read only as a blog's feed (RSS or Atom: its first "
                "element <rss> or <feed>), and this one is not: save the page as .html, "
                "or copy its text into a .txt file"
            )
        # what the text is decides, not only its name: a feed, or a page saved as .txt
        markup = is_feed(text) or _HTML_DOCUMENT.match(text[:4096]) is not None
        if relative.lower().endswith(HTML_SUFFIXES) or markup:
            page = (
                read_feed(text, relative) if is_feed(text) else extract(text, relative, html_rules)
            )
            return Source(
                relative,
                kind,
                page.lines,
                sidecar,
                page.title,
                page.date,
                warnings + page.warnings + notes,
                page.frame,
            )
        text, entities = unescape_entities(text, relative)
        return Source(
            relative, kind, text_lines(text), sidecar, warnings=warnings + entities + notes
        )
    except (ValueError, OSError) as error:  # NotText, NoText and Unreadable are ValueErrors
        problems.append(Problem(where, 0 if isinstance(error, OSError) else 1, str(error)))
    except RecursionError:
        problems.append(
            Problem(
                where,
                1,
                "the HTML is nested too deeply to read: save the post text as .txt instead",
            )
        )
    return None


def read_file(data: bytes, where: str, suffix: str, kind: Kind) -> Extracted:
    """The lines of a PDF, PowerPoint or Word file; raise ValueError with a fix if it
    cannot be read.

    The libraries that read these formats raise many kinds of errors on a damaged file
    (their own, ``KeyError`` for a missing part, ``lxml``'s for broken XML...); whatever
    they raise is reported as the file being unreadable, never as a traceback.
    """
    from .binary import Unreadable

    try:
        if suffix == ".pdf":
            from .pdf import load_pdf

            return load_pdf(data, where, deck=kind == "slides")
        if suffix == ".pptx":
            from .pptx import load_pptx

            return load_pptx(data, where)
        from .docx import load_docx

        return load_docx(data, where)
    except Unreadable:
        raise
    except (MemoryError, RecursionError) as error:
        raise Unreadable(
            f"the file is too large or too deeply nested to read ({type(error).__name__}): "
            "save a simpler copy, or split it"
        ) from error
    except Exception as error:  # see the docstring: a damaged file, whatever the library says
        what = {".pdf": "PDF", ".pptx": "PowerPoint deck", ".docx": "Word document"}[suffix]
        raise Unreadable(
            f"cannot read this {what} ({type(error).__name__}: {error}): it may be damaged; "
            "open it and save it again (or export it as PDF), then add it again"
        ) from error


def _load_sidecar(
    root: Path, relative: str, max_bytes: int, problems: list[Problem]
) -> tuple[Sidecar, tuple[str, ...]]:
    """A sidecar and its decoding warnings (a sidecar may be cp1252 too)."""
    where = _display(root, relative)
    try:
        data = _read(root, relative, min(max_bytes, MAX_YAML_BYTES))
        text, warnings = decode(data, relative)
    except (ValueError, OSError) as error:
        problems.append(Problem(where, 1, str(error)))
        return Sidecar(), ()
    sidecar, found = read_sidecar(text, where)
    problems.extend(found)
    return sidecar, warnings


def run(root: Path) -> tuple[Source, ...]:
    """Stage 1, load: every source file under ``root`` (the sources folder), decoded."""
    return load_sources(root)
