"""spaCy components re-implemented for speed, in one place, each used only where it was checked.

    matcher.py   spaCy's Matcher, for the rules of every stage: each rule read around its anchor words
    tagging.py   the model's attribute_ruler and lemmatizer, by lookup
    entities.py  the model's ner, run on windows around names and numbers only

Each gives the stock component's answers on real text (the tests compare them) on the spaCy
versions and models it was checked against (``checked.py``); elsewhere the stock component runs.
Only these modules read what spaCy does not document. Importing the package registers the
components' factories.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from extract.faster.entities import unsupported_ner
from extract.faster.matcher import CHECKED, MatchRule, RuleMatcher, SpanMatcher
from extract.faster.tagging import unsupported_attribute_ruler, unsupported_lemmatizer

log = logging.getLogger("extract")

# The model's component, the faster one that does its work (its name, its factory), and why it
# cannot (None: it can).
FASTER = (
    ("attribute_ruler", ("extract_attribute_rules", "extract_attribute_rules_v1"), unsupported_attribute_ruler),
    ("lemmatizer", ("extract_lemmatizer", "extract_lemmatizer_v1"), unsupported_lemmatizer),
    ("ner", ("extract_entities", "extract_entities_v1"), unsupported_ner),
)


def use_faster_components(nlp: Language, wanted: Collection[str]) -> None:
    """Put our faster components in place of the model's, of those ``wanted``, where the model is
    one they were checked against. The model's own stay in the pipeline, disabled: the faster
    ones read them, and a saved pipeline keeps them."""
    for stock, (faster, faster_factory), unsupported in FASTER:
        if stock not in nlp.pipe_names or stock not in wanted:
            continue
        reason = unsupported(nlp)
        if reason is not None:
            log.info("keeping the model's %s (%s is faster but cannot stand in for it: %s)", stock, faster, reason)
            continue
        nlp.add_pipe(faster_factory, name=faster, after=stock)
        nlp.disable_pipe(stock)
        log.info("%s runs in place of the model's %s", faster, stock)


class StockMatcher:
    """spaCy's Matcher with ``greedy="LONGEST"``, its matches ordered as ``RuleMatcher`` orders them."""

    def __init__(self, vocab: Vocab, rules: Iterable[MatchRule]):
        self.matcher = Matcher(vocab)
        self.order: dict[str, int] = {}
        for rule in rules:
            self.order.setdefault(rule.id, len(self.order))
            self.matcher.add(rule.id, [rule.pattern], greedy="LONGEST")

    def __call__(self, doc: Doc) -> list[Span]:
        spans = self.matcher(doc, as_spans=True)
        return sorted(spans, key=lambda span: (span.start, -span.end, self.order[span.label_]))  # type: ignore[union-attr]


def rule_matcher(vocab: Vocab, rules: Iterable[MatchRule]) -> SpanMatcher:
    """The longest matches of ``rules``: a ``RuleMatcher`` where it was checked, else spaCy's Matcher."""
    reason = CHECKED.unchecked()
    if reason is None:
        return RuleMatcher(vocab, rules)
    log.debug("rules run through spaCy's Matcher (RuleMatcher is faster but %s)", reason)
    return StockMatcher(vocab, rules)
