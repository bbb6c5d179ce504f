"""A knowledge base as tables: a CSV file for spreadsheets, a SQLite database for queries, a
Parquet file for data frames and warehouses."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import islice
from pathlib import Path
from typing import Any

from extract.io.atomic import atomic_writer, replaced_on_success
from extract.kb.io import csv_cell, field_types
from extract.kb.records import by_document, record_keys
from extract.stages.registry import claim_types
from extract.tools.speaker_index import speaker_index

PARQUET_BATCH = 50_000  # rows per record batch: memory stays bounded on a KB of millions of claims
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
        "date_basis": "TEXT",
        "body_start": "INTEGER",
        "body_end": "INTEGER",
        "chars": "INTEGER",
        "words": "INTEGER",
        **{f"claims_{kind.name}": "INTEGER" for kind in claim_types()},
        "error": "TEXT",
    }


_SPEAKER_COLUMNS = {
    "speaker": "TEXT",  # a person and an organisation may share a name: the id tells them apart
    "role": "TEXT",
    "org": "TEXT",
    "quotes": "INTEGER",
    "documents": "TEXT",  # JSON array of doc ids
    "first_date": "TEXT",
    "last_date": "TEXT",
    "id": "TEXT",  # the speaker's entity in KB.entities.jsonl
}
_INDEXES = ("doc_id", "type", "speaker")
# The run's entities (KB.entities.jsonl): lists as JSON arrays, and one row per mention to join on.
_ENTITY_COLUMNS = {
    "id": "TEXT PRIMARY KEY",
    "kind": "TEXT",
    "name": "TEXT",
    "aliases": "TEXT",
    "roles": "TEXT",
    "organisations": "TEXT",
}
_MENTION_COLUMNS = {"entity_id": "TEXT", "doc_id": "TEXT", "start": "INTEGER", "end": "INTEGER"}


def write_csv(records: Iterable[Mapping[str, Any]], out: Path) -> int:
    """One row per record, the KB fields as columns; null is an empty cell, multi-line cells are quoted,
    and a text that a spreadsheet would run as a formula starts with a single quote (``csv_cell``)."""
    count = 0
    with atomic_writer(out) as handle:  # no newline translation: csv writes its own "\r\n"
        writer = csv.writer(handle)
        writer.writerow(record_keys())
        for record in records:
            writer.writerow([csv_cell(record.get(name)) for name in record_keys()])
            count += 1
    return count


def claim_columns() -> dict[str, str]:
    """The claims table's columns: the KB fields, typed from the KB's JSON Schema (``field_types``)."""
    return {name: _SQL_TYPES[kind] + (" PRIMARY KEY" if name == "id" else "") for name, kind in field_types().items()}


def _document_rows(
    records: list[Mapping[str, Any]], documents: Mapping[str, Mapping[str, Any]] | None
) -> list[dict[str, Any]]:
    """The documents list as rows (claim counts per type flattened), plus any document only the records name."""
    per_doc = by_document(records)
    entries = dict(documents or {})
    for doc_id, recs in per_doc.items():
        entries.setdefault(
            doc_id,
            {
                "title": recs[0].get("doc_title"),
                "date": recs[0].get("doc_date"),
                "date_basis": recs[0].get("date_basis"),
            },
        )
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
    records: Iterable[Mapping[str, Any]],
    out: Path,
    documents: Mapping[str, Mapping[str, Any]] | None,
    entities: list[Mapping[str, Any]] | None = None,
) -> int:
    """Tables documents, claims and speakers (and, given the run's ``entities``, entities and
    mentions), indexed for the usual questions; returns the number of claims."""
    recs = list(records)
    speakers = [
        {**row, "documents": json.dumps(row["documents"], ensure_ascii=False)}
        for row in speaker_index(recs, documents, entities=entities)
    ]
    lists = ("aliases", "roles", "organisations")
    entity_rows = [{**e, **{k: json.dumps(e[k], ensure_ascii=False) for k in lists}} for e in entities or ()]
    mentions = [{"entity_id": e["id"], **m} for e in entities or () for m in e["mentions"]]
    with replaced_on_success(Path(out)) as tmp:
        db = sqlite3.connect(tmp)
        try:
            with db:
                _create(db, "documents", _document_columns(), _document_rows(recs, documents))
                _create(db, "claims", claim_columns(), recs)
                _create(db, "speakers", _SPEAKER_COLUMNS, speakers)
                for column in _INDEXES:
                    db.execute(f"CREATE INDEX claims_{column} ON claims({column})")
                if entities is not None:
                    _create(db, "entities", _ENTITY_COLUMNS, entity_rows)
                    _create(db, "mentions", _MENTION_COLUMNS, mentions)
                    db.execute("CREATE INDEX mentions_entity_id ON mentions(entity_id)")
                    db.execute("CREATE INDEX mentions_doc_id ON mentions(doc_id)")
        except sqlite3.IntegrityError as err:
            raise ValueError(f"the KB holds a claim or document twice ({err}): re-run `extract run`") from err
        finally:
            db.close()
    return len(recs)


def write_parquet(records: Iterable[Mapping[str, Any]], out: Path, batch_size: int = PARQUET_BATCH) -> int:
    """One row per record, typed from the KB's JSON Schema (integer int64, number float64, boolean
    bool, string string), written ``batch_size`` records at a time; returns the number of rows."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ValueError("--format parquet needs pyarrow: pip install 'extract-claims[parquet]'") from None
    arrow = {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(), "string": pa.string()}
    schema = pa.schema([(name, arrow[kind]) for name, kind in field_types().items()])
    rows = iter(records)
    count = 0
    with replaced_on_success(Path(out)) as tmp, pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        while batch := list(islice(rows, batch_size)):
            try:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            except (pa.ArrowInvalid, pa.ArrowTypeError) as err:
                where = f"records {count + 1}-{count + len(batch)}"
                raise ValueError(f"{where} do not fit the KB schema ({err}); re-run `extract run`") from err
            count += len(batch)
    return count
