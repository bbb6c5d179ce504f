"""What money and count claims share: the qualifier before a figure ("more than", "an estimated")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.rules.loading import RuleSet
from extract.rules.words import Words


@dataclass(frozen=True)
class Qualifier:
    start: int  # token index where the qualifier starts
    comparator: str
    approx: bool
    rule: str


def _phrasal_up(span: Span, verbs: frozenset[str]) -> bool:
    """ "go up to £749": "up" belongs to the verb, not to a qualifier "up to"."""
    before = span.doc[span.start - 1] if span.start else None
    return span[0].lower_ == "up" and before is not None and before.lemma_ in verbs


class Qualifiers:
    """Finds "more than", "an estimated", "up to"... directly before a figure."""

    def __init__(self, rules: RuleSet, vocab):
        self.matcher = rules.matcher(vocab, "QUALIFIER")
        self.rules = {r.id: r for r in rules.with_label("QUALIFIER")}
        self.phrasal_up_verbs = rules.words["phrasal-up-verbs"]

    def index(self, doc: Doc) -> dict[int, Qualifier]:
        """Qualifiers by the token index they end at (exclusive)."""
        found = {}
        for span in filter_spans(self.matcher(doc)):
            if _phrasal_up(span, self.phrasal_up_verbs):
                continue
            rule = self.rules[span.label_]
            found[span.end] = Qualifier(span.start, rule.fields["comparator"], rule.fields["approx"] == "true", rule.id)
        return found


def change_parts(span: Span, valid: Callable[[Span], bool], words: Words) -> list[Span]:
    """ "rose from $20m to $25m", "cut from 26 to 12 wards", "rise by £92 to £2,171": two figures
    (before and after, or the change and the new level), not a range, when both parts are
    ``valid``. Other spans as they are."""
    doc = span.doc
    to = next((t for t in span if t.lower_ == "to"), None)
    prep = doc[span.start - 1] if span.start else None
    if to is None or prep is None or prep.lower_ not in {"from", "by"}:
        return [span]
    if prep.lower_ == "from" and prep.head.lemma_ not in words["change-verbs"]:
        return [span]  # "salaries range from $48,000 to $52,000" is a range
    parts = [Span(doc, span.start, to.i, span.label), Span(doc, to.i + 1, span.end, span.label)]
    return parts if all(len(p) and valid(p) for p in parts) else [span]
