"""Who speaks across a knowledge base: one row per speaker, merged over all documents.

The pipeline already resolves every mention ("he", "Mr Hopson") to one canonical ``speaker``
string per document. Across documents the same person may be written "Donald Trump", "Donald J.
Trump" or just "Trump": names with the same first and last word are one row (a generational
suffix, "Jr.", keeps a son apart), and a one-word name joins the only longer name ending in it.
Nothing fuzzier, which could join two people. Role and organisation vary between articles
("chief executive" here, "chair" there), so a row shows the one written most often.

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
    said = [r for r in records if r["type"] == "quote" and r.get("speaker")]
    same = merged_names(Counter(r["speaker"] for r in said))
    quotes: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for record in said:
        quotes[same[record["speaker"]]].append(record)
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


SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def _name_key(name: str) -> tuple[str, ...]:
    """First and last word (and a generational suffix), casefolded: "Donald J. Trump" is
    ("donald", "trump"); "Donald Trump Jr." is ("donald", "trump", "jr")."""
    words = [w.strip(",").casefold() for w in name.split()]
    suffix = tuple(w.rstrip(".") for w in words[-1:] if w in SUFFIXES)
    words = words[: len(words) - len(suffix)]
    return (words[0], words[-1], *suffix) if len(words) > 1 else tuple(words)


def merged_names(counts: Counter[str]) -> dict[str, str]:
    """Each speaker name -> the name of its row: the most written of the names sharing its key."""
    by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in counts:
        by_key[_name_key(name)].append(name)
    full = [key for key in by_key if len(key) >= 2]
    for key in [k for k in by_key if len(k) == 1]:
        longer = [k for k in full if k[1] == key[0] and len(k) == 2]
        if len(longer) == 1:  # "Trump" alone joins the one longer name it ends
            by_key[longer[0]] += by_key.pop(key)
    return {
        name: max(names, key=lambda n: (len(_name_key(n)) > 1, counts[n], -len(n)))
        for names in by_key.values()
        for name in names
    }


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
