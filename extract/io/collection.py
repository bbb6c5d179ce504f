"""Collections of articles: a JSON Lines file (or a JSON array), one article per record.

Scraped news comes as such files (news-please's ``maintext``, a dataset's ``text``), so each record
whose text field holds an article is one document, with the id ``<file id>#<record id>`` (its
``id``, else its ``url``, else its line number). One bad record (not JSON, no text, empty text) is
one error line naming the file and the line, and the other records go on.

Our own outputs are JSON Lines too: a KB, a documents list, review decisions, gold, a speakers
list. Read as articles they would give nonsense, so they are recognised by their keys and
refused in one line: a KB written into the corpus folder is never read back as articles.

The file is read while the run is listed (its records are documents, sorted by id among the
others); each record travels to a worker with its text, like an article piped in.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from extract.io.reader import (
    GZIP_MAGIC,
    MAX_LINE_CHARS,
    Decoded,
    InputError,
    PageMeta,
    Record,
    Source,
    check_text,
    gunzip,
    load,
)
from extract.io.storage import Location

TEXT_FIELDS = ("text", "maintext", "body", "content", "article")
_TITLE_FIELDS = ("title", "headline")
_DATE_FIELDS = ("date", "date_publish", "published", "publish_date")
_SITE_FIELDS = ("site", "sitename", "source_domain")
_ISO_DATE = re.compile(r"(\d{4}-\d{2}(?:-\d{2})?)(?![\d])")

# Our own outputs, by the keys their lines carry: (keys, what the file is).
_OWN_OUTPUTS = (
    ({"schema_version", "type", "id"}, "a knowledge base written by `extract run`"),
    ({"doc_id", "sha256"}, "a documents list written by `extract run`"),
    ({"decision", "claim"}, "review decisions written by `extract review`"),
    ({"speaker", "quotes", "documents"}, "a speakers list written by `extract speakers`"),
    ({"id", "kind", "name", "mentions"}, "an entities file written by `extract run`"),
    ({"rule", "counterexamples"}, "counterexamples written by `extract gold`"),
)
_GOLD_LISTS = {"quotes", "money", "counts", "stance"}


def decode_record(record: Record, *, max_line_chars: int = MAX_LINE_CHARS) -> Decoded:
    """A record's text as a document (checked like a file's), or its problem as an InputError."""
    if record.problem is not None:
        raise InputError(record.problem)
    text = record.text or ""
    warnings: tuple[str, ...] = ()
    if "\x00" in text:  # "\u0000" in the JSON: dropped as from a text file
        nuls = text.count("\x00")
        text = text.replace("\x00", "")
        warnings = (f"{record.where}: dropped {nuls} NUL character{'' if nuls == 1 else 's'}",)
    try:
        check_text(text, max_line_chars=max_line_chars)
    except InputError as err:
        raise InputError(f"{record.where}: {err}".replace("empty file", "empty text")) from None
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Decoded(text, "utf-8", digest, derived=True, meta=record.meta, warnings=warnings)


def expand(
    path: Location, file_id: str, text_field: str | None, max_bytes: int, *, data: bytes | None = None
) -> tuple[list[Source], str | None]:
    """The sources of a collection's records, and None; or no sources and the reason the file is
    skipped (one of our own outputs). A file that cannot be read at all is one source whose
    record holds the problem, so it is reported like an unreadable article."""
    try:
        items = _items(load(path, max_bytes) if data is None else data, max_bytes)
    except InputError as err:
        return [Source(path, file_id, record=Record("file", problem=str(err)))], None
    first = next((obj for _, obj, _ in items if isinstance(obj, dict)), None)
    if first is not None and (own := own_output(first)):
        return [], f"{own}, not articles"
    fields = (text_field,) if text_field else TEXT_FIELDS
    if not any(isinstance(obj, dict) and any(f in obj for f in fields) for _, obj, _ in items):
        named = f"'{text_field}'" if text_field else ", ".join(TEXT_FIELDS) + "; name another with --text-field"
        problem = f"no record has a text field ({named}): not a collection of articles"
        return [Source(path, file_id, record=Record("file", problem=problem))], None
    sources, ids = [], set()
    for where, obj, error in items:
        record = Record(where, problem=f"{where}: {error}") if error else _record(where, obj, fields)
        key = _record_id(obj) or where.rpartition(" ")[2]
        doc_id = f"{file_id}#{key}"
        if doc_id in ids:  # the same id twice: the later record keeps its line in its id
            doc_id = f"{doc_id}#{where.replace(' ', '-')}"
        ids.add(doc_id)
        sources.append(Source(path, doc_id, record=record))
    return sources, None


def own_output(obj: dict[str, Any]) -> str | None:
    """What our tool wrote, if a record's keys are those of one of our outputs."""
    keys = set(obj)
    for needed, what in _OWN_OUTPUTS:
        if needed <= keys:
            return what
    if "doc" in keys and keys & _GOLD_LISTS:
        return "gold written by `extract gold`"
    return None


def _items(data: bytes, max_bytes: int) -> list[tuple[str, Any, str | None]]:
    """(where, object, problem) for each record: JSON Lines, or a JSON array (or one object)."""
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 (byte {err.start:,}): JSON is read as UTF-8") from None
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped):
        try:
            whole = json.loads(text)
        except ValueError as err:
            if stripped.startswith("["):
                raise InputError(f"not valid JSON: {_reason(err)}") from None
        else:
            objs = whole if isinstance(whole, list) else [whole]
            return [(f"record {n}", obj, None) for n, obj in enumerate(objs, 1)]
    items = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append((f"line {number}", json.loads(line), None))
        except ValueError as err:
            items.append((f"line {number}", None, f"not valid JSON ({_reason(err)})"))
    if not items:
        raise InputError("empty file (no records)")
    return items


def _reason(err: ValueError) -> str:
    return err.msg if isinstance(err, json.JSONDecodeError) else str(err)


def _record(where: str, obj: Any, fields: tuple[str, ...]) -> Record:
    if not isinstance(obj, dict):
        return Record(where, problem=f"{where}: not a JSON object")
    field = next((f for f in fields if f in obj), None)
    if field is None:
        return Record(where, problem=f"{where}: no text field ({', '.join(fields)})")
    text = obj[field]
    if not isinstance(text, str):
        return Record(where, problem=f"{where}: field '{field}' is not a string")
    if not text.strip():
        return Record(where, problem=f"{where}: empty text in field '{field}'")
    meta = PageMeta(
        title=_first_string(obj, _TITLE_FIELDS),
        date=_iso_date(_first_string(obj, _DATE_FIELDS)),
        author=_author(obj),
        site=_first_string(obj, _SITE_FIELDS),
        url=_first_string(obj, ("url",)),
    )
    return Record(where, text=text, meta=meta)


def _record_id(obj: Any) -> str | None:
    if not isinstance(obj, dict):
        return None
    for key in ("id", "url"):
        value = obj.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def _first_string(obj: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _author(obj: dict[str, Any]) -> str | None:
    authors = obj.get("authors")
    if isinstance(authors, list) and all(isinstance(a, str) for a in authors) and authors:
        return ", ".join(authors)
    return _first_string(obj, ("author",))


def _iso_date(value: str | None) -> str | None:
    """The ISO date a record's date field starts with ("2019-11-19", "2019-11-19T08:00:00Z"), or None."""
    match = _ISO_DATE.match(value or "")
    return match.group(1) if match else None
