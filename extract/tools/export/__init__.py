"""A knowledge base in the formats other tools read: a spreadsheet, annotation tools, a database.

``tables`` writes the tabular formats (CSV, SQLite, Parquet), ``annotation`` the annotation tools' task files.

Every format is written to a temporary file renamed into place, so a failed export leaves any
previous file intact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from extract.io.reader import InputError
from extract.kb.sources import document_text
from extract.tools.export.annotation import TASKS, write_tasks
from extract.tools.export.tables import claim_columns, write_csv, write_parquet, write_sqlite

FORMATS = ("csv", "prodigy", "doccano", "label-studio", "sqlite", "parquet")
STREAMED = ("csv", "parquet")  # formats written record by record: the KB need not fit in memory


def load_texts(documents: Mapping[str, Mapping[str, Any]], base: Path = Path()) -> dict[str, str]:
    """Each document's source text as the run read it (the text it kept, else the file decoded
    again); skipped files are left out. A relative path is found beside the documents list (folder
    ``base``) first, as the report does."""
    texts = {}
    for doc_id, entry in documents.items():
        if entry.get("error") or not entry.get("path"):
            continue
        try:
            texts[doc_id] = document_text(entry, base)[0]
        except InputError as err:
            raise ValueError(
                f"{entry['path']} (document {doc_id}): {err}; keep the articles where `extract run` read "
                "them (beside the documents list or from the folder it ran in), or re-run `extract run`"
            ) from err
    return texts


def export(
    records: Iterable[Mapping[str, Any]],
    texts: Mapping[str, str],
    fmt: str,
    out: Path,
    documents: Mapping[str, Mapping[str, Any]] | None = None,
    entities: list[Mapping[str, Any]] | None = None,
) -> int:
    """Write ``records`` to ``out`` as ``fmt`` (one of ``FORMATS``); the number of rows or tasks written.

    ``entities`` (the run's ``KB.entities.jsonl``) give sqlite its speakers by entity and its
    entities and mentions tables.

    The annotation formats need ``texts`` (doc id -> source text, see ``load_texts``) for every
    document holding a claim; csv, sqlite and parquet do not read it. The ``STREAMED`` formats
    read ``records`` once, as they come.
    """
    if fmt == "csv":
        return write_csv(records, out)
    if fmt == "parquet":
        return write_parquet(records, out)
    if fmt == "sqlite":
        return write_sqlite(records, out, documents, entities)
    if fmt not in TASKS:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return write_tasks(fmt, records, texts, documents, out)


__all__ = ["FORMATS", "STREAMED", "claim_columns", "export", "load_texts"]
