"""Finding the input files: which documents a run sees, and under which ids.

Users point ``extract run`` at folders they did not make, so discovery has to cope with hidden
files, other file types, overlapping arguments and symlink loops, and give every document an id
that is the same on every run whatever order the filesystem lists entries in.

Folders give their articles (``.txt``, ``.html``, ``.htm``, plain or gzipped) and what
``--include`` patterns name; a file named on the command line is read whatever its name. A
collection of articles (``.jsonl``, ``.json``) is read here, one source per record, so its records
are sorted among the other documents (``extract.io.collection``). Folders of texts a run keeps
beside its KB are ours, never articles.

Also here, as it is about where a text comes from: the calendar date a file's path may carry
(``path_date``), the date of a page that prints none.
"""

from __future__ import annotations

import datetime
import fnmatch
import os
import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.io.reader import COLLECTION, MAX_BYTES, InputError, Source, kind_of, read_by_default
from extract.io.storage import Location, canonical, list_files, locate

# Files found under one command-line argument: (reached through a symlink, relative id, path).
_Found = list[tuple[bool, str, Path]]


@dataclass(frozen=True)
class Discovery:
    sources: list[Source]  # sorted by doc_id, unique doc ids
    skipped: list[tuple[Location, str]]  # (path, reason): other files, unreadable folders, our own outputs; sorted


@dataclass(frozen=True)
class Options:
    """What discovery reads beyond the defaults: folder files matching ``include`` (fnmatch on the
    name), and the text field of collections' records (None: the first of the usual names)."""

    include: tuple[str, ...] = ()
    text_field: str | None = None
    max_bytes: int = MAX_BYTES


def discover(paths: Sequence[str | os.PathLike], options: Options | None = None) -> Discovery:
    """Every article under ``paths``, listed once, with ids that do not depend on listing order.

    Folders give their .txt, .html and .htm files (plain or gzipped) and those matching
    ``options.include``; a file named on the command line is read whatever its name. A collection
    of articles (.jsonl, .json) is read here, one source per record (see ``extract.io.collection``).

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
    walk = _Walk(options or Options())
    for arg in paths:
        location = locate(arg)
        if isinstance(location, str):
            root, files = listings[location]
            walk.add_listing(root, files, named=len(files) == 1 and files[0][1] == canonical(location))
        else:
            walk.add_root(location)
    return Discovery(
        sources=[walk.sources[doc_id] for doc_id in sorted(walk.sources)],
        skipped=sorted(walk.skipped.values(), key=lambda item: (str(item[0]), item[1])),
    )


def discover_piped(source: Source, options: Options | None = None) -> Discovery:
    """The article piped in (``extract run -``), or its records when ``--name`` says it is a
    collection (``--name news.jsonl``)."""
    if kind_of(source.name) != COLLECTION or source.data is None:
        return Discovery([source], [])
    from extract.io.collection import expand

    options = options or Options()
    records, refused = expand(source.path, source.doc_id, options.text_field, options.max_bytes, data=source.data)
    return Discovery(records, [(source.path, refused)] if refused else [])


class _Walk:
    """State shared by all command-line arguments, so that overlaps and links are listed once."""

    def __init__(self, options: Options) -> None:
        self.options = options
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
            if (root / TEXTS_MARKER).exists():
                self.skip(root, TEXTS_FOLDER)
                return
            self.walk(root, found)
            base = root
        else:
            self.classify(root, root.name, False, found, named=True)
            base = root.parent
        # Real paths before symlinked ones, so a file reachable both ways keeps its real name.
        folders = Path(os.path.abspath(base)).parts[1:]
        for _, rel, path in sorted(found):
            self.add(path, _real(path), rel, folders, _real(base).joinpath(rel).as_posix())

    def add_listing(self, root: str, files: list[tuple[str, str]], *, named: bool) -> None:
        """The files of a URL, listed by ``storage.list_files`` (no links or special files there)."""
        folders = [part for part in root.split("/") if part]
        for rel, url in files:
            if named or self.wanted(rel.rpartition("/")[2]):
                self.add(url, url, rel, folders, url)
            else:
                self.skip(url, SKIPPED_KIND)

    def wanted(self, name: str) -> bool:
        """Whether a file found in a folder is read: the default kinds, or an ``--include`` pattern."""
        return read_by_default(name) or any(fnmatch.fnmatch(name, pattern) for pattern in self.options.include)

    def add(self, path: Location, key: Location, rel: str, folders: Sequence[str], full: str) -> None:
        if key in self.files_seen:
            return
        self.files_seen.add(key)
        doc_id = next(c for c in _doc_ids(rel, folders, full) if c not in self.sources)
        name = path.rpartition("/")[2] if isinstance(path, str) else path.name
        if kind_of(name) != COLLECTION:
            self.sources[doc_id] = Source(path, doc_id)
            return
        from extract.io.collection import expand

        records, refused = expand(path, doc_id, self.options.text_field, self.options.max_bytes)
        if refused:
            self.skip(path, refused)
        for source in records:
            while source.doc_id in self.sources:  # a record id that is also a file's id: never in practice
                source = Source(source.path, source.doc_id + "~", record=source.record)
            self.sources[source.doc_id] = source

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
            if TEXTS_MARKER in names:  # the texts a run keeps beside its KB: ours, not articles
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

    def classify(self, path: Path, rel: str, via_link: bool, found: _Found, *, named: bool = False) -> None:
        """Add ``path`` to ``found`` if it is to be read (any file ``named`` on the command line),
        else say why it is skipped."""
        if not path.is_file():
            self.skip(path, "broken symbolic link" if path.is_symlink() else "not a regular file")
        elif not named and not self.wanted(path.name):
            self.skip(path, SKIPPED_KIND)
        else:
            found.append((via_link, rel, path))

    def skip(self, path: Location, reason: str) -> None:
        self.skipped.setdefault(path if isinstance(path, str) else _real(path), (path, reason))


SKIPPED_KIND = "not a .txt, .html or .htm file (--include PATTERN reads others)"
TEXTS_MARKER = ".extract-texts"  # the file that marks a folder of texts kept beside a KB
TEXTS_FOLDER = "the texts `extract run` keeps beside a KB (what its offsets point into), not articles"


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
