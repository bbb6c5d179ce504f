"""Annotations corrected in Prodigy, doccano or Label Studio, read back as review decisions, so
``extract gold --annotations FILE`` makes gold of them as it makes gold of a browser review.

The file is what the tool exports after annotation, in the shape ``extract export`` gave it:
Prodigy's JSONL (``spans`` and ``relations``; a task answered ``reject`` or ``ignore`` is not
reviewed), doccano's JSONL (``entities`` and ``relations``, UTF-16 offsets) or Label Studio's JSON
(the latest of ``annotations``, with ``labels`` and ``relation`` results, UTF-16 offsets). Each
article is found by the ``doc_id`` the export put in the task's metadata.

A claim's span still there is accepted; one deleted is rejected; a new span is an added claim. A
quote's SAID_BY relation says who spoke: pointing at the KB's mention it confirms the speaker,
pointing at another SPEAKER span it corrects the speaker to that span's words, and a quote left
without one has no speaker. The tools hold spans, not amounts, so money, counts and stance keep
the KB's values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.stages.registry import claim_types
from extract.tools.export.annotation import SAID_BY, SPEAKER, code_point_offset, label, prodigy_task
from extract.tools.review.decisions import Review, addition, judgement
from extract.tools.review.fields import added_quote, fields_of


@dataclass(frozen=True)
class _Span:
    label: str
    start: int  # code points, as the KB counts
    end: int
    key: str  # its id in the file: a claim id where the export's span survived


@dataclass
class _Task:
    """One annotated article in one shape, whichever tool it came from."""

    doc_id: str
    spans: list[_Span]
    said_by: list[tuple[str, str]]  # (quote key, speaker key)
    widened: bool  # Prodigy: the export widened claims to whole tokens


def read_annotations(path: str | Path) -> list[dict[str, Any]]:
    """The tasks of an annotation export: a JSON array (Label Studio) or JSON lines (Prodigy, doccano)."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        if text.lstrip().startswith("["):
            data = json.loads(text)
        else:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as err:
        raise ValueError(
            f"{path}: not JSON or JSON lines ({err.msg}): give the file the annotation tool exported"
        ) from None
    if not all(isinstance(task, dict) for task in data):
        raise ValueError(f"{path}: every task must be a JSON object: give the file the annotation tool exported")
    return data


def _prodigy(doc_id: str, task: Mapping[str, Any]) -> _Task:
    spans = [_Span(s["label"], s["start"], s["end"], s.get("id") or f"new-{i}") for i, s in enumerate(task["spans"])]

    def key(given: Mapping[str, Any] | None, token_end: int, speaker: bool) -> str | None:
        """The span a relation end names: by its span if saved with it, else by its last token."""
        for raw, span in zip(task["spans"], spans, strict=True):
            if (span.label == SPEAKER) == speaker and (
                (raw["start"], raw["end"]) == (given["start"], given["end"]) if given else raw["token_end"] == token_end
            ):
                return span.key
        return None

    pairs = []
    for rel in task.get("relations", ()):
        if rel.get("label") == SAID_BY:
            head, child = key(rel.get("head_span"), rel["head"], False), key(rel.get("child_span"), rel["child"], True)
            if head and child:
                pairs.append((head, child))
    return _Task(doc_id, spans, pairs, widened=True)


def _task(task: Mapping[str, Any], text_of: Callable[[str], str | None]) -> _Task | None:
    """A tool's task in one shape; None for a task the annotator skipped."""
    meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
    data = task.get("data") if isinstance(task.get("data"), dict) else {}
    doc_id = meta.get("doc_id") or data.get("doc_id") or task.get("doc_id")
    text = text_of(doc_id) if isinstance(doc_id, str) else None
    if text is None:
        raise ValueError(f"a task names document {doc_id!r}, whose article the KB's documents list cannot give")
    if "tokens" in task:
        return None if task.get("answer") in ("reject", "ignore") else _prodigy(doc_id, task)
    at = code_point_offset(text)
    if "entities" in task:  # doccano
        spans = [_Span(e["label"], at(e["start_offset"]), at(e["end_offset"]), str(e["id"])) for e in task["entities"]]
        pairs = [(str(r["from_id"]), str(r["to_id"])) for r in task.get("relations", ()) if r.get("type") == SAID_BY]
        return _Task(doc_id, spans, pairs, widened=False)
    annotations = task.get("annotations") or []
    results = annotations[-1].get("result", []) if annotations else []  # Label Studio
    spans = [
        _Span(r["value"]["labels"][0], at(r["value"]["start"]), at(r["value"]["end"]), r["id"])
        for r in results
        if r.get("type") == "labels" and r["value"].get("labels")
    ]
    pairs = [
        (r["from_id"], r["to_id"]) for r in results if r.get("type") == "relation" and SAID_BY in r.get("labels", ())
    ]
    return _Task(doc_id, spans, pairs, widened=False)


def annotation_review(
    tasks: Iterable[Mapping[str, Any]], records: Iterable[Mapping[str, Any]], text_of: Callable[[str], str | None]
) -> Review:
    """The decisions the annotations amount to, as a ``Review`` (see the module's docstring)."""
    per_doc: dict[str, list[Mapping[str, Any]]] = {}
    for record in records:
        per_doc.setdefault(record["doc_id"], []).append(record)
    lines = []
    for raw in tasks:
        task = _task(raw, text_of)
        if task is not None:
            lines += _decisions(task, per_doc.get(task.doc_id, []), text_of(task.doc_id) or "")
    return Review(lines)


def _decisions(task: _Task, records: list[Mapping[str, Any]], text: str) -> list[dict[str, Any]]:
    """Accept, correct, add and reject lines for one article's KB records against its annotations."""
    kinds = {kind.name.upper(): kind.name for kind in claim_types()}
    by_key = {span.key: span for span in task.spans}
    speaker_of = {quote: by_key.get(speaker) for quote, speaker in task.said_by}
    by_id = {r["id"]: r for r in records}
    if task.widened:  # where the export put each claim: Prodigy's widened to whole tokens
        spans = prodigy_task(task.doc_id, text, records, {})["spans"]
        exported = {(s["label"], s["start"], s["end"]): by_id[s["id"]] for s in spans if s["id"] in by_id}
    else:
        exported = {(label(r), r["start"], r["end"]): r for r in records}
    lines, kept = [], set()
    for span in task.spans:
        if span.label not in kinds:
            continue
        kind, mention = kinds[span.label], speaker_of.get(span.key)
        given = text[mention.start : mention.end] if mention else None
        record = by_id.get(span.key) or exported.get((span.label, span.start, span.end))
        if record is None:
            values = (
                added_quote(text, span.start, span.end)
                if kind == "quote"
                else dict.fromkeys(f.name for f in fields_of(kind))
            )
            typed = {"speaker": given} if kind == "quote" and given else {}
            lines.append(
                addition(
                    task.doc_id, kind, span.start, span.end, text[span.start : span.end], {**values, **typed}, typed
                )
            )
            continue
        kept.add(record["id"])
        said = (mention.start, mention.end) if mention else None
        if kind == "quote" and said != _mention(record):
            lines.append(judgement("correct", record, {"speaker": given}))
        else:
            lines.append(judgement("accept", record))
    return lines + [judgement("reject", r) for r in records if r["id"] not in kept]


def _mention(record: Mapping[str, Any]) -> tuple[int, int] | None:
    start, end = record.get("speaker_start"), record.get("speaker_end")
    return (start, end) if isinstance(start, int) and isinstance(end, int) else None
