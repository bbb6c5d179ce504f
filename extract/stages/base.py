"""What every claim stage shares: the ``Claim`` it appends to ``doc._.claims``, and ``ClaimStage``,
the spaCy component base that loads, keeps and saves a stage's rules.

A stage reads the rules of its labels (``labels``) and the word lists that come with them. Its
rules come from ``initialize`` (the shipped patterns plus the folders in its ``patterns``
setting, or a rule set given by ``build_pipeline`` so that all stages share one), or from
``from_disk`` when a saved pipeline is loaded with ``spacy.load``: the rules are saved with the
pipeline, so it runs the same anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from extract.rules.loading import RuleSet, load_rules
from extract.rules.schema import parse_rule
from extract.rules.words import Words, using

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@dataclass
class Claim:
    """One extracted claim, with character offsets into the spaCy doc's text.

    ``fields`` is the claim type's own record fields: an instance of the dataclass its entry in
    ``extract.stages.registry`` names (``QuoteFields``, ``MoneyFields``...).
    """

    type: str
    start: int
    end: int
    rule: str
    fields: Any


def claims_of(doc: Doc) -> list[Claim]:
    """The doc's claim list, created on first use (a shared default list would leak across docs)."""
    if doc._.claims is None:
        doc._.claims = []
    return doc._.claims


RULES_FILE = "rules.jsonl"
WORDS_FILE = "words.json"


class ClaimStage:
    """A spaCy component that adds one type of claim to ``doc._.claims``, driven by rules.

    Subclasses set ``labels`` (the rule labels whose rules shape their output) and implement
    ``use_rules`` (build matchers from a rule set) and ``find`` (append claims to a doc).
    """

    labels: ClassVar[tuple[str, ...]] = ()

    def __init__(self, nlp: Language, name: str, patterns: Sequence[str] = ()):
        self.vocab = nlp.vocab
        self.name = name
        self.patterns = list(patterns)  # the user's rule folders, beside the shipped rules
        self.rule_set: RuleSet | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        rules: RuleSet | None = None,
    ) -> None:
        """Load the rules: ``rules`` when given (one set shared by every stage), else the shipped
        patterns plus this stage's ``patterns`` folders."""
        if rules is None:
            rules = load_rules([Path(p) for p in self.patterns])
        self.use_rules(rules)
        self.rule_set = rules

    def use_rules(self, rules: RuleSet) -> None:
        """Build this stage's matchers from ``rules``."""
        raise NotImplementedError

    def find(self, doc: Doc) -> None:
        """Append this stage's claims to ``claims_of(doc)``."""
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        if self.rule_set is None:
            raise ValueError(f"{self.name} has no rules: call its initialize() (build_pipeline does)")
        with using(self.rule_set.words):  # the word lists of its rules, as they were loaded
            self.find(doc)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the rules this stage reads (their own labels), so ``spacy.load`` runs the same rules."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        rules = self.rule_set.with_label(*self.labels) if self.rule_set is not None else []
        srsly.write_jsonl(path / RULES_FILE, [rule.as_json() for rule in rules])
        srsly.write_json(path / WORDS_FILE, self.rule_set.words.lists if self.rule_set is not None else {})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ClaimStage:
        file = Path(path) / RULES_FILE
        words = Words(srsly.read_json(Path(path) / WORDS_FILE))
        rules = RuleSet(
            tuple(parse_rule(obj, f"{file}:{n}", words) for n, obj in enumerate(srsly.read_jsonl(file), 1)), words
        )
        self.use_rules(rules)
        self.rule_set = rules
        return self
