"""What ``extract review`` serves, without the HTTP: the KB's documents as the page shows them,
and a reviewer's requests checked and turned into decision lines.

The page asks for one document at a time (a KB may hold thousands), gets its text highlighted as
the report highlights it, its claims with their standing decisions, and the names a speaker can
be corrected to. Every decision goes through ``decide``, under one lock, so the decisions file
has one writer however many tabs are open.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from extract.kb.records import by_document
from extract.kb.sources import Sources
from extract.tools.report.body import body_of
from extract.tools.report.marks import highlight, marks_of, panel_record
from extract.tools.review.decisions import DecisionLog, addition, judgement, undoing
from extract.tools.review.fields import (
    added_quote,
    corrections,
    fields_of,
    record_digest,
    spans_paragraphs,
    values,
    word_edges,
)


class RequestError(ValueError):
    """A request the page should not have sent, or one overtaken by another tab: ``status`` is the HTTP code."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _brief(line: Mapping[str, Any]) -> dict[str, Any]:
    """A decision as the page lists it among the stale ones."""
    keys = ("claim", "doc_id", "type", "text", "decision", "time")
    return {key: line.get(key) for key in keys}


class ReviewSession:
    """A KB under review: its records by document, the articles, and the decisions log."""

    def __init__(
        self,
        records: list[dict[str, Any]],
        documents: Mapping[str, Mapping[str, Any]],
        sources: Sources,
        log: DecisionLog,
    ) -> None:
        self.by_id = {r["id"]: r for r in records}
        self.per_doc = by_document(records)
        self.documents = documents
        self.doc_ids = sorted(set(documents) | set(self.per_doc))
        self.sources = sources
        self.log = log
        self.lock = threading.Lock()

    def stale(self) -> tuple[list[dict], list[dict]]:
        with self.lock:
            return self.log.review.stale(self.by_id)

    def overview(self) -> dict[str, Any]:
        """Every document with its progress, and the decided claims a re-run took away or changed."""
        with self.lock:
            current = self.log.review.current()
            gone, changed = self.log.review.stale(self.by_id)
        decided: defaultdict[str, int] = defaultdict(int)
        added: defaultdict[str, int] = defaultdict(int)
        for claim, line in current.items():
            if claim in self.by_id:
                decided[line["doc_id"]] += 1
            elif line["decision"] == "add":
                added[line["doc_id"]] += 1
        docs = []
        for index, doc_id in enumerate(self.doc_ids):
            entry = self.documents.get(doc_id) or {}
            docs.append(
                {
                    "index": index,
                    "doc_id": doc_id,
                    "title": entry.get("title") or next((r["doc_title"] for r in self.per_doc[doc_id]), None),
                    "claims": len(self.per_doc[doc_id]),
                    "decided": decided[doc_id],
                    "added": added[doc_id],
                    "error": entry.get("error"),
                }
            )
        return {"documents": docs, "gone": [_brief(x) for x in gone], "changed": [_brief(x) for x in changed]}

    def index_of(self, doc_id: str) -> int:
        try:
            return self.doc_ids.index(doc_id)
        except ValueError:
            raise RequestError(f"no document {doc_id!r} in this KB", 404) from None

    def document(self, index: int) -> dict[str, Any]:
        """One document for the page: text highlighted, claims in text order with their decisions, names."""
        if not 0 <= index < len(self.doc_ids):
            raise RequestError(f"no document {index}: the KB has {len(self.doc_ids)}", 404)
        doc_id = self.doc_ids[index]
        entry = self.documents.get(doc_id) or {}
        text = self.sources.text(doc_id)
        with self.lock:
            review = self.log.review
            added = [
                self._added_record(line)
                for claim, line in review.current().items()
                if line["doc_id"] == doc_id and claim not in self.by_id and line["decision"] == "add"
            ]
            shown = sorted([*self.per_doc[doc_id], *added], key=lambda r: (r["start"], -r["end"], r["id"]))
            claims = [self._claim(record, review.standing(record["id"])) for record in shown]
        html = None
        body = body_of(entry, len(text) if text is not None else 0)
        if text is not None:
            marks, _ = marks_of(shown, text, {r["id"]: r for r in shown})
            # the parser would drop a raw CR, shifting offsets
            html = highlight(text, marks, body.left_out).replace("\r", "&#13;")
        for claim in claims:
            claim["left_out"] = body.why_left_out(claim["start"], claim["end"]) if text is not None else None
        return {
            "index": index,
            "doc_id": doc_id,
            "title": entry.get("title") or next((r["doc_title"] for r in shown if r.get("doc_title")), None),
            "date": entry.get("date"),
            "problem": self.sources.problem(doc_id),
            "html": html,
            "body_note": body.note() if text is not None else None,
            "left_out": [list(piece) for piece in body.left_out],  # (start, end, why): the page warns on an add there
            "claims": claims,
            "names": self._names(doc_id, shown, entry),
        }

    def _added_record(self, line: Mapping[str, Any]) -> dict[str, Any]:
        """An added claim shaped like a KB record, so it is highlighted and listed like the others."""
        return {
            "id": line["claim"],
            "type": line["type"],
            "doc_id": line["doc_id"],
            "start": line["start"],
            "end": line["end"],
            "text": line["text"],
            "rule": None,
            **line["values"],
        }

    def _claim(self, record: Mapping[str, Any], line: Mapping[str, Any] | None) -> dict[str, Any]:
        in_kb = record["id"] in self.by_id
        decision = None
        if line is not None:
            decision = {
                "id": line["id"],
                "decision": line["decision"],
                "fields": line.get("fields") or {},
                "time": line["time"],
                "changed": in_kb and line["decision"] != "add" and line.get("digest") != record_digest(record),
            }
        return {
            "id": record["id"],
            "type": record["type"],
            "start": record["start"],
            "end": record["end"],
            "text": record["text"],
            "added": not in_kb,
            "record": panel_record(record),
            "values": values(record) if line is None else {**values(record), **line.get("values", {})},
            "decision": decision,
        }

    def _names(self, doc_id: str, shown: list[Mapping[str, Any]], entry: Mapping[str, Any]) -> list[dict[str, str]]:
        """Who a claim may be attributed to: the document's ``entities`` (a list of {name, kind} in its
        documents-list entry), the speakers, organisations and holders its claims name, and the
        names reviewers typed in it; each name once, sorted."""
        names: dict[str, str] = {}
        for item in entry.get("entities") or ():
            if isinstance(item, Mapping) and isinstance(item.get("name"), str) and item["name"].strip():
                names.setdefault(item["name"].strip(), str(item.get("kind") or "entity"))
        for record in shown:
            for key, kind in (("speaker", "speaker"), ("holder", "speaker"), ("speaker_org", "org")):
                if record.get(key):
                    names.setdefault(record[key], kind)
        with self.lock:
            typed = [line for line in self.log.review.lines if line["doc_id"] == doc_id]
        for line in typed:
            for f in fields_of(line.get("type") or ""):
                value = (line.get("fields") or {}).get(f.name)
                if f.kind == "name" and value:
                    names.setdefault(value, "typed")
        return [{"name": name, "kind": kind} for name, kind in sorted(names.items(), key=lambda x: x[0].casefold())]

    def decide(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """Check a decision request from the page, append its line(s), and return the document anew."""
        decision = request.get("decision")
        with self.lock:
            if decision == "add":
                lines = [self._addition(request)]
            elif decision in ("accept", "reject", "correct", "undo"):
                lines = self._judgement(decision, request)
            else:
                raise RequestError(f"unknown decision {decision!r}: accept, reject, correct, add or undo")
            written = [self.log.append(line) for line in lines]
        doc_id = written[0]["doc_id"] if written else self._doc_of(request.get("claim"))
        return {"lines": written, "document": self.document(self.index_of(doc_id))}

    def _doc_of(self, claim: Any) -> str:
        record = self.by_id.get(claim) if isinstance(claim, str) else None
        line = self.log.review.standing(claim) if isinstance(claim, str) else None
        if record is None and line is None:
            raise RequestError(f"no claim {claim!r} in this KB or its review", 404)
        return record["doc_id"] if record is not None else line["doc_id"]

    def _judgement(self, decision: str, request: Mapping[str, Any]) -> list[dict[str, Any]]:
        claim = request.get("claim")
        review = self.log.review
        self._doc_of(claim)
        if decision == "undo":
            undoes = request.get("undoes")
            if not isinstance(undoes, str) or not review.is_standing(undoes, claim):
                raise RequestError("that decision is no longer standing (undone in another tab?)", 409)
            return [undoing({"id": undoes, "claim": claim, "doc_id": self._doc_of(claim)})]
        typed = request.get("fields") or {}
        if not isinstance(typed, Mapping):
            raise RequestError("fields must be an object of field names and values")
        record = self.by_id.get(claim)
        try:
            if record is not None:
                kind = record["type"]
                corrected = corrections(kind, typed) if decision == "correct" else {}
                return [judgement(decision, record, corrected)]
            # an added claim: a correction re-adds it with the new values, a rejection takes it back
            line = review.standing(claim)
            if decision == "reject":
                return [undoing(standing) for standing in review.stack(claim)]
            if decision == "accept":
                return []
            corrected = corrections(line["type"], typed)
            merged, given = {**line["values"], **corrected}, {**line["fields"], **corrected}
            return [addition(line["doc_id"], line["type"], line["start"], line["end"], line["text"], merged, given)]
        except ValueError as err:
            raise RequestError(str(err)) from None

    def _addition(self, request: Mapping[str, Any]) -> dict[str, Any]:
        doc_id, kind = request.get("doc_id"), request.get("type")
        start, end, selected = request.get("start"), request.get("end"), request.get("text")
        self.index_of(doc_id if isinstance(doc_id, str) else "")
        text = self.sources.text(doc_id)
        if text is None:
            raise RequestError(f"{doc_id}: the article cannot be read, so nothing can be added to it", 409)
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise RequestError(f"the selection {start}-{end} is not inside the article")
        if text[start:end] != selected:
            raise RequestError("the selection does not match the article's text there: reload the page")
        start += len(selected) - len(selected.lstrip())
        end -= len(selected) - len(selected.rstrip())
        if start >= end:
            raise RequestError("select some text of the article first")
        if spans_paragraphs(text, start, end):
            raise RequestError("the selection spans two paragraphs: a claim lies within one; select it there")
        start, end = word_edges(text, start, end)
        typed = request.get("fields") or {}
        if not isinstance(kind, str) or not fields_of(kind):
            raise RequestError(f"unknown claim type {kind!r}")
        try:
            corrected = corrections(kind, typed if isinstance(typed, Mapping) else {})
        except ValueError as err:
            raise RequestError(str(err)) from None
        base = added_quote(text, start, end) if kind == "quote" else {f.name: None for f in fields_of(kind)}
        if kind == "quote" and not corrected.get("quote_kind") and base["quote_kind"] != "direct":
            raise RequestError("choose the quote's kind (quote kind): direct, indirect or mixed")  # not guessed
        line = addition(doc_id, kind, start, end, text[start:end], {**base, **corrected}, corrected)
        record = self.by_id.get(line["claim"])
        if record is not None:  # the run found this very span: correcting it says the same
            return judgement("correct", record, corrected)
        return line
