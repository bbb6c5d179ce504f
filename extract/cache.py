"""The run cache: parsed documents and finished records, so re-runs skip the model.

Users iterate on patterns: edit a rule, re-run, look. The model is the cost of a run, and it
does not depend on the patterns, so each article body's parse is kept (a spaCy ``DocBin``)
keyed by the body text, the model and its version; after a pattern edit only the rule stages
run again. When neither the file nor the rules changed, the finished records are reused as they
are. Entries are written atomically and checked on reading (a parse must reproduce the exact
body text, a record file must carry its full key): a corrupt or stale entry is a miss and is
rebuilt, never trusted.

Layout under the cache folder (``--cache-dir``, ``$EXTRACT_CACHE_DIR``, else
``$XDG_CACHE_HOME/extract`` or ``~/.cache/extract``)::

    docs/<model>-<version>/<ab>/<sha256>.spacy     one parsed body
    records/<ab>/<sha256>.json                     one document's article info and records

Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from extract import __version__
from extract.article import Article

# Raise when the tokenizer or the pre-model stages change what a cached parse holds.
PARSE_FORMAT = 2


def default_cache_dir() -> Path:
    if os.environ.get("EXTRACT_CACHE_DIR"):
        return Path(os.environ["EXTRACT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "extract"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    """Concurrent workers may write the same entry: each writes its own temp file, then renames."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


class RunCache:
    """Parses keyed by (model, body text); records keyed by (document, rules, model, version)."""

    def __init__(self, folder: str | os.PathLike, model_id: str, rules_fingerprint: str):
        self.folder = Path(folder)
        self.model_id = model_id
        self.rules_fingerprint = rules_fingerprint
        safe_model = "".join(c if c.isalnum() or c in "-_." else "_" for c in model_id)
        self.docs = self.folder / "docs" / f"{safe_model}-p{PARSE_FORMAT}"

    def _doc_path(self, model_text: str) -> Path:
        key = _digest(self.model_id, str(PARSE_FORMAT), model_text)
        return self.docs / key[:2] / f"{key}.spacy"

    def get_doc(self, model_text: str, vocab: Vocab) -> Doc | None:
        data = _read(self._doc_path(model_text))
        if data is None:
            return None
        try:
            docs = list(DocBin().from_bytes(data).get_docs(vocab))
        except Exception:  # noqa: BLE001 - any decoding failure means a corrupt entry: rebuild it
            return None
        if len(docs) != 1 or docs[0].text != model_text:
            return None
        return docs[0]

    def put_doc(self, model_text: str, doc: Doc) -> None:
        bin_ = DocBin(store_user_data=False)
        bin_.add(doc)
        _write_atomic(self._doc_path(model_text), bin_.to_bytes())

    def _records_key(self, doc_id: str, text: str) -> str:
        return _digest(doc_id, text, self.rules_fingerprint, self.model_id, __version__, str(PARSE_FORMAT))

    def _records_path(self, key: str) -> Path:
        return self.folder / "records" / key[:2] / f"{key}.json"

    def get_records(self, doc_id: str, text: str) -> tuple[Article, list[dict[str, Any]]] | None:
        key = self._records_key(doc_id, text)
        data = _read(self._records_path(key))
        if data is None:
            return None
        try:
            entry = json.loads(data)
            if entry["key"] != key:
                return None
            article = entry["article"]
            article["skip"] = tuple(tuple(pair) for pair in article["skip"])
            return Article(**article), entry["records"]
        except (ValueError, KeyError, TypeError):
            return None

    def put_records(self, doc_id: str, text: str, article: Article, recs: list[dict[str, Any]]) -> None:
        key = self._records_key(doc_id, text)
        entry = {"key": key, "article": asdict(article), "records": recs}
        _write_atomic(self._records_path(key), json.dumps(entry, ensure_ascii=False).encode("utf-8"))
