"""Small helpers over the parse that several stages share."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract.faster import SpanMatcher

_LAST_TEXT: list[tuple[Doc, str]] = []  # the text of the doc read last: stages read one doc at a time


def text_of(doc: Doc) -> str:
    """The doc's text, joined once per doc (``Doc.text`` joins every token on each call)."""
    if not _LAST_TEXT or _LAST_TEXT[0][0] is not doc:
        _LAST_TEXT[:] = [(doc, doc.text)]
    return _LAST_TEXT[0][1]


# Words a noun phrase keeps to the left of its head noun.
NOUN_MODIFIERS = {"compound", "amod", "nmod", "poss"}


def matched_spans(matcher: SpanMatcher, doc: Doc) -> list[Span]:
    """Longest non-overlapping matches, each labelled with its rule id."""
    return sorted(filter_spans(matcher(doc)), key=lambda s: s.start)


def noun_phrase(head: Token, *, keep_adjectives: bool = True) -> Span:
    """The head noun with the modifiers written directly before it ("local authorities").

    A proper-noun head keeps only proper-noun modifiers: "successful Integrated Care Systems"
    gives "Integrated Care Systems", the name of what is counted.
    """
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.right_edge.i != start - 1 or child.dep_ not in NOUN_MODIFIERS:
            break
        if child.like_num or child.pos_ in {"SYM", "NUM", "PUNCT"}:
            break
        if child.dep_ == "amod" and (not keep_adjectives or head.pos_ == "PROPN"):
            break
        if head.pos_ == "PROPN" and child.pos_ not in {"PROPN", "NOUN"}:
            break
        start = child.left_edge.i
    return head.doc[start : head.i + 1]


def written_phrase(head: Token) -> Span:
    """A noun's phrase as written, without a clause about it: "the head of X, which reveals ...",
    "an official who spoke anonymously"."""
    doc = head.doc
    ends = (
        doc[i].left_edge.i if doc[i].dep_ == "relcl" else i
        for i in range(head.i + 1, head.right_edge.i + 1)
        if doc[i].is_punct or doc[i].dep_ == "relcl"
    )
    return doc[head.left_edge.i : next(ends, head.right_edge.i + 1)]
