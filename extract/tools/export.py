"""A knowledge base in the formats other tools read: a spreadsheet, annotation tools, a database.

The annotation formats (Prodigy, doccano, Label Studio) show each article with its claims as
pre-filled spans, so people can correct the extractions and the corrections can become gold data.
Their offsets must point at the same characters as ours: doccano and Label Studio run in the
browser and count UTF-16 code units, where a character outside the Basic Multilingual Plane (an
emoji) counts 2, so offsets are converted; Prodigy counts code points, like Python, and needs
spans on token boundaries.

Every format is written to a temporary file renamed into place, so a failed export leaves any
previous file intact.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, get_args, get_type_hints

import spacy
from spacy.language import Language

from extract import __version__
from extract.kb.io import write_jsonl
from extract.kb.records import record_keys
from extract.run.atomic import atomic_writer, replaced_on_success
from extract.run.reader import InputError, read_source
from extract.stages.registry import claim_types
from extract.tools.speaker_index import speaker_index

FORMATS = ("csv", "prodigy", "doccano", "label-studio", "sqlite")
# KB schema types -> SQLite column types. NUMERIC keeps an int an INTEGER and a float a REAL, both exact.
_SQL_TYPES = {"integer": "INTEGER", "number": "NUMERIC", "boolean": "INTEGER", "string": "TEXT"}


def _document_columns() -> dict[str, str]:
    return {
        "doc_id": "TEXT PRIMARY KEY",
        "path": "TEXT",
        "sha256": "TEXT",
        "encoding": "TEXT",
        "title": "TEXT",
        "date": "TEXT",
        "body_start": "INTEGER",
        "body_end": "INTEGER",
        "chars": "INTEGER",
        "words": "INTEGER",
        **{f"claims_{kind.name}": "INTEGER" for kind in claim_types()},
        "error": "TEXT",
    }


_SPEAKER_COLUMNS = {
    "speaker": "TEXT PRIMARY KEY",
    "role": "TEXT",
    "org": "TEXT",
    "quotes": "INTEGER",
    "documents": "TEXT",  # JSON array of doc ids
    "first_date": "TEXT",
    "last_date": "TEXT",
}
_INDEXES = ("doc_id", "type", "speaker")


def load_texts(documents: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Each document's source text, re-read and decoded as the run did; skipped files are left out."""
    texts = {}
    for doc_id, entry in documents.items():
        if entry.get("error") or not entry.get("path"):
            continue
        try:
            texts[doc_id] = read_source(Path(entry["path"])).text
        except InputError as err:
            raise ValueError(
                f"{entry['path']} (document {doc_id}): {err}; run from the folder `extract run` ran in "
                "(the documents list holds paths as given to it), or re-run `extract run`"
            ) from err
    return texts


def export(
    records: Iterable[Mapping[str, Any]],
    texts: Mapping[str, str],
    fmt: str,
    out: Path,
    documents: Mapping[str, Mapping[str, Any]] | None = None,
) -> int:
    """Write ``records`` to ``out`` as ``fmt`` (one of ``FORMATS``); the number of rows or tasks written.

    The annotation formats need ``texts`` (doc id -> source text, see ``load_texts``) for every
    document holding a claim; csv and sqlite do not read it.
    """
    if fmt == "csv":
        return _write_csv(records, out)
    if fmt == "sqlite":
        return _write_sqlite(records, out, documents)
    if fmt not in _TASKS:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    make, write = _TASKS[fmt]
    return write(map(make, *_by_document(records, texts, documents)), out)


# --- csv -----------------------------------------------------------------------------------------


def _write_csv(records: Iterable[Mapping[str, Any]], out: Path) -> int:
    """One row per record, the KB fields as columns; null is an empty cell, multi-line cells are quoted."""
    count = 0
    with atomic_writer(out) as handle:  # no newline translation: csv writes its own "\r\n"
        writer = csv.writer(handle)
        writer.writerow(record_keys())
        for record in records:
            writer.writerow([record.get(name) for name in record_keys()])
            count += 1
    return count


# --- annotation tools ----------------------------------------------------------------------------


def _by_document(
    records: Iterable[Mapping[str, Any]], texts: Mapping[str, str], documents: Mapping[str, Mapping[str, Any]] | None
) -> tuple[list[str], list[str], list[list[Mapping[str, Any]]], list[dict[str, Any]]]:
    """(doc ids, texts, records, meta) per document, sorted by id: every text, and every document with a claim.

    A record whose text is not at its offsets in the source means the file changed since the run.
    """
    per_doc: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for record in records:
        per_doc[record["doc_id"]].append(record)
    doc_ids = sorted(set(texts) | set(per_doc))
    for doc_id in doc_ids:
        if doc_id not in texts:
            raise ValueError(
                f"no source text for document {doc_id}: give the documents list `extract run` wrote (--docs) "
                "so the articles can be re-read"
            )
        for record in per_doc[doc_id]:
            if texts[doc_id][record["start"] : record["end"]] != record["text"]:
                raise ValueError(
                    f"{doc_id} changed since the run (claim {record['id']} is not at {record['start']}-"
                    f"{record['end']}): re-run `extract run` before exporting"
                )
    meta = [_meta(doc_id, per_doc[doc_id], (documents or {}).get(doc_id) or {}) for doc_id in doc_ids]
    return doc_ids, [texts[d] for d in doc_ids], [per_doc[d] for d in doc_ids], meta


def _meta(doc_id: str, records: list[Mapping[str, Any]], entry: Mapping[str, Any]) -> dict[str, Any]:
    first = records[0] if records else {}
    return {
        "doc_id": doc_id,
        "title": entry.get("title") or first.get("doc_title"),
        "date": entry.get("date") or first.get("doc_date"),
    }


def label(record: Mapping[str, Any]) -> str:
    return record["type"].upper()


def utf16_offset(text: str) -> Callable[[int], int]:
    """A function from code-point offsets in ``text`` to UTF-16 offsets (each astral character counts 2)."""
    astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
    return lambda index: index + bisect_left(astral, index)


@cache
def _tokenizer() -> Language:
    return spacy.blank("en")


def prodigy_task(doc_id: str, text: str, records: list[Mapping[str, Any]], meta: dict[str, Any]) -> dict[str, Any]:
    """A Prodigy task: tokens, and one span per claim widened to whole tokens (token_end inclusive)."""
    doc = _tokenizer()(text)
    tokens = [
        {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)} for t in doc
    ]
    spans = []
    for record in records:
        span = doc.char_span(record["start"], record["end"], alignment_mode="expand")
        spans.append(
            {
                "start": span.start_char,
                "end": span.end_char,
                "text": span.text,
                "label": label(record),
                "token_start": span.start,
                "token_end": span.end - 1,
                "source": record["rule"],
                "id": record["id"],
            }
        )
    return {"text": text, "meta": meta, "tokens": tokens, "spans": spans}


def doccano_task(doc_id: str, text: str, records: list[Mapping[str, Any]], meta: dict[str, Any]) -> dict[str, Any]:
    """A doccano sequence-labelling line: "label" as [start, end, LABEL] in UTF-16 offsets; other keys become
    the example's metadata."""
    at = utf16_offset(text)
    return {"text": text, "label": [[at(r["start"]), at(r["end"]), label(r)] for r in records], **meta}


def label_studio_task(doc_id: str, text: str, records: list[Mapping[str, Any]], meta: dict[str, Any]) -> dict[str, Any]:
    """A Label Studio task with the claims as a prediction (pre-annotations a person accepts or corrects).

    The labeling config must name its tags as here: ``<Labels name="label" toName="text">`` and
    ``<Text name="text" value="$text"/>``.
    """
    at = utf16_offset(text)
    result = [
        {
            "id": r["id"],
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": at(r["start"]), "end": at(r["end"]), "text": r["text"], "labels": [label(r)]},
            "meta": {"text": [f"rule: {r['rule']}"]},
        }
        for r in records
    ]
    prediction = {"model_version": f"extract {__version__}", "result": result}
    return {"data": {"text": text, **meta}, "predictions": [prediction]}


def _write_lines(tasks: Iterable[dict[str, Any]], out: Path) -> int:
    """JSONL, one task per line (Prodigy, doccano)."""
    with atomic_writer(out) as handle:
        return write_jsonl(tasks, handle)


def _write_json_array(tasks: Iterable[dict[str, Any]], out: Path) -> int:
    """One JSON array of tasks, the file Label Studio imports."""
    items = list(tasks)
    with atomic_writer(out) as handle:
        json.dump(items, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    return len(items)


_TASKS: dict[str, tuple[Callable[..., dict[str, Any]], Callable[[Iterable[dict[str, Any]], Path], int]]] = {
    "prodigy": (prodigy_task, _write_lines),
    "doccano": (doccano_task, _write_lines),
    "label-studio": (label_studio_task, _write_json_array),
}


# --- sqlite --------------------------------------------------------------------------------------


def claim_columns() -> dict[str, str]:
    """The claims table's columns: the KB fields, typed from the KB's JSON Schema (a claim type
    the schema does not know yet, from its fields dataclass)."""
    schema = json.loads(files("extract.kb").joinpath("schema.json").read_text(encoding="utf-8"))
    annotated = {name: kind for claim in claim_types() for name, kind in _json_types(claim.fields).items()}
    columns = {}
    for name in record_keys():
        spec = schema["properties"].get(name, {"type": annotated.get(name, "string")})
        kinds = spec.get("type", "string" if "enum" in spec else "integer")  # only schema_version has neither
        kind = next(k for k in ([kinds] if isinstance(kinds, str) else kinds) if k != "null")
        columns[name] = _SQL_TYPES[kind] + (" PRIMARY KEY" if name == "id" else "")
    return columns


def _json_types(fields_class: type) -> dict[str, str]:
    """A fields dataclass's fields as JSON Schema types ("integer", "number", "boolean", "string")."""
    hints = get_type_hints(fields_class)
    names = {bool: "boolean", int: "integer", Decimal: "number", float: "number"}
    return {
        name: next((names[t] for t in get_args(hint) or (hint,) if t in names), "string")
        for name, hint in hints.items()
    }


def _document_rows(
    records: list[Mapping[str, Any]], documents: Mapping[str, Mapping[str, Any]] | None
) -> list[dict[str, Any]]:
    """The documents list as rows (claim counts per type flattened), plus any document only the records name."""
    per_doc: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for record in records:
        per_doc[record["doc_id"]].append(record)
    entries = dict(documents or {})
    for doc_id, recs in per_doc.items():
        entries.setdefault(doc_id, {"title": recs[0].get("doc_title"), "date": recs[0].get("doc_date")})
    rows = []
    for doc_id, entry in sorted(entries.items()):
        row = {name: entry.get(name) for name in _document_columns()}
        counts = Counter(r["type"] for r in per_doc.get(doc_id, ()))
        row.update({f"claims_{kind.name}": counts[kind.name] for kind in claim_types()}, doc_id=doc_id)
        rows.append(row)
    return rows


def _create(db: sqlite3.Connection, table: str, columns: Mapping[str, str], rows: Iterable[Mapping[str, Any]]) -> None:
    names = list(columns)
    db.execute(f"CREATE TABLE {table} ({', '.join(f'{n} {t}' for n, t in columns.items())})")
    db.executemany(
        f"INSERT INTO {table} VALUES ({', '.join('?' * len(names))})", ([row.get(n) for n in names] for row in rows)
    )


def _write_sqlite(
    records: Iterable[Mapping[str, Any]], out: Path, documents: Mapping[str, Mapping[str, Any]] | None
) -> int:
    """Tables documents, claims and speakers, indexed for the usual questions; returns the number of claims."""
    recs = list(records)
    speakers = [
        {**row, "documents": json.dumps(row["documents"], ensure_ascii=False)} for row in speaker_index(recs, documents)
    ]
    with replaced_on_success(Path(out)) as tmp:
        db = sqlite3.connect(tmp)
        try:
            with db:
                _create(db, "documents", _document_columns(), _document_rows(recs, documents))
                _create(db, "claims", claim_columns(), recs)
                _create(db, "speakers", _SPEAKER_COLUMNS, speakers)
                for column in _INDEXES:
                    db.execute(f"CREATE INDEX claims_{column} ON claims({column})")
        except sqlite3.IntegrityError as err:
            raise ValueError(f"the KB holds a claim or document twice ({err}): re-run `extract run`") from err
        finally:
            db.close()
    return len(recs)
