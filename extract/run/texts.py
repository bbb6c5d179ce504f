"""The texts a KB's offsets point into, when they are not a file's own decoded bytes.

An HTML page's article, a collection's record, a text whose NUL bytes were dropped: the run reads
a text that exists nowhere on disk, and every ``start``/``end`` of the KB points into it. So it is
kept beside the KB, in ``<KB without .jsonl>.texts/<doc_id>.txt`` (UTF-8), and the documents list
names it (``text_path``, relative to the list's folder, like every file's ``path``: see
``listed_path``), for the report, review and export and for anyone who opens it, from any folder.

The folder is written whole or not at all: texts go to a hidden folder beside it, which replaces
the old one only when the run has succeeded (just before the KB and the documents list are
renamed into place), so a failed run leaves the previous KB's texts as they were. A marker file
says the folder is ours: discovery skips it (a KB written into the corpus folder never has its
texts read back as articles), and a folder without it is never replaced.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from extract.io.reader import STDIN, InputError
from extract.io.storage import Location, is_url, locate, upload
from extract.run.discovery import TEXTS_MARKER

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_MARKER_TEXT = "Texts written by `extract run`: what the offsets of the KB beside this folder point into.\n"


def texts_folder(kb_out: str, docs_out: str | None) -> Location | None:
    """``<KB without .jsonl>.texts`` beside the KB; with the KB on stdout, beside the documents
    list (``<list without .documents.jsonl>.texts``); None when neither is a file."""
    if kb_out != "-":
        name = kb_out.removesuffix(".jsonl")
    elif docs_out and docs_out != "-":
        name = docs_out.removesuffix(".jsonl").removesuffix(".documents")
    else:
        return None
    return locate(name + ".texts")


def safe_name(doc_id: str) -> str:
    """A file name for a document id: the id itself when it is a plain name, else the id with
    every other character as "_" and 8 hex digits of its digest (so two ids never share one)."""
    name = _UNSAFE.sub("_", doc_id)[:150]
    if name != doc_id or name.startswith((".", "-")):
        name = f"{name.lstrip('.-') or 'doc'}-{hashlib.sha1(doc_id.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    return name + ".txt"


class TextStore:
    """The texts of one run, staged until ``commit`` puts them in place of the folder's old ones."""

    def __init__(self, folder: Location, docs_out: str | None) -> None:
        self.folder = folder
        self.docs_folder = docs_folder(docs_out)
        self._staging: Path | None = None
        self.count = 0

    def check(self) -> None:
        """Before any work: refuse to replace a folder of that name that is not ours."""
        if isinstance(self.folder, Path) and self.folder.exists() and not (self.folder / TEXTS_MARKER).is_file():
            raise InputError(
                f"cannot keep the texts in {self.folder}: it exists and was not written by `extract run`; "
                "move it or choose another -o"
            )

    def put(self, doc_id: str, text: str) -> str:
        """Stage a document's text; the ``text_path`` the documents list gives for it."""
        staging = self._stage()
        name = safe_name(doc_id)
        with (staging / name).open("w", encoding="utf-8", newline="") as file:
            file.write(text)
        self.count += 1
        if isinstance(self.folder, str):
            return f"{self.folder.rstrip('/')}/{name}"
        return listed_path(self.folder / name, self.docs_folder)

    def commit(self) -> None:
        """Put the staged texts in place of the old folder (none staged: the old folder goes, as it
        belongs to the KB this run replaces). A URL folder gets each text uploaded."""
        if isinstance(self.folder, str):
            self._upload()
            return
        old = self.folder.with_name(f".{self.folder.name}.{os.getpid()}.old")
        had_old = (self.folder / TEXTS_MARKER).is_file()
        if had_old:
            os.replace(self.folder, old)
        if self._staging is not None:
            for name in os.listdir(self._staging):  # flushed to disk before the folder is renamed
                with open(self._staging / name, "rb") as file:
                    os.fsync(file.fileno())
            os.replace(self._staging, self.folder)
            self._staging = None
        if had_old:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def _stage(self) -> Path:
        if self._staging is None:
            if isinstance(self.folder, Path):
                parent = self.folder.absolute().parent
                staging = Path(tempfile.mkdtemp(prefix=f".{self.folder.name}.", suffix=".tmp", dir=parent))
                os.chmod(staging, 0o777 & ~_umask())  # as a folder the user makes, not mkdtemp's 0o700
            else:
                staging = Path(tempfile.mkdtemp(prefix="extract-texts-"))
            (staging / TEXTS_MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
            self._staging = staging
        return self._staging

    def _upload(self) -> None:
        if self._staging is None:
            return
        for name in sorted(os.listdir(self._staging)):
            upload(self._staging / name, f"{str(self.folder).rstrip('/')}/{name}")
        self.discard()


def docs_folder(docs_out: str | None) -> Path | None:
    """The absolute folder of a local documents list (None: on stdout, at a URL, or none)."""
    return locate(docs_out).absolute().parent if docs_out and docs_out != "-" and not _is_url(docs_out) else None


def listed_path(path: str | os.PathLike, folder: Path | None) -> str:
    """How the documents list names a file, so that it is found from wherever the list is read:
    relative to the list's ``folder``; absolute when there is no local folder to be relative to
    or no relative way there (another drive); a URL (``file://`` too), or standard input's "-",
    as it was given."""
    given = os.fspath(path)
    if given == STDIN or is_url(given):
        return given
    final = Path(given).absolute()
    if folder is None:
        return str(final)
    try:
        return os.path.relpath(final, folder)
    except ValueError:  # another drive (Windows)
        return str(final)


def _is_url(target: str) -> bool:
    return isinstance(locate(target), str)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
