"""Span annotations for Prodigy, doccano and Label Studio: each article with its claims pre-filled,
so people can correct the extractions and the corrections can become gold data.

Offsets must point at the same characters as ours: doccano and Label Studio run in the browser and
count UTF-16 code units, where a character outside the Basic Multilingual Plane (an emoji) counts 2,
so offsets are converted; Prodigy counts code points, like Python, and needs spans on token
boundaries.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from extract import __version__
from extract.kb.io import write_jsonl
from extract.run.atomic import atomic_writer


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


TASKS: dict[str, tuple[Callable[..., dict[str, Any]], Callable[[Iterable[dict[str, Any]], Path], int]]] = {
    "prodigy": (prodigy_task, _write_lines),
    "doccano": (doccano_task, _write_lines),
    "label-studio": (label_studio_task, _write_json_array),
}


def write_tasks(
    fmt: str,
    records: Iterable[Mapping[str, Any]],
    texts: Mapping[str, str],
    documents: Mapping[str, Mapping[str, Any]] | None,
    out: Path,
) -> int:
    """Write one task per document in annotation format ``fmt``; the number of tasks written."""
    make, write = TASKS[fmt]
    return write(map(make, *_by_document(records, texts, documents)), out)
