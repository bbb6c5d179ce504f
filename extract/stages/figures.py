"""What money and count claims share: the qualifier before a figure ("more than", "an estimated")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.util import filter_spans

from extract.rules.loading import RuleSet
from extract.rules.words import active


@dataclass(frozen=True)
class Qualifier:
    start: int  # token index where the qualifier starts
    comparator: str
    approx: bool
    rule: str


def _phrasal_up(span) -> bool:
    before = span.doc[span.start - 1] if span.start else None
    return span[0].lower_ == "up" and before is not None and before.lemma_ in active()["phrasal-up-verbs"]


class Qualifiers:
    """Finds "more than", "an estimated", "up to"... directly before a figure."""

    def __init__(self, rules: RuleSet, vocab):
        self.matcher = rules.matcher(vocab, "QUALIFIER")
        self.rules = {r.id: r for r in rules.with_label("QUALIFIER")}

    def index(self, doc: Doc) -> dict[int, Qualifier]:
        """Qualifiers by the token index they end at (exclusive)."""
        found = {}
        for span in filter_spans(self.matcher(doc)):
            if _phrasal_up(span):
                continue
            rule = self.rules[span.label_]
            found[span.end] = Qualifier(span.start, rule.fields["comparator"], rule.fields["approx"] == "true", rule.id)
        return found
