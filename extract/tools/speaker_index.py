"""Who speaks across a knowledge base: one row per speaker, merged over all documents.

The pipeline already resolves every mention ("he", "Mr Hopson") to one canonical ``speaker``
string per document, so merging across documents is by exact string: no fuzzy matching that
could join two people or split one. Role and organisation vary between articles ("chief
executive" here, "chair" there), so a row shows the one written most often.

Also here: reading a KB and its documents list back, which every command that uses a KB needs.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import IO, Any

from extract.kb.io import write_jsonl

__all__ = ["SPEAKER_FIELDS", "format_table", "speaker_index", "write_csv", "write_jsonl"]

SPEAKER_FIELDS = ("speaker", "role", "org", "quotes", "documents", "first_date", "last_date")


def _most_common(values: list[str]) -> str | None:
    """The most frequent value; ``Counter`` keeps first-seen order among equal counts."""
    return Counter(values).most_common(1)[0][0] if values else None


def speaker_index(
    records: Iterable[Mapping[str, Any]], documents: Mapping[str, Mapping[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """One row per quoted speaker (see ``SPEAKER_FIELDS``), most quoted first, ties by name.

    A record without ``doc_date`` takes its document's date from ``documents`` when given.
    """
    documents = documents or {}
    quotes: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for record in records:
        if record["type"] == "quote" and record.get("speaker"):
            quotes[record["speaker"]].append(record)
    rows = []
    for speaker, recs in quotes.items():
        dates = [d for r in recs if (d := r.get("doc_date") or (documents.get(r["doc_id"]) or {}).get("date"))]
        rows.append(
            {
                "speaker": speaker,
                "role": _most_common([r["speaker_role"] for r in recs if r.get("speaker_role")]),
                "org": _most_common([r["speaker_org"] for r in recs if r.get("speaker_org")]),
                "quotes": len(recs),
                "documents": sorted({r["doc_id"] for r in recs}),
                "first_date": min(dates, default=None),  # ISO dates ("2018-01", "2018-01-05") sort as strings
                "last_date": max(dates, default=None),
            }
        )
    return sorted(rows, key=lambda row: (-row["quotes"], row["speaker"]))


def format_table(rows: Iterable[Mapping[str, Any]]) -> str:
    """An aligned plain-text table for the terminal; counts right-aligned, documents as a count."""
    head = ["speaker", "role", "org", "quotes", "documents", "first", "last"]
    body = [
        [
            row["speaker"],
            row["role"] or "",
            row["org"] or "",
            str(row["quotes"]),
            str(len(row["documents"])),
            row["first_date"] or "",
            row["last_date"] or "",
        ]
        for row in rows
    ]
    widths = [max(len(cells[i]) for cells in [head, *body]) for i in range(len(head))]
    right = [False, False, False, True, True, False, False]

    def line(cells: list[str]) -> str:
        padded = (c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True))
        return "  ".join(padded).rstrip()

    return "\n".join(line(cells) for cells in [head, *body])


def write_csv(rows: Iterable[Mapping[str, Any]], handle: IO[str]) -> int:
    """The rows as CSV with a header; documents joined with ";". Returns the number of rows."""
    writer = csv.writer(handle, lineterminator="\n")  # "\n": the handle may be a text-mode stdout
    writer.writerow(SPEAKER_FIELDS)
    count = 0
    for row in rows:
        writer.writerow([";".join(row[f]) if f == "documents" else row[f] for f in SPEAKER_FIELDS])
        count += 1
    return count
