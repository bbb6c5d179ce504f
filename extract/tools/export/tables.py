"""A knowledge base as tables: a CSV file for spreadsheets, a SQLite database for queries."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any, get_args, get_type_hints

from extract.kb.records import record_keys
from extract.run.atomic import atomic_writer, replaced_on_success
from extract.stages.registry import claim_types
from extract.tools.speaker_index import speaker_index

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


def write_csv(records: Iterable[Mapping[str, Any]], out: Path) -> int:
    """One row per record, the KB fields as columns; null is an empty cell, multi-line cells are quoted."""
    count = 0
    with atomic_writer(out) as handle:  # no newline translation: csv writes its own "\r\n"
        writer = csv.writer(handle)
        writer.writerow(record_keys())
        for record in records:
            writer.writerow([record.get(name) for name in record_keys()])
            count += 1
    return count


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


def write_sqlite(
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
