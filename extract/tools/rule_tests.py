"""Every rule proves itself: its examples fire it, its counterexamples do not.

A rule of a label that produces records (a claim type's ``producing_label``) fires when the
pipeline's records on the text name it in ``rule``; a furniture rule fires when the line is
furniture; any other rule (qualifiers, periods, negation and hedge cues) fires when its
matcher matches; an attribution pattern (a DependencyMatcher pattern) fires when it matches the
example's parse. ``extract patterns check`` runs the examples, ``extract patterns test`` the
examples and counterexamples; ``tests/test_patterns.py`` runs both for every shipped rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import DependencyMatcher

from extract.document.article import FurnitureDetector, Line
from extract.faster import SpanMatcher
from extract.rules.loading import RuleSet
from extract.rules.schema import DEPENDENCY_LABELS, Rule
from extract.run.extraction import extract_many
from extract.stages.registry import claim_types
from extract.stages.syntax import matched_spans


@dataclass(frozen=True)
class Failure:
    """An example a rule does not fire on, or a counterexample it fires on."""

    rule: Rule
    text: str
    example: bool  # True: an example; False: a counterexample

    def __str__(self) -> str:
        what = "does not fire on example" if self.example else "fires on counterexample"
        return f"{self.rule.origin}: rule {self.rule.id!r} {what} {self.text!r}"


class RuleTester:
    """Fires rules on their examples with one pipeline and the rule set it was built with."""

    def __init__(self, nlp: Language, rules: RuleSet):
        self.nlp = nlp
        self.rules = rules
        self.producing = {kind.producing_label for kind in claim_types()}
        self.matchers: dict[str, SpanMatcher] = {}
        self.dependency_matchers: dict[str, DependencyMatcher] = {}
        self.furniture = FurnitureDetector(rules)

    def fires(self, rule: Rule, text: str) -> bool:
        if rule.label in self.producing:
            records = next(extract_many(self.nlp, [("example", text)]))[3]
            return any(record["rule"] == rule.id for record in records)
        if rule.label == "FURNITURE":
            return self.furniture(Line(0, len(text), text))
        if rule.label in DEPENDENCY_LABELS:
            if rule.id not in self.dependency_matchers:
                self.dependency_matchers[rule.id] = RuleSet((rule,)).dependency_matcher(self.nlp.vocab, rule.label)
            return bool(self.dependency_matchers[rule.id](self.nlp(text)))
        if rule.label not in self.matchers:
            self.matchers[rule.label] = self.rules.matcher(self.nlp.vocab, rule.label)
        return any(span.label_ == rule.id for span in matched_spans(self.matchers[rule.label], self.nlp(text)))

    def failures(self, rules: Iterable[Rule], *, counterexamples: bool = True) -> Iterator[Failure]:
        """Each failing example (and counterexample) of ``rules``, in rule order."""
        for rule in rules:
            yield from (Failure(rule, text, True) for text in rule.examples if not self.fires(rule, text))
            if counterexamples:
                yield from (Failure(rule, text, False) for text in rule.counterexamples if self.fires(rule, text))
