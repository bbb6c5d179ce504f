"""What every claim stage shares: the ``Claim`` it appends to ``doc._.claims``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@dataclass
class Claim:
    """One extracted claim, with character offsets into the spaCy doc's text."""

    type: str
    start: int
    end: int
    rule: str
    fields: dict[str, Any] = field(default_factory=dict)


def claims_of(doc: Doc) -> list[Claim]:
    """The doc's claim list, created on first use (a shared default list would leak across docs)."""
    if doc._.claims is None:
        doc._.claims = []
    return doc._.claims
