"""The articles behind a KB, found through its documents list, read when a page needs them.

The documents list records each file's path relative to the list's own folder (see
``extract.run.texts.listed_path``), so a KB is read from any folder, and one moved together with its
articles still finds them. A relative path is looked up beside the documents list first, then in the
working folder (lists written before that rule held paths as ``extract run`` was given them). A
file that cannot be read is a warning for its document, not the end of the report or review: its
claims are still listed.

A document whose text is not its file's bytes (an HTML page's article, a collection's record)
has its text kept beside the KB by the run, named by ``text_path``: that text is read first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from extract.io.inputs import read_source
from extract.io.reader import InputError
from extract.io.storage import Location, locate, read_bytes


def source_location(path: str, base: Path) -> Location:
    """Where a documents-list path is: a URL as it is, an absolute path as it is, a relative path
    beside the documents list (folder ``base``) when it exists there, else from the working folder."""
    where = locate(path)
    if isinstance(where, str) or where.is_absolute():
        return where
    beside = base / where
    return beside if beside.exists() or not where.exists() else where


def document_text(entry: Mapping[str, Any], base: Path) -> tuple[str, str | None]:
    """A documents-list entry's text as the run read it, and a warning when its file changed since
    (else None): its ``text_path`` when the run kept one, else its file, decoded again. Raises
    InputError (naming the file) when it cannot be read."""
    if entry.get("text_path"):
        where = source_location(entry["text_path"], base)
        try:
            data = read_bytes(where, 1 << 40) if isinstance(where, str) else where.read_bytes()
            return data.decode("utf-8"), None
        except (OSError, UnicodeDecodeError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            raise InputError(f"{where}: cannot read the text the run kept ({reason})") from None
    where = source_location(entry["path"], base)
    try:
        decoded = read_source(where)
    except InputError as err:
        raise InputError(f"{where}: {err}") from None
    if entry.get("sha256") and decoded.sha256 != entry["sha256"]:
        return decoded.text, f"{where} changed since the run: re-run `extract run` to place its claims"
    return decoded.text, None


class Sources:
    """The source texts of a KB's documents, read on demand and kept for the last few documents.

    ``problem(doc_id)`` says why a document has no text (or that its file changed since the run),
    so callers show a warning in its place. Large KBs are paged, so only a window of texts is kept.
    The review server asks from several threads, hence the lock.
    """

    def __init__(self, documents: Mapping[str, Mapping[str, Any]], base: Path, keep: int = 64) -> None:
        self.documents = documents
        self.base = base
        self.keep = keep
        self._texts: OrderedDict[str, str | None] = OrderedDict()
        self.problems: dict[str, str] = {}
        self._lock = threading.Lock()

    def text(self, doc_id: str) -> str | None:
        """The decoded text of ``doc_id`` as the run decoded it, or None (see ``problem``)."""
        with self._lock:
            if doc_id in self._texts:
                self._texts.move_to_end(doc_id)
                return self._texts[doc_id]
            text = self._read(doc_id)
            self._texts[doc_id] = text
            if len(self._texts) > self.keep:
                self._texts.popitem(last=False)
            return text

    def problem(self, doc_id: str) -> str | None:
        self.text(doc_id)
        return self.problems.get(doc_id)

    def _read(self, doc_id: str) -> str | None:
        entry = self.documents.get(doc_id) or {}
        if entry.get("error"):
            self.problems[doc_id] = f"skipped by the run: {entry['error']}"
            return None
        if not entry.get("path"):
            self.problems[doc_id] = "not in the documents list: pass the list `extract run` wrote with --docs"
            return None
        try:
            text, changed = document_text(entry, self.base)
        except InputError as err:
            self.problems[doc_id] = f"{err}; its claims are listed without the article"
            return None
        if changed:
            self.problems[doc_id] = changed
        return text
