"""Finding the input files and turning their bytes into text, refusing what is not an article.

Users point ``extract run`` at folders they did not make, so discovery has to cope with hidden
files, other file types, overlapping arguments and symlink loops, and give every document an id
that is the same on every run whatever order the filesystem lists entries in.

The decoded text is the reference for every offset in the knowledge base: ``text[start:end]``
must be exactly what the claim quotes. It is therefore NOT normalised in any way: CRLF and CR line
endings, no-break spaces, zero-width characters and Unicode compositions are kept as they are in
the file. Only a byte-order mark is dropped, because it is part of the encoding, not the text.

Encodings: a byte-order mark decides; otherwise strict UTF-8; otherwise charset-normalizer.
charset-normalizer is unreliable at telling the single-byte Latin code pages apart (it calls short
English Windows-1252 text cp932, cp1250 or cp852, turning "£" into "Ł"), and legacy English news
is almost always Windows-1252, so whenever it judges cp1252 a fit on its own we take cp1252,
before asking for its best guess. That also prefers cp1252 over latin-1: the same letters, but
0x80-0x9F are curly quotes and dashes rather than control characters. The cost is that Turkish
cp1254 text is read as cp1252 (six letters differ).

Also here, as they are about where a text comes from: an article piped in (``stdin_source``), and
the calendar date a file's path may carry (``path_date``), the date of a page that prints none.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import os
import re
import stat
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from extract.run.storage import Location, list_files, locate, read_bytes

MAX_BYTES = 10_000_000
MAX_LINE_CHARS = 100_000

# UTF-32 first: its little-endian mark starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters (C0 and C1) other than tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_NEWLINE = re.compile("\r\n|\r|\n")


# Files found under one command-line argument: (reached through a symlink, relative id, path).
_Found = list[tuple[bool, str, Path]]


class InputError(Exception):
    """A file that cannot be processed.

    str(err) is one line naming the problem, starting lower-case; the caller adds the path.
    """


STDIN = "-"  # the path that stands for standard input


@dataclass(frozen=True)
class Source:
    path: Location  # the file, as reached from the command-line argument: a local path or a URL
    # path relative to the folder given on the command line, '/'-separated;
    # a file given directly: its name
    doc_id: str
    data: bytes | None = field(default=None, repr=False)  # the bytes already read (standard input)


def stdin_source(stream: BinaryIO, name: str | None, max_bytes: int = MAX_BYTES) -> Source:
    """An article piped in (``extract run -``): read here, at most one byte over the limit, so
    that it travels to a worker like a file's path does and is refused there like a file."""
    return Source(Path(STDIN), name or STDIN, stream.read(max_bytes + 1))


@dataclass(frozen=True)
class Discovery:
    sources: list[Source]  # sorted by doc_id, unique doc ids
    skipped: list[tuple[Location, str]]  # (path, reason): non-.txt files, unreadable folders; sorted


@dataclass(frozen=True)
class Decoded:
    text: str  # the decoded text: offsets in the knowledge base are defined on exactly this string
    encoding: str  # e.g. "utf-8", "utf-8-sig", "utf-16", "cp1252"
    sha256: str  # hex digest of the raw bytes


def discover(paths: Sequence[str | os.PathLike]) -> Discovery:
    """Every .txt file under ``paths``, listed once, with ids that do not depend on listing order.

    Arguments are taken in the order given; when two different files would get the same id, the
    later one gets its root folder's name (then more of its path) prefixed. Names starting with
    "." are skipped silently inside folders, but not when given on the command line. A URL
    other than ``file://`` is listed through fsspec (see ``extract.storage``).
    """
    listings: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for arg in paths:  # fail before a long walk when a later argument has a typo
        location = locate(arg)
        try:
            if isinstance(location, str):
                listings[location] = list_files(location)
            else:
                location.stat()
        except (FileNotFoundError, NotADirectoryError):
            raise InputError(f"no such file or folder: {os.fspath(arg)}") from None
        except OSError as err:
            if isinstance(location, str):  # no fsspec, an unknown protocol, or the store refused
                raise InputError(str(err)) from None
            # exists but cannot be read: reported in ``skipped``
    walk = _Walk()
    for arg in paths:
        location = locate(arg)
        if isinstance(location, str):
            walk.add_listing(*listings[location])
        else:
            walk.add_root(location)
    return Discovery(
        sources=[walk.sources[doc_id] for doc_id in sorted(walk.sources)],
        skipped=sorted(walk.skipped.values(), key=lambda item: (str(item[0]), item[1])),
    )


class _Walk:
    """State shared by all command-line arguments, so that overlaps and links are listed once."""

    def __init__(self) -> None:
        self.folders_seen: set[Path] = set()  # resolved, so a symlink loop is entered only once
        self.files_seen: set[Location] = set()  # resolved
        self.sources: dict[str, Source] = {}
        self.skipped: dict[Location, tuple[Location, str]] = {}  # by resolved path

    def add_root(self, root: Path) -> None:
        found: _Found = []
        try:
            is_folder = root.is_dir()
        except OSError as err:
            self.skip(root, f"cannot read: {err.strerror}")
            return
        if is_folder:
            self.walk(root, found)
            base = root
        else:
            self.classify(root, root.name, False, found)
            base = root.parent
        # Real paths before symlinked ones, so a file reachable both ways keeps its real name.
        folders = Path(os.path.abspath(base)).parts[1:]
        for _, rel, path in sorted(found):
            self.add(path, _real(path), rel, folders, _real(base).joinpath(rel).as_posix())

    def add_listing(self, root: str, files: list[tuple[str, str]]) -> None:
        """The files of a URL, listed by ``storage.list_files`` (no links or special files there)."""
        folders = [part for part in root.split("/") if part]
        for rel, url in files:
            if rel.lower().endswith(".txt"):
                self.add(url, url, rel, folders, url)
            else:
                self.skip(url, "not a .txt file")

    def add(self, path: Location, key: Location, rel: str, folders: Sequence[str], full: str) -> None:
        if key not in self.files_seen:
            self.files_seen.add(key)
            doc_id = next(c for c in _doc_ids(rel, folders, full) if c not in self.sources)
            self.sources[doc_id] = Source(path, doc_id)

    def walk(self, root: Path, found: _Found) -> None:
        """Collect the files under ``root``; real folders are walked before symlinked ones, so a
        folder that is also reachable through a link is listed under its real path."""
        real: list[tuple[Path, bool]] = [(root, False)]
        linked: deque[tuple[Path, bool]] = deque()
        while real or linked:
            folder, via_link = real.pop() if real else linked.popleft()
            key = _real(folder)
            if key in self.folders_seen:
                continue
            self.folders_seen.add(key)
            try:
                names = sorted(os.listdir(folder))
            except OSError as err:
                self.skip(folder, f"cannot read folder: {err.strerror}")
                continue
            for name in names:
                if name.startswith("."):
                    continue
                path = folder / name
                try:
                    is_link, is_folder = path.is_symlink(), path.is_dir()
                except OSError as err:  # e.g. a folder we may list but not enter
                    self.skip(path, f"cannot read: {err.strerror}")
                    continue
                if is_folder:
                    (linked if is_link else real).append((path, via_link or is_link))
                else:
                    rel = path.relative_to(root).as_posix()
                    self.classify(path, rel, via_link or is_link, found)

    def classify(self, path: Path, rel: str, via_link: bool, found: _Found) -> None:
        """Add ``path`` to ``found`` if it is a .txt file, else say why it is skipped."""
        if not path.is_file():
            self.skip(path, "broken symbolic link" if path.is_symlink() else "not a regular file")
        elif path.suffix.lower() != ".txt":
            self.skip(path, "not a .txt file")
        else:
            found.append((via_link, rel, path))

    def skip(self, path: Location, reason: str) -> None:
        self.skipped.setdefault(path if isinstance(path, str) else _real(path), (path, reason))


def _real(path: Path) -> Path:
    """The path with symlinks resolved; unlike ``Path.resolve`` it does not raise on a loop."""
    return Path(os.path.realpath(path))


def _doc_ids(rel: str, folders: Sequence[str], full: str) -> Iterator[str]:
    """Candidate ids for the file ``rel`` under the folder ``folders``, in order of preference.

    First ``rel`` itself, then with ever more of the folder's path prefixed, and last ``full``, the
    resolved path or URL: only those start with "/" or a protocol and two different files never
    share one, so some candidate is always free.
    """
    yield rel
    for depth in range(1, len(folders) + 1):
        yield "/".join((*folders[-depth:], rel))
    yield full


def read(source: Source, *, max_bytes: int = MAX_BYTES) -> Decoded:
    """A source's text: from the bytes it carries (standard input), else from its file."""
    if source.data is None:
        return read_source(source.path, max_bytes=max_bytes)
    if len(source.data) > max_bytes:
        raise _size_error(max_bytes)
    return decode(source.data)


def read_source(path: Location, *, max_bytes: int = MAX_BYTES, max_line_chars: int = MAX_LINE_CHARS) -> Decoded:
    """Read and decode one file, checking its size before reading so a huge file is never loaded."""
    try:
        data = read_bytes(path, max_bytes + 1) if isinstance(path, str) else _read_local(path, max_bytes)
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}") from err
    if len(data) > max_bytes:  # the file grew since stat, or stat does not know (/proc, a URL)
        raise _size_error(max_bytes)
    return decode(data, max_line_chars=max_line_chars)


def _read_local(path: Path, max_bytes: int) -> bytes:
    info = path.stat()
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        # Opening a pipe would wait for a writer; a device may never end.
        raise InputError("not a regular file (a pipe, socket or device); give .txt files or folders")
    if info.st_size > max_bytes:
        raise _size_error(max_bytes, info.st_size)
    with path.open("rb") as file:  # a folder raises IsADirectoryError here
        return file.read(max_bytes + 1)


def decode(data: bytes, *, max_line_chars: int = MAX_LINE_CHARS) -> Decoded:
    """Decode an article's bytes faithfully (see the module docstring), or say why it is not one."""
    text, encoding = _decode(data)
    if not text.strip():
        raise InputError("empty file (nothing to extract)")
    if len(_CONTROL.findall(text)) * 10 > len(text):
        raise _binary_error()
    for number, line in enumerate(_NEWLINE.split(text), 1):
        if len(line) > max_line_chars:
            raise InputError(
                f"line {number:,} is {len(line):,} characters long, over the {max_line_chars:,} limit: not article text"
            )
    return Decoded(text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding."""
    bom_encoding = next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)
    if bom_encoding in ("utf-16", "utf-32"):
        return _strict(data, bom_encoding), bom_encoding
    if b"\x00" in data:
        raise _binary_error()
    if bom_encoding:
        return _strict(data, bom_encoding), bom_encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if from_bytes(data, cp_isolation=["cp1252"]).best() is not None:  # see the module docstring
        return data.decode("cp1252"), "cp1252"
    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot decode the text (not UTF-8, UTF-16 or a single-byte encoding)")
    encoding = codecs.lookup(best.encoding).name
    return data.decode(encoding), encoding


def _strict(data: bytes, encoding: str) -> str:
    """Decode as the byte-order mark says: a file that breaks its own mark is corrupt."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        name = encoding.removesuffix("-sig").upper()
        raise InputError(
            f"cannot decode the text: it starts with a {name} byte-order mark but is not valid {name}"
        ) from None


def _binary_error() -> InputError:
    return InputError("binary content, not text (is this really an article?)")


def _size_error(limit: int, size: int | None = None) -> InputError:
    """The too-big error; ``size`` None when only "bigger than the limit" is known."""
    limit_text = _size(limit)
    if size is None:
        return InputError(f"file is over the {limit_text} limit; split it or raise --max-bytes")
    size_text = _size(size)
    if size_text == limit_text:  # "10 MB, over the 10 MB limit" would look like a bug
        size_text, limit_text = f"{size:,} bytes", f"{limit:,} bytes"
    return InputError(f"file is {size_text}, over the {limit_text} limit; split it or raise --max-bytes")


def _size(n: int) -> str:
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n:,} bytes"


# A calendar date in a file's name or folders: 2016-10-02 or 2016_10_02 (not inside a longer run
# of digits), 20161002 (standing alone: not inside a hex digest), or the folders /2016/10/02/.
_PATH_DATES = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-_])(?P<m>\d\d)(?P=sep)(?P<d>\d\d)(?!\d)"),
    re.compile(r"(?<![0-9A-Za-z])(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)(?![0-9A-Za-z])"),
    re.compile(r"(?:^|/)(?P<y>(?:19|20)\d\d)/(?P<m>\d\d?)/(?P<d>\d\d?)/"),
)


def path_date(path: str) -> str | None:
    """The ISO date a file's path carries (``nyt_2016-10-02_x.txt``, ``news/2016/10/02/x.txt``), or None.

    Only a real calendar date counts (months 1-12, a day the month has, years 1900-2099), so an id
    or a count of digits is not taken for one; of several, the one nearest the file name wins.
    """
    found = []
    for pattern in _PATH_DATES:
        for match in pattern.finditer(path.replace(os.sep, "/")):
            try:
                day = datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            found.append((match.end(), day.isoformat()))
    return max(found)[1] if found else None


def source_date(source: Source) -> str | None:
    """The date in a source's path (absolute, as every engine sees it), or in its name if piped in."""
    if source.data is not None:
        return path_date(source.doc_id)
    return path_date(source.path if isinstance(source.path, str) else str(source.path.absolute()))
