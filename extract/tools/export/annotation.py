"""Span annotations for Prodigy, doccano and Label Studio: each article with its claims pre-filled,
so people can correct the extractions and the corrections can become gold data.

Who said what is part of what they review: each quote's speaker mention ("he", "Mr Hopson") is a
span of its own, labelled SPEAKER (one span per mention, however many quotes it attributes; it
carries its speaker's entity id: ``entity_id`` in Prodigy and doccano, an "entity: e_..." note in
Label Studio), and a
SAID_BY relation runs from the quote to it, in the form each tool imports relations: Prodigy's
``relations`` (head and child are the last token of each span, as ``rel.manual`` reads them),
doccano's ``entities`` and ``relations`` (by entity id), and Label Studio's ``relation`` results
(``from_id``/``to_id`` naming regions, direction right).

Offsets must point at the same characters as ours: doccano and Label Studio run in the browser and
count UTF-16 code units, where a character outside the Basic Multilingual Plane (an emoji) counts 2,
so offsets are converted; Prodigy counts code points, like Python, and needs spans on token
boundaries.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from extract import __version__
from extract.io.atomic import atomic_writer
from extract.kb.io import write_jsonl
from extract.kb.records import by_document


def _by_document(
    records: Iterable[Mapping[str, Any]], texts: Mapping[str, str], documents: Mapping[str, Mapping[str, Any]] | None
) -> tuple[list[str], list[str], list[list[Mapping[str, Any]]], list[dict[str, Any]]]:
    """(doc ids, texts, records, meta) per document, sorted by id: every text, and every document with a claim.

    A record whose text is not at its offsets in the source means the file changed since the run.
    """
    per_doc = by_document(records)
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


SPEAKER = "SPEAKER"
SAID_BY = "SAID_BY"


def label(record: Mapping[str, Any]) -> str:
    return record["type"].upper()


@dataclass(frozen=True)
class Mention:
    """A speaker mention as a span; ``id`` is that of the first quote it attributes, plus "-speaker";
    ``entity`` the id of its speaker's entity in ``KB.entities.jsonl`` (that quote's ``speaker_id``)."""

    id: str
    start: int
    end: int
    entity: str | None = None


def speaker_mentions(
    records: Iterable[Mapping[str, Any]], text: str
) -> tuple[list[Mention], list[tuple[Mapping[str, Any], Mention]]]:
    """The distinct speaker mentions of a document's quotes in text order, and each quote with its mention."""
    mentions: dict[tuple[int, int], Mention] = {}
    pairs = []
    for record in records:
        start, end = record.get("speaker_start"), record.get("speaker_end")
        if record["type"] != "quote" or not (isinstance(start, int) and isinstance(end, int)):
            continue
        if 0 <= start < end <= len(text):
            mention = mentions.setdefault(
                (start, end), Mention(f"{record['id']}-speaker", start, end, record.get("speaker_id"))
            )
            pairs.append((record, mention))
    return sorted(mentions.values(), key=lambda m: (m.start, m.end)), pairs


def utf16_offset(text: str) -> Callable[[int], int]:
    """A function from code-point offsets in ``text`` to UTF-16 offsets (each astral character counts 2)."""
    astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
    return lambda index: index + bisect_left(astral, index)


def code_point_offset(text: str) -> Callable[[int], int]:
    """The inverse of ``utf16_offset``: UTF-16 offsets in ``text`` back to code points (for
    spans an annotation tool exports)."""
    ends, shift = [], 0  # the UTF-16 offset just past each astral character
    for i, char in enumerate(text):
        if ord(char) > 0xFFFF:
            ends.append(i + shift + 2)
            shift += 1
    return lambda offset: offset - bisect_right(ends, offset)


@cache
def _tokenizer() -> Language:
    return spacy.blank("en")


def prodigy_task(doc_id: str, text: str, records: list[Mapping[str, Any]], meta: dict[str, Any]) -> dict[str, Any]:
    """A Prodigy task: tokens, one span per claim and per speaker mention, widened to whole tokens
    (token_end inclusive), and a SAID_BY relation from each quote to its speaker mention."""
    doc = _tokenizer()(text)
    tokens = [
        {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)} for t in doc
    ]

    def span(start: int, end: int, name: str) -> dict[str, Any]:
        found = doc.char_span(start, end, alignment_mode="expand")
        return {
            "start": found.start_char,
            "end": found.end_char,
            "text": found.text,
            "label": name,
            "token_start": found.start,
            "token_end": found.end - 1,
        }

    spans = {r["id"]: {**span(r["start"], r["end"], label(r)), "source": r["rule"], "id": r["id"]} for r in records}
    for record in records:
        if record["type"] == "quote":
            spans[record["id"]]["speaker"] = record.get("speaker")
    mentions, pairs = speaker_mentions(records, text)
    spans.update({m.id: {**span(m.start, m.end, SPEAKER), "id": m.id, "entity_id": m.entity} for m in mentions})
    relations = []
    for quote, mention in pairs:
        head, child = spans[quote["id"]], spans[mention.id]
        relations.append(
            {
                "head": head["token_end"],
                "child": child["token_end"],
                "head_span": {key: head[key] for key in ("start", "end", "token_start", "token_end", "label")},
                "child_span": {key: child[key] for key in ("start", "end", "token_start", "token_end", "label")},
                "label": SAID_BY,
            }
        )
    return {"text": text, "meta": meta, "tokens": tokens, "spans": list(spans.values()), "relations": relations}


def doccano_task(doc_id: str, text: str, records: list[Mapping[str, Any]], meta: dict[str, Any]) -> dict[str, Any]:
    """A doccano line for a sequence-labelling project with relations: ``entities`` (ids counted from 0
    in the line) in UTF-16 offsets, ``relations`` by entity id; other keys become the example's metadata."""
    at = utf16_offset(text)
    mentions, pairs = speaker_mentions(records, text)
    spans = [(r["id"], r["start"], r["end"], label(r), {}) for r in records]
    spans += [(m.id, m.start, m.end, SPEAKER, {"entity_id": m.entity}) for m in mentions]
    number = {name: i for i, (name, *_) in enumerate(spans)}
    entities = [
        {"id": number[name], "label": kind, "start_offset": at(start), "end_offset": at(end), **more}
        for name, start, end, kind, more in spans
    ]
    relations = [
        {"id": i, "from_id": number[quote["id"]], "to_id": number[mention.id], "type": SAID_BY}
        for i, (quote, mention) in enumerate(pairs)
    ]
    return {"text": text, "entities": entities, "relations": relations, **meta}


def label_studio_task(doc_id: str, text: str, records: list[Mapping[str, Any]], meta: dict[str, Any]) -> dict[str, Any]:
    """A Label Studio task with the claims, speaker mentions and SAID_BY relations as a prediction
    (pre-annotations a person accepts or corrects).

    The labeling config must name its tags as here: ``<Labels name="label" toName="text">`` (with a
    SPEAKER label), ``<Text name="text" value="$text"/>`` and ``<Relations><Relation value="SAID_BY"/>``.
    """
    at = utf16_offset(text)

    def region(name: str, start: int, end: int, kind: str, notes: list[str]) -> dict[str, Any]:
        value = {"start": at(start), "end": at(end), "text": text[start:end], "labels": [kind]}
        found = {"id": name, "from_name": "label", "to_name": "text", "type": "labels", "value": value}
        return {**found, "meta": {"text": notes}} if notes else found

    mentions, pairs = speaker_mentions(records, text)
    result = [
        region(
            r["id"],
            r["start"],
            r["end"],
            label(r),
            [f"rule: {r['rule']}"] + ([f"speaker: {r['speaker']}"] if r.get("speaker") else []),
        )
        for r in records
    ]
    result += [region(m.id, m.start, m.end, SPEAKER, [f"entity: {m.entity}"] if m.entity else []) for m in mentions]
    result += [
        {"from_id": quote["id"], "to_id": mention.id, "type": "relation", "direction": "right", "labels": [SAID_BY]}
        for quote, mention in pairs
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
