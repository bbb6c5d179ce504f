"""The knowledge-base contract: one flat JSON record per claim, every key always present.

Pipeline components put their claims in the doc's span groups (``doc.spans["quote"]``...: one
per claim type); ``records`` turns them into the records documented in ``docs/kb_schema.md``
(and ``extract/kb/schema.json``); each claim type's fields come from its entry in
``extract.stages.registry``. Every record
carries every key (null where it does not apply) so that pandas, DuckDB and spreadsheets read
the file as one table.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from itertools import chain
from typing import Any, TypeVar

from spacy.tokens import Doc, Span

from extract.stages.base import Claim, claim_spans
from extract.stages.registry import claim_type, record_fields
from extract.stages.syntax import text_of

SCHEMA_VERSION = 1

COMMON_FIELDS = (
    "schema_version",
    "id",
    "type",
    "doc_id",
    "doc_title",
    "doc_date",
    "date_basis",
    "start",
    "end",
    "text",
    "sentence",
    "rule",
    "quote_id",
)


def record_keys() -> tuple[str, ...]:
    """Every key of a record, in file order: the common ones, then each claim type's."""
    return COMMON_FIELDS + record_fields()


R = TypeVar("R", bound=Mapping[str, Any])


def by_document(records: Iterable[R]) -> defaultdict[str, list[R]]:
    """Records grouped by their document, each group in KB order."""
    groups: defaultdict[str, list[R]] = defaultdict(list)
    for record in records:
        groups[record["doc_id"]].append(record)
    return groups


def claim_id(doc_id: str, kind: str, start: int, end: int) -> str:
    digest = hashlib.sha1(f"{doc_id}\x1f{kind}\x1f{start}\x1f{end}".encode()).hexdigest()
    return f"{claim_type(kind).id_prefix}_{digest[:16]}"


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def records(
    doc: Doc,
    text: str,
    *,
    doc_id: str,
    offset: int = 0,
    title: str | None = None,
    date: str | None = None,
    keep: Any = None,
) -> list[dict[str, Any]]:
    """KB records for one document, in offset order.

    ``doc`` was made from ``text[offset:]``, so claim offsets are shifted by ``offset``;
    ``keep(start, end)`` (source offsets) may veto claims, e.g. from repeated page lines.
    """
    out = []
    keys = record_keys()
    sentence_of = _sentence_finder(doc)
    read = text_of(doc)  # what the model read, as the stages read it (``Doc.text`` joins every token again)
    seen: set[tuple[str, int, int]] = set()
    for span, claim in sorted(claim_spans(doc), key=lambda pair: _order(pair[1])):
        start, end = claim.start + offset, claim.end + offset
        if keep is not None and not keep(start, end):
            continue
        if (claim.type, start, end) in seen:  # one claim a span and type: ids are unique in a KB
            continue
        seen.add((claim.type, start, end))
        record: dict[str, Any] = dict.fromkeys(keys)
        sents = (sentence_of(span[0].i), sentence_of(span[-1].i))  # the span covers the claim's tokens
        record.update(
            schema_version=SCHEMA_VERSION,
            id=claim_id(doc_id, claim.type, start, end),
            type=claim.type,
            doc_id=doc_id,
            doc_title=title,
            doc_date=date,
            date_basis="text" if date else None,
            start=start,
            end=end,
            text=text[start:end],
            sentence=_sentence(text, *sents, offset),
            rule=claim.rule,
        )
        for name, value in vars(claim.fields).items():
            record[name] = _jsonable(value)
        for name in ("content_start", "speaker_start"):
            if record[name] is not None:  # offsets of parts of the claim, shifted like the claim
                end_name = name.replace("start", "end")
                start, end = _trimmed(read, record[name], record[end_name])
                record[name], record[end_name] = start + offset, end + offset
        if record["content_start"] is not None:
            record["content"] = text[record["content_start"] : record["content_end"]]
        if record["speaker_start"] is not None:
            record["speaker_mention"] = text[record["speaker_start"] : record["speaker_end"]]
        out.append(record)
    _link_quotes(out)
    return out


def document_entities(
    entities: Iterable[Mapping[str, Any]] | None, read: str, *, offset: int = 0, keep: Any = None
) -> list[dict[str, Any]]:
    """A document's entities (``doc._.entities`` as JSON, offsets into ``read``, the text the model
    read) with their mentions in source offsets, as records have them: trimmed, shifted by
    ``offset``, and only those ``keep(start, end)`` accepts; an entity left with none is dropped."""
    out = []
    for entity in entities or ():
        mentions = []
        for start, end in entity["mentions"]:
            start, end = _trimmed(read, start, end)
            if start < end and (keep is None or keep(start + offset, end + offset)):
                mentions.append([start + offset, end + offset])
        if mentions:
            out.append({**entity, "mentions": mentions})
    return out


def _sentence_finder(doc: Doc) -> Callable[[int], Span]:
    """The sentence of a token, by bisection over the sentence starts: ``Token.sent`` walks the
    doc from its start on every call, which a long text with many claims cannot afford."""
    sentences = list(doc.sents)
    starts = [sent.start for sent in sentences]
    return lambda i: sentences[bisect_right(starts, i) - 1]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A part's offsets without the white space at its edges in the text the model read (a mention
    whose last token is a paragraph break, or the blank left by skipped furniture)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentence(text: str, first: Span, last: Span, offset: int) -> str:
    """The source text from the first to the last sentence, without the space tokens at their
    edges: those may stand for skipped furniture, which the model read as blanks."""
    opening = next((t for t in chain(first, last) if not t.is_space), None)
    closing = next((t for t in chain(reversed(last), reversed(first)) if not t.is_space), None)
    if opening is None or closing is None:
        return ""
    return text[opening.idx + offset : closing.idx + len(closing) + offset].strip()


def _order(claim: Claim) -> tuple[int, int, str, str]:
    return claim.start, claim.end, claim.type, claim.rule


def _link_quotes(recs: list[dict[str, Any]]) -> None:
    """Give figures and stance inside a quote that quote's id (and stance its holder)."""
    quotes = [r for r in recs if r["type"] == "quote"]
    for rec in recs:
        if rec["type"] == "quote":
            continue
        host = next((q for q in quotes if q["start"] <= rec["start"] and rec["end"] <= q["end"]), None)
        if host is not None:
            rec["quote_id"] = host["id"]
            if rec["type"] == "stance" and rec["holder"] is None:
                rec["holder"] = host["speaker"]


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))
