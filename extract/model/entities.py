"""The model's named entities, one at a time: the entity a token is part of, and those within a
stretch of tokens (found by the model's NER, or by its windowed stand-in in ``faster/entities.py``)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def entity_at(token: Token) -> Span | None:
    """The entity a token is part of, read from the IOB tags around it: ``Doc.ents`` builds
    every entity of the document on each call, and the speaker code asks for one at a time."""
    if token.ent_iob not in (1, 3) or not token.ent_type:
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob == 1:
        start -= 1
    while end < len(doc) and doc[end].ent_iob == 1:
        end += 1
    return Span(doc, start, end, label=token.ent_type)


def entities_in(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities that lie wholly within tokens ``start`` to ``end``, in order."""
    found = (entity_at(doc[i]) for i in range(max(0, start), min(end, len(doc))) if doc[i].ent_iob == 3)
    return [ent for ent in found if ent is not None and ent.end <= end]
