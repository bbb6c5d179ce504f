"""What a reviewer judges of each claim type: the fields shown, which of them can be corrected,
how a typed correction becomes a value, and the digest that tells when a claim changed.

These are the fields the gold holds (``tests/gold/GUIDELINES.md``), so a reviewed claim becomes a
gold item without the KB: a decision stores the claim's values as the reviewer saw them, with the
corrections applied. The digest covers the same values and the claim's text, so a re-run that
changes what a decision was about (a new speaker, another amount) shows as a changed claim.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any


@dataclass(frozen=True)
class Field:
    """One reviewed field of a claim type, as the record names it.

    ``kind`` says how the page edits it and how a typed value is read: ``name`` (a person or
    organisation, offered from the document's names, or typed), ``text``, ``number``, ``choice``
    (one of ``choices``) or ``code`` (an ISO 4217 currency code). ``gold`` is its key in the gold
    file when that differs from the record's name.
    """

    name: str
    kind: str
    choices: tuple[str, ...] = ()
    editable: bool = True
    gold: str | None = None


FIELDS: dict[str, tuple[Field, ...]] = {
    "quote": (
        Field("speaker", "name"),
        Field("quote_kind", "choice", ("direct", "indirect", "mixed"), gold="kind"),
        Field("cue", "text", editable=False),
        Field("content", "text", editable=False),
    ),
    "money": (Field("amount", "number"), Field("amount_high", "number"), Field("currency", "code")),
    "count": (
        Field("value", "number"),
        Field("value_high", "number"),
        Field("count_kind", "choice", ("count", "percent", "proportion", "percentage_point"), gold="kind"),
        Field("unit", "text"),
        Field("total", "number"),
    ),
    "stance": (Field("polarity", "choice", ("positive", "negative")), Field("holder", "name")),
}

QUOTE_MARKS = "\"'“”‘’„«»‹›"


def fields_of(kind: str) -> tuple[Field, ...]:
    """The reviewed fields of a claim type; none for a type this module does not know (its claims
    are accepted or rejected as spans)."""
    return FIELDS.get(kind, ())


def values(record: Mapping[str, Any]) -> dict[str, Any]:
    """The reviewed fields of a record, as the KB has them."""
    return {f.name: record.get(f.name) for f in fields_of(record["type"])}


def digest(text: str, claim_values: Mapping[str, Any]) -> str:
    """A short digest of a claim's text and reviewed values: equal exactly when neither changed."""
    data = json.dumps([text, dict(claim_values)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(data.encode()).hexdigest()[:16]


def record_digest(record: Mapping[str, Any]) -> str:
    return digest(record["text"], values(record))


def parse(field: Field, typed: Any) -> Any:
    """A corrected value from what the reviewer typed (a string, a number or null), or a ValueError
    that says what the field takes. An empty value is null ("no speaker")."""
    if typed is None or (isinstance(typed, str) and not typed.strip()):
        return None
    if field.kind == "number":
        try:
            number = Decimal(str(typed).replace(",", "").strip())
        except InvalidOperation:
            raise ValueError(f"{field.name} must be a number, not {typed!r}") from None
        if not number.is_finite():
            raise ValueError(f"{field.name} must be a finite number, not {typed!r}")
        return int(number) if number == number.to_integral_value() else float(number)
    if not isinstance(typed, str):
        raise ValueError(f"{field.name} must be text, not {typed!r}")
    value = " ".join(typed.split())
    if field.kind == "choice" and value not in field.choices:
        raise ValueError(f"{field.name} must be one of {', '.join(field.choices)}, not {value!r}")
    if field.kind == "code":
        value = value.upper()
        if not re.fullmatch(r"[A-Z]{3}", value):
            raise ValueError(f"currency must be a three-letter ISO 4217 code such as GBP, not {typed!r}")
    return value


def corrections(kind: str, typed: Mapping[str, Any]) -> dict[str, Any]:
    """The typed corrections of a claim of type ``kind``, read by ``parse``; unknown or read-only
    fields are a ValueError naming them."""
    if kind not in FIELDS:
        raise ValueError(f"unknown claim type {kind!r}: choose one of {', '.join(FIELDS)}")
    editable = {f.name: f for f in fields_of(kind) if f.editable}
    unknown = sorted(set(typed) - set(editable))
    if unknown:
        raise ValueError(f"{kind} claims cannot have {', '.join(unknown)} corrected: only {', '.join(editable)}")
    return {name: parse(editable[name], value) for name, value in typed.items()}


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def word_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection widened to whole words: one that starts or ends inside a word (a drag that
    missed a letter) takes the whole word, as a claim never starts or ends mid-word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def spans_paragraphs(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] crosses a paragraph break (a blank line): no claim does."""
    return _PARAGRAPH_BREAK.search(text, start, end) is not None


def added_quote(text: str, start: int, end: int) -> dict[str, Any]:
    """The values of a quote a reviewer added by selecting it: its content is the selection without
    surrounding quote marks or a trailing comma or full stop, and it is direct when marks surround it
    (else indirect: an annotation tool has no kind to ask for; the review page asks)."""
    selected = text[start:end].strip()
    content = selected.strip(QUOTE_MARKS).rstrip(" ,.").strip(QUOTE_MARKS).strip()
    direct = selected[:1] in QUOTE_MARKS or selected[-1:] in QUOTE_MARKS
    kind = "direct" if direct else "indirect"
    return {"speaker": None, "quote_kind": kind, "cue": None, "content": content or selected}


def page_schema() -> dict[str, list[dict[str, Any]]]:
    """The fields per type, for the page's forms (declared here once)."""
    return {
        kind: [{"name": f.name, "kind": f.kind, "choices": list(f.choices), "editable": f.editable} for f in fields]
        for kind, fields in FIELDS.items()
    }
